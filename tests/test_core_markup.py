"""Markdown rendering: summaries, heading ids, links with their lines."""

from __future__ import annotations

from sitecore.dates import format_date, format_time, get_zone, parse_when
from sitecore.entry import Entry, pair_translations, select_published
from sitecore.markup import render_markdown, shorten


def test_summary_is_the_first_paragraph_as_text():
    rendered = render_markdown(
        "## Titel\n\nErster *Absatz* mit [Link](https://x.org).\n\nZweiter.", 5
    )
    assert rendered.summary == "Erster Absatz mit Link."
    assert '<h2 id="titel">' in rendered.html


def test_heading_ids_transliterate_german():
    assert (
        'id="ueber-die-staedtepartnerschaft"'
        in render_markdown("## Über die Städtepartnerschaft", 1).html
    )


def test_links_are_found_with_their_lines():
    body = "Text\n\n[a]({filename}/pages/x.de.md)\n\n![b]({static}/images/y.png)\n"
    links = render_markdown(body, 5).links
    assert [(link.kind, link.target, link.line) for link in links] == [
        ("filename", "/pages/x.de.md", 7),
        ("static", "/images/y.png", 9),
    ]


def test_unsafe_schemes_even_when_obfuscated():
    body = "a\n\n[x](JavaScript:alert(1))\n\n<a href=' data:text/html,hi'>y</a>\n"
    problems = render_markdown(body, 1).problems
    assert [line for line, _ in problems] == [3, 5]


def test_shorten_cuts_at_a_word():
    text = "wort " * 100
    short = shorten(text.strip(), 30)
    assert short.endswith(" …") and len(short) <= 32 and "wor …" not in short


def test_dst_aware_parsing_and_babel_formatting():
    berlin = get_zone("Europe/Berlin")
    summer = parse_when("2017-07-01 15:15", berlin).value
    winter = parse_when("2017-02-10 15:15", berlin).value
    assert summer.utcoffset().total_seconds() == 7200
    assert winter.utcoffset().total_seconds() == 3600
    assert format_date(winter, "de") == "10. Februar 2017"
    assert format_date(winter, "en") == "February 10, 2017"
    assert format_time(winter, "de") == "15:15"
    assert format_time(winter, "en").replace("\u202f", " ") == "3:15 PM"


def entry(key, lang, date=None, status="published"):
    from sitecore.models import ItemMeta
    from sitecore.sources import SourceFile

    fields = {"title": key, "status": status}
    if date:
        fields["date"] = date.strftime("%Y-%m-%d %H:%M")
    meta = ItemMeta.model_validate(fields)
    return Entry(
        SourceFile("news", key, lang, f"/{key}.{lang}.md", f"news/{key}.{lang}.md"),
        meta,
        "",
        "",
    )


def test_pairing_and_publication_window():
    now = parse_when("2026-06-01 12:00", get_zone("Europe/Berlin")).value
    past = parse_when("2026-05-01", get_zone("Europe/Berlin")).value
    future = parse_when("2026-07-01", get_zone("Europe/Berlin")).value
    entries = [
        entry("a", "de", past),
        entry("a", "en", past),
        entry("b", "de", past),
        entry("b", "en", future),
        entry("c", "de", past, status="draft"),
    ]
    published = select_published(entries, now, show_previews=False)
    assert [(e.key, e.lang) for e in published] == [
        ("a", "de"),
        ("a", "en"),
        ("b", "de"),
    ]
    pair_translations(published, ("de", "en"))
    assert published[0].translations == {"de": published[0], "en": published[1]}
    assert published[1].translations is published[0].translations
    assert published[2].translations == {"de": published[2]}
    previews = select_published(entries, now, show_previews=True)
    assert len(previews) == 5 and entries[3].is_scheduled and entries[4].is_preview
