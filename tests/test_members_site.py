"""End to end: member files become directory and profile pages in both languages."""

from __future__ import annotations

import json
import logging
import re
import textwrap

from PIL import Image

MEMBER = """\
name: {name}
region: {region}
city: {city}
type: {type}
topics: [{topics}]
{extra}description:
  de: |
    Beschreibung von {name_text} mit **Markdown**.
  en: |
    Description of {name_text} with **Markdown**.
"""


def member(
    site,
    key,
    name,
    region="schleswig-holstein",
    city="Kiel",
    type="association",
    topics="business",
    extra="",
    name_text="dem Mitglied",
):
    """Write ``content/members/<key>.yml``; ``extra`` adds field lines."""
    extra = textwrap.dedent(extra).strip("\n")
    text = MEMBER.format(
        name=name,
        region=region,
        city=city,
        type=type,
        topics=topics,
        extra=extra + "\n" if extra else "",
        name_text=name_text,
    )
    return site.write(f"members/{key}.yml", text)


def card_names(page):
    return [a.get_text() for a in page.select(".member-card__name a")]


def test_member_appears_on_both_directories_and_profiles(site):
    member(
        site,
        "diwish",
        "DiWiSH – Digitale Wirtschaft Schleswig-Holstein",
        topics="business, education",
        extra="website: https://www.diwish.de\nmember_since: 2017-02-10",
    )
    member(
        site,
        "robotics",
        "Example Robotics Inc. (Beispiel)",
        region="bay-area",
        city="San José",
        type="company",
        extra="example: true",
    )
    result = site.build()
    assert result.exit_code == 0, result.stderr
    assert result.problems == []

    de = result.html("de/mitglieder/")
    en = result.html("en/members/")
    assert de.html["lang"] == "de" and en.html["lang"] == "en"
    assert de.h1.get_text() == "Mitglieder" and en.h1.get_text() == "Members"
    assert de.select_one(".members__count").get_text(strip=True) == "2 Mitglieder"
    assert en.select_one(".members__count").get_text(strip=True) == "2 members"
    assert (
        card_names(de)
        == card_names(en)
        == [
            "DiWiSH – Digitale Wirtschaft Schleswig-Holstein",
            "Example Robotics Inc. (Beispiel)",
        ]
    )
    card = de.select_one(".member-card[data-region=bay-area]")
    assert card.select_one("a")["href"] == "/de/mitglieder/robotics/"
    assert "San José · San Francisco Bay Area" in card.get_text()
    assert card.select_one(".member-card__type").get_text() == "Unternehmen"
    assert card.select_one(".member-badge").get_text() == "Beispiel"
    topics = de.select_one(
        ".member-card[data-region=schleswig-holstein] .member-card__topics"
    )
    assert [li.get_text() for li in topics.select("li")] == ["Wirtschaft", "Bildung"]
    assert de.select_one(".member-logo__initials").get_text() == "DWSH"
    nav = {a.get_text(strip=True): a["href"] for a in de.select(".site-nav a")}
    assert nav["Mitglieder"] == "/de/mitglieder/"
    switch = de.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/members/" and switch["data-switch"] == "translation"

    profile_de = result.html("de/mitglieder/diwish/")
    profile_en = result.html("en/members/diwish/")
    assert profile_de.h1.get_text() == profile_en.h1.get_text()
    assert profile_de.select_one(".prose strong").get_text() == "Markdown"
    assert "Beschreibung" in profile_de.select_one(".prose").get_text()
    assert "Description" in profile_en.select_one(".prose").get_text()
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in profile_de.select(".member-facts dt")
    }
    assert facts["Ort"] == "Kiel · Schleswig-Holstein"
    assert facts["Art der Organisation"] == "Verein oder Verband"
    assert facts["Themen"] == "Wirtschaft, Bildung"
    assert facts["Mitglied seit"] == "10. Februar 2017"
    since = profile_en.select_one(".member-facts time")
    assert (since["datetime"], since.get_text()) == ("2017-02-10", "February 10, 2017")
    website = profile_de.select_one("a.member-website")
    assert website["href"] == "https://www.diwish.de"
    assert "noopener" in website["rel"]
    de_alt = {ln["hreflang"]: ln["href"] for ln in profile_de.select("link[hreflang]")}
    assert de_alt["en"].endswith("/en/members/diwish/")
    assert (
        profile_de.select_one(".lang-switch a[hreflang=en]")["href"]
        == "/en/members/diwish/"
    )
    assert (
        profile_en.select_one(".lang-switch a[hreflang=de]")["href"]
        == "/de/mitglieder/diwish/"
    )
    assert not profile_de.select(".member-badge")
    assert (
        result.html("en/members/robotics/").select_one(".member-badge").get_text()
        == "Example"
    )

    sitemap = (result.output / "sitemap.xml").read_text("utf-8")
    for url in (
        "de/mitglieder/",
        "en/members/",
        "de/mitglieder/diwish/",
        "en/members/robotics/",
    ):
        assert f"/{url}</loc>" in sitemap


def test_directory_sorts_with_german_collation(site):
    for key, name in [
        ("zeta", "Zeta GmbH"),
        ("oel", "Öl-Werk Kiel"),
        ("bank", "Bank Kiel"),
        ("aerzte", "Ärzte am Markt"),
        ("apfel", "Apfel AG"),
        ("oase", "Oase"),
    ]:
        member(site, key, name)
    result = site.build()
    assert result.exit_code == 0, result.stderr
    expected = [
        "Apfel AG",
        "Ärzte am Markt",
        "Bank Kiel",
        "Oase",
        "Öl-Werk Kiel",
        "Zeta GmbH",
    ]
    assert card_names(result.html("de/mitglieder/")) == expected
    assert card_names(result.html("en/members/")) == expected


def test_filtering_works_without_javascript(site):
    member(
        site, "kiel", "Landeshauptstadt Kiel", type="public", topics="politics, culture"
    )
    member(
        site,
        "sf",
        "Example Bay College (Beispiel)",
        region="bay-area",
        city="Oakland",
        type="education",
        topics="education, culture",
    )
    result = site.build()
    page = result.html("en/members/")
    links = {
        a.get_text(" ", strip=True): a["href"] for a in page.select(".member-filter a")
    }
    assert links["San Francisco Bay Area (1)"] == "#region-bay-area"
    assert links["Culture (2)"] == "#topic-culture"
    assert links["Public body (1)"] == "#type-public"
    assert "Sport (0)" not in links  # empty groups are not offered
    for anchor in links.values():
        group = page.select_one(anchor)
        assert group is not None, anchor
    bay = [a.get_text() for a in page.select("#region-bay-area li a")]
    assert bay == ["Example Bay College (Beispiel)"]
    culture = [a.get_text() for a in page.select("#topic-culture li a")]
    assert culture == ["Example Bay College (Beispiel)", "Landeshauptstadt Kiel"]
    card = page.select_one(".member-card[data-type=education]")
    assert card["data-topic"].split() == ["education", "culture"]
    script = page.select_one("script[src*=members-filter]")
    assert script.has_attr("defer")
    assert re.fullmatch(r"/theme/members-filter\.[0-9a-f]{10}\.js", script["src"])
    assert (result.output / script["src"].lstrip("/")).is_file()
    count = page.select_one("[data-members-count]")
    assert (count["data-one"], count["data-other"]) == ("# member", "# members")
    de_count = result.html("de/mitglieder/").select_one("[data-members-count]")
    assert (de_count["data-one"], de_count["data-other"]) == (
        "# Mitglied",
        "# Mitglieder",
    )


def test_name_is_escaped_everywhere(site):
    member(site, "co", '"<b>&</b> Co"', name_text="<i>x</i>")
    site.news("about-co", "de", "Über Co", members="[co]")
    result = site.build()
    assert result.exit_code == 0, result.stderr
    profile = result.html("de/mitglieder/co/")
    assert profile.h1.get_text() == "<b>&</b> Co"
    assert profile.h1.find("b") is None
    assert profile.title.get_text().startswith("<b>&</b> Co – ")
    data = json.loads(profile.select_one("script[type='application/ld+json']").string)
    assert data["name"] == "<b>&</b> Co"
    directory = result.html("de/mitglieder/")
    assert card_names(directory) == ["<b>&</b> Co"]
    assert directory.select_one(".member-card__name b") is None
    article = result.html("de/aktuelles/about-co/")
    assert article.select_one(".related-members a").get_text() == "<b>&</b> Co"


def test_reverse_links_newest_first_in_the_page_language(site):
    member(site, "diwish", "DiWiSH")
    member(site, "kiel", "Landeshauptstadt Kiel", type="public")
    site.news("joins", "de", "DiWiSH tritt bei", date="2017-01-27", members="[diwish]")
    site.news(
        "signed",
        "de",
        "Vertrag unterschrieben",
        date="2017-02-10 15:15",
        members="[kiel, diwish]",
    )
    site.news(
        "signed", "en", "Contract signed", date="2017-02-10 15:15", members="[diwish]"
    )
    site.news("other", "de", "Etwas anderes", date="2017-03-01", members="[kiel]")
    result = site.build()
    assert result.exit_code == 0, result.stderr

    de = result.html("de/mitglieder/diwish/")
    items = de.select("#member-news-title + ul li")
    assert [li.a.get_text() for li in items] == [
        "Vertrag unterschrieben",
        "DiWiSH tritt bei",
    ]
    assert [li.a["href"] for li in items] == [
        "/de/aktuelles/signed/",
        "/de/aktuelles/joins/",
    ]
    assert items[0].time["datetime"] == "2017-02-10"
    assert items[0].time.get_text() == "10. Februar 2017"
    en = result.html("en/members/diwish/")
    assert [li.a.get_text() for li in en.select("#member-news-title + ul li")] == [
        "Contract signed"
    ]
    assert result.html("en/members/kiel/").select_one("#member-news-title") is None

    article = result.html("de/aktuelles/signed/")
    links = [(a.get_text(), a["href"]) for a in article.select(".related-members a")]
    assert links == [
        ("Landeshauptstadt Kiel", "/de/mitglieder/kiel/"),
        ("DiWiSH", "/de/mitglieder/diwish/"),
    ]
    assert (
        article.select_one(".related-members h2").get_text()
        == "Hier erwähnte Mitglieder"
    )
    assert result.html("en/news/signed/").select_one(".related-members a")["href"] == (
        "/en/members/diwish/"
    )


def test_unknown_member_key_in_news_is_an_error_on_its_line(site):
    member(site, "diwish", "DiWiSH")
    site.md(
        "news/typo.de.md",
        """\
        title: Tippfehler
        date: 2017-01-27
        members:
          - diwish
          - diwsh
        """,
    )
    site.news("flow", "en", "Flow list", members="[diwish, nobody]")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "content/news/typo.de.md:6: members: there is no member 'diwsh' "
        "(no file content/members/diwsh.yml) (did you mean 'diwish'?)"
    ) in result.stderr
    assert (
        "content/news/flow.en.md:4: members: there is no member 'nobody'"
        in result.stderr
    )
    assert len(result.problems) == 2, result.problems


def test_news_naming_a_broken_member_is_listed_under_its_error(site):
    member(site, "diwish", "DiWiSH", region="nowhere")
    site.news("joins", "de", "Beitritt", members="[diwish]")
    site.news("joins", "en", "Joins", members="[diwish]")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    # One error, on the member's file; the news items have nothing to fix.
    assert len(result.problems) == 1, result.problems
    assert (
        "content/members/diwish.yml:2: region: 'nowhere' is not a known region"
        in (result.problems[0])
    )
    assert result.problems[0].endswith(
        " — this also keeps these from naming it: "
        "content/news/joins.de.md:4, content/news/joins.en.md:4"
    )


def test_typo_in_a_member_file_gets_one_clear_line(site):
    member(site, "diwish", "DiWiSH", extra="webiste: https://www.diwish.de")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert len(result.problems) == 1
    assert result.problems[0].endswith(
        "content/members/diwish.yml:6: webiste: unknown field "
        "(did you mean 'website'?); check the spelling, or remove it"
    )
    assert not result.exists("de/mitglieder/")


def test_logo_is_processed_once_and_served_with_a_fallback(site, caplog):
    folder = site.content / "images" / "members"
    folder.mkdir(parents=True)
    image = Image.new("RGBA", (1000, 500), (0, 0, 0, 0))
    image.paste((11, 83, 148, 255), (500, 0, 1000, 500))
    exif = Image.Exif()
    exif[0x013B] = "Photographer"
    image.save(folder / "logo.png", exif=exif.tobytes())
    member(
        site,
        "robotics",
        "Example Robotics (Beispiel)",
        extra="logo: images/members/logo.png\nlogo_alt: Blaues Zahnrad",
    )
    caplog.set_level(logging.INFO, logger="members")
    result = site.build()
    assert result.exit_code == 0, result.stderr
    assert "member logos: 1 encoded, 0 taken from the cache" in caplog.text

    profile = result.html("de/mitglieder/robotics/")
    picture = profile.select_one(".member-profile picture")
    source, img = picture.source, picture.img
    assert source["type"] == "image/webp"
    assert (img["width"], img["height"]) == ("320", "160")
    assert img["alt"] == "Blaues Zahnrad"
    webp = result.output / source["srcset"].lstrip("/")
    png = result.output / img["src"].lstrip("/")
    for path, fmt in ((webp, "WEBP"), (png, "PNG")):
        with Image.open(path) as out:
            assert out.format == fmt and out.size == (320, 160)
            assert out.convert("RGBA").getpixel((5, 5))[3] == 0
            assert not out.getexif()
        assert b"Photographer" not in path.read_bytes()
    card_img = result.html("en/members/").select_one(".member-card img")
    assert card_img["src"] == img["src"] and card_img["alt"] == ""
    data = json.loads(profile.select_one("script[type='application/ld+json']").string)
    assert data["logo"].endswith(img["src"])

    caplog.clear()
    cached = list((site.root / "cache").rglob("*.webp"))
    stamps = {path: path.stat().st_mtime_ns for path in cached}
    again = site.build(name="output2")
    assert again.exit_code == 0, again.stderr
    assert "member logos: 0 encoded, 1 taken from the cache" in caplog.text
    assert {path: path.stat().st_mtime_ns for path in cached} == stamps
    assert (again.output / img["src"].lstrip("/")).read_bytes() == png.read_bytes()


def test_unreadable_logo_is_an_error_on_the_logo_line(site):
    (site.content / "images").mkdir()
    (site.content / "images" / "broken.png").write_text("not a picture")
    member(site, "x", "X", extra="logo: images/broken.png")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    picture, logo = result.problems
    assert picture.endswith(
        "content/images/broken.png: warning: not published: it is not a picture "
        "the site can read (JPEG, PNG, WebP, AVIF, GIF, TIFF); save it as JPEG or PNG"
    )
    assert logo.endswith(
        "content/members/x.yml:6: logo: the file cannot be read as a picture; "
        "save it again as PNG or JPEG"
    )


def test_profile_has_organization_structured_data(site):
    member(
        site,
        "diwish",
        "DiWiSH – Digitale Wirtschaft Schleswig-Holstein",
        extra="short_name: DiWiSH\nwebsite: https://www.diwish.de",
    )
    member(site, "plain", "Ohne Website", region="bay-area", city="Oakland")
    result = site.build(SITEURL="https://example.org")
    profile = result.html("en/members/diwish/")
    data = json.loads(profile.select_one("script[type='application/ld+json']").string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "DiWiSH – Digitale Wirtschaft Schleswig-Holstein"
    assert data["alternateName"] == "DiWiSH"
    assert data["url"] == "https://www.diwish.de"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Kiel",
        "addressCountry": "DE",
    }
    assert data["memberOf"] == {
        "@type": "Organization",
        "name": "The Bay Areas e.V.",
        "url": "https://example.org/en/",
    }
    assert data["description"].startswith("Description of dem Mitglied with Markdown")
    assert "logo" not in data
    plain = json.loads(
        result.html("de/mitglieder/plain/")
        .select_one("script[type='application/ld+json']")
        .string
    )
    assert plain["url"] == "https://example.org/de/mitglieder/plain/"
    assert plain["address"]["addressCountry"] == "US"


def test_description_links_to_other_content_are_resolved(site):
    site.page("membership", "de", "Mitgliedschaft")
    member(site, "x", "X", extra="")
    path = site.content / "members" / "x.yml"
    path.write_text(
        path.read_text("utf-8").replace(
            "mit **Markdown**.", "mit [Link]({filename}/pages/membership.de.md)."
        ),
        "utf-8",
    )
    result = site.build()
    assert result.exit_code == 0, result.stderr
    link = result.html("de/mitglieder/x/").select_one(".prose a")
    assert link["href"] == "/de/membership/"


def test_no_members_gives_empty_directories(site):
    site.news("a", "de", "A")
    result = site.build()
    assert result.exit_code == 0, result.stderr
    page = result.html("de/mitglieder/")
    assert page.select_one(".members__count").get_text(strip=True) == "0 Mitglieder"
    assert page.select(".member-card") == []


def test_sample_members_build_in_both_regions(sample_site):
    assert sample_site.exit_code == 0, sample_site.stderr
    for url in ("de/mitglieder/", "en/members/"):
        page = sample_site.html(url)
        regions = {card["data-region"] for card in page.select(".member-card")}
        assert regions == {"schleswig-holstein", "bay-area"}
        names = card_names(page)
        assert "DiWiSH – Digitale Wirtschaft Schleswig-Holstein" in names
        assert "Landeshauptstadt Kiel" in names
    for card in sample_site.html("de/mitglieder/").select(".member-card"):
        if "Beispiel" in card.get_text() or "Example" in card.get_text():
            assert card.select_one(".member-badge") is not None
    kiel = sample_site.html("de/mitglieder/kiel/")
    assert kiel.select_one(".member-facts time").get_text() == "20. März 2017"


def test_events_naming_a_member_are_linked_both_ways(site):
    member(site, "diwish", "DiWiSH")
    for key, start, members in (
        ("signing", "2017-02-10 15:15", "[diwish]"),
        ("later", "2026-07-01 18:00", "[diwish]"),
        ("typo", "2026-08-01 18:00", "[diwisch]"),
    ):
        site.md(
            f"events/{key}.de.md",
            f"""\
            title: Termin {key}
            start: {start}
            location:
              name: The Bay Areas e.V.
              city: Kiel
            members: {members}
            """,
        )
    result = site.build()
    assert any(
        line.endswith(
            "content/events/typo.de.md:7: members: there is no member 'diwisch' "
            "(no file content/members/diwisch.yml) (did you mean 'diwish'?)"
        )
        for line in result.problems
    ), result.stderr
    profile = result.html("de/mitglieder/diwish/")
    items = profile.select("#member-events-title + ul li")
    assert [li.a.get_text() for li in items] == ["Termin later", "Termin signing"]
    assert items[1].time["datetime"] == "2017-02-10"
    event = result.html(f"de/termine/{items[1].a['href'].split('/')[-2]}/")
    assert event.select_one(".related-members a")["href"] == "/de/mitglieder/diwish/"


def test_pictures_in_descriptions_go_through_the_image_pipeline(site):
    from PIL import Image

    (site.content / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (800, 400), "navy").save(site.content / "images" / "team.jpg")
    site.write(
        "members/team.yml",
        """\
        name: Team Beispiel
        region: schleswig-holstein
        city: Kiel
        type: association
        description:
          de: |
            Unser Team.

            ![Das Team vor dem Haus]({static}/images/team.jpg)
          en: |
            Our team.

            ![](/images/team.jpg)
        """,
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert any(
        "members/team.yml:13:" in line and "has no description" in line
        for line in result.problems
    ), result.stderr
    preview = site.build(name="preview")
    picture = preview.html("de/mitglieder/team/").select_one(
        ".member-description picture, picture"
    )
    assert (
        picture is not None
        and picture.select_one("img")["alt"] == "Das Team vor dem Haus"
    )
