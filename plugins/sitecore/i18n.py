"""Marking strings for translation.

Every string a visitor or an editor reads is a gettext message id. Code that
defines such strings ahead of their use (labels, vocabularies, messages) marks
them with :func:`N_` so ``invoke i18n.extract`` finds them; they are
translated where they are shown, in the language of the page or the editor.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext marker's usual name
    """Mark ``message`` for extraction; it is translated where it is used."""
    return message
