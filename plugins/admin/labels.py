"""What the editing interface calls the fields it adds to the models' own.

A model field is named by its own declaration (its title; see
``sitecore.models``) and explained by its description; the interface adds
the file name (``key``) and, for Markdown files, the text (``body``). All are
gettext message ids, translated into the editors' language.
"""

from __future__ import annotations

from types import MappingProxyType

from sitecore.i18n import M_

FIELD_LABELS = MappingProxyType(
    {
        "key": M_("Key (file name)"),
        "body": M_("Text"),
    }
)

KEY_HINT = M_(
    "Only for new items: lower-case letters a-z, digits and '-', e.g. summer-party. "
    "Leave it empty to make it from the title (ä becomes ae, ß becomes ss)."
)
BODY_HINT = M_(
    "Markdown, saved as you type it: **bold**, *italic*, ## for a heading, - for "
    "a list. Links to other items and pages: choose them with the button above."
)
