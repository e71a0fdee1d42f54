"""Lean assets: minified scripts, and precompressed output in production only."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime
from pathlib import Path

import brotli

from bilingual.assets import build_assets
from bilingual.output import Output
from imaging.compress import compress_file, precompress_tree

PAGE = "<!DOCTYPE html><html><body>" + "<p>Kiel grüßt San Francisco.</p>" * 40


def test_compressed_copies_decompress_to_the_original(tmp_path):
    output = Output(str(tmp_path))
    output.write("de/", PAGE)
    output.write("photo.jpg", b"\xff\xd8" + b"x" * 2000)
    (tmp_path / "stray.html").write_text(PAGE, "utf-8")  # not this build's
    stats = precompress_tree(output)
    assert stats.files == 1 and stats.written == 2
    page = tmp_path / "de" / "index.html"
    original = page.read_bytes()
    assert gzip.decompress(Path(f"{page}.gz").read_bytes()) == original
    assert brotli.decompress(Path(f"{page}.br").read_bytes()) == original
    assert stats.brotli_bytes < stats.original_bytes / 5
    assert not (tmp_path / "photo.jpg.gz").exists()  # pictures are compressed already
    assert not (tmp_path / "stray.html.gz").exists()


def test_gzip_output_does_not_depend_on_the_day(tmp_path, monkeypatch):
    page = tmp_path / "a.css"
    page.write_text("body { color: red }\n" * 50, "utf-8")
    copies = []
    days = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 6, 30, tzinfo=UTC))
    for moment in (day.timestamp() for day in days):
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        compress_file(str(tmp_path), "a.css")
        copies.append(Path(f"{page}.gz").read_bytes())
    assert copies[0] == copies[1]
    assert copies[0][4:8] == bytes(4)  # the header's time stamp: none


def test_tiny_files_are_left_alone_and_stale_copies_removed(tmp_path):
    robots = tmp_path / "robots.txt"
    robots.write_text("User-agent: *\nAllow: /\n", "utf-8")
    Path(f"{robots}.gz").write_bytes(b"stale")
    compress_file(str(tmp_path), "robots.txt")
    assert not Path(f"{robots}.gz").exists() and not Path(f"{robots}.br").exists()


def test_a_compressed_copy_is_never_written_through_a_link(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious", "utf-8")
    root = tmp_path / "out"
    output = Output(str(root))
    output.write("de/", PAGE)
    (root / "de" / "index.html.gz").symlink_to(outside)
    precompress_tree(output)
    assert outside.read_text("utf-8") == "precious"
    assert not (root / "de" / "index.html.gz").is_symlink()


def test_production_build_precompresses_every_text_file(site):
    site.news("kiel", "de", "Kiel grüßt")
    site.news("kiel", "en", "Kiel says hello")
    production = site.build("publishconf.py", SITEURL="https://example.org")
    assert production.exit_code == 0, production.stderr
    texts = [
        p
        for p in production.output.rglob("*")
        if p.suffix in (".html", ".css", ".xml", ".js", ".svg") and p.is_file()
    ]
    assert any(p.name == "sitemap.xml" for p in texts)
    for path in texts:
        if path.stat().st_size >= 256:
            assert (
                brotli.decompress(Path(f"{path}.br").read_bytes()) == path.read_bytes()
            )
            assert gzip.decompress(Path(f"{path}.gz").read_bytes()) == path.read_bytes()
    preview = site.build(name="preview")
    assert not list(preview.output.rglob("*.br")) and not list(
        preview.output.rglob("*.gz")
    )


def test_scripts_are_minified_and_fingerprinted(tmp_path):
    theme = tmp_path / "theme"
    (theme / "static" / "css").mkdir(parents=True)
    (theme / "static" / "css" / "manifest.txt").write_text("a.css\n", "utf-8")
    (theme / "static" / "css" / "a.css").write_text(
        "body {  color : red ; }\n", "utf-8"
    )
    (theme / "static" / "js").mkdir()
    script = (
        "// Filters the list.\nfunction show(items) {\n    return items.length;\n}\n"
    )
    (theme / "static" / "js" / "filter.js").write_text(script, "utf-8")
    bundle = build_assets(str(theme))
    asset = bundle.assets["filter.js"]
    assert asset.data.decode() == "function show(items){return items.length;}"
    assert asset.url.startswith("theme/filter.") and asset.url.endswith(".js")
    assert bundle.assets["site.css"].data == b"body{color:red}"
