"""The thin Pelican adapter: when the build reads, checks and writes pictures.

- ``read``: the pictures of ``content/images/`` are cleaned and published
  (``site_images.py``), and the text's ``<img>`` processor is registered
  (``content_images.py``; content generators run it after resolving links).
- ``cross_check``: every entry's lead picture and link preview is processed
  and noted on the entry, so all problems are known before the strict build
  decides, and pages can be rendered in parallel without touching pictures.
- ``plan`` and ``finish``: the files are copied into the output, then (in
  production) every text file is precompressed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from bilingual.generator import SiteGenerator
from sitecore.i18n import M

from .compress import precompress_tree
from .content_images import ContentImages
from .settings import read_imaging_settings
from .site_images import IMAGES_FOLDER, Preview, SiteImages

logger = logging.getLogger(__name__)


class ImagingGenerator(SiteGenerator):
    """Processes the site's pictures; writes no pages of its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Claimed before any file is read: a page whose address would lie in
        # /images/ is that page's error.
        self.state.claim_tree(IMAGES_FOLDER + "/", M("the pictures of content/images/"))

    def read(self) -> None:
        """Clean the image folder and hook into the text of every entry."""
        self.images = SiteImages(self.state, read_imaging_settings(self.settings))
        self.content = ContentImages(self.images)
        self.images.publish_folder()
        self.state.html_processors.append(self.content.process_html)
        self.state.html_checks.append(self.content.check_html)

    def cross_check(self) -> None:
        """Process every entry's lead picture and link preview, reporting problems."""
        content = self.content
        for entry in self.state.all_entries():
            fields = entry.meta.picture_fields
            if fields:  # e.g. a person's photo; its files are in the page's signature
                pictures = [content.field_picture(entry, name) for name in fields]
                entry.media = tuple(
                    tuple(v.name for v in p.variants) if p else () for p in pictures
                )
            if entry.meta.lead_image:
                preview = content.preview(entry)
                lead = content.lead(entry)
                entry.media = (
                    tuple(v.name for v in lead.variants) if lead else (),
                    preview.url if preview else "",
                )
        content.preview(None)

    def signature_parts(self) -> tuple[Any, ...]:
        """The site's default link preview, which every page without a picture shows."""
        return (self.content.preview(None),)

    def known_urls(self) -> Iterable[str]:
        """Every picture and document published from content/images/."""
        return list(self.images.files)

    def template_globals(self) -> dict[str, Any]:
        """``lead_image``, ``social_image`` and ``field_image`` for the templates."""
        content = self.content

        def lead_image(entry: Any) -> Markup | None:
            return content.lead_html(entry)

        def social_image(entry: Any = None) -> Preview | None:
            return content.preview(entry)

        def field_image(entry: Any, name: str, alt: str, sizes: str) -> Markup | None:
            return content.field_html(entry, name, alt, sizes)

        return {
            "lead_image": lead_image,
            "social_image": social_image,
            "field_image": field_image,
        }

    def plan(self) -> None:
        """Copy the build's encoded pictures into the output."""
        count = self.images.write(self.state.output)
        logger.info(
            "images: %d files encoded, %d taken from the cache, %d in the output",
            self.images.stats.encoded,
            self.images.stats.reused,
            count,
        )

    def finish(self) -> None:
        """Precompress every text file when the settings ask for it (production)."""
        if self.images.options.precompress:
            precompress_tree(
                self.state.output,
                brotli_quality=self.images.options.brotli_quality,
                workers=self.site.workers,
            )
