"""Board and office: one YAML file per person, one page per language.

Only the adapter (``generator.py``) needs Pelican; it is imported when Pelican
asks for generators, so the model and page modules can be used on their own.
"""


def get_generators(pelican):
    """Our generator for the people sections."""
    from .generator import PeopleGenerator

    return PeopleGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
