"""The static checks and the HTML validator on real builds.

The sample site must pass every check; a deliberately broken site — a
template without alt text, with a third-party script and a link to nothing,
an editor's link to a missing anchor, an unlabelled form control, a duplicate
id — must fail each check
that concerns it, with a message naming the page and the problem.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, BuildResult, SiteBuilder

from sitecheck.checks import STATIC_CHECKS, main, run_checks
from sitecheck.findings import format_findings
from sitecheck.site import OutputSite
from sitecheck.vnu import parse_vnu, run_vnu

#: Not example.org: the sample content links to example.org as another site.
SITE_URL = "https://thebayareas.test"
BROKEN_PAGE = "de/kaputt/"


def write_broken_site(builder: SiteBuilder, root: Path) -> Path:
    """Content and a theme with one of each mistake; returns the theme folder.

    The theme is a copy of the real one whose page template gained a picture
    without alt text or size, a script from a CDN, a link to a page that does
    not exist and a form field without a label — the kind of slip a template
    edit makes and no content check can see (content cannot carry forms: the
    sanitizer removes them; its links to missing pages fail the build).
    """
    builder.md(
        "pages/kaputt.de.md",
        "title: Kaputt (Beispiel)",
        """
        Ein [Link zu einem Abschnitt, den es nicht
        gibt](/de/kaputt/#nirgendwo).

        <p id="main">Eine doppelte ID</p>
        """,
    )
    builder.md("pages/kaputt.en.md", "title: Broken (example)", "Nothing wrong here.")
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "page.html"
    text = template.read_text("utf-8")
    text = text.replace(
        "{% block main %}",
        '{% block head %}<script src="https://cdn.example.net/tracker.js"></script>'
        '{% endblock %}\n{% block main %}<img src="/favicon.svg">'
        '<a href="/de/gibt-es-nicht/">Ins Leere</a>'
        '<form action="/suche/"><input type="text" name="q">'
        "<button>Suchen</button></form>",
        1,
    )
    template.write_text(text, "utf-8")
    return theme


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The project's own content, built with production settings."""
    builder = SiteBuilder(tmp_path_factory.mktemp("quality-sample"))
    builder.content = ROOT / "content"
    return builder.build("publishconf.py", SITEURL=SITE_URL)


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("broken")
    builder = SiteBuilder(root)
    theme = write_broken_site(builder, root)
    result = builder.build("publishconf.py", THEME=str(theme), SITEURL=SITE_URL)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.slow
def test_the_sample_site_passes_every_check(sample_site):
    assert sample_site.exit_code == 0, sample_site.stderr
    from bilingual.settings import load

    patterns = load(str(ROOT / "publishconf.py")).page_patterns
    site = OutputSite(sample_site.output, SITE_URL, patterns)
    assert len(site.pages) > 20
    findings = run_checks(site)
    assert not findings, "\n" + format_findings(findings)


@pytest.mark.parametrize(
    ("check", "expected"),
    [
        (
            "links",
            "broken link /de/gibt-es-nicht/: /de/gibt-es-nicht/index.html "
            "does not exist",
        ),
        (
            "links",
            "broken link /de/kaputt/#nirgendwo: /de/kaputt/ has no element "
            'with id "nirgendwo"',
        ),
        ("images", 'image /favicon.svg has no alt text (alt="" if it is decoration)'),
        ("images", "image /favicon.svg has no valid width and height"),
        ("controls", 'form control <input type="text" name="q"> has no label'),
        ("third-party", "loads a script from the third-party host cdn.example.net"),
    ],
)
def test_a_broken_page_fails_each_check_naming_page_and_problem(
    broken_site, check, expected
):
    site = OutputSite(broken_site.output, SITE_URL)
    findings = [f for c in STATIC_CHECKS for f in c(site) if f.check == check]
    on_page = [str(f) for f in findings if f.page == BROKEN_PAGE]
    assert any(expected in message for message in on_page), on_page


@pytest.mark.slow
def test_the_validator_names_the_page_line_and_error(broken_site):
    findings = run_vnu(broken_site.output)
    messages = [str(f) for f in findings]
    assert any(
        m.startswith(f"/{BROKEN_PAGE}: line ") and "Duplicate ID “main”" in m
        for m in messages
    ), messages
    assert {f.page for f in findings} <= {BROKEN_PAGE, "en/kaputt/"}


def test_vnu_json_becomes_findings(tmp_path):
    report = json.dumps(
        {
            "messages": [
                {
                    "type": "error",
                    "url": f"file:{tmp_path}/de/x/index.html",
                    "lastLine": 3,
                    "message": "Stray end tag “p”.",
                },
                {"type": "info", "url": f"file:{tmp_path}/de/", "message": "a note"},
            ]
        }
    )
    findings = parse_vnu(report, tmp_path)
    assert [str(f) for f in findings] == ["/de/x/: line 3: Stray end tag “p”."]
    with pytest.raises(RuntimeError, match="no JSON"):
        parse_vnu("Exception in thread main", tmp_path)


def test_the_command_line_prints_problems_and_fails(broken_site, capsys):
    code = main([str(broken_site.output), "--site-url", SITE_URL, "--no-validator"])
    out = capsys.readouterr().out
    assert code == 1
    assert "[links]" in out and "/de/kaputt/: broken link /de/gibt-es-nicht/" in out
    assert "Heaviest pages" in out


@pytest.mark.slow
def test_the_command_line_passes_a_good_site(sample_site, capsys):
    code = main([str(sample_site.output), "--site-url", SITE_URL, "--no-validator"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "No problems found." in out


def test_the_command_line_needs_a_built_site(tmp_path, capsys):
    assert main([str(tmp_path / "output")]) == 2
    assert "build the site first" in capsys.readouterr().err
