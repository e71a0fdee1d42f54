"""Reading WordPress exports: the fixture's items, and a parser that refuses bombs."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from wordpress.wxr import WxrError, local_datetime, parse_wxr, plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def export():
    return parse_wxr((FIXTURES / "export.xml").read_bytes())


def test_channel_and_authors(export):
    assert export.version == "1.2"
    assert export.site_url == "https://www.the-bay-areas.de"
    assert export.author_name("ebeispiel") == "Erika Beispiel"
    assert export.author_name("nobody") == "nobody"


def test_items_keep_their_fields(export):
    by_id = {item.post_id: item for item in export.items}
    post = by_id[10]
    assert (post.post_type, post.status, post.post_name) == (
        "post",
        "publish",
        "diwish-tritt-bei",
    )
    assert post.link == "https://www.the-bay-areas.de/2017/01/diwish-tritt-bei/"
    assert post.meta_value("_wpml_import_translation_group") == "group-diwish"
    assert [t.name for t in post.terms_in("category")] == ["Allgemein", "Mitglieder"]
    assert post.content.startswith("Das Netzwerk")
    assert "\nUnterschrieben" in post.content, "line breaks are kept for autop"
    assert by_id[30].attachment_url.endswith("/2017/02/signing.jpg")
    assert by_id[22].meta_value("_elementor_data").startswith("[{")


def test_polylang_export_is_wxr_1_1():
    export = parse_wxr((FIXTURES / "export-polylang.xml").read_bytes())
    assert export.version == "1.1"
    assert [t.slug for t in export.items[0].terms_in("language")] == ["de"]


def test_dates_prefer_utc_and_fall_back_to_local(export):
    by_id = {item.post_id: item for item in export.items}
    assert local_datetime(by_id[10], BERLIN).strftime("%Y-%m-%d %H:%M") == (
        "2017-01-27 10:00"
    )
    summer = local_datetime(by_id[12], BERLIN)
    assert summer.strftime("%H:%M %Z") == "18:30 CEST"
    draft = local_datetime(by_id[15], BERLIN)  # never published: no UTC date
    assert draft.strftime("%Y-%m-%d %H:%M") == "2019-05-02 14:15"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><title>&b;</title></channel></rss>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "http://example.org/secret">]>
<rss><channel><title>&x;</title></channel></rss>"""


@pytest.mark.parametrize("data", [BOMB, EXTERNAL], ids=["entities", "external"])
def test_dtds_and_entities_are_refused(data):
    with pytest.raises(WxrError, match="'<!DOCTYPE' line"):
        parse_wxr(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<rss><channel><item>", "the file is damaged at line 1"),
        (b"<html><body/></html>", "does not start with <rss><channel>"),
        (b"<rss><channel><title>x</title></channel></rss>", "no WordPress elements"),
    ],
)
def test_other_files_are_explained(data, message):
    with pytest.raises(WxrError, match=message):
        parse_wxr(data)


def test_control_characters_from_pasted_text_do_not_stop_the_import():
    data = (
        (FIXTURES / "export.xml")
        .read_bytes()
        .replace(
            b"Ein ausgedachter Beispieltext.", b"Ein ausgedachter\x0b Beispieltext."
        )
    )
    export = parse_wxr(data)
    assert any("ausgedachter Beispieltext" in item.content for item in export.items)


def test_titles_and_excerpts_become_plain_text():
    assert plain_text("Kiel &#8211; <em>San Francisco</em>\n &amp; mehr") == (
        "Kiel – San Francisco & mehr"
    )
