"""How long a new bilingual news item with a picture takes in the browser.

Usage::

    python benchmarks/editing.py [--runs 3] [--json FILE]

A scripted editor in Debian's Chromium does what a volunteer does in
``/admin/``, against a real ``invoke edit`` in a copy of the project (see
``tests/editing.py``): open the editing interface, "Neu" in Aktuelles, German
and English title, date, a picture uploaded from disk with its description in
both languages, a tag, the text in both languages, "Veröffentlichen". The
clock runs from opening ``/admin/`` until the browser has the item's page in
the preview **in both languages** (each fetched until it answers with the new
title). It prints each run, the median, and the two parts: filling in the form
(the script types at machine speed, so this is the interface's own time) and
from "Jetzt veröffentlichen" to both pages.

A person needs longer to type; the figure says what the interface and the
preview add to that. Nothing here passes or fails by time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins"), str(ROOT)]

from editing import invoke_edit  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from sitecheck.browser import launch  # noqa: E402


def page_shows(url: str, title: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return title in answer.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return False


def one_run(browser: Any, session: Any, picture: Path, number: int) -> dict[str, float]:
    """One new item, timed; the seconds of each part."""
    key = f"hafenfest-{number}"
    german, english = f"Hafenfest {number}", f"Harbour party {number}"
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE"
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    start = time.perf_counter()
    page.goto(session.url("collections/news/new"))
    label = lambda text, pane=0: page.get_by_label(text, exact=True).nth(pane)  # noqa: E731
    label("Titel").fill(german)
    label("Titel", 1).fill(english)
    label("Datum").fill("14.06.2026 15:00")
    label("Schlagwörter (optional)").fill("Hafen, Sommer")
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    label("Bildbeschreibung (optional)").fill("Der Hafen im Sommer")
    label("Bildbeschreibung (optional)", 1).fill("The harbour in summer")
    texts = page.locator("textarea.site-markdown__text")
    texts.nth(0).fill("Wir feiern am **Wasser**.")
    texts.nth(1).fill("We celebrate by the **water**.")
    filled = time.perf_counter()
    page.get_by_text("Veröffentlichen", exact=True).click()
    page.get_by_text("Jetzt veröffentlichen", exact=True).click()
    pages = {
        f"{session.base}/de/aktuelles/{key}/": german,
        f"{session.base}/en/news/{key}/": english,
    }
    while pages:
        for url, title in list(pages.items()):
            if page_shows(url, title):
                del pages[url]
        if pages:
            time.sleep(0.05)
    done = time.perf_counter()
    context.close()
    return {"total": done - start, "form": filled - start, "published": done - filled}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="items to time (median)")
    parser.add_argument("--json", default="", help="write the figures to this file")
    options = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        picture = Path(folder) / "hafen.jpg"
        Image.new("RGB", (2400, 1600), (30, 110, 190)).save(picture, quality=90)
        with invoke_edit(Path(folder) / "project") as session, sync_playwright() as pw:
            browser = launch(pw)
            try:
                one_run(browser, session, picture, 0)  # warms the bundle's cache
                for number in range(1, options.runs + 1):
                    figures = one_run(browser, session, picture, number)
                    runs.append(figures)
                    print(
                        f"run {number}: {figures['total']:.1f} s "
                        f"(form {figures['form']:.1f} s, "
                        f"publish to both pages {figures['published']:.1f} s)",
                        flush=True,
                    )
            finally:
                browser.close()
    median = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    print(
        f"median of {len(runs)}: {median['total']:.1f} s from opening /admin/ to the "
        f"new item in the preview in both languages (form {median['form']:.1f} s, "
        f"publish to both pages {median['published']:.1f} s)"
    )
    if options.json:
        Path(options.json).write_text(
            json.dumps({"runs": runs, "median": median}, indent=2)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
