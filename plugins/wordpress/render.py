"""One imported item's file: its text converted and its front matter.

Which fields are written follows the model of the item's section: a news
item gets ``date``, ``tags`` and ``author``, a project none of them, an event
its time and place where The Events Calendar recorded them (:mod:`.events`),
and a required field WordPress cannot fill is listed in the report, because
the strict build refuses the file until it is there.
"""

from __future__ import annotations

from sitecore.i18n import M, Message

from .convert import ELEMENTOR_NOTE, convert_html
from .events import event_fields
from .leftovers import Kind, Leftover
from .links import LinkIndex
from .names import tag_problem
from .newsite import NewSite
from .pairing import DRAFT_STATUSES, Placement, date_text, display_title
from .pictures import Picture, PictureFinder
from .planned import PlannedFile
from .writer import item_document
from .wxr import Export, Item, plain_text

#: WordPress's default category, which says nothing about a post.
DEFAULT_CATEGORIES = frozenset({"uncategorized", "allgemein", "unkategorisiert"})


def _tags(item: Item, leftovers: list[Leftover]) -> list[str]:
    """Categories and tags, once each, without WordPress's default category.

    A tag the site cannot give an address (no letters A to Z or digits, as
    ``远征手记``) or one too long is listed instead.
    """
    tags: list[str] = []
    seen: set[str] = set()
    for term in item.terms:
        if term.domain not in ("category", "post_tag"):
            continue
        name = plain_text(term.name)
        folded = name.casefold()
        if not name or folded in seen:
            continue
        if term.domain == "category" and (
            folded in DEFAULT_CATEGORIES or term.slug in DEFAULT_CATEGORIES
        ):
            continue
        seen.add(folded)
        problem = tag_problem(name)
        if problem is not None:
            leftovers.append(Leftover(Kind.TAG, _tag_message(name, problem)))
            continue
        tags.append(name)
    return tags


def _tag_message(name: str, problem: str) -> Message:
    if problem == "length":
        return M(
            "'{tag}' is longer than a tag may be; not imported, add a shorter one",
            tag=name,
        )
    return M(
        "'{tag}' has no letters from A to Z or digits, which a tag's web address "
        "needs; not imported, add it in Latin letters if it matters",
        tag=name,
    )


def _featured(item: Item, finder: PictureFinder) -> Picture | None:
    """The item's featured image (``_thumbnail_id``), if it has one."""
    value = item.meta_value("_thumbnail_id").strip()
    if not value.isdigit():
        return None
    attachment = finder.attachments.get(int(value))
    if attachment is None:
        return Picture("", problem=f"attachment {value} is not in the export")
    return finder.find(attachment.attachment_url, attachment.post_id)


def _featured_alt(
    featured: Picture, used: dict[str, str], leftovers: list[Leftover]
) -> str:
    """The featured image's alt text, from the best source there is.

    The same picture's alt text in the item's own text comes first, then the
    media library's alt text; its caption or title are a guess the report
    asks to check. Without any, the report says the build refuses the file.
    """
    file = featured.target or ""
    alt = used.get(file) or featured.alt
    if alt:
        return alt
    if featured.caption:
        leftovers.append(
            Leftover(
                Kind.ALT_CHECK,
                M(
                    "featured image {file}: image_alt is its caption or title in "
                    "the media library, '{alt}'; check that it says what the "
                    "picture shows",
                    file=file,
                    alt=featured.caption,
                ),
            )
        )
        return featured.caption
    leftovers.append(
        Leftover(
            Kind.ALT_MISSING,
            M(
                "featured image {file}: fill in image_alt; the strict build "
                "refuses the file until then",
                file=file,
            ),
        )
    )
    return ""


def render(
    planned: PlannedFile,
    export: Export,
    placement: Placement,
    finder: PictureFinder,
    index: LinkIndex,
    site: NewSite,
) -> None:
    """Convert the item's text and write its front matter into ``planned``.

    Only fields the section's model declares are written; a required field
    the import cannot fill (an event's ``start``) is listed, because the
    strict build refuses the file until it is there.
    """
    item, lang, leftovers = planned.item, planned.lang, planned.leftovers
    section = placement.group.section
    fields = site.fields(section)
    title = display_title(item)
    if not plain_text(item.title):
        leftovers.append(Leftover(Kind.NOTE, M("the item has no title; write one")))
    if item.password:
        leftovers.append(
            Leftover(
                Kind.NOTE,
                M("password-protected on the old site; imported as a draft"),
            )
        )
    converted = convert_html(item.content, finder, index.rewrite)
    elementor = Leftover(Kind.PAGE_BUILDER, M(ELEMENTOR_NOTE))
    if (
        item.meta_value("_elementor_edit_mode") == "builder"
        and elementor not in converted.leftovers
    ):
        leftovers.append(elementor)
    leftovers += converted.leftovers
    planned.pictures = list(converted.pictures)
    slug = placement.slugs.get(lang)
    values: dict[str, object] = {
        "title": title,
        "slug": slug if slug and slug != placement.key else None,
        "summary": plain_text(item.excerpt) or None,
        "draft": item.status in DRAFT_STATUSES or bool(item.password),
        "aliases": planned.aliases,
    }
    if "date" in fields:
        values["date"] = date_text(item, site.zone)
        if not values["date"]:
            leftovers.append(
                Leftover(Kind.NOTE, M("the export gives no date; add one"))
            )
    if "tags" in fields:
        values["tags"] = _tags(item, leftovers)
    if "author" in fields:
        values["author"] = export.author_name(item.creator) or None
    featured = _featured(item, finder)
    if featured is not None and "image" not in fields:
        leftovers.append(
            Leftover(
                Kind.FEATURED_PAGE,
                M(
                    "{picture}: {section} have no lead picture; put it in the "
                    "text if it matters",
                    picture=featured.url or M("a featured image"),
                    section=section,
                ),
            )
        )
    elif featured is not None and featured.target:
        values["image"] = featured.target
        values["image_alt"] = _featured_alt(featured, converted.alts, leftovers)
        planned.pictures.append(featured)
    elif featured is not None:
        leftovers.append(
            Leftover(
                Kind.PICTURE_MISSING,
                M(
                    "featured image {address}: {problem}",
                    address=featured.url or M("(no address)"),
                    problem=featured.problem,
                ),
            )
        )
    if "start" in fields:
        values.update(event_fields(item, export.by_id, site.zone.key))
    missing = [name for name in site.required(section) if not values.get(name)]
    if {"location", "online"} <= fields and not values.get("location"):
        missing.append("location")  # an event needs a place or an online address
    for name in missing:
        leftovers.append(
            Leftover(
                Kind.REQUIRED,
                M(
                    "{field}: required in {section}, and WordPress has nothing to "
                    "fill it with; the strict build refuses the file until you "
                    "add it",
                    field=name,
                    section=section,
                ),
            )
        )
    planned.text = item_document(fields, converted.markdown, **values)
