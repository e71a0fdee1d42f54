"""Old addresses of the site, read as a browser reads them, and checked.

An alias (``aliases: [/2017/01/x/]``) becomes a file in the output folder, so
it is a path an editor chooses inside the build's own folder. It is read the
way a browser and a web server read an address: percent-encoding is decoded
(again and again, until nothing changes: ``%252e`` is ``%2e`` is ``.``), and
only then checked. What may pass is decided by an allowlist — letters,
digits and a few marks of punctuation in each segment — never by a list of
tricks: ``..`` and ``.``, empty segments, backslashes, control characters,
invalid or overlong UTF-8, and look-alikes of ``.`` and ``/`` from other
scripts (``․``, ``／``) all fail the same way. Whether the path names a file
the build writes itself is not decided here but by the output's claims
(``bilingual.output``): that list is complete, a list of names here would not be.
"""

from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import unquote_to_bytes

from .i18n import M_, M, Message

#: Characters of a segment besides letters and digits (RFC 3986 sub-delims
#: that are harmless in file names on every system the site is built on).
PUNCTUATION = frozenset("-._~!$&'()+,;=@")
#: Unicode categories of letters, marks and digits: "Grüße", "日本", "١٢".
LETTERS = ("L", "M", "N")
MAX_PATH_LENGTH = 300
#: Bytes of one segment: file systems allow 255.
MAX_SEGMENT_BYTES = 200
#: Percent-decoding rounds before a path counts as encoded on purpose.
MAX_DECODING_ROUNDS = 5

_EXAMPLE = "/2017/01/old-post/"
NOT_UTF8 = M_("its %-codes do not stand for UTF-8 text")
TOO_ENCODED = M_("it is percent-encoded again and again")
DOT_SEGMENT = M_("it has '.' or '..' as a folder, which would lead out of its folder")
EMPTY_SEGMENT = M_("it has an empty folder ('//')")
BACKSLASH = M_("it has a backslash")
CONTROL = M_("it has an invisible control character")
HIDDEN = M_(
    "a folder or file name starts with '.' or '_', which web servers treat as "
    "their own settings"
)
TOO_LONG = M_("it is longer than 300 characters")
LOOKALIKE = M_("it has characters that some systems read as '.' or '/'")


def decode_path(text: str) -> str:
    """``text`` percent-decoded until it no longer changes.

    Raises ValueError (a message for editors) for %-codes that are not UTF-8
    (overlong forms such as ``%c0%ae`` included) and for paths still encoded
    after :data:`MAX_DECODING_ROUNDS` rounds.
    """
    for _round in range(MAX_DECODING_ROUNDS):
        try:
            decoded = unquote_to_bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError(M(NOT_UTF8)) from None
        if decoded == text:
            return text
        text = decoded
    raise ValueError(M(TOO_ENCODED))


def _character_problem(char: str) -> str | None:
    if char.isascii():
        if char.isalnum() or char in PUNCTUATION:
            return None
        if char == "\\":
            return BACKSLASH
        if ord(char) < 32 or ord(char) == 127:
            return CONTROL
        return ""  # another mark: named in the message
    category = unicodedata.category(char)
    if category.startswith(LETTERS):
        return None
    if category.startswith("C"):
        return CONTROL
    return ""


def segment_problem(segment: str) -> Message | None:
    """Why ``segment`` (one decoded folder or file name) is not plain, or None."""
    if segment == "":
        return M(EMPTY_SEGMENT)
    if segment in (".", ".."):
        return M(DOT_SEGMENT)
    for char in segment:
        problem = _character_problem(char)
        if problem == "":
            return M(
                "'{char}' is not a character of a plain path; use letters, "
                "digits and '-'",
                char=char if char.isprintable() else f"U+{ord(char):04X}",
            )
        if problem is not None:
            return M(problem)
    if segment[0] in "._":
        return M(HIDDEN)
    if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
        return M(TOO_LONG)
    folded = unicodedata.normalize("NFKC", segment)
    if "/" in folded or "\\" in folded or folded.strip(".") == "":
        return M(LOOKALIKE)
    return None


def plain_site_path(text: str) -> str:
    """The decoded, normalised form of a site path such as ``/2017/01/x/``.

    ``text`` starts with ``/`` (the caller checks what else it needs: no host,
    no query). The result starts with a single ``/``, is NFC-normalised and
    ends with ``/`` unless its last segment names a file (``/satzung.html``).
    Raises ValueError with a message naming ``text`` and what is wrong.
    """
    problem: Message | None = None
    segments: list[str] = []
    try:
        decoded = unicodedata.normalize("NFC", decode_path(text))
    except ValueError as exc:
        problem, decoded = exc.args[0], ""
    if problem is None and len(decoded) > MAX_PATH_LENGTH:
        problem = M(TOO_LONG)
    if problem is None:
        segments = decoded[1:].split("/")
        if len(segments) > 1 and segments[-1] == "":
            segments.pop()  # the closing "/" of a folder
        for segment in segments:
            problem = segment_problem(segment)
            if problem is not None:
                break
    if problem is not None:
        raise ValueError(
            M(
                "'{text}' is not a plain path of this site: {problem}; write it "
                "like {example}",
                text=text,
                problem=problem,
                example=_EXAMPLE,
            )
        )
    joined = "/" + "/".join(segments)
    folder = decoded.endswith("/") or "." not in segments[-1]
    return posixpath.normpath(joined) + ("/" if folder else "")
