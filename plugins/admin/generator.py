"""The Pelican adapter: write ``/admin/`` — page, configuration, bundle.

The interface's bundle comes from ``node_modules/`` (``npm ci`` of the
project's lockfile, which ``scripts/bootstrap`` runs); a build on a machine
without it leaves ``/admin/`` out and says so, rather than publishing a page
that cannot load.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from bilingual.build import editor_translation
from bilingual.generator import SiteGenerator
from bilingual.settings import SettingsError
from sitecore.i18n import M_, M

from .config import cms_config, config_yaml
from .page import BUNDLE_SCRIPT, SITE_SCRIPT, admin_page, admin_policy
from .settings import AdminSettings, read_admin_settings

logger = logging.getLogger(__name__)

FOLDER = "admin/"
TITLE = M_("Editing")
NEEDS_JAVASCRIPT = M_("The editing interface needs JavaScript.")
STATIC = Path(__file__).resolve().parent / "static"


def bundle_files(bundle: Path) -> list[Path]:
    """The files of the built interface the page loads (no source maps)."""
    return sorted(
        path
        for path in bundle.iterdir()
        if path.name == BUNDLE_SCRIPT
        or path.name.endswith(".decap-cms.js")
        or path.suffix == ".wasm"
        or path.name.endswith(".LICENSE.txt")
    )


class AdminGenerator(SiteGenerator):
    """Writes the editing interface; plans no page of the site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # /admin/ is the editing interface's whole, in every build (also one
        # that leaves it out), so an address there is never content's.
        self.state.claim_tree(FOLDER, M("the editing interface"))

    def plan(self) -> None:
        """Write the page, the generated configuration, our script and the bundle."""
        admin = read_admin_settings(self.settings, self.site.default_lang)
        if not admin.enabled:
            return
        if admin.lang not in self.site.languages:
            raise SettingsError(
                f"setting ADMIN_LANG '{admin.lang}' is not in SITE_LANGUAGES"
            )
        if not admin.bundle_present:
            missing = M(
                "the editing interface is left out: {file} is missing; run "
                "`bash scripts/bootstrap setup` (npm ci) to install it",
                file=str(admin.bundle / BUNDLE_SCRIPT),
            )
            logger.warning("%s", missing.render(editor_translation(self.state)))
            return
        output = self.state.output
        config = self.config(admin)
        output.write_lazy(
            FOLDER + "config.yml",
            self.state.fingerprint(config),
            lambda: config_yaml(config),
        )
        output.write(FOLDER + "index.html", self.page(admin))
        output.copy(FOLDER + SITE_SCRIPT, str(STATIC / SITE_SCRIPT))
        for path in bundle_files(admin.bundle):
            output.copy(FOLDER + path.name, os.fspath(path))

    def translate(self, admin: AdminSettings):
        """The editors' catalog of the interface's language (hints, messages)."""
        catalog = self.state.session.editor_catalogs(self.site)[admin.lang]
        return catalog.gettext

    def member_choices(self, lang: str) -> list[tuple[str, str]]:
        """(key, name) of every member this build knows, by key."""
        entries = self.state.entries("members", lang)
        return sorted((entry.key, entry.title) for entry in entries)

    def config(self, admin: AdminSettings) -> dict:
        site = self.site
        return cms_config(
            sections=list(site.sections.values()),
            languages=site.languages,
            default_lang=site.default_lang,
            timezone=site.timezone,
            site_url=site.site_url,
            admin=admin,
            translate=self.translate(admin),
            member_choices=self.member_choices(admin.lang),
            required_languages=site.required_languages,
        )

    def page(self, admin: AdminSettings) -> str:
        site = self.site
        tr = self.translate(admin)
        assets = self.state.session.assets(site)
        markdown = tuple(
            name for name, section in site.sections.items() if not section.is_yaml
        )
        return admin_page(
            lang=admin.lang,
            title=f"{tr(TITLE)} – {site.site_name}",
            noscript=tr(NEEDS_JAVASCRIPT),
            policy=admin_policy(admin),
            stylesheet=site.href(assets.url("site.css")),
            default_lang=site.default_lang,
            markdown_collections=markdown,
            icon=site.href(assets.url("favicon.svg")),
        )
