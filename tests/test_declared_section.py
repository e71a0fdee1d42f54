"""README "Adding a section", followed: a jobs section by declaration only.

The settings declare the section, one model class declares its fields with
the site's field types (a required ``deadline`` date, an optional ``salary``
text, a ``contact`` e-mail published only with consent), and nothing else is
written: no other Python, no template. Then ``invoke new`` writes a draft
that builds, the editing interface gets the right inputs, a wrong deadline
gets the date message in German, and the fields show on the page.
"""

from __future__ import annotations

import sys
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT, SiteBuilder, make_settings

from bilingual.catalogs import load_catalogs
from bilingual.settings import read_settings
from sitecore.scaffold import scaffold

#: The one model class of the section, as a maintainer writes it.
JOBS_MODEL = '''
"""Job offers of the association and its members."""

from sitecore.fieldbase import declare
from sitecore.fieldtypes import Consent, Day, Email, Text
from sitecore.models import ItemMeta


class JobMeta(ItemMeta):
    """A job offer: until when to apply, what it pays, whom to write to."""

    # The same in both languages: entered once in the editing interface.
    shared_fields = (*ItemMeta.shared_fields, "deadline", "consent", "contact")

    deadline: Day = declare(
        label={"de": "Bewerbungsschluss", "en": "Deadline"},
        hint={"de": "Letzter Tag für Bewerbungen", "en": "Last day to apply"},
    )
    salary: Text | None = declare(None, label={"de": "Gehalt", "en": "Salary"})
    consent: Consent | None = declare(
        None, label={"de": "Einwilligung am", "en": "Consent given on"}
    )
    contact: Email | None = declare(
        None, label={"de": "Kontakt", "en": "Contact"}
    )
'''
#: The settings of the section: its URLs, label, order and menu position.
JOBS_SECTION = {
    "jobs": {
        "schema": "declared_jobs:JobMeta",
        "label": {"de": "Stellen", "en": "Jobs"},
        "list_urls": {"de": "de/stellen/", "en": "en/jobs/"},
        "item_urls": {"de": "de/stellen/{slug}/", "en": "en/jobs/{slug}/"},
        "order": ["deadline", "title"],
        "menu": 60,
    }
}
NOW = datetime(2026, 5, 1, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
CATALOGS = load_catalogs(str(ROOT / "theme" / "translations"), ("de", "en"))


@pytest.fixture(scope="module")
def jobs_model(tmp_path_factory):
    """The model module on the import path, as a plugin folder would put it."""
    folder = tmp_path_factory.mktemp("model")
    (folder / "declared_jobs.py").write_text(JOBS_MODEL, "utf-8")
    sys.path.insert(0, str(folder))
    yield folder
    sys.path.remove(str(folder))
    sys.modules.pop("declared_jobs", None)


def new_job(site: SiteBuilder, key: str) -> list:
    """What ``invoke new --section jobs --key KEY`` does, with the test's settings."""
    settings = read_settings(
        make_settings(site.content, site.root / "output", SECTIONS=JOBS_SECTION)
    )
    return scaffold(
        str(site.content),
        settings.sections["jobs"],
        key,
        settings.languages,
        NOW,
        lambda lang, message: CATALOGS[lang].gettext(message),
    )


def fill_in(path, **values: str) -> None:
    """Replace placeholder lines ``name: …`` (or ``# name:``) as an editor would."""
    lines = path.read_text("utf-8").split("\n")
    for name, value in values.items():
        for index, line in enumerate(lines):
            if line.startswith((f"{name}:", f"# {name}:")):
                lines[index] = f"{name}: {value}"
                break
        else:
            raise AssertionError(f"{name} not in {path.name}")
    path.write_text("\n".join(lines), "utf-8")


def test_the_draft_has_every_declared_field_explained_and_builds(site, jobs_model):
    german, english = new_job(site, "gaertner")
    assert german.relative_to(site.content).as_posix() == "jobs/gaertner.de.md"
    text = german.read_text("utf-8")
    assert "# Letzter Tag für Bewerbungen\ndeadline: 2026-05-31\n" in text
    assert "# salary:" in text
    # A field without a description of its own is explained by its type.
    assert (
        "# Eine E-Mail-Adresse wie vorstand@example.org (nur mit Einwilligung)\n"
        "# contact:\n" in text
    )
    assert "status: draft" in text
    assert "# Last day to apply\ndeadline: 2026-05-31\n" in english.read_text("utf-8")
    preview = site.build("pelicanconf.py", SECTIONS=JOBS_SECTION)
    assert preview.exit_code == 0, preview.stderr
    assert preview.problems == []
    assert preview.exists("de/stellen/gaertner/") and preview.exists(
        "en/jobs/gaertner/"
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory, jobs_model):
    """The draft filled in by an editor, built with production settings."""
    site = SiteBuilder(tmp_path_factory.mktemp("jobs"))
    german, english = new_job(site, "gaertner")
    common = {
        "deadline": "2027-03-31",
        "salary": '"EGD 8, 39 Stunden"',
        "consent": "2026-04-20",
        "contact": "stellen@example.org",
        "status": "published",
    }
    fill_in(german, title="Gärtnerin oder Gärtner", **common)
    fill_in(english, title="Gardener", **common)
    result = site.build("publishconf.py", SECTIONS=JOBS_SECTION)
    assert result.exit_code == 0, result.stderr
    return result


def test_the_fields_show_on_the_page_in_each_language(published):
    german = published.html("de/stellen/gaertner/")
    facts = {
        dt.get_text(strip=True): dd
        for dt, dd in zip(
            german.select(".item-facts dt"),
            german.select(".item-facts dd"),
            strict=True,
        )
    }
    assert list(facts) == ["Bewerbungsschluss", "Gehalt", "Kontakt"]
    deadline = facts["Bewerbungsschluss"].time
    assert (deadline["datetime"], deadline.get_text()) == (
        "2027-03-31",
        "31. März 2027",
    )
    assert facts["Gehalt"].get_text() == "EGD 8, 39 Stunden"
    link = facts["Kontakt"].a
    assert link["href"] == "mailto:stellen@example.org"
    assert link.get_text() == "stellen@example.org"
    raw = published.file("de/stellen/gaertner/").read_text("utf-8")
    assert "stellen@example.org" not in raw  # published as character references
    english = published.html("en/jobs/gaertner/")
    labels = [dt.get_text(strip=True) for dt in english.select(".item-facts dt")]
    assert labels == ["Deadline", "Salary", "Contact"]
    assert english.select_one(".item-facts time").get_text() == "March 31, 2027"
    nav = [a.get_text(strip=True) for a in german.select(".site-nav a")]
    assert "Stellen" in nav
    listing = published.html("de/stellen/")
    assert listing.select_one('a[href="/de/stellen/gaertner/"]') is not None


def test_the_editing_interface_gets_the_inputs_of_the_types(published):
    config = yaml.safe_load(published.file("admin/config.yml").read_text("utf-8"))
    (jobs,) = [c for c in config["collections"] if c["name"] == "jobs"]
    fields = {field["name"]: field for field in jobs["fields"]}
    deadline = fields["deadline"]
    assert deadline["widget"] == "datetime"
    assert (deadline["mode"], deadline["placeholder"]) == ("day", "TT.MM.JJJJ")
    assert deadline["checks"][0]["kind"] == "date"
    assert deadline["required"] is True
    assert (deadline["label"], deadline["hint"]) == (
        "Bewerbungsschluss",
        "Letzter Tag für Bewerbungen",
    )
    assert fields["salary"]["widget"] == "string"
    assert fields["salary"]["required"] is False
    assert fields["contact"]["widget"] == "string"
    assert fields["contact"]["label"] == "Kontakt"
    order = [field["name"] for field in jobs["fields"]]
    assert order.index("deadline") < order.index("contact") < order.index("status")
    assert fields["deadline"]["i18n"] == "duplicate"
    assert fields["salary"]["i18n"] is True


def test_a_wrong_deadline_gets_the_date_message_in_german(
    site, jobs_model, monkeypatch
):
    monkeypatch.setenv("SITE_EDITOR_LANGUAGE", "de")
    site.md(
        "jobs/koch.de.md",
        """\
        title: Koch
        deadline: 31.03.2027
        contact: kueche@example.org
        """,
    )
    result = site.build("publishconf.py", SECTIONS=JOBS_SECTION)
    assert result.exit_code == 1
    problems = [line.split(": ", 1)[1] for line in result.problems]
    assert (
        "deadline: „31.03.2027“ ist kein Datum; schreiben Sie es als "
        "JJJJ-MM-TT, z. B. 2027-03-31" in problems
    )
    assert (
        "contact: wird nur mit Einwilligung der Person veröffentlicht: tragen Sie "
        "den Tag der Zustimmung als „consent: JJJJ-MM-TT“ ein oder löschen Sie "
        "dieses Feld" in problems
    )


def test_a_consent_after_the_build_day_withholds_the_contact(site, jobs_model):
    # Personal data of any section, not only people: a consent that cannot
    # have been given yet is an error on its line, and the address stays out.
    site.md(
        "jobs/koch.de.md",
        """\
        title: Koch
        deadline: 2027-03-31
        consent: 2099-12-31
        contact: kueche@example.org
        """,
    )
    strict = site.build("publishconf.py", SECTIONS=JOBS_SECTION)
    assert strict.exit_code == 1
    assert any(
        line.endswith(
            "koch.de.md:4: consent: 2099-12-31 is in the future, so it cannot have "
            "been given yet; write the day the person agreed (until then e-mail, "
            "phone and photo are not published)"
        )
        for line in strict.problems
    ), strict.problems
    preview = site.build("pelicanconf.py", name="preview", SECTIONS=JOBS_SECTION)
    page = preview.file("de/stellen/koch/").read_text("utf-8")
    assert "Koch" in page and "kueche" not in page and "&#107;&#117;" not in page


def test_a_model_field_without_a_field_type_is_refused_with_the_types_to_use():
    from datetime import date

    from sitecore.models import ItemMeta
    from sitecore.sectionmodel import ModelDeclarationError

    with pytest.raises(ModelDeclarationError, match=r"JobMeta\.deadline.*Day"):

        class JobMeta(ItemMeta):
            deadline: date


def test_the_pages_of_the_new_section_are_valid_html(published):
    from sitecheck.vnu import run_vnu

    assert run_vnu(published.output) == []


@pytest.mark.browser
def test_the_pages_of_the_new_section_have_no_accessibility_violations(published):
    from browsing import chromium

    from sitecheck.browser import axe_findings, serve
    from sitecheck.findings import format_findings

    findings = []
    with serve(published.output) as base, chromium() as browser:
        page = browser.new_page()
        for url in ("de/stellen/gaertner/", "en/jobs/", "en/jobs/gaertner/"):
            page.goto(f"{base}/{url}")
            findings += axe_findings(page, url)
    assert not findings, "\n" + format_findings(findings)


@pytest.mark.browser
def test_an_editor_writes_a_job_offer_in_the_editing_interface(jobs_model, tmp_path):
    """Decap CMS and its local backend, driven in Chromium: the German date
    input of ``deadline`` writes the contract's ``YYYY-MM-DD``, and the offer
    builds. (A plain server, not the preview: there is no problems list to ask.)"""
    from browsing import chromium
    from editing import free_port, wait_for_backend
    from test_admin_browser import field, open_view, publish

    from admin.backend import allowed_origins, start_backend
    from sitecheck.browser import serve

    site = SiteBuilder(tmp_path)
    site.md("jobs/koch.de.md", "title: Koch\ndeadline: 2027-01-15")
    port = free_port()
    output = tmp_path / "output"
    output.mkdir()
    with serve(output) as base:
        # The backend of `invoke edit`: decap-server confined to content/.
        proxy = start_backend(tmp_path, port, allowed_origins([base]), lambda t: t)
        try:
            wait_for_backend(f"http://127.0.0.1:{port}/api/v1", proxy)
            preview = site.build(
                "pelicanconf.py",
                SECTIONS=JOBS_SECTION,
                SITEURL=base,
                ADMIN_PROXY_PORT=port,
            )
            assert preview.exit_code == 0, preview.stderr
            with chromium() as browser:
                browser.allow("/_preview/problems.json")
                browser.allow("status of 404")
                context = browser.new_context(locale="de-DE")
                page = context.new_page()
                page.set_default_timeout(20_000)
                page.goto(f"{base}/admin/")
                page.get_by_text("Stellen", exact=True).first.wait_for()
                editing = SimpleNamespace(url=lambda route: f"{base}/admin/#/{route}")
                open_view(page, editing, "collections/jobs/new")
                field(page, "Titel").fill("Gärtnerin oder Gärtner")
                field(page, "Titel", 1).fill("Gardener")
                field(page, "Bewerbungsschluss").fill("31.03.2027")
                field(page, "Gehalt (optional)").fill("EGD 8")
                field(page, "Gehalt (optional)", 1).fill("EGD 8")
                texts = page.locator("textarea.site-markdown__text")
                for pane, text in enumerate(("Wir suchen Sie.", "We need you.")):
                    texts.nth(pane).fill(text)
                publish(page)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
    written = sorted(site.content.glob("jobs/gaertnerin-oder-gaertner.*.md"))
    assert [path.name for path in written] == [
        "gaertnerin-oder-gaertner.de.md",
        "gaertnerin-oder-gaertner.en.md",
    ]
    for path in written:
        assert "\ndeadline: 2027-03-31\n" in path.read_text("utf-8"), path.name
    result = site.build("publishconf.py", name="published", SECTIONS=JOBS_SECTION)
    assert result.exit_code == 0, result.stderr
    page = result.html("de/stellen/gaertnerin-oder-gaertner/")
    assert page.select_one(".item-facts time")["datetime"] == "2027-03-31"
