#!/usr/bin/env python3
"""Write a deterministic benchmark corpus for staticfeed and, from the same data, for Hugo.

    python3 benchmarks/generate_corpus.py OUT_DIR [-n 10000] [--seed 6]

writes

    OUT_DIR/staticfeed/staticfeed.toml      the config with staticfeed's defaults
    OUT_DIR/staticfeed/entries/YYYY/...     one document per entry
    OUT_DIR/hugo/content/posts/NNNNNN.md    the same entries with Hugo front matter
    OUT_DIR/corpus.json                     counts, for the benchmark runner

The same N and seed always give byte-identical files. Entries vary the way real ones do: YAML
front matter (most), TOML front matter, and documents without front matter (date line, heading
and byline); dates in several forms, with and without offsets; one to three authors written as
text, `Name <email>` or mappings; tags, summaries, links, images, languages; and ~600-word
Markdown bodies with headings, lists, code, quotes, tables, absolute and relative links,
images and non-ASCII text.
"""

# ruff: noqa: RUF001  (the corpus is deliberately full of non-ASCII text)

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

TIMEZONE = "Europe/Kyiv"
SITE_URL = "https://bench.staticfeed.test/"
ZONE = ZoneInfo(TIMEZONE)
FIRST_DAY = date(2005, 1, 1)
LAST_DAY = date(2024, 12, 31)  # every entry is in the past: no build leaves one out as future

# Names whose topic slugs (casefold, runs of non-alphanumerics -> "-") are all distinct.
AUTHORS = [
    ("Liza Smirnova", None, None),
    ("Alexey Sakhnin", "alexey@bench.staticfeed.test", None),
    ("Noel Heinonen", "noel@bench.staticfeed.test", "https://noel.bench.staticfeed.test/"),
    ("Oksana Kovalenko", None, "https://oksana.bench.staticfeed.test/"),
    ("José Álvarez", "jose@bench.staticfeed.test", None),
    ("Zoë Müller", None, None),
    ("Nguyễn Văn An", None, None),
    ("Ольга Петренко", "olha@bench.staticfeed.test", None),
    ("Тарас Шевчук", None, None),
    ("李娜", None, None),
    ("Søren Kierkegård", None, None),
    ("Ana Luísa Ferreira", "ana@bench.staticfeed.test", None),
    ("Mehmet Yılmaz", None, None),
    ("Chidi Okonkwo", None, "https://chidi.bench.staticfeed.test/"),
    ("Priya Raghunathan", "priya@bench.staticfeed.test", None),
    ("Hannah O'Brien", None, None),
    ("Jean-Luc Picard-Dupont", None, None),
    ("Małgorzata Wiśniewska", None, None),
    ("Bo Chen", "bo@bench.staticfeed.test", None),
    ("Ann Lee", None, None),
    ("Ísak Þórsson", None, None),
    ("Γιώργος Παπαδόπουλος", None, None),
    ("Fatima Zahra El Idrissi", None, None),
    ("Kenji Watanabe", "kenji@bench.staticfeed.test", None),
    ("Ramón Castillo", None, None),
    ("Dmytro Bondarenko", None, None),
    ("Eliska Novakova", None, None),
    ("Mirela Popescu", None, "https://mirela.bench.staticfeed.test/"),
    ("Ahmed Hassan", None, None),
    ("Sigrid Undset-Larsen", None, None),
]
TAGS = [
    "ukraine",
    "russia",
    "peace-talks",
    "left",
    "history",
    "anarchism",
    "nato",
    "economy",
    "labour",
    "climate",
    "energy",
    "housing",
    "migration",
    "elections",
    "media",
    "technology",
    "open-source",
    "python",
    "rust",
    "web",
    "feeds",
    "static-sites",
    "privacy",
    "security",
    "education",
    "health",
    "science",
    "space",
    "books",
    "film",
    "music",
    "art",
    "photography",
    "travel",
    "food",
    "cycling",
    "cities",
    "transport",
    "agriculture",
    "water",
    "україна",
    "історія",
    "культура",
    "café",
    "économie",
    "straße",
    "日本",
    "中文",
    "ελλάδα",
    "Interviews",
    "Long Reads",
    "Opinion",
    "Data Journalism",
    "C Sharp",
    "Go",
    "Unicode",
    "accessibility",
    "typography",
    "archives",
    "Ανάλυση",
]
WORDS = (  # noqa: SIM905
    "the of and to in is that for it as with was on be by this are from at or an which have "
    "not has but were their they its can one all been more also there would will when who "
    "people war peace plan talks movement union workers city river winter summer border "
    "history memory archive feed reader static site build entry document author editor "
    "question answer argument essay interview report analysis review letter response "
    "government parliament council committee coalition protest strike election campaign "
    "energy grid price market wage rent housing school hospital railway harbour bridge road "
    "between against because although however therefore meanwhile instead perhaps usually "
    "careful quiet difficult ordinary remarkable local national regional public private "
    "small large early late recent ancient modern urgent patient honest open closed"
).split()
FOREIGN = [
    "Мир знизу будують люди, а не уряди.",
    "Історія пам'ятає тих, хто організовувався сам.",
    "Die Straße war leer, nur die Bäume rauschten über den Dächern.",
    "Ça a été une soirée étrange, à la fois calme et électrique.",
    "El camino se hace al andar, decía el poeta.",
    "和平不是没有冲突，而是有解决冲突的方法。",
    "静かな町で、古い記録を読み直した。",
    "Η ειρήνη χτίζεται από κάτω προς τα πάνω.",
    "Zażółć gęślą jaźń — a classic pangram.",
    "Ýmir sá þúsund ár líða. 🌍✨",
    "Tiếng Việt có dấu: hòa bình từ bên dưới.",
    "naïve coöperation, façade, jalapeño, smörgåsbord — “quoted” ‘text’ …",
]
IMAGE_EXTENSIONS = ("png", "jpg", "webp")
CODE_BLOCKS = [
    (
        "python",
        "def read_entries(folder):\n"
        '    """Every document under folder, sorted."""\n'
        "    for path in sorted(folder.rglob('*.md')):\n"
        "        yield path.read_text(encoding='utf-8')\n",
    ),
    (
        "sh",
        "staticfeed build --entries posts --out public/feeds\n"
        "curl -sI https://bench.staticfeed.test/feeds/atom.xml | grep -i etag\n",
    ),
    (
        "toml",
        '[tool.staticfeed]\ntitle = "Example"\nsite_url = "https://bench.staticfeed.test/"\n',
    ),
    (
        "",
        '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>Ünïcödé & <escapes></title>\n'
        "</feed>\n",
    ),
    (
        "js",
        "for (const item of items) {\n  if (item.date < cutoff) continue;\n"
        "  console.log(`${item.title} — ${item.date}`);\n}\n",
    ),
]


@dataclass
class Item:
    """One entry's data, written out for staticfeed and for Hugo."""

    index: int
    path: str  # under entries/, POSIX
    title: str
    published: datetime  # aware
    date_text: object  # how the front matter writes it (str, or datetime/date for TOML)
    updated: datetime | None
    updated_text: str | None
    authors: list[tuple[str, str | None, str | None]]
    author_style: str
    tags: list[str]
    summary: str | None
    body: str
    style: str  # yaml, toml, none
    extra: dict[str, object] = field(default_factory=dict)


def _sentence(rng: random.Random, words: int) -> str:
    chosen = rng.choices(WORDS, k=words)
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _paragraph(rng: random.Random, words: int, index: int) -> str:
    sentences = []
    left = words
    while left > 0:
        length = min(left, rng.randint(8, 20))
        sentences.append(_sentence(rng, length))
        left -= length
    if rng.random() < 0.35:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(FOREIGN))
    if rng.random() < 0.5:
        target = rng.randrange(max(index, 1))
        sentences.append(
            f"See [an earlier entry](../{2005 + target % 20}/entry-{target:06d}/) and "
            f"[the source](https://news.bench.staticfeed.test/{index}/{rng.randrange(999)}) "
            f"for **more**, or the _archive_ at [/archive/](/archive/)."
        )
    return " ".join(sentences)


def _title(rng: random.Random) -> str:
    words = rng.choices(WORDS[40:], k=rng.randint(3, 9))
    title = " ".join(word.capitalize() if i == 0 else word for i, word in enumerate(words))
    roll = rng.random()
    if roll < 0.1:
        title += ": " + rng.choice(
            ["Україна", "Straße & Café", "日本の記録", "Ελλάδα", "Zoë’s notes"]
        )
    elif roll < 0.13:
        title = f"Why <b>{title}</b> & “quotes” matter"
    return title


def _body(rng: random.Random, index: int) -> str:
    """About 600 words of Markdown with every construct a real entry uses."""
    parts = [_paragraph(rng, rng.randint(40, 60), index)]
    sections = 3
    for section in range(sections):
        level = "##" if section % 2 == 0 else "###"
        parts.append(f"{level} {_sentence(rng, rng.randint(2, 6))[:-1]}")
        parts.append(_paragraph(rng, rng.randint(55, 90), index))
        kind = (index + section) % 5
        if kind == 0:
            parts.append(
                "\n".join(
                    f"- **{rng.choice(WORDS).capitalize()}**: {_sentence(rng, rng.randint(5, 12))} "
                    f"`{rng.choice(WORDS)}()`"
                    for _ in range(rng.randint(3, 6))
                )
            )
        elif kind == 1:
            language, code = rng.choice(CODE_BLOCKS)
            parts.append(f"```{language}\n{code}```")
        elif kind == 2:
            ext = rng.choice(IMAGE_EXTENSIONS)
            parts.append(
                f"![Figure {section + 1}: {rng.choice(WORDS)}](img/{index:06d}-{section}.{ext} "
                f'"A {rng.choice(WORDS)} figure")'
            )
            parts.append(f"![Photo](https://cdn.bench.staticfeed.test/photos/{index % 997}.{ext})")
        elif kind == 3:
            parts.append(
                "\n".join(
                    f"{n}. {_sentence(rng, rng.randint(4, 10))}"
                    for n in range(1, rng.randint(3, 5) + 1)
                )
            )
            parts.append(
                "> " + _sentence(rng, rng.randint(12, 25)) + "\n> — " + rng.choice(FOREIGN)
            )
        else:
            parts.append(
                "| year | value | note |\n| --- | ---: | --- |\n"
                + "\n".join(
                    f"| {2000 + n} | {rng.randint(1, 9999)} | {rng.choice(WORDS)} ~~old~~ |"
                    for n in range(rng.randint(2, 5))
                )
            )
            parts.append(
                f'<figure><img src="media/{index:06d}.svg" alt="chart" width="600">'
                f"<figcaption>{rng.choice(FOREIGN)}</figcaption></figure>"
            )
        parts.append(_paragraph(rng, rng.randint(30, 50), index))
    parts.append(
        f"Further reading: <https://bench.staticfeed.test/reading/{index}> and "
        f"[the list](reading-list.html#entry-{index})."
    )
    return "\n\n".join(parts) + "\n"


def _moment(rng: random.Random, index: int, count: int) -> datetime:
    """Naive wall time, spread evenly over the years with jitter, newest for the last index."""
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=index * span // max(count, 1))
    # 06:00-22:59 avoids the hour a daylight-saving change skips in Europe/Kyiv.
    return datetime(day.year, day.month, day.day, rng.randint(6, 22), rng.randrange(60))


_OFFSETS = [timedelta(hours=h, minutes=m) for h, m in ((2, 0), (-5, 0), (5, 30), (0, 0), (9, 0))]


def _date_forms(rng: random.Random, wall: datetime, style: str) -> tuple[datetime, object]:
    """The instant, and how the document writes it."""
    if style == "toml":
        roll = rng.randrange(3)
        if roll == 0:  # TOML offset date-time
            offset = timezone(rng.choice(_OFFSETS))
            moment = wall.replace(tzinfo=offset)
            return moment, moment
        if roll == 1:  # TOML local date-time: a wall time in the config's zone
            return wall.replace(tzinfo=ZONE), wall
        return datetime.combine(wall.date(), datetime.min.time(), ZONE), wall.date()
    form = rng.randrange(7)
    if form == 0:
        return datetime.combine(wall.date(), datetime.min.time(), ZONE), wall.strftime("%Y-%m-%d")
    if form == 1:
        return wall.replace(tzinfo=ZONE), wall.strftime("%Y-%m-%d %H:%M")
    if form == 2:
        offset = timezone(rng.choice(_OFFSETS))
        moment = wall.replace(tzinfo=offset)
        return moment, moment.isoformat()
    if form == 3:
        moment = wall.replace(tzinfo=UTC)
        return moment, moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == 4:
        midnight = datetime.combine(wall.date(), datetime.min.time(), ZONE)
        return midnight, f'"{wall.strftime("%B")} {wall.day}, {wall.year}"'
    if form == 5:
        offset = timezone(rng.choice(_OFFSETS))
        moment = wall.replace(tzinfo=offset)
        return moment, f'"{moment.strftime("%a, %d %b %Y %H:%M:%S %z")}"'
    return wall.replace(tzinfo=ZONE), f'"{wall.day} {wall.strftime("%b")} {wall.year} {wall:%H:%M}"'


def make_item(index: int, count: int, seed: int) -> Item:
    rng = random.Random(seed * 1_000_003 + index)
    wall = _moment(rng, index, count)
    roll = rng.random()
    style = "yaml" if roll < 0.85 else "toml" if roll < 0.95 else "none"
    published, date_text = _date_forms(rng, wall, style)
    if style == "none":  # a date line without a time: midnight in the config's zone
        published = datetime.combine(wall.date(), datetime.min.time(), ZONE)
    updated = updated_text = None
    if style != "none" and rng.random() < 0.3:
        updated = published + timedelta(days=rng.randint(1, 400), minutes=rng.randrange(600))
        updated_text = updated.isoformat()
    authors = rng.sample(AUTHORS, k=rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
    if style != "none" and rng.random() < 0.05:
        authors = []  # the config's default authors
    tags = rng.sample(TAGS, k=rng.choices(range(6), weights=(5, 20, 30, 25, 15, 5))[0])
    title = _title(rng)
    summary = None
    if style != "none" and rng.random() < 0.6:
        summary = _sentence(rng, rng.randint(15, 35))
        if rng.random() < 0.2:
            summary += " " + rng.choice(FOREIGN)
    suffix = rng.choices((".md", ".markdown", ".txt"), weights=(94, 4, 2))[0]
    folder = f"{wall.year}/{wall.month:02d}" if index % 3 == 0 else f"{wall.year}"
    name = f"entry-{index:06d}" + ("-café" if index % 97 == 0 else "")
    extra: dict[str, object] = {}
    if style != "none":
        if rng.random() < 0.15:
            extra["link"] = f"https://elsewhere.bench.staticfeed.test/{wall.year}/{index}/"
        if rng.random() < 0.1:
            extra["image"] = (
                f"img/cover-{index:06d}.jpg"
                if rng.random() < 0.5
                else f"https://cdn.bench.staticfeed.test/covers/{index}.jpg"
            )
        if rng.random() < 0.05:
            extra["lang"] = rng.choice(["uk", "de", "fr", "es-419"])
        if rng.random() < 0.04:
            extra["slug"] = f"custom/{index:06d}"
        elif rng.random() < 0.03:
            extra["id"] = f"urn:uuid:00000000-0000-4000-8000-{index:012d}"
        if rng.random() < 0.01:
            extra["draft"] = True
        if rng.random() < 0.02:
            extra["enclosures"] = [
                {
                    "url": f"https://cdn.bench.staticfeed.test/audio/{index}.mp3",
                    "type": "audio/mpeg",
                    "length": rng.randint(1_000_000, 90_000_000),
                }
            ]
    return Item(
        index=index,
        path=f"{folder}/{name}{suffix}",
        title=title,
        published=published,
        date_text=date_text,
        updated=updated,
        updated_text=updated_text,
        authors=authors,
        author_style=rng.choice(["text", "email", "mapping"]),
        tags=tags,
        summary=summary,
        body=_body(rng, index),
        style=style,
        extra=extra,
    )


def _q(text: str) -> str:
    """A double-quoted string that is valid YAML and TOML alike."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_author(author: tuple[str, str | None, str | None], style: str) -> str:
    name, email, uri = author
    if style == "mapping":
        lines = [f"  - name: {_q(name)}"]
        if email:
            lines.append(f"    email: {email}")
        if uri:
            lines.append(f"    uri: {uri}")
        return "\n".join(lines)
    if style == "email" and email:
        return f"  - {_q(f'{name} <{email}>')}"
    return f"  - {_q(name)}"


def staticfeed_document(item: Item) -> str:
    if item.style == "none":
        names = [name for name, _, _ in item.authors]
        byline = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        day = item.published.astimezone(ZONE)
        return (
            f"{day:%A}, {day:%B} {day.day}, {day.year}\n\n# {item.title}\n\nBy {byline}\n\n"
            + item.body
        )
    if item.style == "toml":
        lines = ["+++", f"title = {_q(item.title)}"]
        value = item.date_text
        lines.append(f"date = {value.isoformat()}")  # type: ignore[attr-defined]
        if item.updated_text:
            lines.append(f"updated = {_q(item.updated_text)}")
        if item.authors:
            rendered = []
            for name, email, uri in item.authors:
                if item.author_style == "mapping":
                    fields = [f"name = {_q(name)}"]
                    fields += [f'email = "{email}"'] if email else []
                    fields += [f'uri = "{uri}"'] if uri else []
                    rendered.append("{ " + ", ".join(fields) + " }")
                else:
                    rendered.append(_q(f"{name} <{email}>" if email else name))
            lines.append(f"authors = [{', '.join(rendered)}]")
        if item.tags:
            lines.append(f"tags = [{', '.join(_q(tag) for tag in item.tags)}]")
        if item.summary:
            lines.append(f"summary = {_q(item.summary)}")
        for key, value in item.extra.items():
            if key == "enclosures":
                (enclosure,) = value  # type: ignore[misc]
                lines.append(
                    f'enclosures = [{{ url = "{enclosure["url"]}", type = "{enclosure["type"]}", '
                    f"length = {enclosure['length']} }}]"
                )
            elif isinstance(value, bool):
                lines.append(f"{key} = {'true' if value else 'false'}")
            else:
                lines.append(f"{key} = {_q(str(value))}")
        lines.append("+++")
        return "\n".join(lines) + "\n\n" + item.body
    lines = ["---", f"title: {_q(item.title)}", f"date: {item.date_text}"]
    if item.updated_text:
        lines.append(f"updated: {item.updated_text}")
    if len(item.authors) == 1 and item.author_style == "text":
        lines.append(f"author: {_q(item.authors[0][0])}")
    elif item.authors:
        lines.append("authors:")
        lines += [_yaml_author(author, item.author_style) for author in item.authors]
    if item.tags:
        lines.append(f"tags: [{', '.join(_q(tag) for tag in item.tags)}]")
    if item.summary:
        lines.append(f"summary: {_q(item.summary)}")
    for key, value in item.extra.items():
        if key == "enclosures":
            (enclosure,) = value  # type: ignore[misc]
            lines += [
                "enclosures:",
                f"  - url: {enclosure['url']}",
                f"    type: {enclosure['type']}",
                f"    length: {enclosure['length']}",
            ]
        elif isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        else:
            lines.append(f"{key}: {_q(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + item.body


def hugo_document(item: Item) -> str:
    """The same entry for Hugo: YAML front matter Hugo reads, RFC 3339 dates."""
    lines = ["---", f"title: {_q(item.title)}", f"date: {item.published.isoformat()}"]
    if item.updated:
        lines.append(f"lastmod: {item.updated.isoformat()}")
    if item.authors:
        lines.append(f"authors: [{', '.join(_q(name) for name, _, _ in item.authors)}]")
    if item.tags:
        lines.append(f"tags: [{', '.join(_q(tag) for tag in item.tags)}]")
    if item.summary:
        lines.append(f"summary: {_q(item.summary)}")
    if item.extra.get("draft"):
        lines.append("draft: true")
    if "lang" in item.extra:
        lines.append(f"params: {{lang: {_q(str(item.extra['lang']))}}}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + item.body


CONFIG = f"""\
# Benchmark corpus: staticfeed's defaults (limit 50, archives, every format, topic feeds, pages).
title = "staticfeed benchmark"
subtitle = "A generated corpus for timing builds"
site_url = "{SITE_URL}"
language = "en"
timezone = "{TIMEZONE}"
id_authority = "bench.staticfeed.test,2025"
authors = [{{ name = "The benchmark editors", email = "editors@bench.staticfeed.test" }}]
"""


def generate(out: Path, count: int, seed: int) -> dict[str, object]:
    staticfeed_dir = out / "staticfeed"
    hugo_dir = out / "hugo"
    for folder in (staticfeed_dir, hugo_dir / "content"):
        if folder.exists():
            shutil.rmtree(folder)
    entries = staticfeed_dir / "entries"
    posts = hugo_dir / "content" / "posts"
    posts.mkdir(parents=True)
    entries.mkdir(parents=True)
    (staticfeed_dir / "staticfeed.toml").write_text(CONFIG, encoding="utf-8")
    made: set[Path] = set()
    drafts = 0
    total_bytes = 0
    newest = None
    for index in range(count):
        item = make_item(index, count, seed)
        target = entries / item.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        data = staticfeed_document(item).encode("utf-8")
        target.write_bytes(data)
        total_bytes += len(data)
        (posts / f"{index:06d}.md").write_text(hugo_document(item), encoding="utf-8")
        drafts += bool(item.extra.get("draft"))
        if newest is None or item.published > newest[1]:
            newest = (item.path, item.published)
    assert newest is not None
    info: dict[str, object] = {
        "entries": count,
        "seed": seed,
        "published": count - drafts,
        "drafts": drafts,
        "entry_bytes": total_bytes,
        "newest": newest[0],
        "newest_date": newest[1].isoformat(),
    }
    (out / "corpus.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (its corpus is replaced)")
    parser.add_argument("-n", "--entries", type=int, default=10000, help="number of entries")
    parser.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    args = parser.parse_args(argv)
    if args.entries < 1:
        parser.error("--entries must be at least 1")
    info = generate(args.out, args.entries, args.seed)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())
