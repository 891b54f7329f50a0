"""Huge pages cut into pieces that are cleaned one after another, so memory stays bounded.

The line classifier keeps about forty floats for every line of the page it judges, some 1.5 kB
a line: a 200 MB page of short lines needed 4 GB, and Python's collector, walking ever more
live objects, made the time grow faster than the size. Real pages are far smaller than one
piece (the largest of the 848 labelled pages is 97 kB and 1,080 lines), so they are judged
whole as before; a huge one is judged piece by piece, each cut at a blank line where one is
near, so memory is set by the piece size and time grows with the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from convert.text.depth import RAW_TEXT

PIECE_CHARS = 1_000_000  # ten times the largest labelled page
PIECE_LINES = 10_000
HTML_PIECE_CHARS = 4_000_000  # markup: a parsed tree takes several times its text
# Where markup may not be cut: inside these, text up to the closer is not markup, and a piece
# that began inside one would read the rest as the page's elements and text.
_RAW = (
    ("<!--", "-->"),
    *((f"<{name}", f"</{name}") for name in (*RAW_TEXT, "noscript")),
)
# What begins a piece and may run past a whole window: a comment, a raw-text element (an
# inlined script bundle or a Next.js page's __NEXT_DATA__ runs to megabytes), or a tag (a
# saved page's images inlined as data: addresses in its attributes).
_COMMENT_END = re.compile("-->")
_RAW_NAMES = "|".join((*RAW_TEXT, "noscript"))
_RAW_OPENED = re.compile(rf"<({_RAW_NAMES})(?=[\s/>])", re.IGNORECASE | re.ASCII)
_TAG = re.compile(r"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")


def text_pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """``text`` in consecutive pieces of at most ``size`` characters, cut at a blank line
    where the piece has one, else at a line break, else anywhere; joined they give ``text``
    back with one line break at each cut."""
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n\n", start, end)
        if cut <= start:
            cut = text.rfind("\n", start, end)
        if cut <= start:
            yield text[start:end]
            start = end
            continue
        yield text[start:cut]
        start = cut + 1
    yield text[start:]


def joined_runs(parts: list[str], size: int = PIECE_CHARS) -> Iterator[str]:
    """``parts`` joined by line breaks in consecutive runs of at most ``size`` characters
    (a longer part makes a run of its own); the runs joined by line breaks give
    ``"\\n".join(parts)``."""
    run: list[str] = []
    chars = 0
    for part in parts:
        if run and chars + len(part) > size:
            yield "\n".join(run)
            run, chars = [], 0
        run.append(part)
        chars += len(part) + 1
    if run:
        yield "\n".join(run)


def line_bounds(lines: list[str], size: int = PIECE_LINES) -> Iterator[tuple[int, int]]:
    """``(start, end)`` bounds of consecutive runs of at most ``size`` lines, each ending at
    a blank line where the run has one."""
    start = 0
    while len(lines) - start > size:
        end = start + size
        cut = next((i for i in range(end - 1, start, -1) if not lines[i]), end - 1) + 1
        yield start, cut
        start = cut
    yield start, len(lines)


def _markup_cut(window: str) -> int:
    """The last place in ``window`` (lower-cased markup) before a "<" that is outside any
    comment and any element read as raw text (_RAW); 0 when there is none."""
    cut = window.rfind("<")
    moved = True
    while cut > 0 and moved:
        moved = False
        for opener, closer in _RAW:
            opened = window.rfind(opener, 0, cut)
            if opened >= 0 and opened > window.rfind(closer, 0, cut):
                cut, moved = opened, True
    return max(cut, 0)


def _head_end(markup: str, start: int) -> int:
    """Where the comment, raw-text element or tag that begins ``markup[start:]`` ends (the
    end of the markup when it never does, as a browser reads an unclosed one); ``start``
    when the piece begins with text."""
    if markup.startswith("<!--", start):
        closed = _COMMENT_END.search(markup, start + 4)
        return closed.end() if closed else len(markup)
    raw = _RAW_OPENED.match(markup, start)
    if raw:
        closer = re.compile(rf"</{raw.group(1)}(?=[\s/>])", re.IGNORECASE).search(markup, raw.end())
        if closer is None:
            return len(markup)
        start = closer.start()
    tag = _TAG.match(markup, start)
    if tag:
        return tag.end()
    return len(markup) if markup.startswith("<", start) else start


def html_pieces(markup: str, size: int = HTML_PIECE_CHARS) -> Iterator[str]:
    """Huge markup in consecutive pieces of at most ``size`` characters, each cut before a
    tag outside comments and raw-text elements (scripts, styles, noscript, ...), so that
    every piece parses on its own into the same text (elements open across a cut are closed
    and reopened by the parser). A comment, raw-text element or tag longer than a piece is
    one piece whole, since a cut inside it would read its rest as the page's text; text
    longer than a piece is cut at a space."""
    start = 0
    while len(markup) - start > size:
        cut = _markup_cut(markup[start : start + size].lower())
        if cut > 0:
            end = start + cut
        else:
            head = _head_end(markup, start)
            if head > start + size:
                end = head
            else:
                space = max(
                    markup.rfind(" ", head, start + size), markup.rfind("\n", head, start + size)
                )
                end = space + 1 if space > start else start + size
        yield markup[start:end]
        start = end
    if start < len(markup) or not markup:
        yield markup[start:]
