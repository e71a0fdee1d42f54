"""Content problems as GitHub annotations, so they show on the pull request's line."""

from __future__ import annotations

from sitecore.problems import Problem, Severity, format_for_github


def test_an_error_names_file_and_line():
    problem = Problem("/repo/content/news/x.de.md", 4, "titel: unknown field")
    assert (
        format_for_github(problem, "/repo")
        == "::error file=content/news/x.de.md,line=4::titel: unknown field"
    )


def test_a_warning_without_line_and_reserved_characters_escaped():
    problem = Problem("content/a,b.yml", None, "50% done\nnext", Severity.WARNING)
    assert format_for_github(problem) == (
        "::warning file=content/a%2Cb.yml::50%25 done%0Anext"
    )


def test_the_build_prints_annotations_when_asked(site, monkeypatch, capsys):
    site.news("x", "de", "Hallo", date="2026-02-30")
    monkeypatch.setenv("SITE_PROBLEM_FORMAT", "github")
    result = site.build()
    out = capsys.readouterr().out
    assert "::error file=" in out and "news/x.de.md,line=3::date:" in out
    assert any("x.de.md:3: date:" in line for line in result.problems)
