"""Markup nested past the cap is flattened before it is parsed; every other page is left alone.

Lexbor's tree builder takes time growing with the square of the nesting and libxml2 drops what
lies past 256 levels: the flattened tree must stay within the cap, keep all the text with each
block's text on a line of its own, and ordinary markup (the labelled pages among it) must reach
the parser as it was.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from convert.text import clean_text, html, html_lexbor, html_rules
from convert.text.depth import (
    _LINE_BREAKING,
    CAP,
    REOPENED_KINDS,
    REOPENING_TAGS,
    TAGS_MIN,
    _reopens_many,
    _scan,
    _script_end,
    _tag_end,
    flattened,
)
from convert.text.open_elements import ACTIVE_MAX

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "text-eval" / "cases"
CASES = sorted(EVAL.iterdir()) if EVAL.is_dir() else []
LEVELS = TAGS_MIN + 5_000  # past the count that has a page scanned at all


def _depth(tree: LexborHTMLParser) -> int:
    """How many elements deep the tree goes (html counts one)."""
    deepest = 0
    stack = [(node, 1) for node in ([tree.root] if tree.root is not None else [])]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.iter(include_text=False))
    return deepest


def _words(count: int) -> list[str]:
    return [f"w{i}" for i in range(count)]


DEEP = {
    "divs": lambda words: "".join(f"<div>{w}" for w in words),
    "lists": lambda words: "".join(f"<ul><li>{w}" for w in words),
    "quotes": lambda words: "".join(f"<blockquote><p>{w}" for w in words),
    "sections": lambda words: "".join(f"<section><h2>{w}</h2>" for w in words),
    "spans": lambda words: "".join(f"<span>{w} " for w in words),
    # A formatting element left open across a table stays open: each opens one level more.
    "fonts": lambda words: "".join(
        f"<font><table><tr><td>{w}</font></td></tr></table>" for w in words
    ),
    "mixed": lambda words: "".join(
        ("<div>", "<ul><li>", "<b>", "<table><tr><td>", "<blockquote><p>", "<dl><dd>")[i % 6] + w
        for i, w in enumerate(words)
    ),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_markup_is_flattened_to_the_cap_and_keeps_all_its_text(kind: str) -> None:
    words = _words(LEVELS)
    page = f"<html><body>{DEEP[kind](words)}<p>the end</p></body></html>"
    flat = flattened(page)
    assert flat is not page
    assert _depth(html_lexbor.parse(page)) <= CAP + 2  # html and body's parent, the document
    _, lines, _, _ = html_lexbor.page_lines(page, title=False)
    # In order, each once (an inline element's text runs on into what follows it).
    assert re.findall(r"w\d+|the end", " ".join(lines)) == [*words, "the end"]


@pytest.mark.parametrize("kind", ["divs", "lists", "quotes"])
def test_each_block_past_the_cap_still_starts_a_line_of_its_own(kind: str) -> None:
    words = _words(LEVELS)
    _, lines, _, _ = html_lexbor.page_lines(f"<body>{DEEP[kind](words)}", title=False)
    assert [line for line in lines if line] == words


def test_the_lxml_reader_keeps_what_lies_past_libxml2s_depth() -> None:
    # libxml2 stops at 256 levels and dropped the rest of the page, the last paragraph too.
    words = _words(LEVELS)
    page = f"<html><body>{DEEP['divs'](words)}<p>the end</p></body></html>"
    _, lines, _, _ = html.page_lines(page, title=False)
    assert [line for line in lines if line] == [*words, "the end"]


def test_bytes_and_text_are_flattened_alike() -> None:
    page = f"<body>{DEEP['mixed'](_words(LEVELS))}<p>é ✓</p>"
    assert flattened(page.encode()) == flattened(page).encode()


def test_the_end_tags_of_what_was_taken_out_are_taken_out_too() -> None:
    # Left in, the closing tags of the elements never opened would close the page's own
    # containers early: the last paragraph would no longer be main's.
    nested = "".join(f"<div>{w}" for w in _words(LEVELS)) + "</div>" * LEVELS
    page = f"<body><main><div id=top>{nested}</div><p>after</p></main><p>outside</p>"
    tree = html_lexbor.parse(page)
    assert _depth(tree) <= CAP + 2
    kept = tree.css_first("main > p")
    assert kept is not None and kept.text() == "after"
    outside = tree.css_first("body > p")
    assert outside is not None and outside.text() == "outside"


def test_a_page_cleans_whole_with_a_deep_stretch_in_it() -> None:
    first = "The council voted on Tuesday to close the old bridge for repairs next year. " * 2
    last = "Work on the new crossing will start once the old bridge has been closed for good. " * 2
    page = (
        f"<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1><p>{first}</p>"
        f"{DEEP['lists'](_words(LEVELS))}<p>{last}</p></article></body></html>"
    )
    cleaned = clean_text(page, kind="html", extractor="builtin")
    assert first.strip() in cleaned and last.strip() in cleaned


def test_formatting_elements_reopened_after_every_block_are_bounded() -> None:
    # Each paragraph reopens every bold element left open before it, each with attributes of
    # its own: the tree grew with the square of the page.
    count = TAGS_MIN // 2  # three "<" each: past the count that has a page scanned
    page = "".join(f"<p><b id=b{i}>w{i}</p>" for i in range(count))
    tree = html_lexbor.parse(page)
    assert len(tree.css("b")) <= count * (ACTIVE_MAX + 1)
    assert _depth(tree) <= ACTIVE_MAX + 5
    _, lines, _, _ = html_lexbor.page_lines(page, title=False)
    assert [line for line in lines if line] == [f"w{i}" for i in range(count)]


# Fewer "<" than the count that has a page scanned for depth, more than the one that has it
# looked at for reopened formatting elements: two "<" a paragraph.
REOPENINGS = (REOPENING_TAGS + TAGS_MIN) // 4


@pytest.mark.parametrize(
    "unit",
    [
        "<p><b id=b{i}>w{i}",
        "<p><strong class='c{i}'>w{i}</p>",
        "<div><FONT\tcolor=#{i:06x}>w{i}</div>",
        # A ">" inside a quoted value does not end the tag: the attributes still differ.
        '<p><i title="a>b{i}">w{i}',
        "<p><u/data-n={i}>w{i}",
    ],
)
def test_formatting_reopened_below_the_depth_count_is_bounded(unit: str) -> None:
    page = "".join(unit.format(i=i) for i in range(REOPENINGS))
    assert REOPENING_TAGS < page.count("<") <= TAGS_MIN
    assert _reopens_many(page) and _reopens_many(page.encode())
    tree = html_lexbor.parse(page)
    assert len(tree.css("b, strong, font, i, u")) <= REOPENINGS * (ACTIVE_MAX + 1)
    _, lines, _, _ = html_lexbor.page_lines(page, title=False)
    assert [line for line in lines if line] == [f"w{i}" for i in range(REOPENINGS)]


@pytest.mark.parametrize(
    "unit",
    [
        "<p><b>w",  # no attributes: three alike at most are reopened
        "<p><font face=x>w",
        "<p><b id=b{m}>w",  # REOPENED_KINDS ids, each reopened three times at most
        "<p><a href='/{i}'>w",  # a new link closes the one open
        "<p><span id=s{i}>w",
    ],
)
def test_pages_that_cannot_pile_up_formatting_are_not_scanned(
    unit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "".join(unit.format(i=i, m=i % REOPENED_KINDS) for i in range(REOPENINGS))
    monkeypatch.setattr("convert.text.depth._scan", _refuse)
    assert flattened(page) is page
    assert flattened(page.encode()) == page.encode()


def test_formatting_closed_where_it_opens_is_scanned_and_left_alone() -> None:
    # Icons: many kinds, so the count has the page scanned, but none is left open.
    page = "".join(f"<p><i class='icon-{i}'></i>w" for i in range(REOPENINGS))
    assert _reopens_many(page)
    assert flattened(page) is page


# Seventy bold elements left open in a block, then enough paragraphs to pass the counts.
_OPEN_BOLD = "<div>" + "".join(f"<b id=b{i}>" for i in range(70)) + "</div>"
_PARAGRAPHS = "".join(f"<p>w{i}</p>" for i in range(REOPENING_TAGS // 2))


@pytest.mark.parametrize(
    "hiding",
    [
        '<span title="a <b c=">',  # a "<" in an attribute's value is no tag
        "<!-- a --!>",  # "--!>" ends a comment too
    ],
)
def test_what_the_scan_reads_is_what_the_tokenizer_reads(hiding: str) -> None:
    # Misread, the first left the page's next text inside a tag taken out, the second hid
    # the reopened bold elements from the scan (22.9 s and 6.5 GB for 6,000 of them).
    key = "The key sentence that must stay."
    reopened = "".join(f"<p><b id=r{i}>x" for i in range(REOPENING_TAGS))
    page = f"{_OPEN_BOLD}{hiding}<p>{key}</p>{_PARAGRAPHS}{reopened}"
    flat = flattened(page)
    assert flat is not page and key in LexborHTMLParser(flat).text()
    paragraphs = page.count("<p>")
    assert len(html_lexbor.parse(page).css("b")) <= (paragraphs + 100) * (ACTIVE_MAX + 1)


def test_a_link_past_the_reopened_formatting_still_opens() -> None:
    page = f"{_OPEN_BOLD}{_PARAGRAPHS}<p><a href=/x>linked words</a> and plain ones</p>"
    flat = flattened(page)
    assert flat is not page and "<a href=/x>" in flat and "<b id=b20>" not in flat
    _, lines, shares, _ = html_lexbor.page_lines(flat, title=False)
    assert 0.0 < shares[lines.index("linked words and plain ones")] < 1.0


def test_end_tags_in_a_scripts_escaped_text_close_nothing() -> None:
    # "</div>"s after a "</script>" that ends no script had the scan close the divs the
    # page keeps open: 40,800 levels reached Lexbor unflattened (4.9 s).
    unit = "<div>" * 240 + "<script><!--<script></script>" + "</div>" * 240 + "--></script>"
    page = unit * (TAGS_MIN // 400)
    assert _depth(html_lexbor.parse(page)) <= CAP + 5


@pytest.mark.parametrize(
    ("script", "text_after"),
    [
        ("<script>a</script>", True),
        ("<script><!-- a --></script>", True),
        ("<script><!--<script>a</script>b--></script>", True),
        ("<script><!--<script></script>", False),  # the rest of the page is the script's
        ("<script><!--></script>", True),  # "<!-->" opens nothing
        ("<script><!--<script>--></script>", True),  # "-->" ends both
        ("<script><!--<SCRIPT>a</Script>--></SCRIPT\t>", True),
    ],
)
def test_a_script_ends_where_the_tokenizer_ends_it(script: str, text_after: bool) -> None:
    page = f"<body>{script}after"
    tree = LexborHTMLParser(page)
    tree.strip_tags(["script"])
    assert (tree.body is not None and tree.body.text() == "after") == text_after
    end = _script_end(page, len("<body><script>"))
    assert (end >= 0 and page[end:].endswith("after")) == text_after


def test_a_page_with_few_tags_is_not_looked_at_for_formatting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(markup: str | bytes) -> bool:
        raise AssertionError("counted")

    monkeypatch.setattr("convert.text.depth._reopens_many", refuse)
    page = "".join(f"<p><b id=b{i}>w{i}" for i in range(REOPENING_TAGS // 2))
    assert flattened(page) is page


@pytest.mark.parametrize(
    ("tag", "end"),
    [
        ("<b>", "<b>"),
        ("<b id=1>x", "<b id=1>"),
        ('<b title="a>b" id=1>x', '<b title="a>b" id=1>'),
        ("<b title='a>\"b' id=1>x", "<b title='a>\"b' id=1>"),
        ('<b a"b c=">" d>x', '<b a"b c=">" d>'),  # a quote in a name opens no value
        ("<b a = 'x>y'>z", "<b a = 'x>y'>"),
        ('<b a=b="c>d">', '<b a=b="c>'),  # a quote inside an unquoted value opens none
        ("<b a=>x", "<b a=>"),
        ("<b/id=1>x", "<b/id=1>"),
        ("<b =x>y", "<b =x>"),
    ],
)
def test_a_tag_ends_where_the_tokenizer_ends_it(tag: str, end: str) -> None:
    assert _tag_end(tag, 2) == len(end)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from([" ", "\t", "/", "a", "x", "=", '"', "'", ">", '=">"', "='>'", '="', "='"]),
        max_size=10,
    ).map("".join)
)
def test_a_tag_ends_where_lexbor_ends_it(rest: str) -> None:
    # All after the tag is text; a quoted value left open runs to the end of the page, where
    # the tag is dropped with everything after it.
    markup = "<p><b " + rest
    tree = LexborHTMLParser(markup)
    read = tree.body.text() if tree.body is not None else ""
    end = _tag_end(markup, len("<p><b"))
    assert read == (markup[end:] if end >= 0 else "")


def test_a_tag_that_never_ends_is_told() -> None:
    assert _tag_end("<b id=1 class=x", 2) == -1


def _refuse(markup: str) -> list[tuple[int, int, str]]:
    raise AssertionError("scanned")


SHALLOW = {
    "paragraphs": "<p>w",  # each closes the one before
    "list items": "<li>w",
    "definitions": "<dt>w<dd>w",
    "options": "<option>w",
    "rows": "<tr><td>w<td>w",
    "headings": "<h2>w<p>w",
    "closing several": "<div><span><b><i>w</div>",
    "void elements": "<br><img src=x><input><hr><wbr>w",
    "links": "<a href=x>w",  # an open link is closed by the next
    "svg paths": "<svg><path d='M0 0'/><g/><circle r=1/></svg>",
    "math": "<math><mi>x</mi><mo>+</mo><mi>y</mi></math>",
    "forms": "<form><input></form>",
    "buttons": "<button>w",
    "tables": "<table><tr><td>w</table>",
    "nested lists closed": "<ul><li>w<ul><li>w</ul></ul>",
    # Misnested formatting: the adoption agency takes the element out from under the block.
    "misnested bold": "<b><p>w</b></p>",
    "misnested italics": "<i><div><p>w</i></p></div>",
    "links around blocks": "<a href=x><div>w<a href=y>w</div>",
    # Reopened after each paragraph, but never more than three alike.
    "reopened fonts": "<p><font face=x>w</p>",
}


@pytest.mark.parametrize("kind", sorted(SHALLOW))
def test_markup_that_never_nests_deep_is_left_alone(kind: str) -> None:
    page = f"<html><body><table><tr><td>{SHALLOW[kind] * LEVELS}</table></body></html>"
    if kind in ("rows", "tables"):
        page = f"<html><body><table>{SHALLOW[kind] * LEVELS}</table></body></html>"
    assert _scan(page) == []
    assert flattened(page) is page
    assert _depth(LexborHTMLParser(page)) < 20


@pytest.mark.parametrize(
    "wrap",
    [
        "<script>{}</script>",
        "<style>{}</style>",
        "<textarea>{}</textarea>",
        "<title>{}</title>",
        "<!--{}-->",
        "<noscript>{}</noscript>",
        "<xmp>{}</xmp>",
        "<iframe>{}</iframe>",
    ],
)
def test_tags_inside_raw_text_and_comments_are_not_counted(wrap: str) -> None:
    page = "<body>" + wrap.format("<div>" * LEVELS) + "<p>after</p>"
    assert _scan(page) == []
    assert flattened(page.encode()) == page.encode()


def test_pages_with_few_tags_are_not_scanned_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("convert.text.depth._scan", _refuse)
    page = "<div>" * (TAGS_MIN // 2)
    assert flattened(page) is page
    assert flattened(page.encode()) == page.encode()


def test_every_reader_block_element_keeps_its_line_when_taken_out() -> None:
    assert html_rules.BLOCKS <= _LINE_BREAKING


@pytest.mark.skipif(not CASES, reason="the labelled pages (shared/text-eval) are not here")
def test_no_labelled_page_is_changed_even_when_scanned() -> None:
    # Scanned whatever its size (the count would have let every one of them through): the
    # scan's model of the tree builder never takes an ordinary page for a deep one.
    changed = []
    for case in CASES:
        page = gzip.decompress((case / "page.html.gz").read_bytes())
        if _scan(page.decode("latin-1")) or flattened(page) is not page:
            changed.append(case.name)
    assert changed == []
