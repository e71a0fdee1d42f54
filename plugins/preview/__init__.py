"""The editor's preview: ``invoke serve``.

Not a Pelican plugin (it has no ``register()``): it runs Pelican. One Pelican
instance and its session live as long as the preview, so a saved file is
read again alone and only the pages it changes are rendered again
(``builder.py``). The server (``server.py``) shows every page of the preview
with the build's problems on top (``problems.py``), a broken page's error
instead of its stale version, and reloads open pages after each build
(``pages.py``); the editing interface at ``/admin/`` is sent as built and asks
``/_preview/problems.json`` instead. One preview runs per working copy
(``instance.py``); ``invoke edit`` starts the editing backend beside it
(``editing.py``).
"""
