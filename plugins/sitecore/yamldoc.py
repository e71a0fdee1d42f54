"""YAML that keeps every value a string and remembers every line.

Editors' YAML goes through PyYAML's *composer* only: the node tree carries line
numbers, and building plain Python values ourselves means ``NO`` stays ``"NO"``
and ``2021-02-30`` reaches our own date check (with its line) instead of
crashing PyYAML's timestamp constructor. Types are decided later, by the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

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
    "found character '\\t'": "use spaces, not tabs, to indent",
    "tab character": "use spaces, not tabs, to indent",
    "could not find expected ':'": "every line needs the form 'field: value'",
    "found undefined alias": "a value starting with '*' must be put in quotes",
    "expected <block end>": "check the indentation of this line and the one before",
}


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

    Raises :class:`YamlError` with an editor-friendly message and line.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        hint = next((h for k, h in _HINTS.items() if k in problem), "")
        message = f"invalid YAML: {problem}" + (f"; {hint}" if hint else "")
        raise YamlError(line, message) from None
    except yaml.YAMLError as exc:  # e.g. non-printable characters
        raise YamlError(first_line, f"invalid YAML: {exc}") from None
    doc = YamlDoc(data={}, first_line=first_line)
    if root is None:
        return doc
    if not isinstance(root, yaml.MappingNode):
        raise YamlError(
            root.start_mark.line + first_line,
            "expected 'field: value' lines, found a single value or a list",
        )
    doc.data = _convert(root, (), doc, first_line)
    return doc


def _convert(node: yaml.Node, path: Path, doc: YamlDoc, offset: int) -> Any:
    doc.lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(line, "a field name must be plain text")
            key = str(key_node.value)
            if key in result:
                first = doc.lines[(*path, key)]
                raise YamlError(
                    line, f"field '{key}' is given twice (first on line {first})"
                )
            result[key] = _convert(value_node, (*path, key), doc, offset)
            doc.lines[(*path, key)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, index), doc, offset)
            for index, item in enumerate(node.value)
        ]
    value = node.value
    # A bare "~" or "null" means "nothing" to every YAML user; keep it empty.
    if not node.style and value in ("~", "null", "Null", "NULL"):
        return ""
    return value
