"""The site's own settings, read once from Pelican's into a frozen dataclass.

Every setting has a default here, so ``pelicanconf.py`` lists only what differs;
a setting with the wrong shape is an error naming its key, not a KeyError deep
inside a template. The languages, the site-wide URL patterns and the sections
(declared in ``sitecore.sections``; ``SECTIONS`` adds sections or changes
their fields) are read in ``declared.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from sitecore.dates import get_zone
from sitecore.readall import default_workers
from sitecore.report import Changes, ReportLine, translation_report
from sitecore.sections import Section

from .declared import SettingsError, read_languages, read_sections, read_urls

#: Where the site is served, as far as redirects care (``REDIRECTS_HOST``).
REDIRECT_HOSTS = ("github-pages", "netlify", "cloudflare")


@dataclass(frozen=True)
class SiteSettings:
    """What the plugins need from the settings, checked and with defaults."""

    site_name: str
    site_url: str
    languages: tuple[str, ...]
    default_lang: str
    timezone: str
    content_path: str
    theme_path: str
    output_path: str
    urls: Mapping[str, Mapping[str, str]]
    now: datetime
    sections: Mapping[str, Section] = field(default_factory=dict)
    strict: bool = False
    show_drafts: bool = False
    newsletter_action: str = ""
    newsletter_email_field: str = "email"
    contact_action: str = ""  # where the contact form posts; "" hides the form
    contact_email: str = ""  # shown instead of the form while it has no target
    privacy_page: str = "privacy"  # key of the page the forms' privacy notes link
    founded: str = ""  # founding date (YYYY, YYYY-MM or YYYY-MM-DD), structured data
    footer_pages: tuple[str, ...] = ("imprint", "privacy")
    address: Mapping[str, str] = field(default_factory=dict)
    workers: int = 1
    cache_path: str = ""  # CACHE_PATH: the folder of all caches (see cache_path)
    content_cache: bool = True
    redirects_host: str = "github-pages"  # how /_redirects is written: REDIRECT_HOSTS
    search_index: bool = True  # SEARCH_INDEX: index the written site for search
    #: REQUIRED_LANGUAGES: the languages every member and person file must
    #: have its texts in; the other site languages show the default one's.
    required_languages: tuple[str, ...] = ()

    def url(self, lang: str, name: str, **values: str | int) -> str:
        """Site-relative URL (``de/schlagwort/x/``) of a named site-wide pattern."""
        return self.urls[lang][name].format(**values)

    def href(self, url: str) -> str:
        """Link target for a site-relative URL, respecting a SITEURL path."""
        prefix = urlsplit(self.site_url).path.rstrip("/")
        return f"{prefix}/{url}"

    def absolute(self, url: str) -> str:
        """Absolute URL for canonical links, feeds and the sitemap."""
        return f"{self.site_url.rstrip('/')}/{url}"

    def paginated(self, lang: str, base: str, number: int) -> str:
        """URL of page ``number`` of a list whose first page is ``base``."""
        if number == 1:
            return base
        return base + self.url(lang, "page_number", number=number)

    @property
    def page_patterns(self) -> dict[str, dict[str, str]]:
        """Every URL pattern of the site by language: site-wide and per section.

        A section's list is named after the section (``news``), its items
        ``news_item``, its year archive ``news_year``; the checks and browser
        tests use them to find one page of every type.
        """
        result = {}
        for lang in self.languages:
            patterns = dict(self.urls[lang])
            for name, section in self.sections.items():
                if section.has_list:
                    patterns[name] = section.list_url(lang)
                    if section.archive:
                        patterns[f"{name}_year"] = section.list_url(lang) + "{year}/"
                if section.has_items:
                    patterns[f"{name}_item"] = section.pattern(section.item_urls, lang)
                if section.has_feed:
                    patterns[f"{name}_feed"] = section.feed_url(lang)
            result[lang] = patterns
        return result

    @property
    def form_actions(self) -> tuple[str, ...]:
        """The other sites the site's forms post to (newsletter, contact form)."""
        actions = (self.newsletter_action, self.contact_action)
        return tuple(
            action
            for action in actions
            if urlsplit(action).scheme in ("http", "https") and urlsplit(action).netloc
        )

    @property
    def content_security_policy(self) -> str:
        """The policy every page carries: nothing but the site's own files runs."""
        return self.policy()

    def policy(self, *, webassembly: bool = False) -> str:
        """A page's Content-Security-Policy.

        Forms may post only to the site and the configured form targets (the
        newsletter service, the contact form); a ``<base>`` or a plug-in cannot
        be smuggled in. ``webassembly`` adds ``'wasm-unsafe-eval'`` to
        ``script-src`` for the one kind of page that needs it, the search page:
        its index is searched by WebAssembly, which browsers compile only with
        that keyword. It still allows no ``eval`` of script text and no
        inline script.
        """
        targets = ["'self'"]
        for action in self.form_actions:
            parts = urlsplit(action)
            targets.append(f"{parts.scheme}://{parts.netloc}")
        scripts = "script-src 'self'" + (" 'wasm-unsafe-eval'" if webassembly else "")
        return "; ".join(
            [
                "default-src 'self'",
                scripts,
                "style-src 'self'",
                "img-src 'self'",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action " + " ".join(dict.fromkeys(targets)),
            ]
        )

    def other_languages(self, lang: str) -> tuple[str, ...]:
        return tuple(code for code in self.languages if code != lang)

    def cache_folder(self, name: str) -> str:
        """The folder of one cache (``content``, ``imaging`` …) under CACHE_PATH."""
        return os.path.join(self.cache_path, name) if self.cache_path else ""

    def translation_report(
        self, changed: Callable[[list[str]], Mapping[str, Changes]] | None = None
    ) -> list[ReportLine]:
        """This site's translation report (``invoke report``, the preview's page).

        ``changed`` reads the files' history (default: git's); see
        :func:`sitecore.report.translation_report`.
        """
        return translation_report(
            self.content_path,
            self.sections.values(),
            self.languages,
            changed,
            fallback=self.default_lang,
            required=self.required_languages,
        )


def _require(settings: Mapping[str, Any], key: str, kind: type) -> Any:
    value = settings.get(key)
    if not isinstance(value, kind):
        raise SettingsError(f"setting {key} must be a {kind.__name__}, not {value!r}")
    return value


def _now(settings: Mapping[str, Any]) -> datetime:
    """The build's "now": decides what is upcoming and what is due.

    Tests and previews set BUILD_NOW (or the SITE_BUILD_NOW environment
    variable, ISO 8601) to build the site as of another day.
    """
    value = settings.get("BUILD_NOW") or os.environ.get("SITE_BUILD_NOW")
    if not value:
        return datetime.now(UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise SettingsError(
                f"BUILD_NOW '{value}' is not an ISO 8601 date"
            ) from None
    if not isinstance(value, datetime):
        raise SettingsError("setting BUILD_NOW must be a datetime or ISO 8601 text")
    if value.tzinfo is None:
        value = value.replace(tzinfo=get_zone(settings.get("TIMEZONE") or "UTC"))
    return value


def read_settings(settings: Mapping[str, Any]) -> SiteSettings:
    """Build :class:`SiteSettings` from Pelican's settings dict."""
    languages = read_languages(settings)
    default_lang = _require(settings, "DEFAULT_LANG", str)
    if default_lang not in languages:
        raise SettingsError(f"DEFAULT_LANG '{default_lang}' is not in SITE_LANGUAGES")
    timezone = settings.get("TIMEZONE") or "Europe/Berlin"
    try:
        get_zone(timezone)
    except ValueError as exc:
        raise SettingsError(f"setting TIMEZONE: {exc}") from None
    workers = settings.get("READ_WORKERS") or default_workers()
    if not isinstance(workers, int) or workers < 1:
        raise SettingsError("setting READ_WORKERS must be a whole number of at least 1")
    return SiteSettings(
        site_name=_require(settings, "SITENAME", str),
        site_url=str(settings.get("SITEURL") or ""),
        languages=languages,
        default_lang=default_lang,
        timezone=timezone,
        content_path=_require(settings, "PATH", str),
        theme_path=_require(settings, "THEME", str),
        output_path=_require(settings, "OUTPUT_PATH", str),
        urls=MappingProxyType(read_urls(settings, languages)),
        sections=read_sections(settings, languages),
        now=_now(settings),
        strict=bool(settings.get("STRICT_BUILD", False)),
        show_drafts=bool(settings.get("SHOW_DRAFTS", False)),
        newsletter_action=str(settings.get("NEWSLETTER_ACTION") or ""),
        newsletter_email_field=str(settings.get("NEWSLETTER_EMAIL_FIELD") or "email"),
        contact_action=_form_action(settings, "CONTACT_ACTION"),
        contact_email=_email(settings, "CONTACT_EMAIL"),
        privacy_page=str(settings.get("PRIVACY_PAGE") or "privacy"),
        founded=_founded(settings),
        footer_pages=tuple(settings.get("FOOTER_PAGES", ("imprint", "privacy"))),
        address=_address(settings),
        workers=workers,
        cache_path=cache_path(settings),
        content_cache=_content_cache(settings),
        redirects_host=_redirects_host(settings),
        search_index=bool(settings.get("SEARCH_INDEX", True)),
        required_languages=_required_languages(settings, languages, default_lang),
    )


def _redirects_host(settings: Mapping[str, Any]) -> str:
    """REDIRECTS_HOST: the host whose ``_redirects`` rules must fire."""
    value = settings.get("REDIRECTS_HOST") or REDIRECT_HOSTS[0]
    if value not in REDIRECT_HOSTS:
        raise SettingsError(
            f"setting REDIRECTS_HOST must be one of {', '.join(REDIRECT_HOSTS)}, "
            f"not {value!r}"
        )
    return value


#: The languages of the content contract: member and person files have both.
CONTRACT_LANGUAGES = ("de", "en")


def _required_languages(
    settings: Mapping[str, Any], languages: tuple[str, ...], default_lang: str
) -> tuple[str, ...]:
    """REQUIRED_LANGUAGES: the texts every member and person file must have.

    By default the contract's German and English (those the site has) and
    the default language; a language added later shows the default
    language's text where a file has none, until its texts are written.
    """
    value = settings.get("REQUIRED_LANGUAGES")
    if value is None:
        value = [lang for lang in CONTRACT_LANGUAGES if lang in languages]
    elif isinstance(value, str) or not all(lang in languages for lang in value):
        raise SettingsError(
            "setting REQUIRED_LANGUAGES must list languages of SITE_LANGUAGES, "
            "e.g. ('de', 'en')"
        )
    wanted = {default_lang, *value}
    return tuple(lang for lang in languages if lang in wanted)


#: Where caches go unless CACHE_PATH says otherwise (as pelicanconf.py does).
DEFAULT_CACHE_PATH = ".cache"


def cache_path(settings: Mapping[str, Any]) -> str:
    """CACHE_PATH: the folder of every cache (content, templates, pictures)."""
    return str(settings.get("CACHE_PATH") or DEFAULT_CACHE_PATH)


def _address(settings: Mapping[str, Any]) -> Mapping[str, str]:
    """SITE_ADDRESS: where the association is (structured data, new events)."""
    value = settings.get("SITE_ADDRESS") or {}
    allowed = {"name", "address", "city", "country"}
    if not isinstance(value, Mapping) or not set(value) <= allowed:
        raise SettingsError(
            "setting SITE_ADDRESS must map name, address, city and country to text"
        )
    return MappingProxyType({k: str(v) for k, v in value.items()})


def _form_action(settings: Mapping[str, Any], key: str) -> str:
    """A form target: an http(s) address, or a path on this site."""
    value = settings.get(key) or ""
    if not isinstance(value, str):
        raise SettingsError(f"setting {key} must be text, not {value!r}")
    parts = urlsplit(value.strip())
    if value and not (
        (parts.scheme in ("http", "https") and parts.netloc)
        or (not parts.scheme and not parts.netloc and value.startswith("/"))
    ):
        raise SettingsError(
            f"setting {key} must be an https:// address or a path starting with '/'"
        )
    return value.strip()


def _email(settings: Mapping[str, Any], key: str) -> str:
    """An e-mail address (one ``@``, no spaces), or empty."""
    value = settings.get(key) or ""
    if not isinstance(value, str) or (
        value and (value.count("@") != 1 or any(c.isspace() for c in value))
    ):
        raise SettingsError(f"setting {key} must be an e-mail address, not {value!r}")
    return value


def _founded(settings: Mapping[str, Any]) -> str:
    """SITE_FOUNDED: YYYY, YYYY-MM or YYYY-MM-DD (schema.org foundingDate)."""
    from sitecore.fields import partial_date

    value = settings.get("SITE_FOUNDED") or ""
    if not value:
        return ""
    try:
        return partial_date(str(value)).iso
    except ValueError as exc:
        raise SettingsError(f"setting SITE_FOUNDED: {exc}") from None


def load(conf: str, **overrides: Any) -> SiteSettings:
    """The site settings of a settings file (``pelicanconf.py``), for tasks."""
    from pelican.settings import read_settings as read_pelican_settings

    return read_settings(read_pelican_settings(conf, override=overrides or None))


def _content_cache(settings: Mapping[str, Any]) -> bool:
    """CONTENT_CACHE on (the default) keeps read results under CACHE_PATH/content.

    The environment variable SITE_CONTENT_CACHE=0 switches it off, so
    benchmarks can measure full builds.
    """
    if os.environ.get("SITE_CONTENT_CACHE") == "0":
        return False
    return bool(settings.get("CONTENT_CACHE", True))
