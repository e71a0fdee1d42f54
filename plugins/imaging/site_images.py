"""The pictures one build publishes: each processed once, every file listed.

Whatever names a picture — the text, a field, a link preview, or simply
lying in ``content/images/`` — it is processed here once per build, whichever
language or page uses it, and every file this build publishes is listed in
:attr:`SiteImages.files` until the output is written. In the preview, slow
encodings run in the background. Which pictures content names, and what is
wrong with how it names them, is the content side (``content_images.py``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from bilingual.links import DOCUMENT_SUFFIXES
from bilingual.output import Output
from bilingual.site import SiteState
from sitecore.i18n import M, message_of
from sitecore.sources import (
    Confinement,
    iter_visible_files,
    relative,
)

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

    # Link previews --------------------------------------------------------

    def link_preview(
        self, source: str, folder: str, defer: bool = True
    ) -> Preview | None:
        """The link preview made of the picture ``source``, published in ``folder``.

        Made once per build and file; None while the preview encodes it in
        the background (``defer``) or when it cannot be made (logged). Its
        ``alt`` is empty: the page that shows it knows the picture's.
        """
        if source not in self._previews:
            try:
                variant = self._encoded(
                    preview_image, source, self.options.cache_dir, defer=defer
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
        return self._previews[source]

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
