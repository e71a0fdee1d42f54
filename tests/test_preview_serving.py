"""The preview's server as a browser meets it: redirects, HEAD, files, not found.

A folder asked for without its slash is redirected (keeping the query), a
HEAD request gets the headers a GET would, files other than pages are sent
as they were built, and an address that never existed answers with the
site's own "not found" page.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message

from bs4 import BeautifulSoup
from test_preview import preview_of


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


def request(url: str, method: str = "GET") -> tuple[int, Message, bytes]:
    """Status, headers and body of one request, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_folder_without_its_slash_is_redirected_with_its_query(tmp_path):
    with preview_of(tmp_path) as (_, _, base, _):
        status, headers, _ = request(f"{base}/de")
        assert (status, headers["Location"]) == (301, "/de/")
        status, headers, _ = request(f"{base}/en/search?q=Kiel")
        assert (status, headers["Location"]) == (301, "/en/search/?q=Kiel")
        status, _, page = request(f"{base}/en/search/?q=Kiel")
        assert status == 200 and b"search-input" in page


def test_head_answers_with_the_headers_of_get_and_no_body(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        site.md("news/a.en.md", 'title: "First"\ndate: 2026-13-01')
        builder.build()  # its page now shows its errors, as "not found"
        for path in ("/de/", "/de/feed.xml", "/favicon.svg", "/nirgends/", "/de"):
            get_status, get_headers, body = request(base + path)
            head_status, head_headers, nothing = request(base + path, "HEAD")
            assert head_status == get_status, path
            for name in ("Content-Type", "Content-Length", "Location"):
                assert head_headers[name] == get_headers[name], (path, name)
            assert nothing == b""
        status, _, body = request(f"{base}/en/news/a/")
        text = BeautifulSoup(body, "html.parser").get_text()
        assert status == 404 and "news/a.en.md:3: date:" in text
        status, headers, nothing = request(f"{base}/en/news/a/", "HEAD")
        assert (status, headers["Content-Length"], nothing) == (
            404,
            str(len(body)),
            b"",
        )


def test_files_other_than_pages_are_sent_as_built(tmp_path):
    with preview_of(tmp_path) as (_, builder, base, _):
        for path, kind in (
            ("de/feed.xml", "application/xml"),
            ("favicon.svg", "image/svg+xml"),
            ("robots.txt", "text/plain"),
        ):
            status, headers, body = request(f"{base}/{path}")
            assert status == 200
            assert headers.get_content_type() == kind, path
            assert body == (builder.output / path).read_bytes(), path


def test_an_address_that_never_existed_is_the_sites_not_found_page(tmp_path):
    with preview_of(tmp_path) as (_, builder, base, _):
        status, headers, body = request(f"{base}/de/gibt-es-nicht/")
        assert status == 404
        assert headers.get_content_type() == "text/html"
        page = BeautifulSoup(body, "html.parser")
        built = BeautifulSoup((builder.output / "404.html").read_bytes(), "html.parser")
        assert page.main == built.main and page.title == built.title
        assert page.select_one('script[src="/_preview/reload.js"]') is not None
        assert page.select_one(".preview-problems") is None
        # Without the site's page, a plain "not found".
        (builder.output / "404.html").unlink()
        status, headers, body = request(f"{base}/de/gibt-es-nicht/")
        assert status == 404 and built.title.get_text().encode() not in body
        assert b"Error code: 404" in body
