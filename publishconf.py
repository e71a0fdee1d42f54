"""Production settings: strict, no drafts, absolute URLs.

Only what differs from ``pelicanconf.py`` is set here.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://www.thebayareas.de")
SHOW_DRAFTS = False
STRICT_BUILD = True
SEARCH_INDEX = True
# A .gz and a .br next to every text file, for servers that send them as is.
PRECOMPRESS = True
