"""Old WordPress addresses as ``aliases`` the build accepts.

Permalinks in an export are written however the old site stored them:
percent-encoded in lower case (``/greek/%ce%b5…/``), encoded twice by a
plugin or a proxy (``%252e%252e``), with a doubled slash after the host
(``https://example.org//greek/…``). A browser decodes an address before it
asks for it, and so does the build, so the import does the same: it decodes
until nothing changes, collapses repeated slashes, writes what is left
percent-encoded the way the site writes ``/_redirects`` (upper-case UTF-8
escapes), and keeps it only if the build's own check
(:func:`sitecore.fields.alias_path`) accepts it both as written and decoded.
What it drops, it says why.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from sitecore.fields import alias_path
from sitecore.i18n import M, Message, message_of

#: Characters written as they are; everything else is percent-encoded.
SAFE = "/:@!$&'()*+,;=-._~"
#: Enough rounds for any real encoding; more means the address is made up.
DECODE_ROUNDS = 8
_SLASHES = re.compile(r"/{2,}")


def decode(text: str) -> str:
    """``text`` percent-decoded until stable (at most :data:`DECODE_ROUNDS` times)."""
    for _ in range(DECODE_ROUNDS):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def site_path(path: str) -> str:
    """A decoded, slash-collapsed path, encoded as the site writes addresses.

    Folders get their closing slash (``/satzung`` → ``/satzung/``); a path
    whose last segment has a dot (``/archiv/alt.html``) is a file and keeps
    its name.
    """
    path = _SLASHES.sub("/", "/" + decode(path).strip())
    last = path.rsplit("/", 1)[-1]
    if last and "." not in last:
        path += "/"
    return quote(path, safe=SAFE)


def old_address(link: str) -> tuple[str, Message | str | None]:
    """The alias for the permalink ``link``, or '' and why it cannot be one.

    Permalinks with a query string (``/?p=12``) give '' without a reason:
    the report lists them apart, as no static host can redirect them.
    """
    parts = urlsplit(link.strip())
    if parts.query or not parts.path or parts.path == "/":
        return "", None
    alias = site_path(parts.path)
    try:
        # As written and as a browser (and the build) reads it.
        alias_path(alias)
        alias_path(decode(alias))
    except ValueError as exc:
        return "", M(
            "old address {address} cannot become a redirect: {why}",
            address=alias,
            why=message_of(exc),
        )
    return alias, None


def same_address(alias: str) -> str:
    """An alias as written in a file, in the form :func:`old_address` gives."""
    return site_path(alias) if alias.startswith("/") else alias
