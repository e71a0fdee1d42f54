"""Reference build for the benchmark: stock Pelican 4.12 + pelican-i18n-subsites.

This is what a bilingual Pelican site looks like when set up the way the plugin's
documentation suggests, and it is the yardstick our own build is measured against.
Keep it plain: no caching, no extra plugins, Pelican's bundled theme. Changing it
changes every ratio the benchmark reports, so note any change in benchmarks/README.md.

The benchmark runner passes the content folder, ``-o`` and ``--cache-path`` on the
command line; the values below are only used when the file is run by hand.
"""

AUTHOR = "The Bay Areas e.V."
SITENAME = "The Bay Areas e.V."
# An absolute URL so that both languages' Atom feeds carry valid links;
# i18n-subsites derives the English site's URL from it (…/en).
SITEURL = "https://example.org"

PATH = "content"
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []

TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_DATE_FORMAT = "%d.%m.%Y"
# The corpus names its categories ("News", "Events"); year folders are not categories.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "News"

# Set explicitly: left unset, Pelican loads every installed namespace plugin.
PLUGINS = ["pelican.plugins.i18n_subsites"]
I18N_SUBSITES = {
    "en": {
        "SITENAME": "The Bay Areas e.V.",
        "DEFAULT_DATE_FORMAT": "%B %d, %Y",
        # The bundled theme has no message catalogs; marking English as the templates'
        # own language installs null translations instead of logging a traceback.
        "I18N_TEMPLATES_LANG": "en",
    },
}
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}

THEME = "notmyidea"

# One Atom feed per language (each subsite writes its own) plus Pelican's default
# per-category feeds. Translation feeds are off: each language is a site of its own.
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Tag pages (and the tag index) are Pelican defaults; stated here because the
# comparison relies on them.
TAG_SAVE_AS = "tag/{slug}.html"
TAGS_SAVE_AS = "tags.html"

DEFAULT_PAGINATION = 10

# A full build every time: nothing read from or written to a content cache.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
RELATIVE_URLS = False
