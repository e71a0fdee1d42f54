"""Imported content builds with the strict production settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_wordpress_import import EXPORT, make_uploads

from wordpress.cli import main

MISSING_ALT = 'handshake-300x200.jpg" alt=""'


def import_into(site, tmp_path: Path, export_text: str) -> None:
    export = tmp_path / "export.xml"
    export.write_text(export_text, "utf-8")
    uploads = make_uploads(tmp_path / "uploads")
    args = ["--source", str(export), "--uploads", str(uploads)]
    assert main([*args, "--content", str(site.content)]) == 0


def content_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "content/" in line]


@pytest.mark.slow
def test_imported_content_passes_the_strict_build(site, tmp_path, capsys):
    text = EXPORT.read_text("utf-8")
    assert MISSING_ALT in text
    fixed = text.replace(MISSING_ALT, 'handshake-300x200.jpg" alt="Ein Handschlag"')
    import_into(site, tmp_path, fixed)
    capsys.readouterr()
    result = site.build("publishconf.py")
    assert result.exit_code == 0, result.stderr
    assert content_lines(result.stderr) == []
    for url in (
        "de/aktuelles/diwish-tritt-bei/",
        "en/news/diwish-joins/",
        "de/aktuelles/kiel-san-francisco-partnerschaft/",
        "en/news/city-partnership/",
        "de/aktuelles/ueberflieger-startet/",
        "de/satzung/",
        "en/statutes/",
        "de/mitglied-werden/",
    ):
        assert result.exists(url), url
    assert not result.exists("de/aktuelles/digital-challenge-entwurf/"), "a draft"
    assert not result.exists("en/news/digital-challenge-2027/"), "not yet due"
    page = result.html("de/aktuelles/kiel-san-francisco-partnerschaft/")
    links = [a["href"] for a in page.select("main a[href]")]
    assert any(href.endswith("/de/aktuelles/diwish-tritt-bei/") for href in links)
    diwish = result.html("de/aktuelles/diwish-tritt-bei/")
    assert diwish.select_one("main picture img[alt='Ein Handschlag']") is not None
    assert not list(result.output.rglob("*import-report*"))
    redirects = dict(
        line.split()[:2]
        for line in result.file("_redirects").read_text("utf-8").splitlines()
    )
    assert redirects["/2017/01/diwish-tritt-bei/"] == "/de/aktuelles/diwish-tritt-bei/"
    for old, new in redirects.items():
        page = result.html(old.lstrip("/"))
        refresh = page.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url={new}", old
        assert result.exists(new.lstrip("/")), new


@pytest.mark.slow
def test_a_missing_alt_text_is_left_for_the_strict_build_to_report(site, tmp_path):
    import_into(site, tmp_path, EXPORT.read_text("utf-8"))
    result = site.build("publishconf.py")
    assert result.exit_code != 0
    errors = [line for line in content_lines(result.stderr) if "warning" not in line]
    assert len(errors) == 1, errors
    assert "diwish-tritt-bei.de.md" in errors[0]
    assert "images/2017/02/handshake-1024x683.jpg' has no description" in errors[0]
