"""What an import would write: each item's files in its languages, and the rest.

Made by :func:`~wordpress.importer.plan_import`, carried out by
:mod:`.uploads` and described by :mod:`.report`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sitecore.i18n import Message

from .leftovers import Leftover
from .pairing import Language
from .pictures import Picture
from .writer import Outcome
from .wxr import Item, plain_text


@dataclass
class PlannedFile:
    """One language version of an item: its file, text and report entries."""

    lang: str
    relpath: str
    item: Item
    text: str = ""
    leftovers: list[Leftover] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    query_addresses: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    outcome: Outcome = Outcome.PLANNED


@dataclass
class PlannedGroup:
    """An item in all its languages (one file when unpaired)."""

    section: str
    key: str
    method: str
    files: list[PlannedFile] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title the report lists the item under."""
        first = self.files[0].item
        return plain_text(first.title) or f"#{first.post_id}"


@dataclass
class Plan:
    """Everything one import would write, and what it leaves out."""

    groups: list[PlannedGroup] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # target → uploads path
    copy_outcomes: dict[str, Outcome] = field(default_factory=dict)
    unknown: list[tuple[Item, Language]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    refused_uploads: list[str] = field(default_factory=list)  # not regular/inside
    notes: list[Message] = field(default_factory=list)  # about the run as a whole

    @property
    def files(self) -> list[PlannedFile]:
        """Every planned file, group by group."""
        return [file for group in self.groups for file in group.files]
