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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

import numpy as np
from selectolax.lexbor import LexborHTMLParser, LexborNode

from convert.text.depth import flattened
from convert.text.html_rules import (
    BLANK_LINE,
    BLOCKS,
    NESTED_PAGE_CHARS,
    PARAGRAPH_TAGS,
    TITLE_FURNITURE,
    Nesting,
    hidden_by,
    hidden_from_screen_readers_alone,
    links_home,
    shadow_root,
)
from convert.text.normalise import collapse

_SPLIT = "\x01"
_SPACED, _BLOCK, _END = "\x1c", "\x1d", "\x1e"  # after _SPLIT: paragraph-like, other, closing
_PRE = "\x1f"  # after _SPLIT: preformatted text, whose blank lines part its paragraphs
_LINK, _LINK_END = "\x04", "\x05"
_MARK_BYTES = tuple(mark.encode() for mark in ("\x01", "\x02", "\x03", _LINK, _LINK_END))
_MARKER_BYTES = re.compile(b"[\x01-\x05]")


# Furniture taken out while the elements are marked (one lookup each, made anyway) rather
# than by a walk of the tree per tag: what one labelled page in eight or fewer holds, and
# the elements that hold little or nothing (scripts, styles, frames and inputs).
_LATE_DROP = (
    "template", "math", "object", "embed", "canvas", "dialog", "menu", "video", "audio", "map",
    "select", "picture", "script", "style", "iframe", "textarea", "input", "button", "label",
    "noscript", "rt", "rp",
)  # fmt: skip


def _markers_by_tag_number() -> dict[int, tuple[bytes, ...]]:
    """The markers put around each block element and link, by the number Lexbor gives the
    element's tag (the standard tags are numbered alike in every document). html and body
    hold everything: the text outside any other block is theirs. The tags of _LATE_DROP
    have no markers: an empty tuple."""
    naming = LexborHTMLParser("")
    closing = (_SPLIT + _END).encode()
    found: dict[int, tuple[bytes, ...]] = {
        naming.create_node("a").tag_id: (_LINK.encode(), _LINK_END.encode())
    }
    for tag in BLOCKS - {"html", "body"}:
        kind = _PRE if tag == "pre" else _SPACED if tag in PARAGRAPH_TAGS else _BLOCK
        found[naming.create_node(tag).tag_id] = ((_SPLIT + kind).encode(), closing)
    for tag in _LATE_DROP:
        found[naming.create_node(tag).tag_id] = ()
    return found


_MARKERS_OF = _markers_by_tag_number()
_BODY = LexborHTMLParser("").create_node("body").tag_id
_TEMPLATE = LexborHTMLParser("").create_node("template").tag_id
_A = LexborHTMLParser("").create_node("a").tag_id
_TITLE_FURNITURE = frozenset(
    LexborHTMLParser("").create_node(tag).tag_id for tag in TITLE_FURNITURE
)
# Without Lexbor's mutation events, which only copy a <select>'s chosen option into its
# <selectedcontent> (a select is dropped whole): parsing and marking take less time. A
# selectolax that has no such option parses as it does.
try:
    from selectolax.lexbor import LexborDocumentOptions
except ImportError:  # pragma: no cover - older selectolax
    _OPTIONS: int | None = None
else:
    _OPTIONS = int(LexborDocumentOptions.WO_EVENTS)
# The elements that may be hidden (HIDDEN_STYLE needs one of the two words), found by one
# selection: a walk of the tree cost as much as its tests, and most pages style many
# elements, whose attributes cost more to read in Python than to match here.
_MAY_HIDE = '[hidden],[aria-hidden],[style*="display" i],[style*="visibility" i]'
# A form's paragraph outside the furniture of _LATE_DROP, which is still in the tree when
# forms are judged.
_LATE_TAGS = ", ".join(_LATE_DROP)
_KEPT_PARAGRAPH = f"p:not(:is({_LATE_TAGS}) p)"
_OUTERMOST_LATE = f":is({_LATE_TAGS}):not(:is({_LATE_TAGS}) *)"
# The furniture that holds the most, each tag one walk of the tree, after head (taken out on
# its own) and before the rest (_LATE_DROP), so that later walks have less to walk (the same
# elements go in any order).
_DROP = ["nav", "footer", "aside", "svg"]


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


def _hidden_attribute(attributes: dict[str, str | None]) -> str | None:
    """The ``hidden`` attribute's value, ``""`` when bare (Lexbor gives a bare attribute's
    value as None, as an absent one's), None when absent."""
    return (attributes.get("hidden") or "") if "hidden" in attributes else None


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    return hidden_by(
        _hidden_attribute(attributes),
        attributes.get("aria-hidden"),
        attributes.get("style"),
        attributes.get("id"),
    )


def _names_the_site(heading: LexborNode, text: str) -> bool:
    """Whether the heading's text, ``text``, is all one link to the home page (as
    :func:`convert.text.html._names_the_site` decides it)."""
    for link in heading.traverse():  # a heading holds a few nodes: no selector to parse
        if link.tag_id != _A:
            continue
        attributes = link.attributes
        if links_home(attributes.get("href"), attributes.get("rel")) and (
            collapse(link.text(deep=True)) == text
        ):
            return True
    return False


def _out_of_sight(heading: LexborNode) -> bool:
    """Whether ``heading`` sits in furniture or in an element hidden from sight (as
    :func:`convert.text.html._out_of_sight` decides it). A heading has a score of
    ancestors: each is asked its tag's number, and only one with a ``hidden`` or ``style``
    attribute (none hides without one) is asked more."""
    node: LexborNode | None = heading
    while node is not None:
        if node.tag_id in _TITLE_FURNITURE:
            return True
        attributes = node.attributes
        if ("hidden" in attributes or "style" in attributes) and hidden_by(
            _hidden_attribute(attributes),
            None,
            attributes.get("style"),
            attributes.get("id"),
        ):
            return True
        node = node.parent
    return False


def _seen(heading: LexborNode, text: str) -> bool:
    """Whether ``heading``, whose text is ``text``, may be the page's title."""
    return not _names_the_site(heading, text) and not _out_of_sight(heading)


def _title(tree: LexborHTMLParser) -> str | None:
    """The page's title: its first h1 with text that does not name the site, else og:title,
    else <title>.

    The first h1 is looked for from body on (a selection that stops at the first match):
    the parser never leaves an h1 in head, whose scripts and links the walk then skips."""
    body = tree.body
    first = (tree if body is None else body).css_first("h1")
    if first is not None:
        text = collapse(first.text(deep=True))
        if text and _seen(first, text):
            return text
    for heading in tree.css("h1"):
        text = collapse(heading.text(deep=True))
        if text and _seen(heading, text):
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


def _read_chars(node: LexborNode) -> int:
    """Characters of text in ``node`` outside the furniture of _LATE_DROP, which is still in
    the tree when forms are judged (the lxml reader has taken it out by then)."""
    late = node.css(_OUTERMOST_LATE)
    return len(node.text_lexbor()) - sum(len(piece.text_lexbor()) for piece in late)


def _forms_to_drop(tree: LexborHTMLParser, forms: list[LexborNode]) -> list[LexborNode]:
    """Of ``forms``, those without a paragraph outside furniture, less a form that is the
    page: one holding at least half of the body's text, as when ASP.NET puts the whole body
    in one (a forum whose posts are lines broken by <br>, with no paragraph, went whole): a
    child of body, or one inside a wrapper holding NESTED_PAGE_CHARS of text at least.

    Every form is judged against the whole body, measured once before any goes; the texts
    are read only where such a form is, rarely (a deeper form's own text, without the
    furniture left out, tells first whether it may be one)."""
    # Most forms hold no paragraph at all, which a plain selection tells in a third of the
    # time of _KEPT_PARAGRAPH's (its selector is parsed again at every call).
    forms = [
        form
        for form in forms
        if form.css_first("p") is None or form.css_first(_KEPT_PARAGRAPH) is None
    ]
    body = tree.body
    if body is None:
        return forms
    # A deeper form's text as read (without furniture) is at most its whole text.
    pages = [
        (form, up.tag_id == _BODY)
        for form in forms
        if (up := form.parent) is not None
        and (up.tag_id == _BODY or len(form.text_lexbor()) >= NESTED_PAGE_CHARS)
    ]
    if not pages:
        return forms
    # A deeper form is read without its furniture before the body is measured for it.
    read = [
        (form, chars)
        for form, in_body in pages
        if (chars := _read_chars(form)) >= NESTED_PAGE_CHARS or in_body
    ]
    if not read:
        return forms
    half = _read_chars(body) / 2
    kept = [form for form, chars in read if chars >= half]
    return [form for form in forms if not any(form is page for page in kept)]


def _strip_furniture(tree: LexborHTMLParser) -> None:
    """Remove what never carries article text: as :func:`convert.text.html.strip_furniture`,
    but for the tags of _LATE_DROP, which :func:`_marked_text` takes out."""
    # The parser makes one head, whatever the markup holds (a second <head> is ignored):
    # taken out by the document's own pointer to it, without a walk.
    head = tree.head
    if head is not None:
        head.decompose(recursive=False)
    tree.strip_tags(_DROP)
    # The forms are found by a walk for their tag (Lexbor's selection of them cost more), and
    # those judged furniture go before the elements that may hide are selected, so that none
    # they held is read once they are gone. Each element goes alone, walked backwards (a
    # selection or walk lists an element before what it holds): unlinked, what it holds goes
    # with it without a walk through it.
    for form in reversed(_forms_to_drop(tree, tree.tags("form"))):
        form.decompose(recursive=False)
    # All are judged before any goes, so that the page is measured whole (as lxml's is).
    seen = set()
    hidden = []
    for node in reversed(tree.css(_MAY_HIDE)):  # an element matching two selectors comes twice
        key = node.mem_id
        if key not in seen:
            seen.add(key)
            if _hidden(node):
                hidden.append(node)
    shown = _pages_hidden_from_screen_readers(tree, hidden) if hidden else []
    for node in hidden:
        if not any(node is page for page in shown):
            node.decompose(recursive=False)


def _pages_hidden_from_screen_readers(
    tree: LexborHTMLParser, hidden: list[LexborNode]
) -> list[LexborNode]:
    """Of the ``hidden`` elements, those hidden from screen readers alone
    (:func:`convert.text.html.hidden_from_screen_readers_alone`) that hold at least half of
    the body's text and NESTED_PAGE_CHARS: the page, shown to a reader. The body is measured
    only where such an element's whole text is that long, rarely."""
    body = tree.body
    if body is None:
        return []
    candidates = []
    for node in hidden:
        attributes = node.attributes
        if (
            attributes.get("aria-hidden") == "true"  # what the test below asks first
            and hidden_from_screen_readers_alone(
                _hidden_attribute(attributes),
                attributes.get("aria-hidden"),
                attributes.get("style"),
                attributes.get("id"),
            )
            and len(node.text_lexbor()) >= NESTED_PAGE_CHARS
        ):
            candidates.append(node)
    # Each is read without its furniture before the body is: most such wrappers of icons
    # and copies hold scripts rather than text, and then the body need not be measured.
    read = [
        (node, chars) for node in candidates if (chars := _read_chars(node)) >= NESTED_PAGE_CHARS
    ]
    if not read:
        return []
    half = _read_chars(body) / 2
    return [node for node, chars in read if chars >= half]


def _marked_text(tree: LexborHTMLParser) -> str:
    """The page's text with a marker opening and closing each block element and link, the
    furniture of _LATE_DROP taken out."""
    # Every element, each looked up by its tag's number: matching a list of tag names in
    # Lexbor cost more than asking each element for its number in Python, and Lexbor's own
    # walk of the tree (traverse) hands the elements over in less time than a selection of
    # them all. The order of the insertions does not matter: a marker goes right before or
    # after its own element, so one element's closing marker always precedes its next
    # sibling's, and the walk skips text, so it never meets a marker. The furniture of
    # _LATE_DROP is taken out whole (as strip_tags does: not freed) once the walk is over,
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
    _strip_furniture(tree)
    return _marked_text(tree)


def _link_chars(text: str, links: int) -> tuple[int, int]:
    """Characters of link text in a stretch holding link markers, and how many links are
    open after it (``links`` were open before).

    Cut at the openings, then each piece at its closings, with str methods: a stretch holds
    a few markers, and a regular expression's split (or findall) cost more than the cuts."""
    chars = 0
    for opened, piece in enumerate(text.split(_LINK)):
        if opened:
            links += 1
        if _LINK_END in piece:
            for closed, part in enumerate(piece.split(_LINK_END)):
                if closed and links:
                    links -= 1
                if links:
                    chars += len(part.strip())
        elif links:
            chars += len(piece.strip())
    return chars, links


def _lines(marked: str) -> tuple[list[str], list[float], Nesting]:
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
    stretches = marked.split(_SPLIT)
    stretches[0] = _END + stretches[0]  # the text before any block: closing nothing
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
        if kind == _END:
            top = parents[top]
        elif kind == _BLOCK:  # each kind its own branch: a set lookup and a test cost more
            parent_of(top)
            top = len(spaced)  # the new block's number
            kind_of(False)
        elif kind in (_SPACED, _PRE):
            parent_of(top)
            top = len(spaced)
            kind_of(True)
        # else: a control character of the page's own (&#1;) split a stretch in two
        if text.isspace():
            continue
        if _LINK in text or _LINK_END in text:
            # Most such stretches hold one whole link and no other marker, and no link is
            # open before them: three pieces, cut with str methods (about half a regular
            # expression's findall and two replacements), here rather than in a function
            # (its call and tuple cost 1.03x of reading the lines).
            before, _, rest = text.partition(_LINK)
            inside, closed, after = rest.partition(_LINK_END)
            if (
                closed
                and not links
                and _LINK not in inside
                and _LINK not in after
                and _LINK_END not in after
                and _LINK_END not in before
            ):
                line = (before + inside + after).strip()
                link_chars = len(inside.strip())
            else:
                link_chars, links = _link_chars(text, links)
                line = text.replace(_LINK, "").replace(_LINK_END, "").strip()
        else:
            line = text.strip()  # the kind marker is white space too
            link_chars = len(line) if links else 0
        # Stripped, most stretches are one line of single spaces already (isprintable is
        # False for every white space but " "), which splitting and joining would only copy:
        # normalise.collapse's test, less its ends, inline (calling it cost 1.08x here).
        if kind == _PRE and "\n" in line:
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
    return (found, *_lines(marked))


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
    return (found, *_lines(marked))


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
    found = _title(tree) if title else None
    _strip_furniture(tree)
    return found, _marked_text(tree)
