"""SVG drawings are rebuilt from an allowlist; unsafe or unreadable ones are refused."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from imaging import svg
from imaging.svg import MAX_SVG_BYTES


def sanitize_svg(data: bytes) -> tuple[bytes, list[str]]:
    """The cleaned drawing and what was removed, in English."""
    cleaned, removed = svg.sanitize_svg(data)
    return cleaned, [str(message) for message in removed]


HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
)
NS = {"svg": "http://www.w3.org/2000/svg"}


def clean(body: str, head: str = HEAD) -> tuple[str, list[str]]:
    data, removed = sanitize_svg((head + body + "</svg>").encode())
    text = data.decode()
    ElementTree.fromstring(data)  # the result is well-formed XML
    return text, removed


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("<script>alert(1)</script>", "removed <script>"),
        ('<script xlink:href="https://evil.example/x.js"/>', "removed <script>"),
        (
            '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
            '<img src="x" onerror="alert(1)"/></div></foreignObject>',
            "removed <foreignObject>",
        ),
        ('<rect onclick="alert(1)" width="1"/>', "removed onclick= from <rect>"),
        ('<a href="javascript:alert(1)"><rect/></a>', "removed the link 'javascript:"),
        ('<a xlink:href=" java\tscript:alert(1)"><rect/></a>', "link 'java"),
        ('<use href="https://evil.example/s.svg#a"/>', "from <use>"),
        ('<image href="//evil.example/x.png"/>', "from <image>"),
        ('<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "'data:image"),
        ("<style>@import url(https://evil.example/x.css);</style>", "@import"),
        ("<style>rect{fill:url(https://evil.example/x)}</style>", "url(https://evil"),
        ('<rect style="fill:url(https://evil.example/x)"/>', "removed 'fill' from"),
        ('<rect fill="url(https://evil.example/x#a)"/>', "removed fill="),
        (
            '<animate attributeName="href" to="javascript:alert(1)"/>',
            "removed <animate>",
        ),
        ('<set attributeName="onload" to="alert(1)"/>', "removed <set>"),
        (
            '<p xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></p>',
            "removed <p>: HTML inside a drawing",
        ),
    ],
)
def test_unsafe_parts_are_removed_and_listed(body, words):
    text, removed = clean(body)
    assert any(words in line for line in removed), removed
    lowered = text.lower()
    for trace in ("script", "alert", "evil.example", "onclick", "@import", "data:"):
        assert trace not in lowered, text


ESCAPED = "http://evil.example/i.css"


@pytest.mark.parametrize(
    "body",
    [
        f'<style>@\\69mport "{ESCAPED}";</style>',
        f"<style>@\\000069mport url({ESCAPED});</style>",
        f'<style><![CDATA[@\\69 mport "{ESCAPED}";]]></style>',
        f"<style>/**/@IMPORT url({ESCAPED})</style>",
        f"<style>@media all {{ rect {{ fill: url({ESCAPED}) }} }}</style>",
        f"<style>@font-face {{ src: url({ESCAPED}) }}</style>",
        f"<style>rect {{ fill: u\\72l({ESCAPED}) }}</style>",
        f"<style>rect {{ fill: \\75\\72\\6c({ESCAPED}) }}</style>",
        f'<rect style="fill: u\\72l({ESCAPED})"/>',
        f"<rect style=\"fill: URL( '{ESCAPED}' )\"/>",
        f'<rect style="fill: url(&quot;{ESCAPED}&quot;)"/>',
        f'<rect style="fill: \\75 rl({ESCAPED})"/>',
        f"<rect style=\"background: image-set('{ESCAPED}' 1x)\"/>",
        f"<rect style=\"fill: var(--x, url('{ESCAPED}'))\"/>",
        f'<rect fill="u\\72l({ESCAPED})"/>',
        f'<rect filter="\\75 rl({ESCAPED}#f)"/>',
    ],
)
def test_css_escapes_cannot_load_anything(body):
    text, removed = clean(body)
    assert removed, text
    assert "evil.example" not in text, text
    # What is left is CSS a browser reads without any reference to elsewhere.
    assert "\\" not in text


def test_safe_css_is_kept_and_written_from_its_tokens():
    text, removed = clean(
        '<rect style="fill:#f00;stroke: url(#g) ; opacity:.5;'
        ' transform: rotate(45deg)"/>'
        "<style>.a{fill:rgb(1,2,3)}</style>"
    )
    assert removed == []
    root = ElementTree.fromstring(text.encode())
    assert root.find(".//svg:rect", NS).get("style") == (
        "fill: #f00; stroke: url(#g); opacity: .5; transform: rotate(45deg)"
    )
    assert root.find("svg:style", NS).text == ".a { fill: rgb(1,2,3) }"


def test_a_processing_instruction_is_listed():
    data = (
        b'<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>'
        + HEAD.encode()
        + b"</svg>"
    )
    text, removed = sanitize_svg(data)
    assert b"evil.example" not in text
    assert removed == [
        "removed <?xml-stylesheet?>: processing instructions can load files "
        "from elsewhere"
    ]


def test_the_drawing_itself_survives():
    body = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
        '</linearGradient><clipPath id="c"><circle r="5"/></clipPath></defs>'
        '<g clip-path="url(#c)"><rect width="10" height="10" fill="url(#g)"/>'
        '<use xlink:href="#g"/><image href="logo.png" width="2" height="2"/>'
        '<text x="1" y="9" xml:space="preserve">A &amp; B</text></g>'
        "<style>rect > g { fill: url(#g) }</style>"
    )
    text, removed = clean(body)
    assert removed == []
    root = ElementTree.fromstring(text.encode())
    assert root.find(".//svg:rect", NS).get("fill") == "url(#g)"
    assert root.find(".//svg:use", NS).get("{http://www.w3.org/1999/xlink}href") == (
        "#g"
    )
    assert root.find(".//svg:image", NS).get("href") == "logo.png"
    assert root.find(".//svg:text", NS).text == "A & B"
    assert "rect > g" in root.find("svg:style", NS).text
    assert root.get("viewBox") == "0 0 10 10"


def test_drawing_program_data_is_dropped_without_a_report():
    head = HEAD.replace(
        "<svg ",
        '<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'inkscape:version="1.3" ',
    )
    text, removed = clean(
        "<metadata><author>Jane Doe</author></metadata>"
        '<inkscape:grid xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"/>'
        '<rect inkscape:label="Box" width="1"/>',
        head,
    )
    assert removed == []
    assert "inkscape" not in text and "Jane Doe" not in text
    assert '<rect width="1"/>' in text


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
            "'<!DOCTYPE' line",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
            "'<!DOCTYPE' line",
        ),
        (
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            "remove that line",
        ),
        (b"<html><body/></html>", "is not an SVG drawing"),
        (b"<svg><rect/></svg>", "is not an SVG drawing"),
        (b"\x89PNG\r\n\x1a\n", "cannot be read as SVG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "cannot be read"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">'
            + b"<g>" * 150
            + b"</g>" * 150
            + b"</svg>",
            "nested more than 100 levels",
        ),
        (b" " * (MAX_SVG_BYTES + 1), "the limit is 1024 KB"),
    ],
)
def test_unreadable_or_unsafe_files_are_refused(data, words):
    with pytest.raises(ValueError) as info:
        sanitize_svg(data)
    assert words in str(info.value)


def test_a_published_drawing_carries_no_reference_in_any_escape(site):
    site.news("a", "de", "Zeichnung")
    drawing = (
        HEAD + f'<style>@\\69mport "{ESCAPED}";rect{{fill:u\\72l({ESCAPED})}}</style>'
        f'<rect style="fill: \\75\\72\\6c({ESCAPED}); stroke: red" width="5"/></svg>'
    )
    site.write("images/logo.svg", drawing)
    preview = site.build()  # a preview publishes what is left, and says why
    assert "images/logo.svg: removed @import from <style>" in preview.stderr
    assert "images/logo.svg: removed 'fill' from <rect>" in preview.stderr
    published = (preview.output / "images" / "logo.svg").read_text("utf-8")
    assert "evil.example" not in published and "\\" not in published
    assert "stroke: red" in published
    strict = site.build("publishconf.py", name="strict")
    assert strict.exit_code == 1
