"""Pictures are bounded before decoding, and published under URL-safe names."""

from __future__ import annotations

import struct
import tracemalloc
import zlib

import pytest
from test_imaging_pipeline import phone_photo

from imaging.pipeline import (
    MAX_PIXELS,
    ImageError,
    check_pixels,
    clean_copy,
    load_clean,
    preview_image,
    process_image,
    url_safe_stem,
)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels but holds a few bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def test_a_169_megapixel_png_is_refused_before_decoding():
    tracemalloc.start()
    with pytest.raises(ImageError) as info:
        load_clean(png_header(13000, 13000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(info.value) == (
        "the picture is 13000×13000 pixels (169 megapixels); the limit is "
        "60 megapixels: scale it down before uploading"
    )
    assert peak < 50_000_000  # decoding would need about 500 MB


def test_pillows_decompression_bomb_guard_stays():
    with pytest.raises(ImageError) as info:
        load_clean(png_header(20000, 20000))  # 400 megapixels
    assert "megapixels; the limit is 60 megapixels" in str(info.value)


def test_the_limit_itself_is_allowed():
    check_pixels(MAX_PIXELS // 1000, 1000)
    with pytest.raises(ImageError):
        check_pixels(MAX_PIXELS // 1000 + 1, 1000)


def test_a_truncated_picture_is_unreadable_not_a_crash():
    with pytest.raises(ImageError, match="not a picture the site can read"):
        load_clean(png_header(100, 100))


def test_the_pipeline_reports_the_limit_for_files(tmp_path):
    path = tmp_path / "riesig.png"
    path.write_bytes(png_header(13000, 13000))
    for make in (
        lambda: process_image(str(path), cache_dir=str(tmp_path / "c")),
        lambda: clean_copy(str(path), str(tmp_path / "c")),
        lambda: preview_image(str(path), str(tmp_path / "c")),
    ):
        with pytest.raises(ImageError, match="13000×13000 pixels"):
            make()


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("images/Team Foto 2017.jpg", "team-foto-2017"),
        ("Förde, Kiel #1?.png", "foerde-kiel-1"),
        ("'quote\".jpg", "quote"),
        ("日本.jpg", "image"),
        ("plain.jpg", "plain"),
    ],
)
def test_url_safe_stems(name, stem):
    assert url_safe_stem(name) == stem


def test_variants_of_a_name_with_spaces_are_url_safe(tmp_path):
    source = phone_photo(tmp_path / "Team Foto, Kiel.jpg")
    cache = str(tmp_path / "cache")
    names = [v.name for v in process_image(str(source), (200,), ("webp",), cache)]
    names.append(clean_copy(str(source), cache).name)
    names.append(preview_image(str(source), cache).name)
    for name in names:
        assert name.startswith("team-foto-kiel"), name
        assert not set(name) & set(" ,'\"#?%"), name
    assert names[-2] == "team-foto-kiel.jpg"
