"""The image pipeline's pure core: orientation, metadata, widths, formats, cache."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms

from imaging.pipeline import (
    EncodeStats,
    ImageError,
    clean_copy,
    load_clean,
    plan_widths,
    preview_image,
    process_image,
)

GPS_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="54,19.5N" exif:GPSLongitude="10,8.3E"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
#: Byte strings that only metadata would put into a file.
LEAKS = (b"Exif\x00\x00", b"GPSLatitude", b"ns.adobe.com", b"PhoneMaker", b"54,19.5N")


def phone_photo(path: Path, size: tuple[int, int] = (600, 400)) -> Path:
    """A landscape JPEG stored sideways (orientation 6) with GPS, XMP, ICC, a maker."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (30, 90, 160))
    # A red block in the top-left corner tells which way up the result is.
    image.paste((220, 20, 20), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (54.0, 19.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (10.0, 8.0, 20.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", exif=exif, xmp=GPS_XMP, icc_profile=icc, quality=90)
    return path


def transparent_logo(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    """A PNG with a transparent background and an opaque square."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((11, 83, 148, 255), (50, 50, 150, 150))
    image.save(path, "PNG")
    return path


def assert_no_metadata(path: str) -> None:
    """No EXIF, GPS or XMP in the file, neither as Pillow sees it nor in its bytes."""
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info)
    data = Path(path).read_bytes()
    for leak in LEAKS:
        assert leak not in data, (path, leak)


def test_the_test_photo_really_carries_metadata(tmp_path):
    data = phone_photo(tmp_path / "p.jpg").read_bytes()
    assert all(leak in data for leak in LEAKS)
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert image.info.get("icc_profile")


def test_orientation_is_applied_and_metadata_dropped(tmp_path):
    source = phone_photo(tmp_path / "p.jpg")
    image = load_clean(source.read_bytes())
    assert image.size == (400, 600)  # stored 600×400, shown upright
    # Orientation 6 turns the stored image clockwise: its top-left corner
    # (red) ends up top-right.
    red = image.getpixel((image.width - 10, 10))
    assert red[0] > 180 and red[2] < 80
    assert image.info == {}


def test_jpeg_variants_have_all_formats_and_no_metadata(tmp_path):
    source = phone_photo(tmp_path / "p.jpg", size=(1200, 800))
    stats = EncodeStats()
    variants = process_image(
        str(source),
        (480, 960, 1600),
        ("avif", "webp", "fallback"),
        str(tmp_path / "cache"),
        stats=stats,
    )
    assert [(v.format, v.width) for v in variants] == [
        ("avif", 480),
        ("avif", 800),
        ("webp", 480),
        ("webp", 800),
        ("jpeg", 480),
        ("jpeg", 800),
    ]
    assert stats.encoded == 6 and stats.reused == 0
    for variant in variants:
        with Image.open(variant.path) as image:
            assert (
                image.format
                == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[variant.format]
            )
            assert image.size == (variant.width, variant.height)
            assert variant.height * 2 == variant.width * 3  # portrait, 2:3
        assert_no_metadata(variant.path)


def test_png_with_transparency_keeps_it_and_falls_back_to_png(tmp_path):
    source = transparent_logo(tmp_path / "logo.png")
    variants = process_image(
        str(source), (480,), ("webp", "fallback"), str(tmp_path / "cache")
    )
    assert [(v.format, v.width) for v in variants] == [("webp", 300), ("png", 300)]
    for variant in variants:
        with Image.open(variant.path) as image:
            assert image.mode == "RGBA"
            assert image.getpixel((5, 5))[3] == 0  # still transparent
            assert image.getpixel((100, 100))[3] == 255
        assert_no_metadata(variant.path)


def test_opaque_png_falls_back_to_jpeg(tmp_path):
    source = tmp_path / "chart.png"
    Image.new("RGBA", (100, 80), (10, 20, 30, 255)).save(source)
    variants = process_image(str(source), (480,), ("fallback",), str(tmp_path / "c"))
    assert [v.format for v in variants] == ["jpeg"]


def test_huge_photo_is_scaled_to_the_configured_widths(tmp_path):
    source = tmp_path / "huge.jpg"
    gradient = Image.linear_gradient("L").resize((6000, 4000))
    Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180), gradient)
    ).save(source, quality=85)
    variants = process_image(
        str(source), (480, 960, 1600), ("webp", "fallback"), str(tmp_path / "cache")
    )
    assert sorted({(v.width, v.height) for v in variants}) == [
        (480, 320),
        (960, 640),
        (1600, 1067),
    ]
    assert max(Path(v.path).stat().st_size for v in variants) < 400_000


def test_tiny_image_is_never_upscaled(tmp_path):
    source = tmp_path / "tiny.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(source)
    variants = process_image(
        str(source),
        (480, 960, 1600),
        ("avif", "webp", "fallback"),
        str(tmp_path / "cache"),
    )
    assert {(v.width, v.height) for v in variants} == {(40, 30)}
    assert [v.format for v in variants] == ["avif", "webp", "jpeg"]


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (6000, [480, 960, 1600]),
        (1600, [480, 960, 1600]),
        (700, [480, 700]),
        (300, [300]),
    ],
)
def test_plan_widths(width, expected):
    assert plan_widths(width, (960, 480, 1600)) == expected


def test_second_run_takes_everything_from_the_cache(tmp_path):
    source = phone_photo(tmp_path / "p.jpg")
    cache = str(tmp_path / "cache")
    first, second = EncodeStats(), EncodeStats()
    a = process_image(str(source), (480,), ("webp", "fallback"), cache, stats=first)
    b = process_image(str(source), (480,), ("webp", "fallback"), cache, stats=second)
    assert first.encoded == 2 and second.encoded == 0 and second.reused == 2
    assert a == b
    # Other settings are another cache entry, and another file name.
    third = EncodeStats()
    c = process_image(
        str(source),
        (480,),
        ("webp", "fallback"),
        cache,
        quality={"webp": 50},
        stats=third,
    )
    assert third.encoded == 2
    assert {v.name for v in c}.isdisjoint(v.name for v in a)


def test_changed_picture_is_encoded_again(tmp_path):
    source = transparent_logo(tmp_path / "logo.png")
    cache = str(tmp_path / "cache")
    before = process_image(str(source), (480,), ("webp",), cache)
    transparent_logo(source, size=(320, 200))
    stats = EncodeStats()
    after = process_image(str(source), (480,), ("webp",), cache, stats=stats)
    assert stats.encoded == 1
    assert after[0].width == 320 and before[0].name != after[0].name


def test_clean_copy_keeps_size_and_format_without_metadata(tmp_path):
    source = phone_photo(tmp_path / "p.jpg")
    copy = clean_copy(str(source), str(tmp_path / "cache"))
    assert copy.name == "p.jpg" and (copy.width, copy.height) == (400, 600)
    with Image.open(copy.path) as image:
        assert image.format == "JPEG" and image.size == (400, 600)
    assert_no_metadata(copy.path)


def test_preview_is_1200_by_630(tmp_path):
    for source in (
        phone_photo(tmp_path / "p.jpg"),
        transparent_logo(tmp_path / "l.png"),
    ):
        preview = preview_image(str(source), str(tmp_path / "cache"))
        with Image.open(preview.path) as image:
            assert image.size == (1200, 630) and image.format == "JPEG"
        assert_no_metadata(preview.path)


def test_unreadable_and_missing_files_raise_image_error(tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"this is not a picture")
    with pytest.raises(ImageError, match="not a picture"):
        process_image(str(broken), (480,), ("webp",), str(tmp_path / "cache"))
    with pytest.raises(ImageError, match="cannot be opened"):
        clean_copy(str(tmp_path / "missing.jpg"), str(tmp_path / "cache"))


def test_sixteen_bit_and_palette_pictures_keep_their_tones(tmp_path):
    deep = Image.new("I;16", (10, 10))
    deep.putpixel((0, 0), 65535)
    deep.putpixel((1, 0), 32768)
    buffer = io.BytesIO()
    deep.save(buffer, "PNG")
    image = load_clean(buffer.getvalue())
    assert [image.getpixel((x, 0)) for x in (0, 1, 5)] == [
        (255, 255, 255),
        (128, 128, 128),
        (0, 0, 0),
    ]
    palette = Image.new("P", (4, 4))
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.putpixel((1, 1), 1)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", transparency=0)
    image = load_clean(buffer.getvalue())
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0 and image.getpixel((1, 1)) == (255, 0, 0, 255)
