"""End to end: build small sites and check the pages both languages get."""

from __future__ import annotations


def test_pair_renders_both_languages_with_reciprocal_alternates(site):
    site.news("kiel", "de", "Kiel grüßt", slug="kiel-gruesst")
    site.news("kiel", "en", "Kiel says hello")
    result = site.build()
    assert result.exit_code == 0, result.stderr
    de = result.html("de/aktuelles/kiel-gruesst/")
    en = result.html("en/news/kiel/")
    assert de.html["lang"] == "de" and en.html["lang"] == "en"
    de_alt = {l["hreflang"]: l["href"] for l in de.select("link[rel=alternate][hreflang]")}
    en_alt = {l["hreflang"]: l["href"] for l in en.select("link[rel=alternate][hreflang]")}
    assert de_alt == en_alt
    assert de_alt["en"].endswith("/en/news/kiel/")
    assert de_alt["x-default"].endswith("/de/aktuelles/kiel-gruesst/")
    switch = de.select_one(".lang-switch a[hreflang=en]")
    assert switch["href"] == "/en/news/kiel/"
    assert en.select_one(".lang-switch a[hreflang=de]")["href"] == "/de/aktuelles/kiel-gruesst/"
