"""End to end: build small sites and check what both languages get."""

from __future__ import annotations

import subprocess
import sys
from xml.etree import ElementTree

from conftest import ROOT, build_environment


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.select("link[rel=alternate][hreflang]")
    }


def switch(soup, lang):
    return soup.select_one(f".lang-switch a[hreflang={lang}]")


def test_pair_renders_both_languages_with_reciprocal_alternates(site):
    site.news("kiel", "de", "Kiel grüßt", slug="kiel-gruesst")
    site.news("kiel", "en", "Kiel says hello")
    result = site.build("publishconf.py", SITEURL="https://example.org")
    assert result.exit_code == 0, result.stderr
    de = result.html("de/aktuelles/kiel-gruesst/")
    en = result.html("en/news/kiel/")
    assert de.html["lang"] == "de" and en.html["lang"] == "en"
    assert (
        alternates(de)
        == alternates(en)
        == {
            "de": "https://example.org/de/aktuelles/kiel-gruesst/",
            "en": "https://example.org/en/news/kiel/",
            "x-default": "https://example.org/de/aktuelles/kiel-gruesst/",
        }
    )
    assert (
        de.select_one("link[rel=canonical]")["href"]
        == "https://example.org/de/aktuelles/kiel-gruesst/"
    )
    assert switch(de, "en")["href"] == "/en/news/kiel/"
    assert switch(de, "en")["data-switch"] == "translation"
    assert switch(en, "de")["href"] == "/de/aktuelles/kiel-gruesst/"


def test_catalog_and_dates_follow_the_page_language(site):
    site.news("a", "de", "A", date="2017-01-27 10:00")
    site.news("a", "en", "A", date="2017-01-27 10:00")
    result = site.build()
    de = result.html("de/aktuelles/a/")
    en = result.html("en/news/a/")
    assert de.select_one("article time").get_text() == "27. Januar 2017"
    assert en.select_one("article time").get_text() == "January 27, 2017"
    assert de.select_one("article time")["datetime"] == "2017-01-27T10:00:00+01:00"
    assert de.select_one(".skip-link").get_text() == "Zum Inhalt springen"
    assert en.select_one(".skip-link").get_text() == "Skip to content"
    nav_de = [a.get_text(strip=True) for a in de.select(".site-nav a")]
    nav_en = [a.get_text(strip=True) for a in en.select(".site-nav a")]
    assert nav_de[0] == "Aktuelles" and nav_en[0] == "News"


def test_single_language_items_never_dead_end(site):
    site.news("nur-deutsch", "de", "Nur deutsch")
    site.page("only-english", "en", "Only English", menu="1")
    result = site.build()
    de = result.html("de/aktuelles/nur-deutsch/")
    link = switch(de, "en")
    assert link["href"] == "/en/news/" and link["data-switch"] == "section"
    assert "not available in English" in link.get_text()
    assert set(alternates(de)) == {"de", "x-default"}
    en_page = result.html("en/only-english/")
    back = switch(en_page, "de")
    assert back["href"] == "/de/" and back["data-switch"] == "home"
    assert "nicht auf Deutsch verfügbar: zur Startseite" in back.get_text()
    assert not result.html("en/news/").select("a[href='/de/aktuelles/nur-deutsch/']")
    assert not result.html("en/news/").select(".card")
    assert "Only English" not in [
        a.get_text() for a in result.html("de/").select(".site-nav a")
    ]


def test_drafts_and_future_items_only_in_previews(site):
    site.news("draft", "de", "Entwurf", status="draft")
    site.news("later", "de", "Später", date="2026-06-02 09:00")
    site.news("today", "de", "Heute", date="2026-06-01 11:59")
    published = site.build("publishconf.py")
    assert published.exit_code == 0, published.stderr
    assert published.exists("de/aktuelles/today/")
    assert not published.exists("de/aktuelles/draft/")
    assert not published.exists("de/aktuelles/later/")
    listed = [a["href"] for a in published.html("de/aktuelles/").select(".card a")]
    assert listed == ["/de/aktuelles/today/"]
    preview = site.build("pelicanconf.py", name="preview")
    notice = preview.html("de/aktuelles/later/").select_one(".preview-notice")
    assert "2. Juni 2026" in notice.get_text()
    assert (
        preview.html("de/aktuelles/draft/").select_one("meta[name=robots]")["content"]
        == "noindex"
    )
    due = site.build(
        "publishconf.py", name="later", BUILD_NOW="2026-06-02T09:00:00+02:00"
    )
    assert due.exists("de/aktuelles/later/")


def test_menu_pages_in_order_and_footer_links(site):
    site.page("b", "de", "Zweite", menu="2")
    site.page("a", "de", "Erste", menu="1")
    site.page("hidden", "de", "Ohne Menü")
    site.page("imprint", "de", "Impressum", slug="impressum")
    site.page("privacy", "en", "Privacy policy", slug="privacy")
    result = site.build()
    home = result.html("de/")
    nav = [a.get_text(strip=True) for a in home.select(".site-nav a")]
    assert nav[0] == "Aktuelles"
    # Pages after the sections, by number; the search comes last.
    assert nav[-3:] == ["Erste", "Zweite", "Suche"]
    assert "Ohne Menü" not in nav
    footer = {a.get_text(): a["href"] for a in home.select(".site-footer a")}
    assert footer["Impressum"] == "/de/impressum/"
    assert (
        footer["Privacy policy"] == "/en/privacy/"
    )  # falls back to the other language


def test_lists_tags_feeds_and_pagination(site):
    for number in range(12):
        site.news(
            f"n{number}",
            "de",
            f"Meldung {number}",
            date=f"2020-01-{number + 1:02d}",
            tags="[Kiel, Städte]",
        )
    site.news("n0", "en", "Item 0", date="2020-01-01", tags="[Kiel]")
    result = site.build(SITEURL="https://example.org")
    first = result.html("de/aktuelles/")
    assert [a.get_text() for a in first.select(".card__title a")][:2] == [
        "Meldung 11",
        "Meldung 10",
    ]
    assert len(first.select(".card")) == 10
    second = result.html("de/aktuelles/seite/2/")
    assert len(second.select(".card")) == 2
    assert second.select_one("a[rel=prev]")["href"] == "/de/aktuelles/"
    tag = result.html("de/schlagwort/staedte/")
    assert tag.select_one("h1").get_text() == "Schlagwort: Städte"
    assert "12 Artikel" in tag.get_text()
    assert switch(result.html("de/schlagwort/kiel/"), "en")["href"] == "/en/tag/kiel/"
    assert switch(tag, "en")["data-switch"] == "section"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(result.file("de/feed.xml")).getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert len(feed.findall("a:entry", ns)) == 12
    en_feed = ElementTree.parse(result.file("en/feed.xml")).getroot()
    links = [e.find("a:link", ns).get("href") for e in en_feed.findall("a:entry", ns)]
    assert links == ["https://example.org/en/news/n0/"]


def test_root_404_sitemap_and_robots(site):
    site.news("a", "de", "A")
    site.news("a", "en", "A")
    result = site.build(SITEURL="https://example.org")
    root = result.html("")
    assert {a["href"] for a in root.select(".root__choice a")} == {"/de/", "/en/"}
    script = root.select_one("script[src]")["src"].removeprefix("/")
    assert "location.replace" in result.file(script).read_text("utf-8")
    assert root.html["data-homes"] == '["/de/", "/en/"]'
    code = root.select('script:not([type="application/ld+json"])')
    assert not [s for s in code if s.get_text().strip()], "no inline script"
    assert alternates(root)["x-default"] == "https://example.org/"
    assert alternates(result.html("de/"))["x-default"] == "https://example.org/"
    for url in ("404.html", "de/404.html", "en/404.html"):
        assert result.exists(url)
    assert result.html("en/404.html").select_one("h1").get_text() == "Page not found"
    sitemap = ElementTree.parse(result.file("sitemap.xml")).getroot()
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    urls = {u.find("s:loc", ns).text: u for u in sitemap.findall("s:url", ns)}
    article = urls["https://example.org/de/aktuelles/a/"]
    assert {
        x.get("hreflang"): x.get("href") for x in article.findall("x:link", ns)
    } == {
        "de": "https://example.org/de/aktuelles/a/",
        "en": "https://example.org/en/news/a/",
        "x-default": "https://example.org/de/aktuelles/a/",
    }
    assert "https://example.org/en/" in urls
    assert not any("404" in loc for loc in urls)
    assert (
        "Sitemap: https://example.org/sitemap.xml"
        in result.file("robots.txt").read_text()
    )


def test_filename_links_resolve_to_the_target_language_url(site):
    site.page("about", "en", "About", slug="about-us")
    site.md(
        "news/x.en.md",
        "title: X\ndate: 2020-01-01",
        "See [us]({filename}/pages/about.en.md#team) "
        "and [rel]({filename}../pages/about.en.md).",
    )
    result = site.build()
    hrefs = [a["href"] for a in result.html("en/news/x/").select(".prose a")]
    assert hrefs == ["/en/about-us/#team", "/en/about-us/"]


def test_errors_are_all_reported_with_path_and_line_and_fail_strict(site):
    site.md("news/bad-yaml.de.md", "title: Kiel: Stadt\ndate: 2020-01-01")
    site.md("news/no-title.de.md", "date: 2020-01-01")
    site.md("news/no-date.en.md", "title: X")
    site.md("news/bad-date.en.md", "title: X\ndate: 2020-02-30")
    site.write("news/no-lang.md", "---\ntitle: X\n---\n")
    site.md("news/2019/dup.de.md", "title: A\ndate: 2020-01-01")
    site.md("news/2020/dup.de.md", "title: B\ndate: 2020-01-01")
    site.md(
        "news/link.de.md",
        "title: L\ndate: 2020-01-01",
        "Text\n\n[x]({filename}/pages/nope.de.md)",
    )
    site.md("news/typo.de.md", "title: T\ndate: 2020-01-01\nsumary: kurz")
    site.news("good", "de", "Gut")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr
    assert (
        "news/bad-yaml.de.md:2: the value contains a colon (': '), which would "
        'start a new field; put the whole value in double quotes: title: "Kiel: Stadt"'
    ) in lines
    assert "news/no-title.de.md:1: title: missing required field" in lines
    assert "news/no-date.en.md:1: date: missing required field" in lines
    assert "news/bad-date.en.md:3: date: '2020-02-30' is not a valid date" in lines
    assert "news/no-lang.md: the file name has no language" in lines
    assert "news/2020/dup.de.md: duplicate key 'dup'" in lines
    assert (
        "news/link.de.md:8: {filename}/pages/nope.de.md links to "
        "content/pages/nope.de.md" in lines
    )
    assert (
        "news/typo.de.md:4: warning: sumary: unknown field (did you mean 'summary'?)"
        in lines
    )
    assert not list(result.output.rglob("*.html")), (
        "a failed strict build writes nothing"
    )


def test_dev_build_reports_and_keeps_going(site):
    site.md("news/broken.de.md", "title: [unclosed\ndate: 2020-01-01")
    site.news("good", "de", "Gut")
    result = site.build("pelicanconf.py")
    assert result.exit_code == 0
    assert (
        "news/broken.de.md:2: the list that starts with '[' is not closed"
        in result.stderr
    )
    assert result.exists("de/aktuelles/good/")
    assert not result.exists("de/aktuelles/broken/")


def test_pelican_command_exits_nonzero_without_traceback(tmp_path):
    content = tmp_path / "content" / "news"
    content.mkdir(parents=True)
    (content / "x.de.md").write_text("---\ntitle: X\n---\n", "utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(tmp_path / "content"),
            "-s",
            "publishconf.py",
            "-o",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "x.de.md:1: date: missing required field" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_slug_collisions_and_reserved_urls(site):
    site.news("a", "de", "A", slug="gleich")
    site.news("b", "de", "B", slug="gleich")
    site.page("news-page", "de", "Aktuelles", slug="aktuelles")
    result = site.build("publishconf.py")
    assert result.exit_code == 1
    assert (
        "news/b.de.md:4: slug 'gleich' gives the address /de/aktuelles/gleich/, "
        "which content/news/a.de.md already has" in result.stderr
    )
    assert (
        "pages/news-page.de.md:3: slug 'aktuelles' gives the address "
        "/de/aktuelles/, which the news list already has" in result.stderr
    )


def test_unsafe_links_and_embeds_are_errors(site):
    site.md(
        "news/x.de.md",
        "title: X\ndate: 2020-01-01",
        "Hallo\n\n[klick](javascript:alert(1))\n\n<iframe src='https://video.example'></iframe>\n",
    )
    result = site.build("publishconf.py")
    assert "news/x.de.md:8: unsafe link 'javascript:alert(1)'" in result.stderr
    assert "news/x.de.md:10: <iframe> is not allowed" in result.stderr


def test_newsletter_block_follows_its_setting(site):
    site.news("a", "de", "A")
    hidden = site.build()
    assert hidden.html("de/").select_one("form.newsletter__form") is None
    shown = site.build(
        name="shown", NEWSLETTER_ACTION="https://news.example.org/subscribe"
    )
    form = shown.html("en/").select_one("form.newsletter__form")
    assert form["action"] == "https://news.example.org/subscribe"
    field = form.select_one("input[type=email]")
    assert form.select_one(f"label[for={field['id']}]").get_text() == "E-mail address"
    assert form.select_one("input[name=language]")["value"] == "en"
    de_label = shown.html("de/").select_one("form.newsletter__form label").get_text()
    assert de_label == "E-Mail-Adresse"


def test_every_page_has_landmarks_skip_link_and_one_h1(site):
    site.news("a", "de", "A", tags="[Kiel]")
    site.page("about", "de", "Über uns", menu="1")
    result = site.build()
    for url in (
        "de/",
        "de/aktuelles/",
        "de/aktuelles/a/",
        "de/about/",
        "de/schlagwort/kiel/",
        "de/404.html",
        "en/",
        "en/news/",
        "en/404.html",
    ):
        page = result.html(url)
        assert page.select_one("a.skip-link")["href"] == "#main", url
        assert page.select_one("main#main") is not None, url
        assert len(page.select("h1")) == 1, url
        assert page.select_one("header") and page.select_one("footer"), url
        labels = [nav.get("aria-label") for nav in page.select("nav")]
        assert all(labels) and len(set(labels)) == len(labels), url


def test_long_lists_show_a_window_of_page_links(site):
    for number in range(95):
        site.news(
            f"n{number}",
            "de",
            f"Meldung {number}",
            date=f"2020-02-{number % 28 + 1:02d}",
        )
    result = site.build()
    page = result.html("de/aktuelles/seite/5/")
    numbers = [li.get_text(strip=True) for li in page.select(".pagination__list li")]
    assert numbers == ["Neuere", "1", "…", "3", "4", "5", "6", "7", "…", "10", "Ältere"]
    current = page.select_one(".pagination__number[aria-current=page]")
    assert current["aria-label"] == "Seite 5 von 10"
    first = [
        li.get_text(strip=True)
        for li in result.html("de/aktuelles/").select(".pagination__list li")
    ]
    assert first == ["1", "2", "3", "…", "10", "Ältere"]


def test_the_site_plugins_without_bilingual_name_the_setting(site):
    # In a process of its own: Pelican's signals keep the plugins an earlier
    # build of the same process registered.
    site.news("a", "de", "Meldung")
    settings = site.settings_file()
    with settings.open("a", encoding="utf-8") as handle:
        handle.write("PLUGINS = ['events', 'members']\n")
    output = site.root / "output"
    run = subprocess.run(
        [sys.executable, "-m", "bilingual", "-s", str(settings), "-o", str(output)],
        env=build_environment(),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "setting PLUGINS must list 'bilingual': the site's other plugins build on it"
    )
    assert not (output / "de").exists()
