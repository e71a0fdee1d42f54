"""YAML and front matter stay bounded: no alias bombs, deep nesting or huge files."""

from __future__ import annotations

import pytest

from sitecore.frontmatter import MAX_FILE_BYTES, FrontMatterError, parse_document
from sitecore.limits import MAX_YAML_BYTES, MAX_YAML_DEPTH
from sitecore.yamldoc import YamlError, load_yaml

#: "Billion laughs": each level names the one before nine times.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
    for i in range(8)
)


def error_of(text: str, first_line: int = 1) -> YamlError:
    with pytest.raises(YamlError) as info:
        load_yaml(text, first_line)
    return info.value


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: x\ntags: &x [a, *x]\n", 2),
        ("title: &t Hallo\nsummary: *t\n", 1),
        (ALIAS_BOMB, 1),
        ("title: x\nlocation: &loc\n  name: Kiel\n", 2),
    ],
)
def test_anchors_and_aliases_are_refused(text, line):
    error = error_of(text)
    assert error.line == line
    assert "must be put in double quotes" in str(error)


def test_a_quoted_star_or_ampersand_is_fine():
    doc = load_yaml("title: '*Neu*'\nsummary: \"&Co\"\n")
    assert doc.data == {"title": "*Neu*", "summary": "&Co"}


def test_deep_nesting_is_an_error_not_a_recursion_error():
    flow = "x: " + "[" * 5000 + "]" * 5000 + "\n"
    assert "nested more than 20 levels deep" in str(error_of(flow))
    block = "".join("  " * level + f"k{level}:\n" for level in range(40)) + "  " * 40
    error = error_of(block + "v\n", first_line=2)
    assert error.line == MAX_YAML_DEPTH + 2  # the first level too deep
    ok = "".join("  " * level + f"k{level}:\n" for level in range(MAX_YAML_DEPTH - 1))
    assert load_yaml(ok + "  " * (MAX_YAML_DEPTH - 1) + "v: 1\n").data


def test_oversized_yaml_is_an_error():
    text = "title: " + "x" * MAX_YAML_BYTES + "\n"
    error = error_of(text, first_line=2)
    assert error.line == 2
    assert str(error) == (
        "the fields take 129 KB and the limit is 128 KB; "
        "move long texts into the Markdown body"
    )


def test_oversized_file_is_an_error():
    with pytest.raises(FrontMatterError) as info:
        parse_document("---\ntitle: x\n---\n" + "a" * MAX_FILE_BYTES)
    assert str(info.value).startswith("the file is 641 KB and the limit is 640 KB")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title: a\n\tdate: b\n", 2),
        ("tags:\n\t- a\n", 2),
        ("a:\n  b: 1\n\tc: 2\n", 3),
        ("description: |\n  x\n\ty\n", 3),
        ("title: a\n  \tdate: b\n", 2),
    ],
)
def test_tab_indentation_says_tab(text, line):
    error = error_of(text)
    assert (error.line, str(error)) == (
        line,
        "the line starts with a tab; indent with spaces",
    )


def test_tabs_inside_values_are_fine():
    assert load_yaml("title: 'a\tb'\n").data == {"title": "a\tb"}


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0c", "\x1b", "\x7f", "\x85"])
def test_control_characters_name_their_line(character):
    error = error_of(f"title: a\nsummary: b{character}c\n", first_line=2)
    assert error.line == 3
    assert "invisible control character (U+00" in str(error)
    assert "retype the line" in str(error)


def test_a_second_document_is_explained():
    error = error_of("title: a\n---\ntitle: b\n")
    assert error.line == 2 and "a line '---' ends the fields" in str(error)


def test_values_and_lines_as_before():
    doc = load_yaml(
        "title: x\nlocation:\n  name: Kiel\n  city: Kiel\nmembers: [a, b]\n"
        "description:\n  de: |\n    Text\n",
        first_line=2,
    )
    assert doc.data == {
        "title": "x",
        "location": {"name": "Kiel", "city": "Kiel"},
        "members": ["a", "b"],
        "description": {"de": "Text\n"},
    }
    assert doc.line_of("location") == 3
    assert doc.line_of("location", "city") == 5
    assert doc.line_of("members", 1) == 6
    assert doc.line_of("description", "de") == 8
    for text in ("[a, b]\n", "just text\n"):
        assert "expected lines of the form 'name: value'" in str(error_of(text))
    assert "a field name must be a plain word" in str(error_of("[a]: b\n"))
