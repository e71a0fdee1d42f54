"""Bounds on what one content file may cost a build, and invisible characters.

Editors' files are untrusted input: a pasted 50 MB table, a line of 40 000
unclosed ``[`` or a YAML alias bomb must give the editor a message, never a
build that hangs or runs out of memory. The limits live here, in one place,
so the editor guide and the code cannot disagree about them.

Text pasted from word processors and PDFs brings control characters nobody
can see (form feeds, NUL, the C1 range); they break feeds and validators and
have no business in a web page, so they are removed with a warning naming
the line.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Markdown body of one file, in UTF-8 bytes.
MAX_MARKDOWN_BYTES = 512 * 1024
#: Front matter, or one YAML file (a member, a person), in UTF-8 bytes.
MAX_YAML_BYTES = 128 * 1024
#: Mappings and lists inside each other; the contract needs three levels.
MAX_YAML_DEPTH = 20
#: Converting one Markdown body to HTML, in seconds, at the most.
CONVERT_SECONDS = 10.0
#: Lists, quotes and HTML elements inside each other; editors use a few.
MAX_NESTING = 40
#: What converting a text may take without touching the build's budget:
#: a start plus its size at a fifth of the usual speed (about 450 KB/s).
FREE_SECONDS = 0.25
FREE_BYTES_PER_SECOND = 100 * 1024
#: Seconds beyond that the whole build may spend on slow texts, shared out
#: among the texts still to convert: a dozen hostile files cost seconds,
#: not the ten seconds each that one file alone may take.
BUILD_SLOW_SECONDS = 20.0
#: URL segments: slugs, heading ids and keys.
MAX_SLUG_LENGTH = 80
MAX_KEY_LENGTH = 80
#: One tag (or other list entry) of front matter.
MAX_TAG_LENGTH = 60

#: C0 controls except tab, line feed and carriage return; DEL; the C1 range.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class TimeLimitError(Exception):
    """Work inside :func:`time_limit` ran longer than allowed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} seconds")
        self.seconds = seconds


class SlowBudget:
    """What one build may still spend converting slow texts, in seconds.

    Made once per build; each round of reading shares what is left among the
    files it converts and pays what they took beyond their expected time.
    """

    def __init__(self, seconds: float | None = None) -> None:
        self.left = BUILD_SLOW_SECONDS if seconds is None else seconds

    def share(self, files: int) -> float:
        """Each of ``files``' part of what is left."""
        return max(self.left, 0.0) / max(files, 1)

    def pay(self, seconds: float) -> None:
        self.left -= seconds


def expected_seconds(size: int) -> float:
    """What converting ``size`` bytes of ordinary Markdown may take, generously."""
    return FREE_SECONDS + size / FREE_BYTES_PER_SECOND


def allotted_seconds(size: int, extra: float) -> float:
    """The time limit of one text: its expected time plus its share of the budget."""
    return min(CONVERT_SECONDS, expected_seconds(size) + max(extra, 0.0))


def byte_size(text: str) -> int:
    """Size of ``text`` in UTF-8, as the limits count it."""
    return len(text.encode("utf-8", "surrogatepass"))


def kilobytes(size: int) -> str:
    """A size for editors: "700 KB", rounded up so 512 KB + 1 byte is "513 KB"."""
    return f"{-(-size // 1024)} KB"


def strip_control_characters(text: str) -> tuple[str, list[int]]:
    """Remove invisible control characters; return the text and their lines.

    Tab, line feed and carriage return stay (they are layout). Lines are
    1-based within ``text``; each line is listed once, in order. Removing a
    character never joins or splits lines, so line numbers found later in the
    cleaned text still name the editor's lines.
    """
    if _CONTROL.search(text) is None:  # the usual case: one fast scan
        return text, []
    lines: list[int] = []
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if not lines or lines[-1] != line:
            lines.append(line)
    return _CONTROL.sub("", text), lines


def first_control_character(text: str) -> tuple[int, str] | None:
    """(1-based line, "U+000C") of the first control character in ``text``."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, f"U+{ord(match.group()):04X}"


def _alarm_available() -> bool:
    # Signals are delivered to the main thread only; builds run there, and so
    # do the worker processes' tasks (each worker's own main thread).
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitError` in the block after ``seconds``.

    Uses ``SIGALRM`` (``signal.setitimer``), which interrupts pure-Python
    loops such as Markdown's inline patterns. Off the main thread, or where
    the platform has no interval timers, the block runs without a limit. An
    interval timer that was already running (an outer ``time_limit``) is
    restored afterwards with the time it had left.
    """
    if seconds <= 0 or not _alarm_available():
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise TimeLimitError(seconds)

    previous_handler = signal.signal(signal.SIGALRM, expired)
    outer_left, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        left, _interval = signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_left > 0:
            used = seconds - left
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - used, 1e-3))
