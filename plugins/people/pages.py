"""What the people page shows: per-language entries in their groups.

Pure functions and small data classes, so the order of the groups and of the
people in them is tested without a build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitecore.collation import sort_key
from sitecore.entry import Entry

from .vocabulary import GROUPS


@dataclass(eq=False)
class PersonEntry(Entry):
    """A person in one language: name, role in that language, contact details.

    ``email_html`` is the ready ``mailto:`` link (see ``sitecore.email``) and
    ``phone_link`` its ``tel:`` URL, ``member`` the represented member's entry
    in the same language; the generator fills them in once everything is read.
    """

    email_html: str = ""
    phone_link: str = ""
    member: Any = None

    @property
    def title(self) -> str:
        return self.meta.name

    @property
    def role(self) -> str:
        return self.text("role")[0]

    @property
    def role_lang(self) -> str:
        """The role's language: the page's, or the default one's where it has none."""
        return self.text("role")[1]

    @property
    def photo_alt(self) -> str:
        return self.meta.photo_alt or self.meta.name


@dataclass(frozen=True)
class PeopleGroup:
    """The people of one group (board, office, advisory) in display order."""

    code: str
    label: str  # gettext message id; the template translates it
    people: list[PersonEntry]

    @property
    def anchor(self) -> str:
        return f"group-{self.code}"


def person_order(lang: str) -> Any:
    """Sort key within a group: ``order`` (people without one last), then name."""
    by_name = sort_key(lang)

    def key(person: Entry) -> tuple:
        order = person.meta.order
        return (order is None, order or 0, by_name(person.meta.name), person.key)

    return key


def group_people(people: Iterable[PersonEntry], lang: str) -> list[PeopleGroup]:
    """Non-empty groups in the vocabulary's order, each sorted for ``lang``."""
    everyone = list(people)
    groups = []
    for code, label in GROUPS.items():
        found = [p for p in everyone if p.meta.group == code]
        if found:
            groups.append(
                PeopleGroup(code, label, sorted(found, key=person_order(lang)))
            )
    return groups
