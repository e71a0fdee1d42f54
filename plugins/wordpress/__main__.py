"""``python -m wordpress --source export.xml``: see :mod:`wordpress.cli`."""

import sys

from .cli import main

sys.exit(main())
