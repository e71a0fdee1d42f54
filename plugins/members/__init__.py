"""Member directory: one YAML file per member, directory and profile pages."""

from pelican import signals

from .generator import MembersGenerator


def get_generators(pelican):
    """Our generator for ``content/members/``."""
    return MembersGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
