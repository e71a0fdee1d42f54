"""E-mail addresses on public pages, in a form that address harvesters miss.

Most harvesting is done by programs that search the raw HTML of pages for
``name@host.tld`` or ``mailto:``. Writing every character of the address (and
of ``mailto:``) as a numeric character reference (``&#64;`` for ``@``) takes
the address out of the raw text, while the browser decodes it before anyone
sees or hears it: visitors read, copy and click an ordinary address, screen
readers announce it as one word, the link works without JavaScript, and
accessibility checkers see a normal link with a name.

The alternatives cost visitors more: addresses split with hidden decoy
``<span>`` elements are read out or copied with the decoys, reversed text
(CSS ``direction``) breaks copying, "name [at] host" must be retyped, and
addresses written by a script are missing without JavaScript. A harvester
that decodes HTML, as a browser does, still finds the address; this is a
filter against bulk collection, not a secret, which is why addresses are
published only with the person's consent.
"""

from __future__ import annotations

from html import escape


def encode_characters(text: str) -> str:
    """Every character of ``text`` as a decimal character reference."""
    return "".join(f"&#{ord(char)};" for char in text)


def email_link(address: str, css_class: str = "email") -> str:
    """A working ``mailto:`` link to ``address``, shown as the address.

    Both the link target and the text are character references only, so
    neither ``@`` nor ``mailto:`` appears in the page's source.
    """
    href = encode_characters("mailto:" + address)
    text = encode_characters(address)
    return f'<a class="{escape(css_class)}" href="{href}">{text}</a>'


def phone_href(number: str) -> str:
    """The ``tel:`` URL of a number as written: ``+49 431 0`` → ``tel:+494310``."""
    kept = "".join(c for c in number if c.isdigit() or c == "+")
    return "tel:" + kept
