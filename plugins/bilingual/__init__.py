"""Bilingual site plugin: German and English news and pages in one Pelican run."""

from pelican import signals

from .build import check_content, open_slot, write_sitemap
from .generator import ContentGenerator


def get_generators(pelican):
    """Our generator for news and pages (Pelican's own ones read nothing)."""
    return ContentGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(open_slot)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(check_content)
    signals.finalized.connect(write_sitemap)
