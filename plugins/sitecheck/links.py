"""Links that lead nowhere, and hreflang alternates that do not agree.

A broken internal link is the error editors make most (a renamed slug, a typo
in a raw HTML link) and the one visitors notice first; hreflang alternates
that are not reciprocal are ignored by search engines, so a translation would
not be offered to the visitors who need it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding
from .site import OutputSite, Page, css_urls, srcset_urls

#: (element, attribute) pairs holding one URL each.
URL_ATTRIBUTES = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
)
SRCSET_ELEMENTS = ("img", "source")
#: ``<meta>`` properties whose content is the URL of a link-preview picture.
META_URLS = frozenset({"og:image", "og:image:url", "twitter:image"})


def page_urls(page: Page) -> Iterator[str]:
    """Every URL a page refers to, in document order per attribute."""
    for name, attribute in URL_ATTRIBUTES:
        for tag in page.soup.find_all(name, attrs={attribute: True}):
            yield str(tag[attribute])
    for name in SRCSET_ELEMENTS:
        for tag in page.soup.find_all(name, attrs={"srcset": True}):
            yield from srcset_urls(str(tag["srcset"]))
    for meta in page.soup.find_all("meta", attrs={"content": True}):
        if (meta.get("property") or meta.get("name")) in META_URLS:
            yield str(meta["content"])


def _broken(site: OutputSite, url: str, base: str) -> str | None:
    """Why ``url`` (found at ``base``) does not resolve, or ``None`` if it does."""
    target = site.resolve(url, base)
    if target is None:
        return None
    if target.file is None:
        return f"broken link {url}: it points outside the site"
    if not target.exists:
        return f"broken link {url}: /{target.file} does not exist"
    if target.fragment:
        linked = site.page_of(target)
        if linked is not None and target.fragment not in linked.ids:
            return (
                f"broken link {url}: /{linked.url} has no element with "
                f'id "{target.fragment}"'
            )
    return None


def check_links(site: OutputSite) -> list[Finding]:
    """Every internal link, image, script and stylesheet URL resolves.

    Fragments (``#section``) must name an element on the target page. CSS
    ``url(...)`` references are resolved relative to their stylesheet.
    """
    findings = []
    for page in site.pages.values():
        for url in dict.fromkeys(page_urls(page)):
            reason = _broken(site, url, page.url)
            if reason:
                findings.append(Finding("links", page.url, reason))
    for rel, text in site.stylesheets():
        for url in dict.fromkeys(css_urls(text)):
            if url.startswith("#"):
                continue  # an SVG filter reference, not a file
            reason = _broken(site, url, rel)
            if reason:
                findings.append(Finding("links", rel, reason))
    return findings


def alternates(page: Page) -> list[tuple[str, str]]:
    """The page's ``<link rel="alternate" hreflang>`` pairs (code, href)."""
    return [
        (str(link["hreflang"]), str(link.get("href", "")))
        for link in page.soup.find_all("link", attrs={"hreflang": True})
        if "alternate" in (link.get("rel") or [])
    ]


def check_hreflang(site: OutputSite) -> list[Finding]:
    """hreflang alternates: resolvable, self-including, reciprocal, with x-default.

    Every page that names alternates must name itself among them, name an
    ``x-default``, and each language alternate must name this page back with
    this page's language.
    """
    findings = []
    for page in site.pages.values():
        pairs = alternates(page)
        if not pairs:
            continue

        def note(message: str, page: Page = page) -> None:
            findings.append(Finding("hreflang", page.url, message))

        codes = [code for code, _ in pairs]
        if "x-default" not in codes:
            note("hreflang alternates without an x-default")
        for code in {c for c in codes if codes.count(c) > 1}:
            note(f'hreflang="{code}" appears more than once')
        targets: dict[str, Page] = {}
        for code, href in pairs:
            target = site.resolve(href, page.url)
            linked = site.page_of(target) if target else None
            if linked is None:
                note(f'hreflang="{code}" alternate {href} is not a page of this site')
            else:
                targets[code] = linked
        if page not in targets.values():
            note("hreflang alternates do not include the page itself")
        own_codes = {code for code, linked in targets.items() if linked is page}
        for code, linked in targets.items():
            if code == "x-default":
                continue
            if not _same_language(code, linked.lang):
                note(
                    f'hreflang="{code}" alternate /{linked.url} is a page in '
                    f'lang="{linked.lang}"'
                )
            if linked is page:
                continue
            back = _back_links(site, linked)
            if page.url not in back:
                note(
                    f'hreflang="{code}" alternate /{linked.url} does not link '
                    "back to this page"
                )
            elif back[page.url] != "x-default" and back[page.url] not in own_codes:
                note(
                    f'/{linked.url} names this page as hreflang="{back[page.url]}", '
                    f"but this page calls itself {sorted(own_codes)}"
                )
    return findings


def _back_links(site: OutputSite, page: Page) -> dict[str, str]:
    """Page URL → hreflang code, for the alternates ``page`` names."""
    back: dict[str, str] = {}
    for code, href in alternates(page):
        target = site.resolve(href, page.url)
        linked = site.page_of(target) if target else None
        if linked is not None:
            back.setdefault(linked.url, code)
            if code != "x-default":
                back[linked.url] = code
    return back


def _same_language(code: str, lang: str) -> bool:
    return code.split("-")[0].lower() == lang.split("-")[0].lower()
