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

from sitecore.entry import Entry


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


#: Lists up to this long are hashed with the page; longer ones (a pagination's
#: links, shared by every page of a list) once per build.
_INLINE = 16


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


class Fingerprints:
    """Hashes values for one build; shared objects are hashed once.

    Plain values (text, numbers, lists, dicts) are written into one buffer
    and hashed once; entries, dataclasses and other objects are hashed on
    their own and remembered by identity for the rest of the build.
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}

    def of(self, value: Any) -> bytes:
        """A 16-byte digest of ``value`` (see the module docstring)."""
        out: list[bytes] = []
        self._write(value, out)
        return _digest(b"".join(out))

    def _write(self, value: Any, out: list[bytes]) -> None:
        kind = type(value)
        if kind is str or kind is Markup:
            data = value.encode()
            out.append(len(data).to_bytes(4, "little"))
            out.append(data)
        elif value is None or kind is bool or kind is int or kind is float:
            out.append(b"#" + repr(value).encode() + b";")
        elif kind is dict or kind is MappingProxyType:
            out.append(b"{")
            for key, item in value.items():
                self._write(key, out)
                self._write(item, out)
            out.append(b"}")
        elif (kind is list or kind is tuple) and len(value) <= _INLINE:
            out.append(b"[")
            for item in value:
                self._write(item, out)
            out.append(b"]")
        else:
            known = self._memo.get(id(value))
            if known is None:
                known = (value, self._compute(value, kind))  # kept alive: unique ids
                self._memo[id(value)] = known
            out.append(known[1])

    def _compute(self, value: Any, kind: type) -> bytes:
        if isinstance(value, Entry):
            return self._entry(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            out = [kind.__qualname__.encode()]
            for name in _dataclass_fields(kind):
                self._write(getattr(value, name), out)
            return _digest(b"".join(out))
        if isinstance(value, str):
            return _digest(value.encode())
        if isinstance(value, datetime | date | time):
            return _digest(value.isoformat().encode())
        if isinstance(value, Enum):
            return _digest(repr(value).encode())
        if isinstance(value, list | tuple):  # a long one, shared by many pages
            out = [b"["]
            for item in value:
                self._write(item, out)
            return _digest(b"".join(out))
        if isinstance(value, Mapping):
            out = []
            self._write(dict(value), out)
            return _digest(b"".join(out))
        if isinstance(value, set | frozenset):
            return _digest(b"S" + b"".join(sorted(self.of(item) for item in value)))
        if isinstance(value, BaseModel):
            return _digest(value.model_dump_json().encode())
        if callable(value):  # made at render time from what is signed already
            return b"callable"
        raise TypeError(
            f"cannot tell whether a {kind.__qualname__} value changed; "
            "pass pages plain data, entries or dataclasses"
        )

    def _entry(self, entry: Entry) -> bytes:
        """What the file said (its digest) and everything the build made of it."""
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
        extra: list[bytes] = []
        for name in _entry_fields(type(entry)):
            self._write(getattr(entry, name), extra)
        return _digest("\x1f".join(parts).encode() + b"".join(extra))
