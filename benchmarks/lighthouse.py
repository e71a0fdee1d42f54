"""Lighthouse scores of the production build, served locally like a real server would.

Usage::

    python benchmarks/lighthouse.py [--port 0] [--preset mobile|desktop] [--json FILE]

Builds the site with ``publishconf.py`` for ``http://127.0.0.1:<port>``, serves the
output on 127.0.0.1 with a small HTTP server that sends the precompressed ``.br``
and ``.gz`` files with ``Content-Encoding`` and long cache lifetimes for
fingerprinted files, then runs Lighthouse 12 (npm, see ``package.json``) in Debian's
Chromium on one page of every type in every language (:func:`page_kinds`: home, the
list, an item and the year archive of every declared section, a tag page, search).
It prints the four category scores and LCP, CLS and TBT per page, and the
audits that cost points.

The target is 100 in every category on every page. Missing it is reported, never a
failure: the exit status is non-zero only if the build or Lighthouse itself fails.
Nothing leaves the machine: the server listens on 127.0.0.1 only and Chromium runs
with background networking switched off.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import mimetypes
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "plugins"), str(REPO)]

CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "bp",
    "seo": "seo",
}
#: Files whose name carries a content hash never change: cache them for a year.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{10,}\.[a-z0-9]+$")
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


class PrecompressedHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a production server sends them: compressed and cacheable."""

    def send_head(self):  # the one method that decides what is sent
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path + "/")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        accepted = self.headers.get("Accept-Encoding", "")
        body, encoding = path, None
        for suffix, name in ((".br", "br"), (".gz", "gzip")):
            candidate = Path(f"{path}{suffix}")
            if name in accepted and candidate.is_file():
                body, encoding = candidate, name
                break
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in (
            "application/javascript",
            "image/svg+xml",
        ):
            ctype += "; charset=utf-8"
        handle = open(body, "rb")  # noqa: SIM115 - closed by the base class
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(body.stat().st_size))
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if FINGERPRINTED.search(path.name):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        elif path.suffix == ".html":
            self.send_header("Cache-Control", "no-cache")
        else:
            self.send_header("Cache-Control", "public, max-age=86400")
        self.end_headers()
        return handle

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: Lighthouse makes many requests


@dataclass
class PageResult:
    """One page's Lighthouse figures."""

    label: str
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    lcp_ms: float = 0.0
    cls: float = 0.0
    tbt_ms: float = 0.0
    lost: list[str] = field(default_factory=list)  # audits that cost points


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, base_url: str, content: Path) -> None:
    """Production build of ``content`` into ``site``."""
    env = {**os.environ, "SITEURL": base_url}
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        "publishconf.py",
        "-o",
        str(site),
    ]
    print(f"building the site for {base_url} …", flush=True)
    subprocess.run(command, cwd=REPO, env=env, check=True)


def page_kinds(settings) -> list[tuple[str, str]]:
    """(label, page type) of the pages audited: every type the site has.

    Taken from the section declarations, so a new section is audited as soon
    as it is declared: its list, an item, its year archive; and the site's
    own pages (home, tags, search).
    """
    kinds = [("home", "home")]
    for name, section in settings.sections.items():
        if section.has_list:
            kinds.append((f"{name} list", name))
            if section.archive:
                kinds.append((f"{name} by year", f"{name}_year"))
        if section.has_items:
            kinds.append((f"{name} item", f"{name}_item"))
    kinds += [("tag", "tag"), ("search", "search")]
    return kinds


def choose_pages(site: Path, base_url: str) -> list[tuple[str, str]]:
    """(label, URL) of one page of every type per language, from the sitemap.

    Pages are classified with the site's URL patterns; items are taken in
    pairs of translations where the sitemap has them, so every language shows
    the same item.
    """
    from pelican.settings import read_settings as pelican_settings

    from bilingual.settings import read_settings
    from sitecheck.pagetypes import classify

    conf = pelican_settings(
        str(REPO / "publishconf.py"), override={"SITEURL": base_url}
    )
    settings = read_settings(conf)
    patterns = settings.page_patterns
    tree = ET.parse(site / "sitemap.xml")
    pages: dict[str, dict[str, str]] = {}
    for entry in tree.getroot().findall("s:url", SITEMAP_NS):
        url = entry.findtext("s:loc", namespaces=SITEMAP_NS).removeprefix(
            base_url + "/"
        )
        links = entry.findall("x:link", SITEMAP_NS)
        pages[url] = {
            link.get("hreflang"): link.get("href").removeprefix(base_url + "/")
            for link in links
            if link.get("hreflang") != "x-default"
        }
    kinds = {url: classify(url, patterns) for url in pages}
    chosen: list[tuple[str, str]] = []
    for label, name in page_kinds(settings):
        wanted = {lang: f"{lang}:{name}" for lang in settings.languages}
        found = _pick(pages, kinds, wanted)
        for lang in settings.languages:
            if lang in found:
                chosen.append((f"{lang} {label}", f"{base_url}/{found[lang]}"))
            else:
                print(f"no {label} page in {lang} yet: skipped", flush=True)
    return chosen


def _pick(
    pages: dict[str, dict[str, str]], kinds: dict[str, str], wanted: dict[str, str]
) -> dict[str, str]:
    """One page per language, a pair of translations if there is one."""
    for url, alternates in sorted(pages.items()):
        if url in alternates.values() and all(
            kinds.get(alternates.get(lang, "")) == kind for lang, kind in wanted.items()
        ):
            return {lang: alternates[lang] for lang in wanted}
    found = {}
    for lang, kind in wanted.items():
        match = next((url for url in sorted(pages) if kinds[url] == kind), None)
        if match:
            found[lang] = match
    return found


def lighthouse_binary() -> Path:
    """Lighthouse from ``node_modules``, installed from package.json if missing."""
    binary = REPO / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print("installing Lighthouse from package.json (npm ci) …", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True)
    return binary


def run_lighthouse(
    binary: Path, label: str, url: str, preset: str, work: Path
) -> PageResult:
    """Audit one page; Chromium runs headless with the project's flags."""
    report = work / (re.sub(r"\W+", "-", label) + ".json")
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(command, env=env, check=True, cwd=work)
    data = json.loads(report.read_text("utf-8"))
    audits = data["audits"]
    result = PageResult(label, url)
    for name in CATEGORIES:
        score = data["categories"][name]["score"]
        result.scores[name] = round((score or 0) * 100)
        for ref in data["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                result.lost.append(f"{name}: {ref['id']} ({audit['score']:.2f})")
    result.lcp_ms = audits["largest-contentful-paint"]["numericValue"]
    result.cls = audits["cumulative-layout-shift"]["numericValue"]
    result.tbt_ms = audits["total-blocking-time"]["numericValue"]
    return result


def print_table(results: list[PageResult], base_url: str) -> None:
    header = (
        f"{'page':<14} {'path':<40} "
        + " ".join(f"{SHORT[c]:>4}" for c in CATEGORIES)
        + f" {'LCP ms':>7} {'CLS':>6} {'TBT ms':>7}"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        path = r.url.removeprefix(base_url)
        scores = " ".join(f"{r.scores[c]:>4}" for c in CATEGORIES)
        print(
            f"{r.label:<14} {path[:40]:<40} {scores} {r.lcp_ms:>7.0f} "
            f"{r.cls:>6.3f} {r.tbt_ms:>7.0f}"
        )
    missed = [r for r in results if any(s < 100 for s in r.scores.values())]
    print()
    if not missed:
        print(f"All {len(results)} pages score 100 in all four categories.")
    for r in missed:
        print(f"{r.label}: below 100 — " + "; ".join(r.lost))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the build and reports"
    )
    parser.add_argument(
        "--content", type=Path, default=REPO / "content", help="content folder to build"
    )
    args = parser.parse_args(argv)
    if not Path(CHROME).exists():
        print(
            f"Chromium not found at {CHROME}: apt-get install chromium", file=sys.stderr
        )
        return 2
    binary = lighthouse_binary()
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    site = work / "site"
    server = None
    try:
        build(site, base_url, args.content.resolve())
        handler = functools.partial(PrecompressedHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results = []
        for label, url in choose_pages(site, base_url):
            print(f"lighthouse ({args.preset}): {label} {url}", flush=True)
            results.append(run_lighthouse(binary, label, url, args.preset, work))
        print_table(results, base_url)
        if args.json:
            payload = {"preset": args.preset, "pages": [asdict(r) for r in results]}
            args.json.write_text(json.dumps(payload, indent=2), "utf-8")
    finally:
        if server is not None:
            server.shutdown()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
