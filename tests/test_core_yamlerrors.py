"""Broken YAML is explained in plain words, with the line and the fix.

The parser's own complaints ("found character that cannot start any token")
never reach an editor; each known slip gets a sentence about what was
written and what to write instead, in English and in German.
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from bilingual.catalogs import load_catalog
from sitecore.yamldoc import YamlError, load_yaml

GERMAN = load_catalog(str(ROOT / "theme" / "translations"), "de").gettext
#: Words of the parser that mean nothing to an editor.
JARGON = (
    "token",
    "mapping",
    "scalar",
    "block end",
    "node",
    "stream",
    "alias",
    "anchor",
)


def explained(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_yaml(text, first_line=2)
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "english", "german"),
    [
        (
            "title: Kiel: a city\n",
            2,
            'double quotes: title: "Kiel: a city"',
            "Doppelpunkt",
        ),
        ("title: a\n\tdate: b\n", 3, "starts with a tab", "Tabulator"),
        ("location:\n  name: a\n\tcity: b\n", 4, "starts with a tab", "Tabulator"),
        (
            "title: @kiel\n",
            2,
            "starts with '@' must be put in double quotes",
            "Anführungszeichen",
        ),
        ("title: `x`\n", 2, "starts with '`'", "Anführungszeichen"),
        (
            "title: x\nthis is text\ndate: 2020\n",
            3,
            "this line has no colon",
            "Doppelpunkt",
        ),
        ('title: "Kiel\ndate: 2020-01-01\n', 2, "never closed", "Anführungszeichen"),
        (
            'title: "Kiel" am Meer\n',
            2,
            "text after the closing quotation mark",
            "Anführungszeichen",
        ),
        ("tags: [a, b\ndate: 2020\n", 2, "'[' is not closed", "Anführungszeichen"),
        ("tags: - a\n", 2, "must start a line of its own", "eckigen Klammern"),
        (
            "location:\n  name: x\n city: y\n",
            4,
            "indentation of this line",
            "Einrückung",
        ),
        (
            "title: x\n  date: y\n",
            3,
            "indented more than the line before",
            "eingerückt",
        ),
        ("title: [Update] News\n", 2, "is read as a list", "Anführungszeichen"),
        ("title: *wichtig* news\n", 2, "starts with '*'", "Anführungszeichen"),
        ("title: |x\n", 2, "starts with '|'", "Anführungszeichen"),
        ("tags: [a, , b]\n", 2, "remove the extra comma", "Komma"),
        (
            "title:Kiel\ndate: x\n",
            2,
            "a space is missing after the colon",
            "Leerzeichen",
        ),
        ("title: !wichtig text\n", 2, "starts with '!'", "Anführungszeichen"),
    ],
)
def test_each_slip_is_said_plainly_with_its_fix(text, line, english, german):
    error = explained(text)
    assert error.line == line
    assert english in str(error)
    assert not any(word in str(error).lower() for word in JARGON)
    shown = error.message.render(GERMAN)
    assert german in shown
    assert not any(word in shown.lower() for word in JARGON)
