"""Site search: a search page per language and a Pagefind index of the content.

Only the adapter (``generator.py``) needs Pelican; the indexing (``index.py``)
is a plain function over a built output folder.
"""


def get_generators(pelican):
    """Our generator for the search pages and the index."""
    from .generator import SearchGenerator

    return SearchGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
