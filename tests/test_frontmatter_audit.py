"""Tests from a hand mutation audit of frontmatter.py (its fences and its YAML errors): each
kills a mutant that survived the other tests, or pins a bug the audit found. Builds with the
real command and asserts the exact error a user reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli

Site = Callable[..., Path]

ATOM = "{http://www.w3.org/2005/Atom}"
YAML_FIX = "Fix the YAML syntax; quote values that contain ': ' or '#'."


def build() -> Result:
    return CliRunner().invoke(cli, ["build"], prog_name="staticfeed")


def errors(text: str) -> list[str]:
    """The error lines of a build of one entry, `text` written byte for byte (the `site`
    fixture dedents, which empties a line of spaces); no feed may have been written."""
    Path("entries/a.md").write_bytes(text.encode("utf-8"))
    result = build()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not Path("feeds").exists()
    return result.stderr.splitlines()


@pytest.fixture
def empty(site: Site) -> None:
    site()


# Each document below was named at another line, with another message, or built, by a slip
# in the code that names the line to fix: (id, document, the error a user reads).
NAMED = [
    (
        # The spaces after it are allowed on a fence and invisible; the one before is wrong.
        "closing-line-spaces-around",
        "---\ntitle: A\ndate: 2025-01-01\n ---  \nBody.\n",
        "4: line 4 is ' ---', not --- alone, so it does not close the front matter opened on "
        "line 1. Make line 4 --- alone.",
    ),
    (
        "closing-line-tab-after",
        "---\ntitle: A\ndate: 2025-01-01\n ---\t\nBody.\n",
        "4: line 4 is ' ---', not --- alone, so it does not close the front matter opened on "
        "line 1. Make line 4 --- alone.",
    ),
    (
        # `...` ends YAML for Pandoc; TOML has no such line, and --- would not close +++.
        "toml-dots",
        '+++\ntitle = "A"\ndate = 2025-01-01\n...\nBody.\n',
        "1: the front matter opened by +++ on line 1 is never closed. Add a line with +++ "
        "after the metadata.",
    ),
    (
        # The --- with spaces after it opens front matter as one without does.
        "directive-above-fence-with-spaces",
        "%YAML 1.1\n---  \ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        "1: '%YAML 1.1' comes before the --- that opens the front matter. Remove the line: "
        "front matter starts with --- on the first line.",
    ),
    (
        # A line of spaces is as blank as an empty one (`site` would have emptied it).
        "opened-twice-above-spaces",
        "---\n---\n  \ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        "2: line 2 is a second ---, which closes the front matter opened on line 1 before its "
        "keys. Remove line 2: front matter opens with one ---.",
    ),
    (
        # YAML stumbles on the `...` itself, not on a line below it.
        "document-end-first",
        "---\n...\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        "2: invalid YAML: YAML reads '...' as the end of a YAML document, so YAML cannot read "
        "the lines below it. Remove the line.",
    ),
    (
        "document-end-spaces-after",
        "---\ntitle: A\n...   \ndate: 2025-01-01\n---\nBody.\n",
        "3: invalid YAML: YAML reads '...' as the end of a YAML document, so YAML cannot read "
        "the lines below it. Remove the line.",
    ),
    (
        # The braces close on line 3, which ends the YAML; the key below is what YAML cannot
        # read.
        "one-mapping-over-lines",
        "---\n{title: A,\n date: 2025-01-01}\nsummary: x\n---\nBody.\n",
        "3: invalid YAML: YAML reads the front matter as ending on this line, and cannot read "
        f"line 4 below it. {YAML_FIX}",
    ),
    (
        # The one opened last is the one to close first.
        "inner-bracket",
        "---\ndate: 2025-01-01\ntags: [a,\n [b,\n---\nBody.\n",
        "4: invalid YAML: the [ here is not closed before line 5, where YAML finds: did not "
        "find expected node content. Close it with ] where it ends, or quote a value holding [.",
    ),
    (
        "inner-brace",
        "---\ndate: 2025-01-01\ntags: [a,\n {b: c,\n---\nBody.\n",
        "4: invalid YAML: the { here is not closed before line 5, where YAML finds: did not "
        "find expected node content. Close it with } where it ends, or quote a value holding {.",
    ),
    (
        # The merged keys made up the count of the one dropped: Ann was dropped unsaid.
        "key-twice-beside-merge",
        "---\ntitle: A\ndate: 2025-01-01\nauthors: [{<<: {email: ann@example.org, uri: "
        "https://ann.example.org/}, name: Ann, name: Bo}]\n---\nBody.\n",
        "4: name is given twice in one mapping. Keep one of them.",
    ),
    (
        # Of two lists, each with an item read as more of the one above, the first is named.
        "two-run-on-lists",
        "---\ndate: 2025-01-01\ntags:\n- a\n  - b\nauthors:\n- Ann\n  - Bo\n---\nBody.\n",
        "5: invalid YAML: YAML reads this line, indented more than line 4 where its value "
        "begins, as more of that value ('a - b'), not as an item of a list. Indent every - of "
        "the list alike, or quote the value if the - is part of it.",
    ),
    (
        # The quoted value holds the character as a character: the ] is what is wrong.
        "line-separator-above-bracket",
        '---\ndate: 2025-01-01\ntitle: "a\u2028b"\ntags: [a, b}\n---\nBody.\n',
        f"4: invalid YAML: did not find expected ',' or ']'. {YAML_FIX}",
    ),
    (
        # As without the character. It said "did not find expected node content while parsing
        # a flow node", with the fix for any YAML: the end of the front matter was placed on its
        # last line, where YAML places it on the line below.
        "line-separator-above-unclosed-bracket",
        '---\ndate: 2025-01-01\ntitle: "a\u2028b"\ntags: [\n---\nBody.\n',
        "4: invalid YAML: the [ here is not closed before line 5, where YAML finds: did not "
        "find expected node content. Close it with ] where it ends, or quote a value holding [.",
    ),
    (
        # A comment is no line YAML reads: the indented key below it is the first.
        "indented-below-a-comment",
        "---\n# notes\n  title: A\n  lang: en\ndate: 2025-01-01\n---\nBody.\n",
        "3: invalid YAML: this line is indented, and the keys below it, from line 5, are not. "
        "Start every key at the start of its line.",
    ),
    (
        # Not indented, summary is a key of the front matter; indented 4, of the author, which
        # has none.
        "front-matter-key-misindented-under-a-mapping",
        "---\nauthor:\n    name: Ann\n  summary: x\ndate: 2025-01-01\n---\nBody.\n",
        "4: invalid YAML: this line is indented 2 spaces, unlike the lines beside it in its "
        "list or mapping, so YAML cannot read them. Make it not indented, as line 5 is.",
    ),
    (
        # Of two values a tag says are what they are not, the first is named.
        "two-mistyped-values",
        "---\ndate: 2025-01-01\ntitle: !!int abc\ndraft: !!bool maybe\n---\nBody.\n",
        f"3: invalid YAML: the tag !!int on 'abc' says it is a number, which it is not. {YAML_FIX}",
    ),
    (
        # A problem found where the front matter ends says what YAML was reading there: a `&`
        # with no name after it.
        "anchor-without-a-name-last",
        "---\ndate: 2025-01-01\ntitle: A\nlink: &\n---\nBody.\n",
        "4: invalid YAML: did not find expected alphabetic or numeric character while scanning "
        f"an anchor. {YAML_FIX}",
    ),
    (
        # The line to match is an item, as this one is: not the authors: key above it.
        "item-misindented-named-beside-an-item",
        "---\ndate: 2025-01-01\nauthors:\n - name: Ann\n  email: ann@example.org\n- name: Bo\n"
        "  email: bo@example.org\n---\nBody.\n",
        "4: invalid YAML: this line is indented 1 space, unlike the lines beside it in its list "
        "or mapping, so YAML cannot read them. Make it not indented, as line 6 is.",
    ),
    (
        # In braces, a key is no slip of indentation: it is the item's own, unknown.
        "key-of-an-item-in-braces",
        "---\ndate: 2025-01-01\ntitle: A\nauthors:\n  - {name: Ann, summary: x}\n---\nBody.\n",
        "5: unknown key 'authors.summary'. Remove it; known keys: authors.email, authors.name, "
        "authors.uri.",
    ),
    (
        # `[authors.x]` makes a table x in the last author: it was named at that author's
        # [[authors]] line (4), above the header to remove.
        "toml-table-in-an-author",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[[authors]]\nname = "Ann"\n\n[authors.x]\n'
        "y = 1\n+++\nBody.\n",
        "7: unknown key 'authors.x'. Remove it; known keys: authors.email, authors.name, "
        "authors.uri.",
    ),
    (
        # A key of an author whose name holds a dot was named 'author.a.b', a key b of a
        # table a to TOML, where its date error names it `author."a.b"`.
        "toml-key-with-a-dot-in-an-author",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = "Ann"\n"a.b" = 1\n+++\nBody.\n',
        "6: unknown key 'author.\"a.b\"'. Remove it; known keys: author.email, author.name, "
        "author.uri.",
    ),
    (
        "toml-date-with-a-dot-in-an-author",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = "Ann"\n"a.b" = 2025-13-01\n'
        "+++\nBody.\n",
        "6: author.\"a.b\": '2025-13-01' does not exist: month must be in 1..12. Write "
        'author."a.b" like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.',
    ),
    (
        # Dotted, `a.b` is a table a in the author: a is the unknown key.
        "toml-dotted-key-in-an-author",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[[authors]]\nname = "Ann"\na.b = 1\n+++\nBody.\n',
        "6: unknown key 'authors.a'. Remove it; known keys: authors.email, authors.name, "
        "authors.uri.",
    ),
    (
        # In YAML as in TOML: `author.a b` read as if `b` were something of `a b`'s.
        "yaml-key-with-a-space-in-an-author",
        "---\ntitle: A\ndate: 2025-01-01\nauthor:\n  name: Ann\n  e mail: a@example.org\n"
        "---\nBody.\n",
        "6: unknown key 'author.\"e mail\"'. Did you mean 'author.email'? Known keys: "
        "author.email, author.name, author.uri.",
    ),
    (
        # The comma ends the alias's name, as it does a value's in brackets.
        "alias-before-comma",
        "---\ndate: 2025-01-01\ntags: [*a,b]\n---\nBody.\n",
        "3: invalid YAML: the alias *a names no anchor &a above it. Put &a before the value it "
        "stands for, above this line, or write the value.",
    ),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(("text", "error"), [p[1:] for p in NAMED], ids=[p[0] for p in NAMED])
def test_broken_front_matter_is_named_at_the_line_to_fix(text: str, error: str) -> None:
    assert errors(text) == [f"Error: entries/a.md:{error}"]


@pytest.mark.usefixtures("empty")
def test_a_character_beyond_the_bmp_escaped_as_a_json_pair_in_a_list_is_one_character() -> None:
    # A lone surrogate escape ("\\ud800") sends the front matter to the pure-Python parser,
    # which reads each half of a pair on its own: a tag written so lost its heart.
    Path("entries/a.md").write_text(
        '---\ntitle: "\\ud800A"\ndate: 2025-01-01\ntags: ["\\ud83d\\udc99"]\n---\nBody.\n',
        encoding="utf-8",
    )
    result = build()
    assert result.exit_code == 0, result.output
    entry = etree.parse("feeds/atom.xml").find(f"{ATOM}entry")
    assert entry is not None
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["\U0001f499"]


# Below a value with an escape of half a surrogate pair (which the build removes with a
# warning, and goes on), each problem is told as it is without that escape: the [ not closed,
# the item or key indented unlike the others. They were told in the pure-Python parser's
# words, with the fix for any YAML ("expected ',' or ']', but got '<stream end>'").
UNDER_A_SURROGATE = [
    (
        "unclosed-bracket",
        "tags: [a\n",
        "4: invalid YAML: the [ here is not closed before line 5, where YAML finds: did not "
        "find expected ',' or ']'. Close it with ] where it ends, or quote a value holding [.",
    ),
    (
        "unclosed-brace",
        "link: {a: 1\n",
        "4: invalid YAML: the { here is not closed before line 5, where YAML finds: did not "
        "find expected ',' or '}'. Close it with } where it ends, or quote a value holding {.",
    ),
    (
        "misindented-key-of-an-item",
        "authors:\n  - name: Ann\n    uri: https://a.org/\n  - name: Bo\n   uri: https://b.org/\n",
        "8: invalid YAML: this line is indented 3 spaces, unlike the lines beside it in its list "
        "or mapping, so YAML cannot read them. Make it indented 4 spaces, as line 6 is.",
    ),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\U0000d800", "\\ud83d\\udc99"])
@pytest.mark.parametrize(
    ("below", "error"), [p[1:] for p in UNDER_A_SURROGATE], ids=[p[0] for p in UNDER_A_SURROGATE]
)
def test_a_problem_below_a_surrogate_escape_is_told_as_without_it(
    escape: str, below: str, error: str
) -> None:
    text = f'---\ntitle: "a{escape}"\ndate: 2025-01-01\n{below}---\nBody.\n'
    assert errors(text) == [f"Error: entries/a.md:{error}"]


EMPTY_NAME = "author name is empty. Give author name a value or remove the key."
UNKNOWN_BOGUS = (
    "unknown key 'author.bogus'. Remove it; known keys: author.email, author.name, author.uri."
)
# An author's bad name (or address) and an unknown key of it: the unknown key alone was told,
# and the author who removed it met the name's error only in the next build.
EVERY_BAD_KEY = [
    (
        "toml-empty-name",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = ""\nbogus = 1\n+++\nBody.\n',
        [f"5: {EMPTY_NAME}", f"6: {UNKNOWN_BOGUS}"],
    ),
    (
        "toml-spaces-name",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = "   "\nbogus = 1\n+++\nBody.\n',
        [f"5: {EMPTY_NAME}", f"6: {UNKNOWN_BOGUS}"],
    ),
    (
        # On one line, in the order written.
        "toml-inline",
        '+++\ntitle = "A"\ndate = 2025-01-01\nauthor = { name = " ", bogus = 1 }\n+++\nBody.\n',
        [f"4: {EMPTY_NAME}", f"4: {UNKNOWN_BOGUS}"],
    ),
    (
        "yaml-unknown-key-above",
        '---\ntitle: A\ndate: 2025-01-01\nauthor:\n  bogus: 1\n  name: " "\n---\nBody.\n',
        [f"5: {UNKNOWN_BOGUS}", f"6: {EMPTY_NAME}"],
    ),
    (
        "toml-each-key",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[[authors]]\nnme = "Ann"\nemail = "x"\n'
        'uri = "nope"\n+++\nBody.\n',
        [
            "5: unknown key 'authors.nme'. Did you mean 'authors.name'? Known keys: "
            "authors.email, authors.name, authors.uri.",
            "6: 'x' in authors is not an email address. Write it like ann@example.org, or "
            "leave the email out.",
            "7: authors uri 'nope' is not an absolute http(s) URL. Write it in full, like "
            "https://example.org/nope",
        ],
    ),
    (
        # A key like no author's: the name it lacks is an error of its own.
        "toml-no-name",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nbogus = "Ann"\n+++\nBody.\n',
        ["4: an author in author has no name. Add a name to it.", f"5: {UNKNOWN_BOGUS}"],
    ),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("text", "told"), [p[1:] for p in EVERY_BAD_KEY], ids=[p[0] for p in EVERY_BAD_KEY]
)
def test_every_bad_key_of_an_author_is_told_in_one_build(text: str, told: list[str]) -> None:
    assert errors(text) == [f"Error: entries/a.md:{each}" for each in told]


@pytest.mark.usefixtures("empty")
def test_an_author_fixed_as_told_in_one_build_is_published() -> None:
    text = '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = ""\nbogus = 1\n+++\nBody.\n'
    assert len(errors(text)) == 2
    # Both fixes as told, at once: no third error waits.
    fixed = text.replace('name = ""', 'name = "Ann"').replace("bogus = 1\n", "")
    Path("entries/a.md").write_text(fixed, encoding="utf-8")
    assert build().exit_code == 0
    assert [a.name for a in feedparser.parse("feeds/atom.xml").entries[0].authors] == ["Ann"]


@pytest.mark.usefixtures("empty")
def test_a_key_below_an_array_ending_in_a_header_like_item_is_at_its_line() -> None:
    # `["x"]`, the array's last item alone on its line, was taken for a table's header: the
    # author's `mail` below it was named at the [[authors]] line.
    text = (
        '+++\ntitle = "A"\ndate = 2025-01-01\n[[authors]]\nname = "A"\nlinks = [\n  ["x"]\n]\n'
        'mail = "x"\n+++\nBody.\n'
    )
    assert errors(text)[1] == (
        "Error: entries/a.md:9: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri."
    )


def tags_read() -> list[str]:
    return [tag.term for tag in feedparser.parse("feeds/atom.xml").entries[0].tags]


@pytest.mark.usefixtures("empty")
def test_a_control_character_after_a_dash_at_a_lines_start_is_a_warning() -> None:
    # Decided (session 41): with U+0001 YAML cannot read the file at all (`-<U+0001> a` at the
    # start of a line is neither an item nor a key), so the build's reading without it, the
    # list [a], is the only one: the character is removed with the warning at its line, as
    # anywhere else, not the error of a character that makes a value text.
    Path("entries/a.md").write_bytes(b"---\ntitle: A\ndate: 2025-01-01\ntags:\n-\x01 a\n---\nB.\n")
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Warning: entries/a.md:5: removed characters that XML cannot carry (control characters)\n"
    )
    assert tags_read() == ["a"]


@pytest.mark.usefixtures("empty")
def test_a_noncharacter_before_a_toml_number_in_a_list_is_told_as_the_number() -> None:
    # Decided (session 41): as written, `[<U+FDD0>0]` is no TOML at all (TOML has no text
    # without quotes); without the character, the only reading, it is the number 0, and the
    # fix quotes what readers would get. Written as told, the character is gone with it.
    text = '+++\ntitle = "A"\ndate = 2025-01-01\ntags = [\ufdd00]\n+++\nBody.\n'
    # A failed build shows the reading's warnings too: the removed character, at its line.
    assert errors(text) == [
        "Warning: entries/a.md:4: changed characters feed readers cannot show: a C1 control "
        "character became the Windows-1252 character browsers show for it (U+0092 is \u2019), "
        "and U+007F (DELETE), noncharacters and U+FFFD were removed",
        "Error: entries/a.md:4: each of tags must be text, not a number. Put every one in "
        'quotes: ["0"]',
    ]
    Path("entries/a.md").write_text(text.replace("[\ufdd00]", '["0"]'), encoding="utf-8")
    result = build()
    assert (result.exit_code, result.stderr) == (0, "")
    assert tags_read() == ["0"]


MISINDENTED = "invalid YAML: this line is indented {0} spaces, unlike the lines beside it in its "
MISINDENTED += (
    "list or mapping, so YAML cannot read them. Make it indented {1} spaces, as line {2} is."
)


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("front", "line", "told"),
    [
        # Nothing else shows how far the file indents: by 2, as for two keys (test_entries).
        ("tags:\n    - a\n  - b\n", 5, (4, 2, 6)),
        # The file indents by 4 elsewhere: the item indented otherwise is the slip.
        ("authors:\n    - Ann\ntags:\n    - a\n  - b\n", 8, (2, 4, 7)),
    ],
    ids=["by-2", "by-4-elsewhere"],
)
def test_of_two_list_items_indented_apart_the_likelier_slip_is_named(
    front: str, line: int, told: tuple[int, int, int]
) -> None:
    text = f"---\ntitle: A\ndate: 2025-01-01\n{front}---\nBody.\n"
    assert errors(text) == [f"Error: entries/a.md:{line}: {MISINDENTED.format(*told)}"]
    # As told, the file builds with both tags.
    lines = text.split("\n")
    lines[line - 1] = " " * told[1] + lines[line - 1].lstrip(" ")
    Path("entries/a.md").write_text("\n".join(lines), encoding="utf-8")
    assert build().exit_code == 0
    assert tags_read() == ["a", "b"]


DASHED = [
    (
        "tags",
        "tags:\n  -news\n  -web dev\n",
        "4: tags must be a list, not text: YAML reads '-news -web dev' as one text, as no space "
        "follows each -. Put a space after each -, one item a line, or write it as a list: "
        "[news, web dev]",
    ),
    (
        # It was published: one author named '-Ann Lee -Bob'.
        "authors",
        "authors:\n  -Ann Lee\n  -Bob\n",
        "4: authors must be a list, not text: YAML reads '-Ann Lee -Bob' as one text, as no "
        "space follows each -. Put a space after each -, one item a line, or write it as a "
        "list: [Ann Lee, Bob]",
    ),
    (
        "author",
        "author:\n  -Ann Lee\n  -Bob\n",
        "4: author gives several authors as one: YAML reads '-Ann Lee -Bob' as one text, as no "
        "space follows each -. Write them as a list: authors: [Ann Lee, Bob]",
    ),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(("listed", "told"), [d[1:] for d in DASHED], ids=[d[0] for d in DASHED])
def test_a_yaml_list_without_a_space_after_each_dash_is_told_so(listed: str, told: str) -> None:
    # YAML reads `-news` and `-web dev` below the key as one text: the fix was the list
    # [-news -web dev], one tag.
    assert errors(f"---\ntitle: A\ndate: 2025-01-01\n{listed}---\nBody.\n") == [
        f"Error: entries/a.md:{told}"
    ]


@pytest.mark.usefixtures("empty")
def test_a_yaml_list_given_its_spaces_as_told_has_each_item() -> None:
    errors("---\ntitle: A\ndate: 2025-01-01\ntags:\n  -news\n  -web dev\n---\nBody.\n")
    fixed = "---\ntitle: A\ndate: 2025-01-01\ntags:\n  - news\n  - web dev\n---\nBody.\n"
    Path("entries/a.md").write_text(fixed, encoding="utf-8")
    assert build().exit_code == 0
    assert tags_read() == ["news", "web dev"]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("line", "told"),
    [
        # One word: a tag may begin with a -, and the fix quotes it as written.
        ("tags: -news\n", "tags must be a list, not text. Write it as a list: [-news]"),
        # In TOML, a text is in quotes as its author meant.
        (None, 'tags must be a list, not text. Write it as a list: ["-news -tech"]'),
    ],
    ids=["one-word", "toml"],
)
def test_a_dash_that_makes_no_list_is_told_as_before(line: str | None, told: str) -> None:
    text = (
        f"---\ntitle: A\ndate: 2025-01-01\n{line}---\nBody.\n"
        if line
        else '+++\ntitle = "A"\ndate = 2025-01-01\ntags = "-news -tech"\n+++\nBody.\n'
    )
    assert errors(text) == [f"Error: entries/a.md:4: {told}"]


@pytest.mark.usefixtures("empty")
def test_an_author_with_a_dash_inside_the_name_is_published() -> None:
    Path("entries/a.md").write_text("---\ntitle: A\ndate: 2025-01-01\nauthor: Ann -Lee\n---\nB.\n")
    assert build().exit_code == 0
    assert [a.name for a in feedparser.parse("feeds/atom.xml").entries[0].authors] == ["Ann -Lee"]


UNOPENED = [
    (
        "blank-line-above",
        "\n---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        "1: line 1 is blank, so the --- on line 2 does not open the front matter. Remove the "
        "blank line above it: front matter starts with --- on the first line.",
    ),
    (
        "blank-lines-above-toml",
        '\n \n\n+++\ntitle = "A"\ndate = 2025-01-01\n+++\nBody.\n',
        "1: lines 1 to 3 are blank, so the +++ on line 4 does not open the front matter. Remove "
        "the blank lines above it: front matter starts with +++ on the first line.",
    ),
    (
        "two-dashes",
        "--\ntitle: A\ndate: 2025-01-01\n--\nBody.\n",
        "1: lines 1 and 4 are '--', not ---, so they do not open and close the front matter. "
        "Make lines 1 and 4 --- alone.",
    ),
    (
        "four-dashes",
        "----\ntitle: A\ndate: 2025-01-01\n----\nBody.\n",
        "1: lines 1 and 4 are '----', not ---, so they do not open and close the front matter. "
        "Make lines 1 and 4 --- alone.",
    ),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(("text", "told"), [u[1:] for u in UNOPENED], ids=[u[0] for u in UNOPENED])
def test_front_matter_a_slip_leaves_unopened_is_told_where_it_starts(text: str, told: str) -> None:
    # It was read as a document without front matter, its keys as text: "no date found near
    # the top of the document. Add front matter with date: ...", which it had.
    assert errors(text) == [f"Error: entries/a.md:{told}"]


@pytest.mark.usefixtures("empty")
def test_a_rule_below_a_blank_line_in_a_document_without_front_matter_is_text() -> None:
    # A Markdown rule (---) below a blank line, with no key below it, opens nothing.
    text = "\n---\n\nDecember 1, 2025\n\nSome words: here.\n\n---\n\nMore.\n"
    Path("entries/a.md").write_text(text, encoding="utf-8")
    assert build().exit_code == 0
    assert feedparser.parse("feeds/atom.xml").entries[0].published.startswith("2025-12-01")


HASHED = [
    ("tags", "tags: #news\n", 'tags is empty. Put it in quotes: tags: ["#news"]', "'#news'"),
    ("title", "title: #1 fan\n", 'title is empty. Put it in quotes: title: "#1 fan"', "'#1 fan'"),
]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("line", "told", "written"), [h[1:] for h in HASHED], ids=[h[0] for h in HASHED]
)
def test_a_yaml_value_that_begins_with_a_hash_is_told_as_a_comment(
    line: str, told: str, written: str
) -> None:
    # It was "tags is empty. Give tags a value or remove the key.": it had one, which YAML
    # reads as a comment.
    text = f"---\ndate: 2025-01-01\n{line}---\nBody.\n"
    if not line.startswith("title"):
        text = text.replace("---\n", "---\ntitle: A\n", 1)
    number = text.splitlines().index(line.rstrip()) + 1
    assert errors(text) == [
        f"Error: entries/a.md:{number}: YAML reads {written}, which begins with #, as a "
        f"comment, so {told}"
    ]


@pytest.mark.usefixtures("empty")
def test_a_hashtag_quoted_as_told_is_the_tag() -> None:
    errors("---\ntitle: A\ndate: 2025-01-01\ntags: #news\n---\nBody.\n")
    fixed = '---\ntitle: A\ndate: 2025-01-01\ntags: ["#news"]\n---\nBody.\n'
    Path("entries/a.md").write_text(fixed, encoding="utf-8")
    assert build().exit_code == 0
    assert tags_read() == ["#news"]


@pytest.mark.usefixtures("empty")
def test_a_comment_meant_as_one_leaves_its_key_empty() -> None:
    # A space after the #: a comment, as a template writes it; the key has no value.
    text = "---\ntitle: A\ndate: 2025-01-01\ntags:  # none yet\n---\nBody.\n"
    assert errors(text) == [
        "Error: entries/a.md:4: tags is empty. Give tags a value or remove the key."
    ]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("written", "meant"), [("True", "true"), ("yes", "true"), ("Off", "false")]
)
def test_a_toml_draft_written_as_python_or_yaml_writes_it_is_told_how_toml_writes_it(
    written: str, meant: str
) -> None:
    # It was "invalid TOML: Invalid value. Fix the TOML syntax.".
    text = f'+++\ntitle = "A"\ndate = 2025-01-01\ndraft = {written}\n+++\nBody.\n'
    assert errors(text) == [
        f"Error: entries/a.md:4: invalid TOML: draft is {written}, which TOML does not read as "
        f"true or false. Write draft = {meant}, in lower case and without quotes."
    ]


@pytest.mark.usefixtures("empty")
@pytest.mark.parametrize(
    ("front", "line", "quote"),
    [
        ('title: "A post\ndate: 2025-01-01\n', 2, '"'),
        ("title: A\ndate: 2025-01-01\nsummary: 'It is\ntags: [a]\n", 4, "'"),
        ('title: A\ndate: 2025-01-01\ntags:\n  - "a\n  - b\n', 5, '"'),
    ],
    ids=["title", "summary-single", "list-item"],
)
def test_a_quote_never_closed_is_told_to_be_closed(front: str, line: int, quote: str) -> None:
    # It was "found unexpected end of stream while scanning a quoted scalar. Fix the YAML
    # syntax; quote values that contain ': ' or '#'.": the value was quoted, and is not closed.
    assert errors(f"---\n{front}---\nBody.\n") == [
        f"Error: entries/a.md:{line}: invalid YAML: the {quote} here is never closed, so YAML "
        f"reads the rest of the front matter as its text. Close it with {quote} where the text "
        "ends."
    ]


@pytest.mark.usefixtures("empty")
def test_a_toml_key_given_its_value_as_yaml_does_is_told_how_toml_writes_it() -> None:
    # It was "invalid TOML: Expected '=' after a key in a key/value pair. Fix the TOML syntax."
    assert errors("+++\ntitle: A post #2\ndate = 2025-01-01\n+++\nBody.\n") == [
        "Error: entries/a.md:2: invalid TOML: 'title:' is YAML's way to give a key its value, "
        'not TOML\'s. Write it as title = "A post #2"'
    ]
    Path("entries/a.md").write_text('+++\ntitle = "A post #2"\ndate = 2025-01-01\n+++\nB.\n')
    assert build().exit_code == 0
    assert feedparser.parse("feeds/atom.xml").entries[0].title == "A post #2"
