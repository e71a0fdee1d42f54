"""Validate editors' metadata with pydantic, reporting ``path:line: field: message``.

The models describe the contract's fields; this module turns pydantic's error
list into one problem per mistake, located with the YAML line numbers, and adds
what pydantic cannot know: unknown fields with a did-you-mean for likely typos.
Field types shared by all content kinds (dates, URLs, tag lists) live here too.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ValidationError, ValidationInfo

from .dates import DEFAULT_TIMEZONE, When, get_zone, parse_when
from .limits import MAX_SLUG_LENGTH, MAX_TAG_LENGTH
from .problems import ProblemLog, did_you_mean
from .slugs import slugify
from .yamldoc import YamlDoc

ModelT = TypeVar("ModelT", bound=BaseModel)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text, not a list or mapping")
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


def _text_list(value: Any) -> list[str]:
    # "tags: a, b" is how Pelican and WordPress users write lists; accept it.
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ValueError("expected a list, e.g. [one, two]")
    items = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError("expected a list of words or names")
        item = item.strip()
        if not item:
            continue
        # Tags become URL segments and page titles: each must be a short word
        # or phrase that leaves something in a URL, or it would vanish.
        if len(item) > MAX_TAG_LENGTH:
            raise ValueError(
                f"'{item[:30]}…' is {len(item)} characters long and an entry may "
                f"have at most {MAX_TAG_LENGTH}; shorten it"
            )
        if not slugify(item):
            if any(character.isalnum() for character in item):
                raise ValueError(
                    f"'{item}' has no letters from A to Z or digits, so it cannot "
                    "be part of a web address; write it in Latin letters"
                )
            raise ValueError(
                f"'{item}' has no letters or digits; write a word or remove it"
            )
        items.append(item)
    return items


def _when(value: Any, info: ValidationInfo) -> When:
    if isinstance(value, When):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a date: YYYY-MM-DD or YYYY-MM-DD HH:MM")
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
        raise ValueError("must contain letters or digits")
    if len(slug) > MAX_SLUG_LENGTH:
        raise ValueError(
            f"'{slug[:30]}…' is {len(slug)} characters long and a slug may have "
            f"at most {MAX_SLUG_LENGTH}; use a shorter one such as '{slugify(text)}'"
        )
    return slug


def _number(value: Any) -> float:
    try:
        return float(_text(value))
    except ValueError:
        raise ValueError(f"expected a number such as 1 or 2, not '{value}'") from None


def safe_url(value: Any, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """Accept absolute URLs with one of ``schemes`` only.

    ``javascript:`` and ``data:`` URLs would run code in visitors' browsers, so
    they must never reach a page; a URL without a host is a typo.
    """
    url = _text(value)
    parts = urlsplit(url)
    allowed = " or ".join(f"{s}://" for s in schemes)
    if parts.scheme.lower() not in schemes or not parts.netloc:
        raise ValueError(f"'{url}' is not a web address: it must start with {allowed}")
    if any(c.isspace() for c in url):
        raise ValueError(f"'{url}' contains spaces")
    return url


Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[list[str], BeforeValidator(_text_list)]
DateTime = Annotated[When, BeforeValidator(_when)]
ZoneName = Annotated[str, BeforeValidator(_zone_name)]
Slug = Annotated[str, BeforeValidator(_slug)]
Number = Annotated[float, BeforeValidator(_number)]
Url = Annotated[str, BeforeValidator(safe_url)]
Status = Literal["published", "draft"]


def field_names(model: type[BaseModel]) -> set[str]:
    """The front-matter names a model accepts (aliases included)."""
    names = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
    return names


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
        message = f"{name}: unknown field" + did_you_mean(name, known)
        if unknown_is_error:
            problems.error(path, doc.line_of(name), message)
        else:
            problems.warning(path, doc.line_of(name), message + "; it is ignored")
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
    """Turn pydantic's errors into ``field: message`` problems with lines."""
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        field = ".".join(str(part) for part in loc) or "front matter"
        kind = error["type"]
        if kind == "missing":
            problems.error(
                path, max(doc.first_line - 1, 1), f"{field}: missing required field"
            )
            continue
        if kind == "value_error":
            message = str(error["ctx"]["error"])
        elif kind == "literal_error":
            expected = error["ctx"]["expected"]
            message = f"'{error['input']}' is not allowed; expected {expected}"
        elif kind in ("list_type", "dict_type", "model_type"):
            message = "expected " + {
                "list_type": "a list",
                "dict_type": "a mapping",
            }.get(kind, "a mapping of fields")
        else:
            message = error["msg"]
        if not loc:
            # Model-level checks name their field as "field: message".
            name, _, rest = message.partition(": ")
            if rest and name in doc.data:
                problems.error(path, doc.line_of(name), message)
                continue
        problems.error(path, doc.line_of(*loc), f"{field}: {message}")
