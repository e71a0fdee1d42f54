"""All problems in one round: one build tells the editor everything to fix.

A file whose fields cannot be read still has its text checked; what only
follows from another file's error is listed under that error instead of
being an error of its own; problems come by file and line, the cause first.
"""

from __future__ import annotations

from sitecore.i18n import M
from sitecore.problems import ProblemLog


def shown(result) -> list[str]:
    """The problem lines, with paths from content/ on."""
    return ["content/" + line.split("/content/", 1)[-1] for line in result.problems]


def test_the_text_of_a_file_with_broken_fields_is_checked_too(site):
    site.write(
        "news/broken.de.md",
        "---\ntitle: Sommerfest\n\tdate: 2020-01-01\n---\n\n"
        "Erster Absatz.\n\n"
        '<iframe src="https://example.org/video"></iframe>\n\n'
        "![]({static}/images/fest.jpg)\n\n"
        "[Programm]({filename}/pages/programm.de.md)\n",
    )
    site.news("good", "de", "Gut")
    result = site.build("pelicanconf.py")
    assert result.exit_code == 0  # the preview goes on
    assert shown(result) == [
        "content/news/broken.de.md:3: the line starts with a tab; indent with spaces",
        "content/news/broken.de.md:8: <iframe> is not allowed: it would load a page "
        "from another site without visitors' consent; link to the page instead",
        "content/news/broken.de.md:10: {static}/images/fest.jpg: "
        "content/images/fest.jpg does not exist; check the spelling of the path",
        "content/news/broken.de.md:12: {filename}/pages/programm.de.md links to "
        "content/pages/programm.de.md, which does not exist; check the spelling "
        "and the language in the file name",
    ]
    # Still not published, whatever its text says.
    assert result.exists("de/aktuelles/good/")
    assert not list(result.output.rglob("*broken*"))


def test_pictures_in_the_text_of_a_file_with_errors_are_checked(site):
    site.write("images/fest.jpg", "not really a picture")
    site.write(
        "news/broken.de.md",
        "---\ntitle: Sommerfest\ndate: 2020-02-30\n---\n\n"
        "![](/images/fest.jpg)\n\n![Ein Bild](https://example.org/x.jpg)\n",
    )
    result = site.build("pelicanconf.py")
    assert shown(result) == [
        "content/images/fest.jpg: warning: not published: it is not a picture the "
        "site can read (JPEG, PNG, WebP, AVIF, GIF, TIFF); save it as JPEG or PNG",
        "content/news/broken.de.md:3: date: '2020-02-30' is not a valid date: "
        "that day does not exist",
        "content/news/broken.de.md:6: image 'images/fest.jpg' has no description: "
        "write what it shows between the square brackets, ![Description](…)",
        "content/news/broken.de.md:8: image 'https://example.org/x.jpg' would be "
        "loaded from another website, which tells it about every visitor: save the "
        "picture in content/images/ and write ![description]({static}/images/…)",
    ]


def test_a_member_file_with_wrong_fields_still_has_its_texts_checked(site):
    site.write(
        "members/kiel.yml",
        "name: Kiel\nregion: bayarea\ncity: Kiel\ntype: public\n"
        "description:\n  de: Text <script>alert(1)</script>\n  en: Text\n",
    )
    result = site.build("pelicanconf.py")
    assert [line.split(": ", 2)[1] for line in shown(result)] == [
        "region",
        "description.de",
    ]


def test_links_to_a_file_with_errors_are_listed_under_its_error(site):
    site.md("pages/about.de.md", "title: Über uns\nmenu: eins")
    site.md(
        "news/a.de.md",
        "title: A\ndate: 2020-01-01",
        "Siehe [über uns]({filename}/pages/about.de.md).\n",
    )
    site.md(
        "news/b.de.md",
        "title: B\ndate: 2020-01-01",
        "Text.\n\nAuch [hier]({filename}/pages/about.de.md).\n",
    )
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert shown(result) == [
        "content/pages/about.de.md:3: menu: expected a number such as 1 or 2, "
        "not 'eins' — this also keeps these from linking to it: "
        "content/news/a.de.md:6, content/news/b.de.md:8"
    ]


def test_problems_come_by_file_and_line_the_cause_first():
    log = ProblemLog()
    log.warning("b.md", 2, "a warning")
    log.error("b.md", 2, "the error")
    log.error("a.md", 9, "later")
    log.error("a.md", None, "about the file")
    log.error("a.md", 3, "earlier")
    assert [(p.path, p.line, p.text()) for p in log] == [
        ("a.md", None, "about the file"),
        ("a.md", 3, "earlier"),
        ("a.md", 9, "later"),
        ("b.md", 2, "the error"),
        ("b.md", 2, "a warning"),
    ]


def test_a_consequence_without_its_cause_is_still_shown():
    log = ProblemLog()
    log.error("member.yml", 4, M("region: wrong"))
    log.consequence("member.yml", "a.md", 3, "names", "fallback a", "content/a.md")
    log.consequence("gone.yml", "b.md", 5, "names", "b names a broken member")
    assert [p.format() for p in log] == [
        "b.md:5: b names a broken member",
        "member.yml:4: region: wrong — this also keeps these from naming it: "
        "content/a.md:3",
    ]
    assert len(log.errors) == 2
