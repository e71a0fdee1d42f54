"""Responsive, metadata-free pictures, link previews and precompressed output."""

from pelican import signals


def get_generators(pelican):
    """The generator that processes the site's pictures (imported when needed)."""
    from .generator import ImagingGenerator

    return ImagingGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)
