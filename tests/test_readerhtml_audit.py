"""What `check` says readers remove from raw HTML, as a hand mutation audit of readerhtml
found it untested: each warning word for word, at its line, and feedparser (the sanitizer
Python readers apply) as the judge of what a reader is given."""

from __future__ import annotations

import json

import feedparser
from lxml import etree

from tests.conftest import BASIC_CONFIG as CONFIG
from tests.test_check import (
    ATTRIBUTE_FIX,
    CODE_FIX,
    ELEMENT_FIX,
    HIDES_THE_REST,
    TEMPLATE_ELEMENT_FIX,
)
from tests.test_links_audit import Site, build, check, post, reported


def shown(title: str) -> etree._Element:
    """The HTML of the entry `title` as feedparser gives it to a reader."""
    (entry,) = [e for e in feedparser.parse("feeds/atom.xml").entries if e.title == title]
    return etree.HTML(f"<div>{entry.content[0].value}</div>")


def test_a_script_left_open_holding_a_less_than_sign_is_at_its_line(site: Site) -> None:
    # A <script> never closed runs to the end of the entry: it was reported with no line, and
    # the search for that line took seconds once the script ran to a few thousand lines.
    site(CONFIG, **{"2025/a.md": post("A", "Text.\n\n<script>\nif (a < b) go();")})
    assert reported("reader-html") == [
        (7, "feed readers remove <script> whose code holds '<'", HIDES_THE_REST)
    ]
    text = str(shown("A").xpath("string()"))
    assert "Text." in text and "go()" not in text


# Elements of HTML (HTML5's newer ones, obsolete ones browsers still read, and embeds) that
# readers remove: none is a slip of Markdown's, text to be written with \<.
LATER_HTML = (
    *("bdi", "bgsound", "data", "frame", "listing", "menuitem", "nobr", "noembed"),
    *("noframes", "picture", "rb", "rtc", "search", "slot", "template"),
    *("embed", "iframe", "mark", "marquee", "object"),
)


def test_an_element_of_html_readers_remove_is_not_called_a_slip(site: Site) -> None:
    site(CONFIG, **{f"{tag}.md": post(tag, f"A <{tag}>word</{tag}> here.") for tag in LATER_HTML})
    build()
    found = json.loads(check().stdout)
    told = {
        f["file"]: (f["line"], f["message"], f["fix"]) for f in found if f["rule"] == "reader-html"
    }
    assert told == {  # a <template>'s fix says readers show what browsers hide
        f"entries/{tag}.md": (
            5,
            f"feed readers remove <{tag}>",
            TEMPLATE_ELEMENT_FIX if tag == "template" else ELEMENT_FIX,
        )
        for tag in LATER_HTML
    }
    for tag in LATER_HTML:
        assert shown(tag).xpath(f"//{tag}") == [], tag


def test_a_valueless_attribute_of_html_in_a_paragraph_is_an_attribute(site: Site) -> None:
    # `<video muted>` among text is HTML, each attribute of it one that readers remove, not
    # words that Markdown read as a tag (`if a<b and c>d`): so is an attribute HTML has
    # (ARIA's `role`, an event handler, a form's) written without its value.
    body = (
        "A <video muted></video> clip, <video playsinline></video> inline,\n"
        "<video autoplay></video> at once, <ol reversed></ol> backwards,\n"
        "<a download>a file</a>, <span inert>still</span>, <span spellcheck>spelt</span>,\n"
        "<b role>a role</b>, <b onclick>a click</b>, <button formaction>go</button>,\n"
        "and <audio controls muted></audio> to play."
    )
    site(CONFIG, **{"2025/a.md": post("A", body)})
    told = [
        (5, "muted", "video"),
        (5, "playsinline", "video"),
        (6, "autoplay", "video"),
        (6, "reversed", "ol"),
        (7, "download", "a"),
        (7, "inert", "span"),
        (7, "spellcheck", "span"),
        (8, "formaction", "button"),
        (8, "onclick", "b"),
        (8, "role", "b"),
        (9, "muted", "audio"),
    ]
    assert reported("reader-html") == [
        (line, f"feed readers remove the {name} attribute of <{tag}>", ATTRIBUTE_FIX)
        for line, name, tag in told
    ]
    html = shown("A")
    assert [html.xpath(f"//{tag}[@{name}]") for _, name, tag in told] == [[]] * len(told)
    assert len(html.xpath("//video | //audio")) == 4


def test_a_tag_with_a_value_is_html_whatever_words_it_holds(site: Site) -> None:
    # An attribute with a value is HTML written so: a misspelt word beside it (`targer` for
    # `target`) is an attribute readers remove, not text Markdown read as a tag.
    body = 'See <a href="https://example.org/" targer>the site</a>.'
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert reported("reader-html") == [
        (5, "feed readers remove the targer attribute of <a>", ATTRIBUTE_FIX)
    ]
    assert shown("A").xpath("//a/@href") == ["https://example.org/"]
    assert shown("A").xpath("//a/@targer") == []


def test_a_style_element_named_in_a_paragraph_is_reported_with_tags_after_it(
    site: Site,
) -> None:
    # Markdown reads `<style>` in the text as a tag, and the rest of the entry is its code,
    # tags too, which readers do not show: the <b> feedparser then gives back is no element
    # that was written outside the style, and the <style> is still one that readers remove.
    site(CONFIG, **{"2025/a.md": post("A", "Put the CSS in a <style> element, or <b>inline</b>.")})
    assert reported("reader-html") == [
        (5, "feed readers remove <style>", CODE_FIX.format(tag="style"))
    ]
    text = str(shown("A").xpath("string()"))
    assert "Put the CSS in a" in text and "element" not in text


def test_a_cdata_section_is_reported_at_its_own_line_in_any_case(site: Site) -> None:
    # At the line it is written on: after tags on the line above it in its paragraph, and
    # lines down an HTML block; `<![cdata[` is one to HTML as well, whatever its case. One
    # the author wrote as a comment (`<!--[CDATA[note]]-->`) is none.
    sections = {
        "a": ("Text <b>bold</b>\nand <![CDATA[x < y]]> after.", 6, "<![CDATA[x < y]]>", "x < y"),
        "b": ("<div>\n<p>In a block</p>\n<![CDATA[hid]]>\n</div>", 7, "<![CDATA[hid]]>", "hid"),
        "c": ("Before <![cdata[low]]> after.", 5, "<![cdata[low]]>", "low"),
        "d": ("A <!--[CDATA[note]]--> and <![CDATA[gone]]>.", 5, "<![CDATA[gone]]>", "gone"),
    }
    site(CONFIG, **{f"{name}.md": post(name, body) for name, (body, *_) in sections.items()})
    build()
    found = json.loads(check().stdout)
    told = {f["file"]: (f["line"], f["message"]) for f in found if f["rule"] == "reader-html"}
    assert told == {
        f"entries/{name}.md": (
            line,
            f"HTML reads the CDATA section {written!r} as a comment, and the build publishes it"
            f" as one: no one sees {text!r}",
        )
        for name, (_, line, written, text) in sections.items()
    }
    for name, (*_, text) in sections.items():
        assert text not in str(shown(name).xpath("string()")), name


def test_css_readers_keep_is_told_as_the_w3c_service_reads_it(site: Site) -> None:
    # feedparser keeps a box property (margin, padding, border, background) with plain values;
    # the W3C service takes only those on its list, with numbers of at most one digit before
    # the point and two after it (1.25em, not 12.5px), and warns about the rest. A url() it
    # finds in the style as written, which feedparser takes out, is all it warns about in that
    # style. Properties in capitals feedparser removes.
    spans = (
        ("margin-left: 0", "border-top-width: 1px"),
        ("padding: 12.5px", "padding: 10px"),
        ("background: url(x.png)", "margin: 0 auto"),
        ("margin: 12.5px; background: #fff url(a.png)", "padding-inline: 12.5px"),
        ("Margin-Bottom: 1.25EM; border-collapse: collapse",),
    )
    body = "\n".join(
        " and ".join(f'<span style="{style}">x</span>' for style in line) for line in spans
    )
    site(CONFIG, **{"2025/a.md": post("A", body)})
    build()
    found = json.loads(check().stdout)
    told = [(f["line"], f["rule"], f["message"]) for f in found if f["rule"].endswith("-html")]
    service, removed = "the W3C Feed Validation Service warns about the", "feed readers remove the"
    span, keep = "in the style of <span>", "which readers keep"
    assert told == [
        (6, "w3c-html", f"{service} value 12.5px of the CSS property padding {span}, {keep}"),
        (7, "reader-html", f"{removed} CSS property background {span}"),
        (8, "w3c-html", f"{service} CSS property padding-inline {span}, {keep}"),
        (
            8,
            "w3c-html",
            f"{service} url() {span}, which readers take out of it: they show no picture from it",
        ),
        (9, "reader-html", f"{removed} CSS property margin-bottom {span}"),
    ]
    styles = shown("A").xpath("//span/@style")
    assert "margin-left: 0;" in styles and "border-collapse: collapse;" in styles
    assert not [style for style in styles if "url" in style or "argin-bottom" in style.lower()]
