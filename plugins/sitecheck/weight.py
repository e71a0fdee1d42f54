"""The page-weight budget, and content that shows without JavaScript.

A server's first answer carries about 14 KB (TCP's initial congestion window
of ten packets); a page whose HTML and CSS fit in that is drawn after one
round trip, even on a slow mobile connection. The budget counts the page's
HTML plus every stylesheet it links, each gzip-compressed at level 6, the
default of most web servers. Images load later and do not block the first
paint, so they do not count.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from .findings import Finding
from .site import OutputSite, Page

#: Bytes a page and its CSS may weigh, compressed: one network round trip.
BUDGET = 14 * 1024
_NOT_CONTENT = ("script", "style", "template", "noscript")


@dataclass(frozen=True)
class PageWeight:
    """Compressed size of one page and the CSS it needs."""

    url: str
    html: int
    css: int

    @property
    def total(self) -> int:
        return self.html + self.css


def gzip_size(data: bytes) -> int:
    """Size of ``data`` gzip-compressed as a web server would send it."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def stylesheets_of(site: OutputSite, page: Page) -> list[str]:
    """Output files of the stylesheets ``page`` links."""
    files = []
    for link in page.soup.find_all("link", attrs={"href": True}):
        if "stylesheet" not in [rel.lower() for rel in link.get("rel") or []]:
            continue
        target = site.resolve(str(link["href"]), page.url)
        if target is not None and target.exists and target.file:
            files.append(target.file)
    return files


def page_weights(site: OutputSite) -> list[PageWeight]:
    """Every visitor page's weight, heaviest first (not the editing interface's)."""
    css_sizes: dict[str, int] = {}
    weights = []
    for page in site.visitor_pages:
        css = 0
        for file in stylesheets_of(site, page):
            if file not in css_sizes:
                css_sizes[file] = gzip_size((site.root / file).read_bytes())
            css += css_sizes[file]
        weights.append(PageWeight(page.url, gzip_size(page.data), css))
    return sorted(weights, key=lambda weight: (-weight.total, weight.url))


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def check_weight(site: OutputSite, budget: int = BUDGET) -> list[Finding]:
    """No page's HTML plus CSS weighs more than ``budget`` bytes compressed."""
    return [
        Finding(
            "weight",
            weight.url,
            f"weighs {_kb(weight.total)} gzip-compressed (HTML {_kb(weight.html)} + "
            f"CSS {_kb(weight.css)}), over the budget of {_kb(budget)}",
        )
        for weight in page_weights(site)
        if weight.total > budget
    ]


def heaviest(site: OutputSite, count: int = 5, budget: int = BUDGET) -> str:
    """A short table of the heaviest pages, for the check's printout."""
    lines = [f"Heaviest pages (HTML + CSS, gzip; budget {_kb(budget)}):"]
    for weight in page_weights(site)[:count]:
        parts = f"(HTML {_kb(weight.html)}, CSS {_kb(weight.css)})"
        lines.append(f"  {_kb(weight.total):>8}  {parts}  /{weight.url}")
    return "\n".join(lines)


def check_no_js_content(site: OutputSite) -> list[Finding]:
    """Every page has a ``<main>`` whose content is in the HTML itself.

    The parsed HTML is what a browser without JavaScript shows; a page whose
    main content only appears once a script has run is empty for it.
    """
    findings = []
    for page in site.visitor_pages:
        main = page.soup.find("main")
        if main is None:
            findings.append(Finding("no-js", page.url, "has no <main> element"))
            continue
        text = " ".join(
            str(node).strip()
            for node in main.find_all(string=True)
            if node.parent is not None
            and not node.find_parent(_NOT_CONTENT)
            and str(node).strip()
        )
        if not text:
            findings.append(
                Finding(
                    "no-js",
                    page.url,
                    "its <main> has no text without JavaScript: the content must be "
                    "in the HTML, not added by a script",
                )
            )
    return findings
