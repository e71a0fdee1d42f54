"""Dates are strict: two-digit fields, sane years, no skipped or repeated times."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitecore.dates import get_zone, parse_when
from sitecore.models import NewsMeta
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from sitecore.yamldoc import load_yaml

BERLIN = get_zone("Europe/Berlin")


def error(text: str, zone: str = "Europe/Berlin") -> str:
    with pytest.raises(ValueError) as info:
        parse_when(text, get_zone(zone))
    return str(info.value)


@pytest.mark.parametrize(
    ("text", "correct"),
    [
        ("2017-1-30 9:00", "2017-01-30 09:00"),
        ("2017-01-30 9:5", "2017-01-30 09:05"),
        ("2017-1-3", "2017-01-03"),
        ("2017-01-30T09:00", "2017-01-30 09:00"),
        ("2017-01-30 09:00:00", "2017-01-30 09:00"),
    ],
)
def test_loose_formats_are_errors_that_show_the_correct_form(text, correct):
    assert error(text) == (
        f"'{text}' must be written as {correct}: YYYY-MM-DD or YYYY-MM-DD HH:MM, "
        "with two digits for month, day, hour and minute"
    )


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31 23:00"])
def test_years_outside_1900_to_2199_are_errors(text):
    assert "years from 1900 to 2199 are accepted" in error(text)


def test_the_edges_of_the_year_range_work_in_every_zone():
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"):
        for text in ("1900-01-01 00:00", "2199-12-31 23:59"):
            value = parse_when(text, get_zone(zone)).value
            assert value.astimezone(get_zone("UTC")).year in (1899, 1900, 2199, 2200)


def test_a_time_the_clocks_skip_is_an_error_with_both_neighbours():
    assert error("2098-03-30 02:30") == (
        "'2098-03-30 02:30' does not exist in Europe/Berlin: the clocks jump from "
        "02:00 to 03:00 that night; use 03:30 or 01:30"
    )
    assert "jump from 02:00 to 02:30 that night; use 02:45 or 01:45" in error(
        "2024-10-06 02:15", "Australia/Lord_Howe"
    )


def test_a_time_the_clocks_repeat_is_an_error():
    assert error("2098-10-26 02:30") == (
        "'2098-10-26 02:30' happens twice in Europe/Berlin: the clocks go back from "
        "03:00 to 02:00 that night; choose a time outside 02:00–03:00"
    )
    assert "choose a time outside 01:00–02:00" in error(
        "2024-11-03 01:30", "America/Los_Angeles"
    )


@pytest.mark.parametrize(
    "text",
    ["2098-03-30 01:59", "2098-03-30 03:00", "2098-10-26 01:59", "2098-10-26 03:00"],
)
def test_times_next_to_a_change_are_fine(text):
    value = parse_when(text, BERLIN).value
    assert value.replace(tzinfo=None) == datetime.fromisoformat(text)


def test_the_error_reaches_the_editor_on_the_field_line():
    log = ProblemLog()
    doc = load_yaml("title: x\ndate: 2098-03-30 02:30\n", first_line=2)
    assert validate(NewsMeta, doc, "n.de.md", log) is None
    [problem] = log.errors
    assert problem.line == 3
    assert problem.text().startswith("date: '2098-03-30 02:30' does not exist")
