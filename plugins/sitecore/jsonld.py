"""Structured data (schema.org JSON-LD) inside ``<script>`` elements.

Search engines read it next to a page; the text comes from editors, so it is
escaped such that nothing in it can end the script element early.
"""

from __future__ import annotations

import json
from typing import Any


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can end it early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
