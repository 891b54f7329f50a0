"""From a page or a record to cleaned text: title, blank line, paragraphs.

The input kind decides how paragraphs are found (HTML blocks, Markdown blocks, text lines);
boilerplate removal then applies to whole web pages only. A record body that an author wrote
is kept whole: dropping its short paragraphs as "furniture" would lose text, and it has none.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from functools import cache
from types import ModuleType
from typing import Any, Literal

import numpy as np

from convert.text import html as html_
from convert.text import markdown
from convert.text.blockscore import keep_blocks, mostly_text, repaired_lines
from convert.text.decode import decode_utf8, read_as_utf8_when_valid
from convert.text.normalise import collapse, repair, repair_settled
from convert.text.plain import classify_scored, score_page, threshold
from convert.text.segments import (
    HTML_PIECE_CHARS,
    html_pieces,
    joined_runs,
    line_bounds,
    text_pieces,
)
from convert.text.title import infer_title

Kind = Literal["text", "html", "markdown"]
KINDS: tuple[Kind, ...] = ("text", "html", "markdown")
Extractor = Literal["auto", "builtin", "trafilatura"]
EXTRACTORS: tuple[Extractor, ...] = ("auto", "builtin", "trafilatura")

_HTML_SIGNS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|br|span|article|section|h[1-6]|ul|li|a\s|img\s"
    r"|table|meta|title|script|em|strong|b|i)[\s/>]",
    re.I,
)
_PAGE_SIGNS = re.compile(r"<(?:!doctype|html|body|head)[\s>]", re.I)
_PAGE_SIGNS_BYTES = re.compile(_PAGE_SIGNS.pattern.encode(), re.I)
_PAGE_HEAD_CHARS = 5000  # where a whole page shows its doctype, html, head or body tag
# What a saved page may open with before that: white space, comments, and the elements of a
# head (style sheets, scripts, its title, meta, link and base tags). One labelled page holds
# 51 kB of them before its doctype, and was taken for a fragment. Each is passed over in one
# scan; one left open ends the passing.
_LEADING = (
    r"(?:\s++|<!--.*?-->|<style\b.*?</style\s*>|<script\b.*?</script\s*>"
    r"|<title\b.*?</title\s*>|<(?:meta|link|base)\b[^>]*+>)*+"
)
_LEADING_TEXT = re.compile(_LEADING, re.I | re.S)
_LEADING_BYTES = re.compile(_LEADING.encode(), re.I | re.S)


def _whole_page(markup: str | bytes) -> bool:
    """Whether HTML ``markup`` (text, or UTF-8 bytes) is a whole page (boilerplate removal's
    default) rather than a fragment, told by its first _PAGE_HEAD_CHARS characters past what
    it opens with (_LEADING)."""
    if isinstance(markup, bytes):
        leading = _LEADING_BYTES.match(markup)  # matches, if only the empty string
        start = leading.end() if leading else 0
        # A sign within as many bytes is one within as many characters (a character is at
        # least a byte, and the sign's own are ASCII): most pages show one at once, and their
        # head goes undecoded.
        if _PAGE_SIGNS_BYTES.search(markup, start, start + _PAGE_HEAD_CHARS):
            return True
        # A character is at most 4 bytes; one cut at the end of the slice is replaced.
        head = markup[start : start + 4 * _PAGE_HEAD_CHARS].decode("utf-8", "replace")
        return _PAGE_SIGNS.search(head, 0, _PAGE_HEAD_CHARS) is not None
    matched = _LEADING_TEXT.match(markup)
    start = matched.end() if matched else 0
    return _PAGE_SIGNS.search(markup, start, start + _PAGE_HEAD_CHARS) is not None


# Each sign is found in linear time: a class never matches its pattern's own opener, and
# bold is looked for only after the first opener of each line (if any closer follows that
# one, the search has its answer; retrying every later opener was quadratic).
_MD_SIGNS = (
    re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M),
    re.compile(r"\[[^\[\]\n]++\]\([^()\s]++\)"),
    re.compile(r"^\s{0,3}(?:```|~~~)", re.M),
    re.compile(r"^(?>[^\n]*?(?:\*\*|__)(?=\S))\S[^\n]*\S(?:\*\*|__)", re.M),
    re.compile(r"^\s{0,3}>\s", re.M),
    re.compile(r"!\[[^\[\]\n]*+\]\("),
)
TRUNCATION = "…"
_TRUNCATION_MARKS = ("...", "…", "[…]", "[...]")


def sniff(text: str) -> Kind:
    """Guess the kind of ``text``: HTML when it has tags, Markdown when it has two signs of it.

    Not :func:`convert.loading.sniff_body_format`, on purpose: that one judges a record body
    by its first characters and its file name, which an author's body opens with; this one
    judges whole pages handed to :func:`clean_text` with no name, where markup may start
    after junk (PHP warnings, comments) and a text copy may open with "#tag" or "* Home".
    On the 848 labelled pages the body sniffer calls 10 HTML pages text and 2 text copies
    Markdown; this one gets all HTML pages right. Records keep the body format the loader
    gave them (:func:`clean_record` never sniffs).
    """
    head = text[:20_000]
    if len(_HTML_SIGNS.findall(head)) >= 2 or _PAGE_SIGNS.search(head[:1000]):
        return "html"
    signs = sum(1 for pattern in _MD_SIGNS if pattern.search(head))
    return "markdown" if signs >= 2 else "text"


def _settle(paragraph: str) -> str:
    """Repair and collapse until nothing changes (ftfy's fixes can enable one another), so
    that cleaning cleaned text gives it back unchanged."""
    for _ in range(3):
        settled = collapse(repair(paragraph))
        if settled == paragraph:
            break
        paragraph = settled
    return paragraph


class Settled(list[str]):
    """Paragraphs known to be settled already: cut from a page that repair left unchanged
    (:func:`convert.text.normalise.repair_settled`) and collapsed."""


def _settled(title: str | None, paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Title and paragraphs each settled, once: :func:`_parts` and :func:`_join` expect this.

    In place, so that a huge page never holds its paragraphs twice. Most pages need no
    repair: when repairing all paragraphs joined by line breaks changes nothing, no single
    one would change either (repair works line by line, and NFC never composes across a line
    break), so only collapsing is left to check, paragraph by paragraph. They are joined a
    megabyte at a time (one run for any page of usual size): repair holds several copies of
    what it is given, which for a huge page's whole text had been most of its memory.
    """
    if isinstance(paragraphs, Settled):
        return (_settle(title) if title else None), paragraphs
    clean = all(repair(blob) == blob for blob in joined_runs(paragraphs))
    for i, paragraph in enumerate(paragraphs):
        if not clean or collapse(paragraph) != paragraph:
            paragraphs[i] = _settle(paragraph)
    return (_settle(title) if title else None), paragraphs


def _parts(title: str | None, paragraphs: list[str]) -> list[str]:
    """Settled title then settled paragraphs; empty ones and copies of the title dropped."""
    if not title:
        return [p for p in paragraphs if p]
    # Case folding never shortens a string, so a paragraph longer than the folded title is
    # no copy of it and need not be folded (most are).
    key = title.casefold()
    size = len(key)
    kept = [p for p in paragraphs if p and (len(p) > size or p.casefold() != key)]
    kept.insert(0, title)  # a list, not a generator unpacked: no resumption a paragraph
    return kept


def _join(title: str | None, paragraphs: list[str]) -> str:
    """Title, a blank line, then paragraphs one blank line apart; the title only once.

    Settles here (repair and collapse, up to three rounds each) and nowhere else, so each
    paragraph is settled exactly once per clean.
    """
    return "\n\n".join(_parts(*_settled(title, paragraphs)))


def _text_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each collapsed to one line (hard wraps joined)."""
    return [p for p in (collapse(block) for block in re.split(r"\n\s*\n", text)) if p]


def _clean_page_text(text: str) -> tuple[str | None, list[str]]:
    """Boilerplate removal over a plain-text page; returns the inferred title and kept lines.

    A huge page is repaired and judged piece by piece (:mod:`convert.text.segments`), its
    title found in the first piece.
    """
    title: str | None = None
    kept: list[str] = []
    settled = True
    for number, piece in enumerate(text_pieces(text)):
        repaired, clean = repair_settled(piece)
        settled = settled and clean
        page, keep, _ = classify_scored(repaired.split("\n"))
        if number == 0:
            title = infer_title(page.texts, page.words, keep)
        kept.extend(page.collapsed(keep))
    return title, Settled(kept) if settled else kept


MERGE_WORDS = 20  # our own paragraphs at least this long join trafilatura's when it missed them
# Trafilatura's paragraphs that our classifier scores this low (a logit 1.25 below THRESHOLD)
# are dropped: they are mostly teasers, bylines and notices it let through. Chosen on the
# tuning half of the labelled pages: F1 there 0.943 -> 0.948, held-out half 0.947 -> 0.952.
VETO = -2.0


def _merge(theirs: list[str], ours: list[str]) -> list[str]:
    """Trafilatura's paragraphs plus the long ones only our extractor kept, in page order.

    Trafilatura is the more precise of the two, but drops some article paragraphs; a long
    paragraph that our classifier keeps is rarely furniture (held-out F1 0.939 -> 0.945).
    Each extra goes after the last of trafilatura's paragraphs seen before it on our side.
    """
    keys = [" ".join(p.split()) for p in theirs]
    extras: dict[int, list[str]] = {}
    anchor = -1
    for paragraph in ours:
        key = " ".join(paragraph.split())
        found = next((i for i, k in enumerate(keys) if key in k or (k and k in key)), None)
        if found is not None:
            anchor = found
        elif len(key.split()) >= MERGE_WORDS:
            extras.setdefault(anchor, []).append(paragraph)
    merged = list(extras.get(-1, []))
    for i, paragraph in enumerate(theirs):
        merged.append(paragraph)
        merged.extend(extras.get(i, []))
    return merged


@cache
def _lexbor() -> ModuleType | None:
    """The Lexbor extractor, or None where selectolax cannot be imported (lxml reads then)."""
    try:
        return importlib.import_module("convert.text.html_lexbor")
    except ImportError:
        return None


def _page_lines(
    markup: str, title: bool, utf8: bytes | None = None
) -> tuple[str | None, list[str], list[float], html_.Nesting]:
    """Title (when asked for), block lines, their link shares and places among the block
    elements, with Lexbor where it is installed (:func:`convert.text.html.page_lines`).
    ``utf8``, when given, is ``markup`` as UTF-8: Lexbor parses those bytes, and encoding
    the text again is saved."""
    fast = _lexbor()
    if fast is None:
        return html_.page_lines(markup, title=title)
    found: tuple[str | None, list[str], list[float], html_.Nesting] = fast.page_lines(
        markup if utf8 is None else utf8, title=title
    )
    return found


def _clean_html(
    markup: str, boilerplate: bool, extractor: str, utf8: bytes | None = None
) -> tuple[str | None, list[str]]:
    """Title (of whole pages) and paragraphs of HTML; ``markup`` is parsed once by our reader
    (from ``utf8``, the page's bytes, when they are ``markup`` as UTF-8).

    Trafilatura parses the markup its own way (its results depend on it), so it gets the
    string; our extractor, which it is merged with, reuses the blocks read here.
    """
    if len(markup) > HTML_PIECE_CHARS:
        return _clean_huge_html(markup, boilerplate)
    title, lines, shares, nesting = _page_lines(markup, boilerplate, utf8)
    if not lines:
        return title, []
    if boilerplate and extractor != "builtin":
        from convert.text import traf

        extracted = traf.extract(markup, required=extractor == "trafilatura")
        if extracted is not None:
            scores: dict[str, float] = {}
            ours = _judge(lines, shares, nesting, True, scores, text_only=True)
            theirs = [collapse(repair(p)) for p in extracted]
            kept = [p for p in theirs if scores.get(p, VETO) >= VETO]
            return title, _merge(kept, ours)
    return title, _judge(lines, shares, nesting, boilerplate)


def _clean_utf8_html(
    data: bytes, boilerplate: bool | None, extractor: Extractor
) -> tuple[str | None, list[str]] | None:
    """:func:`_clean_html` of HTML bytes taken for UTF-8 without decoding them first (Lexbor
    decodes as it parses; decoding a page to text costs about a fiftieth of cleaning it), or
    None where the text is needed after all: bytes that may be in another encoding, a page
    that is not UTF-8 where it is read, trafilatura, the lxml reader or a huge page."""
    fast = _lexbor()
    if fast is None or len(data) > HTML_PIECE_CHARS or not read_as_utf8_when_valid(data):
        return None
    if boilerplate is None:
        boilerplate = _whole_page(data)
    if boilerplate and extractor != "builtin":
        from convert.text import traf

        if extractor == "trafilatura" or traf.available():
            return None
    found: tuple[str | None, list[str], list[float], html_.Nesting] | None = fast.utf8_page_lines(
        data, title=boilerplate
    )
    if found is None:
        return None
    title, lines, shares, nesting = found
    return title, _judge(lines, shares, nesting, boilerplate) if lines else []


def _clean_huge_html(markup: str, boilerplate: bool) -> tuple[str | None, list[str]]:
    """Markup too large to hold as one tree, parsed and cleaned a piece at a time by our
    extractor (trafilatura would build the whole tree); the title comes from the first piece."""
    title: str | None = None
    kept: list[str] = []
    settled = True
    for number, piece in enumerate(html_pieces(markup)):
        found, lines, shares, nesting = _page_lines(piece, number == 0 and boilerplate)
        title = found if number == 0 else title
        paragraphs = _judge(lines, shares, nesting, boilerplate)
        settled = settled and isinstance(paragraphs, Settled)
        kept.extend(paragraphs)
    return title, Settled(kept) if settled else kept


def _judge(
    lines: list[str],
    shares: list[float],
    nesting: html_.Nesting,
    boilerplate: bool,
    scores: dict[str, float] | None = None,
    text_only: bool = False,
) -> list[str]:
    """The paragraphs of a page's block lines (laid out as a text copy, with each line's
    share of link text and place among the block elements): without ``boilerplate``, every
    block; with it, those kept by their classifier scores, link text and places
    (:mod:`convert.text.blockscore`), or with ``text_only``
    those the classifier keeps that are not mostly link text (what is merged with
    trafilatura: the block stage's lower cut let more furniture in there). ``scores``, when
    given, receives each line's (collapsed) highest classifier score."""
    if not boilerplate:
        return [collapse(repair(line)) for line in lines if line]
    kept: list[str] = []
    settled = True
    # From the readers' lists: fromiter reads a list of numbers faster than asarray does.
    all_shares = np.fromiter(shares, np.float64, len(shares))
    all_owners = np.fromiter(nesting.owners, np.int64, len(nesting.owners))
    for start, end in line_bounds(lines):
        # The readers' lines hold no line break and are stripped; repair that left them
        # settled (unchanged) left them so.
        chunk = lines if end - start == len(lines) else lines[start:end]  # one, nearly always
        repaired, sources, clean, joined = repaired_lines(chunk)
        settled = settled and clean
        page, logits = score_page(repaired, stripped=clean, joined=joined)
        # Without sources, each repaired line is the line of the same number.
        source = page.index if sources is None else sources[page.index]
        if scores is not None:
            every = [True] * len(logits)
            for line, logit in zip(page.collapsed(every), logits.tolist(), strict=True):
                scores[line] = max(logit, scores.get(line, logit))
        if start:
            source = source + start
        densities = all_shares[source]
        if text_only:
            chosen = mostly_text((logits > threshold()).tolist(), densities)
        else:
            owners = all_owners[source]
            chosen = keep_blocks(logits, densities, page.words, owners, nesting.parents)
        kept.extend(page.collapsed(chosen))
    return Settled(kept) if settled else kept


def clean_text(
    source: str | bytes,
    *,
    kind: Kind | None = None,
    boilerplate: bool | None = None,
    extractor: Extractor = "auto",
) -> str:
    """Clean ``source`` to text: the title (when known), a blank line, then the paragraphs.

    ``kind`` is sniffed when None. ``boilerplate`` (default: on for plain text and whole HTML
    pages, off for HTML fragments and Markdown) removes navigation, comments, notices and other
    page furniture. For HTML pages ``extractor="auto"`` uses trafilatura when the ``html``
    extra is installed and our own lxml extractor otherwise. Never raises on bad input text.

    Raises:
        TypeError: ``source`` is neither str nor bytes.
        ValueError: ``kind`` or ``extractor`` is not one of the names above.
    """
    _check_arguments(source, kind, extractor)
    return _join(*_clean(source, kind=kind, boilerplate=boilerplate, extractor=extractor))


def _check_arguments(source: object, kind: object, extractor: object) -> None:
    """Fail fast and clearly on a wrong call: these are the caller's bugs, not bad pages."""
    if not isinstance(source, str | bytes):
        raise TypeError(f"clean_text() takes the page as str or bytes, not {type(source).__name__}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"clean_text(kind={kind!r}): kind must be one of {', '.join(KINDS)}")
    _check_extractor("clean_text", extractor)


def _check_extractor(caller: str, extractor: object) -> None:
    if extractor not in EXTRACTORS:
        raise ValueError(
            f"{caller}(extractor={extractor!r}): extractor must be one of {', '.join(EXTRACTORS)}"
        )


def _clean(
    source: str | bytes,
    *,
    kind: Kind | None,
    boilerplate: bool | None,
    extractor: Extractor,
) -> tuple[str | None, list[str]]:
    """Title and paragraphs of ``source``, not yet settled: the one cleaning path behind both
    :func:`clean_text` and :func:`clean_record`, which settle and join its result once.

    Markdown is repaired whole before it is parsed and its paragraphs are settled again
    after: not twice the same work, since removing markup can expose text to repair (an
    entity split by a tag, ``&<b>amp</b>;``), and the parse has always seen repaired text.
    """
    if isinstance(source, bytes):
        if kind == "html":
            found = _clean_utf8_html(source, boilerplate, extractor)
            if found is not None:
                return found
        text, utf8 = decode_utf8(source)
    else:
        text, utf8 = source, False
    if kind is None:
        kind = sniff(text)
    if kind == "html":
        page = _whole_page(text)
        raw = source if utf8 and isinstance(source, bytes) else None
        return _clean_html(text, page if boilerplate is None else boilerplate, extractor, raw)
    if kind == "text" and boilerplate is not False:
        return _clean_page_text(text)
    if kind == "markdown":
        return None, markdown.paragraphs(repair(markdown.keep_backslashes_literal(text)))
    text = repair(text)
    return None, _text_paragraphs(text)


def mark_truncation(excerpt: str) -> str:
    """An excerpt cut short (ending in "..." or "…") ends in exactly one "…", no space before."""
    # str methods, not ``\s*(?:...)\s*$``: that regex retried every run of spaces from
    # each of its positions (seconds on an excerpt of spaces).
    end = excerpt.rstrip()
    mark = next((m for m in _TRUNCATION_MARKS if end.endswith(m)), None)
    trimmed = end[: -len(mark)].rstrip() if mark else excerpt
    return trimmed + TRUNCATION if trimmed != excerpt and trimmed else excerpt


def _meta_text(meta: Mapping[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` with text, cleaned. YAML reads ``title: 2024`` as a number, which
    the author meant as text, so numbers count (booleans do not: ``title: yes`` is a slip)."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return collapse(repair(value))
    return None


def clean_record(record: Any, *, extractor: Extractor = "auto") -> str:
    """The cleaned text of a :class:`convert.record.Record`.

    With front matter, the body is the author's and is kept whole; without, the record is a
    scraped page and gets boilerplate removal and an inferred title. A record with no body
    gives its title and excerpt (a truncated excerpt marked with a final "…"). ``extractor``
    is as :func:`clean_text` takes it, for a scraped HTML page.

    Raises:
        ValueError: ``extractor`` is not one of EXTRACTORS.
    """
    _check_extractor("clean_record", extractor)
    meta: Mapping[str, Any] = record.meta if isinstance(record.meta, Mapping) else {}
    title = _meta_text(meta, "title", "headline", "name")
    body: str = record.body or ""
    kind: Kind = record.body_format if record.body_format in KINDS else "text"
    scraped = not meta
    if body.strip():
        found, paragraphs = _settled(
            *_clean(body, kind=kind, boilerplate=scraped, extractor=extractor)
        )
        parts = _parts(found, paragraphs)
        if title is None:
            return "\n\n".join(parts)
        return "\n\n".join(_parts(_settle(title), parts))  # parts are settled already
    excerpt = _meta_text(meta, "excerpt", "description", "summary")
    return _join(title, [mark_truncation(excerpt)] if excerpt else [])
