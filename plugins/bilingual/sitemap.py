"""``/sitemap.xml`` with hreflang alternates, and ``/robots.txt``."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .records import PageRecord
from .settings import SiteSettings


def sitemap_xml(settings: SiteSettings, pages: list[PageRecord]) -> str:
    """All sitemap pages of every language, each with its language alternates.

    Each entry lists the same ``hreflang`` alternates, ``x-default``
    included, as the page's ``<head>``.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in sorted(pages, key=lambda p: p.url):
        if not page.in_sitemap:
            continue
        lines.append(f"  <url><loc>{escape(settings.absolute(page.url))}</loc>")
        if page.lastmod is not None:
            lines.append(f"    <lastmod>{page.lastmod.date().isoformat()}</lastmod>")
        for lang, url in page.hreflang:  # as the page's own <head> says
            href = quoteattr(settings.absolute(url))
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{lang}" href={href}/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(settings: SiteSettings) -> str:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {settings.absolute('sitemap.xml')}\n"
