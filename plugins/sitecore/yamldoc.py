"""YAML that keeps every value a string and remembers every line.

Editors' YAML goes through PyYAML's *parser* only: its events carry line
numbers, and building plain Python values ourselves means ``NO`` stays ``"NO"``
and ``2021-02-30`` reaches our own date check (with its line) instead of
crashing PyYAML's timestamp constructor. Types are decided later, by the schema.

Building the values from events also bounds them. Anchors and aliases
(``&x`` / ``*x``) are refused: the contract needs none, and they are how a
few lines of YAML expand into gigabytes or refer to themselves. Nesting is
limited, and so is the size of the text, so no file can exhaust memory or
the stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .limits import (
    MAX_YAML_BYTES,
    MAX_YAML_DEPTH,
    byte_size,
    first_control_character,
    kilobytes,
)

try:  # libyaml is much faster; it keeps the same marks.
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _Loader = yaml.BaseLoader

Path = tuple[str | int, ...]

_HINTS = {
    "mapping values are not allowed": (
        "a value that contains ': ' must be put in quotes, "
        'e.g. title: "Kiel: a city by the sea"'
    ),
    "could not find expected ':'": "every line needs the form 'field: value'",
    "found undefined alias": "a value starting with '*' must be put in quotes",
    "expected <block end>": "check the indentation of this line and the one before",
}
_TAB_MESSAGE = "the line starts with a tab; indent with spaces"
_DEPTH_MESSAGE = (
    f"the fields are nested more than {MAX_YAML_DEPTH} levels deep; "
    "check the indentation and the brackets"
)


class YamlError(Exception):
    """Invalid YAML, with the (1-based) line where the parser gave up."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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
            f"the fields take {kilobytes(size)} and the limit is "
            f"{kilobytes(MAX_YAML_BYTES)}; move long texts into the Markdown body",
        )
    control = first_control_character(text)
    if control is not None:
        line, code = control
        raise YamlError(
            line + first_line - 1,
            f"this line contains an invisible control character ({code}), as text "
            "copied from a word processor or PDF often does; retype the line",
        )
    builder = _Builder(first_line)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.add(event)
    except yaml.MarkedYAMLError as exc:
        raise _explained(exc, text, first_line) from None
    except yaml.YAMLError as exc:  # e.g. characters YAML does not accept
        raise YamlError(first_line, f"invalid YAML: {exc}") from None
    return builder.doc


def _explained(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlError:
    """The parser's complaint as a message an editor can act on."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return YamlError(first_line, "invalid YAML")
    line = mark.line + first_line
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    written = text.split("\n")[mark.line] if mark.line < text.count("\n") + 1 else ""
    indent = written[: len(written) - len(written.lstrip(" \t"))]
    if "\t" in indent or "tab" in problem or "'\\t'" in problem:
        return YamlError(line, _TAB_MESSAGE)
    if "nesting depth" in problem:  # libyaml's own, larger limit
        return YamlError(line, _DEPTH_MESSAGE)
    hint = next((h for k, h in _HINTS.items() if k in problem), "")
    return YamlError(line, f"invalid YAML: {problem}" + (f"; {hint}" if hint else ""))


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
                    "a line '---' ends the fields; remove it or everything after it",
                )
            return
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(
                self._line(event),
                "anchors and aliases ('&name', '*name') are not supported; write "
                "the value out, or put a value starting with '&' or '*' in quotes",
            )
        if isinstance(event, yaml.ScalarEvent):
            value = event.value
            # A bare "~" or "null" means "nothing" to every YAML user; keep it empty.
            if not event.style and value in ("~", "null", "Null", "NULL"):
                value = ""
            self._place(event, value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_YAML_DEPTH:
                raise YamlError(self._line(event), _DEPTH_MESSAGE)
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
                    "expected 'field: value' lines, found a single value or a list",
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
                raise YamlError(line, "a field name must be plain text")
            if value in container:
                first = self.doc.lines[(*path, value)]
                raise YamlError(
                    line, f"field '{value}' is given twice (first on line {first})"
                )
            pending[0] = value
            self.doc.lines[(*path, value)] = line
            return path
        key, pending[0] = pending[0], None
        container[key] = value
        return (*path, key)
