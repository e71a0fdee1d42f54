"""The Pelican adapter: write ``/admin/`` — page, configuration, scripts, bundle.

The interface's bundle and the YAML library its formats use come from
``node_modules/`` (``npm ci`` of the project's lockfile, which
``scripts/bootstrap`` runs); a build on a machine without them leaves
``/admin/`` out and says so, rather than publishing a page that cannot load.
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
from sitecore.problems import ProblemLog
from sitecore.sources import scan_section

from .config import cms_config, config_yaml
from .page import BUNDLE_SCRIPT, admin_page, admin_policy, preview_page
from .settings import AdminSettings, read_admin_settings
from .sitedata import Item, site_data, site_json

logger = logging.getLogger(__name__)

FOLDER = "admin/"
TITLE = M_("Editing")
NEEDS_JAVASCRIPT = M_("The editing interface needs JavaScript.")
OPENING_PAGE = M_("Opening the entry's page …")
STATIC = Path(__file__).resolve().parent / "static"
#: Where the YAML library goes, for the interface's formats (``static/format.js``).
VENDOR_YAML = "vendor/yaml/"
#: The preview server's answer with the build's problems of a file.
PROBLEMS = "_preview/problems.json"


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


def static_files() -> list[Path]:
    """The site's own scripts and styles of the interface."""
    return sorted(p for p in STATIC.iterdir() if p.suffix in (".js", ".css"))


def yaml_files(library: Path) -> list[tuple[str, Path]]:
    """The YAML library's browser modules (and licence), by their path inside it."""
    dist = library / "browser" / "dist"
    files = [(p.relative_to(dist).as_posix(), p) for p in dist.rglob("*.js")]
    files.append(("LICENSE.txt", library / "LICENSE"))
    return sorted(files)


def picture_folders(content_path: str, content_dir: str) -> list[str]:
    """Every visible folder below ``content/images/``, as the repository names it."""
    root = Path(content_path) / "images"
    if not root.is_dir():
        return []
    found = [f"{content_dir}/images"]
    for folder, names, _files in os.walk(root):
        names[:] = sorted(n for n in names if not n.startswith((".", "_")))
        relative = Path(folder).relative_to(root).as_posix()
        if relative != ".":
            found.append(f"{content_dir}/images/{relative}")
    return found


class AdminGenerator(SiteGenerator):
    """Writes the editing interface; plans no page of the site."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # /admin/ is the editing interface's whole, in every build (also one
        # that leaves it out), so an address there is never content's.
        self.state.claim_tree(FOLDER, M("the editing interface"))

    def plan(self) -> None:
        """Write the page, the generated configuration, our scripts and the bundle."""
        admin = read_admin_settings(self.settings, self.site.default_lang)
        if not admin.enabled:
            return
        if admin.lang not in self.site.languages:
            raise SettingsError(
                f"setting ADMIN_LANG '{admin.lang}' is not in SITE_LANGUAGES"
            )
        missing = [
            path
            for path in (admin.bundle / BUNDLE_SCRIPT, admin.yaml_library / "LICENSE")
            if not path.is_file()
        ]
        if missing:
            message = M(
                "the editing interface is left out: {file} is missing; run "
                "`bash scripts/bootstrap setup` (npm ci) to install it",
                file=str(missing[0]),
            )
            logger.warning("%s", message.render(editor_translation(self.state)))
            return
        output = self.state.output
        config = self.config(admin)
        output.write_lazy(
            FOLDER + "config.yml",
            self.state.fingerprint(config),
            lambda: config_yaml(config),
        )
        data = self.data(admin)
        output.write_lazy(
            FOLDER + "site.json", self.state.fingerprint(data), lambda: site_json(data)
        )
        output.write(FOLDER + "index.html", self.page(admin))
        output.write(FOLDER + "preview.html", self.preview(admin))
        for path in static_files():
            output.copy(FOLDER + path.name, str(path))
        for name, path in yaml_files(admin.yaml_library):
            output.copy(FOLDER + VENDOR_YAML + name, str(path))
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

    def items(self) -> list[Item]:
        """Every item this build publishes, each language on its own.

        An item without a page of its own (a person) is shown on its
        section's list (the board page) and is not offered as a link target.
        """
        found = []
        for entry in self.state.all_entries():
            section = self.site.sections[entry.section]
            own_page = section.has_items
            if not own_page and not section.has_list:
                continue
            url = entry.url if own_page else section.list_url(entry.lang)
            found.append(
                Item(
                    section=entry.section,
                    file=entry.source.relpath,
                    lang=entry.lang,
                    title=entry.title,
                    url=self.site.href(url),
                    linkable=own_page,
                )
            )
        return found

    def keys(self) -> dict[str, dict[str, str]]:
        """Per section, every key a file uses already (any year folder, any state).

        The files the build read; a section no generator read is looked up.
        """
        site = self.site
        found: dict[str, dict[str, str]] = {}
        for name, section in site.sections.items():
            sources = self.state.scanned.get(name)
            if sources is None:
                sources = scan_section(
                    site.content_path,
                    name,
                    site.languages,
                    ProblemLog(),
                    folder=section.path,
                    yaml_files=section.is_yaml,
                )
            keys = found.setdefault(name, {})
            for source in sources:
                keys.setdefault(source.key, source.relpath)
        return found

    def data(self, admin: AdminSettings) -> dict:
        site = self.site
        return site_data(
            translate=self.translate(admin),
            editor_lang=admin.lang,
            languages=site.languages,
            content_dir=admin.content_dir,
            items=self.items(),
            keys=self.keys(),
            picture_folders=picture_folders(site.content_path, admin.content_dir),
            problems_url=site.href(PROBLEMS) if admin.local_backend else "",
        )

    def preview(self, admin: AdminSettings) -> str:
        tr = self.translate(admin)
        assets = self.state.session.assets(self.site)
        return preview_page(
            lang=admin.lang,
            title=tr(OPENING_PAGE),
            noscript=tr(NEEDS_JAVASCRIPT),
            policy=admin_policy(admin),
            icon=self.site.href(assets.url("favicon.svg")),
        )

    def page(self, admin: AdminSettings) -> str:
        site = self.site
        tr = self.translate(admin)
        assets = self.state.session.assets(site)
        return admin_page(
            lang=admin.lang,
            title=f"{tr(TITLE)} – {site.site_name}",
            noscript=tr(NEEDS_JAVASCRIPT),
            policy=admin_policy(admin),
            stylesheet=site.href(assets.url("site.css")),
            default_lang=site.default_lang,
            local_backend=admin.proxy_url if admin.local_backend else "",
            icon=site.href(assets.url("favicon.svg")),
        )
