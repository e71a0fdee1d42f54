"""The page at ``/admin/`` that loads the editing interface, and its policy.

It is the only page of the site that loads the interface's script, so it
carries its own Content-Security-Policy: the interface styles itself with
inline styles and needs to reach the git host (or, for local editing, the
decap-server on this machine). It is never indexed and never in the sitemap.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from .settings import AdminSettings

#: The git host's API and the pictures of signed-in editors.
GIT_HOST_ORIGINS = (
    "https://api.github.com",
    "https://avatars.githubusercontent.com",
)
BUNDLE_SCRIPT = "decap-cms.js"
SITE_SCRIPT = "site-admin.js"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def admin_policy(admin: AdminSettings) -> str:
    """The CSP of ``/admin/``: the site's own scripts only, the git host to talk to.

    Scripts come from the site alone. The interface compiles its schema
    validator at run time (ajv, with ``new Function``), which needs
    ``'unsafe-eval'``: it is allowed here, on this page only, and nowhere on
    the visitors' pages. Styles may be inline because the interface injects
    them.
    Pictures may be ``blob:``/``data:`` (uploads before they are saved).
    """
    connect = ["'self'", *GIT_HOST_ORIGINS]
    if admin.base_url:
        connect.append(_origin(admin.base_url))
    if admin.local_backend:
        connect += [_origin(admin.proxy_url), f"http://localhost:{admin.proxy_port}"]
    images = ["'self'", "blob:", "data:", *GIT_HOST_ORIGINS[1:]]
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src " + " ".join(images),
            "media-src 'self' blob:",
            "font-src 'self' data:",
            "connect-src " + " ".join(dict.fromkeys([*connect, "blob:", "data:"])),
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def admin_page(
    *,
    lang: str,
    title: str,
    noscript: str,
    policy: str,
    stylesheet: str,
    default_lang: str,
    markdown_collections: tuple[str, ...] = (),
    icon: str = "",
) -> str:
    """The HTML of ``/admin/``: the bundle, then our script that configures it.

    ``stylesheet`` is the site's bundled CSS (for the preview pane); it is
    handed to our script as a data attribute, because no inline script runs.
    ``icon`` is the site's icon, named so browsers do not ask for a missing
    ``/favicon.ico``.
    """
    icon_link = (
        f'<link rel="icon" href="{escape(icon)}" type="image/svg+xml">\n'
        if icon
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
{icon_link}</head>
<body data-preview-style="{escape(stylesheet)}"
 data-default-lang="{escape(default_lang)}"
 data-markdown-collections="{escape(" ".join(markdown_collections))}">
<noscript><p>{escape(noscript)}</p></noscript>
<script src="{BUNDLE_SCRIPT}"></script>
<script src="{SITE_SCRIPT}"></script>
</body>
</html>
"""
