"""The benchmark corpus is only worth its figures if it is stable and well-formed.

A corpus that changed between runs, or that one side could not read as intended,
would make the ours/baseline and ours/Hugo ratios meaningless; these tests pin that
down. They check no timings: those belong to ``benchmarks/run.py``. Nothing here
runs Hugo (CI does not install it): the Hugo format is checked as files.
"""

import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from benchmarks import corpus

PAIRS = 30
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
NAME = re.compile(r"(?P<key>.+)\.(?P<lang>de|en)\.md")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _split_front_matter(text: str) -> tuple[str, str]:
    assert text.startswith("---\n"), "front matter must open with '---'"
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, "front matter must close with '---'"
    return head, body


def _pelican_metadata(text: str) -> tuple[dict[str, str], str]:
    head, _, body = text.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        name, sep, value = line.partition(": ")
        assert sep, f"not a metadata line: {line!r}"
        meta[name] = value
    return meta, body


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ours")
    corpus.generate(PAIRS, "ours", out)
    return out


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline")
    corpus.generate(PAIRS, "baseline", out)
    return out


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hugo")
    corpus.generate(PAIRS, "hugo", out)
    return out


def _hugo_items(root: Path) -> dict[str, dict[str, tuple[Path, dict, str]]]:
    """Content files by translationKey and language: (path, front matter, body)."""
    items: dict[str, dict[str, tuple[Path, dict, str]]] = defaultdict(dict)
    for path in sorted(root.rglob("*.md")):
        if path.name == "_index.md":
            continue
        lang = path.relative_to(root).parts[0]
        head, body = _split_front_matter(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(head)
        assert (
            meta["translationKey"] not in items
            or lang not in items[meta["translationKey"]]
        ), path
        items[meta["translationKey"]][lang] = (path, meta, body)
    return items


@pytest.mark.parametrize("fmt", corpus.FORMATS)
def test_same_seed_gives_identical_bytes(tmp_path: Path, fmt: corpus.Format) -> None:
    corpus.generate(PAIRS, fmt, tmp_path / "a")
    corpus.generate(PAIRS, fmt, tmp_path / "b")
    corpus.generate(PAIRS, fmt, tmp_path / "c", seed=corpus.DEFAULT_SEED + 1)
    first = _tree(tmp_path / "a")
    assert first == _tree(tmp_path / "b")
    assert first != _tree(tmp_path / "c")


def test_items_do_not_depend_on_corpus_size() -> None:
    # Lets figures at different N describe nested corpora.
    small, large = corpus.build_corpus(10), corpus.build_corpus(40)
    assert small.news == large.news[:10]
    assert small.events == large.events[:1]


def test_pair_counts(ours: Path, baseline: Path) -> None:
    news = list((ours / "news").rglob("*.md"))
    events = list((ours / "events").glob("*.md"))
    assert len(news) == 2 * PAIRS
    assert len(events) == 2 * (PAIRS // 10)
    assert sorted(p.name for p in (ours / "pages").iterdir()) == [
        "about.de.md",
        "about.en.md",
    ]
    assert len(list((baseline / "news").rglob("*.md"))) == len(news) + len(events)
    assert len(list((baseline / "pages").glob("*.md"))) == 2


#: The event fields of the content contract: a corpus with others would be
#: built with a warning per file, and time the warnings with the build.
EVENT_FIELDS = {
    "title", "start", "end", "timezone", "location", "online", "registration",
    "summary", "slug", "members", "image", "image_alt", "status",
}  # fmt: skip


def test_hugo_pair_counts(hugo: Path) -> None:
    for lang in ("de", "en"):
        for section, count in (("news", PAIRS), ("events", PAIRS // 10)):
            folder = hugo / lang / corpus.HUGO_SECTIONS[section][lang][0]
            assert len(list(folder.glob("*.md"))) == count + 1  # and _index.md
        assert [p.name for p in (hugo / lang).glob("*.md")] == ["about.md"]


def test_ours_files_follow_the_content_contract(ours: Path) -> None:
    langs_by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    summaries = 0
    for path in sorted(ours.rglob("*.md")):
        match = NAME.fullmatch(path.name)
        assert match, path
        key, lang = match["key"], match["lang"]
        section = path.relative_to(ours).parts[0]
        assert KEY.fullmatch(key), path
        langs_by_key[(section, key)].add(lang)

        head, body = _split_front_matter(path.read_text(encoding="utf-8"))
        # Strings only, as the project reads it; safe_load must agree on types.
        raw = yaml.load(head, Loader=yaml.BaseLoader)
        typed = yaml.safe_load(head)
        assert isinstance(typed["title"], str) and typed["title"], path
        assert body.strip(), path
        if section == "news":
            assert DATETIME.fullmatch(raw["date"]), path
            assert path.parent.name == raw["date"][:4], path
            assert all(isinstance(tag, str) for tag in typed.get("tags", [])), path
            if lang == "de":
                assert KEY.fullmatch(raw["slug"]) and raw["slug"] != key, path
            summaries += "summary" in raw
        elif section == "events":
            assert DATETIME.fullmatch(raw["start"]), path
            assert DATETIME.fullmatch(raw["end"]), path
            assert raw["end"] >= raw["start"], path
            assert set(raw["location"]) == {"name", "address", "city"}, path
            assert set(raw) <= EVENT_FIELDS, path  # anything else is a warning
        else:
            assert section == "pages", path
            assert raw["menu"] == "1" and KEY.fullmatch(raw["slug"]), path
    assert all(langs == {"de", "en"} for langs in langs_by_key.values())
    assert 0 < summaries < 2 * PAIRS  # "summary for some"


def test_news_bodies_look_like_articles(ours: Path) -> None:
    words = []
    for path in (ours / "news").rglob("*.md"):
        _, body = _split_front_matter(path.read_text(encoding="utf-8"))
        words.append(len(body.split()))
        assert body.count("\n## ") == 2, path
        assert re.search(r"^- ", body, re.MULTILINE), path
        assert re.search(r"^1\. ", body, re.MULTILINE), path
        assert body.count("](https://example.org/") >= 3, path
        assert "**" in body and re.search(r"\b_\w", body), path
    assert 350 <= sum(words) / len(words) <= 450


def test_baseline_pairs_share_a_slug(baseline: Path) -> None:
    slugs: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(baseline.rglob("*.md")):
        match = NAME.fullmatch(path.name)
        assert match, path
        meta, body = _pelican_metadata(path.read_text(encoding="utf-8"))
        assert {"Title", "Slug", "Lang"} <= meta.keys(), path
        assert "Translation" not in meta, path  # crashes i18n-subsites on 4.12
        assert meta["Lang"] == match["lang"], path
        if path.parts[-2] != "pages":
            assert DATETIME.fullmatch(meta["Date"]), path
        assert body.strip(), path
        stem = path.relative_to(baseline).as_posix().rsplit(".", 2)[0]
        slugs[stem][meta["Lang"]] = meta["Slug"]
    for stem, by_lang in slugs.items():
        assert by_lang.keys() == {"de", "en"}, stem
        assert by_lang["de"] == by_lang["en"], stem
    assert len({s["de"] for s in slugs.values()}) == len(slugs), "slugs must be unique"


def test_all_formats_carry_the_same_texts(
    ours: Path, baseline: Path, hugo: Path
) -> None:
    for path in (ours / "news").rglob("*.md"):
        _, ours_body = _split_front_matter(path.read_text(encoding="utf-8"))
        twin = baseline / path.relative_to(ours)
        _, baseline_body = _pelican_metadata(twin.read_text(encoding="utf-8"))
        assert ours_body.lstrip("\n") == baseline_body, path
    hugo_items = _hugo_items(hugo)
    compared = 0
    for path in sorted(ours.rglob("*.md")):
        match = NAME.fullmatch(path.name)
        assert match, path
        section = path.relative_to(ours).parts[0]
        _, ours_body = _split_front_matter(path.read_text(encoding="utf-8"))
        _, _, hugo_body = hugo_items[f"{section}/{match['key']}"][match["lang"]]
        assert hugo_body.encode() == ours_body.encode(), path
        compared += 1
    assert compared == sum(len(by_lang) for by_lang in hugo_items.values())


def test_hugo_translations_are_paired_by_key(hugo: Path) -> None:
    items = _hugo_items(hugo)
    logical = corpus.build_corpus(PAIRS)
    expected = {f"news/{n.key}" for n in logical.news}
    expected |= {f"events/{e.key}" for e in logical.events}
    expected |= {f"pages/{p.key}" for p in logical.pages}
    assert items.keys() == expected
    for key, by_lang in items.items():
        assert by_lang.keys() == {"de", "en"}, key
        section = key.split("/")[0]
        for lang, (path, meta, body) in by_lang.items():
            assert isinstance(meta["title"], str) and meta["title"], path
            assert body.strip(), path
            if section == "news":
                assert path.parent.name == corpus.HUGO_SECTIONS["news"][lang][0]
                assert isinstance(meta["date"], str), path  # read in timeZone
                datetime.fromisoformat(meta["date"])
                assert all(isinstance(tag, str) for tag in meta["tags"]), path
            elif section == "events":
                assert path.parent.name == corpus.HUGO_SECTIONS["events"][lang][0]
                start = datetime.fromisoformat(meta["date"])
                assert datetime.fromisoformat(meta["end"]) >= start, path
                assert set(meta["location"]) == {"name", "address", "city"}, path
                assert "tags" not in meta, path  # our site ignores event tags
        # German URLs are localized, English ones are the key (the file name).
        de_path, de_meta, _ = by_lang["de"]
        _, en_meta, _ = by_lang["en"]
        if section != "pages":
            assert KEY.fullmatch(de_meta["slug"]) and de_meta["slug"] != de_path.stem
            assert "slug" not in en_meta


def test_hugo_sections_declare_their_layouts(hugo: Path) -> None:
    layouts = Path(corpus.__file__).parent / "hugo" / "layouts"
    for section, kind in corpus.HUGO_SECTION_TYPES.items():
        for lang in ("de", "en"):
            folder = corpus.HUGO_SECTIONS[section][lang][0]
            head, body = _split_front_matter(
                (hugo / lang / folder / "_index.md").read_text(encoding="utf-8")
            )
            meta = yaml.safe_load(head)
            assert meta["title"] == corpus.HUGO_SECTIONS[section][lang][1]
            assert meta["translationKey"] == section
            assert meta["type"] == meta["cascade"]["type"] == kind
            assert not body.strip()
        assert (layouts / kind / "single.html").is_file(), kind
        assert (layouts / kind / "list.html").is_file(), kind


def test_hugo_configuration_matches_our_urls() -> None:
    config = yaml.safe_load(
        (Path(corpus.__file__).parent / "hugo" / "hugo.yaml").read_text("utf-8")
    )
    assert config["defaultContentLanguage"] == "de"
    assert config["defaultContentLanguageInSubdir"] is True
    assert config["paginate"] == 10
    languages = config["languages"]
    assert languages.keys() == {"de", "en"}
    for lang, (page, tag) in {
        "de": ("seite", "schlagwort"),
        "en": ("page", "tag"),
    }.items():
        assert languages[lang]["contentDir"] == f"content/{lang}"
        assert languages[lang]["paginatePath"] == page
        assert languages[lang]["permalinks"]["tags"] == f"/{tag}/:slug/"


def test_news_paths_name_the_written_files(
    ours: Path, baseline: Path, hugo: Path
) -> None:
    # The runner edits the same logical item on every side through news_path.
    item = corpus.build_corpus(PAIRS).news[-1]
    for fmt, root in (("ours", ours), ("baseline", baseline), ("hugo", hugo)):
        for lang in ("de", "en"):
            assert (root / corpus.news_path(fmt, item, lang)).is_file(), (fmt, lang)


@pytest.mark.slow
def test_baseline_settings_build_both_languages(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    corpus.generate(3, "baseline", content)
    settings = Path(corpus.__file__).parent / "baseline" / "pelicanconf.py"
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings)]
    command += ["-o", str(output), "--cache-path", str(tmp_path / "cache")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    key = corpus.build_corpus(3).news[0].key
    for folder, lang in ((output, "de"), (output / "en", "en")):
        html = (folder / f"{key}.html").read_text(encoding="utf-8")
        assert BeautifulSoup(html, "html.parser").html["lang"] == lang
    assert (output / "feeds" / "all.atom.xml").exists()
    assert (output / "en" / "feeds" / "all.atom.xml").exists()
