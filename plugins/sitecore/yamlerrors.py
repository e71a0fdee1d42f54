"""The YAML parser's complaints, said the way an editor can act on them.

The parser names what it expected ("mapping values are not allowed in this
context", "found character that cannot start any token"); editors need to
know what they wrote and what to write instead. :func:`explained` recognises
each known complaint together with the line it is about and answers in
plain words with the fix (quotes around a value with a colon, spaces
instead of a tab); anything else gets a general sentence about quotes,
colons and indentation. The parser's own words are never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from .i18n import M_, M, Message
from .limits import MAX_YAML_DEPTH

_TAB = M_("the line starts with a tab; indent with spaces")
DEPTH = M_(
    "the fields are nested more than {depth} levels deep; "
    "check the indentation and the brackets"
)
_UNREADABLE = M_(
    "this line cannot be read: check its quotation marks, colons and brackets, "
    "and that it is indented like the lines around it"
)


class YamlError(Exception):
    """Invalid YAML, with the (1-based) line where the reading gave up.

    ``message`` is an editor message (see :mod:`sitecore.i18n`).
    """

    def __init__(self, line: int | None, message: str | Message) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def explained(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlError:
    """The parser's complaint as a plain sentence with the fix, on its line."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return YamlError(first_line, M(_UNREADABLE))
    lines = text.split("\n")
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    context_line = exc.context_mark.line if exc.context_mark else mark.line

    def at(index: int) -> str:
        return lines[index] if 0 <= index < len(lines) else ""

    def report(index: int, message: Message) -> YamlError:
        return YamlError(index + first_line, message)

    written = at(mark.line)
    if "\t" in _indent(written) or "tab" in problem or "'\\t'" in problem:
        return report(mark.line, M(_TAB))
    if "\t" in _indent(at(context_line)):
        return report(context_line, M(_TAB))
    if "nesting depth" in problem:  # libyaml's own, larger limit
        return report(mark.line, M(DEPTH, depth=MAX_YAML_DEPTH))
    if "end of stream" in problem and "quoted scalar" in context:
        return report(
            context_line,
            M(
                "the quotation mark that starts this value is never closed; "
                "add the closing quotation mark at the end of the value"
            ),
        )
    if "mapping values are not allowed" in problem:
        return _mapping_values(lines, mark.line, report)
    if "could not find expected ':'" in problem:
        return report(
            context_line,
            M(
                "this line has no colon (':'): each line of the fields is "
                "'name: value'; text belongs below the closing '---' line"
            ),
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = "[" if "]" in problem else "{"
        closing = "]" if bracket == "[" else "}"
        return report(
            context_line,
            M(
                "the list that starts with '{bracket}' is not closed: end it "
                "with '{closing}' on the same line, or put the whole value in "
                "double quotes if it is not a list",
                bracket=bracket,
                closing=closing,
            ),
        )
    if "cannot start any token" in problem:
        character = written[mark.column : mark.column + 1] or "?"
        return report(mark.line, _quote_it(written, character))
    if "alias" in context or "anchor" in context:
        character = "*" if "alias" in context else "&"
        return report(mark.line, _quote_it(written, character))
    if "block scalar" in context:
        character = ">" if ">" in written.partition(":")[2][:3] else "|"
        return report(mark.line, _quote_it(written, character))
    if "block sequence entries are not allowed" in problem:
        return report(
            mark.line,
            M(
                "a list entry ('- ') must start a line of its own, indented below "
                "the field name; or write the list in brackets: {example}",
                example=f"{_name(written) or 'tags'}: [one, two]",
            ),
        )
    if "expected node content" in problem:
        return report(
            mark.line,
            M(
                "a value is missing in this list: remove the extra comma, "
                "or put the whole value in double quotes if it is not a list"
            ),
        )
    if "unknown escape character" in problem:
        return report(
            mark.line,
            M(
                "a backslash ('\\') inside double quotes must be written twice "
                "('\\\\'); or use single quotes ('…') around the value"
            ),
        )
    if "did not find expected key" in problem or "expected '-'" in problem:
        return report(mark.line, _after_value(written))
    return report(mark.line, M(_UNREADABLE))


#: A field name directly followed by its value: ``title:Kiel``.
NO_SPACE = re.compile(r"^\s*[A-Za-z_][\w-]*:[^\s:/]")


def missing_space(lines: list[str], index: int, first_line: int) -> YamlError:
    name, _, value = lines[index].strip().partition(":")
    return YamlError(
        index + first_line,
        M(
            "a space is missing after the colon: write {example}",
            example=f"{name}: {value}",
        ),
    )


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _name(line: str) -> str:
    """The field name a line starts with ("title" of ``title: …``), or ''."""
    name, colon, _ = line.strip().lstrip("- ").partition(":")
    return name.strip() if colon and " " not in name.strip() else ""


def _quoted(line: str) -> str:
    """The line with its value in double quotes: ``title: "Kiel: …"``."""
    name, _, value = line.strip().partition(": ")
    value = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{name}: "{value}"' if value else line.strip()


def _quote_it(line: str, character: str) -> Message:
    return M(
        "a value that starts with '{character}' must be put in double quotes, "
        "e.g. {example}",
        character=character,
        example=_quoted(line),
    )


def _mapping_values(
    lines: list[str], index: int, report: Callable[[int, Message], YamlError]
) -> YamlError:
    """ "mapping values are not allowed": a colon the parser did not expect.

    Usually the value itself contains ``: `` (``title: Kiel: eine Stadt``);
    else the line is indented under a field that is not a group, or the
    line before lacks the space after its colon (``title:Kiel``).
    """
    written = lines[index] if index < len(lines) else ""
    _name, colon, value = written.strip().partition(": ")
    if colon and (": " in value or value.rstrip().endswith(":")):
        return report(
            index,
            M(
                "the value contains a colon (': '), which would start a new "
                "field; put the whole value in double quotes: {example}",
                example=_quoted(written),
            ),
        )
    if not colon and written.rstrip().endswith(":"):
        return report(
            index,
            M(
                "the value ends with a colon; put the whole value "
                "in double quotes: {example}",
                example=_quoted(written),
            ),
        )
    before = index - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    previous = lines[before] if before >= 0 else ""
    if NO_SPACE.match(previous):
        return missing_space(lines, before, 0)
    return report(
        index,
        M(
            "this line is indented more than the line before, "
            "but only the parts of a group such as 'location:' are indented; "
            "remove the spaces at its start"
        ),
    )


def _after_value(line: str) -> Message:
    """ "did not find expected key": text after a value, or a wrong indentation."""
    _name_part, colon, value = line.strip().partition(": ")
    value = value.strip()
    if colon and value[:1] in ('"', "'"):
        closing = value.find(value[0], 1)
        if 0 < closing < len(value) - 1:
            return M(
                "there is text after the closing quotation mark; put the whole "
                'value in quotes, and write a quotation mark inside it as \\" or '
                "use „…“: {example}",
                example=_quoted(line.replace('"', "").replace("'", "")),
            )
    if colon and value[:1] in ("[", "{"):
        return M(
            "a value that starts with '{character}' is read as a list; put the "
            "whole value in double quotes: {example}",
            character=value[0],
            example=_quoted(line),
        )
    return M(
        "the indentation of this line does not match the lines "
        "above it: fields of one group start with the same number of spaces, "
        "and top-level fields with none"
    )
