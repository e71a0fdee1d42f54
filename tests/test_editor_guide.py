"""The editor guides quote exactly what the software prints.

Both guides show messages in fenced blocks marked ``meldung`` (German) or
``message`` (English). A line that starts with ``content/`` must be printed,
word for word, by a build of the small site below, which contains every
mistake the guides show; any other line must be a message of the catalog in
the guide's language (with its values filled in). So a message that changes
fails this test until the guides say what the software says.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT
from PIL import Image

GUIDES = {
    "de": ROOT / "docs" / "editor-guide.de.md",
    "en": ROOT / "docs" / "editor-guide.en.md",
}
MARKER = {"de": "meldung", "en": "message"}
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s")
LOCALE_VARIABLES = ("SITE_EDITOR_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def quoted(lang: str) -> list[str]:
    """The lines of the guide's message blocks."""
    text = GUIDES[lang].read_text("utf-8")
    blocks = re.findall(rf"^ *```{MARKER[lang]}\n(.*?)^ *```$", text, re.M | re.S)
    return [
        line.strip() for block in blocks for line in block.splitlines() if line.strip()
    ]


def picture(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())


def mistakes(site) -> None:
    """Every mistake the guides show, in the files they name."""
    member = (
        "name: {name}\nregion: schleswig-holstein\ncity: Kiel\ntype: association\n"
        "description:\n{indent}de: Text\n  en: Text\n"
    )
    site.write("members/diwish.yml", member.format(name="DiWiSH", indent="  "))
    site.write("members/kiel.yml", member.format(name="Kiel", indent="\t"))
    picture(site.content / "images" / "news" / "2018" / "pokal.jpg")
    picture(site.content / "images" / "news" / "2017" / "rathaus.jpg")
    site.write(
        "news/2018/ueberflieger.de.md",
        "---\ntitle: Überflieger: die Gewinner\ndate: 2018-05-04\n---\n\n"
        "Die Gewinner stehen fest.\n\n![]({static}/images/news/2018/pokal.jpg)\n",
    )
    site.write(
        "news/2018/ueberflieger.en.md", "---\ntitle: High flyers\n---\n\nText.\n"
    )
    site.write(
        "news/2017/city-partnership.de.md",
        "---\ntitle: Städtepartnerschaft\ndate: 2017-02-30\n"
        "image: images/news/2017/rathaus.jpg\n---\n\nText.\n",
    )
    site.write(
        "news/2017/city-partnership.en.md",
        "---\ntitle: Twin cities\ndate: 30.01.2017\n---\n\nText.\n",
    )
    site.write(
        "news/2019/kiel-besuch.de.md",
        "---\ntitle: Besuch aus Kiel\ndate: 2019-03-01\nmembers: [kiel]\n---\n",
    )
    site.write(
        "news/2019/diwish-besuch.de.md",
        "---\ntitle: DiWiSH zu Gast\ndate: 2019-04-01\nmembers: [diwsh]\n---\n",
    )
    site.write("news/foo.md", "---\ntitle: Foo\ndate: 2020-01-01\n---\n")
    site.write("news/Sommer_Fest.de.md", "---\ntitle: Fest\ndate: 2020-01-01\n---\n")
    site.write(
        "news/2018/empfang.de.md", "---\ntitle: Empfang\ndate: 2018-01-01\n---\n"
    )
    site.write(
        "news/2019/empfang.de.md", "---\ntitle: Empfang\ndate: 2019-01-01\n---\n"
    )
    site.write(
        "events/diwish-signing.de.md",
        "---\ntitle: Unterzeichnung\nstart: 2017-02-10 15:15\nlocation:\n"
        "\tname: The Bay Areas e.V.\n  city: Kiel\n---\n\nText.\n",
    )
    site.write(
        "events/sommerfest.de.md",
        "---\ntitle: Sommerfest\nstart: 2019-07-05 18:00\nend: 2019-07-05 16:00\n"
        "location:\n  city: Kiel\nmembers: [diwsh]\n---\n\nText.\n",
    )
    site.write(
        "pages/contact.de.md",
        "---\ntitel: Kontakt\nslug: kontakt\n---\n\nSchreiben Sie uns.\n",
    )
    site.write(
        "pages/about.de.md",
        "---\ntitle: Über uns\nslug: ueber-uns\n---\n\n"
        "Wir verbinden Kiel und die Bay Area.\n\n"
        "[Mitglied werden]({filename}/pages/membership.md)\n\n"
        "[Kontakt]({filename}/pages/contact.de.md)\n\n"
        '<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    """What a strict build of the mistakes prints, per editor language."""
    from conftest import SiteBuilder

    result = {}
    with pytest.MonkeyPatch.context() as patch:
        for name in LOCALE_VARIABLES:
            patch.delenv(name, raising=False)
        for lang in ("de", "en"):
            patch.setenv("SITE_EDITOR_LANGUAGE", lang)
            site = SiteBuilder(tmp_path_factory.mktemp(f"guide-{lang}"))
            mistakes(site)
            build = site.build("publishconf.py")
            assert build.exit_code == 1
            root = str(site.root) + "/"
            result[lang] = [
                line.replace(root, "") for line in build.stderr.splitlines()
            ]
    return result


def templates(lang: str) -> list[re.Pattern[str]]:
    """Every message of the catalogs as a pattern: values may be anything."""
    catalog = []
    for domain in ("messages", "editor"):
        po = ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"
        with open(po, "rb") as handle:
            catalog += list(read_po(handle, locale=lang))
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        texts = [s for s in strings if s] if lang != "en" else list(ids)
        for text in texts:
            text = text.replace("{{", "{").replace("}}", "}")
            if sum(c.isalpha() for c in PLACEHOLDER.sub("", text)) < 5:
                continue  # "{field}: {message}" would match any line
            pattern = "".join(
                ".+?" if PLACEHOLDER.fullmatch(p) else re.escape(p)
                for p in re.split(f"({PLACEHOLDER.pattern})", text)
            )
            patterns.append(re.compile(pattern))
    return patterns


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_guide_quotes_messages(lang):
    assert len(quoted(lang)) >= 15, "the guide shows the common messages"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_quoted_message_is_what_the_build_prints(lang, printed):
    lines = [line for line in quoted(lang) if line.startswith("content/")]
    missing = [line for line in lines if line not in printed[lang]]
    assert missing == [], "\n".join(printed[lang])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_other_quoted_lines_are_messages_of_the_catalog(lang):
    patterns = templates(lang)
    lines = [line for line in quoted(lang) if not line.startswith("content/")]
    unknown = [line for line in lines if not any(p.fullmatch(line) for p in patterns)]
    assert unknown == []


def test_both_guides_show_the_same_mistakes():
    def places(lang: str) -> list[str]:
        return [
            line.split(": ", 1)[0]
            for line in quoted(lang)
            if line.startswith("content/")
        ]

    assert places("de") == places("en")
