"""``<picture>`` markup for responsive images, and finding ``<img>`` in HTML.

The browser picks the first format it understands and, from ``sizes`` and the
screen, the smallest width that is sharp enough: a phone in a train downloads
a 480 px WebP or AVIF, not the 6000 px original. ``width``/``height`` give the
aspect ratio before the file arrives, so nothing jumps while the page loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from html.parser import HTMLParser

from .pipeline import Variant

#: Images in the text column: the column is at most 42rem wide, with 1rem of
#: page padding on each side below that.
PROSE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_PICTURE = re.compile(r"<picture\b.*?</picture\s*>", re.IGNORECASE | re.DOTALL)
#: Attributes the <img> of a <picture> takes over from the editor's <img>.
_KEPT = ("title", "class", "id")


def _srcset(variants: Sequence[Variant], url_of: Callable[[Variant], str]) -> str:
    return ", ".join(f"{escape(url_of(v))} {v.width}w" for v in variants)


def _attributes(values: dict[str, str | None]) -> str:
    return "".join(
        f' {name}="{escape(value)}"'
        for name, value in values.items()
        if value is not None
    )


def picture_html(
    variants: Sequence[Variant],
    url_of: Callable[[Variant], str],
    alt: str,
    *,
    sizes: str = PROSE_SIZES,
    eager: bool = False,
    extra: dict[str, str] | None = None,
) -> str:
    """A ``<picture>`` offering ``variants`` (best format first).

    The last format is the ``<img>`` fallback every browser understands; the
    others become ``<source>`` elements. ``eager`` marks the page's main
    picture: loaded at once and with high priority (it is usually the largest
    thing on screen), where all others wait until they are scrolled near.
    """
    formats: list[str] = []
    for variant in variants:
        if variant.format not in formats:
            formats.append(variant.format)
    if not formats:
        raise ValueError("no variants to show")
    groups = {fmt: [v for v in variants if v.format == fmt] for fmt in formats}
    fallback = groups[formats[-1]]
    largest = fallback[-1]
    default = next((v for v in fallback if v.width >= 960), largest)
    parts = ["<picture>"]
    for fmt in formats[:-1]:
        parts.append(
            f'<source type="{groups[fmt][0].mime_type}" '
            f'srcset="{_srcset(groups[fmt], url_of)}" sizes="{escape(sizes)}">'
        )
    loading = (
        {"loading": "eager", "fetchpriority": "high"}
        if eager
        else {"loading": "lazy", "decoding": "async"}
    )
    values: dict[str, str | None] = {
        "src": url_of(default),
        "srcset": _srcset(fallback, url_of) if len(fallback) > 1 else None,
        "sizes": sizes if len(fallback) > 1 else None,
        "width": str(largest.width),
        "height": str(largest.height),
        "alt": alt,
        **loading,
        **{k: v for k, v in (extra or {}).items() if k in _KEPT},
    }
    parts.append(f"<img{_attributes(values)}>")
    parts.append("</picture>")
    return "".join(parts)


class _AttributeReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def img_attributes(tag: str) -> dict[str, str]:
    """The attributes of one ``<img …>`` tag, entities decoded."""
    reader = _AttributeReader()
    reader.feed(tag)
    reader.close()
    return reader.attributes


def rewrite_images(
    fragment: str, replace: Callable[[int, dict[str, str]], str | None]
) -> str:
    """Call ``replace(index, attributes)`` for each ``<img>`` in ``fragment``.

    Its return value replaces the tag (``None`` keeps it). Images that are
    already inside a hand-written ``<picture>`` are left alone.
    """
    kept = [match.span() for match in _PICTURE.finditer(fragment)]
    index = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal index
        if any(start <= match.start() < end for start, end in kept):
            return match.group(0)
        result = replace(index, img_attributes(match.group(0)))
        index += 1
        return match.group(0) if result is None else result

    return _IMG.sub(substitute, fragment)
