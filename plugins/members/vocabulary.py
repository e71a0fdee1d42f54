"""The fixed codes editors use for region, type and topics, with their labels.

Codes are the same in both languages (``bay-area``), so files never need
translating; visitors see the labels, which are gettext message ids marked
with :func:`N_` and translated per page by the templates.
"""

from __future__ import annotations

from types import MappingProxyType


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark a message for extraction; it is translated where it is shown."""
    return message


REGIONS = MappingProxyType(
    {
        "schleswig-holstein": N_("Schleswig-Holstein"),
        "bay-area": N_("San Francisco Bay Area"),
    }
)
TYPES = MappingProxyType(
    {
        "company": N_("Company"),
        "association": N_("Association"),
        "public": N_("Public body"),
        "research": N_("Research institution"),
        "education": N_("Educational institution"),
    }
)
TOPICS = MappingProxyType(
    {
        "culture": N_("Culture"),
        "science": N_("Science"),
        "business": N_("Business"),
        "education": N_("Education"),
        "politics": N_("Politics"),
        "sport": N_("Sport"),
        "tourism": N_("Tourism"),
    }
)

#: Where a member's region lies, for the address in structured data.
REGION_COUNTRIES = MappingProxyType({"schleswig-holstein": "DE", "bay-area": "US"})
