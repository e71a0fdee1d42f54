"""Field validation: one precise problem per mistake, at its line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sitecore.models import EXTRA_ACCEPTED, NewsMeta, PageMeta
from sitecore.problems import ProblemLog, Severity, did_you_mean
from sitecore.schema import safe_url, validate
from sitecore.yamldoc import load_yaml


def check(model, text):
    log = ProblemLog()
    meta = validate(
        model, load_yaml(text, first_line=2), "n.de.md", log, ignore=EXTRA_ACCEPTED
    )
    return meta, [(p.line, p.severity, p.text()) for p in log]


def test_valid_news_gets_aware_local_datetimes():
    meta, problems = check(
        NewsMeta, "title: Hallo\ndate: 2017-02-10 15:15\ntags: a, b\n"
    )
    assert problems == []
    assert meta.date.value == datetime(
        2017, 2, 10, 15, 15, tzinfo=ZoneInfo("Europe/Berlin")
    )
    assert meta.date.has_time
    assert meta.tags == ["a", "b"]
    assert meta.status == "published"


def test_all_problems_are_reported_at_once_with_lines():
    meta, problems = check(NewsMeta, "titel: Hallo\ndate: 2017-02-30\nstatus: done\n")
    assert meta is None
    messages = {line: message for line, _, message in problems}
    assert "title: missing required field" in messages[1]
    assert "did you mean 'title'" in messages[2]
    assert "'2017-02-30' is not a valid date" in messages[3]
    assert "status:" in messages[4] and "draft" in messages[4]
    severities = {line: severity for line, severity, _ in problems}
    assert severities[2] is Severity.WARNING


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("10.02.2017", "is not a date"),
        ("2017-02-10 25:00", "invalid time"),
        ("", "expected a date"),
    ],
)
def test_bad_dates(value, words):
    _, problems = check(NewsMeta, f'title: x\ndate: "{value}"\n')
    assert any(words in message and line == 3 for line, _, message in problems)


def test_image_requires_alt_on_the_image_line():
    _, problems = check(NewsMeta, "title: x\ndate: 2017-01-01\nimage: images/a.jpg\n")
    assert [(line, msg.split(":")[0]) for line, _, msg in problems] == [(4, "image")]


def test_hugo_draft_flag_and_slug_normalised():
    meta, problems = check(
        PageMeta, "title: Über uns\ndraft: true\nslug: Über uns\nmenu: 2\n"
    )
    assert problems == []
    assert meta.is_draft and meta.slug == "ueber-uns" and meta.menu == 2


def test_menu_must_be_a_number():
    _, problems = check(PageMeta, "title: x\nmenu: first\n")
    assert problems[0][0] == 3 and "expected a number" in problems[0][2]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.org", "www.x.org", "https://"]
)
def test_unsafe_urls_rejected(url):
    with pytest.raises(ValueError):
        safe_url(url)


def test_safe_url_accepts_https():
    assert safe_url(" https://www.diwish.de ") == "https://www.diwish.de"


def test_did_you_mean():
    assert str(did_you_mean("titel", ["title", "date"])) == " (did you mean 'title'?)"
    assert did_you_mean("colour", ["title", "date"]) == ""
