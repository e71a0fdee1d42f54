"""The HTML an editor's Markdown may produce: an allowlist, and what it removed.

Markdown lets editors write raw HTML, and editors' files are untrusted input
(they arrive through pull requests and a web editor). Whatever is not on the
allowlist below is removed before a page is published: elements, attributes
and URLs. The cleaning itself is done by nh3 (the Python binding of the
maintained ``ammonia`` sanitizer, built on a browser-grade HTML parser); the
same allowlist drives a second, reporting pass over the parsed HTML, so the
editor learns what was removed, why, and what to write instead, on the line
where it was written. An allowlist decides what may pass and never tries to
enumerate what may not: a trick nobody has thought of yet is removed too.

Nothing is removed silently: if the cleaner removes an element or attribute
the reporting pass did not foresee (broken HTML that parsers read
differently), a general problem names the first such element.
"""

from __future__ import annotations

import functools
import html as html_module
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urlsplit

import nh3

from .i18n import M_, M, Message
from .sources import LineLocator

#: What Markdown (extra, toc, sane_lists) writes, plus harmless inline HTML.
ALLOWED_TAGS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "a", "img"),
        *("em", "strong", "b", "i", "s", "u", "code", "kbd", "samp", "var"),
        *("pre", "blockquote", "q", "cite", "abbr", "sup", "sub", "del", "ins"),
        *("mark", "small", "span", "div", "ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("colgroup", "col", "figure", "figcaption", "details", "summary", "wbr"),
    }
)
#: Attributes per element; "*" lists those allowed on every element.
ALLOWED_ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "*": frozenset({"id", "class", "title", "lang", "dir"}),
        "a": frozenset({"href"}),
        "img": frozenset({"src", "alt", "width", "height"}),
        "ol": frozenset({"start", "reversed"}),
        "th": frozenset({"colspan", "rowspan", "align", "scope"}),
        "td": frozenset({"colspan", "rowspan", "align"}),
        "col": frozenset({"span"}),
        "colgroup": frozenset({"span"}),
        "details": frozenset({"open"}),
    }
)
#: Attributes holding a URL, checked against :data:`ALLOWED_SCHEMES`.
URL_ATTRIBUTES = frozenset({"href", "src"})
#: Schemes a link may have; URLs without a scheme lead within the site
#: (``/de/x/``, ``#section``, ``{filename}/pages/x.de.md``, ``{static}/…``).
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Elements removed with everything inside them (their text is not content).
REMOVED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "template", "noscript", "iframe", "object", "embed"),
        *("svg", "math", "video", "audio", "textarea", "select", "title"),
        *("noembed", "noframes", "xmp", "applet", "frameset"),
    }
)

_LOADS_A_PAGE = M_(
    "it would load a page from another site without visitors' consent; "
    "link to the page instead"
)
_LOADS_MEDIA = M_(
    "it would load media from another site without visitors' consent; "
    "link to the recording instead"
)
_FORM = M_(
    "forms in content could send what visitors type to another site; "
    "link to a page with the form instead"
)
_FRAME = M_(
    "the page around the text comes from the site's templates; "
    "write only the text itself"
)
#: Why an element is not allowed, and what to write instead (message ids).
_ELEMENT_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "script": M_(
            "script in content is not allowed; ask the web team if a page "
            "needs an interactive feature"
        ),
        "noscript": M_("content must not depend on script; write the text without it"),
        "iframe": _LOADS_A_PAGE,
        "frame": _LOADS_A_PAGE,
        "frameset": _LOADS_A_PAGE,
        "object": _LOADS_A_PAGE,
        "embed": _LOADS_A_PAGE,
        "applet": _LOADS_A_PAGE,
        "video": _LOADS_MEDIA,
        "audio": _LOADS_MEDIA,
        "source": _LOADS_MEDIA,
        "track": _LOADS_MEDIA,
        "picture": M_(
            "the site makes responsive pictures itself; save the picture "
            "in content/images/ and write ![description]({{static}}/images/…)"
        ),
        "svg": M_(
            "a drawing inside the text can carry script; save it as a file in "
            "content/images/ and show it with ![description]({{static}}/images/…)"
        ),
        "math": M_("formulas are not supported; write the formula as text"),
        "style": M_(
            "the site's stylesheet decides the look of every page; use "
            "Markdown emphasis, lists and headings instead"
        ),
        "link": M_(
            "it would load a stylesheet or other file into the page; link to "
            "the file with [text](address) instead"
        ),
        "base": M_(
            "it would change where every link on the page leads; write "
            "complete links instead"
        ),
        "meta": M_(
            "it could send visitors elsewhere or change how browsers treat the "
            "page; put page details in the front matter instead"
        ),
        **dict.fromkeys(
            ("form", "input", "button", "select", "textarea", "option", "label"),
            _FORM,
        ),
        **dict.fromkeys(("fieldset", "legend", "output", "datalist"), _FORM),
        **dict.fromkeys(("html", "head", "body", "title"), _FRAME),
    }
)
_NOT_ALLOWED = M_(
    "it is not among the elements the site allows in content; "
    "write it in Markdown instead"
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
#: Start tags that end an ``<svg>`` or ``<math>`` in a browser's parser.
_BREAKS_FOREIGN = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl"}
    | {"dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr"}
    | {"i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre"}
    | {"ruby", "s", "small", "span", "strike", "strong", "sub", "sup", "table"}
    | {"tt", "u", "ul", "var"}
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
#: What browsers ignore in a URL: C0 controls and spaces (tab and newline
#: anywhere, the others at either end); removing all of them is stricter.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SHOWN = 40


@dataclass
class Sanitized:
    """Cleaned HTML, and one (file line, message) per thing that was removed."""

    html: str
    problems: list[tuple[int, Message]] = field(default_factory=list)


_ATTRIBUTES_OF: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        tag: ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for tag in ALLOWED_TAGS
    }
)


def allowed_attributes(tag: str) -> frozenset[str]:
    """The attributes ``tag`` may carry (its own and the global ones)."""
    return _ATTRIBUTES_OF.get(tag, ALLOWED_ATTRIBUTES["*"])


def url_scheme(url: str) -> str:
    """The lower-case scheme a browser would see in ``url`` ('' for none).

    ``url`` is the attribute value with entities decoded; browsers ignore
    control characters and spaces in it (``"\\x01java\\tscript:"`` runs
    script), so they are removed before looking.
    """
    match = _SCHEME.match(_URL_IGNORED.sub("", url))
    return match.group(1).lower() if match else ""


def is_external(url: str) -> bool:
    """True if ``url`` names another host (``https://…``, ``//host/…``)."""
    compact = _URL_IGNORED.sub("", url).replace("\\", "/")
    return bool(url_scheme(url)) or compact.startswith("//")


def _valid_web_address(url: str) -> bool:
    """False for http(s) URLs a URL parser rejects (no host, spaces, bad port).

    The cleaner removes those; knowing them here lets the report say so.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError when out of range
    except ValueError:
        return False
    return bool(host) and not any(c.isspace() or c in "<>^|" for c in host)


def _shown(url: str) -> str:
    compact = _URL_IGNORED.sub("", url) or url.strip()
    return compact if len(compact) <= _SHOWN else compact[: _SHOWN - 1] + "…"


#: Shown for a picture from another host, here and by the image pipeline.
EXTERNAL_PICTURE = M_(
    "image '{src}' would be loaded from another website, which tells it "
    "about every visitor: save the picture in content/images/ and write "
    "![description]({{static}}/images/…)"
)


def url_problem(tag: str, attribute: str, value: str) -> Message | None:
    """Why the URL ``value`` of ``tag``'s ``attribute`` is removed, or None."""
    scheme = url_scheme(value)
    shown = _shown(value)
    if scheme and scheme not in ALLOWED_SCHEMES:
        if tag == "img":
            return M(
                "unsafe picture '{url}' removed: only http(s), mailto, tel and "
                "links within the site are allowed",
                url=shown,
            )
        return M(
            "unsafe link '{url}' removed: only http(s), mailto, tel and links "
            "within the site are allowed",
            url=shown,
        )
    if tag == "img" and attribute == "src" and is_external(value):
        return M(EXTERNAL_PICTURE, src=shown)
    if scheme in ("http", "https") and not _valid_web_address(value):
        return M(
            "link '{url}' removed: it is not a valid web address; "
            "copy it from the browser's address bar",
            url=shown,
        )
    return None


def attribute_problem(tag: str, name: str, value: str) -> Message | None:
    """Why attribute ``name`` is removed from ``tag``, or None if it stays."""
    if name.startswith("on"):
        return M(
            "{name}= removed from <{tag}>: script in content is not allowed",
            name=name,
            tag=tag,
        )
    if name == "style":
        return M(
            "style= removed from <{tag}>: the site's stylesheet decides the look; "
            "use Markdown emphasis, lists and headings instead",
            tag=tag,
        )
    allowed = allowed_attributes(tag)
    if name not in allowed:
        return M(
            "{name}= removed from <{tag}>: it is not allowed there; the allowed "
            "attributes are {allowed}",
            name=name,
            tag=tag,
            allowed=", ".join(sorted(allowed)),
        )
    if name in URL_ATTRIBUTES:
        return url_problem(tag, name, value)
    return None


def element_problem(tag: str) -> Message | None:
    """Why element ``tag`` is removed, or None if it is allowed."""
    if tag in ALLOWED_TAGS:
        return None
    reason = _ELEMENT_REASONS.get(tag, _NOT_ALLOWED)
    return M("<{tag}> is not allowed: {reason}", tag=tag, reason=M(reason))


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # The cleaner's hook for what its own rules cannot express (pictures
    # from other hosts); the scheme and attribute lists are passed to it.
    if name in URL_ATTRIBUTES and url_problem(tag, name, value):
        return None
    return value


@functools.lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    """The process's cleaner, configured once from the allowlist."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(ALLOWED_SCHEMES),
        strip_comments=True,
        link_rel=None,
    )


def clean_html(fragment: str) -> str:
    """``fragment`` with everything outside the allowlist removed."""
    return _cleaner().clean(fragment)


# A tokenizer for tags, following the HTML standard's tokenization rules
# closely enough to see what a browser sees: unquoted and duplicate
# attributes, "/" between attributes, comments, raw-text elements. Text is
# skipped; it is escaped by the cleaner and cannot run or load anything.
_MARKUP = re.compile(r"<(?:(!--)|([!?])|(/)|([a-zA-Z]))")
_NAME = re.compile(r"[^\t\n\f\r />]*+")
_SEPARATOR = re.compile(r"[\t\n\f\r /]*+")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*+")
_EQUALS = re.compile(r"[\t\n\f\r ]*+=[\t\n\f\r ]*+")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*+")
_COMMENT_END = re.compile(r"--!?>")
#: Elements whose content is text to the tokenizer, up to their end tag.
_RAW_TEXT = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"}
    | {"textarea", "title"}
)


@dataclass(frozen=True)
class _Tag:
    """A start tag (``end`` False) or end tag, with its text as written."""

    name: str
    attributes: tuple[tuple[str, str, str], ...]  # name, value, as written
    written: str
    end: bool = False
    self_closing: bool = False


def _tag_at(html: str, start: int, end_tag: bool) -> tuple[_Tag, int] | None:
    """The tag whose name starts at ``start``; None if the text ends inside it."""
    size = len(html)
    index = _NAME.match(html, start).end()
    name = html[start:index].lower()
    attributes: list[tuple[str, str, str]] = []
    while True:
        separator = _SEPARATOR.match(html, index)
        index = separator.end()
        if index >= size:
            return None  # a browser drops a tag the text ends in
        if html[index] == ">":
            index += 1
            break
        found = _ATTRIBUTE_NAME.match(html, index)
        begin, attribute, index = index, found.group().lower(), found.end()
        value = ""
        equals = _EQUALS.match(html, index)
        if equals is not None:
            index = equals.end()
            quote = html[index : index + 1]
            if quote in ('"', "'"):
                close = html.find(quote, index + 1)
                if close < 0:
                    return None
                value, index = html[index + 1 : close], close + 1
            else:
                found = _UNQUOTED.match(html, index)
                value, index = found.group(), found.end()
        written = html[begin:index]
        attributes.append((attribute, html_module.unescape(value), written))
    tag = _Tag(
        name,
        tuple(attributes),
        html[start - (2 if end_tag else 1) : index],
        end=end_tag,
        self_closing=separator.group().endswith("/"),
    )
    return tag, index


def _tags(html: str) -> Iterator[_Tag]:
    """Every start and end tag of ``html``, in order."""
    position = 0
    while (match := _MARKUP.search(html, position)) is not None:
        comment, bogus, slash, _letter = match.groups()
        if comment:
            rest = html[match.end() : match.end() + 2]
            if rest.startswith(">") or rest == "->":  # <!--> and <!--->
                position = match.end() + rest.index(">") + 1
                continue
            closing = _COMMENT_END.search(html, match.end())
            if closing is None:
                return
            position = closing.end()
            continue
        if bogus or (slash and not html[match.end() : match.end() + 1].isalpha()):
            # <!DOCTYPE>, <?xml?>, </ followed by no name: a bogus comment.
            close = html.find(">", match.end())
            if close < 0:
                return
            position = close + 1
            continue
        found = _tag_at(html, match.end() if slash else match.start() + 1, bool(slash))
        if found is None:
            return
        tag, position = found
        yield tag
        if tag.end or tag.name not in _RAW_TEXT | {"plaintext"}:
            continue
        if tag.name == "plaintext":
            return
        closing = re.compile(
            "</" + re.escape(tag.name) + r"(?=[\t\n\f\r />])", re.IGNORECASE
        ).search(html, position)
        if closing is None:
            return
        position = closing.start()


def _inspect(
    fragment: str, locate: LineLocator
) -> tuple[list[tuple[int, Message]], Counter[tuple[str, ...]]]:
    """Problems for what the allowlist removes, and a count of what stays."""
    problems: list[tuple[int, Message]] = []
    kept: Counter[tuple[str, ...]] = Counter()
    open_elements: list[str] = []
    skipping: str | None = None  # inside a removed element with its content
    depth = 0
    for tag in _tags(fragment):
        if tag.end:
            if skipping is not None:
                if tag.name == skipping:
                    depth -= 1
                    skipping = None if depth == 0 else skipping
                    continue
                if tag.name not in open_elements:
                    continue
                skipping = None  # closing a parent closes the removed element
            if tag.name in open_elements:
                while open_elements.pop() != tag.name:
                    pass
            continue
        if skipping is not None:
            if tag.name == skipping and not tag.self_closing:
                depth += 1
                continue
            if skipping not in ("svg", "math") or tag.name not in _BREAKS_FOREIGN:
                continue
            skipping = None  # a browser leaves the drawing here as well
        problem = element_problem(tag.name)
        if problem is not None:
            problems.append((locate(tag.written, f"<{tag.name}"), problem))
            foreign = tag.name in ("svg", "math")
            if tag.name in REMOVED_WITH_CONTENT and not (foreign and tag.self_closing):
                skipping, depth = tag.name, 1
            continue
        kept[(tag.name,)] += 1
        for name, value, written in tag.attributes:
            problem = attribute_problem(tag.name, name, value)
            if problem is None:
                kept[(tag.name, name)] += 1
                continue
            problems.append((locate(written, tag.written, value, name), problem))
        if tag.name not in _VOID:
            open_elements.append(tag.name)
    return problems, kept


def _count(fragment: str) -> Counter[tuple[str, ...]]:
    """Elements and (element, attribute) pairs in ``fragment``."""
    counted: Counter[tuple[str, ...]] = Counter()
    for tag in _tags(fragment):
        if not tag.end:
            counted[(tag.name,)] += 1
            counted.update((tag.name, name) for name, _, _ in tag.attributes)
    return counted


def sanitize_html(fragment: str, source: str = "", first_line: int = 1) -> Sanitized:
    """Clean ``fragment`` with the allowlist and report every removal.

    ``source`` is the text the editor wrote (the Markdown body) and
    ``first_line`` its first line in the file; problems name lines there. The
    returned HTML is what may be published; each problem is a ``(file line,
    message)`` pair, one per removed element, attribute or URL.
    """
    problems, expected = _inspect(fragment, LineLocator(source or fragment, first_line))
    cleaned = clean_html(fragment)
    if not problems:
        missing = expected - _count(cleaned)
        if missing:
            what = min(missing)
            shown = f"<{what[0]}>" if len(what) == 1 else f"{what[1]}= <{what[0]}>"
            locate = LineLocator(source or fragment, first_line)
            problems.append(
                (
                    locate(f"<{what[0]}" if len(what) == 1 else what[1]),
                    M(
                        "{what} removed: the site could not read this HTML safely; "
                        "check it for unclosed quotes, stray '<' characters or "
                        "elements in the wrong place, or write it in Markdown",
                        what=shown,
                    ),
                )
            )
    return Sanitized(cleaned, problems)
