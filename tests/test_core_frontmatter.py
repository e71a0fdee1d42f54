"""Front matter and YAML: values stay text, every problem names its line."""

from __future__ import annotations

import pytest

from sitecore.frontmatter import FrontMatterError, parse_document
from sitecore.yamldoc import YamlError, load_yaml


def test_values_stay_strings_and_lines_are_kept():
    doc = load_yaml(
        "title: NO\ndate: 2021-02-30\ntags:\n  - a\n  - 2017\n", first_line=2
    )
    assert doc.data == {"title": "NO", "date": "2021-02-30", "tags": ["a", "2017"]}
    assert doc.line_of("date") == 3
    assert doc.line_of("tags", 1) == 6
    assert doc.line_of("unknown") == 2


def test_null_means_empty():
    assert load_yaml("summary: ~\nauthor:\n").data == {"summary": "", "author": ""}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: Kiel: a city\n", 1, "in double quotes"),
        ("title: a\ntitle: b\n", 2, "given twice (first on line 1)"),
        ("- a\n- b\n", 1, "name: value"),
        ("title: a\n\tdate: b\n", 2, "the line starts with a tab; indent with spaces"),
    ],
)
def test_yaml_errors_have_lines_and_hints(text, line, words):
    with pytest.raises(YamlError) as info:
        load_yaml(text)
    assert info.value.line == line
    assert words in str(info.value)


def test_document_split_and_body_line():
    doc = parse_document("\ufeff---\r\ntitle: Hallo\r\n---\r\n\r\nText\r\n")
    assert doc.meta.data == {"title": "Hallo"}
    assert doc.meta.line_of("title") == 2
    assert doc.body.strip() == "Text"
    assert doc.body_line == 4


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("+++\ntitle = 'x'\n+++\n", "not '+++' lines"),
        ("Title: Hallo\nDate: 2017-01-01\n\nText", "between two '---' lines"),
        ("---\ntitle: x\n\nText without a closing fence\n", "not closed"),
        ("Just text\n", "must start with a line '---'"),
    ],
)
def test_broken_front_matter_is_explained(text, words):
    with pytest.raises(FrontMatterError) as info:
        parse_document(text)
    assert info.value.line == 1
    assert words in str(info.value)


def test_yaml_error_lines_count_from_the_file_start():
    with pytest.raises(FrontMatterError) as info:
        parse_document("---\ntitle: ok\nsummary: Kiel: yes\n---\nBody")
    assert info.value.line == 3
