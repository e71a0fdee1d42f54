"""Production settings: strict, no drafts, absolute URLs.

Only what differs from ``pelicanconf.py`` is set here.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://www.the-bay-areas.de")
# The host that serves the site: github-pages, netlify or cloudflare (how
# /_redirects is written so that the host answers old addresses with a 301).
REDIRECTS_HOST = os.environ.get("REDIRECTS_HOST") or "github-pages"
SHOW_DRAFTS = False
STRICT_BUILD = True
SEARCH_INDEX = True
# A .gz and a .br next to every text file, for servers that send them as is.
PRECOMPRESS = True
# The editing interface signs in to GitHub (ADMIN_* in pelicanconf.py), and
# each change becomes a pull request; ADMIN_REPO and ADMIN_BASE_URL may come
# from CI's repository variables.
ADMIN_LOCAL_BACKEND = False
ADMIN_REPO = os.environ.get("ADMIN_REPO") or ADMIN_REPO  # noqa: F405
ADMIN_BRANCH = os.environ.get("ADMIN_BRANCH") or ADMIN_BRANCH  # noqa: F405
ADMIN_BASE_URL = os.environ.get("ADMIN_BASE_URL") or ADMIN_BASE_URL  # noqa: F405
