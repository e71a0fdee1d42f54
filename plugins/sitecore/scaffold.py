"""New content files with the right front matter (``invoke new``).

What a new file contains comes from its section's declaration and model: the
fields in the order editors see them (``editor_order``), each with its
description as a comment in the file's language, required fields filled in
so the file builds at once, and ``status: draft`` so nothing is published
before the editor says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .i18n import N_, M
from .problems import ProblemLog
from .sections import Section
from .slugs import is_valid_key, slugify
from .sources import scan_section

NEW_TITLE = N_("New title")
NEW_TEXT = N_("Text in Markdown.")
NEW_NAME = N_("New name")
NEW_PLAIN_TEXT = N_("Text")
#: An event's default start: a week ahead, at a time people come to events.
EVENT_DAYS_AHEAD = 7
EVENT_HOUR = 18

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
        yaml_files=bool(getattr(model, "yaml_file", False)),
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
    values = _values(model, now, dict(defaults or {}))
    if getattr(model, "yaml_file", False):
        lang = languages[0]
        text = _yaml_file(model, values, languages, lambda m: translate(lang, m))
        return [_write(folder / f"{key}.yml", text)]
    paths = []
    for lang in languages:
        tr = lambda message, lang=lang: translate(lang, message)  # noqa: E731
        front = _front_matter(model, values, tr)
        body = tr(NEW_TEXT)
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


def _values(model: type[BaseModel], now: datetime, defaults: dict[str, Any]) -> dict:
    """What each field starts with; ``None`` leaves it as a comment."""
    start = (now + timedelta(days=EVENT_DAYS_AHEAD)).replace(
        hour=EVENT_HOUR, minute=0, second=0, microsecond=0
    )
    known = {
        "date": now.strftime("%Y-%m-%d %H:%M"),
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "status": "draft",
        "summary": "",
        "tags": [],
    }
    fields = model.model_fields
    return {
        name: defaults.get(name, known.get(name))
        for name in getattr(model, "editor_order", tuple(fields))
        if name in fields
    }


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


def _front_matter(
    model: type[BaseModel], values: dict[str, Any], tr: Callable[[str], str]
) -> str:
    lines = []
    for name, value in values.items():
        info = model.model_fields[name]
        if name == "title":
            value = tr(NEW_TITLE)
        described = tr(info.description) if info.description else ""
        lines += _line(name, value, described)
    return "\n".join(lines) + "\n"


def _yaml_file(
    model: type[BaseModel],
    values: dict[str, Any],
    languages: tuple[str, ...],
    tr: Callable[[str], str],
) -> str:
    markdown = set(getattr(model, "markdown_fields", ()))
    per_language = markdown | set(getattr(model, "per_language_fields", ()))
    lines = []
    for name, value in values.items():
        info = model.model_fields[name]
        described = tr(info.description) if info.description else ""
        if name in per_language:
            text = tr(NEW_TEXT if name in markdown else NEW_PLAIN_TEXT)
            value = dict.fromkeys(languages, text)
        elif value is None and info.is_required():
            value = _placeholder(name, info, tr)
        lines += _line(name, value, described)
    return "\n".join(lines) + "\n"


def _placeholder(name: str, info: Any, tr: Callable[[str], str]) -> Any:
    """A value that validates, for a required field of a YAML file."""
    for meta in info.metadata:
        codes = getattr(getattr(meta, "func", None), "codes", None)
        if codes:
            return next(iter(codes))
    if name == "name":
        return tr(NEW_NAME)
    return "…"
