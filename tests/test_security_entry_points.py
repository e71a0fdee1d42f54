"""Every way HTML can enter Markdown's output is checked, fast path or not.

Markdown's output skips the allowlist's full passes when the editor wrote no
HTML and nothing in the tree would be removed (``sitecore/trusted.py``). These
tests hold that shortcut to what it promises: for every way an editor can
bring markup, attributes or URLs into the output, either the full passes run,
or they would have changed nothing. A shortcut that misses one way fails here.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sitecore import markup
from sitecore.sanitize import (
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    clean_html,
    sanitize_html,
    url_scheme,
)
from sitecore.trusted import needs_cleaning

FIRST_LINE = 20

# (what the editor wrote, the line of it that carries the attack, if known)
ENTRY_POINTS = {
    "raw block HTML": ("<div onclick=alert(1)>x</div>", 0),
    "raw block script": ("<script>alert(1)</script>", 0),
    "inline HTML": ("Text <span onclick=alert(1)>x</span> mehr", 0),
    "inline picture": ("Text <img src=x onerror=alert(1)> mehr", 0),
    "html in a markdown block": ('<div markdown="1" onclick="x">*x*</div>', 0),
    "a comment hiding nothing": ("Text\n\n<!-- <p onclick=x> -->\n\nmehr", 0),
    "attr_list on a paragraph": ('Text\n{: onclick="alert(1)" }', 1),
    "attr_list on a heading": ('## Titel {: onclick="alert(1)" }', 0),
    "attr_list on a quote": ('> Zitat\n{: onclick="alert(1)" }', 1),
    "attr_list on a link": ('[a](/x){: onclick="alert(1)" }', 0),
    "attr_list on a picture": ('![a]({static}/x.png){: onerror="alert(1)" }', 0),
    "attr_list on emphasis": ('*x*{: onclick="alert(1)" }', 0),
    "attr_list on code": ('`x`{: onclick="alert(1)" }', 0),
    "attr_list on a table cell": ("| a | b |\n|---|---|\n| 1 {: onclick=x } | 2 |", 2),
    "attr_list on fenced code": ('```{ .python onclick="alert(1)" }\nx = 1\n```', 0),
    "attr_list replacing a link": ('[a](/ok){: href="javascript:alert(1)" }', 0),
    "attr_list with style": ('Text\n{: style="color:red" }', 1),
    "attr_list with an unknown attribute": ('Text\n{: data-x="1" }', 1),
    "attr_list with a character reference": ("[a](/ok){: href=&#106;avascript:x }", 0),
    "link to script": ("[x](javascript:alert(1))", 0),
    "link to script, upper case": ("[x](JaVaScRiPt:alert(1))", 0),
    "link to script, in angle brackets": ("[x](<javascript:alert(1)>)", 0),
    # Markdown rewrites these two before the report sees them: reported, on
    # the text's first line.
    "link to script, with a tab": ("[x](java\tscript:alert(1))", None),
    "link to script, as a reference": ("[x] [1]\n\n[1]: javascript:alert(1)", 2),
    "link to script, with a reference": ("[x](jav&#x61;script:alert(1))", None),
    "link to data": ("[x](data:text/html;base64,PHNjcmlwdD4=)", 0),
    "autolink to script": ("<javascript:alert(1)>", 0),
    "picture from elsewhere": ("![x](https://evil.example/x.png)", 0),
    "picture from elsewhere, as a reference": (
        "![x][p]\n\n[p]: https://evil.example/x.png",
        2,
    ),
    "picture from elsewhere, scheme-relative": ("![x](//evil.example/x.png)", 0),
    "picture as data": ("![x](data:image/png;base64,AAAA)", 0),
    "HTML in a footnote": ("Text[^1]\n\n[^1]: <img src=x onerror=alert(1)>", 2),
    "link to script in a footnote": ("Text[^1]\n\n[^1]: [x](javascript:alert(1))", 2),
    "HTML in a table": ("| a | b |\n|---|---|\n| <b onclick=x>1</b> | 2 |", 2),
    "HTML in a definition list": ("Begriff\n:   <i onclick=x>Erklärung</i>", 1),
    "HTML in a heading with a table of contents": (
        "[TOC]\n\n## <img src=x onerror=alert(1)>",
        2,
    ),
    "invalid web address": ("[x](http://exa mple.org/)", 0),
}

# Written by editors every day: must take the fast path, and stay as it is.
ORDINARY = {
    "paragraphs and emphasis": "Ein *Absatz* mit **Fett**.\n\nNoch einer.",
    "headings": "## Über uns\n\n### Wer wir sind\n\nText",
    "lists": "- eins\n- zwei\n\n1. erst\n2. dann",
    "links of every allowed kind": (
        "[Seite]({filename}/pages/x.de.md#teil) [Datei]({static}/docs/a.pdf) "
        "[Mail](mailto:a@example.org) [Tel](tel:+49431) [Web](https://example.org) "
        "[Anker](#teil) [Pfad](/de/mitglieder/)"
    ),
    "a link with a title": '[x](/y "Mehr dazu")',
    "an autolink": "<https://example.org/x>",
    "a picture of the site": "![Ein Bild]({static}/images/x.jpg)",
    "code showing HTML": "So nicht: `<script>alert(1)</script>`\n\n    <b>x</b>",
    "a table": "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "a definition list": "Begriff\n:   Erklärung",
    "a footnote": "Text[^1]\n\n[^1]: Fußnote.",
    "allowed attributes": "Absatz\n{: #anker .hinweis lang=en }",
    "a table of contents": "[TOC]\n\n## Eins\n\n## Zwei",
    "a line break": "Zeile  \nZeile",
}


def same_html(first: str, second: str) -> bool:
    """Equal as a browser reads them (``&#160;`` is ``&nbsp;``)."""
    return str(BeautifulSoup(first, "html.parser")) == str(
        BeautifulSoup(second, "html.parser")
    )


def convert(body: str) -> tuple[str, bool]:
    """Markdown's own output for ``body`` and whether it took the full passes."""
    converter = markup._markdown()
    converter.reset()
    return converter.convert(body), needs_cleaning(converter)


def assert_inert(fragment: str) -> None:
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, tag
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and name not in ("style", "data-x"), tag
            if name in ("href", "src"):
                assert url_scheme(str(value)) in ("", *ALLOWED_SCHEMES), tag
            if tag.name == "img" and name == "src":
                assert not url_scheme(value) and not value.startswith("//"), tag
    assert "evil.example" not in fragment
    assert "alert" not in fragment


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_each_entry_point_takes_the_full_passes(name):
    body, _ = ENTRY_POINTS[name]
    output, cleaned = convert(f"Ein Absatz.\n\n{body}\n")
    assert cleaned, output


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_each_entry_point_is_removed_and_reported_on_its_line(name):
    body, offset = ENTRY_POINTS[name]
    rendered = markup.render_markdown(f"Ein Absatz.\n\n{body}\n", FIRST_LINE)
    assert_inert(rendered.html)
    lines = [line for line, _ in rendered.problems]
    if offset is not None and name != "a comment hiding nothing":
        assert FIRST_LINE + 2 + offset in lines, rendered.problems
    elif offset is None:
        assert lines, rendered.html
    assert "<p>Ein Absatz.</p>" in rendered.html


@pytest.mark.parametrize("name", ORDINARY)
def test_ordinary_markdown_takes_the_fast_path_and_stays_as_written(name):
    output, cleaned = convert(ORDINARY[name])
    assert not cleaned, output
    rendered = markup.render_markdown(ORDINARY[name], FIRST_LINE)
    assert rendered.html == output
    assert rendered.problems == []


@pytest.mark.parametrize(
    "body",
    [
        *(body for body, _ in ENTRY_POINTS.values()),
        *ORDINARY.values(),
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
        "Text mit &nbsp; und &copy;",
        '[x](/y "a\\" onclick=b")',
        "<a@example.org>",
        "`x`{: .c }",
    ],
)
def test_the_fast_path_is_taken_only_where_the_full_passes_change_nothing(body):
    """The shortcut's whole promise: where it skips the passes, they were idle."""
    output, cleaned = convert(body)
    if not cleaned:
        assert same_html(clean_html(output), output)
        assert sanitize_html(output, body, 1).problems == []


def test_fenced_code_is_safe_on_either_path():
    """Fenced code arrives through Markdown's stash, so it takes the full passes."""
    output, cleaned = convert("```python\nx = 1 < 2\n```")
    assert cleaned
    rendered = markup.render_markdown("```python\nx = 1 < 2\n```", FIRST_LINE)
    assert rendered.html == output and rendered.problems == []


def test_code_stays_escaped():
    rendered = markup.render_markdown(
        "`<script>alert(1)</script>`\n\n    <img src=x onerror=y>\n\n"
        "```\n<iframe src=https://evil.example/></iframe>\n```\n",
        1,
    )
    soup = BeautifulSoup(rendered.html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == [
        *("p", "code", "pre", "code", "pre", "code")
    ]
    assert "<script>" in soup.get_text() and "<iframe" in soup.get_text()
    assert rendered.problems == []


def test_html_in_a_markdown_block_is_not_markdown():
    """Only the contract's extensions are on: ``markdown="1"`` is an attribute."""
    rendered = markup.render_markdown('<div markdown="1">*x*</div>\n', FIRST_LINE)
    assert "<em>" not in rendered.html
    assert [line for line, _ in rendered.problems] == [FIRST_LINE]
    assert "markdown=" in str(rendered.problems[0][1])
