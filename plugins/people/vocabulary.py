"""The groups a person can belong to, in the order the page shows them.

Codes are the same in every language (``board``); visitors see the labels,
gettext message ids translated by the template of each page.
"""

from __future__ import annotations

from types import MappingProxyType

from sitecore.i18n import N_

GROUPS = MappingProxyType(
    {
        "board": N_("Board"),
        "office": N_("Office"),
        "advisory": N_("Advisory board"),
    }
)
