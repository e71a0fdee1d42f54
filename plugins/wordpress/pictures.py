"""Find an item's pictures in the old site's ``wp-content/uploads`` folder.

WordPress keeps the uploaded original (``name.jpg``) and makes sized copies
beside it (``name-300x200.jpg``; since 5.3 also ``name-scaled.jpg`` for very
large uploads). Posts usually show a sized copy, so the finder goes back to
the original when it is there, else takes the largest copy. Pictures are
copied to ``content/images/<yyyy>/<mm>/`` (the uploads layout), under
lower-case ASCII names as the editor guide asks.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

from sitecore.i18n import M, Message
from sitecore.slugs import slugify

from .wxr import Item, plain_text

UPLOADS_MARKER = "/wp-content/uploads/"
PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"})
ALT_META = "_wp_attachment_image_alt"
FILE_META = "_wp_attached_file"
_SIZED = re.compile(r"^(?P<stem>.+?)-(?P<width>\d+)x(?P<height>\d+)$")
_SCALED = "-scaled"


def uploads_relpath(url: str, hosts: frozenset[str]) -> str | None:
    """The path below ``wp-content/uploads/`` of a picture on the old site.

    None for other websites, other folders, and paths that try to leave the
    uploads folder (``..``): the export is untrusted input.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("", "http", "https"):
        return None
    host = (parts.hostname or "").lower()
    if host and host not in hosts:
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = "/" + path
    index = path.find(UPLOADS_MARKER)
    if index < 0:
        return None
    return _confined(path[index + len(UPLOADS_MARKER) :])


def _confined(relpath: str) -> str | None:
    segments = relpath.split("/")
    if any(s in ("", ".", "..") or "\\" in s for s in segments):
        return None
    return relpath


def split_size(relpath: str) -> tuple[str, str, str, int]:
    """(folder, original stem, suffix, area) of an uploads path.

    ``2017/02/signing-300x200.jpg`` → ``("2017/02", "signing", ".jpg", 60000)``;
    originals and ``-scaled`` copies have area 0 (unknown, but the largest).
    """
    folder, name = posixpath.split(relpath)
    stem, suffix = posixpath.splitext(name)
    match = _SIZED.match(stem)
    if match:
        area = int(match["width"]) * int(match["height"])
        return folder, match["stem"], suffix, area
    return folder, stem.removesuffix(_SCALED), suffix, 0


class Uploads:
    """The files of an uploads folder, and where each goes under ``images/``."""

    def __init__(self, files: Iterable[str]) -> None:
        self.files = frozenset(files)
        self._copies: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
        for relpath in self.files:
            folder, stem, suffix, area = split_size(relpath)
            self._copies.setdefault((folder, stem, suffix.lower()), []).append(
                (area, relpath)
            )
        self._targets: dict[str, str] = {}
        taken: set[str] = set()
        for relpath in sorted(self.files):
            folder, name = posixpath.split(relpath)
            stem, suffix = posixpath.splitext(name)
            base = posixpath.join(
                "images", *(slugify(s) or "x" for s in folder.split("/") if s)
            )
            if base == "images":
                base = "images/uploads"
            stem = slugify(stem) or "picture"
            target, number = f"{base}/{stem}{suffix.lower()}", 1
            while target in taken:
                number += 1
                target = f"{base}/{stem}-{number}{suffix.lower()}"
            taken.add(target)
            self._targets[relpath] = target

    def best(self, relpath: str) -> str | None:
        """The original of ``relpath`` if present, else its largest copy."""
        folder, stem, suffix, _ = split_size(relpath)
        for name in (f"{stem}{suffix}", f"{stem}{_SCALED}{suffix}"):
            candidate = posixpath.join(folder, name)
            if candidate in self.files:
                return candidate
        copies = self._copies.get((folder, stem, suffix.lower()))
        if not copies:
            return None
        return max(copies)[1]

    def target(self, relpath: str) -> str:
        """The content-relative path a file of the uploads folder is copied to."""
        return self._targets[relpath]


@dataclass(frozen=True)
class Picture:
    """A picture an item shows, and where it comes from and goes to."""

    url: str  # as written in the export
    source: str | None = None  # uploads-relative file to copy
    target: str | None = None  # content-relative, e.g. images/2017/02/x.jpg
    alt: str = ""  # the attachment's alt text, if any
    problem: str | Message = ""  # why the picture cannot be used, if it cannot
    caption: str = ""  # the attachment's caption, else its title: an alt to check


def _file_name_like(title: str, url: str) -> bool:
    """Whether an attachment's title is only its file name (WordPress's default)."""

    def bare(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", text.lower())

    if "/" in title or posixpath.splitext(title)[1].lower() in PICTURE_SUFFIXES:
        return True
    stem = split_size(posixpath.basename(urlsplit(url).path))[1]
    return bare(title) in (bare(stem), bare(unquote(stem)))


class PictureFinder:
    """Resolves picture URLs and attachment ids against the uploads folder."""

    def __init__(
        self,
        uploads: Uploads | None,
        attachments: Mapping[int, Item],
        hosts: frozenset[str],
    ) -> None:
        self.uploads = uploads
        self.attachments = attachments
        self.hosts = hosts
        self._by_file: dict[tuple[str, str, str], Item] = {}
        for item in attachments.values():
            relpath = item.meta_value(FILE_META) or uploads_relpath(
                item.attachment_url, hosts
            )
            if relpath:
                folder, stem, suffix, _ = split_size(relpath)
                self._by_file.setdefault((folder, stem, suffix.lower()), item)

    def attachment_for(self, url: str, attachment_id: int = 0) -> Item | None:
        """The attachment behind a picture, by id or by (any size of) its file."""
        if attachment_id in self.attachments:
            return self.attachments[attachment_id]
        relpath = uploads_relpath(url, self.hosts)
        if relpath is None:
            return None
        folder, stem, suffix, _ = split_size(relpath)
        return self._by_file.get((folder, stem, suffix.lower()))

    def find(self, url: str, attachment_id: int = 0) -> Picture:
        """Where the picture at ``url`` is in the uploads folder, if it is."""
        picture = self._find(url, attachment_id)
        attachment = self.attachment_for(url, attachment_id)
        if attachment is None:
            return picture
        caption = plain_text(attachment.excerpt)
        if not caption and not _file_name_like(plain_text(attachment.title), url):
            caption = plain_text(attachment.title)
        return replace(picture, caption=caption)

    def _find(self, url: str, attachment_id: int) -> Picture:
        attachment = self.attachment_for(url, attachment_id)
        alt = " ".join(attachment.meta_value(ALT_META).split()) if attachment else ""
        relpath = uploads_relpath(url, self.hosts) if url else None
        if relpath is None and attachment is not None:
            relpath = _confined(attachment.meta_value(FILE_META)) or uploads_relpath(
                attachment.attachment_url, self.hosts
            )
        if relpath is None:
            host = (urlsplit(url).hostname or "").lower()
            if host and host not in self.hosts:
                why = M("it is on another website; save a copy in content/images/")
            else:
                why = M("it is not in the old site's uploads folder")
            return Picture(url, alt=alt, problem=why)
        if posixpath.splitext(relpath)[1].lower() not in PICTURE_SUFFIXES:
            return Picture(
                url, alt=alt, problem=M("not a JPEG, PNG, WebP, AVIF or GIF picture")
            )
        if self.uploads is None:
            return Picture(
                url, alt=alt, problem=M("no uploads folder given (--uploads)")
            )
        source = self.uploads.best(relpath)
        if source is None:
            return Picture(
                url,
                alt=alt,
                problem=M("wp-content/uploads/{file} is not there", file=relpath),
            )
        return Picture(url, source, self.uploads.target(source), alt)
