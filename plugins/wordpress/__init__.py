"""Import a WordPress site (WXR export) into the content contract.

A migration tool, not a Pelican plugin: it runs once (or again, harmlessly)
before the site is built, and has no ``register()``. Pure steps, each in its
own module and tested without files or Pelican:

- :mod:`.wxr` reads the export (defusedxml) into dataclasses;
- :mod:`.pairing` tells language and translation pairs (WPML, Polylang, URL
  prefix) and places keys;
- :mod:`.prepare` and :mod:`.convert` turn stored post text into Markdown,
  listing what has no Markdown equivalent (:mod:`.leftovers`);
- :mod:`.pictures` and :mod:`.links` find uploaded pictures and internal links;
- :mod:`.writer` writes front matter and creates files, never replacing one;
- :mod:`.importer` plans and applies an import; :mod:`.report` describes it;
- :mod:`.cli` is the command line behind ``invoke import-wordpress``.
"""
