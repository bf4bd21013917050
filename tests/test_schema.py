"""The feeds against their specifications: Atom against RFC 4287's RELAX NG schema (with jing)
and its Schematron rules (which jing ignores), RSS against RSS 2.0's structure."""

from __future__ import annotations

import re
import subprocess
import xml.parsers.expat
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import (
    ATOM_NS,
    ATOM_RNC,
    NS,
    REPO,
    invoke_build,
    need_atom_schema,
    need_program,
    read_xml,
)

Site = Callable[..., Path]

RICH_CONFIG = """\
title = "Rich & <feed>"
subtitle = "Everything a feed can hold"
site_url = "https://example.org/blog/"
feed_url = "https://cdn.example.net/feeds/"
id_authority = "example.org,2025"
language = "uk"
timezone = "Europe/Kyiv"
icon = "favicon.png"
logo = "img/logo.png"
rights = "© 2025 Peace From Below"
authors = [
  { name = "Ed One", email = "ed@example.org", uri = "https://example.org/ed" },
  { name = "Ed Two" },
]
"""
RICH_ENTRIES = {
    "many-authors.md": """\
---
title: Many <authors> & tags
date: 2025-12-22 10:00
updated: 2025-12-24T08:00:00Z
authors:
  - Ann Lee <ann@example.org>
  - name: Bo Chen
    uri: https://bo.example/
  - name: Cy Dee
    email: cy@example.org
    uri: https://cy.example/
  - Dee Only-Name
  - Eve <eve@example.org>
tags: [ukraine, peace-talks, "ліві", "a & b"]
link: https://example.org/blog/many/
lang: en
summary: An explicit summary.
---
Body with ![img](img/a.png) and a [relative link](../other.html).
""",
    "no-link.md": """\
---
title: No link
date: 2025-12-20
tags: [one]
---
| a | b |
|---|---|
| 1 | 2 |

~~old~~ <span class="raw">raw HTML</span> www.example.com
""",
    "permalink.md": """\
---
title: Id is the link
date: 2025-12-19
id: https://example.org/blog/permalink/
link: https://example.org/blog/permalink/
---
Text.
""",
    "empty-with-link.md": """\
---
title: Nothing but a link
date: 2025-12-18
link: https://example.org/blog/empty/
---
""",
    "empty-without-link.md": """\
---
title: Nothing at all
date: 2025-12-17
---
""",
    "inferred.txt": """\
Monday, December 15, 2025

# Inferred <title>

By Ann Lee and Bo Chen

Юнікод 🎉 text.
""",
    "toml.md": """\
+++
title = "TOML entry"
date = 2025-12-16T09:00:00+02:00
author = "Zed <zed@example.org>"
+++
Body.
""",
}


# Tools


def jing(*paths: Path) -> None:
    """Validate Atom documents against RFC 4287's RELAX NG schema."""
    program = need_program("jing")
    schema = need_atom_schema()
    result = subprocess.run(
        [program, "-c", str(schema), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def schematron_rules() -> list[tuple[str, str]]:
    """(context, test) of every Schematron assertion embedded in atom.rnc."""
    text = need_atom_schema().read_text(encoding="utf-8")
    strings = r'"[^"]*"(?:\s*~\s*"[^"]*")*'
    rules = []
    for block in re.finditer(rf"s:rule\s*\[\s*context\s*=\s*({strings})(.*?)\]\s*\]", text, re.S):
        context = "".join(re.findall(r'"([^"]*)"', block.group(1)))
        for test in re.finditer(rf"test\s*=\s*({strings})", block.group(2)):
            rules.append((context, "".join(re.findall(r'"([^"]*)"', test.group(1)))))
    return rules


def schematron_failures(atom: etree._Element) -> list[str]:
    """The Schematron assertions of atom.rnc that the document breaks."""
    rules = schematron_rules()
    # The two rules shared/README.md names, and the entry-author rule that goes with them.
    assert len(rules) >= 2, rules
    namespaces = {"atom": ATOM_NS}
    failures = []
    document = atom.getroottree()
    for context, test in rules:
        for node in document.xpath(f"//{context}", namespaces=namespaces):
            if not node.xpath(f"boolean({test})", namespaces=namespaces):
                failures.append(
                    f"{context} {node.findtext('atom:id', namespaces=namespaces)}: {test}"
                )
    return failures


RSS_NAMESPACES = {
    "atom": ATOM_NS,
    "content": NS["content"],
    "dc": NS["dc"],
    "fh": "http://purl.org/syndication/history/1.0",  # RFC 5005: fh:complete, fh:archive
    "media": "http://search.yahoo.com/mrss/",  # Media RSS: an entry's image
}
CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item",
}  # fmt: skip
ITEM_ELEMENTS = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip


def rss_problems(path: Path) -> list[str]:
    """Breaks of RSS 2.0's structure, and of the namespace rules its extensions rely on."""
    problems = []
    data = path.read_bytes()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(data, True)  # an undeclared prefix is an error here ("unbound prefix")
    except xml.parsers.expat.ExpatError as error:
        return [f"not namespace-well-formed: {error}"]
    rss = read_xml(path)
    if rss.tag != "rss" or rss.get("version") != "2.0":
        problems.append(f"root is <{rss.tag} version={rss.get('version')!r}>")
    for element in rss.iter(etree.Element):
        for prefix, uri in element.nsmap.items():
            if RSS_NAMESPACES.get(prefix or "") != uri:
                problems.append(f"prefix {prefix!r} is bound to {uri!r}")
        namespace = etree.QName(element).namespace
        if namespace is not None and namespace not in RSS_NAMESPACES.values():
            problems.append(f"element {element.tag} in an unknown namespace")
    channels = rss.findall("channel")
    if len(channels) != 1:
        return [*problems, f"{len(channels)} channels"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if not channel.findtext(name):
            problems.append(f"channel has no {name}")
    for child in channel:
        if etree.QName(child).namespace is None and child.tag not in CHANNEL_ELEMENTS:
            problems.append(f"unknown channel element {child.tag}")
    image = channel.find("image")
    if image is not None:
        problems += [f"image has no {n}" for n in ("url", "title", "link") if not image.findtext(n)]
    items = channel.findall("item")
    if not items:
        problems.append("no items")
    for number, item in enumerate(items, start=1):
        for name in ("title", "guid", "pubDate"):
            if not item.findtext(name):
                problems.append(f"item {number} has no {name}")
        for child in item:
            if etree.QName(child).namespace is None and child.tag not in ITEM_ELEMENTS:
                problems.append(f"item {number}: unknown element {child.tag}")
        guid = item.find("guid")
        if guid is not None and guid.get("isPermaLink") not in (None, "true", "false"):
            problems.append(f"item {number}: isPermaLink={guid.get('isPermaLink')!r}")
    return problems


def feed_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """Every Atom and every RSS document under `folder`: the main feeds, archives, tags and
    authors, by the names build gives them."""
    paths = sorted(folder.rglob("*.xml"))
    atom = [p for p in paths if p.name == "atom.xml" or p.name.endswith(".atom.xml")]
    rss = [p for p in paths if p.name == "rss.xml" or p.name.endswith(".rss.xml")]
    assert sorted(atom + rss) == paths, "an XML file that is neither Atom nor RSS"
    return atom, rss


def assert_valid_feeds(folder: Path) -> int:
    """Validate every feed document under `folder`; how many Atom (and RSS) documents."""
    atom_paths, rss_paths = feed_files(folder)
    assert folder / "atom.xml" in atom_paths and folder / "rss.xml" in rss_paths
    # An RSS document for every Atom one, and no other.
    as_atom = [path.with_name(path.name[: -len("rss.xml")] + "atom.xml") for path in rss_paths]
    assert sorted(as_atom) == atom_paths
    jing(*atom_paths)
    for atom_path in atom_paths:
        assert schematron_failures(read_xml(atom_path)) == [], atom_path
    for rss_path in rss_paths:
        assert rss_problems(rss_path) == [], rss_path
    for path in atom_paths + rss_paths:
        result = feedparser.parse(path.read_bytes())
        assert not result.bozo, (path.name, result.get("bozo_exception"))
    return len(atom_paths)


# The checkers themselves catch what they should


def test_jing_rejects_an_invalid_atom_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(
        f'<feed xmlns="{ATOM_NS}"><title>t</title><updated>yesterday</updated></feed>',
        encoding="utf-8",
    )
    with pytest.raises(AssertionError):
        jing(broken)


def test_schematron_rules_catch_a_missing_author_and_a_missing_link_or_content() -> None:
    atom = etree.fromstring(
        f'<feed xmlns="{ATOM_NS}"><id>urn:x</id><title>t</title>'
        "<updated>2025-01-01T00:00:00Z</updated>"
        "<entry><id>urn:y</id><title>e</title><updated>2025-01-01T00:00:00Z</updated>"
        "<summary>s</summary></entry></feed>"
    )
    failures = schematron_failures(atom)
    assert any("atom:author" in f for f in failures), failures
    assert any("atom:content" in f for f in failures), failures


def test_rss_checker_catches_structural_problems(tmp_path: Path) -> None:
    path = tmp_path / "rss.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>t</title><link>https://x/</link><description>d'
        "</description><item><title>i</title><dc:creator>A</dc:creator></item></channel></rss>",
        encoding="utf-8",
    )
    assert rss_problems(path)[0].startswith("not namespace-well-formed")
    path.write_text(
        '<rss version="2.0"><channel><title>t</title><link>https://x/</link><description>d'
        "</description><item><title>i</title><author>A</author><by>x</by></item></channel></rss>",
        encoding="utf-8",
    )
    assert rss_problems(path) == [
        "item 1 has no guid",
        "item 1 has no pubDate",
        "item 1: unknown element by",
    ]


# staticfeed's feeds


def test_sample_publication_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_program("jing")
    need_atom_schema()
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    result = invoke_build("--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    # The main feed, 7 tags and 4 authors (the sample's 3 and the default for its third entry).
    assert assert_valid_feeds(tmp_path) == 1 + 7 + 4


@pytest.mark.parametrize("content", ["full", "summary"])
def test_rich_publication_is_valid(site: Site, content: str) -> None:
    need_program("jing")
    need_atom_schema()
    folder = site(config=RICH_CONFIG + f'content = "{content}"\n', **RICH_ENTRIES)
    result = invoke_build("--future")
    assert result.exit_code == 0, result.output
    feeds = folder / "feeds"
    # The main feed, 5 tags, and 8 authors: the 5 of many-authors.md (Ann Lee and Bo Chen
    # also wrote inferred.txt), Zed, and the config's two for the entries that name none.
    assert assert_valid_feeds(feeds) == 1 + 5 + 8
    atom = read_xml(feeds / "atom.xml")
    assert len(atom.findall("a:entry", NS)) == len(RICH_ENTRIES)
    for element in ("a:icon", "a:logo", "a:rights", "a:subtitle", "a:author"):
        assert atom.find(element, NS) is not None, element


def test_archives_are_valid(site: Site) -> None:
    """RFC 5005: 7 entries, 2 in the main feed, the 5 others in archives of 2, oldest first."""
    need_program("jing")
    need_atom_schema()
    config = RICH_CONFIG + "limit = 2\narchive_size = 2\n"
    folder = site(config=config, **RICH_ENTRIES)
    result = invoke_build("--future")
    assert result.exit_code == 0, result.output
    feeds = folder / "feeds"
    # The main feed, 3 archives, 5 tags and 8 authors (as in the rich publication).
    assert assert_valid_feeds(feeds) == 1 + 3 + 5 + 8
    counts = [
        len(read_xml(feeds / "archive" / f"{n}.atom.xml").findall("a:entry", NS)) for n in (1, 2, 3)
    ]
    assert counts == [2, 2, 1]
    for n in (1, 2, 3):
        items = read_xml(feeds / "archive" / f"{n}.rss.xml").findall("channel/item")
        assert len(items) == counts[n - 1]


def test_publication_without_default_authors_is_valid(site: Site) -> None:
    need_program("jing")
    need_atom_schema()
    config = RICH_CONFIG.split("authors = [")[0]
    entries = {
        "a.md": "---\ntitle: A\ndate: 2025-12-01\nauthor: Ann Lee\n---\nA.\n",
        "b.md": "---\ntitle: B\ndate: 2025-12-02\nauthors: [Bo <bo@example.org>, Cy]\n---\nB.\n",
        "c.txt": "December 3, 2025\n\n# C\n\nBy Dee Dee\n\nC.\n",
    }
    folder = site(config=config + 'content = "summary"\n', **entries)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    atom = read_xml(folder / "feeds" / "atom.xml")
    assert atom.find("a:author", NS) is None  # so every entry needs its own
    # The main feed and a feed per author: Ann Lee, Bo, Cy and Dee Dee.
    assert assert_valid_feeds(folder / "feeds") == 1 + 4


def test_schema_file_is_the_rfc_4287_grammar() -> None:
    """The checks above are only as good as the schema they use."""
    schema = need_atom_schema()
    assert schema == ATOM_RNC
    text = schema.read_text(encoding="utf-8")
    assert 'namespace atom = "http://www.w3.org/2005/Atom"' in text
    assert "start = atomFeed | atomEntry" in text
