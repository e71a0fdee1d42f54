"""Two catalogs per language: what visitors read and what editors read.

Every site language must have its visitors' catalog complete (a page that
mixes languages is a broken page); editors' messages, the importer's and
the build's are in a catalog of their own, so translating the site into a
new language means translating what visitors read.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from bilingual.catalogs import (
    catalog_gaps,
    editor_languages,
    load_catalog,
    po_path,
    untranslated,
    visitor_catalog,
)
from bilingual.settings import load
from scripts.catalogs import (
    DOMAINS,
    EDITORS,
    VISITORS,
    extract_commands,
    message_ids,
    template,
)

TRANSLATIONS = ROOT / "theme" / "translations"
SETTINGS = load(str(ROOT / "pelicanconf.py"))


@pytest.mark.parametrize("lang", SETTINGS.languages)
def test_every_site_language_has_its_visitors_strings_translated(lang):
    path = po_path(str(TRANSLATIONS), lang)
    assert untranslated(path, lang) == []
    assert catalog_gaps(str(TRANSLATIONS), (lang,)) == []


def test_an_untranslated_or_missing_visitors_catalog_is_found(tmp_path):
    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    folder = tmp_path / "translations"
    po = folder / "de" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr "Zum Inhalt springen"', 'msgstr ""'), "utf-8")
    assert untranslated(str(po), "de") == ["Skip to content"]
    gaps = {
        gap.lang: gap.untranslated
        for gap in catalog_gaps(str(folder), (*SETTINGS.languages, "fr"))
    }
    assert gaps == {"de": 1, "fr": None}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Both templates as ``invoke i18n.extract`` makes them, from the code."""
    folder = tmp_path_factory.mktemp("pot")
    for command in extract_commands(sys.executable, folder):
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    from scripts.catalogs import drop_shared

    drop_shared(folder)
    return {domain: message_ids(template(folder, domain)) for domain in DOMAINS}


def test_visitors_and_editors_strings_are_collected_apart(extracted):
    visitors, editors = extracted[VISITORS], extracted[EDITORS]
    assert not visitors & editors
    # Templates and labels of what pages show: the visitors' catalog.
    for message in ("Skip to content", "News", "Members", "Region", "yes"):
        assert message in visitors, message
    # The build's, the checks', the interface's and the importer's messages.
    for message in (
        "the file is not saved as UTF-8 text; save it again with the encoding "
        "UTF-8 (most editors offer it under 'Save as')",
        "'draft' keeps the item unpublished",
        "%(count)s error",
        "Use lower-case letters a-z, digits and single '-' only",
        "written",  # the WordPress import's report
        "Editing",  # the editing interface's page
    ):
        assert message in editors, message
        assert message not in visitors, message
    assert len(visitors) < len(editors) / 2


def test_the_committed_templates_are_what_the_code_marks(extracted):
    for domain in DOMAINS:
        assert message_ids(template(TRANSLATIONS, domain)) == extracted[domain], (
            f"run invoke i18n.extract i18n.update: {domain}.pot is out of date"
        )


def test_editors_read_their_messages_and_the_visitors_words():
    german = load_catalog(str(TRANSLATIONS), "de")
    assert german.gettext("'draft' keeps the item unpublished") == (
        "'draft' hält den Beitrag unveröffentlicht"
    )
    assert german.gettext("News") == "Aktuelles"  # from the visitors' catalog
    visitors = visitor_catalog(str(TRANSLATIONS), "de")
    assert visitors.gettext("'draft' keeps the item unpublished") == (
        "'draft' keeps the item unpublished"
    )
    assert editor_languages(str(TRANSLATIONS)) == ("de", "en")
