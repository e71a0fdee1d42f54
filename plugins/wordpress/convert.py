"""HTML of a WordPress item → the contract's Markdown, plus what was left out.

After :mod:`prepare` has removed blocks and shortcodes and made paragraphs,
the HTML is cleaned on a parse tree: embeds, scripts and forms are removed
(the site loads nothing from elsewhere and has no forms in content),
Elementor widgets without an HTML equivalent go, pictures point at their
copies under ``content/images/`` and links at the imported files. markdownify
then writes Markdown, which has no raw HTML left for the build to reject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import quote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import ATX, MarkdownConverter

from sitecore.headings import nested_levels
from sitecore.i18n import N_, M

from .leftovers import Kind, Leftover, shorten
from .links import is_safe
from .markdown import escape_line_start, html_table, is_simple_table, starts_line
from .pictures import PICTURE_SUFFIXES, Picture, PictureFinder, uploads_relpath
from .prepare import (
    autop,
    is_block_content,
    nesting_depth,
    strip_blocks,
    strip_shortcodes,
)

LinkRewriter = Callable[[str], tuple[str | None, Leftover | None]]

#: Elements removed with their content, and the kind of leftover they are.
REMOVED = MappingProxyType(
    {
        "script": Kind.SCRIPT,
        "noscript": Kind.SCRIPT,
        "iframe": Kind.EMBED,
        "object": Kind.EMBED,
        "embed": Kind.EMBED,
        "video": Kind.EMBED,
        "audio": Kind.EMBED,
        "canvas": Kind.EMBED,
        "svg": Kind.EMBED,
        "form": Kind.FORM,
        "input": Kind.FORM,
        "select": Kind.FORM,
        "textarea": Kind.FORM,
        "button": Kind.FORM,
    }
)
#: Removed without a report entry: presentation, never content.
SILENT = frozenset({"style", "link", "meta", "head", "title", "template"})
#: Elementor widgets whose saved HTML is plain content.
ELEMENTOR_KEPT = frozenset(
    {"heading", "text-editor", "image", "divider", "spacer", "button", "icon-list"}
)
_ELEMENTOR_WIDGET = re.compile(r"^elementor-widget-(?!container$)(?P<type>.+)$")
_ATTACHMENT_CLASS = re.compile(r"^wp-image-(\d+)$")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_BLOCK_MARKER = re.compile(r"^(\d{1,9})([.)])(\s)|^([#>+\-*])(\s)")
ELEMENTOR_NOTE = N_(
    "built with Elementor: its layout (sections, columns, styles) is not carried "
    "over; the text is"
)
#: Deeper nesting is not read as HTML: real posts stay far below it, and
#: parsing and converting a hostile one would take minutes and then fail.
MAX_DEPTH = 64
#: Hosts whose addresses WordPress shows embedded (oEmbed) when one stands
#: alone on a line; the site links them instead.
OEMBED_HOSTS = (
    "youtube.com", "youtu.be", "vimeo.com", "twitter.com", "x.com",
    "instagram.com", "facebook.com", "flickr.com", "soundcloud.com",
    "spotify.com", "tiktok.com", "wordpress.tv", "ted.com", "slideshare.net",
    "reddit.com", "tumblr.com", "dailymotion.com", "issuu.com", "mixcloud.com",
    "imgur.com", "kickstarter.com", "speakerdeck.com", "scribd.com",
    "videopress.com", "bsky.app", "mastodon.social", "pinterest.com",
)  # fmt: skip
_BARE_URL = re.compile(r"^https?://\S+$")
_HEADING = re.compile(r"^h[1-6]$", re.IGNORECASE)


@dataclass
class Converted:
    """An item's Markdown body, its pictures to copy, and what was left out."""

    markdown: str
    leftovers: list[Leftover] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    alts: dict[str, str] = field(default_factory=dict)  # picture target → its alt


def convert_html(
    html: str,
    pictures: PictureFinder,
    rewrite_link: LinkRewriter | None = None,
) -> Converted:
    """Convert one item's stored text; never raises for odd or broken HTML."""
    result = Converted("")
    depth = nesting_depth(html, MAX_DEPTH)
    if depth > MAX_DEPTH:
        result.leftovers.append(
            Leftover(
                Kind.TOO_DEEP,
                M(
                    "its HTML is nested more than {limit} levels deep; only its "
                    "text is kept, as one paragraph: restore the layout by hand",
                    limit=MAX_DEPTH,
                ),
            )
        )
        html = " ".join(_text_only(html).split())
    blocks = is_block_content(html)
    text, found = strip_blocks(html)
    result.leftovers += found
    text, found = strip_shortcodes(text)
    result.leftovers += found
    if not blocks:
        text = autop(text)
    soup = BeautifulSoup(text, "html.parser")
    _remove_unwanted(soup, result.leftovers)
    _nest_headings(soup, result.leftovers)
    _link_bare_urls(soup, result.leftovers)
    _place_pictures(soup, pictures, result)
    _rewrite_links(soup, rewrite_link or (lambda href: (href, None)), result)
    markdown = _Converter().convert_soup(soup)
    result.markdown = _tidy(markdown)
    return result


def _remove_unwanted(soup: BeautifulSoup, leftovers: list[Leftover]) -> None:
    elementor = False
    for element in list(soup.find_all(True)):
        if element.decomposed:
            continue
        name = element.name.lower()
        if name in SILENT:
            element.decompose()
            continue
        if name in REMOVED:
            leftovers.append(Leftover(REMOVED[name], _describe(element)))
            element.decompose()
            continue
        classes = element.get("class") or []
        if any(c.startswith("elementor") for c in classes):
            elementor = True
        for css_class in classes:
            match = _ELEMENTOR_WIDGET.match(css_class)
            if match and match["type"] not in ELEMENTOR_KEPT:
                leftovers.append(
                    Leftover(
                        Kind.PAGE_BUILDER,
                        M("Elementor widget '{type}'", type=match["type"]),
                    )
                )
                element.decompose()
                break
    if elementor:
        leftovers.append(Leftover(Kind.PAGE_BUILDER, M(ELEMENTOR_NOTE)))


def _nest_headings(soup: BeautifulSoup, leftovers: list[Leftover]) -> None:
    """Headings at levels the site accepts: below the title, no level skipped.

    Themes style ``<h1>`` to ``<h6>`` freely, so old posts often start at
    ``<h3>`` or skip a level; the build refuses that (see
    ``sitecore.headings``). The structure is kept: siblings stay siblings.
    """
    headings = soup.find_all(_HEADING)
    written = [int(heading.name[1]) for heading in headings]
    given = nested_levels(written)
    if given == written:
        return
    for heading, level in zip(headings, given, strict=True):
        heading.name = f"h{level}"
    leftovers.append(
        Leftover(
            Kind.HEADINGS,
            M(
                "headings moved ({changes}): the title is the only level-1 "
                "heading, and no level is skipped",
                changes=", ".join(
                    dict.fromkeys(
                        f"h{old} → h{new}"
                        for old, new in zip(written, given, strict=True)
                        if old != new
                    )
                ),
            ),
        )
    )


def _text_only(html: str) -> str:
    """The text of HTML too deep to parse, without its tags (a flat scan)."""
    return re.sub(r"<[^>]*>", " ", html).replace("<", " ")


def _link_bare_urls(soup: BeautifulSoup, leftovers: list[Leftover]) -> None:
    """A paragraph that is only an address becomes a link to it.

    WordPress shows such an address embedded when it belongs to a video or
    social media site (oEmbed); the site loads nothing from elsewhere, so it
    links it, and the report lists it.
    """
    for paragraph in soup.find_all("p"):
        if paragraph.find(True) is not None:
            continue
        url = paragraph.get_text().strip()
        if not _BARE_URL.match(url) or not is_safe(url):
            continue
        link = soup.new_tag("a", href=url)
        link.string = url
        paragraph.clear()
        paragraph.append(link)
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if any(host == h or host.endswith("." + h) for h in OEMBED_HOSTS):
            leftovers.append(
                Leftover(
                    Kind.EMBED,
                    M(
                        "{url}: WordPress showed it embedded; it is now a link",
                        url=url,
                    ),
                )
            )


def _describe(element: Tag) -> str:
    """What a removed element was, in a few words (its address if it has one)."""
    name = element.name.lower()
    address = element.get("src") or element.get("data") or element.get("action") or ""
    if not address and name in ("video", "audio"):
        source = element.find("source")
        address = source.get("src", "") if source else ""
    text = f"<{name}>"
    if address:
        text += f" {shorten(str(address), 70)}"
    elif name in ("script", "noscript"):
        text += (
            f" {shorten(element.get_text(), 50)}" if element.get_text().strip() else ""
        )
    return text


def _place_pictures(
    soup: BeautifulSoup, finder: PictureFinder, result: Converted
) -> None:
    for img in list(soup.find_all("img")):
        src = str(
            img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
        )
        alt = " ".join(str(img.get("alt") or "").split())
        attachment = 0
        for css_class in img.get("class") or []:
            match = _ATTACHMENT_CLASS.match(css_class)
            if match:
                attachment = int(match.group(1))
        picture = finder.find(src, attachment)
        alt = alt or picture.alt
        link = img.parent if img.parent and img.parent.name == "a" else None
        if link is not None and _links_to_picture(str(link.get("href") or ""), finder):
            link.unwrap()  # the full-size link: the copy is the full size already
        if picture.target is None:
            result.leftovers.append(
                Leftover(
                    Kind.PICTURE_MISSING,
                    M(
                        "{address}: {problem}{kept}",
                        address=src or M("(no address)"),
                        problem=picture.problem,
                        kept=M("; its alt text is kept as text") if alt else "",
                    ),
                )
            )
            img.replace_with(NavigableString(alt))
            continue
        if not alt and picture.caption:
            alt = picture.caption
            result.leftovers.append(
                Leftover(
                    Kind.ALT_CHECK,
                    M(
                        "{file}: the alt text is its caption or title in the "
                        "media library, '{alt}'; check that it says what the "
                        "picture shows",
                        file=picture.target,
                        alt=alt,
                    ),
                )
            )
        result.alts.setdefault(picture.target, alt)
        img.attrs = {"src": "{static}/" + picture.target, "alt": alt}
        if not alt:
            result.leftovers.append(
                Leftover(
                    Kind.ALT_MISSING,
                    M(
                        "{file}: write what it shows between the brackets of ![](…)",
                        file=picture.target,
                    ),
                )
            )
        if picture not in result.pictures:
            result.pictures.append(picture)


def _links_to_picture(href: str, finder: PictureFinder) -> bool:
    relpath = uploads_relpath(href, finder.hosts) if href else None
    if relpath is None:
        return False
    return any(relpath.lower().endswith(suffix) for suffix in PICTURE_SUFFIXES)


def _rewrite_links(
    soup: BeautifulSoup, rewrite: LinkRewriter, result: Converted
) -> None:
    for link in list(soup.find_all("a")):
        href = str(link.get("href") or "")
        if not href:
            link.unwrap()
            continue
        if is_safe(href):
            target, leftover = rewrite(href)
        else:
            target, leftover = None, Leftover(Kind.UNSAFE_LINK, shorten(href, 60))
        if leftover is not None:
            result.leftovers.append(leftover)
        if target is None:
            link.unwrap()
            continue
        # Spaces and parentheses would end a Markdown link early.
        link.attrs = {"href": quote(target, safe="/:?#[]@!$&'*+,;=%{}~")}


class _Converter(MarkdownConverter):
    """markdownify as the site's Markdown (Python-Markdown with "extra") needs it."""

    def __init__(self) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            table_infer_header=True,
            escape_misc=False,
        )

    def escape(self, text: str, parent_tags: set[str]) -> str:
        """Also keep text that looks like HTML or an entity from becoming one."""
        text = super().escape(text, parent_tags)
        if not text or "_noformat" in parent_tags:
            return text
        text = _ENTITY.sub("&amp;", text)
        text = _TAG_START.sub("&lt;", text)
        # Brackets only matter where they could close a link: "](" and "][".
        return text.replace("](", r"\](").replace("][", r"\][").replace("`", r"\`")

    def process_text(
        self, el: NavigableString, parent_tags: set[str] | None = None
    ) -> str:
        """Text that starts a line must not start Markdown syntax there."""
        text = super().process_text(el, parent_tags)
        tags = parent_tags or set()
        if text and "_noformat" not in tags and starts_line(el):
            return escape_line_start(text)
        return text

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A Markdown table where it says the same, else the HTML table."""
        if is_simple_table(el):
            return super().convert_table(el, text, parent_tags)
        return html_table(el)

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A paragraph starting "1. " or "# " must not turn into a list or heading."""
        if "_inline" not in parent_tags:
            stripped = text.lstrip()
            text = _BLOCK_MARKER.sub(_escape_marker, stripped, count=1)
        return super().convert_p(el, text, parent_tags)

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Brackets in alt text would end the image early."""
        alt = str(el.get("alt") or "").replace("[", r"\[").replace("]", r"\]")
        if "_inline" in parent_tags:
            return alt
        return f"![{alt}]({el.get('src') or ''})"


def _escape_marker(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}{match.group(3)}"
    return f"\\{match.group(4)}{match.group(5)}"


def _tidy(markdown: str) -> str:
    lines = [line if line.strip() else "" for line in markdown.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n" if text else ""
