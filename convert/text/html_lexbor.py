"""HTML to block lines with Lexbor (through selectolax): the built-in extractor's fast parser.

Lexbor parses a page in about two fifths of libxml2's time, as browsers do (HTML5 tree
building). What is read from the tree is what :mod:`convert.text.html` reads with lxml: the
same furniture goes first, then each block element's text becomes a line that knows its
share of link text. Walking the tree node by node in Python cost more than the parse, so the
walk is left to Lexbor: a marker is put before and after every block element and every link,
the whole text is read in one call, and the markers are split out again.

A block marker is a split character (``\\x01``, which the markup is cleared of first) and the
block's kind after it as a character Python counts as white space: the marked text splits
with ``str.split`` (memchr, not a regular expression), each stretch tells its kind by its
first character, and a stretch that holds no text is white space whole (``str.isspace``).

This module parses and marks; the furniture taken out first is
:mod:`convert.text.lexbor_furniture`'s, the title :mod:`convert.text.lexbor_title`'s, and
the marked text is split into lines by :mod:`convert.text.lexbor_lines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from convert.text.depth import flattened
from convert.text.html_rules import (
    BLOCKS,
    PARAGRAPH_TAGS,
    Nesting,
    shadow_root,
)
from convert.text.lexbor_furniture import LATE_DROP, strip_furniture
from convert.text.lexbor_lines import (
    BLOCK,
    END,
    LINK,
    LINK_END,
    PRE,
    SPACED,
    SPLIT,
    block_lines,
)
from convert.text.lexbor_title import page_title

_MARK_BYTES = tuple(mark.encode() for mark in ("\x01", "\x02", "\x03", LINK, LINK_END))
_MARKER_BYTES = re.compile(b"[\x01-\x05]")


def _markers_by_tag_number() -> dict[int, tuple[bytes, ...]]:
    """The markers put around each block element and link, by the number Lexbor gives the
    element's tag (the standard tags are numbered alike in every document). html and body
    hold everything: the text outside any other block is theirs. The tags of LATE_DROP
    have no markers: an empty tuple."""
    naming = LexborHTMLParser("")
    closing = (SPLIT + END).encode()
    found: dict[int, tuple[bytes, ...]] = {
        naming.create_node("a").tag_id: (LINK.encode(), LINK_END.encode())
    }
    for tag in BLOCKS - {"html", "body"}:
        kind = PRE if tag == "pre" else SPACED if tag in PARAGRAPH_TAGS else BLOCK
        found[naming.create_node(tag).tag_id] = ((SPLIT + kind).encode(), closing)
    for tag in LATE_DROP:
        found[naming.create_node(tag).tag_id] = ()
    return found


_MARKERS_OF = _markers_by_tag_number()
_TEMPLATE = LexborHTMLParser("").create_node("template").tag_id
# Without Lexbor's mutation events, which only copy a <select>'s chosen option into its
# <selectedcontent> (a select is dropped whole): parsing and marking take less time. A
# selectolax that has no such option parses as it does.
try:
    from selectolax.lexbor import LexborDocumentOptions
except ImportError:  # pragma: no cover - older selectolax
    _OPTIONS: int | None = None
else:
    _OPTIONS = int(LexborDocumentOptions.WO_EVENTS)


Insert = Callable[[LexborNode, bytes], None]


def _for_bytes(method: object) -> Insert:
    """``method`` (``LexborNode.insert_before`` or ``insert_after``) as its version for bytes.

    Cython compiles a method that takes str, bytes or a node into one version for each, and
    a call picks the version by the argument's type: about a microsecond a call, twice what
    the insertion itself costs, and a page has hundreds. Indexed by the type, the fused
    function gives that version directly; a build without versions is called as it is."""
    try:
        return cast(Insert, method["bytes"])  # type: ignore[index]
    except (TypeError, KeyError):
        return cast(Insert, method)


_INSERT_BEFORE = _for_bytes(LexborNode.insert_before)
_INSERT_AFTER = _for_bytes(LexborNode.insert_after)


def _marked_text(tree: LexborHTMLParser) -> str:
    """The page's text with a marker opening and closing each block element and link, the
    furniture of LATE_DROP taken out."""
    # Every element, each looked up by its tag's number: matching a list of tag names in
    # Lexbor cost more than asking each element for its number in Python, and Lexbor's own
    # walk of the tree (traverse) hands the elements over in less time than a selection of
    # them all. The order of the insertions does not matter: a marker goes right before or
    # after its own element, so one element's closing marker always precedes its next
    # sibling's, and the walk skips text, so it never meets a marker. The furniture of
    # LATE_DROP is taken out whole (as strip_tags does: not freed) once the walk is over,
    # since unlinking the element it stands on would end the walk there; markers put into
    # what it holds are taken out with it, and no text is read from them.
    root = tree.root
    if root is None:
        return ""
    markers_of = _MARKERS_OF.get
    before, after = _INSERT_BEFORE, _INSERT_AFTER
    dropped = []
    for node in root.traverse():
        markers = markers_of(node.tag_id)
        if markers:
            before(node, markers[0])
            after(node, markers[1])
        elif markers is not None:
            dropped.append(node)
            if node.tag_id == _TEMPLATE and shadow_root(node.attributes):
                after(node, _shadow_text(node).encode())
    for node in dropped:
        node.decompose(recursive=False)
    # Lexbor's own text content (the text nodes only, as text() reads them): one buffer of
    # the right size, where text() grows a Python bytearray a text node at a time.
    text: str = root.text_lexbor()
    return text


def _shadow_text(template: LexborNode) -> str:
    """The marked text of what a declarative shadow root's template holds, read as a page of
    its own (:func:`convert.text.html_rules.shadow_root`): Lexbor keeps a template's content out of
    the tree, and the walk never meets it. Put where the template stood, as text holding
    its markers, it is read with the rest."""
    markup = template.html or ""
    inner = markup[markup.find(">") + 1 : markup.rfind("</")]
    tree = parse(_cleared(inner.encode("utf-8", "ignore")))
    strip_furniture(tree)
    return _marked_text(tree)


def _cleared(markup: bytes) -> bytes:
    """``markup`` (UTF-8 bytes) without NUL and marker bytes."""
    # One pass finds whether any of the six bytes is there (each search was a pass).
    if not markup or np.minimum.reduce(np.frombuffer(markup, np.uint8)) > 5:
        return markup
    markup = markup.replace(b"\x00", b"")
    if any(mark in markup for mark in _MARK_BYTES):
        markup = _MARKER_BYTES.sub(b"", markup)
    return markup


def _utf8(markup: str | bytes) -> bytes:
    """``markup`` as the UTF-8 bytes Lexbor reads, encoded as selectolax encodes text (a lone
    surrogate dropped) but here, first: clearing it and counting its tags then run over bytes,
    several times faster than over text (0.84 -> 0.67 ms a page for those steps and the
    parse)."""
    return markup.encode("utf-8", "ignore") if isinstance(markup, str) else markup


def page_lines(
    markup: str | bytes, *, title: bool
) -> tuple[str | None, list[str], list[float], Nesting]:
    """The title (when asked for), the block lines of a page or fragment laid out as a text
    copy (:func:`convert.text.html.as_page_lines`), each line's share of link text and where
    the lines sit among the block elements.

    ``markup`` may be the page's UTF-8 bytes, which Lexbor reads as they are (a str is
    encoded to them first)."""
    found, marked = _read(markup, title)
    return (found, *block_lines(marked))


def utf8_page_lines(
    data: bytes, *, title: bool
) -> tuple[str | None, list[str], list[float], Nesting] | None:
    """:func:`page_lines` of bytes taken for UTF-8 undecoded, or None when what was read
    holds a U+FFFD: Lexbor's mark for bytes that are not UTF-8 (or the page's own, rarely),
    after which the caller decodes the page and reads it again.

    Bytes that are not UTF-8 where nothing is read (in a script or in furniture) are left
    unread, and the rest is read as the UTF-8 it is: decoding the whole page first would
    have read it so too, unless those bytes outnumbered the UTF-8 characters around them and
    sent the page to detection, which may then have read the UTF-8 parts as mojibake."""
    found, marked = _read(data, title)
    if "\ufffd" in marked or (found is not None and "\ufffd" in found):
        return None
    return (found, *block_lines(marked))


def parse(markup: str | bytes) -> LexborHTMLParser:
    """The tree of markup (which callers clear of marker characters: :func:`_cleared`), parsed as
    a browser that runs scripts parses it (scripting on): what a <noscript> holds is text up
    to its closing tag, taken out with it. Parsed as markup (scripting off), an element left
    open inside (``<noscript><div id="nojs"></noscript>``, or a <p> never closed) keeps the
    closing tag from closing the noscript, and the rest of the page went with it.

    Markup nested past :data:`convert.text.depth.CAP` levels is flattened first: Lexbor's
    time grows with the square of the nesting."""
    markup = flattened(markup)
    if _OPTIONS is None:  # pragma: no cover - older selectolax
        return LexborHTMLParser(markup)
    return LexborHTMLParser(markup, options=_OPTIONS, scripting=True)


def _read(markup: str | bytes, title: bool) -> tuple[str | None, str]:
    """The title (when asked for) and the marked text (:func:`_marked_text`) of a page."""
    markup = _cleared(_utf8(markup))
    if not markup or markup.isspace():  # strip() would copy the page to say so
        return None, ""
    tree = parse(markup)
    found = page_title(tree) if title else None
    strip_furniture(tree)
    return found, _marked_text(tree)
