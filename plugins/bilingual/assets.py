"""Theme CSS and scripts, bundled and fingerprinted by content hash.

One small stylesheet per component keeps the theme easy to work on; visitors
get them as one minified file whose name changes with its content, so it can
be cached for a year without ever going stale.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

import rcssmin
import rjsmin

MANIFEST = "manifest.txt"


@dataclass(frozen=True)
class Asset:
    """A file to write into the output, under a content-hashed name."""

    name: str  # logical name used in templates, e.g. "site.css"
    url: str  # site-relative output path, e.g. "theme/site.1a2b3c4d.css"
    data: bytes


@dataclass
class AssetBundle:
    """All theme assets of one build, by logical name."""

    assets: dict[str, Asset] = field(default_factory=dict)

    def url(self, name: str) -> str:
        return self.assets[name].url


def _fingerprinted(name: str, data: bytes) -> Asset:
    stem, ext = os.path.splitext(name)
    digest = hashlib.sha256(data).hexdigest()[:10]
    return Asset(name, f"theme/{stem}.{digest}{ext}", data)


def build_assets(theme_path: str) -> AssetBundle:
    """Bundle ``static/css``; minify, fingerprint ``static/js``.

    The manifest lists the stylesheets whose order matters (tokens first,
    print last); a line ``*`` stands for every stylesheet not listed, in name
    order, so a new component's CSS needs no edit of the manifest.
    """
    bundle = AssetBundle()
    css_dir = os.path.join(theme_path, "static", "css")
    manifest = os.path.join(css_dir, MANIFEST)
    with open(manifest, encoding="utf-8") as handle:
        names = [
            line.strip()
            for line in handle
            if line.strip() and not line.lstrip().startswith("#")
        ]
    others = sorted(
        name
        for name in os.listdir(css_dir)
        if name.endswith(".css") and name not in names
    )
    if "*" not in names:
        names.append("*")
    star = names.index("*")
    names[star : star + 1] = others
    parts = []
    for name in names:
        with open(os.path.join(css_dir, name), encoding="utf-8") as handle:
            parts.append(handle.read())
    css = rcssmin.cssmin("\n".join(parts)).encode("utf-8")
    bundle.assets["site.css"] = _fingerprinted("site.css", css)
    js_dir = os.path.join(theme_path, "static", "js")
    if os.path.isdir(js_dir):
        for name in sorted(os.listdir(js_dir)):
            if name.endswith(".js"):
                with open(os.path.join(js_dir, name), encoding="utf-8") as handle:
                    script = rjsmin.jsmin(handle.read()).encode("utf-8")
                bundle.assets[name] = _fingerprinted(name, script)
    for name in ("favicon.svg",):
        path = os.path.join(theme_path, "static", name)
        if os.path.exists(path):
            with open(path, "rb") as handle:
                data = handle.read()
            bundle.assets[name] = Asset(name, name, data)
    return bundle
