"""SVG drawings from editors, reduced to shapes: no script, nothing from elsewhere.

An SVG file is a document, not a picture: opened directly (and a link to
``/images/logo.svg`` does that) it runs its ``<script>``, its ``onload=``, the
HTML inside a ``<foreignObject>``, and it loads stylesheets and images from
any host. Raster pictures are re-encoded pixel by pixel; drawings are parsed
with a hardened XML parser (no DTD, no entities, no external references: the
"billion laughs" and file-reading tricks of XML) and rebuilt from an
allowlist of SVG elements and attributes, whatever else they contained; their
CSS is read by a real tokenizer, escapes and all (``svgcss.py``).

Data that drawing programs store for themselves (Inkscape's and Sodipodi's
namespaces, ``<metadata>`` with author details) has no effect in a browser
and is dropped without comment; everything else that is removed is listed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from sitecore.i18n import M_, M, Message

from .svgcss import clean_style_attribute, clean_stylesheet, value_problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_SVG_BYTES = 1024 * 1024
MAX_SVG_DEPTH = 100

#: SVG elements that draw, group, reuse or describe shapes, and nothing else.
ALLOWED_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "symbol", "use", "title", "desc", "switch", "view"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon"),
        *("text", "tspan", "textPath", "a", "image", "style", "marker", "pattern"),
        *("linearGradient", "radialGradient", "stop", "clipPath", "mask", "filter"),
        *("feBlend", "feColorMatrix", "feComponentTransfer", "feComposite"),
        *("feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap"),
        *("feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB"),
        *("feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge"),
        *("feMergeNode", "feMorphology", "feOffset", "fePointLight"),
        *("feSpecularLighting", "feSpotLight", "feTile", "feTurbulence"),
    }
)
#: Elements of drawing programs' own bookkeeping: dropped without a report.
SILENT_ELEMENTS = frozenset({"metadata"})
#: Why an element is removed, for the report.
_ANIMATION = M_("animations can turn links into script")
_NOT_DRAWING = M_("it is not an element drawings may use")
_REASONS: Mapping[str, str] = MappingProxyType(
    {
        "script": M_("script in a drawing would run in visitors' browsers"),
        "foreignObject": M_("it embeds HTML, which can carry script"),
        "handler": M_("it holds script"),
        "animate": _ANIMATION,
        "set": _ANIMATION,
        "animateMotion": _ANIMATION,
        "animateTransform": _ANIMATION,
    }
)
_LINK_ATTRIBUTES = frozenset({"href", f"{{{XLINK}}}href"})
_KEPT_XML_ATTRIBUTES = frozenset({f"{{{XML}}}space", f"{{{XML}}}lang"})
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20]+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree name ``{ns}local``."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _safe_reference(value: str) -> bool:
    """True for ``#fragment`` and site-relative paths; False for other hosts."""
    compact = _CONTROL_AND_SPACE.sub("", value).replace("\\", "/")
    return not (compact.startswith("//") or _SCHEME.match(compact))


class _Target(ElementTree.TreeBuilder):
    """A tree builder that also notes processing instructions (they vanish)."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> None:
        self.instructions.append(target)


def _parse(data: bytes) -> tuple[ElementTree.Element, list[str]]:
    if len(data) > MAX_SVG_BYTES:
        raise ValueError(
            M(
                "the drawing is {size} KB and the limit is {limit} KB; "
                "simplify it or save it as PNG",
                size=-(-len(data) // 1024),
                limit=MAX_SVG_BYTES // 1024,
            )
        )
    target = _Target()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        raise ValueError(
            M(
                "the drawing has a '<!DOCTYPE' line, which drawings do not need "
                "and which can make reading a file explode; remove that line or "
                "export the drawing again as plain SVG"
            )
        ) from None
    except (ParseError, ValueError) as exc:
        raise ValueError(
            M(
                "the file cannot be read as SVG ({detail}); export it again as "
                "plain SVG",
                detail=str(exc),
            )
        ) from None
    if root.tag != f"{{{SVG}}}svg":
        raise ValueError(
            M(
                "the file is not an SVG drawing: it must start with "
                '<svg xmlns="{namespace}">; export it again as plain SVG',
                namespace=SVG,
            )
        )
    return root, target.instructions


def _clean(
    element: ElementTree.Element, removed: list[Message], depth: int
) -> ElementTree.Element:
    """A copy of ``element`` (an allowed SVG element) with only what may stay."""
    if depth > MAX_SVG_DEPTH:
        raise ValueError(
            M(
                "the drawing is nested more than {depth} levels deep; "
                "simplify it or save it as PNG",
                depth=MAX_SVG_DEPTH,
            )
        )
    _, name = _local(element.tag)
    copy = ElementTree.Element(element.tag)
    copy.text, copy.tail = element.text, element.tail
    for attribute, value in element.attrib.items():
        namespace, local = _local(attribute)
        where = f"<{name}>"
        if local.lower().startswith("on") and namespace in ("", SVG):
            removed.append(
                M(
                    "removed {name}= from {where}: script in a drawing is not allowed",
                    name=local,
                    where=where,
                )
            )
        elif attribute in _LINK_ATTRIBUTES:
            if _safe_reference(value):
                copy.set(attribute, value)
            else:
                shown = value.strip()[:40]
                removed.append(
                    M(
                        "removed the link '{link}' from {where}: a drawing may only "
                        "refer to its own parts (#name) and to files of this site",
                        link=shown,
                        where=where,
                    )
                )
        elif namespace == XML:
            if attribute in _KEPT_XML_ATTRIBUTES:
                copy.set(attribute, value)
            else:
                removed.append(
                    M(
                        "removed xml:{name}= from {where}: it changes where links lead",
                        name=local,
                        where=where,
                    )
                )
        elif namespace not in ("", SVG):
            continue  # a drawing program's own attribute: no effect in browsers
        elif local == "style":
            style = clean_style_attribute(value, where)
            removed.extend(style.removed)
            if style.text:
                copy.set(local, style.text)
        elif (problem := value_problem(value)) is not None:
            removed.append(
                M(
                    "removed {name}= from {where}: {problem}",
                    name=local,
                    where=where,
                    problem=problem,
                )
            )
        else:
            copy.set(local, value)
    if name == "style":
        sheet = clean_stylesheet(element.text or "")
        removed.extend(sheet.removed)
        copy.text = sheet.text or None
    for child in element:
        kept = _child(child, removed, depth)
        if kept is not None:
            copy.append(kept)
        elif child.tail:  # keep the text that followed the removed element
            if len(copy):
                copy[-1].tail = (copy[-1].tail or "") + child.tail
            else:
                copy.text = (copy.text or "") + child.tail
    return copy


def _child(
    child: ElementTree.Element, removed: list[Message], depth: int
) -> ElementTree.Element | None:
    if not isinstance(child.tag, str):  # comments and the like
        return None
    namespace, name = _local(child.tag)
    if namespace == SVG and name in ALLOWED_ELEMENTS:
        return _clean(child, removed, depth + 1)
    if namespace == SVG and name in SILENT_ELEMENTS:
        return None
    if namespace == SVG:
        reason = _REASONS.get(name, _NOT_DRAWING)
        removed.append(M("removed <{name}>: {reason}", name=name, reason=M(reason)))
    elif namespace == "http://www.w3.org/1999/xhtml":
        removed.append(
            M(
                "removed <{name}>: {reason}",
                name=name,
                reason=M("HTML inside a drawing can carry script"),
            )
        )
    elif namespace == "":
        removed.append(
            M("removed <{name}>: {reason}", name=name, reason=M(_NOT_DRAWING))
        )
    # Other namespaces hold drawing programs' bookkeeping: no effect, no report.
    return None


def _serialize(element: ElementTree.Element, root: bool = False) -> Iterator[str]:
    _, name = _local(element.tag)
    attributes = []
    if root:
        attributes.append(f"xmlns={quoteattr(SVG)}")
        uses_xlink = any(f"{{{XLINK}}}href" in e.attrib for e in element.iter())
        if uses_xlink:
            attributes.append(f"xmlns:xlink={quoteattr(XLINK)}")
    for attribute, value in element.attrib.items():
        namespace, local = _local(attribute)
        prefix = {XLINK: "xlink:", XML: "xml:"}.get(namespace, "")
        attributes.append(f"{prefix}{local}={quoteattr(value)}")
    opening = " ".join([name, *attributes])
    if element.text is None and not len(element):
        yield f"<{opening}/>"
    else:
        yield f"<{opening}>"
        if element.text:
            yield escape(element.text)
        for child in element:
            yield from _serialize(child)
            if child.tail:
                yield escape(child.tail)
        yield f"</{name}>"


def sanitize_svg(data: bytes) -> tuple[bytes, list[Message]]:
    """A drawing reduced to the SVG allowlist, and what was removed from it.

    Returns the cleaned file (UTF-8, with an XML declaration) and one line per
    removal, e.g. ``"removed <script>: script in a drawing would run in
    visitors' browsers"``. Raises ValueError, with a message for editors, for files that
    are not SVG, cannot be parsed, declare a DTD or entities, or exceed the
    size or nesting limits.
    """
    root, instructions = _parse(data)
    removed = [
        M(
            "removed <?{target}?>: processing instructions can load files "
            "from elsewhere",
            target=target,
        )
        for target in instructions
    ]
    cleaned = _clean(root, removed, 0)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(
        _serialize(cleaned, root=True)
    )
    return text.encode("utf-8"), removed
