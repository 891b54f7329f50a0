"""HTML to lines of text with lxml: one line per block, furniture elements dropped first.

Script, style, navigation, asides, footers, forms and hidden elements never hold the article,
so they go before any text is read. What remains is walked once: block elements (headings,
paragraphs, list items, quotes, table cells) each become a line, inline elements join their
text. Each line remembers its link density, since a line that is mostly link text is a menu.
Which elements are furniture and blocks, and what hides one, is decided with the Lexbor
reader alike (:mod:`convert.text.html_rules`); the furniture is taken out by
:mod:`convert.text.lxml_furniture`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from lxml import etree

from convert.text.depth import RAW_TEXT as RAW_TEXT  # the list is shared with the scan
from convert.text.depth import flattened
from convert.text.html_rules import (
    BLANK_LINE,
    BLOCKS,
    PARAGRAPH_TAGS,
    TITLE_FURNITURE,
    Nesting,
    hidden_by,
    links_home,
)
from convert.text.lxml_furniture import strip_furniture
from convert.text.normalise import collapse

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
# libxml2's HTML parser as lxml.html uses it, but with plain elements: lxml.html's element
# classes cost a Python lookup for every element the walk touches.
_PARSER = etree.HTMLParser()


class Block(NamedTuple):
    """A line of text from one block element, with the share of it that is link text (a
    named tuple: a page has hundreds, and a frozen dataclass took three times as long to
    make) and the number of that element (:class:`Nesting`)."""

    text: str
    tag: str
    link_density: float
    owner: int = 0


# Where "<noscript" is no tag: inside those elements and comments; what closes each.
_RAW_START = re.compile(rf"<({'|'.join(RAW_TEXT)}|noscript)(?=[\s/>])|<!--", re.I)
_RAW_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.I) for name in (*RAW_TEXT, "noscript")}
_NOSCRIPT = re.compile(r"<noscript", re.I)
_TAG_LOOKBACK = 4096  # how far back a "<noscript" is checked for being inside another tag


def _in_tag(markup: str, at: int) -> bool:
    """Whether ``at`` lies inside a tag (an attribute's value): a "<" after the last ">"
    before it, looked for within _TAG_LOOKBACK characters."""
    start = max(0, at - _TAG_LOOKBACK)
    return markup.rfind("<", start, at) > markup.rfind(">", start, at)


def _noscript_emptied(markup: str) -> str:
    """``markup`` with what each <noscript> holds taken out, as a browser that runs scripts
    reads it (text up to the closing tag, dropped with the element; Lexbor parses so too).

    libxml2 parses it as markup, and an element left open inside (``<noscript><div
    id="nojs"></noscript>``) took the rest of the page into the noscript, which is furniture.
    Raw-text elements (scripts, styles, titles, ...) and comments are passed over whole, a
    "<noscript" inside another tag is text, and one never closed is left to libxml2."""
    if _NOSCRIPT.search(markup) is None:
        return markup
    kept: list[str] = []
    at = start = 0
    while (found := _RAW_START.search(markup, at)) is not None:
        name = (found.group(1) or "").lower()
        if not name:  # a comment; "<!-->" and "<!--->" are whole ones
            if markup.startswith((">", "->"), found.end()):
                at = markup.find(">", found.end()) + 1
                continue
            end = markup.find("-->", found.end())
            if end < 0:
                break
            at = end + 3
            continue
        if _in_tag(markup, found.start()):
            at = found.end()
            continue
        tag_end = markup.find(">", found.end())
        closing = _RAW_END[name].search(markup, tag_end + 1) if tag_end >= 0 else None
        if closing is None:
            break
        if name == "noscript":
            kept.append(markup[start : tag_end + 1])
            start = closing.start()
        at = closing.end()
    kept.append(markup[start:])
    return "".join(kept)


def parse(markup: str) -> etree._Element | None:
    """Parse a page or fragment; None when there is nothing to parse. Markup nested past
    :data:`convert.text.depth.CAP` levels is flattened first: libxml2 drops what lies
    deeper than 256 levels, the rest of the page with it."""
    markup = _noscript_emptied(_XML_DECL.sub("", markup, count=1).replace("\x00", ""))
    markup = flattened(markup)
    if not markup.strip():
        return None
    try:
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and len(root) else None


def blocks(root: etree._Element, parents: list[int] | None = None) -> list[Block]:
    """The text of ``root`` as block lines, in document order; ``parents``, when given,
    receives each block element's parent (:class:`Nesting`), html and body being the page."""
    out: list[Block] = []
    parts: list[str] = []
    link_chars = [0]
    current_tag = ["p"]
    numbers = [-1] if parents is None else parents
    if not numbers:
        numbers.append(-1)
    current = [0]
    pre_text = [False]  # whether the text read next is a <pre>'s up to its first inner block

    def flush() -> None:
        raw = "".join(parts)
        text = collapse(raw)
        if text:
            density = min(link_chars[0] / len(text), 1.0)
            if pre_text[0] and "\n" in raw.strip():
                # One paragraph for each stretch between blank lines (as the Lexbor reader).
                for part in BLANK_LINE.split(raw.strip()):
                    if part := collapse(part):
                        out.append(Block(part, current_tag[0], density, current[0]))
            else:
                out.append(Block(text, current_tag[0], density, current[0]))
        parts.clear()
        link_chars[0] = 0
        pre_text[0] = False

    def walk(el: etree._Element, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in BLOCKS
        if is_block:
            flush()
            pre_text[0] = tag == "pre"
            current_tag[0] = tag
            outer = current[0]
            if tag not in ("html", "body"):
                current[0] = len(numbers)
                numbers.append(outer)
        link = in_link or tag == "a"
        if el.text:
            parts.append(el.text)
            if link:
                link_chars[0] += len(el.text.strip())
        for child in el:
            walk(child, link)
            if is_block:
                current_tag[0] = tag
        if is_block:
            flush()
            current[0] = outer
        if el.tail:
            parts.append(el.tail)
            if in_link:
                link_chars[0] += len(el.tail.strip())

    walk(root, False)
    flush()
    return out


def page_blocks(
    markup: str, *, title: bool, parents: list[int] | None = None
) -> tuple[str | None, list[Block]]:
    """The title (when asked for) and block lines of a page or fragment, read with lxml
    (``parents`` as in :func:`blocks`)."""
    root = parse(markup)
    if root is None:
        return None, []
    found = page_title(root) if title else None
    strip_furniture(root)
    lines = blocks(root, parents)
    root.clear()  # a huge page's tree is freed before its lines are judged
    return found, lines


def _text_of(el: etree._Element) -> str:
    return collapse(etree.tostring(el, method="text", encoding="unicode", with_tail=False))


def _names_the_site(heading: etree._Element, text: str) -> bool:
    """Whether the heading's text, ``text``, is all one link to the home page: the site's
    name or logo (a theme's header, a documentation set's name), no title of the page."""
    return any(
        links_home(link.get("href"), link.get("rel")) and _text_of(link) == text
        for link in heading.iter("a")
    )


def _out_of_sight(heading: etree._Element) -> bool:
    """Whether ``heading`` sits in furniture or in an element hidden from sight (a screen
    reader's hiding alone, which a page's wrapper may carry, does not count)."""
    for el in heading.iterancestors():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in TITLE_FURNITURE or hidden_by(
            el.get("hidden"), None, el.get("style"), el.get("id")
        ):
            return True
    return hidden_by(heading.get("hidden"), None, heading.get("style"), heading.get("id"))


def page_title(root: etree._Element) -> str | None:
    """The page's title: its first h1 with text that a reader sees and that does not name
    the site, else og:title, else <title>."""
    for heading in root.iter("h1"):
        text = _text_of(heading)
        if text and not _names_the_site(heading, text) and not _out_of_sight(heading):
            return text
    for xpath in ("//meta[@property='og:title']/@content", "//title"):
        found = root.xpath(xpath)
        for item in found if isinstance(found, list) else ():
            if isinstance(item, str):
                text = collapse(item)
            elif isinstance(item, etree._Element):
                text = _text_of(item)
            else:
                continue
            if text:
                return text
    return None


def as_page_lines(found: Sequence[Block]) -> tuple[list[str], list[Block | None]]:
    """The blocks laid out as a browser's text copy would be (what the classifier learnt):
    paragraph-like blocks between blank lines, list items and divisions on consecutive lines.
    Also returns the block behind each line (None for the blank ones)."""
    lines: list[str] = []
    owners: list[Block | None] = []
    for block in found:
        spaced = block.tag in PARAGRAPH_TAGS
        if spaced and lines and lines[-1]:
            lines.append("")
            owners.append(None)
        lines.append(block.text)
        owners.append(block)
        if spaced:
            lines.append("")
            owners.append(None)
    return lines, owners


def page_lines(markup: str, *, title: bool) -> tuple[str | None, list[str], list[float], Nesting]:
    """The title (when asked for), the block lines laid out by :func:`as_page_lines`, each
    line's share of link text (0.0 for the blank lines) and where the lines sit among the
    block elements: what the Lexbor reader returns."""
    parents = [-1]
    found, read = page_blocks(markup, title=title, parents=parents)
    lines, owners = as_page_lines(read)
    return (
        found,
        lines,
        [0.0 if owner is None else owner.link_density for owner in owners],
        Nesting(parents, [-1 if owner is None else owner.owner for owner in owners]),
    )
