"""Deterministic synthetic corpus for the build-time benchmark.

The benchmark compares our build with stock Pelican + pelican-i18n-subsites on the
*same* content. Every side therefore reads one logical corpus, written out in its
own format: ``ours`` follows ``CONTENT-CONTRACT.md`` (YAML front matter, language in
the file name), ``baseline`` uses Pelican's own Markdown metadata (``Lang:`` and a
shared ``Slug:`` to pair translations) and ``hugo`` is a Hugo content tree (one
folder per language, localized section folders, ``translationKey`` pairing).

Everything is derived from a seed through ``random.Random``; nothing reads the clock
or the environment, so a given ``(pairs, seed)`` always yields byte-identical files.
Each item has its own generator seeded from ``(seed, section, index)``, so item 17 is
the same whether the corpus holds 100 or 5000 pairs and sizes can be compared.

The text is nonsense assembled from a small vocabulary. It only has to look like
prose to Python-Markdown: paragraphs, ``##`` headings, lists, links, emphasis.

Usage::

    python benchmarks/corpus.py --pairs 2000 --format ours --out /tmp/corpus-ours
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

Lang = Literal["de", "en"]
Format = Literal["ours", "baseline", "hugo"]

FORMATS: tuple[Format, ...] = ("ours", "baseline", "hugo")
DEFAULT_SEED = 20161122
"""Fixed default so that figures from different machines describe the same corpus."""

# News dates lie well in the past: the contract holds back future-dated news, and a
# corpus that shrank as time went by would make old and new figures incomparable.
NEWS_FIRST_DAY = datetime(2012, 1, 1)
NEWS_DAYS = 13 * 365
EVENT_FIRST_DAY = datetime(2016, 1, 1)
EVENT_DAYS = 9 * 365

# --------------------------------------------------------------------------------------
# Vocabulary. Entries at the same index of a de/en pair are "translations" of each
# other, which keeps titles and tags plausible across a pair. Subjects are singular so
# that every verb agrees with every subject.
# --------------------------------------------------------------------------------------

CITIES = (
    "Kiel",
    "Lübeck",
    "Flensburg",
    "Husum",
    "Neumünster",
    "Rendsburg",
    "San Francisco",
    "Oakland",
    "Palo Alto",
    "Berkeley",
    "San José",
    "Sausalito",
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("Nachhaltigkeit", "sustainability"),
    ("digitale Bildung", "digital education"),
    ("Meeresforschung", "marine research"),
    ("Kulturaustausch", "cultural exchange"),
    ("Gründungen", "start-ups"),
    ("erneuerbare Energien", "renewable energy"),
    ("Tourismus", "tourism"),
    ("Jugendaustausch", "youth exchange"),
    ("Künstliche Intelligenz", "artificial intelligence"),
    ("Hafenwirtschaft", "port economy"),
    ("Wissenschaftskommunikation", "science communication"),
    ("Segelsport", "sailing"),
)

EVENTS: tuple[tuple[str, str], ...] = (
    ("Sommerfest", "Summer party"),
    ("Jahresempfang", "Annual reception"),
    ("Mitgliederversammlung", "General meeting"),
    ("Fachkonferenz", "Expert conference"),
    ("Werkstattgespräch", "Workshop talk"),
    ("Netzwerkabend", "Networking evening"),
    ("Gründerfrühstück", "Founders' breakfast"),
    ("Podiumsdiskussion", "Panel discussion"),
    ("Filmabend", "Film night"),
    ("Segeltörn", "Sailing trip"),
)

TAGS: tuple[tuple[str, str], ...] = (
    ("Wirtschaft", "Business"),
    ("Bildung", "Education"),
    ("Kultur", "Culture"),
    ("Wissenschaft", "Science"),
    ("Förderung", "Funding"),
    ("Partnerschaft", "Partnership"),
    ("Digitalisierung", "Digitalisation"),
    ("Austausch", "Exchange"),
    ("Jugend", "Youth"),
    ("Mitglieder", "Members"),
    ("Nachhaltigkeit", "Sustainability"),
    ("Tourismus", "Tourism"),
    ("Politik", "Politics"),
    ("Sport", "Sport"),
    ("Forschung", "Research"),
    ("Start-ups", "Start-ups"),
    ("Kiel", "Kiel"),
    ("San Francisco", "San Francisco"),
)

NEWS_TITLES: tuple[tuple[str, str], ...] = (
    (
        "Neue Partnerschaft zwischen {c1} und {c2}",
        "New partnership between {c1} and {c2}",
    ),
    ("Rückblick auf das {ev} in {c1}", "Looking back at the {ev} in {c1}"),
    ("Delegation aus {c2} besucht {c1}", "Delegation from {c2} visits {c1}"),
    ("Mitglieder diskutieren über {topic}", "Members discuss {topic}"),
    ("Förderprogramm für {topic} startet", "Funding programme for {topic} launches"),
    ("Gemeinsame Erklärung zu {topic}", "Joint statement on {topic}"),
    ("Jahresbericht {year} veröffentlicht", "Annual report {year} published"),
    ("Studierende aus {c1} zu Gast in {c2}", "Students from {c1} visit {c2}"),
    ("Wettbewerb zu {topic} ausgeschrieben", "Competition on {topic} opens"),
    ("Neues Mitglied aus {c1}", "New member from {c1}"),
    ("Ergebnisse der Umfrage zu {topic}", "Survey results on {topic}"),
    ("Brücke zwischen {c1} und {c2} wächst", "Bridge between {c1} and {c2} grows"),
)

EVENT_TITLES: tuple[tuple[str, str], ...] = (
    ("{ev} in {c1}", "{ev} in {c1}"),
    ("{ev} zu {topic}", "{ev} on {topic}"),
    ("{ev} mit Gästen aus {c2}", "{ev} with guests from {c2}"),
    ("{ev} {year}", "{ev} {year}"),
)

VENUES = (
    ("Haus der Wirtschaft", "Bergstraße 2"),
    ("Wissenschaftszentrum", "Fraunhoferstraße 13"),
    ("Kulturforum", "Andreas-Gayk-Straße 31"),
    ("Rathaus, Ratssaal", "Fleethörn 9"),
    ("Seminarraum am Hafen", "Kaistraße 51"),
    ("Im Brauereiviertel", "Im Brauereiviertel 5"),
)

SUBJECTS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "der Verein",
        "der Vorstand",
        "die Arbeitsgruppe",
        "das Netzwerk",
        "die Partnerorganisation",
        "das Projektteam",
        "die Stadt",
        "die Delegation",
        "unser Mitglied",
        "die Hochschule",
        "das Unternehmen",
        "die Initiative",
    ),
    "en": (
        "the association",
        "the board",
        "the working group",
        "the network",
        "the partner organisation",
        "the project team",
        "the city",
        "the delegation",
        "our member",
        "the university",
        "the company",
        "the initiative",
    ),
}

VERBS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "unterstützt",
        "plant",
        "organisiert",
        "fördert",
        "präsentiert",
        "begleitet",
        "stärkt",
        "diskutiert",
        "eröffnet",
        "entwickelt",
        "verbindet",
        "gestaltet",
    ),
    "en": (
        "supports",
        "plans",
        "organises",
        "promotes",
        "presents",
        "accompanies",
        "strengthens",
        "discusses",
        "opens",
        "develops",
        "connects",
        "shapes",
    ),
}

OBJECTS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "den Austausch über den Atlantik",
        "neue Projekte",
        "eine Veranstaltungsreihe",
        "die Zusammenarbeit der Mitglieder",
        "junge Talente",
        "den Dialog über Nachhaltigkeit",
        "ein gemeinsames Programm",
        "digitale Angebote",
        "die Kontakte zur Bay Area",
        "eine Studienreise",
        "den Wissenstransfer",
        "ein offenes Forum",
        "kleine und mittlere Unternehmen",
        "die Städtepartnerschaft",
    ),
    "en": (
        "the exchange across the Atlantic",
        "new projects",
        "a series of events",
        "the cooperation between members",
        "young talent",
        "the dialogue on sustainability",
        "a joint programme",
        "digital services",
        "the contacts with the Bay Area",
        "a study trip",
        "the transfer of knowledge",
        "an open forum",
        "small and medium-sized companies",
        "the city partnership",
    ),
}

ADVERBIALS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "im kommenden Jahr",
        "seit vielen Jahren",
        "gemeinsam mit Partnern",
        "in enger Abstimmung",
        "mit großem Engagement",
        "auch in diesem Herbst",
        "an der Förde",
        "über alle Grenzen hinweg",
        "ab sofort",
        "Schritt für Schritt",
        "trotz knapper Mittel",
        "zum ersten Mal",
    ),
    "en": (
        "next year",
        "for many years",
        "together with partners",
        "in close coordination",
        "with great commitment",
        "again this autumn",
        "on the Kiel Fjord",
        "across all borders",
        "from now on",
        "step by step",
        "despite tight budgets",
        "for the first time",
    ),
}

PEOPLE: dict[Lang, tuple[str, ...]] = {
    "de": (
        "der Geschäftsstelle",
        "der Vorsitzenden",
        "des Schatzmeisters",
        "der Projektleitung",
        "der Gäste",
    ),
    "en": (
        "the office",
        "the chair",
        "the treasurer",
        "the project lead",
        "the guests",
    ),
}

HEADINGS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "Hintergrund",
        "Wie es weitergeht",
        "Das Programm",
        "Die wichtigsten Ergebnisse",
        "Beteiligte",
        "Ausblick",
        "Stimmen aus dem Verein",
        "Zahlen und Fakten",
        "Mitmachen",
    ),
    "en": (
        "Background",
        "What happens next",
        "The programme",
        "Key results",
        "Who is involved",
        "Outlook",
        "Voices from the association",
        "Facts and figures",
        "Get involved",
    ),
}

LINK_PATHS = ("projekte", "mitglieder", "programm", "berichte", "archiv", "presse")

SENTENCE_FORMS: dict[Lang, tuple[str, ...]] = {
    "de": (
        "{S} {v} {o} {a}.",
        "{A} {v} {s} {o}.",  # German verb-second order after a fronted adverbial
        "{S} {v} {o}, und {s2} {v2} {o2} {a}.",
        "Nach Angaben {p} {v} {s} {a} {o}.",
        "{S} {v} {a} {o}, sagt man in {c}.",
    ),
    "en": (
        "{S} {v} {o} {a}.",
        "{A}, {s} {v} {o}.",
        "{S} {v} {o}, and {s2} {v2} {o2} {a}.",
        "According to {p}, {s} {v} {o} {a}.",
        "{S} {v} {o} {a}, people in {c} say.",
    ),
}

PAGE_TITLES: dict[Lang, str] = {"de": "Über uns", "en": "About us"}
PAGE_SLUGS: dict[Lang, str] = {"de": "ueber-uns", "en": "about"}

Mark = Literal["link", "bold", "em"] | None


# --------------------------------------------------------------------------------------
# The logical corpus
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One language version of an item: what both formats write for it."""

    title: str
    slug: str
    """URL segment in this language (German slugs are localized, English ones = key)."""
    summary: str | None
    tags: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class Location:
    """Where an event takes place; the contract wants it equal in both languages."""

    name: str
    address: str
    city: str


@dataclass(frozen=True)
class News:
    """A German/English news pair sharing a key and a publication date."""

    key: str
    date: datetime
    de: Text
    en: Text


@dataclass(frozen=True)
class Event:
    """A German/English event pair sharing a key, a time span and a place."""

    key: str
    start: datetime
    end: datetime
    location: Location
    de: Text
    en: Text


@dataclass(frozen=True)
class Page:
    """A standing page pair shown in the main menu."""

    key: str
    menu: int
    de: Text
    en: Text


@dataclass(frozen=True)
class Corpus:
    """The whole logical corpus, independent of how it is written to disk."""

    news: tuple[News, ...]
    events: tuple[Event, ...]
    pages: tuple[Page, ...]


def slugify(text: str) -> str:
    """ASCII slug following the contract's key rule (lower-case letters, digits, ``-``).

    German umlauts are spelled out (``ü`` → ``ue``) as a German reader expects,
    rather than dropped as a plain ASCII fold would do.
    """
    text = text.lower()
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(src, dst)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """Builds the prose of one item from its private random generator.

    Decorations (links, bold, emphasis) are drawn up front and handed out sentence by
    sentence, so every article gets the same mix regardless of its sentence count.
    """

    def __init__(self, rng: random.Random, lang: Lang) -> None:
        self.rng = rng
        self.lang = lang
        marks: list[Mark] = [None] * 16
        wanted: list[Mark] = ["link"] * rng.randint(3, 5) + ["bold"] * 2 + ["em"] * 2
        for slot, mark in zip(rng.sample(range(16), len(wanted)), wanted, strict=True):
            marks[slot] = mark
        self._marks: Iterator[Mark] = iter(marks)

    def _next_mark(self) -> Mark:
        return next(self._marks, None)

    def _decorate(self, phrase: str, mark: Mark) -> str:
        if mark == "link":
            section = self.rng.choice(LINK_PATHS)
            target = f"https://example.org/{self.lang}/{section}/{slugify(phrase)}"
            return f"[{phrase}]({target})"
        if mark == "bold":
            return f"**{phrase}**"
        if mark == "em":
            return f"_{phrase}_"
        return phrase

    def sentence(self, *, decorated: bool = True) -> str:
        """One sentence; its object phrase may carry the next pending decoration.

        Summaries ask for ``decorated=False``: a teaser is plain text in both formats.
        """
        rng, lang = self.rng, self.lang
        form = rng.choice(SENTENCE_FORMS[lang])
        subject, subject2 = rng.sample(SUBJECTS[lang], 2)
        adverbial = rng.choice(ADVERBIALS[lang])
        return form.format(
            S=_cap(subject),
            s=subject,
            s2=subject2,
            v=rng.choice(VERBS[lang]),
            v2=rng.choice(VERBS[lang]),
            o=self._decorate(
                rng.choice(OBJECTS[lang]), self._next_mark() if decorated else None
            ),
            o2=rng.choice(OBJECTS[lang]),
            a=adverbial,
            A=_cap(adverbial),
            p=rng.choice(PEOPLE[lang]),
            c=rng.choice(CITIES),
        )

    def paragraph(self, words: int) -> str:
        """Sentences until the paragraph holds at least ``words`` words."""
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def list_item(self) -> str:
        """A short list entry: an object phrase with an adverbial."""
        obj = self.rng.choice(OBJECTS[self.lang])
        return f"{_cap(obj)} {self.rng.choice(ADVERBIALS[self.lang])}"

    def article_body(self) -> str:
        """About 400 words: intro, two ``##`` sections, a bulleted, a numbered list."""
        rng = self.rng
        heading1, heading2 = rng.sample(HEADINGS[self.lang], 2)
        bullets = [f"- {self.list_item()}" for _ in range(rng.randint(3, 5))]
        steps = [
            f"{n}. {_cap(self.sentence())}" for n in range(1, rng.randint(3, 4) + 1)
        ]
        blocks = [
            self.paragraph(55),
            self.paragraph(45),
            f"## {heading1}",
            self.paragraph(60),
            "\n".join(bullets),
            self.paragraph(35),
            f"## {heading2}",
            self.paragraph(50),
            "\n".join(steps),
            self.paragraph(45),
        ]
        return "\n\n".join(blocks) + "\n"

    def page_body(self) -> str:
        """A shorter standing page: one section and one list."""
        heading = self.rng.choice(HEADINGS[self.lang])
        bullets = "\n".join(f"- {self.list_item()}" for _ in range(4))
        blocks = [self.paragraph(60), f"## {heading}", self.paragraph(60), bullets]
        return "\n\n".join(blocks) + "\n"


def _title_fields(
    rng: random.Random, year: int
) -> tuple[dict[str, str], dict[str, str]]:
    """Placeholder values for a de/en title pair, drawn once so both languages agree."""
    c1, c2 = rng.sample(CITIES, 2)
    topic = rng.choice(TOPICS)
    event = rng.choice(EVENTS)
    common = {"c1": c1, "c2": c2, "year": str(year)}
    return (
        {**common, "topic": topic[0], "ev": event[0]},
        {**common, "topic": topic[1], "ev": event[1]},
    )


def _texts(
    rng: random.Random,
    titles: tuple[str, str],
    key: str,
    number: int,
    body: Callable[[_Writer], str],
) -> tuple[Text, Text]:
    """The German and English version of one item."""
    tag_indexes = rng.sample(range(len(TAGS)), rng.randint(1, 4))
    with_summary = rng.random() < 0.4
    texts: list[Text] = []
    for index, lang in enumerate(("de", "en")):
        writer = _Writer(rng, lang)
        title = titles[index]
        texts.append(
            Text(
                title=title,
                slug=f"{slugify(title)}-{number}" if lang == "de" else key,
                summary=writer.sentence(decorated=False) if with_summary else None,
                tags=tuple(TAGS[i][index] for i in tag_indexes),
                body=body(writer),
            )
        )
    return texts[0], texts[1]


def _news(seed: int, index: int) -> News:
    rng = random.Random(f"{seed}/news/{index}")
    date = NEWS_FIRST_DAY + timedelta(
        days=rng.randrange(NEWS_DAYS),
        hours=rng.randint(7, 19),
        minutes=15 * rng.randrange(4),
    )
    de_fields, en_fields = _title_fields(rng, date.year)
    de_form, en_form = rng.choice(NEWS_TITLES)
    titles = (de_form.format(**de_fields), en_form.format(**en_fields))
    number = index + 1
    # News keys start with a letter, event keys with a date: they can never collide,
    # which matters for the baseline where both share one slug namespace.
    key = f"{slugify(titles[1])}-{number}"
    de, en = _texts(rng, titles, key, number, _Writer.article_body)
    return News(key=key, date=date, de=de, en=en)


def _event(seed: int, index: int) -> Event:
    rng = random.Random(f"{seed}/events/{index}")
    start = EVENT_FIRST_DAY + timedelta(
        days=rng.randrange(EVENT_DAYS),
        hours=rng.randint(9, 19),
        minutes=30 * rng.randrange(2),
    )
    end = start + timedelta(hours=rng.randint(1, 4))
    de_fields, en_fields = _title_fields(rng, start.year)
    de_form, en_form = rng.choice(EVENT_TITLES)
    titles = (de_form.format(**de_fields), en_form.format(**en_fields))
    number = index + 1
    key = f"{start:%Y-%m-%d}-{slugify(titles[1])}-{number}"
    venue, address = rng.choice(VENUES)
    location = Location(name=venue, address=address, city=rng.choice(CITIES[:6]))
    de, en = _texts(rng, titles, key, number, _Writer.article_body)
    return Event(key=key, start=start, end=end, location=location, de=de, en=en)


def _about_page(seed: int) -> Page:
    rng = random.Random(f"{seed}/pages/about")
    de_writer, en_writer = _Writer(rng, "de"), _Writer(rng, "en")
    de = Text(PAGE_TITLES["de"], PAGE_SLUGS["de"], None, (), de_writer.page_body())
    en = Text(PAGE_TITLES["en"], PAGE_SLUGS["en"], None, (), en_writer.page_body())
    return Page(key="about", menu=1, de=de, en=en)


def build_corpus(pairs: int, seed: int = DEFAULT_SEED) -> Corpus:
    """The logical corpus: ``pairs`` news, ``pairs // 10`` events, one page."""
    if pairs < 0:
        raise ValueError(f"pairs must not be negative, got {pairs}")
    return Corpus(
        news=tuple(_news(seed, i) for i in range(pairs)),
        events=tuple(_event(seed, i) for i in range(pairs // 10)),
        pages=(_about_page(seed),),
    )


# --------------------------------------------------------------------------------------
# Writing it out
# --------------------------------------------------------------------------------------

_PLAIN_YAML = re.compile(r"[A-Za-zÄÖÜäöüß][\w .,()'’-]*", re.UNICODE)

HUGO_SECTIONS: dict[str, dict[Lang, tuple[str, str]]] = {
    "news": {"de": ("aktuelles", "Aktuelles"), "en": ("news", "News")},
    "events": {"de": ("termine", "Termine"), "en": ("events", "Events")},
}
"""Folder (and so URL segment) and title of each section per language, as ours has."""

HUGO_SECTION_TYPES = {"news": "news", "events": "event"}
"""Layout type shared by both languages' folders of a section."""


def _yaml_scalar(value: str) -> str:
    """A YAML string as an editor would type it: bare when safe, quoted otherwise.

    JSON string syntax is valid YAML double-quoted syntax, which makes quoting trivial
    and keeps the generator free of a PyYAML dependency.
    """
    if _PLAIN_YAML.fullmatch(value) and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)


def _front_matter(fields: Sequence[tuple[str, object]]) -> str:
    """YAML front matter for ``ours`` and ``hugo``; ``None`` values are left out."""
    lines = ["---"]
    for name, value in fields:
        if value is None:
            continue
        if isinstance(value, tuple | list):
            if value:
                lines.append(f"{name}:")
                lines.extend(f"  - {_yaml_scalar(str(item))}" for item in value)
        elif isinstance(value, Location):
            lines.append(f"{name}:")
            lines.append(f"  name: {_yaml_scalar(value.name)}")
            lines.append(f"  address: {_yaml_scalar(value.address)}")
            lines.append(f"  city: {_yaml_scalar(value.city)}")
        elif isinstance(value, datetime):
            lines.append(f"{name}: {value:%Y-%m-%d %H:%M}")
        elif isinstance(value, int):
            lines.append(f"{name}: {value}")
        else:
            lines.append(f"{name}: {_yaml_scalar(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _pelican_metadata(fields: Sequence[tuple[str, object]]) -> str:
    """Pelican's ``Key: value`` Markdown metadata block for the ``baseline`` format."""
    lines = []
    for name, value in fields:
        if value is None or value == ():
            continue
        if isinstance(value, tuple):
            value = ", ".join(value)
        elif isinstance(value, datetime):
            value = f"{value:%Y-%m-%d %H:%M}"
        lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n"


def news_path(fmt: Format, news: News, lang: Lang) -> str:
    """Where a news item's ``lang`` version lives in format ``fmt`` (relative path).

    The runner uses it to edit the same logical item on every side when it
    measures rebuilds.
    """
    if fmt == "hugo":
        return f"{lang}/{HUGO_SECTIONS['news'][lang][0]}/{news.key}.md"
    return f"news/{news.date.year}/{news.key}.{lang}.md"


def edit(path: Path, number: int) -> None:
    """Change a content file the way an editor would: append a sentence.

    Its content changes as well as its modification time, so a cache or a file
    watcher keyed on either sees the change. ``number`` keeps each edit distinct.
    """
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(f"\nNachtrag {number}: Der Text wurde ergänzt.\n")


def _ours_files(corpus: Corpus) -> Iterator[tuple[str, str]]:
    for news in corpus.news:
        for lang, text in (("de", news.de), ("en", news.en)):
            head = _front_matter(
                [
                    ("title", text.title),
                    ("date", news.date),
                    # English slugs equal the key, which is the contract's default.
                    ("slug", text.slug if lang == "de" else None),
                    ("summary", text.summary),
                    ("tags", text.tags),
                ]
            )
            yield news_path("ours", news, lang), f"{head}\n{text.body}"
    for event in corpus.events:
        for lang, text in (("de", event.de), ("en", event.en)):
            head = _front_matter(
                [
                    ("title", text.title),
                    ("start", event.start),
                    ("end", event.end),
                    ("location", event.location),
                    ("slug", text.slug if lang == "de" else None),
                    ("summary", text.summary),
                    # No tags: the contract has none on events.
                ]
            )
            yield f"events/{event.key}.{lang}.md", f"{head}\n{text.body}"
    for page in corpus.pages:
        for lang, text in (("de", page.de), ("en", page.en)):
            head = _front_matter(
                [("title", text.title), ("slug", text.slug), ("menu", page.menu)]
            )
            yield f"pages/{page.key}.{lang}.md", f"{head}\n{text.body}"


def _baseline_files(corpus: Corpus) -> Iterator[tuple[str, str]]:
    # Both languages share one Slug (the key): that is how stock Pelican pairs
    # translations (ARTICLE_TRANSLATION_ID = "slug"). ``Translation:`` is avoided on
    # purpose, it crashes pelican-i18n-subsites on Pelican 4.12.
    for news in corpus.news:
        for lang, text in (("de", news.de), ("en", news.en)):
            head = _pelican_metadata(
                [
                    ("Title", text.title),
                    ("Date", news.date),
                    ("Slug", news.key),
                    ("Lang", lang),
                    ("Category", "News"),
                    ("Tags", text.tags),
                    ("Summary", text.summary),
                ]
            )
            yield news_path("baseline", news, lang), f"{head}\n{text.body}"
    for event in corpus.events:
        loc = event.location
        for lang, text in (("de", event.de), ("en", event.en)):
            head = _pelican_metadata(
                [
                    ("Title", text.title),
                    ("Date", event.start),
                    ("Slug", event.key),
                    ("Lang", lang),
                    ("Category", "Events"),
                    ("Tags", text.tags),
                    ("Summary", text.summary),
                    ("Location", f"{loc.name}, {loc.address}, {loc.city}"),
                ]
            )
            yield f"news/events/{event.key}.{lang}.md", f"{head}\n{text.body}"
    for page in corpus.pages:
        for lang, text in (("de", page.de), ("en", page.en)):
            head = _pelican_metadata(
                [("Title", text.title), ("Slug", page.key), ("Lang", lang)]
            )
            yield f"pages/{page.key}.{lang}.md", f"{head}\n{text.body}"


def _hugo_date(value: datetime) -> str:
    # Quoted, without an offset: Hugo reads it in the site's timeZone
    # (Europe/Berlin), as our site reads the contract's local times.
    return f"{value:%Y-%m-%dT%H:%M:%S}"


def _hugo_section_index(section: str, lang: Lang) -> tuple[str, str]:
    """The section's ``_index.md``: its title, layout type, and calendars for events.

    Hugo declares a section this way; our site declares the same in settings, so
    this is structure rather than corpus content and carries no body.
    """
    folder, title = HUGO_SECTIONS[section][lang]
    kind = HUGO_SECTION_TYPES[section]
    lines = ["---", f"title: {title}", f"translationKey: {section}"]
    lines += [f"type: {kind}", "cascade:", f"  type: {kind}"]
    if section == "events":
        # One calendar per event and one for the list, as ours writes.
        lines += ["  outputs: [html, calendar]", "outputs: [html, calendar]"]
    lines.append("---")
    return f"{lang}/{folder}/_index.md", "\n".join(lines) + "\n"


def _hugo_files(corpus: Corpus) -> Iterator[tuple[str, str]]:
    # One content folder per language; the localized section folders differ
    # (aktuelles/news), so translations are paired by translationKey rather than
    # by path. The file name is the key; German slugs are set as in ``ours``.
    for lang in ("de", "en"):
        for section in HUGO_SECTIONS:
            yield _hugo_section_index(section, lang)
    for news in corpus.news:
        for lang, text in (("de", news.de), ("en", news.en)):
            head = _front_matter(
                [
                    ("title", text.title),
                    ("date", _hugo_date(news.date)),
                    ("slug", text.slug if lang == "de" else None),
                    ("translationKey", f"news/{news.key}"),
                    ("summary", text.summary),
                    ("tags", text.tags),
                ]
            )
            yield news_path("hugo", news, lang), f"{head}\n{text.body}"
    for event in corpus.events:
        for lang, text in (("de", event.de), ("en", event.en)):
            # No tags: our site does not read tags on events, so Hugo's tag
            # pages would otherwise list more than ours.
            head = _front_matter(
                [
                    ("title", text.title),
                    ("date", _hugo_date(event.start)),
                    ("end", _hugo_date(event.end)),
                    ("location", event.location),
                    ("slug", text.slug if lang == "de" else None),
                    ("translationKey", f"events/{event.key}"),
                    ("summary", text.summary),
                ]
            )
            folder = HUGO_SECTIONS["events"][lang][0]
            yield f"{lang}/{folder}/{event.key}.md", f"{head}\n{text.body}"
    for page in corpus.pages:
        for lang, text in (("de", page.de), ("en", page.en)):
            head = _front_matter(
                [
                    ("title", text.title),
                    ("slug", text.slug),
                    ("translationKey", f"pages/{page.key}"),
                ]
            )
            yield f"{lang}/{page.key}.md", f"{head}\n{text.body}"


def render(corpus: Corpus, fmt: Format) -> Iterator[tuple[str, str]]:
    """``(relative path, file text)`` for every file of ``corpus`` in format ``fmt``."""
    if fmt == "ours":
        return _ours_files(corpus)
    if fmt == "baseline":
        return _baseline_files(corpus)
    if fmt == "hugo":
        return _hugo_files(corpus)
    raise ValueError(f"unknown format {fmt!r}, expected one of {FORMATS}")


def write_corpus(corpus: Corpus, fmt: Format, out: Path) -> list[Path]:
    """Write ``corpus`` under ``out``; refuses a non-empty folder (no stale files)."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; choose a new folder")
    written: list[Path] = []
    for relative, text in render(corpus, fmt):
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        # Explicit encoding and newline: identical bytes on every platform.
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


def generate(
    pairs: int, fmt: Format, out: Path, seed: int = DEFAULT_SEED
) -> list[Path]:
    """Build and write a corpus in one step, as the command line and the runner do."""
    return write_corpus(build_corpus(pairs, seed), fmt, out)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pairs", type=int, default=2000, help="news pairs (default 2000)"
    )
    parser.add_argument("--format", choices=FORMATS, required=True, dest="fmt")
    parser.add_argument("--out", type=Path, required=True, help="empty or new folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    try:
        written = generate(args.pairs, args.fmt, args.out, args.seed)
    except (FileExistsError, ValueError) as error:
        parser.error(str(error))
    print(f"wrote {len(written)} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
