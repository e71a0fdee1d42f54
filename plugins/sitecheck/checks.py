"""All static checks at once, and the command line behind ``invoke check``.

Usage::

    python -m sitecheck.checks output [--site-url URL] [--settings FILE]
                                      [--form-host HOST ...] [--no-validator]
                                      [--no-validator]

Prints every finding as ``/page: problem`` grouped by check, then the
heaviest pages, and exits with status 1 if anything was found.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from .findings import Finding, format_findings
from .links import check_hreflang, check_links
from .markup import check_controls, check_images, check_third_party
from .policy import check_editor_pages
from .security import check_content_security_policy, check_unsafe_markup
from .site import OutputSite
from .vnu import ValidatorMissingError, run_vnu
from .weight import check_no_js_content, check_weight, heaviest

logger = logging.getLogger(__name__)

#: The production settings the site is published with.
SETTINGS = Path(__file__).resolve().parent.parent.parent / "publishconf.py"

#: The checks that need nothing but the output folder, in report order.
STATIC_CHECKS: tuple[Callable[[OutputSite], list[Finding]], ...] = (
    check_links,
    check_hreflang,
    check_third_party,
    check_unsafe_markup,
    check_content_security_policy,
    check_editor_pages,
    check_images,
    check_controls,
    check_weight,
    check_no_js_content,
)


def run_checks(site: OutputSite, validator: bool = True) -> list[Finding]:
    """Every static check (and the HTML validator) over ``site``."""
    findings = [finding for check in STATIC_CHECKS for finding in check(site)]
    if validator:
        findings += run_vnu(site.root)
    return sorted(findings)


def page_patterns(settings_file: str) -> dict[str, dict[str, str]]:
    """The URL patterns of every page type, from a settings file."""
    from bilingual.settings import load

    return load(settings_file).page_patterns


def form_hosts(settings_file: str) -> list[str]:
    """The hosts the settings let forms post to (newsletter, contact form)."""
    from urllib.parse import urlsplit

    from bilingual.settings import load

    return [urlsplit(action).netloc for action in load(settings_file).form_actions]


def main(argv: list[str] | None = None) -> int:
    """Check a built site; 0 if it passes, 1 if anything was found, 2 if unable."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the built site's folder")
    parser.add_argument("--site-url", default="", help="the SITEURL it was built for")
    parser.add_argument(
        "--form-host",
        action="append",
        default=[],
        help="another host the site's forms may post to (repeatable)",
    )
    parser.add_argument(
        "--settings",
        default=str(SETTINGS) if SETTINGS.is_file() else "",
        help="the settings file it was built with: URL patterns and form targets",
    )
    parser.add_argument(
        "--no-validator", action="store_true", help="skip the Nu HTML Checker"
    )
    args = parser.parse_args(argv)
    try:
        patterns = page_patterns(args.settings) if args.settings else None
        hosts = [*args.form_host, *(form_hosts(args.settings) if args.settings else [])]
        site = OutputSite(args.output, args.site_url, patterns, hosts)
        findings = run_checks(site, validator=not args.no_validator)
    except (FileNotFoundError, ValidatorMissingError) as exc:
        print(f"cannot check the site: {exc}", file=sys.stderr)
        return 2
    print(f"Checked {len(site.pages)} pages in {args.output}/")
    print(heaviest(site))
    if findings:
        print(format_findings(findings))
        print(f"{len(findings)} problem(s) found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
