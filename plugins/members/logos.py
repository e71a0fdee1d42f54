"""Member logos: fitted into one box, WebP plus a PNG/JPEG fallback, cached.

Editors upload whatever the member sent: a 3000-pixel PNG, a JPEG from a
camera with EXIF data, a logo with a colour profile. Visitors get a small
WebP and, for browsers without WebP, a PNG (for transparency and flat
graphics) or a JPEG (for photographic logos), with no metadata left in
either. Encoding is slow next to everything else in a build, so results are
cached by the hash of the source file and the processing parameters: a
rebuild copies them from the cache instead of encoding again.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from imaging.pipeline import ImageError, load_clean
from imaging.pipeline import encode as encode_image
from sitecore.i18n import M

logger = logging.getLogger(__name__)

#: The box every logo is fitted into (twice the size shown, for sharp screens).
LOGO_BOX = (320, 160)
#: Part of the cache key: raise it when the processing below changes.
PROCESS_VERSION = 2
WEBP_QUALITY = 85
JPEG_QUALITY = 85


class LogoError(Exception):
    """The logo file cannot be read as a picture; the message says why."""


@dataclass(frozen=True)
class ProcessedLogo:
    """The files made from one logo, in the cache folder."""

    digest: str  # changes with the source file and the processing
    width: int
    height: int
    webp_path: str
    fallback_path: str
    from_cache: bool

    @property
    def fallback_ext(self) -> str:
        return os.path.splitext(self.fallback_path)[1]

    @property
    def fallback_type(self) -> str:
        return "image/png" if self.fallback_ext == ".png" else "image/jpeg"


class LogoCache:
    """Processes logos into ``folder``; counts encodings and cache hits."""

    def __init__(self, folder: str, box: tuple[int, int] = LOGO_BOX) -> None:
        self.folder = folder
        self.box = box
        self.encoded = 0
        self.reused = 0

    def process(self, source: str) -> ProcessedLogo:
        """Return the processed files of ``source``, encoding only on a cache miss."""
        try:
            with open(source, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise LogoError(
                M("it cannot be opened ({reason})", reason=exc.strerror or exc)
            ) from None
        params = f"v{PROCESS_VERSION}:{self.box[0]}x{self.box[1]}:q{WEBP_QUALITY}"
        digest = hashlib.sha256(params.encode() + b"\0" + data).hexdigest()
        cached = self._cached(digest)
        if cached is not None:
            self.reused += 1
            return cached
        image, fallback_format = prepare(data, self.box)
        os.makedirs(self.folder, exist_ok=True)
        webp_path = os.path.join(self.folder, f"{digest}.webp")
        ext = ".png" if fallback_format == "PNG" else ".jpg"
        fallback_path = os.path.join(self.folder, f"{digest}{ext}")
        _atomic_write(
            webp_path, encode(image, "WEBP", lossless=fallback_format == "PNG")
        )
        _atomic_write(fallback_path, encode(image, fallback_format))
        meta = {"width": image.width, "height": image.height, "fallback": ext}
        # Written last: its presence means both pictures are complete.
        _atomic_write(self._meta_path(digest), json.dumps(meta).encode())
        self.encoded += 1
        return ProcessedLogo(
            digest,
            image.width,
            image.height,
            webp_path,
            fallback_path,
            from_cache=False,
        )

    def _meta_path(self, digest: str) -> str:
        return os.path.join(self.folder, f"{digest}.json")

    def _cached(self, digest: str) -> ProcessedLogo | None:
        try:
            with open(self._meta_path(digest), encoding="utf-8") as handle:
                meta = json.load(handle)
            webp = os.path.join(self.folder, f"{digest}.webp")
            fallback = os.path.join(self.folder, f"{digest}{meta['fallback']}")
            if not (os.path.isfile(webp) and os.path.isfile(fallback)):
                return None
            return ProcessedLogo(
                digest, int(meta["width"]), int(meta["height"]), webp, fallback, True
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def prepare(data: bytes, box: tuple[int, int]) -> tuple[Image.Image, str]:
    """Decode, orient, convert to sRGB and fit ``data`` into ``box``.

    The decoding and cleaning are the image pipeline's (``imaging.pipeline``),
    so logos lose their metadata exactly like every other published picture.
    Returns the fitted image and the fallback format: PNG where there is
    transparency or the source was a flat graphic, JPEG for photographs.
    """
    try:
        with Image.open(io.BytesIO(data)) as probe:
            source_format = probe.format or ""
        image = load_clean(data)
    except Image.DecompressionBombError:
        raise LogoError(
            M("the picture is far too large; scale it down to about 1000 pixels wide")
        ) from None
    except (ImageError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise LogoError(
            M("the file cannot be read as a picture; save it again as PNG or JPEG")
        ) from None
    image.thumbnail(box, Image.Resampling.LANCZOS)
    flat = image.mode == "RGBA" or source_format in ("PNG", "GIF", "WEBP")
    return image, "PNG" if flat else "JPEG"


def encode(image: Image.Image, fmt: str, lossless: bool = False) -> bytes:
    """Encode ``image`` without any metadata; flat logos as lossless WebP."""
    if fmt == "WEBP" and lossless:
        buffer = io.BytesIO()
        image.save(buffer, "WEBP", lossless=True, method=4)
        return buffer.getvalue()
    quality = WEBP_QUALITY if fmt == "WEBP" else JPEG_QUALITY
    return encode_image(image, fmt.lower(), quality)


def _atomic_write(path: str, data: bytes) -> None:
    """Write via a temporary file, so an interrupted build leaves no half file."""
    folder = os.path.dirname(path)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
