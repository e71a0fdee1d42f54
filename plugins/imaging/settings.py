"""The image pipeline's settings, read once per build into a frozen dataclass.

Every setting has a default, so ``pelicanconf.py`` names only what differs;
a value of the wrong shape is an error naming its key.

- ``IMAGE_WIDTHS``: widths in pixels of the responsive copies (never upscaled)
- ``IMAGE_FORMATS``: encodings, best first; ``fallback`` is JPEG (PNG for
  pictures with transparency)
- ``IMAGE_QUALITY``: encoder quality per format, e.g. ``{"avif": 55}``
- ``IMAGE_PREVIEW_DEFAULT``: link preview of pages without a picture, under the
  theme's ``static/``; empty for none
- ``PRECOMPRESS``, ``PRECOMPRESS_BROTLI_QUALITY``: ``.gz``/``.br`` copies of text files
- ``CACHE_PATH``: encoded pictures are kept in its ``imaging/`` folder
- ``IMAGE_DEFER``: show a new picture's original at once and make its
  variants in the background (the preview sets it; production never does)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bilingual.settings import SettingsError, cache_path

from .compress import DEFAULT_BROTLI_QUALITY
from .pipeline import DEFAULT_FORMATS, DEFAULT_QUALITY, DEFAULT_WIDTHS, MIME_TYPES

DEFAULT_PREVIEW = "images/social-default.png"  # under the theme's static folder


@dataclass(frozen=True)
class ImagingSettings:
    """The image pipeline's settings, checked once per build."""

    widths: tuple[int, ...] = DEFAULT_WIDTHS
    formats: tuple[str, ...] = DEFAULT_FORMATS
    quality: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_QUALITY))
    cache_dir: str = ".cache/imaging"
    preview_default: str = ""  # absolute path of the site's default link preview
    precompress: bool = False
    brotli_quality: int = DEFAULT_BROTLI_QUALITY
    defer: bool = False  # the preview: originals first, variants made meanwhile


def read_imaging_settings(settings: Mapping[str, Any]) -> ImagingSettings:
    """Read ``IMAGE_*`` and ``PRECOMPRESS*`` settings; a bad value names its key."""
    widths = tuple(settings.get("IMAGE_WIDTHS", DEFAULT_WIDTHS))
    if not widths or not all(isinstance(w, int) and w > 0 for w in widths):
        raise SettingsError(
            "setting IMAGE_WIDTHS must be a list of positive whole numbers"
        )
    formats = tuple(settings.get("IMAGE_FORMATS", DEFAULT_FORMATS))
    known = {*MIME_TYPES, "fallback"} - {"gif", "tiff"}
    if not formats or not set(formats) <= known:
        raise SettingsError(
            f"setting IMAGE_FORMATS must list formats from {sorted(known)}"
        )
    quality = {**DEFAULT_QUALITY, **settings.get("IMAGE_QUALITY", {})}
    if not all(isinstance(q, int) and 1 <= q <= 100 for q in quality.values()):
        raise SettingsError("setting IMAGE_QUALITY must map formats to numbers 1-100")
    brotli_quality = settings.get("PRECOMPRESS_BROTLI_QUALITY", DEFAULT_BROTLI_QUALITY)
    if not isinstance(brotli_quality, int) or not 0 <= brotli_quality <= 11:
        raise SettingsError("setting PRECOMPRESS_BROTLI_QUALITY must be 0-11")
    theme = str(settings.get("THEME") or "")
    preview = settings.get("IMAGE_PREVIEW_DEFAULT", DEFAULT_PREVIEW)
    preview_path = os.path.join(theme, "static", preview) if preview else ""
    cache_root = cache_path(settings)
    return ImagingSettings(
        widths=widths,
        formats=formats,
        quality=quality,
        cache_dir=os.path.join(cache_root, "imaging"),
        preview_default=preview_path if os.path.isfile(preview_path) else "",
        precompress=bool(settings.get("PRECOMPRESS", False)),
        defer=bool(settings.get("IMAGE_DEFER", False)),
        brotli_quality=brotli_quality,
    )
