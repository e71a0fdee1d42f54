"""YAML that keeps every value a string and remembers every line.

Editors' YAML goes through PyYAML's *parser* only: its events carry line
numbers, and building plain Python values ourselves means ``NO`` stays ``"NO"``
and ``2021-02-30`` reaches our own date check (with its line) instead of
crashing PyYAML's timestamp constructor. Types are decided later, by the schema.

Building the values from events also bounds them. Anchors and aliases
(``&x`` / ``*x``) are refused: the contract needs none, and they are how a
few lines of YAML expand into gigabytes or refer to themselves. Nesting is
limited, and so is the size of the text, so no file can exhaust memory or
the stack. What the parser says about broken YAML reaches editors in plain
words, with the fix (see :mod:`sitecore.yamlerrors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .i18n import M
from .limits import (
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    byte_size,
    first_control_character,
    kilobytes,
)
from .yamlerrors import DEPTH, NO_SPACE, YamlError, explained, missing_space

try:  # libyaml is much faster; it keeps the same marks.
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _Loader = yaml.BaseLoader

Path = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Plain data (dicts, lists, strings) plus the line of every value."""

    data: dict[str, Any]
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, *path: str | int) -> int:
        """Line of the value at ``path``, or of its nearest known parent."""
        key: Path = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


def load_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML mapping; ``first_line`` is the file line of ``text``'s start.

    Raises :class:`YamlError` with an editor-friendly message and line, for
    broken YAML and for YAML beyond the limits (size, nesting, anchors).
    """
    size = byte_size(text)
    if size > MAX_YAML_BYTES:
        raise YamlError(
            first_line,
            M(
                "the fields take {size} and the limit is {limit}; "
                "move long texts into the Markdown body",
                size=kilobytes(size),
                limit=kilobytes(MAX_YAML_BYTES),
            ),
        )
    control = first_control_character(text)
    if control is not None:
        line, code = control
        raise YamlError(
            line + first_line - 1,
            M(
                "this line contains an invisible control character ({code}), as "
                "text copied from a word processor or PDF often does; retype the line",
                code=code,
            ),
        )
    builder = _Builder(first_line)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.add(event)
    except yaml.MarkedYAMLError as exc:
        raise explained(exc, text, first_line) from None
    except YamlError as exc:
        # "title:Kiel" makes the whole text one value: say what is missing.
        lines = text.split("\n")
        found = next((i for i, line in enumerate(lines) if NO_SPACE.match(line)), None)
        if exc.line == first_line and found is not None and not builder.doc.data:
            raise missing_space(lines, found, first_line) from None
        raise
    except yaml.YAMLError:  # e.g. characters YAML does not accept
        raise YamlError(
            first_line,
            M(
                "the text contains characters that cannot be read; "
                "save the file as UTF-8 and retype the line"
            ),
        ) from None
    return builder.doc


class _Builder:
    """Plain values from parser events, with lines; refuses what is unbounded."""

    def __init__(self, first_line: int) -> None:
        self.doc = YamlDoc(data={}, first_line=first_line)
        self.offset = first_line
        # Open containers: (value, path, key awaiting its value or None).
        self.stack: list[tuple[dict | list, Path, list]] = []
        self.documents = 0

    def _line(self, event: yaml.Event) -> int:
        return event.start_mark.line + self.offset

    def add(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlError(
                    self._line(event),
                    M("a line '---' ends the fields; remove it or everything after it"),
                )
            return
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(
                self._line(event),
                M(
                    "a value that starts with '&' or '*' must be put in double "
                    'quotes, e.g. title: "*Neu* im Verein"'
                ),
            )
        if getattr(event, "tag", None):
            raise YamlError(
                self._line(event),
                M(
                    "a value that starts with '!' must be put in double quotes, "
                    'e.g. title: "!Neu im Verein"'
                ),
            )
        if isinstance(event, yaml.ScalarEvent):
            value = event.value
            # A bare "~" or "null" means "nothing" to every YAML user; keep it empty.
            if not event.style and value in ("~", "null", "Null", "NULL"):
                value = ""
            self._place(event, value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_YAML_DEPTH:
                raise YamlError(self._line(event), M(DEPTH, depth=MAX_YAML_DEPTH))
            container: dict | list = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = self._place(event, container)
            self.stack.append((container, path, [None]))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _place(self, event: yaml.Event, value: Any) -> Path:
        """Put ``value`` where the open container expects it; return its path."""
        line = self._line(event)
        if not self.stack:
            if not isinstance(value, dict):
                raise YamlError(
                    line,
                    M(
                        "expected lines of the form 'name: value', found a single "
                        "value or a list"
                    ),
                )
            self.doc.data = value
            self.doc.lines[()] = line
            return ()
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            item_path = (*path, len(container))
            container.append(value)
            self.doc.lines[item_path] = line
            return item_path
        if pending[0] is None:  # this event is a field name
            if not isinstance(value, str):
                raise YamlError(
                    line,
                    M("a field name must be a plain word such as 'title'"),
                )
            if value in container:
                first = self.doc.lines[(*path, value)]
                raise YamlError(
                    line,
                    M(
                        "field '{name}' is given twice (first on line {first}); "
                        "remove one of them",
                        name=value,
                        first=first,
                    ),
                )
            pending[0] = value
            self.doc.lines[(*path, value)] = line
            return path
        key, pending[0] = pending[0], None
        container[key] = value
        return (*path, key)
