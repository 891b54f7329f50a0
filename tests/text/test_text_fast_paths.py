"""Each fast path of the cleaner gives exactly what the plain way it replaced gives.

The plain ways are kept beside the fast ones (a whole-page regex scan, the marker walk of the
Lexbor tree) and compared here on awkward strings and on a sample of the labelled pages.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from convert.text import scans
from convert.text.chars import (
    DIGIT,
    STOP_CODE,
    STOP_MARK,
    WORD,
    char_flags,
    code_points,
    number_starts,
    page_codes,
)
from convert.text.columns import _bounds, _sentence_ends

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "text-eval" / "cases"
SAMPLE = sorted(EVAL.iterdir())[::12] if EVAL.is_dir() else []

AWKWARD = [
    "Posted 12.03.2021 at 10:00",
    "a1999 b2001 1999 2000s 2020 19999 x-12/3/4 ab12/3/45 3-4-5678 ²1999 ١٢/٣/٤",
    "mail me@example.org or @handle or a@b.c @@@@@@@@@@ a@@b.cd x@y",
    "@x.com first @@a.bc and (e@x.de) [mailto:someone@site.net]",
    "see www.example.com, HTTP://X.ORG, https://y.net/z, http:/no, .com .community .de. .dex",
    "",
    "no digits, no at signs, nothing",
    "0 00 000 0000 1900 2099 1.2 1.2.3 1/2/3 12-12-2012",
    "© 2024 (c) (C) (c (C ©",
    "He said: «Stop.» 'Why?)' \"\"",
    "”",
    "İstanbul (C) ΣΑΣ",
    "a. B. C. d. E. It ended! Then? “Yes.” And. 'No.' x… Y: Z; W 1. Ä",
    ".com at the start, www.x and WWW.Y, x.org. y.NET; z.dex .d http:// https:// ftp://",
    "ends in a colon: https:",
    "ends in www.",
    "1234.5.6 12345.6.7 1.2.34567 1.22.333 2020a 2020-1-1 2001-02-0304 ٣٤.٥.٦ 12.3/45 20201",
    "Word.” \u00a0 Next. “Quoted.”  «Ça» end!) (Open. x.\tY w.\u00a0\u00a0Z 3.5 A.B. Cc.  Dd",
]


def _page(lines: list[str]) -> tuple[str, np.ndarray, np.ndarray]:
    texts = [line for line in lines if line] or ["-"]
    starts, ends = _bounds(texts)
    return "\n".join(texts), starts, ends


def _codes(page: str) -> tuple[np.ndarray, np.ndarray]:
    """The page's code points and their placed codes, as the line features have them."""
    points = code_points(page)
    return points, page_codes(points)[0]


def _check(page: str, starts: np.ndarray, ends: np.ndarray) -> None:
    flags = char_flags(page)
    points, code = _codes(page)
    dated = set(scans.lines_matching(scans.DATEISH, page, starts).tolist())
    # Where a date may start, from the codes: every digit that no word character precedes.
    places = number_starts(code)
    digits = (flags & DIGIT) != 0
    digits[1:] &= (flags[:-1] & WORD) == 0
    assert np.array_equal(places, np.flatnonzero(digits))
    assert set(scans.date_lines(page, starts, places).tolist()) == dated
    found = scans.address_lines(page, starts, ends)
    assert set(found.tolist()) == set(scans.lines_matching(scans.ADDRESS, page, starts).tolist())
    # The whole-page scan: every match but one that starts where the last one kept ended.
    breaks: list[tuple[int, int]] = []
    for match in scans.SENTENCE_INSIDE.finditer(page):
        if not breaks or match.start() != breaks[-1][1]:
            breaks.append((match.start(), match.end()))
    found = scans.line_of(np.array([start for start, _ in breaks], dtype=np.int64), starts)
    counted = np.bincount(found, minlength=len(starts)).astype(np.float64)
    stops = np.flatnonzero((code & STOP_CODE) != 0)  # the stops, from the codes
    assert np.array_equal(stops, np.flatnonzero((flags & STOP_MARK) != 0))
    assert np.array_equal(scans.inner_sentences(page, starts, stops, points), counted)
    lowered = page.lower()
    if len(lowered) == len(page):
        scanned = scans.urlish(page, lowered, starts, ends)
        low_stops = np.flatnonzero((char_flags(lowered) & STOP_MARK) != 0)
        tried = scans.urlish(page, lowered, starts, ends, code_points(lowered), low_stops)
        assert np.array_equal(tried, scanned)
        if "\u03a3" not in page:  # the capital sigma lower-cases by its place in a word
            windows = scans.urlish(page, None, starts, ends, code_points(lowered), low_stops)
            assert np.array_equal(windows, scanned)
    found = scans.copyright_lines(page, starts)
    expected = scans.lines_matching(scans.COPYRIGHT, page, starts)
    assert set(found.tolist()) == set(expected.tolist())
    texts = page.split("\n")
    ends_sentence = re.compile(r"""[.!?…:;]["'”’»)\]“‘«›]*$""")
    ended = [1.0 if ends_sentence.search(text) else 0.0 for text in texts]
    assert _sentence_ends(texts, flags[ends]).tolist() == ended


def test_candidate_scans_match_whole_page_scans_on_awkward_lines() -> None:
    _check(*_page(AWKWARD))
    for line in AWKWARD:
        _check(*_page([line]))


def test_copyright_signs_past_many_closing_brackets_are_found() -> None:
    """Signs are looked for at the first closing brackets one by one, then searched for."""
    lines = ["f(x) " * 40, "(c) one", "g(y) (C) " * 30, "none (c", "© two (C)", "last (c)"]
    page, starts, _ = _page(lines)
    found = set(scans.copyright_lines(page, starts).tolist())
    assert found == set(scans.lines_matching(scans.COPYRIGHT, page, starts).tolist())
    assert found == {1, 2, 4, 5}


@pytest.mark.parametrize("before", [-2, -1, 0, 1])
def test_a_copyright_sign_where_the_search_takes_over_from_the_brackets_is_found(
    before: int,
) -> None:
    brackets = scans._BRACKETS + before  # closing brackets before the sign's own
    assert scans._c_signs("x)" * brackets + "(c)") == [2 * brackets]


def test_candidate_scans_find_matches_that_a_whole_page_scan_finds() -> None:
    page, starts, ends = _page(AWKWARD)
    assert len(scans.date_lines(page, starts, number_starts(_codes(page)[1]))) >= 3
    assert len(scans.address_lines(page, starts, ends)) >= 2


@pytest.mark.skipif(not SAMPLE, reason="the labelled pages (shared/text-eval) are not here")
@pytest.mark.parametrize("case", SAMPLE, ids=lambda case: case.name[:16])
def test_candidate_scans_match_whole_page_scans_on_labelled_pages(case: Path) -> None:
    text = (case / "page.txt").read_text(encoding="utf-8")
    _check(*_page([line.strip() for line in text.split("\n")]))
    markup = gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
    _check(*_page([line.strip() for line in markup.split("\n")]))


def test_per_line_counts_match_sums_of_float_copies() -> None:
    from convert.text.columns import _counts

    rng = np.random.default_rng(7)
    for size, lines in ((1, 1), (9, 3), (5000, 80)):
        mask = rng.random(size) < 0.4
        starts = np.sort(rng.choice(size, lines, replace=False))
        starts[0] = 0
        summed = np.add.reduceat(mask.astype(np.float64), starts)
        assert np.array_equal(_counts(mask, starts), summed)
        assert _counts(mask, starts).dtype == np.float64


def test_repair_signs_in_code_points_match_the_regex_searches() -> None:
    from convert.text import normalise

    table = normalise._classes()
    for point in [*range(0x3000), *range(0xD7F0, 0x10000)]:
        char = chr(point)
        assert bool(table[point] & 1) == bool(normalise._CONTROL.match(char))
        assert bool(table[point] & 2) == bool(normalise._MOJIBAKE.match(char + "\u0080"))
        assert bool(table[point] & 4) == bool(normalise._MOJIBAKE.match("\u00c2" + char))
    filler = "plain words and an emoji \U0001f600 " * 100
    for odd in ["", "\x07", "Ã©", "\ud800", "\uffff", "\U0010ffff", "é\u00a0", "Ã", "\u0080"]:
        for text in (filler + odd, odd + filler, filler + odd + filler, odd):
            expected = (
                normalise._CONTROL.search(text) is not None,
                normalise._MOJIBAKE.search(text) is not None,
            )
            assert normalise.signs(text) == expected


def test_characters_nfc_leaves_alone_are_starters_no_composition_takes_second() -> None:
    """The repair table's characters without _IS_COMPOSING are those NFC's quick check says
    "yes" for: starters that NFC keeps and that no canonical composition (listed in the
    Unicode database, or Hangul's, made by arithmetic) takes as its second character."""
    import unicodedata

    from convert.text import normalise

    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for point in range(0x110000):
        parts = unicodedata.decomposition(chr(point)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    table = normalise._classes()
    assert table[0x10000] & normalise._IS_COMPOSING  # past the plane: every character
    stable = (table[:0x10000] & normalise._IS_COMPOSING) == 0
    assert stable.sum() > 2500  # Latin, punctuation and the like are read as NFC
    for point in stable.nonzero()[0].tolist():
        char = chr(point)
        assert unicodedata.combining(char) == 0 and point not in seconds
        assert unicodedata.normalize("NFC", char) == char


def _repaired_step_by_step(text: str) -> str:
    """Repair as its steps are defined, each made whatever the text holds."""
    import unicodedata

    from convert.text import normalise

    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = normalise.decode_entities(text.replace("\u2029", "\n\n").replace("\ufeff", ""))
    if normalise._MOJIBAKE.search(text):
        fix = normalise._fix_encoding
        text = "\n".join(
            normalise._fix_line(fix, line) if normalise._MOJIBAKE.search(line) else line
            for line in text.split("\n")
        )
    return unicodedata.normalize("NFC", normalise._CONTROL.sub("", text))


def test_repair_of_long_texts_matches_its_steps_made_one_by_one() -> None:
    """Long texts are looked up once and skip the steps that cannot change them (breaks,
    entities, controls, NFC); a character that needs any of them is found wherever it is."""
    from convert.text.normalise import repair

    fillers = ["plain words, “quotes” – and dashes… ", "Grüße aus Köln, ça va? ", "Привет мир. "]
    odd = [
        "", "\r\n", "\r", "\u2028", "\u2029", "\ufeff", "&amp;", "&#195;&#169;", "\x07",
        "Ã©", "Ã\ufeff©", "e\u0301", "\u212b", "\u0374", "\u1100\u1161", "\uac00\u11a8",
        "\U0001f600", "\u0627\u0653", "\u30ab\u3099", "\u0915\u093c",
    ]  # fmt: skip
    for filler in fillers:
        for piece in odd:
            for text in (filler * 100 + piece, piece + filler * 100, filler * 60 + piece * 2):
                assert repair(text) == _repaired_step_by_step(text), (filler, piece)


def test_bucketed_word_numbers_match_the_binary_search() -> None:
    from dataclasses import replace

    from convert.text.lexicon import build
    from convert.text.weights import WORD_LOGODDS

    lex = build(WORD_LOGODDS)
    rng = np.random.default_rng(7)
    unknown = rng.integers(0, 2**63, size=5000, dtype=np.int64).astype(np.uint64)
    hashes = np.concatenate((lex.hashes, unknown, lex.hashes[::-1]))
    assert np.array_equal(lex.numbers(hashes), lex._searched(hashes))
    assert (lex.numbers(lex.hashes) > 0).all()
    everywhere_shared = replace(lex, buckets=np.full_like(lex.buckets, -1))
    assert np.array_equal(everywhere_shared.numbers(hashes), lex._searched(hashes))


def test_language_guess_counts_as_the_membership_table_does() -> None:
    from convert.text.lexicon import LANGUAGES, MIN_SHARE, build

    lex = build({"cookies": -3.0})
    rng = np.random.default_rng(3)
    for size in (1, 10, 500, 4000):
        sample = rng.integers(0, len(lex.member), size=size)
        counts = lex.member[sample[:3000]].sum(axis=0)
        best = int(np.argmax(counts))
        expected = LANGUAGES[best] if counts[best] >= MIN_SHARE * min(size, 3000) else None
        assert lex.guess(sample) == expected


HIDING = (
    '<div style="DISPLAY:none">a</div><p style="color:red">b</p><p style="display: block">g</p>'
    '<span style="Visibility : hidden">c</span><i aria-hidden="false">d</i><b hidden>e</b>'
    '<u style="displayx">f</u><em style="visibility:visible">h</em><q aria-hidden="true">i</q>'
)


def _trees_after_hiding(markup: str) -> tuple[str, str]:
    from selectolax.lexbor import LexborHTMLParser

    from convert.text import lexbor_furniture

    trees = LexborHTMLParser(markup), LexborHTMLParser(markup)
    selectors = ("[hidden],[aria-hidden],[style]", lexbor_furniture._MAY_HIDE)
    for tree, selector in zip(trees, selectors, strict=True):
        for node in tree.css(selector):
            if lexbor_furniture._hidden(node):
                node.decompose()
    return trees[0].html or "", trees[1].html or ""


def test_hidden_elements_are_found_by_their_attributes_alone() -> None:
    every, narrow = _trees_after_hiding(HIDING)
    assert every == narrow
    assert ">b<" in narrow and ">g<" in narrow and ">h<" in narrow
    assert not any(f">{gone}<" in narrow for gone in "acei")


@pytest.mark.skipif(not SAMPLE, reason="the labelled pages (shared/text-eval) are not here")
def test_hidden_elements_are_found_by_their_attributes_alone_on_labelled_pages() -> None:
    for case in SAMPLE:
        markup = gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
        every, narrow = _trees_after_hiding(markup)
        assert every == narrow


NESTED = (
    "<body>lead<div>one<p>two<a href=x>three<div>four</div></a></p>five<ul><li>six</li>"
    "<li><a>seven</a></li></ul><table><tr><td>eight</td><td><p>nine</p></td></tr></table>"
    "<h2>ten</h2><br>eleven<hr><blockquote>twelve<section>thirteen</section></blockquote>"
    "</div><a>fourteen</a><figure><figcaption>fifteen</figcaption></figure>sixteen</body>"
)


def _marked_by_tag(markup: str) -> str:
    """The marked text as it was first made: one selection of every block element, each
    element's tag asked for to choose its opening marker."""
    from selectolax.lexbor import LexborHTMLParser

    from convert.text.html_rules import BLOCKS
    from convert.text.html_rules import PARAGRAPH_TAGS as _PARAGRAPH_TAGS
    from convert.text.lexbor_furniture import LATE_DROP, strip_furniture

    tree = LexborHTMLParser(markup)
    strip_furniture(tree)
    tree.strip_tags(list(LATE_DROP))  # which _marked_text takes out as it marks
    for node in tree.css(",".join(sorted(BLOCKS - {"html", "body"}))):
        node.insert_before("\x01\x1c" if node.tag in _PARAGRAPH_TAGS else "\x01\x1d")
        node.insert_after("\x01\x1e")
    for node in tree.css("a"):
        node.insert_before("\x04")
        node.insert_after("\x05")
    return tree.root.text(deep=True) if tree.root is not None else ""


def _marked(markup: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    from convert.text import html_lexbor

    tree = LexborHTMLParser(markup)
    html_lexbor.strip_furniture(tree)
    return html_lexbor._marked_text(tree)


def test_block_markers_by_kind_match_markers_by_tag() -> None:
    assert _marked(NESTED) == _marked_by_tag(NESTED)
    custom = "<x-p>a<P>b</P></x-p><foo>c<DIV>d</DIV></foo><tbody-x>e</tbody-x><a-b>f</a-b>"
    assert _marked(custom) == _marked_by_tag(custom)
    assert "\x01\x1c" in _marked(NESTED) and "\x01\x1d" in _marked(NESTED)


@pytest.mark.skipif(not SAMPLE, reason="the labelled pages (shared/text-eval) are not here")
def test_block_markers_by_kind_match_markers_by_tag_on_labelled_pages() -> None:
    for case in SAMPLE:
        markup = gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
        assert _marked(markup) == _marked_by_tag(markup)


def _stripped(markup: str, tags: list[str]) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    tree.strip_tags(tags)
    return tree.html or ""


def test_furniture_stripped_biggest_first_leaves_the_tree_stripped_in_list_order() -> None:
    from convert.text.html_rules import DROP
    from convert.text.lexbor_furniture import _DROP
    from convert.text.lexbor_furniture import LATE_DROP as _LATE_DROP

    # Head goes first, the rest of the furniture (_LATE_DROP) while the elements are marked.
    ordered = ["head", *_DROP, *_LATE_DROP]
    assert sorted(ordered) == sorted(DROP)
    page = NESTED.replace("<ul>", "<nav><svg><a>x</a></svg><ul><script>s</script>") + "</nav>"
    assert _stripped(page, ordered) == _stripped(page, list(DROP))
    for case in SAMPLE:
        markup = gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
        assert _stripped(markup, ordered) == _stripped(markup, list(DROP))


@pytest.mark.parametrize(
    "body",
    [
        "<h1></h1><h1> <b>Second</b> heading </h1>",
        "<h1><img alt=x></h1><p>no heading with text</p>",
        "<p>none</p>",
        "<h1>First</h1><h1>Second</h1>",
    ],
)
def test_title_from_the_first_heading_matches_the_title_from_every_heading(body: str) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from convert.text.lexbor_title import page_title as _title
    from convert.text.normalise import collapse

    page = f"<html><head><title>Site</title></head><body>{body}</body></html>"
    tree = LexborHTMLParser(page)
    every = [collapse(h.text(deep=True)) for h in tree.css("h1")]
    assert _title(tree) == next((text for text in every if text), "Site")


def _link_chars_walked(text: str, links: int) -> tuple[int, int]:
    """Link characters of a stretch counted piece by piece between its link markers."""
    chars = 0
    pieces = re.split("([\x04\x05])", text)
    for k in range(0, len(pieces), 2):
        if links:
            chars += len(pieces[k].strip())
        if k + 1 < len(pieces):
            links = links + 1 if pieces[k + 1] == "\x04" else max(links - 1, 0)
    return chars, links


def _lines_walked(marked: str) -> tuple[list[str], list[float]]:
    """Block lines as first read from the marked text: a regex split at every marker, a
    Block for each line, then the layout of convert.text.html.as_page_lines."""
    from convert.text.html import Block, as_page_lines

    single = marked.replace("\x01\x1c", "\x01").replace("\x01\x1d", "\x02")
    pieces = re.split("([\x01-\x03])", single.replace("\x01\x1e", "\x03"))
    pieces.append("\x03")
    out: list[Block] = []
    spaced, links = [False], 0
    for text, mark in zip(pieces[::2], pieces[1::2], strict=True):
        if text and not text.isspace():
            link_chars, links = _link_chars_walked(text, links)
            line = " ".join(text.replace("\x04", "").replace("\x05", "").split())
            if line:
                share = min(link_chars / len(line), 1.0) if link_chars else 0.0
                out.append(Block(line, "p" if spaced[-1] else "div", share))
        if mark == "\x03":
            if len(spaced) > 1:
                spaced.pop()
        else:
            spaced.append(mark == "\x01")
    lines, owners = as_page_lines(out)
    return lines, [0.0 if owner is None else owner.link_density for owner in owners]


LINKS = [
    "",
    "plain",
    "\x04a\x05",
    " \x04 a  b \x05 c \x04d\x05 ",
    "\x04open only",
    "\x05close only\x04 then open",
    "\x04\x04nested\x05 half\x05 out",
    "x\x05\x05y\x04z",
    "\x04\x05\x04  \x05",
    "lead \x04 one link \x05 tail",
    "\x04whole\x05",
    "\x05stray close\x04 then a link\x05",
    "a link\x04 \x05 and a stray close\x05",
    "\x04one\x05 and \x04two\x05",
    "\x04open \x04inside\x05",
]


def test_link_characters_of_whole_links_match_the_piece_walk() -> None:
    from convert.text.lexbor_lines import _link_chars

    for text in LINKS:
        for links in (0, 1, 2):
            assert _link_chars(text, links) == _link_chars_walked(text, links), (text, links)


def test_stretches_without_their_link_markers_match_the_piece_walk() -> None:
    from convert.text.lexbor_lines import block_lines as _lines

    for text in LINKS:
        for links in (0, 1, 2):
            # A paragraph opening ``links`` links (and holding no text), then one holding
            # the stretch: the reader cuts the common case of one whole link itself.
            marked = "\x01\x1c" + "\x04" * links + "\x01\x1e\x01\x1c" + text + "\x01\x1e"
            lines, shares, _ = _lines(marked)
            assert (lines, shares) == _lines_walked(marked), (text, links)


MARKED = (
    "lead\x01\x1donly div\x01\x1c para \x04link\x05\x01\x1e tail\x01\x1e"
    "\x01\x1c\x04across\x01\x1d blocks\x05 on\x01\x1e\x01\x1e \x01\x1e\x01\x1e stray "
    "\x01\x1c\n\t\x01\x1c\u2003\x01\x1e\x01\x1eend\x1c\x1d of\x01\x1d\x04\x05\x01\x1e"
)


def test_block_lines_from_split_stretches_match_the_marker_walk() -> None:
    from convert.text.lexbor_lines import block_lines as _lines

    closed = ("\x01\x1e tail", "\x01\x1e\x01\x1e\x01\x1c after \x01\x1e\x01\x1e\x01\x1e end")
    for marked in (MARKED, *closed, _marked(NESTED), _marked(NESTED.replace("<a", "<p><a"))):
        assert _lines(marked)[:2] == _lines_walked(marked)
    assert _lines(MARKED)[0][:3] == ["lead", "only div", ""]


@pytest.mark.skipif(not SAMPLE, reason="the labelled pages (shared/text-eval) are not here")
def test_block_lines_from_split_stretches_match_the_marker_walk_on_labelled_pages() -> None:
    from convert.text.lexbor_lines import block_lines as _lines

    for case in SAMPLE:
        markup = gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8", "replace")
        marked = _marked(markup)
        assert _lines(marked)[:2] == _lines_walked(marked)


def test_title_copies_are_dropped_as_a_casefold_of_every_paragraph_drops_them() -> None:
    from convert.text.joining import page_parts as _parts

    paragraphs = ["Straße", "STRASSE", "strasse!", "", "ﬁne", "FINE", "A longer paragraph.", "ß"]
    for title in ("Straße", "STRASSE", "ﬁne", "Fine", "ß", "SS", "x", None, ""):
        key = title.casefold() if title else None
        body = [p for p in paragraphs if p and p.casefold() != key]
        assert _parts(title, list(paragraphs)) == ([title] if title else []) + body


def _counted_one_by_one(flags: np.ndarray, starts: np.ndarray) -> list[np.ndarray]:
    """The facts of chars.COUNTED per line, each counted with masks of its own."""
    from convert.text import chars as c

    def count(mask: np.ndarray) -> np.ndarray:
        return np.add.reduceat(mask.astype(np.int64), starts)

    def has(flag: int) -> np.ndarray:
        found: np.ndarray = (flags & flag) != 0
        return found

    before = np.concatenate(([True], has(c.SPACE)[:-1]))  # the page opens as after a break
    word_start = ~has(c.SPACE) & before
    inline = has(c.SPACE) & ~has(c.NEWLINE)
    inline_before = np.concatenate(([False], inline[:-1]))
    inline_after = np.concatenate((inline[1:], [False]))
    word_before = np.concatenate(([False], has(c.WORD)[:-1]))
    return [
        count(has(c.ALPHA)),
        count(has(c.COMMA)),
        count(has(c.DIGIT)),
        count(has(c.UPPER)),
        count(word_start),
        count(word_start & has(c.UPPER)),
        count(has(c.SEPARATOR) & (~has(c.DASH) | (inline_before & inline_after))),
        count(has(c.ODD_SPACE) | (inline & inline_before)),
        count(has(c.WORD)),
        count(has(c.WORD) & ~word_before),
    ]


def _check_counts(lines: list[str]) -> None:
    from convert.text.chars import COUNTED, line_counts

    page, starts, _ = _page(lines)
    flags = char_flags(page)
    longest = max(map(len, page.split("\n"))) + 1  # the longest line with its break
    found = line_counts(_codes(page)[1], starts, longest)
    assert found.shape == (len(COUNTED), len(starts))
    for name, row, expected in zip(COUNTED, found, _counted_one_by_one(flags, starts), strict=True):
        assert np.array_equal(row, expected), name


def test_per_line_counts_in_one_pass_match_counts_one_by_one() -> None:
    spaces = [
        "a - b",
        "a -b",
        "-a",
        "x\u00a0y",
        "two  spaces",
        "tab\there",
        "end -",
        "Ab Cd, 12 | x",
    ]
    _check_counts(AWKWARD + spaces)
    for line in AWKWARD + spaces:
        _check_counts([line])
    _check_counts(["x" * 70_000, "a b"])  # a line too long for narrow count fields
    rng = np.random.default_rng(7)
    alphabet = list("aZé,.1² \t\u00a0\u2003-–—|•>/\\x_")
    for _ in range(200):
        lines = ["".join(rng.choice(alphabet, rng.integers(1, 30))) for _ in range(4)]
        _check_counts([line for line in (line.strip() for line in lines) if line])


@pytest.mark.skipif(not SAMPLE, reason="the labelled pages (shared/text-eval) are not here")
@pytest.mark.parametrize("case", SAMPLE[::4], ids=lambda case: case.name[:16])
def test_per_line_counts_in_one_pass_match_on_labelled_pages(case: Path) -> None:
    text = (case / "page.txt").read_text(encoding="utf-8")
    _check_counts([line.strip() for line in text.split("\n")])


def test_bullet_candidates_are_every_first_character_the_bullet_pattern_can_start_with() -> None:
    from convert.text.chars import BULLET
    from convert.text.columns import _BULLET

    for point in range(0x3000):
        char = chr(point)
        opens = _BULLET.match(char + ") ") or _BULLET.match(char + " ")
        assert bool(char_flags(char)[0] & BULLET) == bool(opens), hex(point)


def test_lowered_code_points_are_those_of_str_lower() -> None:
    from convert.text.chars import code_points, page_codes, placed_codes

    plane = "".join(chr(point) for point in range(0xFFFF) if chr(point) not in "\u0130\u03a3")
    plain = [text for text in AWKWARD if "\u0130" not in text and "\u03a3" not in text]
    for text in [plane, *plain, "Straße ÀÉÎÕÜ ǅ Ⅻ Ꭰ ＡＢＣ", "\ud800 lone", "x"]:
        code, found = page_codes(code_points(text))
        assert found is not None
        assert (
            found.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass") == text.lower()
        )
        # The codes read from the same table are those of the characters' flags.
        assert np.array_equal(code, placed_codes(char_flags(text)))
    # Lowered otherwise: by the place in the word, to two characters, past the plane.
    for text in ["ΣΑΣ", "İstanbul", "emoji \U0001f600", "\uffff"]:
        code, found = page_codes(code_points(text))
        assert found is None
        assert np.array_equal(code, placed_codes(char_flags(text)))


def test_lowered_text_decoded_from_half_the_bytes_is_the_text_of_its_points() -> None:
    from convert.text.chars import code_points
    from convert.text.repeats import _text_of

    # Lone surrogates, also next to each other as a pair's halves would be, and no pair read
    # as one character past the plane.
    for text in ["plain", "Grüße “quoted”", "\ud800 lone", "\ud83d\ude00 halves", "\udc00\ud800"]:
        assert _text_of(code_points(text)) == text


def test_collapsed_texts_are_found_as_collapsing_them_finds_them() -> None:
    """The quick answer rests on the plain space being the only printable white space."""
    from convert.text.normalise import collapse

    spaces = [chr(p) for p in range(0x110000) if chr(p).isspace()]
    assert [s for s in spaces if s.isprintable()] == [" "]
    for space in spaces:
        for text in ["a b", f"a{space}b", f"{space}a", f"a{space}", f"a {space}b", "", space]:
            assert collapse(text) == " ".join(text.split())


def _repeated_by_counting(texts: list[str]) -> list[bool]:
    keys = [" ".join(text.lower().split()) for text in texts]
    counts = Counter(keys)
    return [counts[key] > 1 for key in keys]


def test_repeated_lines_by_hash_match_counting_the_lines() -> None:
    """Lines are compared lower-cased with their whitespace collapsed: by their hashes, the
    odd-spaced ones hashed as collapsed, and counted as strings where lower-casing moves the
    characters (the dotted capital I lowers to two)."""
    from convert.text.columns import page_features
    from convert.text.features import FEATURE_NAMES

    column = FEATURE_NAMES.index("repeated")
    pool = ["Home", "home", "Share  this", "share this", "Share\u00a0this", "News", "a b", "ab"]
    for texts in (["Share  this", "share this", "News"], ["a\u00a0b", "News", "A B", "news"]):
        found = page_features(texts).matrix[:, column]
        assert found.tolist() == [float(r) for r in _repeated_by_counting(texts)]
        assert found.tolist() == [1.0, 1.0, 0.0] if len(texts) == 3 else [1.0] * 4
    rng = np.random.default_rng(11)
    for size in (1, 2, 5, 40):
        for extra in ("", "İstanbul"):
            texts = [pool[i] for i in rng.integers(0, len(pool), size)] + ([extra] if extra else [])
            found = page_features(texts).matrix[:, column]
            assert found.tolist() == [float(r) for r in _repeated_by_counting(texts)]


def _context_by_definition(z: np.ndarray, words: np.ndarray, index: np.ndarray) -> np.ndarray:
    """CONTEXT_NAMES column by column, a line at a time."""
    from convert.text.plain import densest_span

    n = len(z)
    probs = np.where(z < -30, 0.0, 1.0 / (1.0 + np.exp(-np.maximum(z, -31.0))))
    start, end = densest_span(probs, words)
    p = probs.tolist()

    def at(k: int) -> float:
        return p[k] if 0 <= k < n else 0.0

    top = sum(sorted(z.tolist())[-5:]) / min(n, 5)
    total = float(words.sum()) or 1.0
    rank = np.empty(n)
    rank[np.argsort(z, kind="stable")] = np.arange(n) / max(n - 1, 1)
    rows = []
    for k in range(n):
        inside, before, after = start <= k <= end, k < start, k > end
        rows.append(
            [
                z[k],
                at(k - 1),
                at(k - 2),
                at(k + 1),
                at(k + 2),
                sum(p[max(k - 3, 0) : k + 4]) / len(p[max(k - 3, 0) : k + 4]),
                sum(p[max(k - 10, 0) : k + 11]) / len(p[max(k - 10, 0) : k + 11]),
                max([at(k - j) for j in range(1, 6)]),
                max([at(k + j) for j in range(1, 6)]),
                k > 0 and index[k] - index[k - 1] > 1,
                k < n - 1 and index[k + 1] - index[k] > 1,
                inside,
                before,
                after,
                min(max(start - k, k - end, 0), 20) / 20,
                p[k] * after,
                p[k] * before,
                (total - float(words[: k + 1].sum())) / total,
                inside and words[k] <= 7,
                rank[k],
                min(max(z[k] - top, -10.0), 0.0) / 10,
                sum(q > 0.5 for q in p) / n,
            ]
        )
    return np.array(rows, dtype=np.float64)


def test_context_features_match_their_definitions() -> None:
    """Windows clipped at the page's ends (pages shorter than a window too), the densest
    span's sides and distance written as slices, and pages without a span."""
    from convert.text.plain import context_features

    rng = np.random.default_rng(5)
    for n in (*range(1, 25), 60):
        for _ in range(4):
            z = rng.normal(-1.0, 3.0, n)
            z[rng.random(n) < 0.1] = -40.0
            if rng.random() < 0.2:
                z = -np.abs(z) - 1.0  # no line more likely content than not: no span
            words = rng.integers(0, 40, n)
            index = np.cumsum(rng.integers(1, 3, n))
            found = context_features(z, words, index)
            expected = _context_by_definition(z, words, index)
            assert found.shape == expected.shape
            assert np.allclose(found, expected, rtol=0, atol=1e-12)


def test_the_lexicon_table_holds_its_three_answers() -> None:
    from convert.text.lexicon import build
    from convert.text.weights import WORD_LOGODDS

    lex = build(WORD_LOGODDS)
    for lang in ("en", "de", None):
        table = lex.table(lang)
        assert np.array_equal(table[0], lex.stops(lang))
        assert np.array_equal(table[1], lex.odds)
        assert np.array_equal(table[2], (lex.odds < -1).astype(np.float64))


def test_spans_hashed_from_page_prefix_sums_match_words_hashed_alone() -> None:
    from convert.text.wordhash import prefix_sums, run_hashes, span_hashes, word_hashes

    page = "Ab cd\n\u00e9t\u00e9 x  yz\nthe end"
    points = code_points(page)
    begins = np.array([0, 3, 6, 12, 15, 16], dtype=np.int64)
    ends = np.array([2, 5, 11, 14, 15, len(page)], dtype=np.int64)
    words = [page[b:e] for b, e in zip(begins.tolist(), ends.tolist(), strict=True)]
    expected = word_hashes(words)
    assert np.array_equal(span_hashes(prefix_sums(points), begins, ends), expected)
    assert np.array_equal(run_hashes(points, begins, ends), expected)


def test_words_whose_buckets_are_shared_are_found_by_search() -> None:
    from convert.text import lexicon as lx
    from convert.text.wordhash import word_hashes

    own = lx.build({"furniture": -2.0, "article": 1.5})
    every_shared = np.full_like(own.buckets, lx._SHARED)
    shared = lx.Lexicon(
        own.hashes, own.numbered, own.member, own.odds, every_shared, own.hash_of, own.counts
    )
    hashes = word_hashes(["the", "article", "furniture", "zzzunlisted", "und"])
    found = own.numbers(hashes).tolist()
    assert shared.shares
    assert shared.numbers(hashes).tolist() == found
    assert found[3] == 0 and 0 not in found[:3]
