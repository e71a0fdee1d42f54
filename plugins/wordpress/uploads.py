"""The old site's uploads folder, and carrying a planned import out.

``--uploads`` names the folder WordPress keeps pictures in
(``wp-content/uploads``), but an FTP download or a hosting backup gives the
folder around it; the import looks one and two levels down for it, and says
which folder it used. The folder is untrusted like the export: only regular
files whose real path lies inside it are read, so a symbolic link cannot
bring a file from elsewhere into ``content/``. The others are listed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from sitecore.i18n import M, Message

from .importer import Plan
from .writer import copy_new, write_new

#: Where the uploads are below a folder someone may give instead.
NESTED = (("wp-content", "uploads"), ("uploads",))
_YEAR = re.compile(r"^(19|20)\d\d$")


def uploads_folder(folder: Path) -> tuple[Path, Message | None]:
    """The uploads folder at or below ``folder``, and a note if it was below."""
    if folder.name != "uploads" or not _has_years(folder):
        for parts in NESTED:
            candidate = folder.joinpath(*parts)
            if candidate.is_dir():
                return candidate, M(
                    "pictures are taken from {folder}, the uploads folder inside "
                    "the folder given",
                    folder=str(candidate),
                )
    return folder, None


def _has_years(folder: Path) -> bool:
    return any(_YEAR.match(child.name) for child in folder.iterdir() if child.is_dir())


def level_hint(folder: Path) -> Message | None:
    """A hint when ``folder`` does not look like an uploads folder at all."""
    if _has_years(folder):
        return None
    if _YEAR.match(folder.name) or re.match(r"^\d\d$", folder.name):
        return M(
            "{folder} looks like one year or month of the uploads folder; give "
            "the uploads folder itself (the one that holds the years)",
            folder=str(folder),
        )
    return M(
        "{folder} holds no year folders (2017/, 2018/ …) as WordPress's uploads "
        "folder does; give wp-content/uploads, or the folder that contains it",
        folder=str(folder),
    )


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a regular file whose real path lies inside ``root``."""
    try:
        real = path.resolve(strict=True)
        mode = os.stat(real).st_mode
    except (OSError, RuntimeError):
        return False
    return real.is_relative_to(root) and stat.S_ISREG(mode)


def list_uploads(folder: Path) -> tuple[list[str], list[str]]:
    """Files below ``folder`` as POSIX paths relative to it: (usable, refused).

    Refused are symbolic links leading out of the folder (or nowhere), links
    to folders, and anything that is not a regular file.
    """
    root = folder.resolve()
    found: list[str] = []
    refused: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in [d for d in dirnames if Path(dirpath, d).is_symlink()]:
            refused.append(Path(dirpath, name).relative_to(folder).as_posix() + "/")
        for name in sorted(filenames):
            path = Path(dirpath, name)
            relpath = path.relative_to(folder).as_posix()
            (found if _inside(path, root) else refused).append(relpath)
    return found, sorted(refused)


def apply_plan(
    plan: Plan, content: Path, uploads: Path | None, dry_run: bool = False
) -> None:
    """Create the plan's files and copy its pictures, never replacing a file.

    Outcomes are recorded on the plan; with ``dry_run`` nothing is written and
    new files are marked "would be written". A picture is checked again just
    before it is copied, so a link swapped in meanwhile is refused too.
    """
    for file in plan.files:
        file.outcome = write_new(content, file.relpath, file.text, dry_run)
    if uploads is None:  # no copies are planned without an uploads folder
        return
    root = uploads.resolve()
    for target, source in sorted(plan.copies.items()):
        if not _inside(uploads / source, root):
            plan.refused_uploads.append(source)
            continue
        plan.copy_outcomes[target] = copy_new(
            uploads / source, content, target, dry_run
        )
