"""Build messages in the editor's language: German by default, English on request.

The other tests read English (``conftest`` sets ``SITE_EDITOR_LANGUAGE=en``);
these build the same mistakes for a German-speaking editor, chosen either by
``SITE_EDITOR_LANGUAGE`` or by the usual locale variables, and check that
every message the code can produce has a German translation.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

from scripts.catalogs import DOMAINS, extract_commands, message_ids, template

LOCALE_VARIABLES = ("SITE_EDITOR_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(params=["SITE_EDITOR_LANGUAGE", "LANG"])
def german(request, monkeypatch):
    """The editor's language set to German one way or the other."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    value = "de" if request.param == "SITE_EDITOR_LANGUAGE" else "de_DE.UTF-8"
    monkeypatch.setenv(request.param, value)


def broken_site(site):
    """One of each of the editors' common mistakes."""
    member = (
        "name: {name}\nregion: schleswig-holstein\ncity: Kiel\ntype: association\n"
        "description:\n{indent}de: Text\n  en: Text\n"
    )
    site.write("members/diwish.yml", member.format(name="DiWiSH", indent="  "))
    site.write("members/kiel.yml", member.format(name="Kiel", indent="\t"))
    site.md("news/colon.de.md", "title: Kiel: eine Stadt am Meer\ndate: 2020-01-01")
    site.md("news/typo.de.md", "titel: Sommerfest\ntitle: Sommerfest\ndate: 2020-01-01")
    site.md("news/date.de.md", "title: Termin\ndate: 30.01.2020")
    site.md("news/picture.de.md", "title: Bild\ndate: 2020-01-01\nimage: images/a.jpg")
    site.md("news/member.de.md", "title: Neu\ndate: 2020-01-01\nmembers: [diwsh]")


def test_messages_are_german_by_the_editors_choice(site, german):
    broken_site(site)
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    problems = [line.split("/content/", 1)[-1] for line in result.problems]
    assert problems == [
        "members/kiel.yml:6: die Zeile beginnt mit einem Tabulator; rücken Sie "
        "mit Leerzeichen ein",
        "news/colon.de.md:2: der Wert enthält einen Doppelpunkt („: “), der ein neues "
        "Feld beginnen würde; setzen Sie den ganzen Wert in doppelte "
        'Anführungszeichen: title: "Kiel: eine Stadt am Meer"',
        "news/date.de.md:3: date: „30.01.2020“ ist kein Datum; schreiben Sie "
        "JJJJ-MM-TT oder JJJJ-MM-TT HH:MM, z. B. 2017-01-27 oder 2017-01-27 10:00",
        "news/member.de.md:4: members: ein Mitglied „diwsh“ gibt es nicht (keine "
        "Datei content/members/diwsh.yml) (meinten Sie „diwish“?)",
        "news/picture.de.md:4: image: ergänzen Sie „image_alt“, eine kurze "
        "Beschreibung des Bildes für alle, die es nicht sehen können",
        "news/typo.de.md:2: Warnung: titel: unbekanntes Feld (meinten Sie „title“?); "
        "es wird ignoriert",
    ]
    assert result.stderr.rstrip().endswith(
        "Der Build ist mit 5 Fehlern gescheitert; nichts wurde veröffentlicht, "
        "die bisherige Fassung bleibt unverändert."
    )


def test_the_preview_summary_is_german(site, german):
    site.md("news/date.de.md", "title: Termin\ndate: 30.01.2020")
    site.news("good", "de", "Gut")
    result = site.build("pelicanconf.py")
    assert result.exit_code == 0
    lines = result.stderr.strip().splitlines()
    assert lines[-2] == (
        "1 Fehler: Diese Vorschau lässt weg, was nicht gelesen werden konnte; "
        "beheben Sie ihn vor dem Veröffentlichen."
    )
    assert " Seiten (de, en) in " in lines[-1]
    assert lines[-1].endswith(" s gebaut; 1 Fehler.")


def test_without_a_choice_messages_are_german(site, monkeypatch):
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    site.md("news/date.de.md", "title: Termin\ndate: 2020-02-30")
    result = site.build("publishconf.py")
    assert "date: „2020-02-30“ ist kein gültiges Datum: Diesen Tag gibt es nicht" in (
        result.stderr
    )


def test_an_english_locale_gives_english(site, monkeypatch):
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    site.md("news/date.de.md", "title: Termin\ndate: 2020-02-30")
    result = site.build("publishconf.py")
    assert "date: '2020-02-30' is not a valid date: that day does not exist" in (
        result.stderr
    )


def german_catalogs():
    """Both German catalogs: what visitors read and what editors read."""
    for domain in DOMAINS:
        po = ROOT / "theme" / "translations" / "de" / "LC_MESSAGES" / f"{domain}.po"
        with open(po, "rb") as handle:
            yield from read_po(handle, locale="de")


def test_every_message_of_the_code_has_a_german_translation(tmp_path):
    """Extract as ``invoke i18n.extract`` does; every id must be translated."""
    for command in extract_commands(sys.executable, tmp_path):
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    wanted = set().union(*(message_ids(template(tmp_path, d)) for d in DOMAINS))
    translated = set()
    for message in german_catalogs():
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.id and all(strings) and not message.fuzzy:
            translated.add(message.id if isinstance(message.id, str) else message.id[0])
    wanted.discard("")
    assert len(wanted) > 400
    assert sorted(wanted - translated) == []


def test_german_translations_keep_every_placeholder():
    """A translation that drops ``{name}`` would lose what the message is about."""
    import re

    placeholder = re.compile(r"\{(\w+)\}")
    lost = []
    for message in german_catalogs():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        wanted = set(placeholder.findall(ids[-1]))
        for text in strings:
            if text and set(placeholder.findall(text)) != wanted:
                lost.append((ids[0], text))
    assert lost == []


def test_pelicans_own_count_of_nothing_is_left_out(site, capsys):
    # Pelican would close with "Done: Processed 0 articles, … 0 pages", since
    # its own generators read nothing here; the site's line says what was built.
    site.news("good", "de", "Gut")
    result = site.build("pelicanconf.py")
    printed = capsys.readouterr().out + result.stderr
    assert " pages (de, en) built in " in printed
    assert "Processed" not in printed
    from pelican.log import console

    assert "print" not in vars(console)  # the console prints as before afterwards
