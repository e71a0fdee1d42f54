"""HTML in editors' Markdown: an allowlist, and every removal reported on its line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from sitecore import markup, sanitize
from sitecore.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_SCHEMES,
    ALLOWED_TAGS,
    REMOVED_WITH_CONTENT,
    clean_html,
    url_scheme,
)


def render_markdown(body: str, first_line: int, **options):
    """Rendered Markdown with its problems in English, as these tests read them."""
    rendered = markup.render_markdown(body, first_line, **options)
    rendered.problems = [(line, str(message)) for line, message in rendered.problems]
    return rendered


def sanitize_html(fragment: str, source: str = "", first_line: int = 1):
    """Sanitized HTML with its problems in English."""
    result = sanitize.sanitize_html(fragment, source, first_line)
    result.problems = [(line, str(message)) for line, message in result.problems]
    return result


FIRST_LINE = 10


def assert_inert(fragment: str) -> None:
    """Nothing in ``fragment`` can run script or load anything from elsewhere."""
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, tag
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), tag
            assert name != "style", tag
            if name in ("href", "src"):
                scheme = url_scheme(str(value))
                assert scheme in ("", *ALLOWED_SCHEMES), tag
            if tag.name == "img" and name == "src":
                assert not url_scheme(value) and not value.startswith("//"), tag
    assert "evil.example" not in fragment
    assert "alert" not in fragment


# (Markdown line written by the editor, words the problem must contain)
ATTACKS = [
    ("<img src=x onerror=alert(1)>", "onerror= removed from <img>"),
    ("<svg onload=alert(1)>", "<svg> is not allowed"),
    ("<p onmouseover=alert(1)>x</p>", "onmouseover= removed from <p>"),
    ("[x](javascript:alert(1))", "unsafe link 'javascript:alert(1)' removed"),
    ("<a href=javascript:alert(1)>x</a>", "unsafe link 'javascript:alert(1)'"),
    ('<a href="&#1;javascript:alert(1)">x</a>', "unsafe link 'javascript:alert(1)'"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "unsafe link 'javascript:"),
    ('<a href="&#106;avascript&colon;alert(1)">x</a>', "unsafe link 'javascript:"),
    ('<base href="https://evil.example/">', "<base> is not allowed"),
    (
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        "<meta> is not allowed",
    ),
    (
        "<style>body{background:url(https://evil.example/x)}</style>",
        "<style> is not allowed",
    ),
    ('<p style="background:url(https://evil.example/x)">y</p>', "style= removed"),
    ("<link rel=stylesheet href=https://evil.example/x.css>", "<link> is not allowed"),
    ("<video src=https://evil.example/x.mp4>", "<video> is not allowed"),
    ("<iframe src=https://evil.example/></iframe>", "<iframe> is not allowed"),
    ("<script>alert(1)</script>", "<script> is not allowed"),
    ("<object data=https://evil.example/x></object>", "<object> is not allowed"),
    ("<embed src=https://evil.example/x>", "<embed> is not allowed"),
    ("<math><mi>alert</mi></math>", "<math> is not allowed"),
    ("![pic](https://evil.example/x.png)", "would be loaded from another website"),
    ("<img src=//evil.example/x.png alt=x>", "would be loaded from another website"),
    ("<img src=data:image/png;base64,alert alt=x>", "unsafe picture 'data:"),
]


@pytest.mark.parametrize(("attack", "words"), ATTACKS)
def test_each_attack_is_removed_and_reported_on_its_line(attack, words):
    body = f"Ein Absatz.\n\n{attack}\n\nNoch einer.\n"
    rendered = render_markdown(body, FIRST_LINE)
    assert_inert(rendered.html)
    assert "Ein Absatz." in rendered.html
    messages = [m for line, m in rendered.problems if line == FIRST_LINE + 2]
    assert any(words in m for m in messages), rendered.problems


def test_text_after_a_removed_element_survives():
    body = (
        "<iframe src=https://evil.example/></iframe>\n\n"
        "<video src=https://evil.example/x.mp4>Fallback</video>\n\n"
        "<p><svg onload=alert(1)></p>\n\nNoch einer.\n"
    )
    rendered = render_markdown(body, 1)
    assert_inert(rendered.html)
    assert "Fallback" not in rendered.html
    assert "<p>Noch einer.</p>" in rendered.html
    assert [line for line, _ in rendered.problems] == [1, 3, 5]


def test_attr_list_attributes_are_reported_on_the_attribute_line():
    body = 'Ein Absatz.\n\nText\n{: onclick="alert(1)" }\n'
    rendered = render_markdown(body, FIRST_LINE)
    assert_inert(rendered.html)
    assert rendered.problems == [
        (FIRST_LINE + 3, "onclick= removed from <p>: script in content is not allowed")
    ]


def test_a_form_reports_the_form_and_each_control():
    body = (
        "Text\n\n"
        '<form action="https://evil.example">\n'
        "<input type=image src=https://evil.example/x.png>\n"
        "</form>\n"
    )
    rendered = render_markdown(body, FIRST_LINE)
    assert_inert(rendered.html)
    lines = {m.split(" ")[0]: line for line, m in rendered.problems}
    assert lines == {"<form>": FIRST_LINE + 2, "<input>": FIRST_LINE + 3}
    assert all("send what visitors type" in m for _, m in rendered.problems)


def test_an_external_picture_in_a_picture_element_is_an_error():
    body = "Text\n\n<picture><img src=https://evil.example/x.png alt=x></picture>\n"
    rendered = render_markdown(body, FIRST_LINE)
    assert_inert(rendered.html)
    messages = [m for line, m in rendered.problems if line == FIRST_LINE + 2]
    assert any(m.startswith("<picture> is not allowed") for m in messages)
    assert any("save the picture in content/images/" in m for m in messages)
    assert len(messages) == 2


def test_markdown_features_pass_unchanged():
    body = (
        "## Über uns\n\n"
        "Text[^1] mit *HTML*, `code`, ~~nichts~~ und <abbr title='x'>X</abbr>.\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        "Begriff\n:   Erklärung\n\n"
        "```python\nx = 1 < 2\n```\n\n"
        "1. eins\n2. zwei\n\n"
        "Absatz\n{: #anker .hinweis lang=en }\n\n"
        "[TOC]\n\n"
        "<details><summary>Mehr</summary>Inhalt</details>\n\n"
        "[Seite]({filename}/pages/x.de.md#teil) [Datei]({static}/docs/a.pdf) "
        "[Mail](mailto:a@example.org) [Tel](tel:+49431) [Web](https://example.org)"
        "\n\n[^1]: Fußnote.\n"
    )
    rendered = render_markdown(body, 1)
    assert rendered.problems == []
    soup = BeautifulSoup(rendered.html, "html.parser")
    assert soup.find("h2")["id"] == "ueber-uns"
    assert soup.find("th")["align"] == "left" and soup.find("td", align="right")
    assert soup.find("p", id="anker")["class"] == ["hinweis"]
    assert soup.find("p", id="anker")["lang"] == "en"
    assert soup.select_one("sup a.footnote-ref")["href"] == "#fn:1"
    assert soup.select_one("a.footnote-backref")["href"] == "#fnref:1"
    assert soup.find("code", class_="language-python").get_text() == "x = 1 < 2\n"
    hrefs = [
        a["href"]
        for a in soup.select("p a[href]")
        if "footnote" not in a.get("class", [])
    ]
    assert "{filename}/pages/x.de.md#teil" in hrefs
    assert {"mailto:a@example.org", "tel:+49431", "https://example.org"} <= set(hrefs)
    assert soup.find("details").find("summary").get_text() == "Mehr"
    assert [link.target for link in rendered.links] == ["/pages/x.de.md", "/docs/a.pdf"]


def test_code_that_shows_html_is_text_not_a_problem():
    rendered = render_markdown("So nicht: `<script>alert(1)</script>`\n", 1)
    assert rendered.problems == []
    assert "&lt;script&gt;" in rendered.html


def test_a_removal_the_inspector_did_not_foresee_is_still_reported():
    # A table cell outside a table is dropped by the browser-grade parser.
    result = sanitize_html("<p>a</p><td>b</td>", "a\n\n<td>b</td>", 3)
    assert "<td" not in result.html
    assert len(result.problems) == 1
    line, message = result.problems[0]
    assert line == 5 and message.startswith("<td> removed")


def test_repeated_snippets_get_their_own_lines():
    body = "<p onclick=x>a</p>\n\n<p onclick=x>b</p>\n"
    lines = [line for line, _ in render_markdown(body, 1).problems]
    assert lines == [1, 3]


def test_not_allowed_attribute_names_the_allowed_ones():
    result = sanitize_html('<a href="/x" target="_blank">x</a>')
    assert result.html == '<a href="/x">x</a>'
    assert result.problems == [
        (
            1,
            "target= removed from <a>: it is not allowed there; the allowed "
            "attributes are class, dir, href, id, lang, title",
        )
    ]


def test_invalid_web_address_is_reported():
    result = sanitize_html('<a href="http://exa mple.org/">x</a>')
    assert result.html == "<a>x</a>"
    assert "not a valid web address" in result.problems[0][1]


def test_one_allowlist_drives_cleaner_and_report():
    assert not ALLOWED_TAGS & REMOVED_WITH_CONTENT
    assert set(ALLOWED_ATTRIBUTES) - {"*"} <= ALLOWED_TAGS
    for tag in sorted(ALLOWED_TAGS):
        fragment = f"<{tag} data-x=1 onclick=y>"
        problems = sanitize_html(fragment).problems
        assert [m.split(" ")[0] for _, m in problems] == ["data-x=", "onclick="]
        assert "onclick" not in clean_html(fragment)


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" \x01JaVa\tScRiPt:x", "javascript"),
        ("java\nscript:x", "javascript"),
        ("{filename}/pages/x.de.md", ""),
        ("/de/x/", ""),
        ("#teil", ""),
        ("HTTPS://example.org", "https"),
    ],
)
def test_url_scheme_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    "fragment",
    [
        "<!-- a -> b <p onclick=x> --><p>ok</p>",
        "<!-- a --!><p>ok</p>",
        "<!--><p>ok</p>",
        "<!---><p>ok</p>",
        "<textarea><p onclick=x></textarea><p>ok</p>",
    ],
)
def test_comments_and_raw_text_are_read_as_a_browser_reads_them(fragment):
    result = sanitize_html(fragment)
    assert result.html.endswith("<p>ok</p>")
    assert "onclick" not in result.html
    # Inside a comment nothing is removed; inside <textarea> the element is.
    expected = ["<textarea>"] if fragment.startswith("<textarea") else []
    assert [m.split(" ")[0] for _, m in result.problems] == expected
