"""Helpers behind ``tasks.py``: atomic output replacement and scaffolding.

Kept apart from the invoke task definitions so they can be tested directly.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SECTIONS = ("news", "events", "pages")


def fresh_output_dir(output: Path) -> Path:
    """A new empty folder beside ``output`` to build into."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{output.name}.build-", dir=output.parent))


def replace_output(new: Path, output: Path) -> None:
    """Swap ``new`` in as ``output`` with renames, so a site is always there.

    The old output is renamed aside first and deleted last; a reader of
    ``output`` sees either the old or the new site, never a half-written one.
    """
    old = None
    if output.exists():
        old = output.with_name(f"{output.name}.old-{os.getpid()}")
        output.rename(old)
    new.rename(output)
    # World-readable, for web servers and link checkers that drop privileges.
    for path in [output, *output.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def scaffold(
    content: Path, section: str, key: str, now: datetime | None = None
) -> list[Path]:
    """Create the German and English files of a new item with its front matter.

    Refuses to overwrite: an existing file is more valuable than a template.
    """
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {', '.join(SECTIONS)}")
    now = now or datetime.now(ZoneInfo("Europe/Berlin"))
    stamp = now.strftime("%Y-%m-%d %H:%M")
    folder = content / section
    if section == "news":
        folder = folder / now.strftime("%Y")
    titles = {"de": "Neuer Titel", "en": "New title"}
    paths = []
    for lang in ("de", "en"):
        path = folder / f"{key}.{lang}.md"
        if path.exists():
            raise FileExistsError(f"{path} exists already")
        fields = [f'title: "{titles[lang]}"']
        if section == "news":
            fields += [f"date: {stamp}", "summary: ", "tags: []", "status: draft"]
        elif section == "events":
            fields += [
                f"start: {stamp}",
                "location:",
                "  name: The Bay Areas e.V.",
                "  address: Im Brauereiviertel 5",
                "  city: Kiel",
                "status: draft",
            ]
        else:
            fields += ["summary: ", "status: draft"]
        fields.insert(1, "# slug: url-segment-in-this-language (optional)")
        body = "Text in Markdown."
        paths.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "---\n" + "\n".join(fields) + "\n---\n\n" + body + "\n", "utf-8"
        )
    return paths
