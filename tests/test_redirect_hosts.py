"""Old addresses answer with a real 301 on the hosts that read ``/_redirects``.

Netlify's own engine (npm ``@netlify/redirects``) decides how a built site
answers: a redirect page at the old address would be served with 200 unless
the rule is forced, which ``REDIRECTS_HOST = "netlify"`` writes. Cloudflare's
own asset server (npm ``@cloudflare/workers-shared``) applies rules before
files, but only rules whose status is a plain number.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from bilingual.redirects import STATUS, Redirect, redirects_file
from bilingual.settings import SettingsError, load

ENGINE = ROOT / "tests" / "netlify_redirects.mjs"  # Netlify's
CLOUDFLARE = ROOT / "tests" / "cloudflare_redirects.mjs"
SITEURL = "https://example.org"
REAL_PAGES = ["/de/", "/en/", "/de/aktuelles/diwish/", "/de/satzung/", "/en/statutes/"]


def served(
    engine: Path, output: Path, paths: list[str]
) -> dict[str, tuple[int, str | None]]:
    """How a host's engine (:data:`ENGINE`, :data:`CLOUDFLARE`) answers each path."""
    result = subprocess.run(
        ["node", str(engine), str(output), *paths],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return {a["path"]: (a["status"], a["location"]) for a in json.loads(result.stdout)}


def rules(output: Path) -> list[list[str]]:
    lines = (output / "_redirects").read_text("utf-8").splitlines()
    return [line.split() for line in lines]


def test_each_host_gets_the_status_it_acts_on():
    redirects = [Redirect("/satzung/", "/de/satzung/")]
    assert redirects_file(redirects, host="netlify") == "/satzung/ /de/satzung/ 301!\n"
    assert (
        redirects_file(redirects, host="cloudflare") == "/satzung/ /de/satzung/ 301\n"
    )
    assert redirects_file(redirects) == "/satzung/ /de/satzung/ 301\n"
    greeting = [Redirect("/gr%C3%BC%C3%9Fe/", "/de/")]
    assert redirects_file(greeting, host="netlify") == "/grüße/ /de/ 301!\n"
    assert redirects_file(greeting, host="cloudflare") == (
        "/gr%C3%BC%C3%9Fe/ /de/ 301\n"
    )
    assert set(STATUS) == {"github-pages", "netlify", "cloudflare"}


def test_an_unknown_host_is_a_settings_error():
    with pytest.raises(SettingsError, match="REDIRECTS_HOST must be one of"):
        load(str(ROOT / "pelicanconf.py"), REDIRECTS_HOST="vercel")
    assert load(str(ROOT / "pelicanconf.py")).redirects_host == "github-pages"


def write_site(site) -> None:
    site.news(
        "diwish",
        "de",
        "DiWiSH tritt bei",
        aliases="[/2017/01/diwish-tritt-bei/, /gr%C3%BC%C3%9Fe/, /archiv/alt.html]",
    )
    site.page("statutes", "de", "Satzung", slug="satzung", aliases="[/satzung/]")
    site.page("statutes", "en", "Statutes", aliases="[/en/satzung/]")


@pytest.mark.slow
def test_every_alias_answers_301_on_netlify_and_pages_200(site):
    write_site(site)
    result = site.build("publishconf.py", SITEURL=SITEURL, REDIRECTS_HOST="netlify")
    assert result.exit_code == 0, result.stderr
    lines = rules(result.output)
    assert len(lines) == 5 and {line[2] for line in lines} == {"301!"}
    answers = served(ENGINE, result.output, [old for old, _, _ in lines] + REAL_PAGES)
    for old, new, _ in lines:
        assert answers[old] == (301, SITEURL + new), old
        assert result.exists(old.lstrip("/")) or result.exists(
            old.lstrip("/") + "index.html"
        ), "the redirect page stays for other hosts and previews"
    assert ["/grüße/", "/de/aktuelles/diwish/", "301!"] in lines
    visited = served(
        ENGINE, result.output, ["/gr%C3%BC%C3%9Fe/"]
    )  # as browsers send it
    assert visited["/gr%C3%BC%C3%9Fe/"] == (301, f"{SITEURL}/de/aktuelles/diwish/")
    for page in REAL_PAGES:
        assert answers[page] == (200, None), page


@pytest.mark.slow
def test_without_the_host_setting_netlify_serves_the_redirect_page(site):
    write_site(site)
    result = site.build("publishconf.py", SITEURL=SITEURL)
    assert result.exit_code == 0, result.stderr
    lines = rules(result.output)
    assert {line[2] for line in lines} == {"301"}
    answers = served(ENGINE, result.output, [old for old, _, _ in lines])
    assert set(answers.values()) == {(200, None)}


@pytest.mark.slow
def test_every_alias_answers_301_on_cloudflare_and_pages_200(site):
    write_site(site)
    result = site.build("publishconf.py", SITEURL=SITEURL, REDIRECTS_HOST="cloudflare")
    assert result.exit_code == 0, result.stderr
    lines = rules(result.output)
    assert len(lines) == 5 and {line[2] for line in lines} == {"301"}
    assert ["/gr%C3%BC%C3%9Fe/", "/de/aktuelles/diwish/", "301"] in lines
    paths = [old for old, _, _ in lines] + REAL_PAGES + ["/de"]
    answers = served(CLOUDFLARE, result.output, paths)
    for old, new, _ in lines:
        assert answers[old] == (301, new), old
    for page in REAL_PAGES:
        assert answers[page] == (200, None), page
    assert answers["/de"] == (307, "/de/")  # Cloudflare's own trailing slash


@pytest.mark.slow
def test_forced_rules_are_no_rules_on_cloudflare(site):
    write_site(site)
    result = site.build("publishconf.py", SITEURL=SITEURL, REDIRECTS_HOST="netlify")
    assert result.exit_code == 0, result.stderr
    answers = served(CLOUDFLARE, result.output, ["/satzung/"])
    assert answers["/satzung/"] == (200, None), "only the redirect page is left"
