"""HTML to block lines with Lexbor (through selectolax): the built-in extractor's fast parser.

Lexbor parses a page in about two fifths of libxml2's time, as browsers do (HTML5 tree
building). What is read from the tree is what :mod:`convert.text.html` reads with lxml: the
same furniture goes first, then each block element's text becomes a line that knows its
share of link text. Walking the tree node by node in Python cost more than the parse, so the
walk is left to Lexbor: a marker character is put before and after every block element and
every link, the whole text is read in one call, and the markers are split out again.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from convert.text.html import _PARAGRAPH_TAGS, BLOCKS, DROP, HIDDEN_STYLE, Block
from convert.text.normalise import collapse

_SPACED, _BLOCK, _END, _LINK, _LINK_END = "\x01", "\x02", "\x03", "\x04", "\x05"
_MARKS = (_SPACED, _BLOCK, _END, _LINK, _LINK_END)
_MARKERS = re.compile("[\x01-\x05]")
_BLOCK_SPLIT = re.compile("([\x01-\x03])")
_LINK_SPLIT = re.compile("([\x04\x05])")
# html and body hold everything: the text outside any other block is theirs.
_PARAGRAPH_SELECTOR = ",".join(sorted((BLOCKS - {"html", "body"}) & _PARAGRAPH_TAGS))
_DIVISION_SELECTOR = ",".join(sorted(BLOCKS - {"html", "body"} - _PARAGRAPH_TAGS))
# Only these can be hidden (HIDDEN_STYLE needs one of the two words); most pages style many
# elements, and reading each one's attributes in Python cost more than the selector.
_MAY_HIDE = '[hidden],[aria-hidden],[style*="display" i],[style*="visibility" i]'
_DROP = ["head", *(tag for tag in DROP if tag != "head")]


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    style = attributes.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def _title(tree: LexborHTMLParser) -> str | None:
    """The page's title: its first h1 with text, else og:title, else <title>."""
    for heading in tree.css("h1"):
        text = collapse(heading.text(deep=True))
        if text:
            return text
    for meta in tree.css('meta[property="og:title"]'):
        text = collapse(meta.attributes.get("content") or "")
        if text:
            return text
    for title in tree.css("title"):
        text = collapse(title.text(deep=True))
        if text:
            return text
    return None


def _strip_furniture(tree: LexborHTMLParser) -> None:
    """Remove what never carries article text: as :func:`convert.text.html.strip_furniture`."""
    tree.strip_tags(_DROP)  # head first: the walks for the other tags then skip it
    # Decomposing frees an element with everything inside it, and a selection lists an
    # element before what it holds: walked backwards, no element is read after it was freed.
    for form in reversed(tree.css("form")):
        if form.css_first("p") is None:  # a form wrapping the article (ASP.NET) stays
            form.decompose()
    for node in reversed(tree.css(_MAY_HIDE)):
        if _hidden(node):
            node.decompose()


def _marked_text(tree: LexborHTMLParser) -> str:
    """The page's text with a marker opening and closing each block element and link."""
    # One selection per kind of block, so that no element's tag is asked for in Python. The
    # order of the insertions does not matter: a marker goes right before or after its own
    # element, so one element's closing marker always precedes its next sibling's opening.
    for selector, opening in ((_PARAGRAPH_SELECTOR, _SPACED), (_DIVISION_SELECTOR, _BLOCK)):
        for node in tree.css(selector):
            node.insert_before(opening)
            node.insert_after(_END)
    for node in tree.css("a"):
        node.insert_before(_LINK)
        node.insert_after(_LINK_END)
    root = tree.root
    return root.text(deep=True) if root is not None else ""


def _link_chars(text: str, links: int) -> tuple[int, int]:
    """Characters of link text in a stretch holding link markers, and how many links are
    open after it (``links`` were open before)."""
    chars = 0
    pieces = _LINK_SPLIT.split(text)  # text, marker, text, ..., text
    for k in range(0, len(pieces), 2):
        if links:
            chars += len(pieces[k].strip())
        if k + 1 < len(pieces):
            links = links + 1 if pieces[k + 1] == _LINK else max(links - 1, 0)
    return chars, links


def _blocks(marked: str) -> list[Block]:
    """Block lines from the marked text: each block's text up to its first inner block, and
    each stretch after an inner block ends, belongs to the innermost open block.

    Most stretches are empty or white space between tags (about three in four): they are
    passed over before anything else is asked of them."""
    out: list[Block] = []
    spaced = [False]  # of the open blocks, innermost last
    links = 0
    pieces = _BLOCK_SPLIT.split(marked)  # text, marker, text, marker, ..., text
    pieces.append(_END)
    stretches = iter(pieces)
    for text, mark in zip(stretches, stretches, strict=True):
        if text and not text.isspace():
            if _LINK in text or _LINK_END in text:
                link_chars, links = _link_chars(text, links)
                text = text.replace(_LINK, "").replace(_LINK_END, "")
            else:
                link_chars = len(text.strip()) if links else 0
            line = " ".join(text.split())
            if line:
                density = min(link_chars / len(line), 1.0) if link_chars else 0.0
                out.append(Block(line, "p" if spaced[-1] else "div", density))
        if mark == _END:
            if len(spaced) > 1:
                spaced.pop()
        else:
            spaced.append(mark == _SPACED)
    return out


def page_blocks(markup: str, *, title: bool) -> tuple[str | None, list[Block]]:
    """The title (when asked for) and block lines of a page or fragment."""
    markup = markup.replace("\x00", "")
    if any(mark in markup for mark in _MARKS):
        markup = _MARKERS.sub("", markup)
    if not markup.strip():
        return None, []
    tree = LexborHTMLParser(markup)
    found = _title(tree) if title else None
    _strip_furniture(tree)
    return found, _blocks(_marked_text(tree))
