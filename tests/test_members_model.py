"""Member files: validation with lines, collation, dates, structured data."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from events.model import EventMeta
from members.model import MemberMeta
from members.pages import (
    MemberEntry,
    initials,
    naming,
    organization_jsonld,
    sort_by_name,
)
from sitecore.collation import german_sort_key, sort_key
from sitecore.entry import entries_from, pair_translations
from sitecore.fields import PartialDate as MemberSince
from sitecore.models import NewsMeta
from sitecore.problems import ProblemLog
from sitecore.readall import read_all
from sitecore.reader import ReadJob
from sitecore.sources import scan_section

LANGUAGES = ("de", "en")

VALID = """\
name: DiWiSH – Digitale Wirtschaft Schleswig-Holstein
short_name: DiWiSH
region: schleswig-holstein
city: Kiel
type: association
topics: [business, education]
website: https://www.diwish.de
member_since: 2017-02-10
description:
  de: |
    Das Netzwerk der **Digitalwirtschaft**.
  en: |
    The network of the **digital economy**.
"""


def load(tmp_path: Path, files: dict[str, str]):
    """Write member files, load them, return (members, problem lines)."""
    content = tmp_path / "content"
    for name, text in files.items():
        path = content / "members" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")
    problems = ProblemLog()
    sources = scan_section(
        str(content), "members", LANGUAGES, problems, yaml_files=True
    )
    jobs = [
        ReadJob(source, MemberMeta, "Europe/Berlin", LANGUAGES) for source in sources
    ]
    results = read_all(jobs, 1)
    entries = entries_from(results, problems, MemberEntry)
    pair_translations(entries, LANGUAGES)
    for entry in entries:
        entry.url = f"{entry.lang}/m/{entry.key}/"
    loaded = SimpleNamespace(
        members=[entry for entry in entries if entry.lang == "de"],
        entries=entries,
        failed={r.source.key: r.source.relpath for r in results if r.failed},
    )
    return loaded, [p.format(str(tmp_path)) for p in problems]


def replace(line: str, new: str) -> str:
    """VALID with the line starting with ``line`` replaced by ``new``."""
    assert any(row.startswith(line) for row in VALID.splitlines()), line
    out = [new if row.startswith(line) else row for row in VALID.splitlines()]
    return "\n".join(out) + "\n"


def test_valid_file_reads_with_rendered_descriptions(tmp_path):
    loaded, problems = load(tmp_path, {"diwish.yml": VALID})
    assert problems == []
    (member,) = loaded.members
    assert member.key == "diwish"
    assert member.meta.topics == ["business", "education"]
    assert member.meta.member_since == MemberSince(2017, 2, 10)
    assert "<strong>Digitalwirtschaft</strong>" in member.content
    english = member.translations["en"]
    assert "<strong>digital economy</strong>" in english.content
    assert english.title == member.title == member.meta.name


@pytest.mark.parametrize(
    ("line", "new", "expected"),
    [
        ("region:", "region: bayarea", "3: region: 'bayarea' is not a known region"),
        ("type:", "type: verein", "5: type: 'verein' is not a known type"),
        (
            "topics:",
            "topics: [culture, sprot]",
            "6: topics: 'sprot' is not a known topic",
        ),
        (
            "website:",
            "website: javascript:alert(1)",
            "7: website: 'javascript:alert(1)'",
        ),
        (
            "website:",
            "website: www.diwish.de",
            "7: website: 'www.diwish.de' is not a web",
        ),
        (
            "member_since:",
            "member_since: 2021-02-30",
            "8: member_since: '2021-02-30' is",
        ),
        (
            "member_since:",
            "member_since: 2017-13",
            "8: member_since: '2017-13' is not a",
        ),
        (
            "member_since:",
            "member_since: 10.02.2017",
            "8: member_since: '10.02.2017' is",
        ),
        (
            "website:",
            "logo: images/members/x.svg",
            "7: logo: SVG logos are not supported",
        ),
        ("website:", "websit: https://x.de", "7: websit: unknown field (did you mean"),
        ("website:", "example: maybe", "7: example: expected true or false"),
        ("city:", "city:", "4: city: must not be empty"),
        ("name:", "# no name", "1: name: missing required field"),
        ("  en: |", "  fr: |", "9: description: unknown language 'fr'"),
    ],
)
def test_each_mistake_is_reported_on_its_line(tmp_path, line, new, expected):
    loaded, problems = load(tmp_path, {"diwish.yml": replace(line, new)})
    assert loaded.members == []
    assert loaded.failed == {"diwish": "members/diwish.yml"}
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"content/members/diwish.yml:{expected}"), problems


def test_allowed_values_are_listed_with_a_suggestion(tmp_path):
    _, problems = load(tmp_path, {"x.yml": replace("region:", "region: Bay-Area")})
    assert "use one of: schleswig-holstein, bay-area" in problems[0]
    assert "(did you mean 'bay-area'?)" in problems[0]


def test_description_missing_a_language_points_at_description(tmp_path):
    text = VALID.split("description:")[0] + "description:\n  de: Nur Deutsch.\n"
    _, problems = load(tmp_path, {"x.yml": text})
    assert problems == [
        "content/members/x.yml:9: description: the text for 'en:' is missing; "
        "add a line 'en:' with it"
    ]


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    text = """\
    name: Beispiel
    regoin: bay-area
    city: Kiel
    type: verein
    website: javascript:alert(1)
    member_since: 2021-02-30
    description:
      de: Text
    """
    _, problems = load(tmp_path, {"x.yml": text})
    lines = sorted(int(p.split(":")[1]) for p in problems)
    assert lines == [1, 2, 4, 5, 6, 7], problems  # region missing is on line 1


def test_yaml_values_stay_text(tmp_path):
    text = replace("city:", "city: NO").replace("type: association", "type: company")
    loaded, problems = load(tmp_path, {"no.yml": text})
    assert problems == []
    assert loaded.members[0].meta.city == "NO"


@pytest.mark.parametrize(
    ("written", "since", "de", "en"),
    [
        ("2017", MemberSince(2017), "2017", "2017"),
        ("2017-02", MemberSince(2017, 2), "Februar 2017", "February 2017"),
        (
            "2017-02-10",
            MemberSince(2017, 2, 10),
            "10. Februar 2017",
            "February 10, 2017",
        ),
    ],
)
def test_member_since_precision(tmp_path, written, since, de, en):
    loaded, problems = load(
        tmp_path, {"x.yml": replace("member_since:", f"member_since: {written}")}
    )
    assert problems == []
    value = loaded.members[0].meta.member_since
    assert value == since
    assert value.iso == written
    assert (value.format("de"), value.format("en")) == (de, en)


def test_file_names_are_checked_and_hidden_files_skipped(tmp_path):
    loaded, problems = load(
        tmp_path,
        {
            "Bad_Key.yml": VALID,
            "other.yaml": VALID,
            "_draft.yml": "not: [valid",
            ".hidden.yml": "not: [valid",
            "good.yml": VALID,
        },
    )
    assert [m.key for m in loaded.members] == ["good"]
    assert len(problems) == 2
    assert "'Bad_Key' is not a valid key" in problems[0]
    assert "rename it to 'bad-key'" in problems[0]
    assert "'other.yaml' is not read: files here are named '<key>.yml'" in problems[1]


def test_broken_yaml_names_its_line(tmp_path):
    text = VALID.replace("city: Kiel", "city: Kiel: Stadt")
    _, problems = load(tmp_path, {"x.yml": text})
    assert len(problems) == 1
    assert problems[0].startswith(
        "content/members/x.yml:4: the value contains a colon (': ')"
    )


@pytest.mark.parametrize(
    "written",
    [
        "images/members/x.png",
        "/images/members/x.png",
        '"{static}/images/members/x.png"',
    ],
)
def test_logo_that_exists_is_accepted(tmp_path, written):
    logo = tmp_path / "content" / "images" / "members" / "x.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"decoded later, by the logo processing")
    loaded, problems = load(
        tmp_path, {"x.yml": replace("website:", f"logo: {written}")}
    )
    assert problems == []
    assert loaded.members[0].meta.logo == "images/members/x.png"


def test_unsafe_link_in_description_is_reported_on_its_line(tmp_path):
    text = VALID.replace(
        "    The network of the **digital economy**.",
        "    The network.\n\n    [Click](javascript:alert(1))",
    )
    _, problems = load(tmp_path, {"x.yml": text})
    assert len(problems) == 1
    assert problems[0].startswith(
        "content/members/x.yml:15: description.en: unsafe link"
    )


def test_german_collation():
    names = ["Zeta GmbH", "Öl-Werk", "Bank Kiel", "Ärzte am Markt", "Apfel AG", "Oase"]
    assert sorted(names, key=german_sort_key) == [
        "Apfel AG",
        "Ärzte am Markt",
        "Bank Kiel",
        "Oase",
        "Öl-Werk",
        "Zeta GmbH",
    ]
    assert sorted(
        ["Straße", "Strasse", "Strand", "bär", "Bar"], key=german_sort_key
    ) == [
        "Bar",
        "bär",
        "Strand",
        "Strasse",
        "Straße",
    ]
    assert (
        sorted(["„Kiel hilft“", "Jena", "Lübeck"], key=german_sort_key)[1]
        == "„Kiel hilft“"
    )


def test_initials_for_the_logo_placeholder():
    assert initials("DiWiSH") == "DWSH"
    assert initials("Landeshauptstadt Kiel") == "LK"
    assert initials("WTSH") == "WTSH"
    assert initials("kiel") == "KI"
    assert initials("<b>&</b> Co") == "CO"  # markup is skipped, not shown
    assert initials("„…“") == "?"


def test_jsonld_cannot_end_the_script_element(tmp_path):
    text = replace("name:", 'name: "Evil </script><script>alert(1)</script> & Co"')
    loaded, problems = load(tmp_path, {"x.yml": text})
    assert problems == []
    page = loaded.members[0]
    text = organization_jsonld(
        page,
        canonical="https://example.org/de/m/x/",
        site_name="The Bay Areas e.V.",
        site_home="https://example.org/de/",
    )
    assert "<" not in text and ">" not in text
    data = json.loads(text)
    assert data["name"] == "Evil </script><script>alert(1)</script> & Co"
    assert data["@type"] == "Organization"
    assert data["address"]["addressLocality"] == "Kiel"
    assert data["memberOf"]["name"] == "The Bay Areas e.V."


def test_pages_pair_languages_and_sort_by_german_name(tmp_path):
    files = {
        f"{key}.yml": replace("name:", f"name: {name}")
        for key, name in [("z", "Zeta"), ("ae", "Ärzte"), ("b", "Bank")]
    }
    loaded, problems = load(tmp_path, files)
    assert problems == []
    pages = sort_by_name(loaded.entries, "de")
    assert [p.title for p in pages if p.lang == "de"] == ["Ärzte", "Bank", "Zeta"]
    for page in pages:
        assert set(page.translations) == {"de", "en"}
        assert page.translations[page.lang] is page
        assert {p.key for p in page.translations.values()} == {page.key}


def test_other_languages_use_unicode_collation():
    names = ["Zoo", "Äpfel", "apple", "Banana"]
    assert sorted(names, key=sort_key("en")) == ["Äpfel", "apple", "Banana", "Zoo"]
    assert sort_key("de") is german_sort_key
    assert sort_key("fr") is not german_sort_key


def test_naming_lists_newest_first():
    def item(key, day, members, field="date"):
        fields = {"title": key, field: f"2017-01-{day:02d} 10:00", "members": members}
        if field == "start":
            meta = EventMeta.model_validate({**fields, "location": "Kiel"})
        else:
            meta = NewsMeta.model_validate(fields)
        return SimpleNamespace(key=key, meta=meta)

    entries = [
        item("old", 1, ["diwish"]),
        item("other", 9, ["kiel"]),
        item("new", 20, ["kiel", "diwish"]),
        item("event", 10, ["diwish"], field="start"),
    ]
    assert [e.key for e in naming(entries, "diwish")] == ["new", "event", "old"]
