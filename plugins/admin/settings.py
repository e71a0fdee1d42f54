"""The editing interface's settings, read once into a frozen dataclass.

The interface's configuration is generated from these and the section
declarations, so the repository, the branch and the sign-in service are
settings (``ADMIN_REPO``, ``ADMIN_BRANCH``, ``ADMIN_BASE_URL``) rather than
lines in a hand-kept ``config.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bilingual.settings import SettingsError

ROOT = Path(__file__).resolve().parent.parent.parent
#: Where ``npm ci`` puts the interface's built bundle (package.json pins it).
DEFAULT_BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist"
#: The local backend's port: decap-server's own default.
DEFAULT_PROXY_PORT = 8081
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class AdminSettings:
    """What the editing interface needs to know besides the sections.

    ``local_backend`` makes ``/admin/`` write into the working copy through
    decap-server on ``proxy_port`` (previews and ``invoke edit``); production
    builds sign in to the git host instead. ``lang`` is the editors' language
    (labels, hints, the interface): ``ADMIN_LANG``, else the site's default.
    """

    lang: str
    enabled: bool = True
    repo: str = "thebayareas/website"
    branch: str = "main"
    base_url: str = ""  # the OAuth proxy; "" = the git host's own sign-in
    auth_endpoint: str = ""
    local_backend: bool = False
    proxy_port: int = DEFAULT_PROXY_PORT
    content_dir: str = "content"  # the content folder within the repository
    preview_url: str = ""  # address of pull-request previews, for the CMS
    bundle: Path = DEFAULT_BUNDLE

    @property
    def proxy_url(self) -> str:
        """decap-server's API on this machine."""
        return f"http://127.0.0.1:{self.proxy_port}/api/v1"

    @property
    def yaml_library(self) -> Path:
        """The YAML library the interface's formats use, installed beside the bundle."""
        return self.bundle.parent.parent / "yaml"


def read_admin_settings(
    settings: Mapping[str, Any], default_lang: str
) -> AdminSettings:
    """:class:`AdminSettings` from Pelican's settings; a bad value names its key."""
    repo = str(settings.get("ADMIN_REPO") or AdminSettings.repo)
    if not _REPO.match(repo):
        raise SettingsError(f"setting ADMIN_REPO must be owner/name, not {repo!r}")
    base_url = str(settings.get("ADMIN_BASE_URL") or "")
    if base_url and urlsplit(base_url).scheme != "https":
        raise SettingsError("setting ADMIN_BASE_URL must be an https:// address")
    port = settings.get("ADMIN_PROXY_PORT", DEFAULT_PROXY_PORT)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise SettingsError("setting ADMIN_PROXY_PORT must be a port number")
    lang = str(settings.get("ADMIN_LANG") or default_lang)
    content_dir = str(settings.get("ADMIN_CONTENT_DIR") or "content").strip("/")
    if not content_dir or ".." in content_dir.split("/"):
        raise SettingsError(
            "setting ADMIN_CONTENT_DIR must be a folder of the repository"
        )
    bundle = settings.get("ADMIN_BUNDLE") or DEFAULT_BUNDLE
    return AdminSettings(
        enabled=bool(settings.get("ADMIN_ENABLED", True)),
        repo=repo,
        branch=str(settings.get("ADMIN_BRANCH") or "main"),
        base_url=base_url,
        auth_endpoint=str(settings.get("ADMIN_AUTH_ENDPOINT") or ""),
        local_backend=bool(settings.get("ADMIN_LOCAL_BACKEND", False)),
        proxy_port=port,
        lang=lang,
        content_dir=content_dir,
        preview_url=str(settings.get("ADMIN_PREVIEW_URL") or ""),
        bundle=Path(bundle),
    )
