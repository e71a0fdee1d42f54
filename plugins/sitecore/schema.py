"""Validate editors' metadata with pydantic, reporting ``path:line: field: message``.

The models describe the contract's fields; this module turns pydantic's error
list into one problem per mistake, located with the YAML line numbers, and adds
what pydantic cannot know: unknown fields with a did-you-mean for likely typos.
The readers of the basic values (texts, dates, URLs, tag lists) live here too;
the field types built on them are declared in :mod:`sitecore.fieldtypes`.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError, ValidationInfo

from .dates import DEFAULT_TIMEZONE, When, get_zone, parse_when
from .i18n import M_, Joined, M, Message, message_of, one_or_other
from .limits import MAX_SLUG_LENGTH, MAX_TAG_LENGTH
from .problems import ProblemLog, did_you_mean
from .slugs import slugify
from .yamldoc import YamlDoc

ModelT = TypeVar("ModelT", bound=BaseModel)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(
            M("expected a text on the same line, not a list or indented lines")
        )
    value = value.strip()
    if not value:
        raise ValueError(M("must not be empty; write a value after the colon"))
    return value


def _text_list(value: Any) -> list[str]:
    # "tags: a, b" is how Pelican and WordPress users write lists; accept it.
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ValueError(M("expected a list, e.g. [one, two]"))
    items = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(M("expected a list of words or names, e.g. [one, two]"))
        item = item.strip()
        if not item:
            continue
        # Tags become URL segments and page titles: each must be a short word
        # or phrase that leaves something in a URL, or it would vanish.
        if len(item) > MAX_TAG_LENGTH:
            raise ValueError(
                M(
                    "'{start}…' is {length} characters long and an entry may "
                    "have at most {limit}; shorten it",
                    start=item[:30],
                    length=len(item),
                    limit=MAX_TAG_LENGTH,
                )
            )
        if not slugify(item):
            if any(character.isalnum() for character in item):
                raise ValueError(
                    M(
                        "'{item}' has no letters from A to Z or digits, so it "
                        "cannot be part of a web address; write it in Latin letters",
                        item=item,
                    )
                )
            raise ValueError(
                M(
                    "'{item}' has no letters or digits; write a word or remove it",
                    item=item,
                )
            )
        items.append(item)
    return items


def _when(value: Any, info: ValidationInfo) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(
            M("expected a date: YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2017-01-27")
        )
    zone_name = info.data.get("timezone") or (info.context or {}).get(
        "timezone", DEFAULT_TIMEZONE
    )
    try:
        zone = get_zone(zone_name)
    except ValueError:  # reported on the timezone field itself
        zone = get_zone(DEFAULT_TIMEZONE)
    return parse_when(value, zone)


def _zone_name(value: Any) -> str:
    name = _text(value)
    get_zone(name)
    return name


def _slug(value: Any) -> str:
    text = _text(value)
    slug = slugify(text, limit=None)
    if not slug:
        raise ValueError(M("must contain letters or digits, e.g. ueber-uns"))
    if len(slug) > MAX_SLUG_LENGTH:
        raise ValueError(
            M(
                "'{start}…' is {length} characters long and a slug may have "
                "at most {limit}; use a shorter one such as '{shorter}'",
                start=slug[:30],
                length=len(slug),
                limit=MAX_SLUG_LENGTH,
                shorter=slugify(text),
            )
        )
    return slug


def _number(value: Any) -> float:
    try:
        return float(_text(value))
    except ValueError:
        raise ValueError(
            M("expected a number such as 1 or 2, not '{value}'", value=value)
        ) from None


def safe_url(value: Any, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """Accept absolute URLs with one of ``schemes`` only.

    ``javascript:`` and ``data:`` URLs would run code in visitors' browsers, so
    they must never reach a page; a URL without a host is a typo.
    """
    url = _text(value)
    parts = urlsplit(url)
    allowed = one_or_other(f"{s}://" for s in schemes)
    if parts.scheme.lower() not in schemes or not parts.netloc:
        raise ValueError(
            M(
                "'{url}' is not a web address: it must start with {allowed}; "
                "copy it from the browser's address bar",
                url=url,
                allowed=allowed,
            )
        )
    if any(c.isspace() for c in url):
        raise ValueError(
            M(
                "'{url}' contains spaces; copy the address from the browser's "
                "address bar",
                url=url,
            )
        )
    return url


def field_names(model: type[BaseModel]) -> set[str]:
    """The front-matter names a model accepts (aliases included)."""
    names = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
    return names


#: A problem of one field: "title: must not be empty".
FIELD_PROBLEM = M_("{field}: {message}")


def on_field(name: str, message: Message) -> Message:
    """``name: message``; a model-level check names its field this way."""
    return M(FIELD_PROBLEM, field=name, message=message)


def validate(
    model: type[ModelT],
    doc: YamlDoc,
    path: str,
    problems: ProblemLog,
    *,
    unknown_is_error: bool = False,
    context: dict[str, Any] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> ModelT | None:
    """Validate ``doc`` against ``model``; report every problem; None on error."""
    known = field_names(model)
    for name in doc.data:
        if name in known or name in ignore:
            continue
        hint = did_you_mean(name, known)
        if unknown_is_error:
            problems.error(
                path,
                doc.line_of(name),
                M(
                    "{name}: unknown field{hint}; check the spelling, or remove it",
                    name=name,
                    hint=hint,
                ),
            )
        else:
            problems.warning(
                path,
                doc.line_of(name),
                M("{name}: unknown field{hint}; it is ignored", name=name, hint=hint),
            )
    # An optional field left blank ("summary:" in a template) means "not given".
    optional = {
        info.alias or name
        for name, info in model.model_fields.items()
        if not info.is_required()
    }
    data = {
        k: v
        for k, v in doc.data.items()
        if (k in known or k in ignore) and not (k in optional and v in ("", []))
    }
    try:
        return model.model_validate(data, context=context or {})
    except ValidationError as exc:
        report_validation_error(exc, doc, path, problems)
        return None


def report_validation_error(
    exc: ValidationError, doc: YamlDoc, path: str, problems: ProblemLog
) -> None:
    """Turn pydantic's errors into ``field: message`` problems with lines.

    Validators raise ``ValueError(M(...))``; pydantic keeps the exception in
    the error's context, so the message stays an untranslated
    :class:`~sitecore.i18n.Message` until an editor reads it. Pydantic's own
    English texts are never shown: each kind of error it reports itself is
    said here, with what to write instead.
    """
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # "location.city"; a list's items are found by their line: "topics".
        field = ".".join(str(part) for part in loc if isinstance(part, str))
        kind = error["type"]
        if kind == "missing":
            name = str(loc[-1]) if loc else field
            problems.error(
                path,
                max(doc.first_line - 1, 1),
                M(
                    "{field}: missing required field; add a line '{name}: …'",
                    field=field,
                    name=name,
                ),
            )
            continue
        message = _pydantic_message(error)
        named = _named_field(message)  # checks that name their field: on_field()
        if named is not None or not loc:
            line = doc.line_of(named) if named in doc.data else doc.line_of(*loc)
            problems.error(path, line, message)
            continue
        problems.error(
            path, doc.line_of(*loc), M(FIELD_PROBLEM, field=field, message=message)
        )


def _pydantic_message(error: Any) -> Message | Joined | str:
    """The editor message of one of pydantic's errors."""
    kind = error["type"]
    if kind == "value_error":
        return message_of(error["ctx"]["error"])
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(error["ctx"]["expected"]))
        return M(
            "'{value}' is not allowed; use one of: {allowed}",
            value=error["input"],
            allowed=", ".join(allowed),
        )
    if kind == "list_type":
        return M("expected a list, e.g. [one, two]")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return M("expected 'name: value' lines below it, each indented by two spaces")
    return M(
        "this value cannot be used here; compare it with the example in the "
        "editor guide"
    )


def _named_field(message: Any) -> str | None:
    """The field a model-level message names (see :func:`on_field`)."""
    if isinstance(message, Message) and message.id == FIELD_PROBLEM:
        return str(dict(message.values)["field"])
    return None
