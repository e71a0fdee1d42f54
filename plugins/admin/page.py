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
#: The site's script: it loads the bundle itself (after telling it to wait for
#: the site's formats, widgets and backend), so the page names it alone.
SITE_SCRIPT = "site-admin.js"
PREVIEW_SCRIPT = "preview.js"


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


def _head(lang: str, title: str, policy: str, icon: str) -> str:
    """The start of both pages up to ``</head>``: policy, no indexing, icon.

    The icon is named so that browsers do not ask for a missing
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
<link rel="stylesheet" href="site-admin.css">
{icon_link}</head>"""


def admin_page(
    *,
    lang: str,
    title: str,
    noscript: str,
    policy: str,
    stylesheet: str,
    default_lang: str,
    local_backend: str = "",
    icon: str = "",
) -> str:
    """The HTML of ``/admin/``: our script, which loads and configures the bundle.

    ``stylesheet`` is the site's bundled CSS (for the preview pane);
    ``local_backend`` the address of ``invoke edit``'s backend in previews
    (the script checks it answers before it offers editing). Both are handed
    to the script as data attributes, because no inline script runs.
    ``icon`` is the site's icon, named so browsers do not ask for a missing
    ``/favicon.ico``.
    """
    return f"""{_head(lang, title, policy, icon)}
<body data-preview-style="{escape(stylesheet)}"
 data-default-lang="{escape(default_lang)}"
 data-bundle="{BUNDLE_SCRIPT}"
 data-local-backend="{escape(local_backend)}">
<noscript><p>{escape(noscript)}</p></noscript>
<script type="module" src="{SITE_SCRIPT}"></script>
</body>
</html>
"""


def preview_page(
    *, lang: str, title: str, noscript: str, policy: str, icon: str = ""
) -> str:
    """The HTML of ``/admin/preview.html``: from an entry to its page on the site.

    The interface links here with the entry's section and file
    (``?section=news&item=2026/summer``); the script finds the page's address
    in the build's list and goes there.
    """
    return f"""{_head(lang, title, policy, icon)}
<body>
<main class="site-nobackend">
<p id="site-preview-status" role="status">{escape(title)}</p>
<noscript><p>{escape(noscript)}</p></noscript></main>
<script type="module" src="{PREVIEW_SCRIPT}"></script>
</body>
</html>
"""
