"""A person's consent lies in the past: a date after the build's day is an error."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from test_people import person

CONTACT = 'email: vorstand@example.org\nphone: "+49 431 000000"\n'


def test_consent_in_the_future_is_an_error_and_publishes_nothing(site, monkeypatch):
    person(site, "schulz", "Axel Schulz", extra="consent: 2099-12-31\n" + CONTACT)
    strict = site.build("publishconf.py")
    assert strict.exit_code == 1
    assert (
        "content/people/schulz.yml:6: consent: 2099-12-31 is in the future"
        in strict.stderr
    )
    assert strict.stderr.count("is in the future") == 1  # one file, one error
    preview = site.build(name="preview")  # the preview shows the rest
    for url in ("de/vorstand/", "en/board/"):
        page = preview.file(url).read_text("utf-8")
        assert "Axel Schulz" in page
        assert "tel:" not in page and "&#109;&#97;" not in page  # no mailto link
    monkeypatch.setenv("SITE_EDITOR_LANGUAGE", "de")
    german = site.build("publishconf.py", name="german")
    assert "schulz.yml:6: consent: 2099-12-31 liegt in der Zukunft" in german.stderr


def test_consent_counts_from_the_day_of_the_build(site):
    person(site, "schulz", "Axel Schulz", extra="consent: 2026-06-02\n" + CONTACT)
    early = site.build("publishconf.py")  # built on 1 June 2026
    assert early.exit_code == 1 and "is in the future" in early.stderr
    later = site.build(
        "publishconf.py",
        name="later",
        BUILD_NOW=datetime(2026, 6, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    assert later.exit_code == 0, later.stderr
    assert "tel:+49431000000" in later.file("en/board/").read_text("utf-8")
