"""Member directory: one YAML file per member, directory and profile pages.

Only the adapter (``generator.py``) needs Pelican; it is imported when Pelican
asks for generators, so the model and page modules can be used on their own.
"""


def get_generators(pelican):
    """Our generator for the member sections."""
    from .generator import MembersGenerator

    return MembersGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
