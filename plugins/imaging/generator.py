"""The thin Pelican adapter: when the build reads, checks and writes pictures.

- ``generate_context``: the pictures of ``content/images/`` are cleaned and
  the text's ``<img>`` processor is registered (content generators run it
  after resolving links).
- ``cross_check``: every entry's ``image`` is checked and processed, so all
  problems are known before the strict build decides.
- ``generate_output`` and the ``finalized`` signal: the files are copied into
  the output, then (in production) every text file is precompressed.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from bilingual.rendering import SiteGenerator
from bilingual.site import SiteState
from sitecore.content import default_workers

from .compress import precompress_tree
from .settings import read_imaging_settings
from .site_images import Preview, SiteImages

logger = logging.getLogger(__name__)

CONTEXT_KEY = "imaging_site_images"
SLOT_KEY = "IMAGING_BUILD_SLOT"


@dataclass(eq=False)
class ImagingSlot:
    """Holds the latest build's pictures for the ``finalized`` signal.

    Like bilingual's BuildSlot: the settings object is shared by every copy of
    the context, so this is how a handler given only the Pelican instance
    finds the state of the build that just ended.
    """

    images: SiteImages | None = None


def site_images(context: MutableMapping[str, Any]) -> SiteImages:
    """The build's pictures, created from the settings on first use."""
    images = context.get(CONTEXT_KEY)
    if images is None:
        images = SiteImages(SiteState.of(context), read_imaging_settings(context))
        context[CONTEXT_KEY] = images
        slot = context.get(SLOT_KEY)
        if slot is not None:
            slot.images = images
    return images


class ImagingGenerator(SiteGenerator):
    """Processes the site's pictures; writes no pages of its own."""

    def generate_context(self) -> None:
        """Clean the image folder and hook into the text of every entry."""
        images = site_images(self.context)
        images.publish_folder()
        self.state.html_processors.append(images.process_html)

    def cross_check(self) -> None:
        """Process every entry's lead picture and link preview, reporting problems."""
        images = site_images(self.context)
        for by_lang in self.state.sections.values():
            for entries in by_lang.values():
                for entry in entries:
                    if getattr(getattr(entry, "meta", None), "image", None):
                        images.preview(entry)
        images.preview(None)

    def generate_output(self, writer: Any) -> None:
        """Copy the build's encoded pictures into the output."""
        images = site_images(self.context)
        count = images.write(self.output_path)
        logger.info(
            "images: %d files encoded, %d taken from the cache, %d written",
            images.stats.encoded,
            images.stats.reused,
            count,
        )


def template_helpers(generator: Any) -> None:
    """Give every generator's templates ``lead_image()`` and ``social_image()``.

    Each Pelican generator has its own Jinja environment; this runs for each
    as it is created (the ``generator_init`` signal). The helpers look the
    build's pictures up when a page is rendered, after everything was checked.
    """
    context = generator.context

    def lead_image(entry: Any) -> Markup | None:
        return site_images(context).lead_html(entry)

    def social_image(entry: Any = None) -> Preview | None:
        return site_images(context).preview(entry)

    generator.env.globals.update(lead_image=lead_image, social_image=social_image)


def open_slot(pelican: Any) -> None:
    """Place the slot through which :func:`finish` finds the build's pictures."""
    pelican.settings[SLOT_KEY] = ImagingSlot()


def finish(pelican: Any) -> None:
    """After everything is written: late files, then precompression if enabled."""
    slot = pelican.settings.get(SLOT_KEY)
    images = slot.images if slot is not None else None
    if images is None:
        return
    images.write(pelican.output_path)
    if images.options.precompress:
        precompress_tree(
            pelican.output_path,
            brotli_quality=images.options.brotli_quality,
            workers=pelican.settings.get("READ_WORKERS") or default_workers(),
        )
