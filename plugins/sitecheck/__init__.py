"""Quality gates for the built site: checks that read only the output folder.

Not a Pelican plugin (it has no ``register()`` and is never in ``PLUGINS``):
the checks look at what visitors get — HTML, CSS and files in ``output/`` —
so they run the same on a test build and on the real one (``invoke check``,
CI), whatever plugins produced the pages. Each check is a plain function from
an :class:`~sitecheck.site.OutputSite` to a list of
:class:`~sitecheck.findings.Finding`, each naming the page and the problem.
"""
