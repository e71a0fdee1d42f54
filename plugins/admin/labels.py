"""What the editing interface calls the fields, as gettext message ids.

The models' descriptions explain a field (they become the interface's hints);
a label names it in a word or two. Both are translated into the editors'
language with the site's catalogs. A field without a label here is shown
under its own name, so a new model field never breaks the interface.
"""

from __future__ import annotations

from types import MappingProxyType

from sitecore.i18n import N_

FIELD_LABELS = MappingProxyType(
    {
        "key": N_("Key (file name)"),
        "body": N_("Text"),
        "title": N_("Title"),
        "date": N_("Date"),
        "modified": N_("Last change"),
        "timezone": N_("Time zone"),
        "slug": N_("Web address (slug)"),
        "summary": N_("Summary"),
        "status": N_("Status"),
        "aliases": N_("Old addresses"),
        "tags": N_("Tags"),
        "members": N_("Members"),
        "member": N_("Member"),
        "image": N_("Picture"),
        "image_alt": N_("Picture description"),
        "author": N_("Author"),
        "start": N_("Start"),
        "end": N_("End"),
        "location": N_("Place"),
        "online": N_("Online address"),
        "registration": N_("Registration"),
        "menu": N_("Menu position"),
        "since": N_("Since"),
        "order": N_("Position"),
        "name": N_("Name"),
        "short_name": N_("Short name"),
        "region": N_("Region"),
        "city": N_("City"),
        "type": N_("Type of organisation"),
        "topics": N_("Topics"),
        "website": N_("Website"),
        "member_since": N_("Member since"),
        "logo": N_("Logo"),
        "logo_alt": N_("Logo description"),
        "description": N_("Description"),
        "example": N_("Example"),
        "address": N_("Address"),
        "country": N_("Country"),
        "role": N_("Role"),
        "group": N_("Group"),
        "consent": N_("Consent given on"),
        "email": N_("E-mail"),
        "phone": N_("Phone"),
        "photo": N_("Photo"),
        "photo_alt": N_("Photo description"),
    }
)

#: Labels of the choices of ``status``.
STATUS_LABELS = MappingProxyType({"published": N_("published"), "draft": N_("draft")})

KEY_HINT = N_(
    "Only for new items: lower-case letters a-z, digits and '-', e.g. summer-party. "
    "Leave it empty to make it from the title (ä becomes ae, ß becomes ss)."
)
KEY_MESSAGE = N_("Use lower-case letters a-z, digits and single '-' only")
URL_MESSAGE = N_("A web address starting with https:// or http://")
DATE_MESSAGE = N_("Write YYYY-MM-DD HH:MM, or YYYY-MM-DD for a whole day")
PARTIAL_DATE_MESSAGE = N_("Write YYYY, YYYY-MM or YYYY-MM-DD")
COUNTRY_MESSAGE = N_("Two letters, e.g. DE or US")
ZONE_MESSAGE = N_("A time zone such as Europe/Berlin or America/Los_Angeles")
ALIAS_MESSAGE = N_("A path of this site starting with /, e.g. /2017/01/old-post/")
