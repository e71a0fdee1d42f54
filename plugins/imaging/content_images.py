"""The pictures content names, and what is wrong with how it names them.

Content names pictures in the text (``![alt](…)``, which becomes
``<picture>``), in fields (a lead ``image``, a person's ``photo``) and, through
its lead picture, as the page's link preview. Each mistake — a missing
description, a picture from elsewhere or outside ``content/images/``, a file
that does not exist — goes to the build's problem log on the line it is
written on, with a suggestion where a similar file exists. The pictures
themselves are processed and published by :class:`~.site_images.SiteImages`.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

from bilingual.site import SiteState
from sitecore.i18n import M, Message, message_of
from sitecore.models import IMAGE_ALT_MISSING
from sitecore.problems import suggestion
from sitecore.sanitize import EXTERNAL_PICTURE
from sitecore.schema import on_field
from sitecore.sources import LineLocator

from .picture import PROSE_SIZES, picture_html, rewrite_images
from .pipeline import ImageError, is_raster
from .site_images import IMAGES_FOLDER, Picture, Preview, SiteImages


@dataclass
class ContentImages:
    """The pictures of one build's content: in texts, in fields, as link previews."""

    images: SiteImages
    _fields: dict[tuple[str, str], Picture | None] = field(default_factory=dict)

    @property
    def state(self) -> SiteState:
        return self.images.state

    # Pictures in the text ------------------------------------------------

    def process_html(self, entry: Any, state: SiteState) -> None:
        """Turn the ``<img>`` of an entry's text into ``<picture>`` (an HTML processor).

        The page's first picture is loaded eagerly unless the entry has a lead
        picture, which then is the first and largest one.
        """
        eager = [self.lead(entry) is None]
        if "<img" not in entry.content:
            # Both Markdown and the allowlist's cleaner write tag names in
            # lower case; most texts have no picture to look for.
            return
        locate = LineLocator(entry.body, entry.body_line)

        def replace(_index: int, attributes: dict[str, str]) -> str | None:
            result = self._replace_img(entry, attributes, eager[0], locate)
            if result and eager[0]:
                eager[0] = False
            return result

        entry.content = rewrite_images(entry.content, replace)

    def check_html(self, entry: Any, state: SiteState) -> None:
        """Report the problems of an entry's pictures without processing them.

        For the text of a file with errors (never published): missing
        descriptions, pictures from elsewhere or outside content/images/, and
        missing files are reported in the same build as the file's own errors.
        """
        locate = LineLocator(entry.body, entry.body_line)

        def check(_index: int, attributes: dict[str, str]) -> None:
            checked = self._checked(entry, attributes, locate)
            if checked is None:
                return
            relpath, line = checked
            path = os.path.join(self.state.settings.content_path, *relpath.split("/"))
            if not os.path.isfile(path):
                error = ImageError(M("the file does not exist"))
                self.state.problems.error(
                    entry.source.path, line, self._describe(relpath, error)
                )

        rewrite_images(entry.content, check)

    def _checked(
        self, entry: Any, attributes: dict[str, str], locate: LineLocator
    ) -> tuple[str, int] | None:
        """Report what is wrong with one ``<img>`` as written.

        Returns the picture's content-relative path and line when it can be
        processed, None when it cannot (or there is nothing to process).
        """
        src = attributes.get("src", "").strip()
        if not src or src.startswith("#"):
            return None  # a {static} link to nothing: reported where links are resolved
        problems = self.state.problems
        relpath = self._local_path(src, entry.source.relpath)
        if relpath is None:
            problems.error(entry.source.path, locate(src), M(EXTERNAL_PICTURE, src=src))
            return None
        line = locate(relpath)
        alt = attributes.get("alt", "").strip()
        if not alt:
            problems.error(
                entry.source.path,
                line,
                M(
                    "image '{file}' has no description: write what it shows between "
                    "the square brackets, ![Description](…)",
                    file=relpath,
                ),
            )
        if not relpath.startswith(IMAGES_FOLDER + "/") or relpath.startswith("../"):
            problems.error(
                entry.source.path,
                line,
                M(
                    "image '{file}': pictures belong in content/images/; move it "
                    "there and write ![description]({{static}}/images/…)",
                    file=relpath,
                ),
            )
            return None
        if not is_raster(relpath):
            problems.error(
                entry.source.path,
                line,
                M(
                    "image '{file}' is not a JPEG, PNG, WebP, AVIF or GIF picture",
                    file=relpath,
                ),
            )
            return None
        return relpath, line

    def _replace_img(
        self, entry: Any, attributes: dict[str, str], eager: bool, locate: LineLocator
    ) -> str | None:
        src = attributes.get("src", "").strip()
        if not src or src.startswith("#"):
            return None  # a {static} link to nothing: reported where links are resolved
        checked = self._checked(entry, attributes, locate)
        if checked is None:
            return self.REMOVED
        relpath, line = checked
        alt = attributes.get("alt", "").strip()
        try:
            picture = self.images.picture(relpath)
        except ImageError as exc:
            self.state.problems.error(
                entry.source.path, line, self._describe(relpath, exc)
            )
            return self.REMOVED
        return picture_html(
            picture.variants,
            lambda v: self.state.settings.href(picture.url(v)),
            alt,
            sizes=PROSE_SIZES,
            eager=eager,
            extra=attributes,
        )

    #: What replaces a picture that cannot be shown: nothing (the build reports it).
    REMOVED = ""

    def _local_path(self, src: str, source_relpath: str) -> str | None:
        """Content-relative path of an image URL on this site; None if elsewhere."""
        site_url = self.state.settings.site_url.rstrip("/")
        if site_url and src.startswith(site_url + "/"):
            src = src[len(site_url) :]
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        prefix = urlsplit(site_url).path.rstrip("/")
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        if path.startswith("/"):
            return posixpath.normpath(path.lstrip("/"))
        beside = posixpath.normpath(
            posixpath.join(posixpath.dirname(source_relpath), path)
        )
        root = self.state.settings.content_path
        if os.path.isfile(os.path.join(root, *beside.split("/"))):
            return beside
        return posixpath.normpath(path)

    def _describe(self, relpath: str, error: ImageError) -> Message:
        """Why the picture at ``relpath`` cannot be used (``image 'content/…' …``)."""
        return M("image {problem}", problem=self._why(relpath, error))

    def _why(self, relpath: str, error: ImageError) -> Message:
        """``'content/…' does not exist (did you mean …?)`` and the like."""
        path = os.path.join(self.state.settings.content_path, *relpath.split("/"))
        if os.path.exists(path):
            return M(
                "'content/{file}' cannot be used: {reason}; save it as JPEG or PNG",
                file=relpath,
                reason=message_of(error),
            )
        folder = os.path.dirname(path)
        names = os.listdir(folder) if os.path.isdir(folder) else []
        stems = {os.path.splitext(name)[0]: name for name in names}
        stem = os.path.splitext(os.path.basename(relpath))[0]
        match = difflib.get_close_matches(stem.lower(), list(stems), n=1, cutoff=0.6)
        hint = suggestion(stems[match[0]]) if match else ""
        return M("'content/{file}' does not exist{hint}", file=relpath, hint=hint)

    # Pictures in fields, and link previews ---------------------------------

    def lead(self, entry: Any) -> Picture | None:
        """The entry's ``image`` processed, or None; problems reported once."""
        return self.field_picture(entry, "image")

    def field_picture(self, entry: Any, name: str) -> Picture | None:
        """The picture named by the entry's field ``name``, processed, or None.

        Lead pictures (``image``) and the other fields of a picture type (its
        model's ``picture_fields``, a person's ``photo``) go through the same
        pipeline.
        Keyed by file and field, so a YAML file's picture is processed and
        reported once, whichever language versions show it.
        """
        key = (entry.source.path, name)
        if key not in self._fields:
            self._fields[key] = self._resolve(entry, name)
        return self._fields[key]

    def _resolve(self, entry: Any, name: str) -> Picture | None:
        meta = entry.meta
        written = meta.lead_image if name == "image" else meta.field_value(name)
        if not written:
            return None
        path = entry.source.path
        line = entry.line_of(name)
        relpath = posixpath.normpath(
            written.strip().removeprefix("{static}").lstrip("/")
        )
        if name == "image" and not meta.picture_alt(name):
            self.state.problems.error(
                path, line, on_field("image", M(IMAGE_ALT_MISSING))
            )
        if not relpath.startswith(IMAGES_FOLDER + "/") or not is_raster(relpath):
            self.state.problems.error(
                path,
                line,
                on_field(
                    name,
                    M(
                        "'{written}' must be a JPEG, PNG, WebP or AVIF file under "
                        "content/images/, written like images/news/photo.jpg",
                        written=written,
                    ),
                ),
            )
            return None
        try:
            return self.images.picture(relpath)
        except ImageError as exc:
            self.state.problems.error(
                path, line, on_field(name, self._why(relpath, exc))
            )
            return None

    def lead_html(self, entry: Any) -> Markup | None:
        """The lead picture's markup: the page's main picture, loaded first."""
        picture = self.lead(entry)
        alt = str(entry.meta.image_alt or "")
        return self._markup(picture, alt, PROSE_SIZES, eager=True)

    def field_html(self, entry: Any, name: str, alt: str, sizes: str) -> Markup | None:
        """A field's picture (a portrait) as lazily loaded ``<picture>`` markup."""
        return self._markup(self.field_picture(entry, name), alt, sizes)

    def _markup(
        self, picture: Picture | None, alt: str, sizes: str, eager: bool = False
    ) -> Markup | None:
        if picture is None:
            return None
        return Markup(
            picture_html(
                picture.variants,
                lambda v: self.state.settings.href(picture.url(v)),
                alt,
                sizes=sizes,
                eager=eager,
            )
        )

    def preview(self, entry: Any = None) -> Preview | None:
        """The link preview of a page: its entry's lead picture, else the site's."""
        options = self.images.options
        picture = self.lead(entry) if entry is not None else None
        if picture is not None:
            source = os.path.join(
                self.state.settings.content_path, *picture.relpath.split("/")
            )
            folder = posixpath.dirname(picture.relpath)
            alt = str(entry.meta.image_alt or "")
        elif options.preview_default:
            source, folder, alt = options.preview_default, "theme", ""
        else:
            return None
        # The theme's own picture is made at once: it is on every page.
        found = self.images.link_preview(
            source, folder, defer=source != options.preview_default
        )
        if found is None:
            return None
        return Preview(found.url, found.width, found.height, found.mime_type, alt)
