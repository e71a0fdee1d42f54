"""Turn an editor's photo into small, clean files for the web, with Pillow.

A picture straight from a phone is large, may be stored sideways with an EXIF
"rotate me" flag, and carries metadata a visitor should never receive — above
all the GPS position where it was taken. Every function here therefore starts
from the same cleaned image (orientation applied, colours converted to sRGB,
all metadata dropped) and writes only pixels.

Decoding is bounded: the pixel count is read from the file's header, before
any pixel is decoded (Pillow opens lazily), so a 13000×13000 PNG of a few
kilobytes is refused without the gigabyte it would take in memory. Published
file names are made URL-safe: a photo called "Team Foto 2017.jpg" must not put
spaces into ``srcset`` or ``og:image``.

Encoding is slow (AVIF especially), so every result is kept in a cache folder
under a key made of the source's content hash and every setting that shapes
the result: an unchanged picture is encoded once, ever, however many builds,
languages or pages use it.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import posixpath
import shutil
import tempfile
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from sitecore.i18n import M
from sitecore.slugs import slugify

logger = logging.getLogger(__name__)

#: Bump when the pipeline's output changes for the same settings (new encoder
#: options, a fix): every cached file is then encoded afresh.
PIPELINE_VERSION = "1"

#: The most pixels a picture may have: a 60-megapixel photo is already far more
#: than any screen shows, and decoding costs about 4 bytes per pixel.
MAX_PIXELS = 60_000_000

DEFAULT_WIDTHS = (480, 960, 1600)
#: "fallback" is JPEG, or PNG for pictures with transparency.
DEFAULT_FORMATS = ("avif", "webp", "fallback")
DEFAULT_QUALITY = {"avif": 55, "webp": 78, "jpeg": 82}
ORIGINAL_QUALITY = {"avif": 75, "webp": 90, "jpeg": 90}
PREVIEW_SIZE = (1200, 630)

MIME_TYPES = {
    "avif": "image/avif",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "tiff": "image/tiff",
}
EXTENSIONS = {"jpeg": "jpg", "tiff": "tif"}
#: File name endings the pipeline reads, and the format a clean copy keeps.
RASTER_SUFFIXES = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".webp": "webp",
    ".avif": "avif",
    ".gif": "gif",
    ".tif": "tiff",
    ".tiff": "tiff",
}
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


class ImageError(Exception):
    """The file cannot be read as a picture; the message says why, for editors."""


@dataclass
class EncodeStats:
    """How many files a build encoded and how many it took from the cache."""

    encoded: int = 0
    reused: int = 0


@dataclass(frozen=True)
class Variant:
    """One encoded file: a format at a width, stored in the cache."""

    format: str  # avif | webp | jpeg | png | gif | tiff
    width: int
    height: int
    name: str  # file name to publish under, e.g. "photo-960.1a2b3c4d5e.webp"
    path: str  # the encoded file in the cache

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]


def is_raster(path: str) -> bool:
    """True for the picture formats the pipeline reads (by file name)."""
    return os.path.splitext(path)[1].lower() in RASTER_SUFFIXES


def plan_widths(width: int, widths: Sequence[int]) -> list[int]:
    """The widths to make of a picture ``width`` pixels wide, never upscaled.

    Every configured width below the original, plus the original's own width
    when it is below the largest configured one (a 700 px picture gets 480 and
    700, a 300 px one only 300).
    """
    wanted = sorted({w for w in widths if w > 0})
    if not wanted:
        return [width]
    planned = [w for w in wanted if w < width]
    if width <= wanted[-1]:
        planned.append(width)
    return planned


def _read(source_path: str) -> bytes:
    try:
        with open(source_path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise ImageError(
            M("it cannot be opened ({reason})", reason=exc.strerror or exc)
        ) from None


def _digest(data: bytes, *parts: object) -> str:
    head = json.dumps([PIPELINE_VERSION, *parts], sort_keys=True, default=str)
    return hashlib.sha256(head.encode() + b"\0" + data).hexdigest()


def load_clean(data: bytes) -> Image.Image:
    """Decode ``data`` into an upright sRGB image (RGB or RGBA) without metadata.

    Raises :class:`ImageError` for files that are not pictures and for
    pictures over :data:`MAX_PIXELS`, the latter before decoding them.
    """
    unreadable = M(
        "it is not a picture the site can read (JPEG, PNG, WebP, AVIF, GIF, TIFF)"
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns above 89 megapixels; the limit below is lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        # Pillow's own guard (twice its warning size) stays in force.
        raise ImageError(
            M(
                "the picture has more than {pixels} megapixels; the limit is "
                "{limit} megapixels: scale it down before uploading",
                pixels=2 * (Image.MAX_IMAGE_PIXELS or 0) // 10**6,
                limit=MAX_PIXELS // 10**6,
            )
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageError(unreadable) from None
    check_pixels(image.width, image.height)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageError(unreadable) from None
    try:
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, TypeError, KeyError):
        logger.debug("unreadable EXIF orientation; keeping the picture as stored")
    if image.mode.startswith("I"):  # 16-bit greyscale: scale, do not clip
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    image = _to_srgb(image)
    has_alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")  # an alpha channel that hides nothing
    image.info = {}  # EXIF, GPS, XMP, ICC, comments: none of it is published
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels from an embedded colour profile to sRGB, the web's default.

    The profile itself is not published (it can name the camera); converting
    first keeps the colours right without it.
    """
    icc = image.info.get("icc_profile")
    if not icc:
        return image.convert("RGB") if image.mode == "CMYK" else image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        alpha = image.mode in _ALPHA_MODES or "transparency" in image.info
        mode = "RGBA" if alpha else "RGB"
        if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
            image = image.convert(mode)
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
        return converted if converted is not None else image
    except (ImageCms.PyCMSError, OSError, ValueError):
        logger.debug("colour profile not usable; keeping the pixels as they are")
        return image.convert("RGB") if image.mode == "CMYK" else image


def encode(image: Image.Image, fmt: str, quality: int | None = None) -> bytes:
    """Encode ``image`` as ``fmt`` with nothing but pixels in the file."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        flat = _flatten(image)
        flat.save(
            buffer, "JPEG", quality=quality or 82, optimize=True, progressive=True
        )
    elif fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality or 78, method=5)
    elif fmt == "avif":
        image.save(buffer, "AVIF", quality=quality or 55, speed=6)
    elif fmt == "gif":
        image.save(buffer, "GIF", optimize=True)
    elif fmt == "tiff":
        image.save(buffer, "TIFF", compression="tiff_deflate")
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    return buffer.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent pixels on white."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def check_pixels(width: int, height: int) -> None:
    """Raise :class:`ImageError` if a ``width`` × ``height`` picture is too large."""
    pixels = width * height
    if pixels > MAX_PIXELS:
        raise ImageError(
            M(
                "the picture is {width}×{height} pixels ({pixels} megapixels); the "
                "limit is {limit} megapixels: scale it down before uploading",
                width=width,
                height=height,
                pixels=round(pixels / 10**6),
                limit=MAX_PIXELS // 10**6,
            )
        )


def url_safe_stem(name: str) -> str:
    """A file name without extension that needs no escaping in a URL.

    ``Team Foto 2017.jpg`` becomes ``team-foto-2017``: spaces would break
    ``srcset`` (where they separate URL and width) and look broken in
    ``og:image``; commas, quotes and ``#`` or ``?`` would change what a URL means.
    """
    stem = os.path.splitext(posixpath.basename(name.replace(os.sep, "/")))[0]
    return slugify(stem) or "image"


def _resize(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _file_name(stem: str, label: str, key: str, fmt: str) -> str:
    return f"{stem}-{label}.{key[:10]}.{EXTENSIONS.get(fmt, fmt)}"


class EncodingDeferredError(Exception):
    """The picture is not in the cache and the caller asked not to encode it now."""


def _cached(
    cache_dir: str,
    key: str,
    stats: EncodeStats | None,
    produce: Callable[[], list[tuple[dict, bytes]]],
    make: bool = True,
) -> list[Variant]:
    """The variants stored under ``key``, produced (and stored) if missing.

    A folder per key holds the files and a manifest; it is written under a
    temporary name and renamed into place, so an interrupted build never
    leaves a half-filled entry behind. With ``make`` false a missing entry
    raises :class:`EncodingDeferredError` instead (the preview encodes it later).
    """
    folder = os.path.join(cache_dir, key[:2], key)
    manifest = os.path.join(folder, "manifest.json")
    try:
        with open(manifest, encoding="utf-8") as handle:
            entries = json.load(handle)
        variants = [Variant(**e, path=os.path.join(folder, e["name"])) for e in entries]
        if all(os.path.isfile(v.path) for v in variants):
            if stats is not None:
                stats.reused += len(variants)
            return variants
    except (OSError, ValueError, TypeError):
        pass
    if not make:
        raise EncodingDeferredError(key)
    produced = produce()
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{key[:10]}-", dir=os.path.dirname(folder))
    for entry, data in produced:
        with open(os.path.join(staging, entry["name"]), "wb") as handle:
            handle.write(data)
    with open(os.path.join(staging, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump([entry for entry, _ in produced], handle)
    shutil.rmtree(folder, ignore_errors=True)
    try:
        os.replace(staging, folder)
    except OSError:  # another build stored the same files meanwhile: keep those
        shutil.rmtree(staging, ignore_errors=True)
    if stats is not None:
        stats.encoded += len(produced)
    return [
        Variant(**entry, path=os.path.join(folder, entry["name"]))
        for entry, _ in produced
    ]


def process_image(
    source_path: str,
    widths: Sequence[int] = DEFAULT_WIDTHS,
    formats: Sequence[str] = DEFAULT_FORMATS,
    cache_dir: str = ".cache/imaging",
    *,
    quality: Mapping[str, int] | None = None,
    stats: EncodeStats | None = None,
    make: bool = True,
) -> list[Variant]:
    """Responsive variants of one picture: every format at every planned width.

    ``formats`` lists the encodings in order of preference (best first);
    ``"fallback"`` becomes JPEG, or PNG when the picture has transparency.
    Raises :class:`ImageError` if the file is missing or not a picture.
    """
    data = _read(source_path)
    quality = {**DEFAULT_QUALITY, **(quality or {})}
    options = {
        "op": "responsive",
        "widths": sorted(widths),
        "formats": list(formats),
        "quality": quality,
    }
    key = _digest(data, options)
    stem = url_safe_stem(source_path)

    def produce() -> list[tuple[dict, bytes]]:
        image = load_clean(data)
        resolved = [
            ("png" if image.mode == "RGBA" else "jpeg") if f == "fallback" else f
            for f in formats
        ]
        produced = []
        for width in plan_widths(image.width, widths):
            scaled = _resize(image, width)
            for fmt in resolved:
                name = _file_name(stem, str(scaled.width), key, fmt)
                entry = {
                    "format": fmt,
                    "width": scaled.width,
                    "height": scaled.height,
                    "name": name,
                }
                produced.append((entry, encode(scaled, fmt, quality.get(fmt))))
        logger.debug("encoded %s: %d files", source_path, len(produced))
        return produced

    variants = _cached(cache_dir, key, stats, produce, make)
    order = {fmt: index for index, fmt in enumerate(MIME_TYPES)}
    return sorted(variants, key=lambda v: (order[v.format], v.width))


def clean_copy(
    source_path: str,
    cache_dir: str,
    *,
    stats: EncodeStats | None = None,
    make: bool = True,
) -> Variant:
    """The picture at full size in its own format, upright and without metadata.

    This is what a link to the original file (``{static}/images/x.jpg``)
    delivers; the format follows the file name, and the name is made URL-safe
    (``Team Foto.JPG`` becomes ``team-foto.jpg``).
    """
    data = _read(source_path)
    suffix = os.path.splitext(source_path)[1].lower()
    fmt = RASTER_SUFFIXES.get(suffix)
    if fmt is None:
        raise ImageError(M("it is not a JPEG, PNG, WebP, AVIF, GIF or TIFF file"))
    key = _digest(data, {"op": "original", "format": fmt, "quality": ORIGINAL_QUALITY})

    def produce() -> list[tuple[dict, bytes]]:
        image = load_clean(data)
        entry = {
            "format": fmt,
            "width": image.width,
            "height": image.height,
            "name": url_safe_stem(source_path) + suffix,
        }
        return [(entry, encode(image, fmt, ORIGINAL_QUALITY.get(fmt)))]

    return _cached(cache_dir, key, stats, produce, make)[0]


def preview_image(
    source_path: str,
    cache_dir: str,
    *,
    size: tuple[int, int] = PREVIEW_SIZE,
    stats: EncodeStats | None = None,
    make: bool = True,
) -> Variant:
    """A JPEG of exactly ``size`` (1200×630 by default) for link previews.

    Social networks crop to this shape anyway; cropping here, around the
    centre, decides what is shown. Small pictures are enlarged to fill it.
    """
    data = _read(source_path)
    key = _digest(data, {"op": "preview", "size": list(size)})
    stem = url_safe_stem(source_path)

    def produce() -> list[tuple[dict, bytes]]:
        image = _flatten(load_clean(data))
        fitted = ImageOps.fit(
            image, size, Image.Resampling.LANCZOS, centering=(0.5, 0.45)
        )
        entry = {
            "format": "jpeg",
            "width": size[0],
            "height": size[1],
            "name": _file_name(stem, f"{size[0]}x{size[1]}", key, "jpeg"),
        }
        return [(entry, encode(fitted, "jpeg", 85))]

    return _cached(cache_dir, key, stats, produce, make)[0]
