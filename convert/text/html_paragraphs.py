"""HTML to a title and paragraphs: our reader (Lexbor, or lxml where selectolax cannot be
imported), the block stage that judges its lines, trafilatura's paragraphs merged with ours
where it is chosen, and huge markup read a piece at a time.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType
from typing import Literal

import numpy as np

from convert.text import html as html_
from convert.text.blockscore import keep_blocks, mostly_text, repaired_lines
from convert.text.decode import read_as_utf8_when_valid
from convert.text.html_rules import Nesting
from convert.text.joining import Settled
from convert.text.kinds import whole_page
from convert.text.normalise import collapse, repair
from convert.text.plain import score_page, threshold
from convert.text.segments import HTML_PIECE_CHARS, html_pieces, line_bounds

Extractor = Literal["auto", "builtin", "trafilatura"]
EXTRACTORS: tuple[Extractor, ...] = ("auto", "builtin", "trafilatura")

MERGE_WORDS = 20  # our own paragraphs at least this long join trafilatura's when it missed them
# Trafilatura's paragraphs that our classifier scores this low (a logit 1.25 below THRESHOLD)
# are dropped: they are mostly teasers, bylines and notices it let through. Chosen on the
# tuning half of the labelled pages: F1 there 0.943 -> 0.948, held-out half 0.947 -> 0.952.
VETO = -2.0


def merge(theirs: list[str], ours: list[str]) -> list[str]:
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


def page_lines(
    markup: str, title: bool, utf8: bytes | None = None
) -> tuple[str | None, list[str], list[float], Nesting]:
    """Title (when asked for), block lines, their link shares and places among the block
    elements, with Lexbor where it is installed (:func:`convert.text.html.page_lines`).
    ``utf8``, when given, is ``markup`` as UTF-8: Lexbor parses those bytes, and encoding
    the text again is saved."""
    fast = _lexbor()
    if fast is None:
        return html_.page_lines(markup, title=title)
    found: tuple[str | None, list[str], list[float], Nesting] = fast.page_lines(
        markup if utf8 is None else utf8, title=title
    )
    return found


def clean_html(
    markup: str, boilerplate: bool | None, extractor: str, utf8: bytes | None = None
) -> tuple[str | None, list[str]]:
    """Title (of whole pages) and paragraphs of HTML; ``markup`` is parsed once by our reader
    (from ``utf8``, the page's bytes, when they are ``markup`` as UTF-8). ``boilerplate``
    None is on for a whole page, off for a fragment.

    Trafilatura parses the markup its own way (its results depend on it), so it gets the
    string; our extractor, which it is merged with, reuses the blocks read here.
    """
    if boilerplate is None:
        boilerplate = whole_page(markup)
    if len(markup) > HTML_PIECE_CHARS:
        return _clean_huge_html(markup, boilerplate)
    title, lines, shares, nesting = page_lines(markup, boilerplate, utf8)
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
            return title, merge(kept, ours)
    return title, _judge(lines, shares, nesting, boilerplate)


def clean_utf8_html(
    data: bytes, boilerplate: bool | None, extractor: Extractor
) -> tuple[str | None, list[str]] | None:
    """:func:`clean_html` of HTML bytes taken for UTF-8 without decoding them first (Lexbor
    decodes as it parses; decoding a page to text costs about a fiftieth of cleaning it), or
    None where the text is needed after all: bytes that may be in another encoding, a page
    that is not UTF-8 where it is read, trafilatura, the lxml reader or a huge page."""
    fast = _lexbor()
    if fast is None or len(data) > HTML_PIECE_CHARS or not read_as_utf8_when_valid(data):
        return None
    if boilerplate is None:
        boilerplate = whole_page(data)
    if boilerplate and extractor != "builtin":
        from convert.text import traf

        if extractor == "trafilatura" or traf.available():
            return None
    found: tuple[str | None, list[str], list[float], Nesting] | None = fast.utf8_page_lines(
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
        found, lines, shares, nesting = page_lines(piece, number == 0 and boilerplate)
        title = found if number == 0 else title
        paragraphs = _judge(lines, shares, nesting, boilerplate)
        settled = settled and isinstance(paragraphs, Settled)
        kept.extend(paragraphs)
    return title, Settled(kept) if settled else kept


def _judge(
    lines: list[str],
    shares: list[float],
    nesting: Nesting,
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
