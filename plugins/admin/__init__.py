"""The editing interface at ``/admin/``: Decap CMS, configured from the sections.

Only the adapter (``generator.py``) needs Pelican; the configuration
(``config.py``, ``fields.py``) and the page (``page.py``) are plain functions.
"""


def get_generators(pelican):
    """The generator that writes ``/admin/``."""
    from .generator import AdminGenerator

    return AdminGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
