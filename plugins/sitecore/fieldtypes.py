"""The site's field types: annotate a model field with one, and the site knows it.

``deadline: Day`` in a model is all it takes for a new field: ``invoke new``
writes a date for it, the editing interface offers a date picker, a wrong
value is answered with the date message in the editor's language, and the
generic item page shows it as a date in the visitor's language. What each
type does is declared once, below (see :class:`sitecore.fieldbase.FieldType`),
from the pieces in :mod:`sitecore.fieldparts` (inputs, displays, start values).

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
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator

from . import fieldparts as parts
from .dates import When
from .fieldbase import FieldType
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
from .i18n import M_
from .personal import (
    consent_date,
    email_address,
    phone_number,
    photo_path,
    with_consent,
)
from .schema import _number, _slug, _text, _text_list, _when, _zone_name, safe_url

#: Patterns the editing interface checks typed values against.
KEY_PATTERN = r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
WHEN_PATTERN = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COUNTRY_PATTERN = r"^[A-Za-z]{2}$"
ZONE_PATTERN = r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"
#: How to write a value, in the editor's language (interface and new files).
KEY_MESSAGE = M_("Use lower-case letters a-z, digits and single '-' only")
URL_MESSAGE = M_("A web address starting with https:// or http://")
DATE_MESSAGE = M_("Write YYYY-MM-DD HH:MM, or YYYY-MM-DD for a whole day")
DAY_MESSAGE = M_("A date: YYYY-MM-DD, e.g. 2027-03-31")
PARTIAL_DATE_MESSAGE = M_("Write YYYY, YYYY-MM or YYYY-MM-DD")
COUNTRY_MESSAGE = M_("Two letters, e.g. DE or US")
ZONE_MESSAGE = M_("A time zone such as Europe/Berlin or America/Los_Angeles")
CONSENT_MESSAGE = M_(
    "The day (YYYY-MM-DD) the person agreed to publish their contact details"
)
EMAIL_MESSAGE = M_("An e-mail address such as vorstand@example.org (only with consent)")
PHONE_MESSAGE = M_('A phone number such as "+49 431 000000" (only with consent)')
PICTURE_MESSAGE = M_("A picture under content/images/, e.g. images/news/photo.jpg")
PHOTO_MESSAGE = M_("A photo under content/images/ (only with consent)")
#: How a value is entered in the editing interface, where a file is different.
TAGS_INPUT = M_("Separate several with commas, e.g. Kiel, summer party")
MEMBERS_INPUT = M_("Choose one or more from the list; type to search")
PICTURE_INPUT = M_(
    "Choose a picture from any folder, or upload one: it is saved in this "
    "section's folder under content/images/"
)


# The types ------------------------------------------------------------------------

TEXT = FieldType("text", _text, example=parts.placeholder)
LONG_TEXT = FieldType(
    "long text",
    _text,
    example=parts.placeholder,
    widget=parts.fixed({"widget": "text"}),
)
DAY = FieldType(
    "date",
    parts.day,
    value_type=date,
    hint=DAY_MESSAGE,
    pattern=DAY_PATTERN,
    widget=parts.date_widget("day"),
    check=parts.date_check("day"),
    example=parts.next_month,
    display=parts.day_shown,
)
DATETIME = FieldType(
    "date and time",
    _when,
    value_type=When,
    hint=DATE_MESSAGE,
    pattern=WHEN_PATTERN,
    widget=parts.date_widget("when"),
    check=parts.date_check("when"),
    input_hint=parts.DATE_INPUT_HINT,
    example=parts.now_example,
    fills_optional=True,
    display=parts.when_shown,
)
DAY_OR_TIME = FieldType(
    "date, or date and time",
    _when,
    value_type=When,
    hint=DATE_MESSAGE,
    pattern=WHEN_PATTERN,
    widget=parts.date_widget("when"),
    check=parts.date_check("when"),
    input_hint=parts.DATE_INPUT_HINT,
    example=parts.next_week,
    display=parts.when_shown,
)
SINCE = FieldType(
    "partial date",
    partial_date,
    value_type=PartialDate,
    hint=PARTIAL_DATE_MESSAGE,
    pattern=PARTIAL_DATE_PATTERN,
    widget=parts.date_widget("partial"),
    check=parts.date_check("partial"),
    display=parts.partial_shown,
)
CONSENT = FieldType(
    "consent date",
    consent_date,
    value_type=PartialDate,
    hint=CONSENT_MESSAGE,
    widget=parts.date_widget("day"),
    check=parts.date_check("day"),
    display=None,
)
ZONE = FieldType(
    "time zone", _zone_name, hint=ZONE_MESSAGE, pattern=ZONE_PATTERN, display=None
)
SLUG = FieldType("slug", _slug, hint=KEY_MESSAGE, pattern=KEY_PATTERN, display=None)
NUMBER = FieldType(
    "number",
    _number,
    value_type=float,
    widget=parts.fixed({"widget": "number", "value_type": "float"}),
    display=parts.number_shown,
)
#: A position in lists and menus: a number visitors never read.
ORDER = FieldType(
    "position",
    _number,
    value_type=float,
    widget=parts.fixed({"widget": "number", "value_type": "float"}),
    display=None,
)
FLAG = FieldType(
    "flag",
    flag,
    value_type=bool,
    widget=parts.fixed({"widget": "boolean"}),
    display=parts.flag_shown,
)
URL = FieldType(
    "web address",
    safe_url,
    hint=URL_MESSAGE,
    pattern=URL_PATTERN,
    display=parts.url_shown,
)
TAGS = FieldType(
    "list",
    _text_list,
    value_type=list[str],
    widget=parts.fixed({"widget": "list"}),
    input_hint=TAGS_INPUT,
    example=lambda declared, example: [],
    fills_optional=True,
    display=parts.list_shown,
    many=True,
)
MEMBER_KEYS = FieldType(
    "member keys",
    _text_list,
    value_type=list[str],
    widget=parts.members_widget,
    input_hint=MEMBERS_INPUT,
    display=None,
    member_link=True,
    many=True,
)
MEMBER_KEY = FieldType(
    "member key",
    member_key,
    widget=parts.members_widget,
    display=None,
    member_link=True,
)
PICTURE = FieldType(
    "picture",
    _text,
    hint=PICTURE_MESSAGE,
    widget=parts.upload_widget,
    input_hint=PICTURE_INPUT,
    display=None,
    picture=True,
)
PHOTO = FieldType(
    "photo",
    lambda value, info: with_consent(photo_path(value), info),
    hint=PHOTO_MESSAGE,
    widget=parts.upload_widget,
    input_hint=PICTURE_INPUT,
    display=None,
    picture=True,
    needs_consent=True,
)
EMAIL = FieldType(
    "e-mail address",
    lambda value, info: with_consent(email_address(value), info),
    hint=EMAIL_MESSAGE,
    display=parts.email_shown,
    needs_consent=True,
)
PHONE = FieldType(
    "phone number",
    lambda value, info: with_consent(phone_number(value), info),
    hint=PHONE_MESSAGE,
    display=parts.phone_shown,
    needs_consent=True,
)
TEXTS = FieldType(
    "text per language",
    per_language,
    value_type=dict[str, str],
    widget=parts.texts_widget,
    example=parts.texts_example,
    fills_optional=True,
    display=parts.texts_shown,
    per_language=True,
)
MARKDOWN_TEXTS = FieldType(
    "Markdown text per language",
    per_language,
    value_type=dict[str, str],
    widget=parts.texts_widget,
    example=parts.texts_example,
    fills_optional=True,
    display=None,  # the item's text itself
    per_language=True,
    markdown=True,
)
ALIASES = FieldType(
    "old addresses",
    code_list,
    value_type=list[Annotated[str, BeforeValidator(alias_path)]],
    widget=parts.aliases_widget,
    display=None,
    many=True,
)
STATUS = FieldType(
    "status",
    lambda value: value,
    value_type=Literal["published", "draft"],
    widget=parts.status_widget,
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
        widget=parts.choice_widget,
        example=parts.first_code,
        display=parts.choice_shown(codes) if shown else None,
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
        widget=parts.choice_widget,
        display=parts.choice_shown(codes),
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
