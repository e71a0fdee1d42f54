"""Old permalinks become aliases the build accepts, or are dropped with a reason."""

from __future__ import annotations

import pytest
from conftest import ROOT  # noqa: F401 - puts plugins/ on the path

from sitecore.fields import alias_path
from wordpress.addresses import decode, old_address, same_address, site_path

HOST = "https://example.org"


@pytest.mark.parametrize(
    ("link", "alias"),
    [
        (f"{HOST}/2017/01/x/", "/2017/01/x/"),
        (f"{HOST}/satzung", "/satzung/"),
        (f"{HOST}/archiv/alt.html", "/archiv/alt.html"),
        (f"{HOST}//greek//%ce%b5%cf%80//", "/greek/%CE%B5%CF%80/"),
        (f"{HOST}/%25C3%25BCber-uns/", "/%C3%BCber-uns/"),  # encoded twice
        (f"{HOST}/gr%C3%BC%C3%9Fe/", "/gr%C3%BC%C3%9Fe/"),
    ],
)
def test_permalinks_become_aliases_as_the_site_writes_them(link, alias):
    assert old_address(link) == (alias, None)
    assert alias_path(alias)  # and the build takes it
    assert same_address(decode(alias)) == alias


@pytest.mark.parametrize(
    "path",
    [
        "/%252e%252e/%252e%252e/etc/",
        "/%2e%2e/x/",
        "/a/%2E/b/",
        "/x%5cy/",
        "/x%0d%0aSet-Cookie:%20a=1/",
        "/100%/",
        "/%252525252e%252525252e/x/",
    ],
)
def test_addresses_the_build_would_refuse_are_dropped_with_its_reason(path):
    alias, why = old_address(HOST + path)
    assert alias == ""
    assert "cannot become a redirect" in str(why)


def test_query_addresses_and_the_home_page_give_no_alias_and_no_reason():
    assert old_address(f"{HOST}/?p=12") == ("", None)
    assert old_address(f"{HOST}/") == ("", None)


def test_decoding_stops_after_a_bounded_number_of_rounds():
    deep = "%25" * 20 + "2e"
    assert decode(deep).startswith("%")  # not decoded forever
    assert site_path("/" + deep + "/").startswith("/%25")
