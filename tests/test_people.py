"""Board and office: people files, their page in every language, consent and links."""

from __future__ import annotations

import html
import textwrap

import pytest
from PIL import Image

from people.model import PersonMeta
from people.pages import group_people
from sitecore.email import email_link, encode_characters, phone_href
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.yamldoc import load_yaml

PERSON = """\
name: {name}
role:
  de: {de}
  en: {en}
group: {group}
"""
MEMBER = """\
name: DiWiSH
region: schleswig-holstein
city: Kiel
type: association
description:
  de: Ein Netzwerk.
  en: A network.
"""


def person(site, key, name, de="Rolle", en="Role", group="board", extra=""):
    """Write ``content/people/<key>.yml``; ``extra`` adds field lines."""
    text = PERSON.format(name=name, de=de, en=en, group=group)
    return site.write(f"people/{key}.yml", text + textwrap.dedent(extra))


def read(text: str) -> tuple[PersonMeta | None, list[str]]:
    log = ProblemLog()
    meta = validate(
        PersonMeta,
        load_yaml(textwrap.dedent(text)),
        "p.yml",
        log,
        unknown_is_error=True,
        context={"languages": ("de", "en")},
    )
    return meta, [f"{p.line}: {p.text()}" for p in log]


# The model ---------------------------------------------------------------------


def test_a_person_needs_name_role_in_every_language_and_group():
    meta, problems = read(
        """\
        name: Axel Schulz
        role:
          de: Vorsitzender
        group: bord
        """
    )
    assert meta is None
    assert problems == [
        "2: role: the text for 'en:' is missing; add a line 'en:' with it",
        "4: group: 'bord' is not a known group; use one of: board, office, "
        "advisory (did you mean 'board'?)",
    ]


@pytest.mark.parametrize("field", ["email", "phone", "photo"])
def test_contact_details_and_photo_need_consent_on_their_line(field):
    value = {
        "email": "vorstand@example.org",
        "phone": '"+49 431 000000"',
        "photo": "images/people/x.jpg",
    }[field]
    meta, problems = read(
        f"""\
        name: Axel Schulz
        role: {{de: Vorsitzender, en: Chair}}
        group: board
        {field}: {value}
        """
    )
    assert meta is None
    assert problems == [
        f"4: {field}: published only with the person's consent: add the day they "
        "agreed as 'consent: YYYY-MM-DD', or remove this field"
    ]


def test_with_consent_contact_details_are_accepted_and_checked():
    meta, problems = read(
        """\
        name: Axel Schulz
        role: {de: Vorsitzender, en: Chair}
        group: board
        order: 1
        since: 2016-11
        member: diwish
        consent: 2026-05-04
        email: vorstand@example.org
        phone: "+49 431 000000"
        photo: images/people/schulz.jpg
        """
    )
    assert problems == []
    assert meta.email == "vorstand@example.org"
    assert meta.since.iso == "2016-11" and meta.consent.iso == "2026-05-04"
    _, problems = read(
        """\
        name: X
        role: {de: R, en: R}
        group: office
        consent: 2026-05
        email: vorstand(at)example.org
        phone: call me
        """
    )
    assert problems == [
        "4: consent: '2026-05': give the day consent was given, as YYYY-MM-DD",
        "5: email: 'vorstand(at)example.org' is not an e-mail address; write it "
        "like vorstand@example.org",
        "6: phone: 'call me' is not a phone number; write it like "
        '"+49 431 000000" (in double quotes)',
    ]


# Pure helpers --------------------------------------------------------------------


def test_email_link_hides_the_address_from_the_source_but_not_from_readers():
    link = email_link("vorstand@example.org")
    assert "@" not in link and "mailto" not in link and "example" not in link
    assert link.startswith('<a class="email" href="&#109;&#97;')
    # What a browser (and a screen reader) gets after decoding: one normal link.
    assert html.unescape(link) == (
        '<a class="email" href="mailto:vorstand@example.org">vorstand@example.org</a>'
    )
    assert encode_characters("<&>") == "&#60;&#38;&#62;"
    assert phone_href("+49 (431) 000-00 0") == "tel:+4943100000 0".replace(" ", "")


class _Person:
    def __init__(self, key, name, group, order=None, lang="de"):
        self.key, self.lang = key, lang
        self.meta = type("Meta", (), {"name": name, "group": group, "order": order})


def test_groups_in_vocabulary_order_then_order_then_collated_name():
    people = [
        _Person("z", "Zoe Zander", "office"),
        _Person("a", "Örs Adler", "board"),
        _Person("b", "Otto Berg", "board"),
        _Person("c", "Carla Chef", "board", order=1),
        _Person("d", "Dora Dahl", "advisory"),
    ]
    groups = group_people(people, "de")
    assert [g.code for g in groups] == ["board", "office", "advisory"]
    assert [p.meta.name for p in groups[0].people] == [
        "Carla Chef",  # order first
        "Örs Adler",  # Ö sorts with O in German: Örs before Otto
        "Otto Berg",
    ]
    assert [g.anchor for g in groups] == [
        "group-board",
        "group-office",
        "group-advisory",
    ]


# Whole builds --------------------------------------------------------------------


def test_people_page_in_both_languages_grouped_and_linked(site):
    site.write("members/diwish.yml", MEMBER)
    person(
        site,
        "schulz",
        "Axel Schulz",
        "Vorsitzender",
        "Chair",
        extra="order: 1\nsince: 2016-11\nmember: diwish\n",
    )
    person(site, "mueller", "Gerrit Müller-Rüster", "Schatzmeister", "Treasurer")
    person(site, "amt", "Anna Amt", "Büroleitung", "Office manager", group="office")
    result = site.build("publishconf.py", SITEURL="https://example.org")
    assert result.exit_code == 0, result.stderr
    german = result.html("de/vorstand/")
    english = result.html("en/board/")
    assert german.html["lang"] == "de" and english.html["lang"] == "en"
    assert [h.get_text() for h in german.select(".people-group h2")] == [
        "Vorstand",
        "Geschäftsstelle",
    ]
    assert [h.get_text() for h in english.select(".person__name")] == [
        "Axel Schulz",
        "Gerrit Müller-Rüster",
        "Anna Amt",
    ]
    assert [p.get_text() for p in english.select(".person__role")] == [
        "Chair",
        "Treasurer",
        "Office manager",
    ]
    assert german.select_one(".person__since").get_text() == "Im Amt seit November 2016"
    link = german.select_one(".person__member a")
    assert link["href"] == "/de/mitglieder/diwish/" and link.get_text() == "DiWiSH"
    assert english.select_one(".person__member a")["href"] == "/en/members/diwish/"
    assert not german.select(".person__contact")  # no consent, no contact data
    switch = german.select_one('.lang-switch a[hreflang="en"]')
    assert switch["href"] == "/en/board/" and switch["data-switch"] == "translation"
    nav = [a.get_text(strip=True) for a in german.select(".site-nav a")]
    assert "Vorstand" in nav
    assert not result.exists("de/vorstand/schulz/")  # no pages of their own


def test_published_contact_details_are_links_and_the_photo_is_processed(site):
    folder = site.content / "images" / "people"
    folder.mkdir(parents=True)
    photo = Image.new("RGB", (1200, 1500), (200, 120, 80))
    exif = Image.Exif()
    exif[0x013B] = "Photographer"
    photo.save(folder / "schulz.jpg", exif=exif.tobytes())
    person(
        site,
        "schulz",
        "Axel Schulz",
        extra=textwrap.dedent(
            """\
            consent: 2026-05-04
            email: vorstand@example.org
            phone: "+49 431 000000"
            photo: images/people/schulz.jpg
            """
        ),
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 0, result.stderr
    raw = result.file("en/board/").read_text("utf-8")
    assert "vorstand@example.org" not in raw and "mailto:" not in raw
    page = result.html("en/board/")
    mail = page.select_one(".person__contact a.email")
    assert mail["href"] == "mailto:vorstand@example.org"
    assert mail.get_text() == "vorstand@example.org"
    assert page.select_one(".person__contact")["data-pagefind-ignore"] == ""
    phone = page.select_one('.person__contact a[href^="tel:"]')
    assert phone["href"] == "tel:+49431000000"
    img = page.select_one(".person__photo img")
    assert img["alt"] == "Axel Schulz" and img["loading"] == "lazy"
    published = result.output / img["src"].lstrip("/")
    assert b"Photographer" not in published.read_bytes()
    with Image.open(published) as out:
        assert not out.getexif()


def test_contact_data_without_consent_fails_the_build_naming_file_and_line(site):
    person(site, "schulz", "Axel Schulz", extra="email: vorstand@example.org\n")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "content/people/schulz.yml:6: email: published only with the person's "
        "consent" in result.stderr
    )


def test_unknown_member_is_an_error_on_its_line(site):
    site.write("members/diwish.yml", MEMBER)
    person(site, "schulz", "Axel Schulz", extra="member: diwsh\n")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "content/people/schulz.yml:6: member: there is no member 'diwsh' (no file "
        "content/members/diwsh.yml) (did you mean 'diwish'?)"
    ) in result.stderr
    assert len(result.problems) == 1, result.problems


def test_a_missing_photo_is_an_error_on_its_line(site):
    person(
        site,
        "schulz",
        "Axel Schulz",
        extra="consent: 2026-05-04\nphoto: images/people/nobody.jpg\n",
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "content/people/schulz.yml:7: photo: 'content/images/people/nobody.jpg' "
        "does not exist"
    ) in result.stderr
    assert len(result.problems) == 1, result.problems


def test_sample_board_is_published_without_contact_data(sample_site):
    page = sample_site.html("de/vorstand/")
    assert [h.get_text() for h in page.select(".person__name")] == [
        "Axel Schulz",
        "Frank Bösenkötter",
        "Gerrit Müller-Rüster",
    ]
    roles = [
        p.get_text() for p in sample_site.html("en/board/").select(".person__role")
    ]
    assert roles == ["Chair", "Vice chair", "Treasurer"]
    assert not page.select(".person__contact, .person__photo")
