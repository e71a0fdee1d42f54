"""The whole import on the fixture exports: files, front matter, report, reruns."""

from __future__ import annotations

import filecmp
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from invoke import Context
from PIL import Image

from bilingual.settings import load
from sitecore.frontmatter import parse_document
from sitecore.models import NewsMeta, PageMeta
from sitecore.problems import ProblemLog
from sitecore.schema import validate
from wordpress.cli import main
from wordpress.importer import plan_import
from wordpress.leftovers import Kind
from wordpress.newsite import NewSite
from wordpress.wxr import Export, Item

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
#: The project's own site, as ``pelicanconf.py`` declares it.
SAMPLE_SITE = NewSite.of(load(str(ROOT / "pelicanconf.py")))
EXPECTED_FILES = {
    "news/2017/diwish-tritt-bei.de.md",
    "news/2017/diwish-tritt-bei.en.md",
    "news/2017/kiel-san-francisco-partnerschaft.de.md",
    "news/2017/kiel-san-francisco-partnerschaft.en.md",
    "news/2018/ueberflieger-startet.de.md",
    "news/2019/digital-challenge-entwurf.de.md",
    "news/2027/digital-challenge-2027.en.md",
    "pages/satzung.de.md",
    "pages/satzung.en.md",
    "pages/mitglied-werden.de.md",
    "images/2017/02/signing.jpg",
    "images/2017/02/handshake-1024x683.jpg",
}


def make_uploads(folder: Path) -> Path:
    """The old site's uploads: originals and sized copies, as WordPress keeps them."""
    pictures = {
        "signing.jpg": (64, 48),
        "signing-300x200.jpg": (30, 20),
        "handshake-300x200.jpg": (30, 20),
        "handshake-1024x683.jpg": (48, 32),
    }
    month = folder / "2017" / "02"
    month.mkdir(parents=True)
    for name, size in pictures.items():
        Image.new("RGB", size, (40, 90, 160)).save(month / name, "JPEG")
    return folder


def run(*args: str | Path) -> int:
    return main([str(arg) for arg in args])


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    """Run in the test's folder, so the report names ``content/…`` as editors do."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def imported(tmp_path, capsys):
    make_uploads(tmp_path / "uploads")
    assert run("--source", EXPORT, "--uploads", "uploads", "--content", "content") == 0
    capsys.readouterr()
    return tmp_path / "content"


def front(content: Path, relpath: str) -> dict:
    return parse_document((content / relpath).read_text("utf-8")).meta.data


def body(content: Path, relpath: str) -> str:
    return parse_document((content / relpath).read_text("utf-8")).body


def test_files_and_pictures_land_where_the_contract_says(imported, tmp_path):
    assert set(tree(imported)) == EXPECTED_FILES | {"_import-report.md"}
    uploads = tmp_path / "uploads" / "2017" / "02"
    assert filecmp.cmp(uploads / "signing.jpg", imported / "images/2017/02/signing.jpg")


def test_every_file_is_valid_front_matter_for_the_site(imported):
    for relpath in EXPECTED_FILES:
        if not relpath.endswith(".md"):
            continue
        model = NewsMeta if relpath.startswith("news/") else PageMeta
        document = parse_document((imported / relpath).read_text("utf-8"))
        problems = ProblemLog()
        assert validate(model, document.meta, relpath, problems) is not None
        assert not list(problems), [str(p) for p in problems]


def test_news_front_matter(imported):
    german = front(imported, "news/2017/diwish-tritt-bei.de.md")
    assert german == {
        "title": "DiWiSH tritt The Bay Areas bei",
        "date": "2017-01-27 10:00",
        "summary": "Das Netzwerk DiWiSH wird Mitglied – ein Beispieltext.",
        "tags": ["Mitglieder", "Digitale Wirtschaft"],
        "author": "Redaktion",
        "image": "images/2017/02/signing.jpg",
        "image_alt": "Unterzeichnung des Mitgliedsvertrags",
        "aliases": ["/2017/01/diwish-tritt-bei/"],
    }
    english = front(imported, "news/2017/diwish-tritt-bei.en.md")
    assert english["slug"] == "diwish-joins"
    assert english["tags"] == ["Members"], "the default category is left out"
    assert english["author"] == "Erika Beispiel"
    assert english["aliases"] == ["/en/2017/01/diwish-joins/"]
    partnership = front(imported, "news/2017/kiel-san-francisco-partnerschaft.de.md")
    assert partnership["title"] == "Kiel und San Francisco: Partnerschaft besiegelt"
    assert partnership["date"] == "2017-09-22 18:30"


def test_drafts_and_scheduled_posts(imported):
    draft = front(imported, "news/2019/digital-challenge-entwurf.de.md")
    assert draft["status"] == "draft" and draft["date"] == "2019-05-02 14:15"
    assert "aliases" not in draft, "a draft has no public address to redirect"
    scheduled = front(imported, "news/2027/digital-challenge-2027.en.md")
    assert scheduled["date"] == "2027-03-01 09:00" and "status" not in scheduled


def test_pages(imported):
    assert front(imported, "pages/satzung.de.md") == {
        "title": "Satzung",
        "aliases": ["/satzung/"],
    }
    assert front(imported, "pages/satzung.en.md") == {
        "title": "Statutes",
        "slug": "statutes",
    }, "/en/statutes/ is the new address too: no alias, or it would collide"
    assert body(imported, "pages/satzung.de.md").startswith(
        "\n## § 1 Name und Sitz\n\nDer Verein heißt"
    )
    elementor = body(imported, "pages/mitglied-werden.de.md")
    assert "## Mitglied werden" in elementor and "Hochschulen" in elementor
    assert "iframe" not in elementor and "elementor" not in elementor


def test_bodies_link_pictures_and_items(imported):
    german = body(imported, "news/2017/diwish-tritt-bei.de.md")
    assert "wird Mitglied in unserem Verein.  \nUnterschrieben" in german
    assert "![]({static}/images/2017/02/handshake-1024x683.jpg)" in german
    assert "[Mitglied werden]({filename}/pages/mitglied-werden.de.md)" in german
    assert "- Treffen für *Start-ups* & Mittelstand" in german
    english = body(imported, "news/2017/diwish-tritt-bei.en.md")
    assert (
        "![Two people sign a contract]({static}/images/2017/02/signing.jpg)" in english
    )
    assert "wp:" not in english and "youtube" not in english
    partnership = body(imported, "news/2017/kiel-san-francisco-partnerschaft.de.md")
    assert "({filename}/news/2017/diwish-tritt-bei.de.md)" in partnership
    assert "({filename}/news/2017/diwish-tritt-bei.de.md#unterschrift)" in partnership
    assert "[gallery" not in partnership and "contact-form" not in partnership
    assert "trackVisitor" not in partnership
    city = body(imported, "news/2017/kiel-san-francisco-partnerschaft.en.md")
    assert "[DiWiSH joined]({filename}/news/2017/diwish-tritt-bei.en.md)" in city
    logo = body(imported, "news/2018/ueberflieger-startet.de.md")
    assert logo.rstrip().endswith("\n\nLogo des Wettbewerbs Überflieger")


def test_the_report_lists_files_leftovers_and_counts(imported):
    report = (imported / "_import-report.md").read_text("utf-8")
    for relpath in EXPECTED_FILES:
        if relpath.endswith(".md"):
            assert f"`content/{relpath}`: written" in report
    expected = [
        '  - shortcode: [gallery ids="30,31" columns="2"]',
        '  - form: [contact-form-7 id="42" title="Kontakt"]',
        "  - script: <script> trackVisitor();",
        "  - embed: <iframe> https://www.google.com/maps/embed?pb=example",
        "  - embed: wp:embed: https://www.youtube.com/watch?v=example",
        "  - block: wp:latest-posts",
        '  - block: wp:shortcode: [contact-form-7 id="43" title="Anmeldung"]',
        "  - page builder: Elementor widget 'google_maps'",
        "  - missing alt text: images/2017/02/handshake-1024x683.jpg",
        "  - missing picture: https://www.the-bay-areas.de/wp-content/uploads/2018/03/",
        "  - featured image of a page: https://www.the-bay-areas.de/wp-content/uploads/",
        "  - link to the old site: https://www.the-bay-areas.de/kontakt/",
        "  - note: keeps its old address /en/statutes/; no redirect needed",
        "- `fr` (WPML): DiWiSH rejoint The Bay Areas (post 18,",
        "| `/?p=10` | `content/news/2017/diwish-tritt-bei.de.md` |",
        "| `/?page_id=21` | `content/pages/satzung.en.md` |",
        "| nav_menu_item | 1 |",
        "| elementor_library | 1 |",
        "| post (trash) | 1 |",
        "- items imported: 7 (10 files: 10 written, 0 already there)",
        "- pairs: 3, unpaired: 4",
        "- pictures copied: 2, already there: 0",
        "- skipped: 8 (attachment 2, elementor_library 1, nav_menu_item 1, "
        "post (auto-draft) 1, post (trash) 1, revision 1, wp_block 1)",
        "- languages the site does not have: 1",
        "`invoke serve`",
    ]
    for line in expected:
        assert line in report, line
    assert (
        "- not carried over: 13 (block 2, embed 2, featured image of a page 1, form 1, "
        "link to the old site 1, missing alt text 1, missing picture 1, "
        "page builder 2, script 1, shortcode 1)"
    ) in report


def test_a_second_run_writes_nothing(imported, tmp_path, capsys):
    before = tree(imported)
    assert run("--source", EXPORT, "--uploads", "uploads", "--content", "content") == 0
    after = tree(imported)
    assert after == before, "not even the report changes"
    out = capsys.readouterr().out
    assert "- items imported: 7 (10 files: 0 written, 10 already there)" in out
    assert "- pictures copied: 0, already there: 2" in out
    assert "Nothing new; the report of the earlier run stays" in out
    (imported / "_import-report.md").unlink()
    assert run("--source", EXPORT, "--uploads", "uploads", "--content", "content") == 0
    report = (imported / "_import-report.md").read_text("utf-8")
    assert "`content/pages/satzung.en.md`: exists, left as is" in report


def test_an_edited_import_is_still_recognised(imported, tmp_path):
    path = imported / "news/2019/digital-challenge-entwurf.de.md"
    path.write_text(path.read_text().replace("Noch nicht fertig.", "Jetzt fertig."))
    satzung = imported / "pages/satzung.de.md"
    satzung.write_text(
        satzung.read_text().replace("title: Satzung", "title: Unsere Satzung")
    )
    assert run("--source", EXPORT, "--uploads", "uploads", "--content", "content") == 0
    assert set(tree(imported)) == EXPECTED_FILES | {"_import-report.md"}


def test_a_dry_run_writes_nothing(tmp_path, capsys):
    make_uploads(tmp_path / "uploads")
    content = tmp_path / "content"
    args = ("--source", EXPORT, "--uploads", "uploads", "--content", "content")
    assert run(*args, "--dry-run") == 0
    assert not content.exists()
    out = capsys.readouterr().out
    assert "**Dry run: nothing was written.**" in out
    assert "`content/pages/satzung.de.md`: would be written" in out
    assert "- items imported: 7 (10 files: 10 to write, 0 already there)" in out
    assert "- pictures copied: 2 (dry run: to copy)" in out


def test_existing_content_keeps_its_keys(tmp_path):
    content = tmp_path / "content"
    other = content / "news" / "2016" / "diwish-tritt-bei.de.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\ntitle: Etwas anderes\ndate: 2016-12-01\n---\n\nText\n")
    (content / "pages").mkdir()
    (content / "pages" / "x.de.md").write_text("---\ntitle: X\nslug: satzung\n---\n")
    assert run("--source", EXPORT, "--content", content) == 0
    assert other.read_text().startswith("---\ntitle: Etwas anderes")
    files = set(tree(content))
    assert "news/2017/diwish-tritt-bei-2.de.md" in files
    assert "news/2017/diwish-tritt-bei-2.en.md" in files
    assert front(content, "pages/satzung.de.md")["slug"] == "satzung-2"


def test_without_uploads_every_picture_is_reported(tmp_path):
    content = tmp_path / "content"
    report = tmp_path / "report.md"
    assert run("--source", EXPORT, "--content", content, "--report", report) == 0
    assert not (content / "images").exists()
    assert not (content / "_import-report.md").exists()
    text = report.read_text("utf-8")
    assert text.count("no uploads folder given (--uploads)") == 5
    german = front(content, "news/2017/diwish-tritt-bei.de.md")
    assert "image" not in german


def test_polylang_pairs(tmp_path):
    content = tmp_path / "content"
    export = FIXTURES / "export-polylang.xml"
    assert run("--source", export, "--content", content) == 0
    assert set(tree(content)) == {
        "news/2019/digital-challenge.de.md",
        "news/2019/digital-challenge.en.md",
        "pages/contact-us.en.md",
        "_import-report.md",
    }
    english = content / "news/2019/digital-challenge.en.md"
    document = parse_document(english.read_text("utf-8"))
    assert document.meta.data["slug"] == "digital-challenge-en"
    assert document.meta.data["tags"] == ["Projects"]
    assert "({filename}/news/2019/digital-challenge.de.md)" in document.body
    report = (content / "_import-report.md").read_text("utf-8")
    assert "de, en (paired, by Polylang)" in report
    assert "en (unpaired, by Polylang)" in report


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--source", "missing.xml"], 2, "cannot read the export"),
        (["--source", "broken.xml"], 1, "the file is damaged at line"),
        (["--source", EXPORT, "--uploads", "nowhere"], 2, "does not exist"),
        (["--source", EXPORT, "--settings", "nowhere.py"], 2, "No such file"),
    ],
)
def test_command_line_errors(tmp_path, capsys, args, code, message):
    (tmp_path / "broken.xml").write_text("<rss><channel><item>")
    assert run(*args, "--content", tmp_path / "content") == code
    assert message in capsys.readouterr().err
    assert not (tmp_path / "content").exists()


def test_invoke_task(tmp_path, capsys):
    from tasks import import_wordpress, ns

    assert "import-wordpress" in ns.task_names
    content = tmp_path / "content"
    import_wordpress(Context(), source=str(EXPORT), content=str(content), dry_run=True)
    assert "would be written" in capsys.readouterr().out
    assert not content.exists()


def post(post_id: int, **fields) -> Item:
    values = {
        "post_id": post_id,
        "post_type": "post",
        "status": "publish",
        "title": f"Beitrag {post_id}",
        "link": f"https://www.the-bay-areas.de/beitrag-{post_id}/",
        "guid": "",
        "post_name": f"beitrag-{post_id}",
        "post_date": "2020-02-02 10:00:00",
        "post_date_gmt": "2020-02-02 09:00:00",
        "creator": "redaktion",
        "content": "Text",
        "excerpt": "",
    }
    values.update(fields)
    return Item(**values)


def test_plan_details_passwords_lists_and_featured_alt_text():
    picture = replace(
        post(9),
        post_type="attachment",
        status="inherit",
        attachment_url="https://www.the-bay-areas.de/wp-content/uploads/a.jpg",
    )
    export = Export(
        "1.2",
        "Site",
        "https://www.the-bay-areas.de",
        "https://www.the-bay-areas.de",
        "https://www.the-bay-areas.de",
        "de-DE",
        items=(
            post(1, password="geheim"),
            post(2, link="https://www.the-bay-areas.de/en/news/", meta=()),
            post(3, meta=(("_thumbnail_id", "9"),)),
            post(4, title="", post_name="", post_type="page"),
            picture,
        ),
    )
    plan = plan_import(export, [], ["a.jpg"], SAMPLE_SITE)
    by_id = {file.item.post_id: file for file in plan.files}
    protected = parse_document(by_id[1].text).meta.data
    assert protected["status"] == "draft"
    assert "password-protected" in str(by_id[1].leftovers[0].detail)
    assert by_id[2].relpath == "news/2020/beitrag-2.en.md"
    assert by_id[2].aliases == [] and "list or home page" in str(
        by_id[2].leftovers[0].detail
    )
    featured = parse_document(by_id[3].text).meta.data
    assert featured["image"] == "images/uploads/a.jpg"
    assert featured["image_alt"] == "Beitrag 9", "the attachment's title"
    (check,) = [f for f in by_id[3].leftovers if f.kind is Kind.ALT_CHECK]
    assert str(check.detail) == (
        "featured image images/uploads/a.jpg: image_alt is its caption or title "
        "in the media library, 'Beitrag 9'; check that it says what the picture "
        "shows"
    )
    assert plan.copies == {"images/uploads/a.jpg": "a.jpg"}
    untitled = parse_document(by_id[4].text).meta.data
    assert untitled["title"] == "(page 4)" and by_id[4].relpath == "pages/page-4.de.md"


def test_addresses_follow_the_sites_settings():
    # A site whose news live at /de/berichte/ and /en/reports/ and that has a
    # French version: an old post already at its new address needs no
    # redirect, an old list address gets none, and French is the site's.
    site = NewSite.of(
        load(
            str(ROOT / "pelicanconf.py"),
            SITE_LANGUAGES=["de", "en", "fr"],
            SECTIONS={
                "news": {
                    "list_urls": {"de": "de/berichte/", "en": "en/reports/"},
                    "item_urls": {
                        "de": "de/berichte/{slug}/",
                        "en": "en/reports/{slug}/",
                    },
                }
            },
        )
    )
    assert "/de/berichte/" in site.fixed_urls and "/fr/" in site.fixed_urls
    assert "/de/aktuelles/" not in site.fixed_urls
    base = "https://www.the-bay-areas.de"
    export = Export(
        "1.2",
        "Site",
        base,
        base,
        base,
        "de-DE",
        items=(
            post(1, link=f"{base}/de/berichte/beitrag-1/"),
            post(2, link=f"{base}/de/berichte/"),
            post(3, link=f"{base}/de/aktuelles/beitrag-3/"),
        ),
    )
    plan = plan_import(export, [], None, site)
    by_id = {file.item.post_id: file for file in plan.files}
    assert by_id[1].aliases == []
    assert "keeps its old address" in str(by_id[1].leftovers[-1].detail)
    assert by_id[2].aliases == []
    assert by_id[3].aliases == ["/de/aktuelles/beitrag-3/"]


def test_old_addresses_inside_the_sites_own_folders_get_no_redirect():
    # /images/, /theme/, /admin/ … are filled by the build itself: an alias
    # there would be refused by the strict build, so the import leaves it out
    # and says why, in whatever spelling the old address came.
    base = "https://www.the-bay-areas.de"
    links = ["/images/logo/", "/%2569mages/x/", "/Admin/config.yml", "/theme/a/"]
    export = Export(
        "1.2",
        "Site",
        base,
        base,
        base,
        "de-DE",
        items=tuple(
            post(number, link=base + link) for number, link in enumerate(links, 1)
        ),
    )
    plan = plan_import(export, [], None, SAMPLE_SITE)
    for file in plan.files:
        assert file.aliases == []
        notes = " ".join(str(leftover.detail) for leftover in file.leftovers)
        assert "cannot become a redirect" in notes
    assert {
        "images",
        "theme",
        "admin",
        "logos",
        "pagefind",
    } <= SAMPLE_SITE.owned_folders
