"""Bounded Markdown: nesting is measured before parsing, slow texts share one budget."""

from __future__ import annotations

import pytest
from test_security_build import Publisher, tree_digest

from sitecore import limits
from sitecore.i18n import render
from sitecore.markup import render_markdown
from sitecore.nesting import too_deep

DEEP = {
    "div": ('<div markdown="1">\n' * 500 + "x\n" + "</div>\n" * 500, 41, "html"),
    "details": ("<details>\n" * 60 + "x\n" + "</details>\n" * 60, 41, "html"),
    "list": ("".join("    " * i + "- a\n" for i in range(450)), 41, "blocks"),
    "ordered": ("".join("    " * i + "1. a\n" for i in range(100)), 41, "blocks"),
    "quotes": ("".join("> " * i + "x\n\n" for i in range(1, 600)), 81, "blocks"),
    "quote line": ("> " * 2000 + "x\n", 1, "blocks"),
    "tabs": ("\t" * 60 + "- x\n", 1, "blocks"),
    "emphasis": ("text\n" + "*" * 2500 + "a" + "*" * 2500, 2, "emphasis"),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_found_before_parsing_with_its_line(name):
    text, line, what = DEEP[name]
    found = too_deep(text)
    assert found is not None and (found.line, found.what) == (line, what)
    rendered = render_markdown(text, 10)
    assert rendered.html == ""
    (where, message), *_ = rendered.problems
    assert where == 10 + line - 1
    assert "nested too deeply" in render(message)


@pytest.mark.parametrize(
    "text",
    [
        "- a\n    - b\n        - c\n            - d\n",
        "> a\n> > b\n> > > c\n",
        "*" * 300 + "\n",  # a rule, however long
        "```\n" + " " * 400 + "deep code\n```\n",
        "<div><p>one<p>two<br><img src=x alt=y></div>\n" * 50,
        "a < b and c > d, <3 <3 <3\n" * 100,
        "**bold** and _it_ and ***both***\n",
    ],
)
def test_ordinary_nesting_passes(text):
    assert too_deep(text) is None


def test_the_time_limit_follows_the_text_and_the_build(monkeypatch):
    assert limits.allotted_seconds(2_000, 0.0) < 1  # a news item, budget spent
    assert limits.allotted_seconds(2_000, 100.0) == limits.CONVERT_SECONDS
    assert limits.allotted_seconds(500_000, 0.0) > 4  # a large text keeps its time
    budget = limits.SlowBudget(6.0)
    assert budget.share(3) == 2.0
    budget.pay(7.0)
    assert budget.share(3) == 0.0


# Whole builds ---------------------------------------------------------------------


@pytest.fixture
def published(tmp_path):
    publisher = Publisher(tmp_path)
    publisher.site.news("good", "de", "Gut", date="2026-01-01 10:00")
    publisher.site.news("good", "en", "Good", date="2026-01-01 10:00")
    assert publisher.publish(), publisher.stderr
    publisher.before = tree_digest(publisher.output)
    return publisher


def test_deep_nesting_fails_the_build_in_german_with_its_line(published, monkeypatch):
    monkeypatch.setenv("SITE_EDITOR_LANGUAGE", "de")
    published.site.md(
        "news/deep.de.md",
        'title: "Tief"\ndate: 2026-01-02',
        "Text\n\n" + '<div markdown="1">\n' * 500 + "x\n" + "</div>\n" * 500,
    )
    published.site.md(
        "pages/list.de.md",
        'title: "Liste"',
        "".join("    " * i + "- a\n" for i in range(450)),
    )
    assert not published.publish(), published.stderr
    assert "news/deep.de.md:48: der Text ist zu tief verschachtelt" in (
        published.stderr
    )
    assert "pages/list.de.md:45: der Text ist zu tief verschachtelt" in (
        published.stderr
    )
    assert tree_digest(published.output) == published.before


def test_hostile_files_share_one_budget_and_each_is_named(published, monkeypatch):
    # Alone, each of these takes a few seconds, under the ten one file may
    # take; together they must not hold the build: the budget runs out.
    monkeypatch.setattr(limits, "BUILD_SLOW_SECONDS", 1.0)
    names = [f"news/slow{number}.de.md" for number in range(4)]
    for name in names:
        published.site.md(name, 'title: "Langsam"\ndate: 2026-01-02', "[a" * 3000)
    assert not published.publish(), published.stderr
    for name in names:
        assert f"{name}:5: this file takes too long to convert" in published.stderr
    assert tree_digest(published.output) == published.before
    # Stopped results are not kept: once the text is fixed, the build passes.
    for name in names:
        published.site.md(name, 'title: "Schnell"\ndate: 2026-01-02', "Kurz.")
    assert published.publish(), published.stderr
