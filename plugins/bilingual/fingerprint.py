"""Signatures of what a page is made from, to skip pages that did not change.

A page is rendered from its template and the values handed to it. Hashing
those values — entries by what they were read from and what the build made of
them, everything else by its content — gives a signature that changes
exactly when the page could look different. Shared values (the navigation,
an entry shown on a hundred list pages) are hashed once per build.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from sitecore.content import Entry

#: Entry fields the fingerprint takes from elsewhere: the file's digest
#: covers what was read; translations count by their URL and title.
_ENTRY_SKIPPED = frozenset({"meta", "doc", "links", "body", "translations"})


@cache
def _entry_fields(kind: type) -> tuple[str, ...]:
    return tuple(
        f.name for f in dataclasses.fields(kind) if f.name not in _ENTRY_SKIPPED
    )


@cache
def _dataclass_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


class Fingerprints:
    """Hashes values for one build; shared objects are hashed once."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        """A 16-byte digest of ``value`` (see the module docstring)."""
        kind = type(value)
        if value is None or kind in (bool, int, float):
            return repr(value).encode()
        if isinstance(value, str):
            data = value.encode()
            return data if len(data) <= 32 else _hash(b"s", data)
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        result = self._compute(value)
        self._memo[id(value)] = (
            value,
            result,
        )  # the value stays alive: ids stay unique
        return result

    def _compute(self, value: Any) -> bytes:
        if isinstance(value, Entry):
            return self._entry(value)
        if isinstance(value, datetime | date | time):
            return value.isoformat().encode()
        if isinstance(value, Enum):
            return repr(value).encode()
        if isinstance(value, Mapping):
            parts = [b"m"]
            for key, item in value.items():
                parts += [self.of(key), self.of(item)]
            return _hash(*parts)
        if isinstance(value, list | tuple):
            return _hash(b"l", *(self.of(item) for item in value))
        if isinstance(value, set | frozenset):
            return _hash(b"S", *sorted(self.of(item) for item in value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return _hash(
                type(value).__qualname__.encode(),
                *(
                    self.of(getattr(value, name))
                    for name in _dataclass_fields(type(value))
                ),
            )
        if isinstance(value, BaseModel):
            return _hash(b"model", value.model_dump_json().encode())
        raise TypeError(
            f"cannot tell whether a {type(value).__qualname__} value changed; "
            "pass pages plain data, entries or dataclasses"
        )

    def _entry(self, entry: Entry) -> bytes:
        parts = [type(entry).__qualname__.encode(), entry.digest.encode()]
        parts += [self.of(getattr(entry, name)) for name in _entry_fields(type(entry))]
        parts += [
            self.of((lang, other.url, other.title))
            for lang, other in entry.translations.items()
        ]
        return _hash(*parts)


def _hash(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(4, "little"))
        digest.update(part)
    return digest.digest()
