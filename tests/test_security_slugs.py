"""Slugs, keys and tags are bounded and never vanish silently."""

from __future__ import annotations

import pytest

from sitecore.limits import MAX_KEY_LENGTH, MAX_SLUG_LENGTH
from sitecore.models import NewsMeta
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.slugs import is_valid_key, slugify
from sitecore.yamldoc import load_yaml


def problems_of(fields: str) -> list[tuple[int | None, str]]:
    log = ProblemLog()
    doc = load_yaml(f"title: Titel\ndate: 2020-01-01\n{fields}\n", first_line=2)
    validate(NewsMeta, doc, "n.de.md", log)
    return [(p.line, p.text()) for p in log.errors]


def test_long_titles_are_cut_at_a_hyphen():
    title = "Über die Zusammenarbeit " * 10
    slug = slugify(title)
    assert slug == "ueber-die-zusammenarbeit-" * 3 + "ueber"  # 80 characters
    assert slugify("Über die Zusammenarbeit " * 3 + "Zusammenarbeit") == (
        "ueber-die-zusammenarbeit-" * 2 + "ueber-die-zusammenarbeit"
    )  # 89 characters cut after the last whole word


def test_a_word_ending_exactly_at_the_limit_is_kept():
    words = "a" * 39 + " " + "b" * 40 + " c"
    assert slugify(words) == "a" * 39 + "-" + "b" * 40


def test_one_endless_word_is_cut_at_the_limit():
    assert slugify("x" * 500) == "x" * MAX_SLUG_LENGTH
    assert slugify("x" * 500, limit=None) == "x" * 500


def test_a_long_slug_field_is_an_error_with_a_shorter_suggestion():
    [(line, message)] = problems_of("slug: " + "sehr-langer-slug-" * 8)
    assert line == 4
    assert message.startswith(
        "slug: 'sehr-langer-slug-sehr-langer-s…' is 135 characters"
    )
    assert "a slug may have at most 80" in message
    assert "such as 'sehr-langer-slug-sehr-langer-slug" in message


def test_a_slug_of_exactly_the_limit_is_fine():
    assert problems_of("slug: " + "a" * MAX_SLUG_LENGTH) == []


def test_keys_are_limited_too():
    assert is_valid_key("k" * MAX_KEY_LENGTH)
    assert not is_valid_key("k" * (MAX_KEY_LENGTH + 1))


def test_a_tag_over_sixty_characters_is_an_error():
    tag = "Digitalisierung " * 4
    [(line, message)] = problems_of(f"tags: [Kiel, {tag}]")
    assert line == 4
    assert message == (
        "tags: 'Digitalisierung Digitalisierun…' is 63 characters long and an entry "
        "may have at most 60; shorten it"
    )


@pytest.mark.parametrize("tag", ["<>", '"/"', "'–'", "'!!!'"])
def test_a_tag_without_letters_or_digits_is_an_error(tag):
    [(line, message)] = problems_of(f"tags: [Kiel, {tag}]")
    assert line == 4
    assert "has no letters or digits; write a word or remove it" in message


def test_a_tag_without_latin_letters_says_so():
    [(_, message)] = problems_of("tags: [日本]")
    assert "has no letters from A to Z or digits" in message


def test_ordinary_tags_pass():
    log = ProblemLog()
    doc = load_yaml("title: T\ndate: 2020-01-01\ntags: Kiel, Über uns, C++\n")
    meta = validate(NewsMeta, doc, "n.de.md", log)
    assert len(log) == 0
    assert meta.tags == ["Kiel", "Über uns", "C++"]
