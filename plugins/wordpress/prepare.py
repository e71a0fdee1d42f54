"""Turn WordPress's stored post text into plain HTML, noting what is dropped.

WordPress does not store the HTML a visitor sees: the editor's text still
holds Gutenberg block comments (``<!-- wp:… -->``), shortcodes
(``[gallery …]``) and, for the classic editor, paragraphs as blank lines that
``wpautop`` turns into ``<p>`` on every page view. These steps do the same
work on the text, in WordPress's order (blocks, shortcodes, paragraphs),
keeping what has an HTML equivalent and listing what has none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sitecore.i18n import M

from .leftovers import Kind, Leftover, shorten

_BLOCK = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)
#: Core blocks WordPress renders on the server (or from elsewhere): the
#: stored text holds no HTML worth keeping.
DYNAMIC_BLOCKS = frozenset(
    {
        "core/embed",
        "core/shortcode",
        "core/block",
        "core/query",
        "core/navigation",
        "core/latest-posts",
        "core/latest-comments",
        "core/archives",
        "core/calendar",
        "core/categories",
        "core/rss",
        "core/search",
        "core/tag-cloud",
        "core/social-links",
        "core/legacy-widget",
        "core/template-part",
        "core/post-content",
        "core/comments",
    }
)
_SHORTCODE = re.compile(
    r"\[(?P<open>\[?)(?P<closer>/?)(?P<name>[A-Za-z][\w-]*)"
    r"(?P<attrs>(?:\s[^\[\]]*?)?)(?P<void>/?)\](?P<close>\]?)"
)
#: Shortcodes known by a bare name (others show themselves by an ``_`` or
#: ``-`` in the name, attributes, or a closing tag; ``[sic]`` stays text).
KNOWN_SHORTCODES = frozenset({"gallery", "caption", "embed", "audio", "video"})
#: Shortcodes whose enclosed text is a URL or code, not prose to keep.
MEDIA_SHORTCODES = frozenset({"embed", "audio", "video", "playlist", "gallery"})
PAGE_BUILDER_PREFIXES = ("vc_", "et_pb_", "fusion_", "av_", "cs_", "tatsu_", "themify_")
_CAPTION = re.compile(
    r"^\s*(?P<picture>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(?P<text>.*)$", re.S
)
_CAPTION_ATTR = re.compile(r"""\bcaption=(["'])(?P<text>.*?)\1""", re.S)
_BLOCK_TAGS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li"
    r"|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend"
    r"|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details"
    r"|menu|summary|iframe|script|object|embed|video|audio|noscript|select|option)"
)
_OPENING_BLOCK = re.compile(rf"(<{_BLOCK_TAGS}\b[^>]*>)", re.I)
_CLOSING_BLOCK = re.compile(rf"(</{_BLOCK_TAGS}\s*>)", re.I)
_ANY_BLOCK = re.compile(rf"</?{_BLOCK_TAGS}\b", re.I)
_PROTECTED = re.compile(r"<(pre|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)


_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
#: Elements without content, which never nest.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"source", "track", "wbr", "param", "keygen"}
)


def nesting_depth(html: str, limit: int) -> int:
    """How deep ``html`` nests elements, counted up to just past ``limit``.

    One pass over the tags, with no parse tree: cheap however large or
    hostile the text. Closing tags that close nothing are ignored.
    """
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def is_block_content(html: str) -> bool:
    """Whether the text was written with the block editor (Gutenberg)."""
    return "<!-- wp:" in html


def strip_blocks(html: str) -> tuple[str, list[Leftover]]:
    """Remove block comments, keeping the HTML of blocks that have some.

    Dynamic core blocks (embeds, shortcodes, latest posts, reusable blocks …)
    and every self-closing block are dropped with their content and listed;
    blocks of plugins keep their saved HTML and are listed for a check.
    """
    leftovers: list[Leftover] = []
    out: list[str] = []
    stack: list[_Open] = []
    position = 0
    for match in _BLOCK.finditer(html):
        dropping = any(block.dropped for block in stack)
        if not dropping:
            out.append(html[position : match.start()])
        position = match.end()
        name = match["name"] if "/" in match["name"] else f"core/{match['name']}"
        attrs = match["attrs"] or ""
        if match["closer"]:
            # Blocks left open inside this one are closed with it; a closing
            # comment without an opening one is ignored.
            opened = [i for i, block in enumerate(stack) if block.name == name]
            if opened:
                block = stack[opened[-1]]
                del stack[opened[-1] :]
                if block.dropped and not any(b.dropped for b in stack):
                    inner = _text_only(html[block.start : match.start()])
                    leftovers.append(_dropped(name, block.attrs, inner))
            continue
        if match["void"]:
            if not dropping:
                leftovers.append(_dropped(name, attrs, ""))
            continue
        drop = name in DYNAMIC_BLOCKS or name.startswith("core-embed/")
        if not drop and not name.startswith("core/") and not dropping:
            leftovers.append(Leftover(Kind.PLUGIN_BLOCK, _label(name)))
        stack.append(_Open(name, drop, match.end(), attrs))
    unclosed = next((block for block in stack if block.dropped), None)
    if unclosed is None:
        out.append(html[position:])
    else:  # a dropped block never closed: it takes the rest with it
        inner = _text_only(html[unclosed.start :])
        leftovers.append(_dropped(unclosed.name, unclosed.attrs, inner))
    return "".join(out), leftovers


@dataclass(frozen=True)
class _Open:
    """A block whose closing comment has not been reached yet."""

    name: str
    dropped: bool
    start: int  # where its content begins
    attrs: str


def _label(name: str) -> str:
    return "wp:" + name.removeprefix("core/")


def _dropped(name: str, attrs: str, inner: str) -> Leftover:
    """The report entry of a dropped block: its name and what it showed."""
    if name == "core/embed" or name.startswith("core-embed/"):
        kind = Kind.EMBED
    elif "elementor" in name:
        kind = Kind.PAGE_BUILDER
    else:
        kind = Kind.BLOCK
    url, ref = _attribute(attrs, "url"), _attribute(attrs, "ref")
    shown = url or shorten(inner, 60)
    shown = f": {shown}" if shown else ""
    if ref:
        return Leftover(
            kind,
            M(
                "{block} (reusable block {ref}){shown}",
                block=_label(name),
                ref=ref,
                shown=shown,
            ),
        )
    return Leftover(kind, _label(name) + shown)


def _attribute(attrs: str, name: str) -> str:
    try:
        value = json.loads(attrs)
    except ValueError:
        return ""
    found = value.get(name, "") if isinstance(value, dict) else ""
    return str(found) if isinstance(found, str | int) else ""


def _text_only(fragment: str) -> str:
    return re.sub(r"<[^>]+>", " ", fragment)


def strip_shortcodes(text: str) -> tuple[str, list[Leftover]]:
    """Remove shortcodes; ``[caption]`` becomes a ``<figure>`` with its caption.

    Enclosing shortcodes of layouts and page builders (``[vc_row]…``) lose
    their tags but keep the text they enclose; media shortcodes lose both.
    ``[[name]]`` is WordPress's way to write a literal ``[name]``.
    """
    leftovers: list[Leftover] = []
    out: list[str] = []
    position = 0
    while True:
        match = _SHORTCODE.search(text, position)
        if match is None:
            break
        out.append(text[position : match.start()])
        position = match.end()
        whole, name = match.group(0), match["name"]
        if match["open"] and match["close"]:
            out.append(whole[1:-1])
            continue
        closing = f"[/{name}]"
        end = -1 if match["void"] or match["closer"] else text.find(closing, position)
        lowered = name.lower()
        looks_like = (
            lowered in KNOWN_SHORTCODES
            or "_" in name
            or "-" in name
            or "=" in match["attrs"]
            or end >= 0
        )
        if not looks_like:
            out.append(whole)
            continue
        if match["closer"]:
            continue  # a stray closing tag; its opening one was listed
        if end < 0:
            leftovers.append(Leftover(_shortcode_kind(lowered), shorten(whole)))
            continue
        inner = text[position:end]
        position = end + len(closing)
        if lowered in ("caption", "wp_caption"):
            out.append(_caption(inner, match["attrs"]))
        elif lowered in MEDIA_SHORTCODES:
            detail = f"{shorten(whole, 60)}{shorten(inner, 60)}{closing}"
            leftovers.append(Leftover(_shortcode_kind(lowered), detail))
        else:
            kept, more = strip_shortcodes(inner)
            out.append(kept)
            kind = _shortcode_kind(lowered)
            if kind is Kind.PAGE_BUILDER:  # one entry per layout element type
                detail = M(
                    "{code} (layout removed, its text is kept)",
                    code=f"[{name}]…{closing}",
                )
            else:
                detail = M(
                    "{code} (its text is kept)",
                    code=f"{shorten(whole, 60)}…{closing}",
                )
            leftovers.append(Leftover(kind, detail))
            leftovers.extend(more)
    out.append(text[position:])
    return "".join(out), leftovers


def _shortcode_kind(name: str) -> Kind:
    if name.startswith(PAGE_BUILDER_PREFIXES):
        return Kind.PAGE_BUILDER
    if name in ("embed", "audio", "video", "playlist"):
        return Kind.EMBED
    if "form" in name:
        return Kind.FORM
    return Kind.SHORTCODE


def _caption(inner: str, attrs: str) -> str:
    match = _CAPTION.match(inner)
    if match is None:
        return inner
    caption = match["text"].strip()
    if not caption:
        found = _CAPTION_ATTR.search(attrs)
        caption = found["text"].strip() if found else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{match['picture']}{figcaption}</figure>\n\n"


def autop(text: str) -> str:
    """Blank-line paragraphs to ``<p>``, single line breaks to ``<br>``.

    A smaller cousin of WordPress's ``wpautop``: text between block-level
    tags becomes paragraphs; ``<pre>``, scripts and styles are left alone.
    """
    kept: list[str] = []

    def protect(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    text = _PROTECTED.sub(protect, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _OPENING_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSING_BLOCK.sub(r"\1\n\n", text)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _ANY_BLOCK.match(chunk) or re.fullmatch(r"\x00\d+\x00", chunk):
            paragraphs.append(chunk)
            continue
        block = _ANY_BLOCK.search(chunk)
        head, tail = (
            (chunk[: block.start()], chunk[block.start() :])
            if block
            else (
                chunk,
                "",
            )
        )
        head = re.sub(r"\s*\n\s*", "<br />\n", head.strip())
        paragraphs.append(f"<p>{head}</p>{tail}" if head else tail)
    result = "\n\n".join(paragraphs)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], result)
