"""The pictures of one build: which files are processed, published and shown where.

Content names pictures in three ways — ``![alt](…)`` in the text, ``image`` in
front matter, and simply by lying in ``content/images/`` — and all of them end
up here. Each picture is processed once per build, whichever language or page
uses it, and every file this build publishes is listed in :attr:`files` until
the output is written; editors' mistakes go to the build's problem log with the
line they are on.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup
from PIL import Image

from bilingual.links import DOCUMENT_SUFFIXES
from bilingual.output import Output
from bilingual.site import SiteState
from sitecore.i18n import M, Message, message_of
from sitecore.models import IMAGE_ALT_MISSING
from sitecore.problems import suggestion
from sitecore.sanitize import EXTERNAL_PICTURE
from sitecore.schema import on_field
from sitecore.sources import (
    Confinement,
    LineLocator,
    iter_visible_files,
    relative,
)

from .picture import PROSE_SIZES, picture_html, rewrite_images
from .pipeline import (
    RASTER_SUFFIXES,
    EncodeStats,
    EncodingDeferredError,
    ImageError,
    Variant,
    clean_copy,
    is_raster,
    preview_image,
    process_image,
)
from .settings import ImagingSettings
from .svg import sanitize_svg

logger = logging.getLogger(__name__)

IMAGES_FOLDER = "images"


@dataclass(frozen=True)
class Picture:
    """A content picture's responsive variants and the folder they go to."""

    relpath: str  # e.g. images/news/2017/signing.jpg
    variants: tuple[Variant, ...]

    def url(self, variant: Variant) -> str:
        """Site-relative URL of one of the variants (next to the original)."""
        return posixpath.join(posixpath.dirname(self.relpath), variant.name)


@dataclass(frozen=True)
class Preview:
    """A link preview (Open Graph / Twitter card) image."""

    url: str  # absolute
    width: int
    height: int
    mime_type: str
    alt: str  # the picture's description; "" for the site's default


@dataclass
class SiteImages:
    """Every picture of one build, processed once and published once."""

    state: SiteState
    options: ImagingSettings
    stats: EncodeStats = field(default_factory=EncodeStats)
    files: dict[str, str] = field(default_factory=dict)  # output URL -> file to copy
    confinement: Confinement = field(init=False)
    _pictures: dict[str, Picture | ImageError] = field(default_factory=dict)
    _fields: dict[tuple[str, str], Picture | None] = field(default_factory=dict)
    _previews: dict[str, Preview | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.confinement = Confinement(self.state.settings.content_path)

    # Pictures -----------------------------------------------------------

    def picture(self, relpath: str) -> Picture:
        """The processed picture at ``relpath`` (content-relative); once per build."""
        known = self._pictures.get(relpath)
        if known is None:
            path = os.path.join(self.state.settings.content_path, *relpath.split("/"))
            try:
                if os.path.lexists(path) and not self.confinement.inside(path):
                    raise ImageError(
                        M(
                            "it is a link to a file outside the content folder; "
                            "copy the picture into content/images/"
                        )
                    )
                variants = self._encoded(
                    process_image,
                    path,
                    self.options.widths,
                    self.options.formats,
                    self.options.cache_dir,
                    quality=self.options.quality,
                )
                known = Picture(relpath, tuple(variants))
                for variant in variants:
                    self.files[known.url(variant)] = variant.path
            except EncodingDeferredError:
                known = Picture(relpath, (original_variant(path),))
            except ImageError as exc:
                known = exc
            self._pictures[relpath] = known
        if isinstance(known, ImageError):
            raise known
        return known

    def publish_folder(self) -> None:
        """Publish ``content/images/`` with every picture cleaned of its metadata.

        Pictures nobody links to are published too (a link may come from
        outside), but never as the editor uploaded them: each is re-encoded
        upright and without EXIF, GPS or XMP. Other files are copied as they are.
        """
        content = self.state.settings.content_path
        folder = os.path.join(content, IMAGES_FOLDER)
        if not os.path.lexists(folder):
            return
        for path in iter_visible_files(folder, self.confinement, self.state.problems):
            relpath = relative(path, content)
            suffix = os.path.splitext(path)[1].lower()
            if suffix in DOCUMENT_SUFFIXES:
                self.files[relpath] = path
                continue
            if suffix == ".svg":
                self._publish_svg(path, relpath)
                continue
            if not is_raster(path):
                self.state.problems.warning(
                    path,
                    None,
                    M(
                        "not published: '{kind}' files are not pictures; "
                        "content/images/ publishes JPEG, PNG, WebP, AVIF, GIF and "
                        "SVG pictures and PDF documents",
                        kind=suffix or os.path.basename(path),
                    ),
                )
                continue
            try:
                copy = self._encoded(clean_copy, path, self.options.cache_dir)
            except EncodingDeferredError:
                self.files[relpath] = path  # the preview shows the original meanwhile
                continue
            except ImageError as exc:
                self.state.problems.warning(
                    path,
                    None,
                    M(
                        "not published: {reason}; save it as JPEG or PNG",
                        reason=message_of(exc),
                    ),
                )
                continue
            self.files[relpath] = copy.path

    def _encoded(
        self,
        function: Callable[..., Any],
        path: str,
        *args: Any,
        defer: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Call a pipeline function; in the preview, encode in the background.

        Results are kept for the next build of the process while the file is
        unchanged (its size and time), so the preview does not read every
        picture again after each save. With ``IMAGE_DEFER`` (the preview) a
        picture not yet in the cache raises :class:`EncodingDeferredError` at
        once, and the worker encodes it meanwhile; the preview builds again
        when it is done. A picture the
        worker could not read raises its error here, like a build would.
        """
        try:
            stat = os.stat(path)
        except OSError:  # missing: the function says so in an editor's words
            return function(path, *args, stats=self.stats, **kwargs)
        key = (function.__name__, path, stat.st_size, stat.st_mtime_ns, args)
        session = self.state.session
        if not (self.options.defer and defer):
            return session.memo.get(
                key, lambda: function(path, *args, stats=self.stats, **kwargs)
            )
        if key in session.background.failed:
            raise session.background.failed[key]
        try:
            return session.memo.get(
                key,
                lambda: function(path, *args, stats=self.stats, make=False, **kwargs),
            )
        except EncodingDeferredError:
            session.background.submit(key, function, path, *args, **kwargs)
            raise

    def _publish_svg(self, path: str, relpath: str) -> None:
        """SVG is a document that can carry scripts: published only as cleaned.

        What the cleaning removed is an error (the drawing would not look as
        the editor expects, and it may be an attack); a file that is not a
        drawing at all is not published.
        """
        try:
            with open(path, "rb") as handle:
                cleaned, removed = sanitize_svg(handle.read())
        except (OSError, ValueError) as exc:
            reason = (
                M("it cannot be opened ({reason})", reason=exc.strerror or exc)
                if isinstance(exc, OSError)
                else message_of(exc)
            )
            self.state.problems.error(
                path, None, M("not published: {reason}", reason=reason)
            )
            return
        for what in removed:
            self.state.problems.error(path, None, what)
        digest = hashlib.sha256(cleaned).hexdigest()
        target = os.path.join(
            self.options.cache_dir, "svg", digest[:2], digest + ".svg"
        )
        if not os.path.exists(target):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target + ".tmp", "wb") as handle:
                handle.write(cleaned)
            os.replace(target + ".tmp", target)
        self.files[relpath] = target

    # Markdown images -----------------------------------------------------

    def process_html(self, entry: Any, state: SiteState) -> None:
        """Turn the ``<img>`` of an entry's text into ``<picture>`` (an HTML processor).

        The page's first picture is loaded eagerly unless the entry has a lead
        picture, which then is the first and largest one.
        """
        eager = [self.lead(entry) is None]
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
            picture = self.picture(relpath)
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

    # Lead pictures and link previews --------------------------------------

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
            return self.picture(relpath)
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
        picture = self.lead(entry) if entry is not None else None
        if picture is not None:
            source = os.path.join(
                self.state.settings.content_path, *picture.relpath.split("/")
            )
            folder = posixpath.dirname(picture.relpath)
            alt = str(entry.meta.image_alt or "")
        elif self.options.preview_default:
            source, folder, alt = self.options.preview_default, "theme", ""
        else:
            return None
        if source not in self._previews:
            try:
                # The theme's own picture is made at once: it is on every page.
                variant = self._encoded(
                    preview_image,
                    source,
                    self.options.cache_dir,
                    defer=source != self.options.preview_default,
                )
            except EncodingDeferredError:  # the preview shows none meanwhile
                self._previews[source] = None
                return None
            except ImageError as exc:
                logger.warning("no link preview from %s: %s", source, exc)
                self._previews[source] = None
            else:
                url = posixpath.join(folder, variant.name)
                self.files[url] = variant.path
                self._previews[source] = Preview(
                    self.state.settings.absolute(url),
                    variant.width,
                    variant.height,
                    variant.mime_type,
                    "",
                )
        found = self._previews[source]
        if found is None:
            return None
        return Preview(found.url, found.width, found.height, found.mime_type, alt)

    # Output ---------------------------------------------------------------

    def write(self, output: Output) -> int:
        """Copy every file of the build's pictures into the output; how many."""
        for url, source in sorted(self.files.items()):
            output.copy(url, source)
        return len(self.files)


def original_variant(path: str) -> Variant:
    """The editor's own file, as the preview shows it until its variants are made.

    Its size comes from the file's header (turned as its EXIF says), so the
    page keeps its layout while the browser scales the picture down.
    """
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageError(M("it cannot be read ({reason})", reason=str(exc))) from None
    fmt = RASTER_SUFFIXES.get(os.path.splitext(path)[1].lower(), "jpeg")
    return Variant(fmt, width, height, os.path.basename(path), path)


#: The EXIF tag that says how a photo is turned.
ORIENTATION = 0x0112
