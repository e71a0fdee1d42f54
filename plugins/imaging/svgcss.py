"""The CSS inside drawings (``<style>``, ``style=``, attributes), made safe.

CSS has escapes (``u\\72l(`` is ``url(``, ``@\\69mport`` is ``@import``), so
no pattern over the written text can tell what a browser will load. The CSS
is read by a real tokenizer (tinycss2, which follows the CSS Syntax spec the
browsers implement), so escapes are decoded exactly as a browser decodes
them; then an allowlist decides: rules of selectors and declarations, no
at-rules, and in values only references to the drawing's own parts
(``url(#gradient)``) and a list of harmless functions. What passes is
written out again from the tokens, never copied, so what is published is
what was checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tinycss2
import tinycss2.ast

from sitecore.i18n import M, Message

#: Functions a drawing's CSS values may use: colours, arithmetic, transforms.
ALLOWED_FUNCTIONS = frozenset(
    {
        *("rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch"),
        *("color", "color-mix", "calc", "min", "max", "clamp", "var"),
        *("translate", "translatex", "translatey", "rotate", "scale", "scalex"),
        *("scaley", "skew", "skewx", "skewy", "matrix"),
    }
)


_BLOCKS = (
    tinycss2.ast.ParenthesesBlock,
    tinycss2.ast.SquareBracketsBlock,
    tinycss2.ast.CurlyBracketsBlock,
)


@dataclass
class CleanCss:
    """CSS as written out again from its tokens, and what was removed."""

    text: str
    removed: list[Message] = field(default_factory=list)


def _value_problem(tokens: list) -> Message | None:
    """Why a list of component values could load something, or None."""
    for token in tokens:
        if isinstance(token, tinycss2.ast.URLToken):
            if not token.value.strip().startswith("#"):
                return _loads(token.value)
        elif isinstance(token, tinycss2.ast.FunctionBlock):
            if token.lower_name == "url":
                target = tinycss2.serialize(token.arguments).strip().strip("'\"")
                strings = [
                    t.value
                    for t in token.arguments
                    if isinstance(t, tinycss2.ast.StringToken)
                ]
                target = strings[0] if strings else target
                if not target.strip().startswith("#"):
                    return _loads(target)
                continue
            if token.lower_name not in ALLOWED_FUNCTIONS:
                return M("{name}() is not a function drawings may use", name=token.name)
            if (problem := _value_problem(token.arguments)) is not None:
                return problem
        elif isinstance(token, tinycss2.ast.AtKeywordToken):
            return M("@{name} is not allowed in a drawing", name=token.value)
        elif isinstance(token, _BLOCKS):
            problem = _value_problem(token.content)
            if problem is not None:
                return problem
    return None


def _loads(target: str) -> Message:
    return M("url({target}) loads a file from elsewhere", target=target.strip()[:40])


def value_problem(value: str) -> Message | None:
    """Why an attribute value, read as CSS, could load something, or None."""
    if "(" not in value and "\\" not in value and "@" not in value:
        return None  # the usual case: numbers, colours, path data
    return _value_problem(tinycss2.parse_component_value_list(value))


def _declarations(
    tokens: list, removed: list[Message], where: str
) -> list[tinycss2.ast.Declaration]:
    kept = []
    for item in tinycss2.parse_blocks_contents(tokens):
        if isinstance(item, tinycss2.ast.Declaration):
            problem = _value_problem(item.value)
            if problem is None:
                kept.append(item)
            else:
                removed.append(
                    M(
                        "removed '{name}' from {where}: {problem}",
                        name=item.lower_name,
                        where=where,
                        problem=problem,
                    )
                )
        elif isinstance(item, tinycss2.ast.AtRule | tinycss2.ast.QualifiedRule):
            removed.append(
                M(
                    "removed a nested rule from {where}: drawings do not need it",
                    where=where,
                )
            )
    return kept


def _write(declarations: list[tinycss2.ast.Declaration]) -> str:
    return "; ".join(
        f"{tinycss2.serializer.serialize_identifier(d.lower_name)}: "
        f"{tinycss2.serialize(d.value).strip()}"
        + (" !important" if d.important else "")
        for d in declarations
    )


def clean_style_attribute(value: str, where: str) -> CleanCss:
    """A ``style=`` value with only declarations that load nothing."""
    removed: list[Message] = []
    tokens = tinycss2.parse_component_value_list(value)
    return CleanCss(_write(_declarations(tokens, removed, where)), removed)


def clean_stylesheet(text: str) -> CleanCss:
    """A ``<style>`` sheet: its rules, without at-rules or loading values."""
    removed: list[Message] = []
    rules = []
    where = "<style>"
    for rule in tinycss2.parse_stylesheet(
        text, skip_comments=True, skip_whitespace=True
    ):
        if isinstance(rule, tinycss2.ast.AtRule):
            removed.append(
                M(
                    "removed @{name} from {where}: it can load other files",
                    name=rule.at_keyword,
                    where=where,
                )
            )
        elif isinstance(rule, tinycss2.ast.QualifiedRule):
            selector = tinycss2.serialize(rule.prelude).strip()
            if (problem := _value_problem(rule.prelude)) is not None:
                removed.append(
                    M(
                        "removed a rule from {where}: {problem}",
                        where=where,
                        problem=problem,
                    )
                )
                continue
            body = _write(_declarations(rule.content, removed, where))
            rules.append(f"{selector} {{ {body} }}")
        elif isinstance(rule, tinycss2.ast.ParseError):
            removed.append(
                M("removed a broken part of {where}: it is not valid CSS", where=where)
            )
    return CleanCss("\n".join(rules), removed)
