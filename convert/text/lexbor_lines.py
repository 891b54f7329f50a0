"""The marked text of a page split into block lines: the reading half of the Lexbor reader.

:mod:`convert.text.html_lexbor` puts a marker before and after every block element and link
and reads the page's text in one call; the markers defined here are split out again, each
stretch of text going to the innermost open block, with its share of link text and its
place among the block elements. Its loop runs once for every stretch of every page, which
is why it holds what might have been calls inline.
"""

from __future__ import annotations

from convert.text.html_rules import BLANK_LINE, Nesting

SPLIT = "\x01"
SPACED, BLOCK, END = "\x1c", "\x1d", "\x1e"  # after SPLIT: paragraph-like, other, closing
PRE = "\x1f"  # after SPLIT: preformatted text, whose blank lines part its paragraphs
LINK, LINK_END = "\x04", "\x05"


def _link_chars(text: str, links: int) -> tuple[int, int]:
    """Characters of link text in a stretch holding link markers, and how many links are
    open after it (``links`` were open before).

    Cut at the openings, then each piece at its closings, with str methods: a stretch holds
    a few markers, and a regular expression's split (or findall) cost more than the cuts."""
    chars = 0
    for opened, piece in enumerate(text.split(LINK)):
        if opened:
            links += 1
        if LINK_END in piece:
            for closed, part in enumerate(piece.split(LINK_END)):
                if closed and links:
                    links -= 1
                if links:
                    chars += len(part.strip())
        elif links:
            chars += len(piece.strip())
    return chars, links


def block_lines(marked: str) -> tuple[list[str], list[float], Nesting]:
    """The block lines of the marked text, laid out as :func:`convert.text.html.as_page_lines`
    lays blocks out, each line's share of link text (0.0 for the blank lines) and where the
    lines sit among the block elements.

    Each block's text up to its first inner block, and each stretch after an inner block
    ends, belongs to the innermost open block. Most stretches are white space between tags
    (about three in four): only their marker is read."""
    lines: list[str] = []
    shares: list[float] = []
    nesting = Nesting([-1], [])
    parents, owners = nesting
    stretches = marked.split(SPLIT)
    stretches[0] = END + stretches[0]  # the text before any block: closing nothing
    # The innermost open block is ``top``. A block closing leaves its parent open, which
    # ``parents`` holds: no stack of the open blocks is kept besides (a push at every
    # opening and a pop at every closing cost 1.04x here). The page (number 0) is its own
    # parent while the lines are read, so that a closing marker with no block open (the
    # page's own markup can be unbalanced once furniture is out) leaves the page open
    # without a test at every closing. The lists' methods are bound once: looked up at each
    # of a page's six hundred or so stretches, they cost 1.07x here.
    parents[0] = 0
    parent_of = parents.append
    spaced = [False]  # by block number: whether the block is paragraph-like
    kind_of = spaced.append
    top = 0
    links = 0
    for text in stretches:
        kind = text[:1]
        if kind == END:
            top = parents[top]
        elif kind == BLOCK:  # each kind its own branch: a set lookup and a test cost more
            parent_of(top)
            top = len(spaced)  # the new block's number
            kind_of(False)
        elif kind in (SPACED, PRE):
            parent_of(top)
            top = len(spaced)
            kind_of(True)
        # else: a control character of the page's own (&#1;) split a stretch in two
        if text.isspace():
            continue
        if LINK in text or LINK_END in text:
            # Most such stretches hold one whole link and no other marker, and no link is
            # open before them: three pieces, cut with str methods (about half a regular
            # expression's findall and two replacements), here rather than in a function
            # (its call and tuple cost 1.03x of reading the lines).
            before, _, rest = text.partition(LINK)
            inside, closed, after = rest.partition(LINK_END)
            if (
                closed
                and not links
                and LINK not in inside
                and LINK not in after
                and LINK_END not in after
                and LINK_END not in before
            ):
                line = (before + inside + after).strip()
                link_chars = len(inside.strip())
            else:
                link_chars, links = _link_chars(text, links)
                line = text.replace(LINK, "").replace(LINK_END, "").strip()
        else:
            line = text.strip()  # the kind marker is white space too
            link_chars = len(line) if links else 0
        # Stripped, most stretches are one line of single spaces already (isprintable is
        # False for every white space but " "), which splitting and joining would only copy:
        # normalise.collapse's test, less its ends, inline (calling it cost 1.08x here).
        if kind == PRE and "\n" in line:
            # A preformatted block's text up to its first inner block: one paragraph for
            # each stretch between blank lines, as a mail or a text file shows them.
            share = min(link_chars / len(" ".join(line.split())), 1.0) if link_chars else 0.0
            for part in BLANK_LINE.split(line):
                part = " ".join(part.split())
                if part:
                    if lines and lines[-1]:
                        lines.append("")
                        shares.append(0.0)
                        owners.append(-1)
                    lines += (part, "")
                    shares += (share, 0.0)
                    owners += (top, -1)
            continue
        if not line.isprintable() or "  " in line:
            line = " ".join(line.split())
        if line:
            share = min(link_chars / len(line), 1.0) if link_chars else 0.0
            if spaced[top]:
                if lines and lines[-1]:
                    lines.append("")
                    shares.append(0.0)
                    owners.append(-1)
                lines += (line, "")
                shares += (share, 0.0)
                owners += (top, -1)
            else:
                lines.append(line)
                shares.append(share)
                owners.append(top)
    parents[0] = -1  # above the page: no block
    return lines, shares, nesting
