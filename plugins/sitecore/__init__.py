"""Pure core of the site: content parsing, validation and formatting.

Nothing in this package imports Pelican. The Pelican plugins (``bilingual``,
``events``, ``members``, ``imaging``) are thin adapters that move data between
Pelican and these functions, so every rule an editor can run into is tested
without building a site.
"""
