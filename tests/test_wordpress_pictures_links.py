"""Uploaded pictures (largest size, safe paths) and old links (every form)."""

from __future__ import annotations

import pytest

from wordpress.leftovers import Kind
from wordpress.links import LinkIndex, Target, old_hosts
from wordpress.pictures import Uploads, split_size, uploads_relpath

HOSTS = old_hosts("https://www.the-bay-areas.de")


def test_hosts_with_and_without_www():
    assert old_hosts("https://www.the-bay-areas.de") == {
        "the-bay-areas.de",
        "www.the-bay-areas.de",
    }
    assert old_hosts("https://the-bay-areas.de/", "") == HOSTS


@pytest.mark.parametrize(
    ("url", "relpath"),
    [
        (
            "https://www.the-bay-areas.de/wp-content/uploads/2017/02/a.jpg",
            "2017/02/a.jpg",
        ),
        (
            "http://the-bay-areas.de/wp-content/uploads/2017/02/%C3%BC.jpg",
            "2017/02/ü.jpg",
        ),
        ("/wp-content/uploads/2017/02/a.jpg", "2017/02/a.jpg"),
        ("https://example.org/wp-content/uploads/2017/02/a.jpg", None),
        ("https://www.the-bay-areas.de/wp-content/themes/x/a.jpg", None),
        ("https://www.the-bay-areas.de/wp-content/uploads/../../etc/passwd", None),
        ("https://www.the-bay-areas.de/wp-content/uploads/2017//a.jpg", None),
        ("data:image/png;base64,AAAA", None),
    ],
)
def test_uploads_paths_are_confined(url, relpath):
    assert uploads_relpath(url, HOSTS) == relpath


def test_sizes_are_recognised():
    assert split_size("2017/02/a-300x200.jpg") == ("2017/02", "a", ".jpg", 60000)
    assert split_size("2017/02/a-scaled.jpg") == ("2017/02", "a", ".jpg", 0)
    assert split_size("a.png") == ("", "a", ".png", 0)


def test_the_original_wins_else_the_largest_copy():
    uploads = Uploads(
        [
            "2017/02/a.jpg",
            "2017/02/a-300x200.jpg",
            "2017/02/b-scaled.jpg",
            "2017/02/b-150x150.jpg",
            "2017/02/c-300x200.jpg",
            "2017/02/c-1024x683.jpg",
            "2017/02/c-768x512.jpg",
        ]
    )
    assert uploads.best("2017/02/a-300x200.jpg") == "2017/02/a.jpg"
    assert uploads.best("2017/02/b-150x150.jpg") == "2017/02/b-scaled.jpg"
    assert uploads.best("2017/02/c-300x200.jpg") == "2017/02/c-1024x683.jpg"
    assert uploads.best("2017/02/d.jpg") is None


def test_targets_are_lower_case_ascii_and_distinct():
    uploads = Uploads(
        ["2017/02/Foto Übergabe.JPG", "2017/02/foto-uebergabe.jpg", "x.png"]
    )
    assert sorted(uploads.target(f) for f in uploads.files) == [
        "images/2017/02/foto-uebergabe-2.jpg",
        "images/2017/02/foto-uebergabe.jpg",
        "images/uploads/x.png",
    ]


@pytest.fixture
def index():
    index = LinkIndex(HOSTS, home_paths=frozenset({"/", "/de/", "/en/"}))
    index.add(
        Target("news/2017/diwish-tritt-bei.de.md"),
        10,
        [
            "https://www.the-bay-areas.de/2017/01/diwish-tritt-bei/",
            "https://www.the-bay-areas.de/?p=10",
        ],
    )
    index.add(
        Target("pages/satzung.de.md"), 20, ["https://www.the-bay-areas.de/satzung/"]
    )
    index.add(Target("news/2019/entwurf.de.md", published=False), 15, [])
    return index


@pytest.mark.parametrize(
    "href",
    [
        "https://www.the-bay-areas.de/2017/01/diwish-tritt-bei/",
        "http://the-bay-areas.de/2017/01/diwish-tritt-bei",
        "/2017/01/diwish-tritt-bei/",
        "https://www.the-bay-areas.de/?p=10",
        "/?p=10&lang=de",
    ],
)
def test_every_form_of_an_old_address_is_found(index, href):
    assert index.rewrite(href) == ("{filename}/news/2017/diwish-tritt-bei.de.md", None)


def test_pages_by_id_and_fragments(index):
    assert index.rewrite("https://the-bay-areas.de/?page_id=20#zweck") == (
        "{filename}/pages/satzung.de.md#zweck",
        None,
    )


def test_links_to_drafts_are_rewritten_and_noted(index):
    target, note = index.rewrite("/?p=15")
    assert target == "{filename}/news/2019/entwurf.de.md"
    assert note.kind is Kind.UNPUBLISHED_LINK


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("https://example.org/page/", None),
        ("mailto:info@example.org", None),
        ("#oben", None),
        ("https://www.the-bay-areas.de/", None),
        ("/en/", None),
        ("https://www.the-bay-areas.de/kontakt/", Kind.OLD_LINK),
        ("/wp-content/uploads/2017/02/satzung.pdf", Kind.OLD_LINK),
    ],
)
def test_other_links_stay_and_old_ones_are_listed(index, href, kind):
    target, note = index.rewrite(href)
    assert target == href
    assert (note.kind if note else None) is kind


def test_unsafe_links_are_dropped(index):
    target, note = index.rewrite("java\nscript:alert(1)")
    assert target is None and note.kind is Kind.UNSAFE_LINK
