"""Responsive, metadata-free pictures, link previews and precompressed output."""

from pelican import signals

from .generator import ImagingGenerator, finish, open_slot, template_helpers


def get_generators(pelican):
    """The generator that processes the site's pictures."""
    return ImagingGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(open_slot)
    signals.generator_init.connect(template_helpers)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish)
