"""Front matter that reads back exactly, and files that are never replaced."""

from __future__ import annotations

import pytest

from sitecore.frontmatter import parse_document
from sitecore.models import NewsMeta, PageMeta
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from wordpress.writer import (
    Outcome,
    copy_new,
    news_document,
    page_document,
    scan_existing,
    write_new,
)

TRICKY = [
    "Kiel: Partnerschaft",
    "Treffen #3 in Kiel",
    "yes",
    "2017",
    "- kein Listenpunkt",
    "* Stern",
    '"Zitat" im Titel',
    "Ein 'Apostroph'",
    "@Kiel & [San Francisco] {x}",
    "100 % digital!",
    "Über uns – Städtepartnerschaft",
    "ends with colon:",
    "null",
]


@pytest.mark.parametrize("title", TRICKY)
def test_titles_read_back_unchanged(title):
    text = news_document(
        title=title, date="2017-01-27 10:00", body="Text", summary=title, tags=[title]
    )
    meta = parse_document(text).meta.data
    assert meta["title"] == title
    assert meta["summary"] == title
    assert meta["tags"] == [title]


def test_news_front_matter_is_valid_for_the_site():
    text = news_document(
        title="DiWiSH tritt bei",
        date="2017-01-27 10:00",
        body="## Text\n\nMit Absatz.",
        slug="diwish-tritt-bei",
        summary="Kurz",
        tags=["Mitglieder"],
        author="Redaktion",
        image="images/2017/02/signing.jpg",
        image_alt="Unterzeichnung",
        draft=True,
        aliases=["/2017/01/diwish-tritt-bei/"],
    )
    assert text.startswith("---\ntitle: DiWiSH tritt bei\ndate: 2017-01-27 10:00\n")
    assert "aliases: [/2017/01/diwish-tritt-bei/]\n---\n\n## Text\n" in text
    document = parse_document(text)
    problems = ProblemLog()
    meta = validate(NewsMeta, document.meta, "x.de.md", problems)
    assert not problems.errors, problems.errors
    assert meta.is_draft and meta.image_alt == "Unterzeichnung"
    assert meta.date.value.strftime("%Y-%m-%d %H:%M %Z") == "2017-01-27 10:00 CET"


def test_empty_fields_are_left_out_but_a_missing_alt_text_is_a_prompt():
    text = news_document(
        title="T", date="2017-01-27 10:00", body="", image="images/a.jpg", image_alt=""
    )
    assert "summary" not in text and "tags" not in text and "status" not in text
    assert "image_alt: ''" in text
    problems = ProblemLog()
    validate(NewsMeta, parse_document(text).meta, "x.de.md", problems)
    assert "image_alt" in problems.errors[0].text()


def test_page_front_matter():
    text = page_document(title="Satzung", body="Text", slug="satzung-2", draft=False)
    assert text == "---\ntitle: Satzung\nslug: satzung-2\n---\n\nText\n"
    problems = ProblemLog()
    assert (
        validate(PageMeta, parse_document(text).meta, "x", problems).title == "Satzung"
    )


def test_existing_files_are_never_replaced(tmp_path):
    assert write_new(tmp_path, "pages/a.de.md", "neu", dry_run=True) is Outcome.PLANNED
    assert not (tmp_path / "pages").exists()
    assert write_new(tmp_path, "pages/a.de.md", "neu", dry_run=False) is Outcome.WRITTEN
    assert (
        write_new(tmp_path, "pages/a.de.md", "anders", dry_run=False) is Outcome.EXISTS
    )
    assert (tmp_path / "pages/a.de.md").read_text() == "neu"
    source = tmp_path / "bild.jpg"
    source.write_bytes(b"jpeg")
    assert copy_new(source, tmp_path, "images/b.jpg", False) is Outcome.WRITTEN
    assert copy_new(source, tmp_path, "images/b.jpg", False) is Outcome.EXISTS
    with pytest.raises(ValueError, match="outside"):
        write_new(tmp_path, "../ausserhalb.md", "x", dry_run=False)


def test_scan_existing_reads_keys_slugs_and_aliases(tmp_path):
    (tmp_path / "news/2017").mkdir(parents=True)
    (tmp_path / "news/2017/a.de.md").write_text(
        "---\ntitle: A\ndate: 2017-01-01 10:00\nslug: Über A\naliases: [/a/]\n---\n"
    )
    (tmp_path / "news/2017/kaputt.en.md").write_text("title: ohne Rahmen\n")
    (tmp_path / "news/_entwurf.de.md").write_text("---\ntitle: B\n---\n")
    (tmp_path / "news/notiz.txt").write_text("x")
    found = scan_existing(tmp_path, ["news", "pages"], ["de", "en"])
    assert [(f.relpath, f.key, f.lang, f.slug, f.aliases) for f in found] == [
        ("news/2017/a.de.md", "a", "de", "ueber-a", ("/a/",)),
        ("news/2017/kaputt.en.md", "kaputt", "en", "", ()),
    ]
