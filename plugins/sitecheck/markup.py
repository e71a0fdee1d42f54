"""Checks of what pages load and how they describe it.

- No third-party requests: a script, stylesheet, font, image or frame from
  another host tells that host who visits which page, before anyone could
  consent. Links (``<a href>``) to other sites are fine: they load nothing.
- Every ``<img>`` has ``alt`` (empty for decoration) for screen readers, and
  ``width`` and ``height`` so the layout does not jump while it loads.
- Every form control has a label, or assistive technology announces it as a
  bare "edit text".
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import Tag

from .findings import Finding
from .site import OutputSite, Page, css_urls, srcset_urls

#: ``<link rel>`` values that make the browser fetch (or connect to) the URL.
FETCHING_RELS = frozenset(
    {
        "stylesheet",
        "preload",
        "modulepreload",
        "prefetch",
        "preconnect",
        "dns-prefetch",
        "icon",
        "apple-touch-icon",
        "manifest",
    }
)
#: (element, attribute, what it loads) for URLs a browser fetches by itself.
LOADING_ATTRIBUTES = (
    ("script", "src", "script"),
    ("img", "src", "image"),
    ("iframe", "src", "frame"),
    ("frame", "src", "frame"),
    ("source", "src", "media"),
    ("video", "src", "video"),
    ("video", "poster", "image"),
    ("audio", "src", "audio"),
    ("track", "src", "text track"),
    ("embed", "src", "embedded content"),
    ("object", "data", "embedded content"),
    ("input", "src", "image"),
)
UNLABELLED_INPUTS = frozenset({"hidden", "submit", "reset", "button", "image"})


def _loaded(page: Page) -> Iterator[tuple[str, str]]:
    """(what, URL) for everything the page makes the browser fetch."""
    soup = page.soup
    for link in soup.find_all("link", attrs={"href": True}):
        rels = {rel.lower() for rel in link.get("rel") or []}
        if rels & FETCHING_RELS:
            yield "/".join(sorted(rels & FETCHING_RELS)), str(link["href"])
    for name, attribute, what in LOADING_ATTRIBUTES:
        for tag in soup.find_all(name, attrs={attribute: True}):
            yield what, str(tag[attribute])
    for tag in soup.find_all(["img", "source"], attrs={"srcset": True}):
        for url in srcset_urls(str(tag["srcset"])):
            yield "image", url
    for tag in soup.find_all(style=True):
        for url in css_urls(str(tag["style"])):
            yield "style resource", url
    for style in soup.find_all("style"):
        for url in css_urls(style.get_text()):
            yield "style resource", url


def _host(url: str) -> str:
    return urlsplit(url.strip()).netloc or url


def check_third_party(site: OutputSite) -> list[Finding]:
    """No page or stylesheet loads anything from another host."""
    findings = []
    for page in site.pages.values():
        for what, url in dict.fromkeys(_loaded(page)):
            if site.is_external(url):
                findings.append(
                    Finding(
                        "third-party",
                        page.url,
                        f"loads a {what} from the third-party host {_host(url)}: {url}",
                    )
                )
    for rel, text in site.stylesheets():
        for url in dict.fromkeys(css_urls(text)):
            if site.is_external(url):
                findings.append(
                    Finding(
                        "third-party",
                        rel,
                        f"loads a font or image from the third-party host "
                        f"{_host(url)}: {url}",
                    )
                )
    return findings


def _positive_int(value: object) -> bool:
    return isinstance(value, str) and value.strip().isdigit() and int(value) > 0


def check_images(site: OutputSite) -> list[Finding]:
    """Every ``<img>`` has ``alt``, and positive whole ``width`` and ``height``."""
    findings = []
    for page in site.pages.values():
        for img in page.soup.find_all("img"):
            src = str(img.get("src", "(no src)"))
            if not img.has_attr("alt"):
                findings.append(
                    Finding(
                        "images",
                        page.url,
                        f'image {src} has no alt text (alt="" if it is decoration)',
                    )
                )
            missing = [
                name for name in ("width", "height") if not _positive_int(img.get(name))
            ]
            if missing:
                findings.append(
                    Finding(
                        "images",
                        page.url,
                        f"image {src} has no valid {' and '.join(missing)} "
                        "(the layout jumps while it loads)",
                    )
                )
    return findings


def _describe(control: Tag) -> str:
    name = control.get("name") or control.get("id")
    kind = control.get("type") if control.name == "input" else None
    parts = [control.name]
    if kind:
        parts.append(f'type="{kind}"')
    if name:
        parts.append(f'name="{name}"')
    return "<" + " ".join(parts) + ">"


def _has_label(control: Tag, label_targets: set[str]) -> bool:
    if any(str(control.get(a, "")).strip() for a in ("aria-label", "title")):
        return True
    if control.get("aria-labelledby"):
        return True
    if control.get("id") in label_targets:
        return True
    return control.find_parent("label") is not None


def check_controls(site: OutputSite) -> list[Finding]:
    """Every input, select and textarea has a label (or an ARIA name)."""
    findings = []
    for page in site.pages.values():
        soup = page.soup
        label_targets = {
            str(label["for"]) for label in soup.find_all("label", attrs={"for": True})
        }
        for control in soup.find_all(["input", "select", "textarea"]):
            if control.name == "input" and str(control.get("type", "text")).lower() in (
                UNLABELLED_INPUTS
            ):
                continue
            if not _has_label(control, label_targets):
                findings.append(
                    Finding(
                        "controls",
                        page.url,
                        f"form control {_describe(control)} has no label",
                    )
                )
    return findings
