"""A text's headings start below the title and go one level deeper at a time.

The build names the file and line of a heading that breaks the rule (in the
editor's language); the WordPress import moves an old post's headings to
levels that follow it, keeping siblings siblings.
"""

from __future__ import annotations

import pytest
from conftest import SiteBuilder

from sitecore.headings import nested_levels
from sitecore.markup import render_markdown


def lines_and_texts(body: str) -> list[tuple[int, str]]:
    return [(line, str(message)) for line, message in render_markdown(body, 7).problems]


@pytest.mark.parametrize(
    "body",
    [
        "## A\n\n### B\n\n#### C\n\n## D\n",
        "Setext\n------\n\n### Below\n",
        "```\n# not a heading\n```\n\n## Fine\n",
        "Text only.\n",
        "## A\n\n<h3>raw</h3>\n",
    ],
)
def test_headings_that_follow_the_rule_pass(body):
    assert render_markdown(body, 7).problems == []


def test_a_skipped_level_is_named_on_its_line():
    body = "Intro.\n\n## Ziele\n\nText.\n\n#### Im Detail\n\nMehr.\n"
    assert lines_and_texts(body) == [
        (
            13,
            "this heading is level 4 ('#### ') right after level 2: headings go "
            "one level deeper at a time, so make it '### '",
        )
    ]


def test_the_text_may_not_start_below_level_two_nor_repeat_the_title():
    assert [line for line, _ in lines_and_texts("### Start\n\nText.\n")] == [7]
    problems = lines_and_texts("Text.\n\n# Second title\n\n## Fine\n")
    assert [line for line, _ in problems] == [9]
    assert "a level-1 heading ('# ') in the text" in problems[0][1]


def test_setext_and_raw_html_headings_are_found_on_their_lines():
    body = "Titel\n=====\n\nText.\n\n```\n## in code\n```\n\n<h4>Roh</h4>\n"
    assert [line for line, _ in lines_and_texts(body)] == [7, 16]


@pytest.mark.parametrize(
    ("written", "given"),
    [
        ([3, 3, 4], [2, 2, 3]),
        ([1, 2, 2], [2, 3, 3]),
        ([2, 4, 5, 2, 6], [2, 3, 4, 2, 3]),
        ([2, 3, 4], [2, 3, 4]),
        ([4, 2, 3], [2, 2, 3]),
        ([1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 6]),
    ],
)
def test_nested_levels_keep_the_structure(written, given):
    assert nested_levels(written) == given


def test_the_build_fails_with_the_file_and_line_in_german(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_EDITOR_LANGUAGE", "de")
    site = SiteBuilder(tmp_path / "site")
    site.md(
        "news/fest.de.md",
        'title: "Sommerfest"\ndate: 2026-01-10',
        "Text.\n\n### Programm\n\nMehr.\n",
    )
    site.news("gut", "de", "Gut")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    problems = [line for line in result.problems if "fest.de.md" in line]
    assert len(problems) == 1
    assert "news/fest.de.md:8: " in problems[0]  # ---, 2 fields, ---, blank, text
    assert "Ebene 3" in problems[0] and "'## '" in problems[0]
