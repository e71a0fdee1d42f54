"""Bounded work per file: size and time limits, invisible control characters."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from sitecore import markup
from sitecore.limits import (
    MAX_MARKDOWN_BYTES,
    TimeLimitError,
    first_control_character,
    strip_control_characters,
    time_limit,
)


def render_markdown(body: str, first_line: int, **options):
    """Rendered Markdown with its problems and warnings in English."""
    rendered = markup.render_markdown(body, first_line, **options)
    rendered.problems = [(line, str(message)) for line, message in rendered.problems]
    rendered.warnings = [(line, str(message)) for line, message in rendered.warnings]
    return rendered


SLOW_MESSAGE = (
    "this file takes too long to convert (more than {seconds} seconds); look for "
    "a very long line or many unclosed '[' or '<' characters"
)


def test_control_characters_are_removed_with_their_lines():
    text = "eins\x0c\nzwei\nd\x00r\x01ei\tmit Tab\r\nvier\x85\n"
    cleaned, lines = strip_control_characters(text)
    assert cleaned == "eins\nzwei\ndrei\tmit Tab\r\nvier\n"
    assert lines == [1, 3, 4]
    assert strip_control_characters("sauber\n") == ("sauber\n", [])
    assert first_control_character("a\nb\x0bc") == (2, "U+000B")
    assert first_control_character("a\tb") is None


def test_nul_in_a_body_is_never_published_and_warned_about():
    rendered = render_markdown("Erste Zeile\n\nZwei\x00te Zeile\x0c\n", 7)
    assert "\x00" not in rendered.html and "\x0c" not in rendered.html
    assert "<p>Zweite Zeile</p>" in rendered.html
    assert rendered.problems == []
    assert [line for line, _ in rendered.warnings] == [9]
    assert "invisible control character" in rendered.warnings[0][1]


def test_markdown_placeholders_cannot_be_smuggled_in():
    # Markdown marks stashed raw HTML with \x02 and \x03; an editor's text
    # must not be able to name stash entries.
    rendered = render_markdown("<b>x</b>\n\n\x02wzxhzdk:0\x03\n", 1)
    assert rendered.html.count("<b>") == 1


def test_a_text_over_the_size_limit_is_an_error():
    body = "a" * (MAX_MARKDOWN_BYTES + 1)
    rendered = render_markdown(body, 5)
    assert rendered.html == ""
    assert rendered.problems == [
        (
            5,
            "the text is 513 KB long and the limit is 512 KB; "
            "split it into several pages",
        )
    ]


@pytest.mark.parametrize("size", [40_000, 160_000])
def test_a_text_that_converts_too_slowly_is_stopped(size):
    rendered = render_markdown("[a" * (size // 2), 3, seconds=0.5)
    assert rendered.html == ""
    assert rendered.problems == [(3, SLOW_MESSAGE.format(seconds="0.5"))]
    # The interrupted converter is replaced: the next file renders normally.
    after = render_markdown("## Titel\n\n[Link](/de/) und *mehr*.\n", 1)
    assert after.problems == []
    assert after.html == (
        '<h2 id="titel">Titel</h2>\n<p><a href="/de/">Link</a> und <em>mehr</em>.</p>'
    )
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.slow
def test_the_default_time_limit_stops_forty_kilobytes_of_brackets():
    rendered = render_markdown("[a" * 20_000, 1)
    assert rendered.problems == [(1, SLOW_MESSAGE.format(seconds="10"))]


def test_time_limit_interrupts_a_python_loop():
    with pytest.raises(TimeLimitError), time_limit(0.05):
        while True:
            pass


def test_time_limit_restores_an_outer_timer():
    with pytest.raises(TimeLimitError) as outer, time_limit(0.3):
        with time_limit(5):
            pass
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 0.3
        while True:
            pass
    assert outer.value.seconds == 0.3


def test_time_limit_off_the_main_thread_runs_without_a_limit():
    results = []

    def work():
        with time_limit(0.01):
            time.sleep(0.05)  # would have been interrupted on the main thread
        results.append(signal.getitimer(signal.ITIMER_REAL))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [(0.0, 0.0)]
