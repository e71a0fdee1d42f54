"""Events plugin: bilingual event pages, lists, calendars and structured data.

Only the adapter (``generator.py``) needs Pelican; it is imported when Pelican
asks for generators, so the core modules can be used and tested on their own.
"""


def get_generators(pelican):
    """Our generator for ``content/events`` (after news and pages)."""
    from .generator import EventsGenerator

    return EventsGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
