"""The site's field types: annotate a model field with one, and the site knows it.

``deadline: Day`` in a model is all it takes for a new field: ``invoke new``
writes a date for it, the editing interface offers a date picker, a wrong
value is answered with the date message in the editor's language, and the
generic item page shows it as a date in the visitor's language. What each
type does is declared once, below (see :class:`sitecore.fieldbase.FieldType`).

- ``Text``, ``LongText``: a line, a paragraph of plain text;
- ``Day`` (``YYYY-MM-DD``), ``DateTime`` (``YYYY-MM-DD HH:MM``), ``DayOrTime``
  (either, as events' ``start``), ``Since`` (``YYYY``, ``YYYY-MM`` or a day);
- ``Number``, ``Order`` (a position in lists, never shown), ``Flag``, ``Url``;
- ``Email``, ``Phone``, ``Photo``: personal data, only with a ``consent`` date;
- ``Picture`` (with its description ``<name>_alt``), ``TextList`` (tags);
- ``MemberKeys``, ``MemberKey``: member keys, checked against the members;
- ``Texts``, ``MarkdownTexts``: one text per language (YAML files);
- ``choice(what, codes)``, ``choices(what, codes)``: codes of a vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from babel.numbers import format_decimal
from markupsafe import Markup, escape
from pydantic import AfterValidator, BeforeValidator

from .dates import MAX_YEAR, MIN_YEAR, When, format_date, format_time, no_such_day
from .email import email_link, phone_href
from .fieldbase import DeclaredField, Editing, Example, FieldType, Shown
from .fields import (
    PartialDate,
    alias_path,
    code_list,
    flag,
    member_key,
    one_of,
    partial_date,
    per_language,
    unique,
)
from .i18n import M_, N_, M
from .personal import (
    consent_date,
    email_address,
    phone_number,
    photo_path,
    with_consent,
)
from .schema import _number, _slug, _text, _text_list, _when, _zone_name, safe_url

#: What new files and the interface write for texts still to be written.
NEW_TEXT = M_("Text in Markdown.")
NEW_PLAIN_TEXT = M_("Text")
#: Patterns the editing interface checks typed values against.
KEY_PATTERN = r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
WHEN_PATTERN = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
ZONE_PATTERN = r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"
ALIAS_PATTERN = r"^/[^?#\s]*$"
#: How the date widgets write: the contract's ``YYYY-MM-DD HH:MM`` and ``YYYY-MM-DD``.
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"
DAY_FORMAT = "YYYY-MM-DD"
#: How to write a value, in the editor's language (interface and new files).
KEY_MESSAGE = M_("Use lower-case letters a-z, digits and single '-' only")
URL_MESSAGE = M_("A web address starting with https:// or http://")
DATE_MESSAGE = M_("Write YYYY-MM-DD HH:MM, or YYYY-MM-DD for a whole day")
DAY_MESSAGE = M_("A date: YYYY-MM-DD, e.g. 2027-03-31")
PARTIAL_DATE_MESSAGE = M_("Write YYYY, YYYY-MM or YYYY-MM-DD")
COUNTRY_MESSAGE = M_("Two letters, e.g. DE or US")
ZONE_MESSAGE = M_("A time zone such as Europe/Berlin or America/Los_Angeles")
ALIAS_MESSAGE = M_("A path of this site starting with /, e.g. /2017/01/old-post/")
ALIAS_LABEL = M_("Old addresses")
#: The choices of ``status``, as the interface labels them.
STATUS_LABELS = {"published": M_("published"), "draft": M_("draft")}
#: How a flag reads on a page.
YES, NO = N_("yes"), N_("no")
#: New items start this far ahead: an event next week, a deadline in a month.
EVENT_DAYS_AHEAD = 7
EVENT_HOUR = 18
DAYS_AHEAD = 30


def day(value: Any) -> date:
    """A calendar day written ``YYYY-MM-DD`` that exists."""
    text = _text(value)
    parts = text.split("-")
    if (
        len(parts) != 3
        or [len(p) for p in parts] != [4, 2, 2]
        or not all(p.isdigit() for p in parts)
    ):
        raise ValueError(
            M(
                "'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31",
                text=text,
            )
        )
    year, month, number = (int(p) for p in parts)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            M(
                "'{text}' has the year {year}; years from {first} to {last} "
                "are accepted, so check the date",
                text=text,
                year=parts[0],
                first=MIN_YEAR,
                last=MAX_YEAR,
            )
        )
    try:
        return date(year, month, number)
    except ValueError:
        raise ValueError(no_such_day(text)) from None


# Widgets of the editing interface ------------------------------------------------


def _fixed(settings: Mapping[str, Any]) -> Any:
    return lambda declared, editing: dict(settings)


def upload_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    # Uploads land in content/images/ and are written "images/…" as the
    # contract asks (the folder starting with / is the repository's root).
    folder = editing.images_folder
    return {
        "widget": "image",
        "media_folder": "/" + folder,
        "public_folder": folder.rsplit("/", 1)[-1],
        "choose_url": False,
    }


def _members(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    many = declared.type.many
    if not editing.member_choices:
        return {"widget": "list"} if many else {"widget": "string"}
    widget: dict[str, Any] = {
        "widget": "select",
        "options": [{"label": n, "value": k} for k, n in editing.member_choices],
    }
    if many:
        widget["multiple"] = True
    return widget


def _options(codes: Mapping[str, str], editing: Editing) -> list[dict[str, str]]:
    return [
        {"label": editing.translate(label), "value": code}
        for code, label in codes.items()
    ]


def _choice_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    widget: dict[str, Any] = {
        "widget": "select",
        "options": _options(declared.type.choices, editing),
    }
    if declared.type.many:
        widget = {"widget": "select", "multiple": True, **widget}
    return widget


def _texts_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    inner = "markdown" if declared.type.markdown else "string"
    return {
        "widget": "object",
        "collapsed": False,
        "fields": [
            {"name": lang, "label": lang.upper(), "widget": inner}
            for lang in editing.languages
        ],
    }


def _aliases_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    return {
        "widget": "list",
        "field": {
            "name": "path",
            "label": editing.translate(ALIAS_LABEL),
            "widget": "string",
            "pattern": [ALIAS_PATTERN, editing.translate(ALIAS_MESSAGE)],
        },
    }


# How values are shown on pages ----------------------------------------------------


def _when_shown(value: When, shown: Shown) -> Markup:
    text = format_date(value.value, shown.lang)
    if value.has_time:
        text += ", " + format_time(value.value, shown.lang)
    stamp = value.value.isoformat() if value.has_time else value.day.isoformat()
    return Markup('<time datetime="{}">{}</time>').format(stamp, text)


def _day_shown(value: date, shown: Shown) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        value.isoformat(), format_date(value, shown.lang)
    )


def _partial_shown(value: PartialDate, shown: Shown) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        value.iso, value.format(shown.lang)
    )


def _number_shown(value: float, shown: Shown) -> Markup:
    return escape(format_decimal(value, locale=shown.lang))


def _flag_shown(value: bool, shown: Shown) -> Markup:
    return escape(shown.translate(YES if value else NO))


def _url_shown(value: str, shown: Shown) -> Markup:
    visible = value.split("://", 1)[-1].rstrip("/")
    return Markup('<a href="{}" rel="noopener">{}</a>').format(value, visible)


def _email_shown(value: str, shown: Shown) -> Markup:
    return Markup(email_link(value))  # every character a reference: escaped there


def _phone_shown(value: str, shown: Shown) -> Markup:
    return Markup('<a href="{}">{}</a>').format(phone_href(value), value)


def _list_shown(value: list[str], shown: Shown) -> Markup:
    return escape(", ".join(value))


def _choice_shown(codes: Mapping[str, str]) -> Any:
    def display(value: Any, shown: Shown) -> Markup:
        values = value if isinstance(value, list) else [value]
        return escape(", ".join(shown.translate(codes[v]) for v in values))

    return display


def _texts_shown(value: Mapping[str, str], shown: Shown) -> Markup:
    """The text of the page's language, else the default language's, marked so."""
    if shown.lang in value:
        return escape(value[shown.lang])
    return Markup('<span lang="{}">{}</span>').format(
        shown.fallback, value.get(shown.fallback, "")
    )


# Examples for new files ---------------------------------------------------------


def _now(declared: DeclaredField, example: Example) -> str:
    return example.now.strftime("%Y-%m-%d %H:%M")


def _next_week(declared: DeclaredField, example: Example) -> str:
    start = (example.now + timedelta(days=EVENT_DAYS_AHEAD)).replace(
        hour=EVENT_HOUR, minute=0, second=0, microsecond=0
    )
    return start.strftime("%Y-%m-%d %H:%M")


def _next_month(declared: DeclaredField, example: Example) -> str:
    return (example.now + timedelta(days=DAYS_AHEAD)).strftime("%Y-%m-%d")


def _texts(declared: DeclaredField, example: Example) -> dict[str, str]:
    text = example.translate(NEW_TEXT if declared.type.markdown else NEW_PLAIN_TEXT)
    return dict.fromkeys(example.languages, text)


def _placeholder(declared: DeclaredField, example: Example) -> str:
    return "…"


def _first_code(declared: DeclaredField, example: Example) -> str:
    return next(iter(declared.type.choices))


# The types ------------------------------------------------------------------------

TEXT = FieldType("text", _text, example=_placeholder)
LONG_TEXT = FieldType(
    "long text", _text, example=_placeholder, widget=_fixed({"widget": "text"})
)
DAY = FieldType(
    "date",
    day,
    value_type=date,
    hint=DAY_MESSAGE,
    pattern=DAY_PATTERN,
    widget=_fixed(
        {
            "widget": "datetime",
            "format": DAY_FORMAT,
            "date_format": DAY_FORMAT,
            "time_format": False,
            "picker_utc": True,
        }
    ),
    example=_next_month,
    display=_day_shown,
)
DATETIME = FieldType(
    "date and time",
    _when,
    value_type=When,
    hint=DATE_MESSAGE,
    pattern=WHEN_PATTERN,
    widget=_fixed(
        {"widget": "datetime", "format": DATETIME_FORMAT, "picker_utc": False}
    ),
    example=_now,
    fills_optional=True,
    display=_when_shown,
)
DAY_OR_TIME = FieldType(
    "date, or date and time",
    _when,
    value_type=When,
    hint=DATE_MESSAGE,
    pattern=WHEN_PATTERN,
    example=_next_week,
    display=_when_shown,
)
SINCE = FieldType(
    "partial date",
    partial_date,
    value_type=PartialDate,
    hint=PARTIAL_DATE_MESSAGE,
    pattern=PARTIAL_DATE_PATTERN,
    display=_partial_shown,
)
CONSENT = FieldType("consent date", consent_date, value_type=PartialDate, display=None)
ZONE = FieldType(
    "time zone", _zone_name, hint=ZONE_MESSAGE, pattern=ZONE_PATTERN, display=None
)
SLUG = FieldType("slug", _slug, hint=KEY_MESSAGE, pattern=KEY_PATTERN, display=None)
NUMBER = FieldType(
    "number",
    _number,
    value_type=float,
    widget=_fixed({"widget": "number", "value_type": "float"}),
    display=_number_shown,
)
#: A position in lists and menus: a number visitors never read.
ORDER = FieldType(
    "position",
    _number,
    value_type=float,
    widget=_fixed({"widget": "number", "value_type": "float"}),
    display=None,
)
FLAG = FieldType(
    "flag",
    flag,
    value_type=bool,
    widget=_fixed({"widget": "boolean"}),
    display=_flag_shown,
)
URL = FieldType(
    "web address", safe_url, hint=URL_MESSAGE, pattern=URL_PATTERN, display=_url_shown
)
TAGS = FieldType(
    "list",
    _text_list,
    value_type=list[str],
    widget=_fixed({"widget": "list"}),
    example=lambda declared, example: [],
    fills_optional=True,
    display=_list_shown,
    many=True,
)
MEMBER_KEYS = FieldType(
    "member keys",
    _text_list,
    value_type=list[str],
    widget=_members,
    display=None,
    member_link=True,
    many=True,
)
MEMBER_KEY = FieldType(
    "member key", member_key, widget=_members, display=None, member_link=True
)
PICTURE = FieldType("picture", _text, widget=upload_widget, display=None, picture=True)
PHOTO = FieldType(
    "photo",
    lambda value, info: with_consent(photo_path(value), info),
    widget=upload_widget,
    display=None,
    picture=True,
    needs_consent=True,
)
EMAIL = FieldType(
    "e-mail address",
    lambda value, info: with_consent(email_address(value), info),
    display=_email_shown,
    needs_consent=True,
)
PHONE = FieldType(
    "phone number",
    lambda value, info: with_consent(phone_number(value), info),
    display=_phone_shown,
    needs_consent=True,
)
TEXTS = FieldType(
    "text per language",
    per_language,
    value_type=dict[str, str],
    widget=_texts_widget,
    example=_texts,
    fills_optional=True,
    display=_texts_shown,
    per_language=True,
)
MARKDOWN_TEXTS = FieldType(
    "Markdown text per language",
    per_language,
    value_type=dict[str, str],
    widget=_texts_widget,
    example=_texts,
    fills_optional=True,
    display=None,  # the item's text itself
    per_language=True,
    markdown=True,
)
ALIASES = FieldType(
    "old addresses",
    code_list,
    value_type=list[Annotated[str, BeforeValidator(alias_path)]],
    widget=_aliases_widget,
    display=None,
    many=True,
)
STATUS = FieldType(
    "status",
    lambda value: value,
    value_type=Literal["published", "draft"],
    widget=lambda declared, editing: {
        "widget": "select",
        "options": [
            {"label": editing.translate(label), "value": code}
            for code, label in STATUS_LABELS.items()
        ],
    },
    example=lambda declared, example: "draft",
    fills_optional=True,
    display=None,
)


def choice_type(
    what: str, codes: Mapping[str, str], *, shown: bool = True
) -> FieldType:
    """The type of a field accepting one code of a vocabulary (code → label id).

    ``what`` names the vocabulary in messages (``M_("region")``); ``shown``
    False keeps it off the generic item page (a page's form is shown as a form).
    """
    return FieldType(
        "choice",
        one_of(what, codes),
        widget=_choice_widget,
        example=_first_code,
        display=_choice_shown(codes) if shown else None,
        choices=codes,
    )


def choice(what: str, codes: Mapping[str, str]) -> Any:
    """A field with one code of a vocabulary: ``choice(M_("region"), REGIONS)``."""
    return choice_type(what, codes).annotation


def choices(what: str, codes: Mapping[str, str]) -> Any:
    """A field with a list of codes of a vocabulary (YAML list or "a, b")."""
    check = one_of(what, codes)
    kind = FieldType(
        "choices",
        code_list,
        value_type=list[Annotated[str, BeforeValidator(check)]],
        widget=_choice_widget,
        display=_choice_shown(codes),
        choices=codes,
        many=True,
    )
    return Annotated[kind.annotation, AfterValidator(unique)]


def country_code(parse: Any) -> Any:
    """A two-letter country code read by ``parse``."""
    return FieldType(
        "country code",
        parse,
        hint=COUNTRY_MESSAGE,
        pattern=COUNTRY_PATTERN,
        display=None,
    ).annotation


Text = TEXT.annotation
LongText = LONG_TEXT.annotation
Day = DAY.annotation
DateTime = DATETIME.annotation
DayOrTime = DAY_OR_TIME.annotation
Since = SINCE.annotation
Consent = CONSENT.annotation
ZoneName = ZONE.annotation
Slug = SLUG.annotation
Number = NUMBER.annotation
Order = ORDER.annotation
Flag = FLAG.annotation
Url = URL.annotation
TextList = TAGS.annotation
MemberKeys = MEMBER_KEYS.annotation
MemberKey = MEMBER_KEY.annotation
Picture = PICTURE.annotation
Photo = PHOTO.annotation
Email = EMAIL.annotation
Phone = PHONE.annotation
Texts = TEXTS.annotation
MarkdownTexts = MARKDOWN_TEXTS.annotation
Aliases = Annotated[ALIASES.annotation, AfterValidator(unique)]
Status = Annotated[Literal["published", "draft"], STATUS]
