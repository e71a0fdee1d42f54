"""The content cache: unchanged files are not read again, edits always are."""

from __future__ import annotations

from sitecore.cache import ContentCache
from sitecore.models import NewsMeta
from sitecore.readall import read_all
from sitecore.reader import ReadJob
from sitecore.sources import SourceFile


def job(path):
    return ReadJob(
        SourceFile("news", "a", "de", str(path), "news/a.de.md"),
        NewsMeta,
        "Europe/Berlin",
    )


def test_second_read_hits_and_an_edit_misses(tmp_path):
    path = tmp_path / "a.de.md"
    path.write_text("---\ntitle: Eins\ndate: 2020-01-01\n---\nText eins\n", "utf-8")
    cache = ContentCache(str(tmp_path / "cache"))
    first = read_all([job(path)], 1, [cache])
    assert (cache.hits, cache.misses) == (0, 1)
    again = read_all([job(path)], 1, [cache])
    assert (cache.hits, cache.misses) == (1, 1)
    assert again[0].meta == first[0].meta and again[0].texts == first[0].texts
    path.write_text("---\ntitle: Zwei\ndate: 2020-01-01\n---\nText zwei\n", "utf-8")
    edited = read_all([job(path)], 1, [cache])
    assert cache.misses == 2
    assert (
        edited[0].meta.title == "Zwei" and "zwei" in edited[0].texts["de"].rendered.html
    )


def test_problems_are_cached_too(tmp_path):
    path = tmp_path / "a.de.md"
    path.write_text("---\ntitle: X\n---\n", "utf-8")
    cache = ContentCache(str(tmp_path / "cache"))
    read_all([job(path)], 1, [cache])
    cached = read_all([job(path)], 1, [cache])[0]
    assert cache.hits == 1
    assert cached.meta is None
    assert [p.text() for p in cached.problems] == [
        "date: missing required field; add a line 'date: …'"
    ]


def test_damaged_entry_is_a_miss(tmp_path):
    path = tmp_path / "a.de.md"
    path.write_text("---\ntitle: X\ndate: 2020-01-01\n---\n", "utf-8")
    cache = ContentCache(str(tmp_path / "cache"))
    read_all([job(path)], 1, [cache])
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"garbage")
    result = read_all([job(path)], 1, [cache])[0]
    assert result.meta.title == "X" and cache.hits == 0


def test_memory_cache_reads_only_changed_files(tmp_path):
    from bilingual.session import MemoryReadCache

    path = tmp_path / "a.de.md"
    path.write_text("---\ntitle: Eins\ndate: 2020-01-01\n---\nText\n", "utf-8")
    memory = MemoryReadCache()
    first = read_all([job(path)], 1, [memory])[0]
    assert read_all([job(path)], 1, [memory])[0] is first
    path.write_text("---\ntitle: Zwei!\ndate: 2020-01-01\n---\nText\n", "utf-8")
    assert read_all([job(path)], 1, [memory])[0].meta.title == "Zwei!"
