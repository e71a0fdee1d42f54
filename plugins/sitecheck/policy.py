"""Content-Security-Policy of every page, and the editing interface kept apart.

Visitors' pages run nothing but the site's own files: their policy allows
scripts from the site only, never inline code or ``eval``, and no plug-ins.
The editing interface at ``/admin/`` is the one exception: its script needs
``eval`` and inline styles and talks to the git host, so it carries a policy
of its own; it must then also be kept out of search engines (``noindex``),
out of the sitemap, and no visitor page may load its script.
"""

from __future__ import annotations

import re

from .findings import Finding
from .site import OutputSite, Page, is_editor_url

_LOC = re.compile(r"<loc>([^<]+)</loc>")
#: Sources that would let injected text run as code on a visitor's page.
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*")


def policies(page: Page) -> list[str]:
    """The page's ``<meta http-equiv="Content-Security-Policy">`` values."""
    return [
        str(meta.get("content", ""))
        for meta in page.soup.find_all("meta", attrs={"http-equiv": True})
        if str(meta["http-equiv"]).lower() == "content-security-policy"
    ]


def directives(policy: str) -> dict[str, list[str]]:
    """``{"script-src": ["'self'"], …}`` of one policy."""
    result: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            result.setdefault(words[0].lower(), words[1:])
    return result


def _visitor_policy_problems(policy: str) -> list[str]:
    rules = directives(policy)
    scripts = rules.get("script-src", rules.get("default-src"))
    problems = []
    if scripts is None:
        problems.append("its policy does not restrict scripts (no script-src)")
    else:
        allowed = [s for s in scripts if s in UNSAFE_SOURCES or "://" in s]
        if allowed:
            problems.append(f"its policy lets scripts run from {' '.join(allowed)}")
    if rules.get("object-src") != ["'none'"]:
        problems.append("its policy must say object-src 'none'")
    return problems


def check_policy(site: OutputSite) -> list[Finding]:
    """One strict policy on every visitor page; /admin/ on its own terms."""
    findings = []
    for page in site.pages.values():

        def note(message: str, page: Page = page) -> None:
            findings.append(Finding("policy", page.url, message))

        found = policies(page)
        if len(found) != 1:
            note(f"has {len(found)} Content-Security-Policy meta elements, not one")
            continue
        if is_editor_url(page.url):
            robots = page.soup.find("meta", attrs={"name": "robots"})
            if robots is None or "noindex" not in str(robots.get("content", "")):
                note("the editing interface must carry <meta name=robots noindex>")
            continue
        for problem in _visitor_policy_problems(found[0]):
            note(problem)
        for script in page.soup.find_all("script", attrs={"src": True}):
            target = site.resolve(str(script["src"]), page.url)
            if target is not None and target.file and is_editor_url(target.file):
                note(f"loads the editing interface's script {script['src']}")
    sitemap = site.root / "sitemap.xml"
    if sitemap.is_file():
        for loc in _LOC.findall(sitemap.read_text("utf-8", "replace")):
            target = site.resolve(loc.strip(), "")
            if target is not None and target.file and is_editor_url(target.file):
                findings.append(
                    Finding(
                        "policy", "sitemap.xml", f"lists the editing interface {loc}"
                    )
                )
    return findings
