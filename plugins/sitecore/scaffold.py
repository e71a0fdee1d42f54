"""New content files with the right front matter (``invoke new``).

What a new file contains comes from its section's declaration and model: the
fields in the order editors see them (``editor_order``, and every required
field), each with its description as a comment in the file's language and
the start value its field type suggests (:mod:`sitecore.fieldtypes`):
required fields filled in so the file builds at once, and ``status: draft``
so nothing is published before the editor says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from .fieldbase import DeclaredField, Example
from .fieldparts import NEW_TEXT
from .i18n import M
from .problems import ProblemLog
from .sectionmodel import SectionModel
from .sections import Section
from .slugs import is_valid_key, slugify
from .sources import scan_section

Translate = Callable[[str, str], str]  # (language, message id) -> text


class ScaffoldError(ValueError):
    """The key or section cannot be used; the message says how to fix it."""


def check_new_key(
    content_root: str, section: Section, key: str, languages: tuple[str, ...]
) -> None:
    """Refuse keys that are invalid or already used anywhere in the section."""
    if not is_valid_key(key):
        hint = slugify(key)
        raise ScaffoldError(
            M(
                "'{key}' cannot be used as a key: use lower-case letters a-z, "
                "digits and '-' only, e.g. '{example}'",
                key=key,
                example=hint or "summer-party",
            )
        )
    model = section.model()
    existing = scan_section(
        content_root,
        section.name,
        languages,
        ProblemLog(),
        folder=section.path,
        yaml_files=model.yaml_file,
    )
    for source in existing:
        if source.key == key:
            raise ScaffoldError(
                M(
                    "the key '{key}' is already used by content/{file}; "
                    "choose another key or edit that file",
                    key=key,
                    file=source.relpath,
                )
            )


def scaffold(
    content_root: str,
    section: Section,
    key: str,
    languages: tuple[str, ...],
    now: datetime,
    translate: Translate,
    defaults: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Create the files of a new item; return their paths.

    ``defaults`` gives values for fields the site knows better than a
    placeholder (an event's usual place). Refuses to overwrite anything.
    """
    check_new_key(content_root, section, key, languages)
    model = section.model()
    folder = Path(content_root, *section.path.split("/"))
    if section.year_folders:
        folder /= now.strftime("%Y")
    given = dict(defaults or {})
    if model.yaml_file:
        lang = languages[0]
        text = _fields_text(model, given, now, languages, lang, translate)
        return [_write(folder / f"{key}.yml", text)]
    paths = []
    for lang in languages:
        front = _fields_text(model, given, now, languages, lang, translate)
        body = translate(lang, NEW_TEXT)
        paths.append(
            _write(folder / f"{key}.{lang}.md", f"---\n{front}---\n\n{body}\n")
        )
    return paths


def _write(path: Path, text: str) -> Path:
    if path.exists():
        raise ScaffoldError(
            M("{file} exists already; choose another key", file=str(path))
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def scaffolded_fields(model: type[SectionModel]) -> list[DeclaredField]:
    """The fields a new file shows: the editor order, and every required field."""
    names = [name for name in model.editor_order if name in model.declared]
    names += [
        name
        for name, declared in model.declared.items()
        if declared.required and name not in names
    ]
    return [model.declared[name] for name in names]


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    text = str(value)
    needs_quotes = (
        ": " in text
        or " #" in text
        or text.endswith(":")
        or text[:1] in "'\"[]{},&*!|>%@`#-?"
    )
    if text and needs_quotes:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _line(name: str, value: Any, description: str, indent: str = "") -> list[str]:
    comment = f"{indent}# {description}" if description else ""
    if value is None:
        return [comment, f"{indent}# {name}:"] if comment else [f"{indent}# {name}:"]
    lines = [comment] if comment else []
    if isinstance(value, Mapping):
        lines.append(f"{indent}{name}:")
        lines += [f"{indent}  {key}: {_scalar(item)}" for key, item in value.items()]
    else:
        lines.append(f"{indent}{name}: {_scalar(value)}".rstrip())
    return lines


def _fields_text(
    model: type[SectionModel],
    defaults: Mapping[str, Any],
    now: datetime,
    languages: tuple[str, ...],
    lang: str,
    translate: Translate,
) -> str:
    """Every scaffolded field with its explanation, in the file's language ``lang``.

    Each field starts with what its type suggests (a required field always
    gets a value that builds, so the draft builds at once); ``defaults``
    know better where the site has a value (an event's usual place).
    """
    tr = lambda message: translate(lang, message)  # noqa: E731
    example = Example(now=now, translate=tr, languages=languages)
    lines = []
    for declared in scaffolded_fields(model):
        name = declared.name
        value = defaults[name] if name in defaults else declared.start_value(example)
        lines += _line(name, value, declared.file_hint_in(lang, tr))
    return "\n".join(lines) + "\n"
