"""Text that stays text in Markdown, and tables that stay tables.

markdownify writes what HTML means as Markdown, but the site reads the result
with Python-Markdown, which finds syntax at the start of any line: a
paragraph ``#hashtag …`` or a term ``#dowork`` becomes a heading, ``> …``
a quote, ``---`` under a line a heading or a rule, ``: …`` a definition. So
text that starts a line has its first character escaped. Tables are written
as Markdown only where Markdown says the same (one header row, nothing
else); otherwise as an HTML table the site's allowlist accepts, so a footer,
row headers or a table without a header come out as they were.
"""

from __future__ import annotations

import re

from bs4 import NavigableString, Tag

from sitecore.sanitize import ALLOWED_TAGS, attribute_problem

#: Elements after which (or inside which, first) text starts a new line.
LINE_BREAKING = frozenset(
    {
        *("p", "div", "li", "dt", "dd", "dl", "ul", "ol", "blockquote", "br"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "table", "tr", "td"),
        *("th", "figure", "figcaption", "section", "article", "header", "footer"),
        *("aside", "nav", "main", "address", "details", "summary", "[document]"),
    }
)
#: What Python-Markdown reads at a line start, and how to write it as text.
_LINE_START = re.compile(
    r"^(?P<space>\s*)(?:(?P<hash>#)|(?P<quote>>)|(?P<colon>:)(?=\s|$)"
    r"|(?P<number>\d{1,9})(?P<dot>\.)(?=\s|$)|(?P<bullet>[-+])(?=\s|$)"
    r"|(?P<rule>[-=_*:|]+\s*$)|(?P<fence>~~~))"
)
#: Table parts written one per line; whitespace between them is not content.
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "colgroup"})
_LINE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "caption", "colgroup"})
#: Attributes that mean nothing outside WordPress's styles.
_DROPPED_ATTRIBUTES = frozenset({"class", "id", "style"})


def starts_line(node: NavigableString | Tag) -> bool:
    """Whether nothing visible comes before ``node`` on its line."""
    sibling = node.previous_sibling
    while sibling is not None:
        if isinstance(sibling, Tag):
            if sibling.name in LINE_BREAKING:
                return True
            if sibling.get_text().strip() or sibling.find("img"):
                return False
        elif str(sibling).strip():
            return False
        sibling = sibling.previous_sibling
    parent = node.parent
    if parent is None or parent.name in LINE_BREAKING:
        return True
    return starts_line(parent)


def _escaped(match: re.Match[str]) -> str:
    space, found = match["space"], match.group(0)[len(match["space"]) :]
    if match["hash"] or match["quote"] or match["bullet"]:
        return f"{space}\\{found}"
    if match["number"]:
        return f"{space}{match['number']}\\."
    if match["colon"]:
        return f"{space}&#58;"
    if match["fence"]:
        return f"{space}&#126;~~"
    first = found[0]
    written = "&#61;" if first == "=" else ("&#58;" if first == ":" else f"\\{first}")
    return f"{space}{written}{found[1:]}"


def escape_line_start(text: str) -> str:
    """``text`` (about to start a line) with Markdown's line-start syntax escaped."""
    return _LINE_START.sub(_escaped, text, count=1)


def is_simple_table(table: Tag) -> bool:
    """Whether a Markdown table says all ``table`` says.

    That is one row of header cells first, then rows of data cells only: no
    caption, footer, merged cells, header cells elsewhere, or cells with more
    than one line.
    """
    if table.find(["caption", "tfoot", "table"]):
        return False
    rows = table.find_all("tr")
    if len(rows) < 2:
        return False
    head = rows[0]
    cells = head.find_all(["td", "th"], recursive=False)
    if not cells or any(cell.name != "th" for cell in cells):
        return False
    for row in rows:
        for cell in row.find_all(["td", "th"], recursive=False):
            if cell.get("colspan") or cell.get("rowspan"):
                return False
            if cell.find(["br", "p", "ul", "ol", "dl", "div", "blockquote", "pre"]):
                return False
            if row is not head and cell.name == "th":
                return False
    return True


def html_table(table: Tag) -> str:
    """``table`` as HTML that passes the site's allowlist, on lines of its own.

    WordPress's classes, ids and styles are left out; elements the allowlist
    does not know keep their content.
    """
    return "\n\n" + _clean(table) + "\n\n"


def _clean(node: Tag | NavigableString) -> str:
    if not isinstance(node, Tag):
        text = str(node)
        parent = node.parent.name if node.parent is not None else ""
        if not text.strip() and parent in _TABLE_PARTS:
            return ""
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    inner = "".join(_clean(child) for child in node.children)
    if node.name == "table":
        inner += "\n"
    if node.name not in ALLOWED_TAGS:
        return inner
    attributes = ""
    for name, value in node.attrs.items():
        value = " ".join(value) if isinstance(value, list) else str(value)
        if name in _DROPPED_ATTRIBUTES or attribute_problem(node.name, name, value):
            continue
        value = value.replace("&", "&amp;").replace('"', "&quot;")
        attributes += f' {name}="{value}"'
    if node.name in ("br", "img", "hr", "col", "wbr"):
        return f"<{node.name}{attributes}>"
    start = "\n" if node.name in _LINE_PARTS else ""
    if node.name in ("thead", "tbody", "tfoot"):
        inner += "\n"
    return f"{start}<{node.name}{attributes}>{inner}</{node.name}>"
