"""Links typed as site addresses are checked by the build, with their line."""

from __future__ import annotations

MEMBER = """\
name: DiWiSH
region: schleswig-holstein
city: Kiel
type: association
description:
  de: Ein Netzwerk. Siehe [Aktuelles](/de/aktuelles/).
  en: A network.
"""


def test_typed_links_must_lead_to_a_page(site):
    site.write("members/diwish.yml", MEMBER)
    site.md(
        "news/a.de.md",
        'title: "A"\ndate: 2026-01-10\ntags: [Kiel]',
        "Mehr über [DiWiSH](/de/mitglieder/diwish/) und den [Abschnitt]"
        "(/de/aktuelles/a/#mehr).\n\n"
        "Ein Tippfehler: [DiWiSH](/de/mitglieder/diwsh/).\n\n"
        "Ohne Schrägstrich: [Liste](/de/aktuelles) und "
        "[Schlagwort](/de/schlagwort/kiel/).",
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "leads to no page" in line]
    assert len(errors) == 1, errors
    assert errors[0].endswith(
        "news/a.de.md:9: the link /de/mitglieder/diwsh/ leads to no "
        "page of this site (did you mean /de/mitglieder/diwish/?)"
    )


def test_typed_links_follow_the_site_below_a_path(site):
    site.news("a", "de", "A", date="2026-01-10")
    site.md(
        "news/b.de.md",
        'title: "B"\ndate: 2026-01-11',
        "Siehe [A](/de/aktuelles/a/).",
    )
    result = site.build("publishconf.py", SITEURL="https://example.org/site")
    assert result.exit_code == 0, result.stderr
    link = result.html("de/aktuelles/b/").select_one(".prose a")
    assert link["href"] == "/site/de/aktuelles/a/"
