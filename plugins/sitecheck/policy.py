"""The editing interface kept apart from the visitors' pages.

Visitors' pages run nothing but the site's own files (their policy is checked
by ``security.py``). The editing interface at ``/admin/`` is the one
exception: its script needs
``eval`` and inline styles and talks to the git host, so it carries a policy
of its own; it must then also be kept out of search engines (``noindex``),
out of the sitemap, and no visitor page may load its script.
"""

from __future__ import annotations

import re

from .findings import Finding
from .site import OutputSite, Page, is_editor_url

_LOC = re.compile(r"<loc>([^<]+)</loc>")


def policies(page: Page) -> list[str]:
    """The page's ``<meta http-equiv="Content-Security-Policy">`` values."""
    return [
        str(meta.get("content", ""))
        for meta in page.soup.find_all("meta", attrs={"http-equiv": True})
        if str(meta["http-equiv"]).lower() == "content-security-policy"
    ]


def check_editor_pages(site: OutputSite) -> list[Finding]:
    """/admin/ on its own terms, and kept apart from the visitors' pages.

    The visitor pages' policy is checked by ``security.check_content_security_policy``.
    """
    findings = []
    for page in site.pages.values():

        def note(message: str, page: Page = page) -> None:
            findings.append(Finding("policy", page.url, message))

        if is_editor_url(page.url):
            if len(policies(page)) != 1:
                note("the editing interface needs exactly one Content-Security-Policy")
            robots = page.soup.find("meta", attrs={"name": "robots"})
            if robots is None or "noindex" not in str(robots.get("content", "")):
                note("the editing interface must carry <meta name=robots noindex>")
            continue
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
