"""Test publications: a folder of documents, and what a reader must show for each of them.

`write_publication` writes a staticfeed.toml and entries/ full of things feeds get wrong:
several authors with and without email, tags, Cyrillic, accents, emoji, `&`, `<b>` and quotes in
titles, relative links and images in bodies, dates in many forms and time zones, documents with
and without front matter. Every expected value is worked out here from what was written, following
the README's rules, and never by asking staticfeed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

SITE_URL = "https://example.org/blog/"
FEED_URL = SITE_URL + "feeds/"  # the config leaves feed_url at its default, "feeds/"
SITE_ORIGIN = "https://example.org"
ID_AUTHORITY = "example.org,2022"
TIMEZONE = "Europe/Kyiv"
ZONE = ZoneInfo(TIMEZONE)
FIRST_DAY = date(2022, 1, 3)
ADDED_DAY = date(2025, 1, 10)  # later than any generated entry, and in the past
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None


DEFAULT_AUTHORS = (Author("Редакція «Мир знизу»", "editors@example.org"),)

AUTHORS = (
    Author("Олена Коваленко", "olena@example.org"),
    Author("José Álvarez"),
    Author("Zoë O'Brien", "zoe@example.net"),
    Author("Ann Lee"),
    Author("李小龍"),
    Author("Björn Ångström", "bjorn@example.se"),
    Author("Tom & Jerry Collective"),
)

# Plain-text titles. None has a closing tag or an `&name;` entity: see test_readers.py for
# why RSS titles that look like HTML are a case of their own.
TITLES = (
    "Fish & chips — a review",
    "Why <b> tags aren't bold here",
    'She said "peace", not "truce"',
    "Мир знизу: нотатки з Києва",
    "Café au lait, naïve façade & crème brûlée",
    "Emoji check 🎉🕊️ and a dove",
    "5 < 6 > 4 & 1 = 1",
    "Ελληνικά, 中文 and Ukrainian ї, є, ґ",
    "The <i> element & 'single' quotes",
)

TAGS = ("ukraine", "мир", "café", "peace-talks", "émigré", "日本", "R&D")


@dataclass(frozen=True)
class Block:
    """One Markdown block of a body, and the text a reader shows for it."""

    markdown: str
    text: str
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExpectedEntry:
    """What every feed reader must show for one document."""

    path: str  # under entries/
    id: str
    slug: str  # README: the path without extension, lowercased and percent-encoded
    title: str
    authors: tuple[Author, ...]
    link: str | None
    published: datetime
    updated: datetime
    tags: tuple[str, ...]
    blocks: tuple[Block, ...]
    explicit_summary: str | None = None
    title_source: str = field(default="", repr=False)  # the title exactly as in the file

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(author.name for author in self.authors)

    @property
    def text(self) -> str:
        """The body as plain text, whitespace collapsed."""
        return normalize(" ".join(block.text for block in self.blocks))

    @property
    def summary(self) -> str:
        """README: the `summary`, else the first paragraph (all generated ones are short)."""
        return self.explicit_summary or normalize(self.blocks[0].text)

    @property
    def urls(self) -> tuple[str, ...]:
        """Absolute URLs the body's relative links and images must have become."""
        return tuple(url for block in self.blocks for url in block.urls)


@dataclass(frozen=True)
class Publication:
    folder: Path
    entries: list[ExpectedEntry]  # newest first, as the feeds carry them
    content: str  # the config's content setting: "full" or "summary"
    feed_url: str = FEED_URL  # where feeds/ is served
    pages: bool = True  # the config's pages setting

    def link_of(self, entry: ExpectedEntry) -> str | None:
        """README: an entry's link is its `link`; without one, its page (feed_url + slug +
        "/") when pages are on; else it has none."""
        if entry.link:
            return entry.link
        return f"{self.feed_url}{entry.slug}/" if self.pages else None

    def shows_content(self, entry: ExpectedEntry) -> bool:
        """README: "summary" leaves content out of every entry readers can open (a link or a
        page); an entry with neither keeps it."""
        return self.content == "full" or self.link_of(entry) is None

    @property
    def config(self) -> Path:
        return self.folder / "staticfeed.toml"

    @property
    def entries_dir(self) -> Path:
        return self.folder / "entries"


def normalize(text: str) -> str:
    return " ".join(text.split())


def write_publication(
    folder: Path, n_entries: int, seed: int, *, content: str = "full", pages: bool = True
) -> Publication:
    """Write staticfeed.toml and `n_entries` documents under `folder`; the same seed gives the
    same files. The config's `limit` is 0, so the feeds carry every entry."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "staticfeed.toml").write_text(_config(content, pages), encoding="utf-8")
    entries = [_write_entry(folder, index, rng) for index in range(n_entries)]
    newest_first = sorted(entries, key=lambda e: e.published, reverse=True)
    return Publication(folder, newest_first, content, FEED_URL, pages)


def add_entry(publication: Publication, seed: int) -> Publication:
    """Write one more document, newer than every other, and return the publication with it."""
    rng = random.Random(seed)
    index = len(publication.entries)
    entry = _write_entry(publication.folder, index, rng, day=ADDED_DAY, style="yaml")
    return replace(publication, entries=[entry, *publication.entries])


def edit_entry(
    publication: Publication, entry: ExpectedEntry, title: str, first_paragraph: str
) -> Publication:
    """Change one document's title and first paragraph in place, as an author would."""
    path = publication.entries_dir / entry.path
    text = path.read_text(encoding="utf-8")
    first = entry.blocks[0]
    new_title_source = _title_source(entry.title_source, title)
    assert text.count(entry.title_source) == 1 and text.count(first.markdown) == 1
    text = text.replace(entry.title_source, new_title_source)
    text = text.replace(first.markdown, first_paragraph)
    path.write_text(text, encoding="utf-8")
    edited = replace(
        entry,
        title=title,
        title_source=new_title_source,
        blocks=(Block(first_paragraph, first_paragraph), *entry.blocks[1:]),
    )
    entries = [edited if e is entry else e for e in publication.entries]
    return replace(publication, entries=entries)


def _title_source(old_source: str, title: str) -> str:
    return "# " + title if old_source.startswith("# ") else json.dumps(title, ensure_ascii=False)


def _config(content: str, pages: bool) -> str:
    (default,) = DEFAULT_AUTHORS
    return (
        'title = "Generated: ünïcödé & <angle> feed"\n'
        f'site_url = "{SITE_URL}"\n'
        f'id_authority = "{ID_AUTHORITY}"\n'
        f'timezone = "{TIMEZONE}"\n'
        "limit = 0\n"
        f'content = "{content}"\n'
        f"pages = {'true' if pages else 'false'}\n"
        f"authors = [{{ name = {json.dumps(default.name, ensure_ascii=False)}, "
        f'email = "{default.email}" }}]\n'
    )


# --- One document ---------------------------------------------------------------------------

_STYLES = ("yaml", "yaml", "yaml", "yaml", "toml", "bare")


def _write_entry(
    folder: Path, index: int, rng: random.Random, *, day: date | None = None, style: str = ""
) -> ExpectedEntry:
    style = style or _STYLES[index % len(_STYLES)]
    day = day or FIRST_DAY + timedelta(days=2 * index)
    path = _entry_path(index, rng)
    title = f"{rng.choice(TITLES)} (no. {index})"
    link = f"{SITE_URL}posts/{index:03d}/" if rng.random() < 0.5 else None
    if style == "bare":
        link = None  # a document without front matter cannot name its web page
    base = link or SITE_URL
    blocks = _blocks(index, rng, base)
    if style == "bare":
        return _write_bare(folder, path, index, rng, day, title, blocks)
    published, date_value = _published(day, rng, style)
    updated = published
    updated_value = None
    if rng.random() < 0.3:
        updated = published + timedelta(days=1, hours=rng.randrange(24))
        updated_value = updated.astimezone(timezone(timedelta(hours=-3))).isoformat()
    authors, author_lines = _authors(rng, style)
    tags = tuple(rng.sample(TAGS, rng.randrange(4)))
    own_id = link if link and rng.random() < 0.3 else None
    summary = None
    if rng.random() < 0.3:
        summary = f"Summary {index}: <b>bold</b> stays text, AT&amp;T & 5 < 6 — «ок» 🕊️"
    title_source = json.dumps(title, ensure_ascii=False)
    fields: list[tuple[str, str]] = [("title", title_source), ("date", date_value)]
    if updated_value:
        fields.append(("updated", json.dumps(updated_value)))
    if link:
        fields.append(("link", json.dumps(link)))
    if own_id:
        fields.append(("id", json.dumps(own_id)))
    if summary:
        fields.append(("summary", json.dumps(summary, ensure_ascii=False)))
    if tags:
        fields.append(("tags", json.dumps(list(tags), ensure_ascii=False)))
    body = "\n\n".join(block.markdown for block in blocks) + "\n"
    if style == "toml":
        head = "".join(f"{key} = {value}\n" for key, value in fields) + "".join(
            line + "\n" for line in _toml_authors(author_lines)
        )
        document = f"+++\n{head}+++\n\n{body}"
    else:
        head = "".join(f"{key}: {value}\n" for key, value in fields)
        head += "".join(line + "\n" for line in author_lines)
        document = f"---\n{head}---\n\n{body}"
    _write(folder / "entries" / path, document)
    return ExpectedEntry(
        path=path,
        id=own_id or _tag_id(path),
        slug=_slug(path),
        title=title,
        authors=authors,
        link=link,
        published=published,
        updated=updated,
        tags=tags,
        blocks=blocks,
        explicit_summary=summary,
        title_source=title_source,
    )


def _write_bare(
    folder: Path,
    path: str,
    index: int,
    rng: random.Random,
    day: date,
    title: str,
    blocks: tuple[Block, ...],
) -> ExpectedEntry:
    """A document without front matter: date line, heading and byline (README's rules)."""
    # A heading is Markdown: keep to characters that read as themselves there.
    title = f"{rng.choice(('Notes from Kyiv', 'Нотатки з Києва', 'Café société'))} no. {index}"
    authors = tuple(rng.sample([a for a in AUTHORS if "&" not in a.name], 2))
    names = " and ".join(author.name for author in authors)
    date_line = f"{WEEKDAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"
    body = "\n\n".join(block.markdown for block in blocks)
    document = f"{date_line}\n\n# {title}\n\nBy {names}\n\n{body}\n"
    _write(folder / "entries" / path, document)
    return ExpectedEntry(
        path=path,
        id=_tag_id(path),
        slug=_slug(path),
        title=title,
        authors=tuple(Author(author.name) for author in authors),  # a byline has no emails
        link=None,
        published=datetime.combine(day, time(), ZONE),
        updated=datetime.combine(day, time(), ZONE),
        tags=(),
        blocks=blocks,
        title_source=f"# {title}",
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _entry_path(index: int, rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"notes/Café-{index:03d}.txt"
    if kind == 1:
        return f"{2022 + index // 180}/Post-{index:03d}.markdown"
    return f"{2022 + index // 180}/post-{index:03d}.md"


def _slug(path: str) -> str:
    """README: path without extension, lowercased, non `-._~/` characters as UTF-8 %XX."""
    stem = path.rsplit(".", 1)[0]
    return quote(stem.lower(), safe="/-._~")


def _tag_id(path: str) -> str:
    return f"tag:{ID_AUTHORITY}:{_slug(path)}"


def _published(day: date, rng: random.Random, style: str) -> tuple[datetime, str]:
    """An instant on `day` and how the document writes it."""
    hour, minute = rng.randrange(8, 21), rng.randrange(60)
    kind = rng.randrange(6)
    if kind == 0:  # a date alone: midnight in the config's zone
        return datetime.combine(day, time(), ZONE), day.isoformat()
    if kind == 1:  # a wall time in the config's zone, with its daylight-saving rules
        moment = datetime.combine(day, time(hour, minute), ZONE)
        return moment, json.dumps(moment.strftime("%Y-%m-%d %H:%M"))
    if kind == 2:  # unusual offsets: Nepal and Newfoundland
        offset = rng.choice((timedelta(hours=5, minutes=45), -timedelta(hours=3, minutes=30)))
        moment = datetime.combine(day, time(hour, minute), timezone(offset))
        return moment, json.dumps(moment.isoformat())
    if kind == 3:  # UTC with Z
        moment = datetime.combine(day, time(hour, minute), UTC)
        return moment, json.dumps(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if kind == 4:  # an e-mail style date with a numeric offset
        moment = datetime.combine(day, time(hour, minute), timezone(timedelta(hours=-5)))
        text = f"{day.day} {MONTHS[day.month - 1][:3]} {day.year} {hour:02d}:{minute:02d} -0500"
        return moment, json.dumps(text)
    # an unquoted timestamp with offset: a YAML or TOML datetime, not text
    moment = datetime.combine(day, time(hour, minute, 30), timezone(timedelta(hours=2)))
    value = moment.isoformat() if style == "toml" else moment.isoformat(sep=" ")
    return moment, value


def _authors(rng: random.Random, style: str) -> tuple[tuple[Author, ...], list[str]]:
    """The entry's authors and their front-matter lines (YAML; converted for TOML)."""
    count = rng.choice((0, 1, 1, 2, 3))
    if count == 0:
        return DEFAULT_AUTHORS, []
    chosen = tuple(rng.sample(AUTHORS, count))
    if count == 1 and rng.random() < 0.5:
        return chosen, [f"author: {_author_text(chosen[0])}"]
    lines = ["authors:"]
    for author in chosen:
        if rng.random() < 0.5:
            lines.append(f"  - {_author_text(author)}")
        else:
            lines.append(f"  - name: {json.dumps(author.name, ensure_ascii=False)}")
            if author.email:
                lines.append(f"    email: {author.email}")
            if rng.random() < 0.3:
                lines.append(f"    uri: {SITE_URL}people/{rng.randrange(100)}/")
    return chosen, lines


def _author_text(author: Author) -> str:
    text = f"{author.name} <{author.email}>" if author.email else author.name
    return json.dumps(text, ensure_ascii=False)


def _toml_authors(lines: list[str]) -> list[str]:
    """The YAML author lines above, as TOML."""
    if not lines:
        return []
    if lines[0].startswith("author: "):
        return ["author = " + lines[0].removeprefix("author: ")]
    items: list[str] = []
    for line in lines[1:]:
        if line.startswith("  - name: "):
            items.append("{ name = " + line.removeprefix("  - name: ") + " }")
        elif line.startswith("  - "):
            items.append(line.removeprefix("  - "))
        else:
            key, _, value = line.strip().partition(": ")
            items[-1] = items[-1][:-2] + f', {key} = "{value}" }}'
    return ["authors = [" + ", ".join(items) + "]"]


def _blocks(index: int, rng: random.Random, base: str) -> tuple[Block, ...]:
    """A first paragraph (the default summary), then a shuffled choice of other blocks."""
    first = Block(
        f"Entry {index} opens with Cyrillic — Мир знизу, accents — café, naïve, and emoji 🕊️🎉.",
        f"Entry {index} opens with Cyrillic — Мир знизу, accents — café, naïve, and emoji 🕊️🎉.",
    )
    others = [
        Block(
            f"Read the [notes for entry {index}](notes/{index}.html) and the "
            "[about page](/about/).",
            f"Read the notes for entry {index} and the about page.",
            (f"{base}notes/{index}.html", f"{SITE_ORIGIN}/about/"),
        ),
        Block(
            f"A map: ![Map of route {index}](img/map-{index}.png) as promised.",
            "A map: as promised.",
            (f"{base}img/map-{index}.png",),
        ),
        Block(
            "Fish & chips cost 5 < 6 euros; he said \"yes\" and 'no' > maybe.",
            "Fish & chips cost 5 < 6 euros; he said \"yes\" and 'no' > maybe.",
        ),
        Block(
            "Some <em>raw HTML</em> and <strong>strong</strong> words, untouched.",
            "Some raw HTML and strong words, untouched.",
        ),
        Block(
            "*Emphasis*, **strong** and `code` in Ukrainian: їжак, ґанок, європа.",
            "Emphasis, strong and code in Ukrainian: їжак, ґанок, європа.",
        ),
        Block(
            "- first item\n- second item with ünïcödé\n- third item with 日本語",
            "first item second item with ünïcödé third item with 日本語",
        ),
        Block(
            f'<p><img src="img/photo-{index}.jpg" alt="photo"> Raw image, caption «фото».</p>',
            "Raw image, caption «фото».",
            (f"{base}img/photo-{index}.jpg",),
        ),
    ]
    chosen = rng.sample(others, rng.randrange(1, len(others) + 1))
    return (first, *chosen)
