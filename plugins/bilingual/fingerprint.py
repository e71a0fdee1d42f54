"""Signatures of what a page is made from, to skip pages that did not change.

A page is rendered from its template and the values handed to it. Hashing
those values — entries by what they were read from and what the build made of
them, everything else by its content — gives a signature that changes
exactly when the page could look different. Shared values (the navigation,
an entry shown on a hundred list pages) are hashed once per build.

This runs for every page of every build, so it is written for speed: one
dispatch on the exact type, fixed-size child digests, no recursion into what
was already seen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from hashlib import blake2b
from types import MappingProxyType
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from sitecore.content import Entry


@cache
def _dataclass_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


@cache
def _entry_fields(kind: type) -> tuple[str, ...]:
    """Fields an entry's subclass adds (a member's logo …)."""
    return tuple(
        f.name
        for f in dataclasses.fields(kind)
        if f.name not in {g.name for g in dataclasses.fields(Entry)}
    )


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


class Fingerprints:
    """Hashes values for one build; shared objects are hashed once."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        """A 16-byte digest of ``value`` (see the module docstring)."""
        kind = type(value)
        if kind is str or kind is Markup:
            data = value.encode()
            # Short text is used as it is (length-prefixed), long text hashed.
            if len(data) < 48:
                return len(data).to_bytes(1, "little") + data
            return _digest(data)
        if value is None or kind is bool or kind is int or kind is float:
            data = repr(value).encode()
            return len(data).to_bytes(1, "little") + data
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        result = self._compute(value, kind)
        self._memo[id(value)] = (value, result)  # kept alive: ids stay unique
        return result

    def _compute(self, value: Any, kind: type) -> bytes:
        of = self.of
        if kind is list or kind is tuple:
            return _digest(b"l" + b"".join([of(item) for item in value]))
        if kind is dict or kind is MappingProxyType:
            return _digest(b"m" + b"".join([of(k) + of(v) for k, v in value.items()]))
        if isinstance(value, Entry):
            return self._entry(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts = [of(getattr(value, name)) for name in _dataclass_fields(kind)]
            return _digest(kind.__qualname__.encode() + b"".join(parts))
        if isinstance(value, str):
            return _digest(value.encode())
        if isinstance(value, datetime | date | time):
            return _digest(value.isoformat().encode())
        if isinstance(value, Enum):
            return _digest(repr(value).encode())
        if isinstance(value, Mapping):
            return _digest(b"m" + b"".join([of(k) + of(v) for k, v in value.items()]))
        if isinstance(value, list | tuple):
            return _digest(b"l" + b"".join([of(item) for item in value]))
        if isinstance(value, set | frozenset):
            return _digest(b"S" + b"".join(sorted(of(item) for item in value)))
        if isinstance(value, BaseModel):
            return _digest(value.model_dump_json().encode())
        raise TypeError(
            f"cannot tell whether a {kind.__qualname__} value changed; "
            "pass pages plain data, entries or dataclasses"
        )

    def _entry(self, entry: Entry) -> bytes:
        """What the file said (its digest) and everything the build made of it."""
        of = self.of
        parts = [
            type(entry).__qualname__,
            entry.digest,
            entry.source.relpath,
            entry.lang,
            entry.slug,
            entry.url,
            entry.href,
            entry.content,
            entry.summary_text,
            repr(entry.is_scheduled),
            repr(entry.media),
        ]
        parts += [f"{tag.name}\0{tag.url}" for tag in entry.tags]
        parts += [
            f"{lang}\0{other.url}\0{other.title}"
            for lang, other in entry.translations.items()
        ]
        extra = b"".join(
            of(getattr(entry, name)) for name in _entry_fields(type(entry))
        )
        return _digest("\x1f".join(parts).encode() + extra)
