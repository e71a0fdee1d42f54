"""Settings for previews and the dev server (``invoke serve``).

``publishconf.py`` imports these and changes only what production needs.
Settings of our own plugins and their defaults are documented in
``plugins/bilingual/settings.py`` and the README.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT / "plugins") not in sys.path:  # plugins import the shared core
    sys.path.insert(0, str(ROOT / "plugins"))

SITENAME = "The Bay Areas e.V."
SITEURL = ""
AUTHOR = "The Bay Areas e.V."
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
SITE_LANGUAGES = ("de", "en")

PLUGIN_PATHS = ["plugins"]
# bilingual first (the site's core and the Markdown sections); admin writes the
# editing interface at /admin/; search indexes the written pages; imaging last:
# it precompresses what the others wrote.
PLUGINS = ["bilingual", "events", "members", "people", "admin", "search", "imaging"]

# The sections (news, events, projects, members, pages) and their URLs are
# declared in plugins/sitecore/sections.py; SECTIONS changes or adds some, e.g.
# SECTIONS = {"news": {"per_page": 20}, "reports": {"label": "Reports"}}.
# Our generators read them; Pelican's own article and page generators read
# nothing and write nothing.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
PAGINATED_TEMPLATES: dict[str, int] = {}
for _kind in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES"):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
# content/images/ is published by the imaging plugin, every picture without metadata.
STATIC_PATHS: list[str] = []
THEME_STATIC_PATHS: list[str] = []  # theme assets are bundled by the plugin
DELETE_OUTPUT_DIRECTORY = False
CACHE_PATH = ".cache"  # content cache (see plugins/sitecore/cache.py)
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
}

# Dev server: previews drafts and scheduled items, never fails on errors.
SHOW_DRAFTS = True
STRICT_BUILD = False
# The search index is built by production builds; in previews it would add seconds
# to every rebuild of a large site (about 11 s for 6000 pages). True to try it.
SEARCH_INDEX = False
BIND = "127.0.0.1"
PORT = 8000

# The association's address: structured data and the place of new events.
SITE_ADDRESS = {
    "name": "The Bay Areas e.V.",
    "address": "Im Brauereiviertel 5",
    "city": "Kiel",
    "country": "DE",
}
# Founding date of the association (schema.org foundingDate on the home pages).
SITE_FOUNDED = "2016-11"
FOOTER_PAGES = ("imprint", "privacy")
# The page the privacy notes of the forms link to (a key of content/pages/).
PRIVACY_PAGE = "privacy"

# Where the newsletter form posts the visitor's e-mail address; the block is
# hidden while this is empty.
NEWSLETTER_ACTION = ""
NEWSLETTER_EMAIL_FIELD = "email"

# The editing interface at /admin/ (plugins/admin): the repository and branch
# it commits to, and the sign-in service (OAuth proxy) for GitHub; see README.
# Previews and the dev server edit the working copy through decap-server on
# ADMIN_PROXY_PORT (`invoke edit`); production signs in to GitHub instead.
ADMIN_REPO = "thebayareas/website"
ADMIN_BRANCH = "main"
ADMIN_BASE_URL = ""
ADMIN_LOCAL_BACKEND = True
ADMIN_PROXY_PORT = 8081

# Where the contact form (on pages with "form: contact") posts name, email and
# message; while empty the form is hidden and CONTACT_EMAIL, if set, is shown.
CONTACT_ACTION = ""
CONTACT_EMAIL = ""
