"""README "Adding a language", followed: French added to the sample site.

The settings name French and a French catalog of the site's texts is there;
the member and person files stay as they are (German and English texts
only). French pages show the German texts meanwhile, marked as German; the
German and English site is exactly what it was, apart from the links to
the new language; the translation report lists every text shown instead.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, SiteBuilder

from bilingual.catalogs import catalog_gaps
from bilingual.settings import load
from sitecore.report import markdown_report

SITE_URL = "https://example.org"
#: A French catalog of the theme's texts, as a translator starts it.
FRENCH = {
    "Skip to content": "Aller au contenu",
    "Members": "Membres",
    "News": "Actualités",
    "Events": "Événements",
    "Board and office": "Bureau et secrétariat",
}


def french_theme(root: Path, catalog: bool = True) -> Path:
    """A copy of the theme with (or without) a French catalog."""
    theme = root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    if catalog:
        po = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(
            "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in FRENCH.items()),
            "utf-8",
        )
    return theme


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The sample content built before and after French was added."""
    before = SiteBuilder(tmp_path_factory.mktemp("bilingual"))
    before.content = ROOT / "content"
    two = before.build("publishconf.py", SITEURL=SITE_URL)
    assert two.exit_code == 0, two.stderr
    after = SiteBuilder(tmp_path_factory.mktemp("trilingual"))
    after.content = ROOT / "content"
    three = after.build(
        "publishconf.py",
        SITEURL=SITE_URL,
        SITE_LANGUAGES=("de", "en", "fr"),
        THEME=str(french_theme(after.root)),
    )
    assert three.exit_code == 0, three.stderr
    return two, three


def without_french(html: str) -> str:
    """A page with its links to the French version taken out."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select('[hreflang="fr"]'):
        item = link.find_parent("li") or link
        item.decompose()
    for meta in soup.select('meta[content="fr_FR"]'):
        meta.decompose()
    return re.sub(r">\s+<", "><", str(soup))


def test_german_and_english_pages_are_what_they_were(builds):
    two, three = builds
    compared = 0
    for lang in ("de", "en"):
        for path in sorted((two.output / lang).rglob("*")):
            if not path.is_file() or path.suffix in (".gz", ".br"):
                continue
            relpath = path.relative_to(two.output)
            other = three.output / relpath
            assert other.is_file(), relpath
            old, new = path.read_bytes(), other.read_bytes()
            if path.suffix == ".html":
                old = without_french(old.decode()).encode()
                new = without_french(new.decode()).encode()
            assert old == new, relpath
            compared += 1
        extra = {
            p.relative_to(three.output)
            for p in (three.output / lang).rglob("*")
            if p.is_file()
        } - {p.relative_to(two.output) for p in (two.output / lang).rglob("*")}
        assert extra == set()
    assert compared > 50
    board = two.html("de/vorstand/")
    assert board.select(".person"), "the sample has people on its board page"


def test_members_and_board_show_the_german_texts_marked_as_german(builds):
    _, three = builds
    directory = three.html("fr/members/")
    names = [a.get_text() for a in directory.select(".member-card__name a")]
    assert len(names) == len(list((ROOT / "content" / "members").glob("*.yml")))
    profile = three.html("fr/members/diwish/")
    assert profile.html["lang"] == "fr"
    prose = profile.select_one(".member-profile .prose")
    assert prose["lang"] == "de"
    german = three.html("de/mitglieder/diwish/").select_one(".member-profile .prose")
    assert prose.get_text() == german.get_text()
    assert "lang" not in german.attrs
    board = three.html("fr/board/")
    assert board.select_one("h1").get_text() == "Bureau et secrétariat"
    roles = board.select(".person__role")
    assert roles and {role["lang"] for role in roles} == {"de"}
    english = three.html("en/board/").select(".person__role")
    assert all("lang" not in role.attrs for role in english)


def test_the_report_lists_every_text_shown_in_german(builds):
    settings = load(
        str(ROOT / "pelicanconf.py"),
        PATH=str(ROOT / "content"),
        SITE_LANGUAGES=("de", "en", "fr"),
    )
    lines = settings.translation_report(changed=lambda paths: {})
    shown = {
        line.source.relpath: (line.missing, line.fallback, line.fields)
        for line in lines
        if line.fallback
    }
    members = sorted(p.name for p in (ROOT / "content" / "members").glob("*.yml"))
    people = sorted(p.name for p in (ROOT / "content" / "people").glob("*.yml"))
    assert shown == {
        **{f"members/{name}": (("fr",), "de", ("description",)) for name in members},
        **{f"people/{name}": (("fr",), "de", ("role",)) for name in people},
    }
    report = markdown_report(lines)
    assert (
        "| `members/diwish.yml` | missing in: fr; description: the de text is "
        "shown meanwhile |" in report
    )


def test_a_language_without_a_catalog_is_named_not_silently_english(tmp_path):
    site = SiteBuilder(tmp_path)
    site.content = ROOT / "content"
    theme = french_theme(tmp_path, catalog=False)
    result = site.build(
        "publishconf.py", SITE_LANGUAGES=("de", "en", "fr"), THEME=str(theme)
    )
    assert result.exit_code == 0, result.stderr
    catalog = os.path.join("translations", "fr", "LC_MESSAGES", "messages.po")
    warning = [line for line in result.stderr.splitlines() if catalog in line]
    assert len(warning) == 1
    assert "no catalog of the site's own texts for 'fr'" in warning[0]
    gaps = catalog_gaps(str(theme / "translations"), ("de", "en", "fr"))
    assert [(gap.lang, gap.untranslated) for gap in gaps] == [("fr", None)]
    report = markdown_report([], catalogs=gaps)
    assert "fr: there is no catalog of the site's own texts" in report


def test_a_required_language_stays_required(site):
    site.write(
        "people/schulz.yml",
        """\
        name: Axel Schulz
        role: {de: Vorsitzender}
        group: board
        """,
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert any("the text for 'en:' is missing" in line for line in result.problems), (
        result.stderr
    )
    french = site.build(
        "publishconf.py",
        name="french",
        SITE_LANGUAGES=("de", "en", "fr"),
        REQUIRED_LANGUAGES=("de",),
    )
    assert french.exit_code == 0, french.stderr
    roles = french.html("en/board/").select(".person__role")
    assert [(r.get_text(), r["lang"]) for r in roles] == [("Vorsitzender", "de")]


def test_the_editing_interface_requires_only_the_required_languages(builds):
    import yaml

    _, three = builds
    config = yaml.safe_load(three.file("admin/config.yml").read_text("utf-8"))
    members = next(c for c in config["collections"] if c["name"] == "members")
    description = next(f for f in members["fields"] if f["name"] == "description")
    required = {
        field["name"]: field.get("required", True) for field in description["fields"]
    }
    assert required == {"de": True, "en": True, "fr": False}


def test_an_empty_text_of_a_language_not_required_falls_back():
    from pydantic import ValidationError

    from members.model import MemberMeta

    context = {"languages": ("de", "en", "fr"), "required": ("de", "en")}
    fields = {
        "name": "Beispiel GmbH",
        "region": "schleswig-holstein",
        "city": "Kiel",
        "type": "company",
    }
    meta = MemberMeta.model_validate(
        {**fields, "description": {"de": "Text", "en": "Text", "fr": ""}},
        context=context,
    )
    assert meta.text_in("description", "fr", "de") == ("Text", "de")
    with pytest.raises(ValidationError, match="the text for 'en:' is empty"):
        MemberMeta.model_validate(
            {**fields, "description": {"de": "Text", "en": ""}}, context=context
        )
