"""The preview stops cleanly: Ctrl+C and SIGTERM, after a picture was processed.

A real preview runs in its own process (and process group, as in a
terminal); the signal goes where a terminal or a service manager sends it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, SiteBuilder
from PIL import Image
from running import free_port, port_is_free

pytestmark = pytest.mark.slow


def start_preview(tmp_path, port):
    site = SiteBuilder(tmp_path / "site")
    folder = site.content / "images"
    folder.mkdir(parents=True)
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(folder / "bild.jpg")
    site.md(
        "news/a.de.md",
        'title: "Bild"\ndate: 2026-01-10',
        "![Ein Bild]({static}/images/bild.jpg)",
    )
    overrides = {
        "PATH": str(site.content),
        "CACHE_PATH": str(tmp_path / "cache"),
        "READ_WORKERS": 1,
    }
    code = (
        "import sys; from pathlib import Path\n"
        f"sys.path[:0] = [{str(ROOT / 'plugins')!r}, {str(ROOT)!r}]\n"
        "from preview.app import run\n"
        f"run(Path({str(ROOT)!r}), Path({str(tmp_path / 'preview')!r}), "
        f"port={port}, overrides={overrides!r})\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "SITE_EDITOR_LANGUAGE": "en"},
    )
    line = process.stdout.readline()
    assert "The preview is at" in line, (line, process.stderr.read())
    # The page asks for the picture; its variants are made in the background.
    urllib.request.urlopen(f"http://127.0.0.1:{port}/de/aktuelles/a/", timeout=30)
    variants = tmp_path / "preview" / "images"
    deadline = time.monotonic() + 120
    while not list(variants.glob("bild*.webp")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(variants.glob("bild*.webp")), "the picture was processed"
    return process


def stopped(process, port):
    _out, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while not port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert port_is_free(port)
    with pytest.raises(ProcessLookupError):  # nothing of the group is left
        os.killpg(process.pid, 0)
    return err


def test_ctrl_c_stops_the_preview_without_a_traceback(tmp_path):
    port = free_port()
    process = start_preview(tmp_path, port)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl+C does
    stopped(process, port)
    assert process.returncode == 0


def test_sigterm_stops_the_preview_and_frees_the_port(tmp_path):
    port = free_port()
    process = start_preview(tmp_path, port)
    process.send_signal(signal.SIGTERM)  # what a service manager or `kill` does
    stopped(process, port)
    assert process.returncode == 0
