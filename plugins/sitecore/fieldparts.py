"""The pieces the site's field types are made of (see ``sitecore.fieldtypes``).

How a value is read (a calendar day), which input the editing interface
offers for it, how a page shows it in the visitor's language, and what a new
file starts with. Each is a plain function of the declared field and its
context, so a field type names the pieces it is made of in one declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup, escape

from .dates import (
    MAX_YEAR,
    MIN_YEAR,
    NO_SUCH_DAY,
    When,
    format_date,
    format_time,
    no_such_day,
)
from .email import email_link, phone_href
from .fieldbase import DeclaredField, Editing, Example, Shown
from .fields import PartialDate
from .i18n import M_, N_, M
from .schema import _text

NEW_TEXT = M_("Text in Markdown.")
NEW_PLAIN_TEXT = M_("Text")
ALIAS_PATTERN = r"^/[^?#\s]*$"
ALIAS_MESSAGE = M_("A path of this site starting with /, e.g. /2017/01/old-post/")
ALIAS_LABEL = M_("Old addresses")
#: The choices of ``status``, as the interface labels them.
STATUS_LABELS = {"published": M_("published"), "draft": M_("draft")}
#: How a flag reads on a page.
YES, NO = N_("yes"), N_("no")
#: How dates are typed in the editing interface (German: TT.MM.JJJJ HH:MM),
#: whatever language the browser speaks; files keep YYYY-MM-DD HH:MM.
DATE_INPUTS = {
    "day": M_("DD.MM.YYYY"),
    "when": M_("DD.MM.YYYY HH:MM"),
    "partial": M_("YYYY, MM.YYYY or DD.MM.YYYY"),
}
DATE_INPUT_HINT = M_("The time in 24 hours; leave it out for a whole day.")
#: What the interface answers a date it cannot take with (``{text}`` as typed).
DATE_FORMAT_MESSAGES = {
    "day": M_("'{text}' is not a date; write it as DD.MM.YYYY, e.g. 31.03.2027"),
    "when": M_(
        "'{text}' is not a date; write DD.MM.YYYY, or DD.MM.YYYY HH:MM with a "
        "time (24 hours), e.g. 31.03.2027 18:30"
    ),
    "partial": M_("'{text}' is not a date; write YYYY, MM.YYYY or DD.MM.YYYY"),
}
DATE_YEAR_MESSAGE = M_(
    "'{text}': years from {first} to {last} are accepted; check the year"
)
DATE_TIME_MESSAGE = M_(
    "'{text}' has an invalid time: hours go from 00 to 23, minutes from 00 to 59"
)
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


def fixed(settings: Mapping[str, Any]) -> Any:
    return lambda declared, editing: dict(settings)


def date_widget(mode: str) -> Any:
    """A date typed the German way (see the interface's dates.js).

    It takes the place of Decap's own ``datetime`` input (whose display follows
    the browser's language), keeping its name: Decap finds an item's date, for
    its year folder, by that name.

    ``mode``: ``day``, ``when`` (a day, or a day and a time) or ``partial``
    (a year, a month or a day).
    """

    def widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
        return {
            "widget": "datetime",
            "mode": mode,
            "placeholder": editing.translate(DATE_INPUTS[mode]),
        }

    return widget


def date_check(mode: str) -> Any:
    """The interface's check of a date: its form, the calendar, the years."""

    def check(declared: DeclaredField, editing: Editing) -> list[dict[str, Any]]:
        tr = editing.translate
        year = tr(DATE_YEAR_MESSAGE).replace("{first}", str(MIN_YEAR))
        return [
            {
                "kind": "date",
                "mode": mode,
                "first": MIN_YEAR,
                "last": MAX_YEAR,
                "messages": {
                    "format": tr(DATE_FORMAT_MESSAGES[mode]),
                    "day": tr(NO_SUCH_DAY),
                    "year": year.replace("{last}", str(MAX_YEAR)),
                    "time": tr(DATE_TIME_MESSAGE),
                },
            }
        ]

    return check


def upload_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    # New pictures land in the section's folder below content/images/ (per
    # year where the section has year folders) and are written "images/…" as
    # the contract asks (a folder starting with / is the repository's root).
    folder = editing.upload_folder or editing.images_folder
    public = folder.removeprefix(editing.images_folder.rsplit("/", 1)[0] + "/")
    return {
        "widget": "image",
        "media_folder": "/" + folder,
        "public_folder": public,
        "choose_url": False,
    }


def members_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
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


def options(codes: Mapping[str, str], editing: Editing) -> list[dict[str, str]]:
    return [
        {"label": editing.translate(label), "value": code}
        for code, label in codes.items()
    ]


def choice_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    widget: dict[str, Any] = {
        "widget": "select",
        "options": options(declared.type.choices, editing),
    }
    if declared.type.many:
        widget = {"widget": "select", "multiple": True, **widget}
    return widget


def texts_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    """One input per language; those the site does not require may stay empty."""
    inner = "site-markdown" if declared.type.markdown else "string"
    fields: list[dict[str, Any]] = []
    for lang in editing.languages:
        field = {"name": lang, "label": lang.upper(), "widget": inner}
        if editing.required_languages and lang not in editing.required_languages:
            field["required"] = False  # the default language's text stands in
        fields.append(field)
    return {"widget": "object", "collapsed": False, "fields": fields}


def aliases_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
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


def when_shown(value: When, shown: Shown) -> Markup:
    text = format_date(value.value, shown.lang)
    if value.has_time:
        text += ", " + format_time(value.value, shown.lang)
    stamp = value.value.isoformat() if value.has_time else value.day.isoformat()
    return Markup('<time datetime="{}">{}</time>').format(stamp, text)


def day_shown(value: date, shown: Shown) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        value.isoformat(), format_date(value, shown.lang)
    )


def partial_shown(value: PartialDate, shown: Shown) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(
        value.iso, value.format(shown.lang)
    )


def number_shown(value: float, shown: Shown) -> Markup:
    return escape(format_decimal(value, locale=shown.lang))


def flag_shown(value: bool, shown: Shown) -> Markup:
    return escape(shown.translate(YES if value else NO))


def url_shown(value: str, shown: Shown) -> Markup:
    visible = value.split("://", 1)[-1].rstrip("/")
    return Markup('<a href="{}" rel="noopener">{}</a>').format(value, visible)


def email_shown(value: str, shown: Shown) -> Markup:
    return Markup(email_link(value))  # every character a reference: escaped there


def phone_shown(value: str, shown: Shown) -> Markup:
    return Markup('<a href="{}">{}</a>').format(phone_href(value), value)


def list_shown(value: list[str], shown: Shown) -> Markup:
    return escape(", ".join(value))


def choice_shown(codes: Mapping[str, str]) -> Any:
    def display(value: Any, shown: Shown) -> Markup:
        values = value if isinstance(value, list) else [value]
        return escape(", ".join(shown.translate(codes[v]) for v in values))

    return display


def texts_shown(value: Mapping[str, str], shown: Shown) -> Markup:
    """The text of the page's language, else the default language's, marked so."""
    if shown.lang in value:
        return escape(value[shown.lang])
    return Markup('<span lang="{}">{}</span>').format(
        shown.fallback, value.get(shown.fallback, "")
    )


# Examples for new files ---------------------------------------------------------


def now_example(declared: DeclaredField, example: Example) -> str:
    return example.now.strftime("%Y-%m-%d %H:%M")


def next_week(declared: DeclaredField, example: Example) -> str:
    start = (example.now + timedelta(days=EVENT_DAYS_AHEAD)).replace(
        hour=EVENT_HOUR, minute=0, second=0, microsecond=0
    )
    return start.strftime("%Y-%m-%d %H:%M")


def next_month(declared: DeclaredField, example: Example) -> str:
    return (example.now + timedelta(days=DAYS_AHEAD)).strftime("%Y-%m-%d")


def texts_example(declared: DeclaredField, example: Example) -> dict[str, str]:
    text = example.translate(NEW_TEXT if declared.type.markdown else NEW_PLAIN_TEXT)
    return dict.fromkeys(example.languages, text)


def placeholder(declared: DeclaredField, example: Example) -> str:
    return "…"


def first_code(declared: DeclaredField, example: Example) -> str:
    return next(iter(declared.type.choices))


def status_widget(declared: DeclaredField, editing: Editing) -> dict[str, Any]:
    return {
        "widget": "select",
        "options": [
            {"label": editing.translate(label), "value": code}
            for code, label in STATUS_LABELS.items()
        ],
    }
