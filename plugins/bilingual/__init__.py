"""The site plugin: sections in every language of the site from one reading.

It provides the generators' contract (``generator.py``), the pages every site
has (``core.py``) and the Markdown sections (``sections.py``); further kinds
of sections (events, members, people) and the pictures are plugins of their
own that subclass the same contract.
"""

from pelican import signals

from .build import open_session, skip_pelicans_count
from .core import CoreGenerator
from .sections import MarkdownGenerator


def get_generators(pelican):
    """The core pages and the Markdown sections (Pelican's own readers read nothing)."""
    return (CoreGenerator, MarkdownGenerator)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(open_session)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(skip_pelicans_count)
