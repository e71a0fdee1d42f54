"""The Content-Security-Policy every page carries, and what it forbids.

Each page names its policy in a ``<meta http-equiv>``: only the site's own
scripts, stylesheets, pictures and connections; no plug-ins, no ``<base>``.
The one exception is the search page, which searches its index with
WebAssembly: its ``script-src`` adds exactly ``'wasm-unsafe-eval'``. The
check also finds what such a policy would silently block in a visitor's
browser: inline scripts, ``on…`` event attributes and ``style`` attributes.
"""

from __future__ import annotations

import re

from .findings import Finding
from .site import OutputSite, Page

#: Directives every page's policy must have, with exactly these sources.
REQUIRED = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
}
#: What the search page's ``script-src`` is instead.
SEARCH_SCRIPTS = ("'self'", "'wasm-unsafe-eval'")
#: Never acceptable in any directive.
FORBIDDEN_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:")
#: ``<script type>`` values that are data, not code (not run, not blocked).
DATA_SCRIPTS = ("application/ld+json", "application/json")
_CSP = re.compile(r"^content-security-policy$", re.IGNORECASE)


def parse_policy(text: str) -> dict[str, tuple[str, ...]]:
    """``"a 'self'; b x y"`` → ``{"a": ("'self'",), "b": ("x", "y")}``."""
    policy: dict[str, tuple[str, ...]] = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), tuple(words[1:]))
    return policy


def _page_problems(page: Page, search: bool) -> list[str]:
    metas = page.soup.find_all("meta", attrs={"http-equiv": _CSP})
    if len(metas) != 1:
        return [f"has {len(metas)} Content-Security-Policy meta elements, not one"]
    policy = parse_policy(str(metas[0].get("content", "")))
    problems = []
    for directive, sources in REQUIRED.items():
        wanted = SEARCH_SCRIPTS if search and directive == "script-src" else sources
        if policy.get(directive) != wanted:
            found = " ".join(policy.get(directive, ("(missing)",)))
            problems.append(
                f"Content-Security-Policy {directive} is {found}, "
                f"not {' '.join(wanted)}"
            )
    if "form-action" not in policy:
        problems.append("Content-Security-Policy has no form-action")
    for directive, sources in policy.items():
        for source in sources:
            if source.lower() in FORBIDDEN_SOURCES:
                problems.append(f"Content-Security-Policy {directive} allows {source}")
    return problems


def _blocked_markup(page: Page) -> list[str]:
    """What the policy blocks: inline code and inline styles."""
    problems = []
    for script in page.soup.find_all("script"):
        kind = str(script.get("type", "")).strip().lower()
        if not script.get("src") and kind not in DATA_SCRIPTS:
            problems.append("has an inline <script>, which its policy blocks")
    for tag in page.soup.find_all(True):
        handlers = sorted(a for a in tag.attrs if a.lower().startswith("on"))
        if handlers:
            problems.append(
                f"<{tag.name}> has the event attribute {handlers[0]}, "
                "which its policy blocks"
            )
        if tag.has_attr("style"):
            problems.append(
                f"<{tag.name}> has a style attribute, which its policy blocks"
            )
    return problems


def check_policy(site: OutputSite) -> list[Finding]:
    """Every page's policy is the site's; only search pages may run WebAssembly."""
    findings = []
    for page in site.pages.values():
        search = site.kind(page.url).endswith(":search")
        for message in dict.fromkeys(
            [*_page_problems(page, search), *_blocked_markup(page)]
        ):
            findings.append(Finding("csp", page.url, message))
    return findings
