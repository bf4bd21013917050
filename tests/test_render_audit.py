"""What readers get of an entry's Markdown where a hand mutation audit of render.py found
rendering unguarded: each test builds a publication and reads its feeds back with feedparser
(which sanitizes the HTML as a reader does) or lxml."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import feedparser
import html5lib
import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from staticfeed.cli import cli
from staticfeed.importer import import_documents
from tests.conftest import NS, invoke_build, read_xml

Site = Callable[..., Path]


def entry_with(body: str) -> str:
    return f"---\ntitle: A post\ndate: 2025-06-01\n---\n{body}"


def shown(site: Site, body: str) -> lxml.html.HtmlElement:
    """The content of the entry with `body`, as feedparser gives it from the Atom feed (what a
    reader shows), parsed as HTML inside a <div>."""
    site(**{"a.md": entry_with(body)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    parsed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = parsed.entries
    return lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")


def test_a_single_div_left_open_in_a_quote_ends_with_the_quote(site: Site) -> None:
    # HTML5 closes it at the quote's end; libxml2 put the rest of the entry in the quote.
    root = shown(site, '> <div class="note">\n> A note.\n\nAfter the quote.\n')
    (quote,) = root.iter("blockquote")
    assert " ".join(quote.text_content().split()) == "A note."
    assert " ".join(root.text_content().split()) == "A note. After the quote."


def test_a_paragraph_left_empty_by_a_figure_is_removed(site: Site) -> None:
    # "<p><figure>…</figure></p>": the figure ends the paragraph, which holds nothing then; an
    # empty <p> is a blank line in readers (and a stray </p> to HTML5 parsers).
    root = shown(site, '<p><figure><img src="https://example.net/a.png" alt="A"></figure></p>\n')
    assert [p for p in root.iter("p") if not p.text_content().strip() and not len(p)] == []


def test_text_after_a_paragraph_a_figure_ends_is_kept(site: Site) -> None:
    body = "<p>Intro <figure>A figure.</figure> end.</p>Closing words.\n"
    text = " ".join(shown(site, body).text_content().split())
    assert text.endswith("end.Closing words.") and text.startswith("Intro A figure.")


def test_list_items_in_the_summary_are_apart(site: Site) -> None:
    site(**{"a.md": entry_with("<ul><li>Bread</li><li>Milk</li></ul>\n")})
    assert invoke_build().exit_code == 0
    (entry,) = feedparser.parse(Path("feeds/atom.xml").read_bytes()).entries
    assert entry.summary == "Bread Milk"


def test_the_text_an_iframe_holds_before_its_markup_reaches_readers(site: Site) -> None:
    # Text first, then markup: the text must survive the markup being parsed out of it.
    root = shown(
        site, '<iframe src="https://example.net/v">Watch <a href="t.html">the talk</a></iframe>\n'
    )
    assert " ".join(root.text_content().split()) == "Watch the talk"


def test_text_after_a_closed_wbr_is_kept(site: Site) -> None:
    root = shown(site, "Long<wbr><b>word</b></wbr>tail here.\n")
    assert root.text_content().strip() == "Longwordtail here."


def test_references_to_the_two_noncharacters_are_removed_wherever_they_are(site: Site) -> None:
    # cmark-gfm writes &#xFFFE; and &#xFFFF; as bytes that are not UTF-8; each such reference,
    # in any spelling, is removed and the rest rendered. One left made the build fail.
    body = "A &#xFFFE; b &#xffff; c &#65535; d &#x00FFFE; e.\n"
    root = shown(site, body)
    assert " ".join(root.text_content().split()) == "A b c d e."


def test_an_unclosed_div_repeated_past_2048_levels_is_an_error(site: Site) -> None:
    # As README's own example: 2,100 <div>s never closed, fewer than 4,096 tags in all.
    site(**{"a.md": entry_with("<div>" * 2100 + "The words.\n")})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "Error: entries/a.md: the text nests HTML elements more than 2,048 levels deep, and what "
        "lies deeper would be lost. Close the elements it opens (an unclosed <div> repeated, "
        "say), or nest less."
    ]
    assert not Path("feeds").exists()


def test_a_photo_after_a_comment_is_no_entry_without_text_to_check(site: Site) -> None:
    # A body of comments alone shows nothing; one with a picture after its comment shows it.
    body = '<!-- the photo -->\n<img src="https://example.net/a.png" alt="">\n'
    site(**{"a.md": entry_with(body)})
    assert invoke_build().exit_code == 0
    result = CliRunner().invoke(cli, ["check"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    assert "[no-text]" not in result.output


def test_an_imported_heading_is_titled_by_the_words_a_reader_sees(tmp_path: Path) -> None:
    # A line break parts two words, and a script's code is no text: the title had
    # "boardmet" and "track()" in it.
    source = tmp_path / "page.md"
    source.write_text(
        "# The harbour board<br>*met* <script>track()</script>\n\n13 February 2024\n\n"
        "The board met on Monday, for the first time since the storm.\n",
        encoding="utf-8",
    )
    (entry,) = import_documents(
        [source], tmp_path / "entries", timezone=ZoneInfo("Europe/Kyiv"), dry_run=False
    )
    assert entry.title == "The harbour board met"


def test_an_xmp_reaches_readers_as_preformatted_text_shown_as_written(site: Site) -> None:
    root = shown(site, "<xmp><b>bold</b> &amp; more</xmp>\n")
    assert [pre.text_content() for pre in root.iter("pre")] == ["<b>bold</b> &amp; more"]


def test_a_keygen_gets_no_end_tag_html5_parsers_reject(site: Site) -> None:
    # libxml2 put what follows <keygen> inside it and wrote </keygen>, an end tag HTML5
    # parsers reject (the W3C Feed Validation Service warns: NotHtml).
    site(**{"a.md": entry_with('Key <keygen name="k">after it.\n')})
    assert invoke_build().exit_code == 0
    content = read_xml(Path("feeds/atom.xml")).findtext("a:entry/a:content", namespaces=NS)
    assert content is not None and "</keygen>" not in content and "after it." in content


def published_html(site: Site, body: str) -> lxml.html.HtmlElement:
    """The content of the entry with `body` as the Atom feed carries it, comments and all
    (feedparser's sanitizer drops comments), parsed as HTML inside a <div>."""
    site(**{"a.md": entry_with(body)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    content = read_xml(Path("feeds/atom.xml")).findtext("a:entry/a:content", namespaces=NS)
    assert content is not None
    return lxml.html.fragment_fromstring(content, create_parent="div")


def test_a_br_end_tag_in_a_comment_stays_as_written(site: Site) -> None:
    # The </br> in the text is read as <br>, and the one in the comment is the author's
    # note: it stays </br>, its ">" written "&gt;" as README says of any ">" in a comment.
    root = published_html(site, "Line one</br>Line two\n\n<!-- a </br> b -->\n")
    assert [node.text for node in root.iter(etree.Comment)] == [" a </br&gt; b "]
    (paragraph,) = root.iter("p")
    assert [paragraph.text, *(br.tail for br in paragraph.iter("br"))] == ["Line one", "Line two"]


@pytest.mark.parametrize("comment", ["<!-- a --!>", "<!-->", "<!--->"])
def test_a_br_end_tag_after_a_comment_html5_has_ended_breaks_the_line(
    site: Site, comment: str
) -> None:
    # HTML5 ends a comment at "--!>", and "<!-->" and "<!--->" are empty comments (html5lib
    # reads all three so): the </br> after one is text's, read as <br>. It was taken for part
    # of a comment running to the next "-->", kept as written, then dropped by libxml2, and
    # readers showed "Line oneLine two".
    root = published_html(site, f"{comment}Line one</br>Line two\n\n<!-- b -->\n")
    (br,) = root.iter("br")
    assert (br.tail or "").strip() == "Line two"
    assert [node.text for node in root.iter(etree.Comment)][-1] == " b "


# Elements a browser shows on lines of their own, the text around them on others.
_SHOWN_APART = frozenset(("p", "div", "figure", "figcaption", "blockquote", "ul", "li", "br"))


def lines_shown(html: str) -> list[str]:
    """The lines a browser shows of `html`, as html5lib (HTML5's parser) reads it."""
    pieces: list[str] = []

    def walk(element: ElementTree.Element) -> None:
        if not isinstance(element.tag, str):
            return  # a comment
        apart = element.tag in _SHOWN_APART
        pieces.append("\n" if apart else "")
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        pieces.append("\n" if apart else "")

    walk(html5lib.parseFragment(html, namespaceHTMLElements=False))
    return [line for line in ("".join(pieces)).split("\n") if line.strip()]


@pytest.mark.parametrize(
    "body",
    [
        "<p>Intro <figure>A figure.</figure> the end.</p>Closing words.\n",
        "<p>Intro <figure>A figure.</figure> the <b>end.</b></p>Closing words.\n",
    ],
)
def test_text_after_a_paragraph_a_figure_ends_is_on_a_line_of_its_own(
    site: Site, body: str
) -> None:
    # HTML5 ends the <p> at the <figure>, so the </p> after "the end." is stray, and
    # browsers read it as an empty paragraph: "Closing words." is on a line of its own.
    # Readers showed "the end.Closing words.".
    site(**{"a.md": entry_with(body)})
    assert invoke_build().exit_code == 0
    content = read_xml(Path("feeds/atom.xml")).findtext("a:entry/a:content", namespaces=NS)
    assert content is not None
    assert lines_shown(body) == ["Intro ", "A figure.", " the end.", "Closing words."]
    assert [line.strip() for line in lines_shown(content)] == [
        "Intro", "A figure.", "the end.", "Closing words."
    ]  # fmt: skip


def test_a_heading_keeps_the_marks_of_its_letters_in_its_id(site: Site) -> None:
    # github-slugger keeps marks (Unicode's M categories) as it keeps letters: Hindi's vowel
    # signs and virama are marks, and "[jump](#हिन्दी-में)" leads to the heading on GitHub.
    root = published_html(site, "## हिन्दी में\n\nText.\n")
    assert [heading.get("id") for heading in root.iter("h2")] == ["हिन्दी-में"]


def test_a_footnote_back_link_keeps_its_label_as_a_title_and_the_notes_are_a_div(
    site: Site,
) -> None:
    # cmark-gfm labels the back link with aria-label, which feedparser removes; a title says
    # the same to readers. The W3C Feed Validation Service's elements are older than <section>.
    body = "A claim[^1].\n\n[^1]: The source.\n"
    backs = [a for a in shown(site, body).iter("a") if a.text == "\u21a9"]
    assert [a.get("title") for a in backs] == ["Back to reference 1"]
    root = published_html(site, body)
    assert [element.tag for element in root.iter("section")] == []
    assert [div.get("class") for div in root.iter("div")][1:] == ["footnotes"]


def test_a_div_left_open_in_a_quote_in_a_box_leaves_the_rest_of_the_box_in_it(
    site: Site,
) -> None:
    # HTML5 closes the <div> left open at the quote's end, and that alone: the </div> below
    # "Inside the box." is the box's. The <span> open in it is no <div> to close.
    body = '<div class="box">\n\n> <div><span>A note\n\nInside the box.\n\n</div>\n\nAfter.\n'
    root = published_html(site, body)
    (box,) = root.find_class("box")
    assert " ".join(box.text_content().split()) == "A note Inside the box."
    assert " ".join(root.text_content().split()) == "A note Inside the box. After."


def test_a_summary_element_in_a_line_of_text_ends_its_paragraph(site: Site) -> None:
    # HTML5 ends an open <p> at <summary>, as at <details>: "See" is the paragraph, which is
    # the entry's summary, and the </p> after "here." would be a stray end tag.
    root = published_html(site, "See <summary>the gist</summary> here.\n")
    html5lib.HTMLParser(strict=True).parseFragment(lxml.html.tostring(root, encoding="unicode"))
    assert [p.text_content() for p in root.iter("p")] == ["See "]
    (entry,) = feedparser.parse(Path("feeds/atom.xml").read_bytes()).entries
    assert entry.summary == "See"


def test_a_br_end_tag_in_an_attribute_or_a_textarea_stays_as_written(site: Site) -> None:
    # HTML5 reads an attribute's value and a <textarea>'s text as text: the tooltip shows
    # "one</br>two". Only the </br> in the line of text is a line break.
    body = (
        'Made by <abbr title="one</br>two">x</abbr>, line one</br>line two\n\n'
        "<textarea>a</br>b</textarea>\n"
    )
    root = published_html(site, body)
    assert [abbr.get("title") for abbr in root.iter("abbr")] == ["one</br>two"]
    assert [area.text for area in root.iter("textarea")] == ["a</br>b"]
    assert [br.tail for br in root.iter("br")] == ["line two"]


def test_an_end_tag_whose_name_starts_with_br_is_no_line_break(site: Site) -> None:
    # "</brand>" ends the author's own <brand> element; HTML5 reads only </br> as <br>.
    root = published_html(site, "Made by <brand>Acme</brand> today, line one</br>line two\n")
    assert [br.tail for br in root.iter("br")] == ["line two"]
    assert [brand.text_content() for brand in root.iter("brand")] == ["Acme"]


def test_a_list_item_does_not_end_while_a_list_the_author_opened_in_it_is_open(
    site: Site,
) -> None:
    # HTML5 ignores </li> while a <ul> opened inside the item is open (the item is out of
    # "list item scope"), so nothing closes the <div> either: all below stays in it, as
    # browsers show it.
    root = published_html(site, "- <div><ul>Text\n- Second\n\nAfter.\n")
    (div,) = root.findall(".//div")
    assert " ".join(div.text_content().split()) == "Text Second After."


def test_a_paragraph_around_svg_holding_an_element_named_as_an_html_block_stays(
    site: Site,
) -> None:
    # In <svg> a <section> is SVG's (HTML5 reads no HTML there), and ends no paragraph: the
    # first paragraph, the entry's summary, is the one with the chart.
    body = "A chart: <svg><g><section>x</section></g></svg> of sales.\n\nMore.\n"
    site(**{"a.md": entry_with(body)})
    assert invoke_build().exit_code == 0
    (entry,) = feedparser.parse(Path("feeds/atom.xml").read_bytes()).entries
    assert entry.summary == "A chart: x of sales."


def test_an_image_of_a_srcset_with_a_density_of_0_reaches_readers(site: Site) -> None:
    # HTML's srcset parsing refuses a density below 0 alone ("0x" is a density it reads), so
    # the image is one browsers choose from; readers, which remove srcset, get it as the src.
    root = shown(site, '<img srcset="https://example.net/a.png 0x" alt="A">\n')
    assert [img.get("src") for img in root.iter("img")] == ["https://example.net/a.png"]


def test_a_br_end_tag_in_an_xmp_stays_as_written(site: Site) -> None:
    # <xmp> shows its text as written (README): "a</br>b", not "a<br>b".
    root = shown(site, "<xmp>a</br>b</xmp>\n")
    assert [pre.text_content().strip() for pre in root.iter("pre")] == ["a</br>b"]


def test_a_br_end_tag_after_a_plaintext_start_tag_stays_as_written(site: Site) -> None:
    # All after <plaintext> is text shown as written, the rest of the entry: "a</br>b". The
    # </br> above it is a line break.
    root = shown(site, "Line one</br>Line two\n\n<plaintext>\na</br>b\n")
    assert [pre.text_content().strip() for pre in root.iter("pre")] == ["a</br>b"]
    assert [br.tail for br in root.iter("br")] == ["Line two"]


def test_a_br_end_tag_in_an_svg_cdata_section_stays_its_text(site: Site) -> None:
    # In <svg> a CDATA section is text up to "]]>", as html5lib reads it: the chart's label
    # shows "a</br>b". A </br> in the line around it made the section a comment no one saw.
    body = "Line one</br>Line two <svg><text><![CDATA[a</br>b]]></text></svg>\n"
    root = published_html(site, body)
    assert [text.text for text in root.iter("text")] == ["a</br>b"]
    assert [br.tail for br in root.iter("br")] == ["Line two "]


def test_a_br_end_tag_after_a_comment_never_ended_stays_as_written(site: Site) -> None:
    # HTML5 makes all after an unclosed "<!--" a comment (html5lib reads it so): its </br> is
    # the author's note, kept as any comment is, its ">" written "&gt;". It was made "<br".
    body = "Line one</br>Line two\n\n<!-- a </br> b\n\nStill the comment.\n"
    root = published_html(site, body)
    parsed = html5lib.parseFragment(body, namespaceHTMLElements=False)
    assert [node.text for node in parsed.iter(ElementTree.Comment)] == [
        " a </br> b\n\nStill the comment.\n"
    ]
    assert [node.text for node in root.iter(etree.Comment)] == [
        " a </br&gt; b\n\nStill the comment.\n"
    ]
    content = lxml.html.tostring(root, encoding="unicode")
    assert [line.strip() for line in lines_shown(content)] == ["Line one", "Line two"]


def test_a_br_end_tag_in_a_textarea_never_closed_stays_its_text(site: Site) -> None:
    # HTML5 reads all after an unclosed <textarea> as its text, the </p> Markdown ends the
    # paragraph with too (html5lib reads it so): the box shows "a</br>b". The </br> before it
    # is a line break. The one in the box was made "<br>".
    root = shown(site, "Line one</br>Line two <textarea>a</br>b\n")
    assert [area.text for area in root.iter("textarea")] == ["a</br>b</p>\n"]
    assert [br.tail for br in root.iter("br")] == ["Line two "]


@pytest.mark.parametrize("end", ["</textarea x>", "</textarea/>", "</textarea\n>"])
def test_a_textarea_ends_at_an_end_tag_with_more_before_its_bracket(site: Site, end: str) -> None:
    # HTML5 ends a <textarea> at "</textarea" and a space, "/" or ">" (html5lib, libxml2): the
    # </br> after it is a line break.
    root = shown(site, f"<div>Line one</br>two <textarea>a</br>b{end}c</br>d</div>\n")
    assert [area.text for area in root.iter("textarea")] == ["a</br>b"]
    assert [br.tail for br in root.iter("br")] == ["two ", "d"]


def test_a_br_end_tag_before_thousands_of_unclosed_textareas_breaks_the_line(site: Site) -> None:
    # Each <textarea> without its end tag was searched to the end of the text for one: five
    # thousand of them took four seconds. HTML5 reads all after the first as its text.
    root = shown(site, "Line one</br>Line two <textarea>" + "<textarea>" * 5000 + "\n")
    assert [area.text for area in root.iter("textarea")] == ["<textarea>" * 5000 + "</p>\n"]
    assert [br.tail for br in root.iter("br")] == ["Line two "]


@pytest.mark.parametrize(
    "body",
    [
        "<div>A chart: <svg><text><![CDATA[a < b</text></svg> of sales.</div>\n",
        "<div>Line one</br>two <svg><text><![CDATA[a</br>b</text></svg></div>\n",
    ],
)
def test_a_cdata_section_never_ended_in_svg_holds_all_after_it_as_text(
    site: Site, body: str
) -> None:
    # HTML5 reads all after a "<![CDATA[" with no "]]>" in <svg> as its text, end tags and
    # all; browsers show it in the chart. libxml2 read a comment up to the first ">", which
    # no one saw. The </br> before the <svg> is a line break.
    expected = html5lib.parseFragment(body, namespaceHTMLElements=False)
    root = published_html(site, body)
    assert [text.text for text in root.iter("text")] == [
        text.text for text in expected.iter("{http://www.w3.org/2000/svg}text")
    ]
    assert [br.tail for br in root.iter("br")] == [br.tail for br in expected.iter("br")]


def test_a_br_end_tag_after_a_cdata_section_outside_svg_breaks_the_line(site: Site) -> None:
    # Outside SVG and MathML HTML5 reads "<![CDATA[" as a comment to its first ">", "]]>" or
    # not (html5lib reads it so): the second </br> is a line break, and browsers show "y"
    # and "z]]>" on lines of their own. Kept to the "]]>", it was dropped: "yz]]>".
    body = "<div>x<![CDATA[a</br>y</br>z]]></div>\n"
    expected = html5lib.parseFragment(body, namespaceHTMLElements=False)
    assert [br.tail for br in expected.iter("br")] == ["z]]>"]
    content = lxml.html.tostring(published_html(site, body), encoding="unicode")
    assert [line.strip() for line in lines_shown(content)] == ["xy", "z]]>"]


def test_a_br_end_tag_before_thousands_of_unended_svg_cdata_sections_breaks_the_line(
    site: Site,
) -> None:
    # Each "<![CDATA[" with no "]]>" was searched to the end of the text for one: five
    # thousand took three seconds. HTML5 reads all after the first in <svg> as its text.
    body = "<div>x</br><svg><text>" + "<![CDATA[a>" * 5000 + "</text></svg></div>\n"
    expected = html5lib.parseFragment(body, namespaceHTMLElements=False)
    root = published_html(site, body)
    assert [text.text for text in root.iter("text")] == [
        text.text for text in expected.iter("{http://www.w3.org/2000/svg}text")
    ]
    assert [br.tail for br in root.iter("br")] == [None]


@pytest.mark.parametrize("end", ["</br", "</p"])
def test_a_br_end_tag_before_thousands_of_unended_end_tags_breaks_the_line(
    site: Site, end: str
) -> None:
    # Each end tag with no ">" after it was searched to the end of the text for one. HTML5
    # drops an end tag the text ends in, with all after its name (html5lib reads it so).
    body = "<div>x</br>y" + f"{end} " * 5000
    assert lines_shown(body) == ["x", "y"]
    content = lxml.html.tostring(published_html(site, body), encoding="unicode")
    assert lines_shown(content) == ["x", "y"]


@pytest.mark.parametrize(
    ("body", "breaks"),
    [
        ("<div>Some end</p>Tail</div>\n", ["Tail"]),
        ("<div>Some <b>end</b></p>Tail</div>\n", ["Tail"]),
        ("<div>Some end<!-- a note --></p>Tail</div>\n", ["Tail"]),
        # Text after a block, a comment between: the text is inline, and the break is needed.
        ("<div><div>A block</div><!-- a note -->Some end</p>Tail</div>\n", ["Tail"]),
        # After a block, or first in one, the text is on a line of its own already: a <br>
        # there would be a blank line.
        ("<div><div>Some end</div></p>Tail</div>\n", []),
        ("<div></p>Tail</div>\n", []),
    ],
)
def test_text_after_a_stray_paragraph_end_is_on_a_line_of_its_own(
    site: Site, body: str, breaks: list[str]
) -> None:
    # HTML5 reads a </p> with no paragraph open as an empty paragraph (html5lib reads it so):
    # browsers show "Tail" on a line of its own. libxml2 dropped it: readers showed
    # "Some endTail". As after the </p> of a paragraph a <figure> ended, a <br>.
    content = lxml.html.tostring(published_html(site, body), encoding="unicode")
    assert [line.strip() for line in lines_shown(content)] == [
        line.strip() for line in lines_shown(body)
    ]
    root = lxml.html.fragment_fromstring(content, create_parent="div")
    assert [br.tail for br in root.iter("br")] == breaks
    assert [p for p in root.iter("p") if not p.text_content().strip()] == []


def html5_read(body: str) -> ElementTree.Element:
    """`body` as HTML5 reads it (html5lib, as browsers do), in a fragment of its own."""
    return html5lib.parseFragment(body, namespaceHTMLElements=False)


def test_a_self_closed_script_holds_the_code_after_it_as_browsers_read_it(site: Site) -> None:
    # HTML5 ignores the "/" of a script's start tag: "count();" is its code, which browsers
    # run and readers remove. libxml2 closed the script at once, and readers showed the code.
    body = 'Before <script src="https://example.net/count.js"/>count();</script> after.\n'
    assert [script.text for script in html5_read(body).iter("script")] == ["count();"]
    assert [script.text for script in published_html(site, body).iter("script")] == ["count();"]
    assert " ".join(shown(site, body).text_content().split()) == "Before after."


def test_a_self_closed_b_makes_the_words_after_it_bold_as_browsers_show_them(site: Site) -> None:
    body = "Some <b/>bold words.\n"
    assert [(b.text or "").strip() for b in html5_read(body).iter("b")] == ["bold words."]
    root = published_html(site, body)
    assert [b.text_content().strip() for b in root.iter("b")] == ["bold words."]


def test_a_self_closed_textarea_shows_the_text_after_it_as_written(site: Site) -> None:
    # HTML5 reads what follows <textarea/> as its text, up to </textarea>: the <b/> in it is
    # text too, shown as written. libxml2 made the box empty and the text bold.
    body = '<textarea name="t"/>Dear <b/> editor</textarea> After.\n'
    assert [box.text for box in html5_read(body).iter("textarea")] == ["Dear <b/> editor"]
    root = published_html(site, body)
    assert [box.text for box in root.iter("textarea")] == ["Dear <b/> editor"]
    assert [b for b in root.iter("b")] == []
    assert " ".join(root.text_content().split()) == "Dear <b/> editor After."


def test_a_self_closed_div_holds_the_text_up_to_its_end_tag(site: Site) -> None:
    body = '<div class="note"/>A note.</div>\n\nAfter.\n'
    assert [div.text for div in html5_read(body).iter("div")] == ["A note."]
    root = published_html(site, body)
    assert [note.text_content() for note in root.find_class("note")] == ["A note."]
    assert " ".join(root.text_content().split()) == "A note. After."


def test_svg_and_mathml_elements_end_at_their_self_closing_tags(site: Site) -> None:
    # In SVG and MathML "/>" ends the element, as in XML: the circle holds no text, the
    # <title/> of the drawing none either, and the <i/> after the drawing, HTML's, holds
    # "slanted" (html5lib reads all three so).
    body = (
        '<p>A dot <svg width="9" height="9"><title/><circle r="4"/><text>dot</text></svg>, '
        "<math><mi>x</mi><mspace/><mi>y</mi></math> and <i/>slanted</p>\n"
    )
    svg = "{http://www.w3.org/2000/svg}"
    expected = html5_read(body)
    assert [len(circle) for circle in expected.iter(f"{svg}circle")] == [0]
    assert [(i.text or "").strip() for i in expected.iter("i")][:1] == ["slanted"]
    root = published_html(site, body)
    assert [(circle.text, len(circle)) for circle in root.iter("circle")] == [(None, 0)]
    assert [(title.text, len(title)) for title in root.iter("title")] == [(None, 0)]
    assert [text.text for text in root.iter("text")] == ["dot"]
    assert [(space.text, len(space)) for space in root.iter("mspace")] == [(None, 0)]
    assert [i.text for i in root.iter("i")] == ["slanted"]


def test_the_text_after_a_self_closed_table_is_no_part_of_it(site: Site) -> None:
    # HTML5 opens the table, but shows the text after it before it, the table empty
    # (html5lib reads it so): published in the table, the text was a table's to XML readers.
    body = '<table border="1"/>Text after.\n'
    assert [(table.text, len(table)) for table in html5_read(body).iter("table")] == [(None, 0)]
    root = published_html(site, body)
    assert [table.text_content() for table in root.iter("table")] == [""]
    assert " ".join(root.text_content().split()) == "Text after."


def test_a_self_closed_html_element_that_ends_an_svg_holds_what_follows_it(site: Site) -> None:
    # A <b> ends the SVG in HTML5, which reads it as HTML, its "/" ignored: the words after
    # it are bold (html5lib reads them so). libxml2 kept it in the SVG, where "/>" closes.
    body = 'A dot <svg width="9" height="9"><circle r="4"/><b/>and bold words</svg>\n'
    assert [(b.text or "").strip() for b in html5_read(body).iter("b")] == ["and bold words"]
    root = published_html(site, body)
    assert [b.text_content() for b in root.iter("b")] == ["and bold words"]
    assert [len(circle) for circle in root.iter("circle")] == [0]


@pytest.mark.parametrize(
    "never_closed",
    [
        # Each quoted attribute tripled the work of telling where the tags end: forty never
        # finished. A name running into "<" made it quadratic (20,000: 4 s).
        "<span" + '  title=  "x"' * 40,
        "<aa" * 200_000 + " x",
    ],
    ids=["quoted-attributes", "names-running-into-<"],
)
def test_a_tag_never_closed_after_a_self_closed_one_is_dropped_as_html5_drops_it(
    site: Site, never_closed: str
) -> None:
    # HTML5 drops a tag the text ends in: only "bold" is shown, bold (html5lib reads it so).
    body = f"<div>Some <b/>bold {never_closed}\n"
    assert [(b.text or "").strip() for b in html5_read(body).iter("b")] == ["bold"]
    folder = site(**{"a.md": entry_with(body)})
    # In a process of its own, so that a build that never ends fails the test, not hangs it.
    done = subprocess.run(
        [sys.executable, "-m", "staticfeed", "build", "-q"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    content = read_xml(Path("feeds/atom.xml")).findtext("a:entry/a:content", namespaces=NS)
    root = lxml.html.fragment_fromstring(content or "", create_parent="div")
    assert [b.text_content() for b in root.iter("b")] == ["bold "]
    assert " ".join(root.text_content().split()) == "Some bold"


def _local(tag: object) -> str:
    """An element's name without the namespace html5lib gives SVG's and MathML's."""
    return str(tag).rpartition("}")[2].lower()


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # "--!>" ends a comment in HTML5: the <b/> after it is markup, its "/" ignored.
        ("<!-- a note --!> Some <b/>bold words.\n", "b"),
        # A tag's name in capitals is the same element.
        ("Some <B/>bold words.\n", "b"),
        # A space before the "/>".
        ("Some <b />bold words.\n", "b"),
        # A "<b/>" in a script's code or a box's text is that text, and the <i/> after it
        # still holds the words that follow it.
        ('<script>var a = "<b/>";</script> Some <i/>slanted words.\n', "i"),
        ('<SCRIPT>var a = "<b/>";</SCRIPT> Some <i/>slanted words.\n', "i"),
        ("<textarea>Dear <b/> editor</textarea> Some <i/>slanted words.\n", "i"),
        # A script's end tag with a space before its ">" ends its code all the same.
        ("<script>var a;</script >Some <b/>bold words.\n", "b"),
        # Two self-closed tags in a row: both open.
        ("Some <b/><i/>bold slanted words.\n", "i"),
        # Outside SVG a CDATA section ends at its first ">", as a comment.
        ("Some <![CDATA[ a > <b/>bold words ]]>\n", "b"),
        # In MathML "/>" ends the element, as in SVG.
        ("<p>A <math><mrow/><mi>x</mi></math> b</p>\n", "mrow"),
        # In an SVG <foreignObject> HTML is read again: the "/" of an <a/> is ignored.
        ('<svg><foreignObject><a href="https://example.net/"/>A link</foreignObject></svg>\n', "a"),
        # A <font> with a size ends the SVG, and holds what follows; one without is SVG's.
        ('<svg><font size="2"/>Small words</svg>\n', "font"),
        ("<svg><font/>Words</svg>\n", "font"),
        ("<svg><span/>Words</svg>\n", "span"),
        # An <svg/> holds none of the words after it, which browsers show.
        ('A dot <svg width="9" height="9"/> and words.\n', "svg"),
        # After a <b/> has ended the SVG, a link's tag is HTML's, and holds what follows.
        ('<svg width="9" height="9"><b/>Bold <a href="https://example.net/"/>link</svg>\n', "a"),
    ],
    ids=[
        "after-comment-ended-by-bang",
        "capitals",
        "space-before-slash",
        "after-script-text",
        "after-capital-script-text",
        "after-textarea-text",
        "after-script-end-tag-with-space",
        "two-in-a-row",
        "after-cdata-section-outside-svg",
        "mathml",
        "svg-foreignobject",
        "font-ending-svg",
        "svg-font",
        "span-ending-svg",
        "svg",
        "link-after-svg-ended",
    ],
)
def test_a_self_closed_element_holds_the_text_html5_gives_it(
    site: Site, body: str, name: str
) -> None:
    # Browsers show what html5lib reads; readers got an element closed at once, or open.
    expected = [
        " ".join("".join(element.itertext()).split())
        for element in html5_read(body).iter()
        if _local(element.tag) == name
    ]
    root = published_html(site, body)
    assert [" ".join(element.text_content().split()) for element in root.iter(name)] == expected


def test_a_link_whose_unquoted_url_ends_in_a_slash_keeps_it(site: Site) -> None:
    # `<a href=docs/>` is a link to `docs/`, no self-closing tag: HTML5 reads the "/" as the
    # URL's (html5lib reads it so), and the folder's page is where it leads.
    body = "See <a href=docs/>the docs</a> today.\n"
    assert [a.get("href") for a in html5_read(body).iter("a")] == ["docs/"]
    root = shown(site, body)
    assert [a.get("href") for a in root.iter("a")] == ["https://example.org/blog/docs/"]
    assert [a.text_content() for a in root.iter("a")] == ["the docs"]


def test_a_stray_paragraph_end_in_an_svg_leaves_the_text_in_the_drawing(site: Site) -> None:
    # A <br> is no line break in SVG: browsers read one there as HTML's, which ends the
    # drawing, and would show "Tail" below it. HTML5 keeps "Tail" in the drawing's text.
    body = '<div><svg width="90" height="20"><text>Some end</p>Tail</text></svg></div>\n'

    def drawn(html: str) -> list[str]:
        return ["".join(t.itertext()) for t in html5_read(html).iter() if _local(t.tag) == "text"]

    assert drawn(body) == ["Some endTail"]
    content = lxml.html.tostring(published_html(site, body), encoding="unicode")
    assert drawn(content) == ["Some endTail"]


def atom_content(site: Site, body: str) -> str:
    """The content of the entry with `body`, as the Atom feed carries it."""
    site(**{"a.md": entry_with(body)})
    assert invoke_build().exit_code == 0
    content = read_xml(Path("feeds/atom.xml")).findtext("a:entry/a:content", namespaces=NS)
    assert content is not None
    return content


def texts(root: ElementTree.Element, tag: str) -> list[str]:
    """The text of each `tag` element under `root`, as html5lib (HTML5's parser) reads it."""
    return ["".join(element.itertext()) for element in root.iter(tag)]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<xmp>&amp; <b>x</b></xmp>\n", "&amp; <b>x</b>"),
        ("<plaintext>foo\n", "foo"),
        ("  <xmp>a</xmp>\n\nNext.\n", "a"),
        ("> <xmp>quoted</xmp>\n", "quoted"),
    ],
    ids=["xmp", "plaintext", "xmp-then-paragraph", "xmp-in-quote"],
)
def test_an_xmp_or_plaintext_alone_in_its_paragraph_leaves_no_paragraph(
    site: Site, body: str, text: str
) -> None:
    # `<xmp>` alone was published as "<p></p><pre>…</pre>", a blank line above the text, and
    # `<plaintext>` as "<p><pre>…</pre></p>", which HTML5 parsers read as two empty paragraphs
    # around the <pre> (the </p> stray). Read as a reader's HTML5 parser reads the content.
    content = atom_content(site, body)
    read = html5lib.parseFragment(content, namespaceHTMLElements=False)
    # (All after <plaintext> is its text, the </p> Markdown wrote after "foo" too.)
    assert [pre.strip().removesuffix("</p>").rstrip() for pre in texts(read, "pre")] == [text]
    assert [p for p in texts(read, "p") if not p.strip()] == []
    root = lxml.html.fragment_fromstring(content, create_parent="div")
    assert [pre for pre in root.iter("pre") if next(pre.iterancestors("p"), None) is not None] == []


def test_text_before_an_xmp_in_its_paragraph_stays_in_the_paragraph(site: Site) -> None:
    read = html5lib.parseFragment(
        atom_content(site, "Intro <xmp>a</xmp>\n"), namespaceHTMLElements=False
    )
    assert texts(read, "p") == ["Intro "]
    assert texts(read, "pre") == ["a"]
