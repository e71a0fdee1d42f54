"""The editing interface at ``/admin/``: Decap CMS, configured from the sections.

Only the adapter (``generator.py``) needs Pelican; the configuration
(``config.py``, ``fields.py``), what the interface's scripts know of the site
(``sitedata.py``) and the pages (``page.py``) are plain functions. The scripts
that run in the browser are in ``static/`` (see the README, "Editing in the
browser").
"""


def get_generators(pelican):
    """The generator that writes ``/admin/``."""
    from .generator import AdminGenerator

    return AdminGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    from pelican import signals

    signals.get_generators.connect(get_generators)
