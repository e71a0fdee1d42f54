"""Logo processing: fitted, WebP plus fallback, metadata gone, cached."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from members.logos import LOGO_BOX, LogoCache, LogoError

EXIF_ORIENTATION = 0x0112
EXIF_ARTIST = 0x013B


def exif_bytes(orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = orientation
    exif[EXIF_ARTIST] = "Camera owner"
    return exif.tobytes()


def transparent_png(path: Path, size=(1200, 600)) -> Path:
    """A logo with a transparent left half, EXIF, a text chunk and an ICC profile."""
    image = Image.new("RGBA", size, (11, 83, 148, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "made by someone")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "PNG", exif=exif_bytes(), pnginfo=text, icc_profile=icc)
    return path


def photo_jpeg(path: Path, size=(400, 200), orientation: int = 1) -> Path:
    image = Image.new("RGB", size, (200, 40, 40))
    image.save(path, "JPEG", exif=exif_bytes(orientation), quality=90)
    return path


def assert_no_metadata(path: str) -> None:
    with Image.open(path) as image:
        assert not image.getexif(), path
        for key in ("exif", "icc_profile", "Comment", "XML:com.adobe.xmp", "xmp"):
            assert key not in image.info, (path, key)
        assert b"Camera owner" not in Path(path).read_bytes()


def test_transparent_png_fits_the_box_keeps_alpha_and_loses_metadata(tmp_path):
    cache = LogoCache(str(tmp_path / "cache"))
    logo = cache.process(str(transparent_png(tmp_path / "logo.png")))
    assert (logo.width, logo.height) == LOGO_BOX == (320, 160)
    assert logo.webp_path.endswith(".webp") and logo.fallback_path.endswith(".png")
    assert logo.fallback_type == "image/png"
    for path, fmt in ((logo.webp_path, "WEBP"), (logo.fallback_path, "PNG")):
        with Image.open(path) as image:
            assert image.format == fmt
            assert image.size == (320, 160)
            rgba = image.convert("RGBA")
            assert rgba.getpixel((10, 80))[3] == 0  # transparent half stays so
            assert rgba.getpixel((310, 80))[3] == 255
        assert_no_metadata(path)


def test_aspect_ratio_is_kept_inside_the_box(tmp_path):
    cache = LogoCache(str(tmp_path / "cache"))
    square = cache.process(str(transparent_png(tmp_path / "sq.png", (900, 900))))
    assert (square.width, square.height) == (160, 160)
    tall = cache.process(str(transparent_png(tmp_path / "tall.png", (300, 1200))))
    assert (tall.width, tall.height) == (40, 160)


def test_small_logo_is_not_enlarged(tmp_path):
    cache = LogoCache(str(tmp_path / "cache"))
    logo = cache.process(str(transparent_png(tmp_path / "small.png", (100, 50))))
    assert (logo.width, logo.height) == (100, 50)


def test_photographic_jpeg_gets_a_jpeg_fallback_without_exif(tmp_path):
    cache = LogoCache(str(tmp_path / "cache"))
    logo = cache.process(str(photo_jpeg(tmp_path / "photo.jpg", (1000, 500))))
    assert logo.fallback_type == "image/jpeg"
    with Image.open(logo.fallback_path) as image:
        assert image.format == "JPEG" and image.size == (320, 160)
    with Image.open(logo.webp_path) as image:
        assert image.format == "WEBP" and image.mode == "RGB"
    assert_no_metadata(logo.fallback_path)
    assert_no_metadata(logo.webp_path)


def test_exif_orientation_is_applied_before_it_is_removed(tmp_path):
    cache = LogoCache(str(tmp_path / "cache"))
    # Orientation 6: the camera was turned; the picture is meant to be upright.
    logo = cache.process(str(photo_jpeg(tmp_path / "turned.jpg", (400, 200), 6)))
    assert (logo.width, logo.height) == (80, 160)


def test_second_run_uses_the_cache_without_encoding(tmp_path):
    source = transparent_png(tmp_path / "logo.png")
    first = LogoCache(str(tmp_path / "cache"))
    made = first.process(str(source))
    assert (first.encoded, first.reused, made.from_cache) == (1, 0, False)
    stamps = {
        p: Path(p).stat().st_mtime_ns for p in (made.webp_path, made.fallback_path)
    }

    second = LogoCache(str(tmp_path / "cache"))
    again = second.process(str(source))
    assert (second.encoded, second.reused, again.from_cache) == (0, 1, True)
    assert (again.digest, again.width, again.height) == (made.digest, 320, 160)
    assert {p: Path(p).stat().st_mtime_ns for p in stamps} == stamps


def test_changed_source_is_encoded_again(tmp_path):
    source = transparent_png(tmp_path / "logo.png")
    cache = LogoCache(str(tmp_path / "cache"))
    first = cache.process(str(source))
    transparent_png(source, (1000, 600))
    second = cache.process(str(source))
    assert first.digest != second.digest
    assert cache.encoded == 2


def test_incomplete_cache_entry_is_made_again(tmp_path):
    source = transparent_png(tmp_path / "logo.png")
    made = LogoCache(str(tmp_path / "cache")).process(str(source))
    Path(made.webp_path).unlink()
    cache = LogoCache(str(tmp_path / "cache"))
    again = cache.process(str(source))
    assert cache.encoded == 1 and not again.from_cache
    assert Path(again.webp_path).is_file()


def test_palette_gif_with_transparency(tmp_path):
    image = Image.new("P", (64, 32), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    image.paste(1, (32, 0, 64, 32))
    path = tmp_path / "logo.gif"
    image.save(path, transparency=0)
    logo = LogoCache(str(tmp_path / "cache")).process(str(path))
    with Image.open(io.BytesIO(Path(logo.fallback_path).read_bytes())) as out:
        rgba = out.convert("RGBA")
        assert rgba.getpixel((1, 1))[3] == 0
        assert rgba.getpixel((60, 1)) == (200, 0, 0, 255)


def test_a_file_that_is_no_picture_is_an_error(tmp_path):
    path = tmp_path / "logo.png"
    path.write_text("<svg/>")
    with pytest.raises(LogoError, match="cannot be read as a picture"):
        LogoCache(str(tmp_path / "cache")).process(str(path))
