"""What the preview gives the editing interface: its problems list, /admin/ untouched.

The editing interface asks ``/_preview/problems.json?path=content/…`` after a
save and shows that file's problems itself; the preview sends ``/admin/``
exactly as built (no problems box over its buttons, no reload script that
would lose typed input) and its configuration as YAML. Raw HTTP against a
running preview (``test_preview.preview_of``).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from test_preview import preview_of
from test_preview_serving import request

from preview.builder import PreviewBuilder
from preview.problems import shown_file

BROKEN_DATE = 'title: "Erste"\ndate: 2026-13-40'


def problems(base: str, path: str | None = None) -> dict:
    query = "" if path is None else f"?path={path}"
    status, headers, body = request(f"{base}/_preview/problems.json{query}")
    assert status == 200
    assert headers.get_content_type() == "application/json"
    assert headers["Cache-Control"] == "no-store"
    return json.loads(body)


def test_a_files_problems_come_with_the_build_and_go_when_fixed(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        before = problems(base, "content/news/a.de.md")
        assert before == {"build": 1, "busy": False, "problems": [], "failure": None}
        site.md("news/a.de.md", BROKEN_DATE)
        site.md("news/a.en.md", 'title: "First"\ndate: 2026-01-10\nstatus: maybe')
        site.md("news/b.de.md", 'titel: "Tippfehler"\ndate: 2026-01-11')
        # Saved, not yet built: the answer says a build is still to come.
        assert problems(base, "content/news/a.de.md")["busy"] is True
        builder.build()
        answer = problems(base, "content/news/a.de.md")
        assert (answer["build"], answer["busy"]) == (2, False)
        assert answer["problems"] == [
            {
                "path": "content/news/a.de.md",
                "line": 3,
                "severity": "error",
                "message": answer["problems"][0]["message"],
            }
        ]
        assert "date" in answer["problems"][0]["message"]
        # The other language's file has its own problems, under its own path.
        english = problems(base, "content/news/a.en.md")["problems"]
        assert [(p["path"], p["line"]) for p in english] == [
            ("content/news/a.en.md", 4)
        ]
        warning = problems(base, "./content//news/b.de.md")["problems"]
        assert [(p["line"], p["severity"]) for p in warning] == [
            (1, "error"),
            (2, "warning"),
        ]
        assert "unknown field" in warning[1]["message"]
        everything = problems(base)["problems"]
        assert {p["path"] for p in everything} == {
            "content/news/a.de.md",
            "content/news/a.en.md",
            "content/news/b.de.md",
        }
        assert everything[-1]["severity"] == "warning"  # errors first
        site.md("news/a.de.md", 'title: "Erste"\ndate: 2026-01-10')
        builder.build()
        assert problems(base, "content/news/a.de.md") == {
            "build": 3,
            "busy": False,
            "problems": [],
            "failure": None,
        }


def test_messages_are_in_the_editors_language(tmp_path):
    with preview_of(tmp_path, language="de") as (site, builder, base, _):
        site.md("news/b.de.md", "date: 2026-01-11")
        builder.build()
        (problem,) = problems(base, "content/news/b.de.md")["problems"]
        assert (
            problem["message"]
            == "title: Pflichtfeld fehlt; ergänzen Sie eine Zeile „title: …“"
        )


def test_paths_outside_the_repository_name_no_file(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        site.md("news/a.de.md", BROKEN_DATE)
        builder.build()
        for path in ("/etc/passwd", "../site/content/news/a.de.md", "", "%00"):
            answer = problems(base, path)
            assert (answer["problems"], answer["busy"]) == ([], False), path
    assert shown_file("content/./news/a.de.md") == "content/news/a.de.md"
    assert shown_file("content/../../x") is None
    assert shown_file("C:\\content") is None


def test_a_running_build_or_a_newer_file_is_waited_for(tmp_path):
    builder = PreviewBuilder.__new__(PreviewBuilder)  # only its build clock
    builder.building, builder.began_ns = False, time.time_ns()
    saved = tmp_path / "a.de.md"
    saved.write_text("x")
    assert builder.waiting(saved) is True  # written after the build began
    builder.began_ns = time.time_ns()
    assert builder.waiting(saved) is False
    assert builder.waiting(tmp_path / "deleted.de.md") is False
    tomorrow = time.time() + 86400
    os.utime(saved, (tomorrow, tomorrow))
    assert builder.waiting(saved) is False  # no build would ever be newer
    builder.building = True
    assert builder.waiting(None) is True


def test_the_editing_interface_is_sent_as_built(tmp_path):
    with preview_of(tmp_path) as (site, builder, base, _):
        site.md("news/a.de.md", BROKEN_DATE)
        builder.build()
        admin = Path(builder.output, "admin")
        assert (admin / "index.html").is_file()
        for path, built, kind in (
            ("/admin/", admin / "index.html", "text/html; charset=utf-8"),
            ("/admin/index.html", admin / "index.html", "text/html; charset=utf-8"),
            ("/admin/config.yml", admin / "config.yml", "text/yaml; charset=utf-8"),
        ):
            status, headers, body = request(base + path)
            assert (status, headers["Content-Type"]) == (200, kind), path
            assert body == built.read_bytes(), path  # no box, no reload script
            head_status, head_headers, nothing = request(base + path, "HEAD")
            assert (head_status, nothing) == (200, b"")
            assert head_headers["Content-Length"] == str(len(body))
        status, headers, _ = request(f"{base}/admin")
        assert (status, headers["Location"]) == (301, "/admin/")
        status, _, body = request(f"{base}/admin/gibt-es-nicht.js")
        assert status == 404
        assert b"reload.js" not in body and b"preview-problems" not in body
        # Every other page keeps the box and the reload script.
        status, _, body = request(f"{base}/de/")
        assert b"/_preview/reload.js" in body and b"preview-problems" in body
        status, _, body = request(f"{base}/de/gibt-es-nicht/")
        assert status == 404 and b"/_preview/reload.js" in body


def test_files_get_the_same_types_on_every_system(tmp_path):
    with preview_of(tmp_path) as (_site, builder, base, _):
        (builder.output / "bild.avif").write_bytes(b"\0")
        (builder.output / "bild.webp").write_bytes(b"\0")
        (builder.output / "liste.yaml").write_text("a: 1")
        for path, kind in (
            ("bild.avif", "image/avif"),
            ("bild.webp", "image/webp"),
            ("liste.yaml", "text/yaml; charset=utf-8"),
            ("de/termine.ics", "text/calendar; charset=utf-8"),
        ):
            status, headers, _ = request(f"{base}/{path}")
            assert (status, headers["Content-Type"]) == (200, kind), path
