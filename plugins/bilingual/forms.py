"""Forms a standing page can carry (``form: contact`` in its front matter).

Editors write no HTML: the page names the form, the settings say where it
posts (``CONTACT_ACTION``), and the theme draws it with labels, required
fields and a privacy note. While no target is set the form is not shown; an
address in ``CONTACT_EMAIL`` is offered instead, in the harvest-resistant
form of :mod:`sitecore.email`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from sitecore.email import email_link

if TYPE_CHECKING:
    from .site import SiteState


@dataclass(frozen=True)
class ContactForm:
    """What the contact form of a page in one language needs."""

    action: str  # where it posts; "" shows the e-mail address instead
    email_html: str  # the mailto: link, or ""
    privacy_href: str  # the privacy page in this language (else another), or ""
    privacy_title: str

    @property
    def shown(self) -> bool:
        return bool(self.action or self.email_html)


def contact_form(state: SiteState, lang: str) -> ContactForm:
    """The contact form of ``lang``'s pages, from the settings."""
    settings = state.settings
    privacy = (
        state.find("pages", lang, [settings.privacy_page])
        or [
            entry
            for other in settings.other_languages(lang)
            for entry in state.find("pages", other, [settings.privacy_page])
        ][:1]
    )
    email = settings.contact_email if not settings.contact_action else ""
    return ContactForm(
        action=settings.contact_action,
        email_html=Markup(email_link(email)) if email else "",  # escaped there
        privacy_href=privacy[0].href if privacy else "",
        privacy_title=privacy[0].title if privacy else "",
    )
