"""The editor's preview: ``invoke serve``.

Not a Pelican plugin (it has no ``register()``): it runs Pelican. One Pelican
instance and its session live as long as the preview, so a saved file is
read again alone and only the pages it changes are rendered again
(``builder.py``). The server (``server.py``) shows every page of the preview
with the build's problems on top, a broken page's error instead of its stale
version, and reloads open pages after each build.
"""
