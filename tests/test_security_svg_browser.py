"""Chromium loads nothing from elsewhere for a published drawing, escapes and all.

The same hostile drawing, as uploaded, makes Chromium ask another host for
a stylesheet and a picture; as the build publishes it, it asks nothing.
"""

from __future__ import annotations

import pytest
from browsing import chromium
from conftest import SiteBuilder

from sitecheck.browser import serve

pytestmark = pytest.mark.browser

DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<style>@\\69mport "http://evil.example/i.css";'
    "rect{fill:u\\72l(http://evil.example/r.png)}</style>"
    '<rect width="5" height="5" style="fill: u\\72l(http://evil.example/s.png)"/>'
    '<circle r="2" fill="\\75 rl(http://evil.example/c.svg#x)"/></svg>'
)


def requests_for(url: str, refused: str = "") -> list[str]:
    """Every address Chromium asked for while showing ``url``.

    Requests to other hosts are refused; ``refused`` names the host whose
    refusal the test expects (the console reports it as a failed load).
    """
    asked: list[str] = []
    with chromium() as browser:
        if refused:
            browser.allow(refused)
        page = browser.new_page()
        page.route(
            "**/*",
            lambda route: (
                asked.append(route.request.url),
                route.continue_()
                if route.request.url.startswith("http://127.0.0.1")
                else route.abort(),
            ),
        )
        page.goto(url)
        page.wait_for_timeout(500)
    return asked


def test_the_published_drawing_asks_no_other_host(tmp_path):
    site = SiteBuilder(tmp_path)
    site.news("a", "de", "Zeichnung")
    site.write("images/logo.svg", DRAWING)
    result = site.build()  # the preview publishes what the cleaning left
    assert "images/logo.svg: removed @import" in result.stderr
    (tmp_path / "uploaded").mkdir()
    (tmp_path / "uploaded" / "logo.svg").write_text(DRAWING, "utf-8")
    with serve(result.output) as published, serve(tmp_path / "uploaded") as uploaded:
        # The drawing as uploaded: Chromium does fetch from the other host.
        uploaded_asked = requests_for(uploaded + "/logo.svg", "evil.example")
        assert any("evil.example" in u for u in uploaded_asked)
        asked = requests_for(published + "/images/logo.svg")
    assert asked and not [u for u in asked if "evil.example" in u], asked
