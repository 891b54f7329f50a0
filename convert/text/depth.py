"""Markup nested deeper than a browser keeps, flattened before it is parsed.

An HTML5 tree builder looks through its stack of open elements for many start tags (a
``<div>`` looks for a ``<p>`` in button scope, an ``<li>`` for an open ``<li>``): Lexbor takes
time growing with the square of the nesting, and 40,000 unclosed ``<div>``\\ s took 3 s, a
4 MB piece of them would take minutes. libxml2 stops at 256 levels and drops everything
after. Browsers bound the tree instead (Blink attaches elements past 512 levels to the one
above); here the markup is rewritten: past :data:`CAP` open elements, a start tag that would
open one more goes (a block's becomes ``<br>``, so its text still starts a line), and so
does the end tag that closes it. No text is taken out. So does a formatting start tag past
:data:`~convert.text.open_elements.ACTIVE_MAX` on the list of those the tree builder reopens
after every block.

The scan follows the tree builder's rules that close elements without an end tag (a block
closes an open ``<p>``, an ``<li>`` the open ``<li>``, table parts each other, a misnested
``</b>`` is adopted, ...), passes over void elements, comments and what raw-text elements
hold, so that ordinary pages full of unclosed paragraphs are not taken for deep (that model
of the stack and of the formatting elements is :mod:`convert.text.open_elements`; this module
reads the tags and rewrites the markup). Where its model is unsure it counts an element as
open: an end tag it leaves alone only ever closes more than it expected. It runs only on
pages with many tags (a count in C first), or with fewer but many formatting start tags whose
attributes differ (a regular expression's count on pages of some thousands of tags): scanning
costs about 3 µs a tag, more than Lexbor's whole parse of an ordinary page.
"""

from __future__ import annotations

import re
from typing import AnyStr, overload

import numpy as np

from convert.text.open_elements import (
    CAP,
    FORMATTING,
    VOID,
    Stack,
    end_tag,
    foreign_end_tag,
    name_set,
    start_tag,
)

# Pages with no more "<" than this are not scanned for depth: unclosed nesting that deep parses
# in under a second (20,000 <div>s: 0.6 s), and the largest labelled page holds 19,437.
TAGS_MIN = 20_000
# Below TAGS_MIN, a page with more "<" than this is scanned where it may have the tree builder
# reopen many formatting elements after each block (:func:`_reopens_many`).
# Under it, bold elements left open and then paragraphs that reopen them all cost at most
# about 3.5 s and 1.5 GB; 9,900 "<p><b id=N>w" (19,802 "<") had taken 77 s and 18.5 GB.
REOPENING_TAGS = 4_000

RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
"""The elements whose text up to their closer the parser reads as text, not markup (and
noscript too where it parses with scripting on, as the Lexbor reader does)."""
_RAW = (*RAW_TEXT, "noscript")
# Formatting start tags with attributes (alike ones counted once) past which a page with
# fewer than TAGS_MIN "<" is scanned (:func:`_reopens_many`); labelled pages hold up to 50.
REOPENED_KINDS = 64
# Start tags that end foreign content (SVG, MathML) and go back to HTML.
_BREAKOUT = name_set(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img "
    "li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul "
    "var"
)
_INTEGRATION = name_set("foreignobject desc title mi mo mn ms mtext annotation-xml")
# What a start tag taken out is replaced with: a line break for an element that makes a line
# (the readers' block elements among them; this module is imported by theirs).
_LINE_BREAKING = name_set(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "listing main menu nav ol optgroup option p pre search section select summary table tbody "
    "td tfoot th thead tr ul br"
)


_TOKEN = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)|(!--)|[!?])")
# What follows a tag's name up to its ">", read as the tokenizer reads attributes: a ">" in a
# quoted value does not end the tag, and a quote opens a value only after "=". Possessive
# throughout, so that no part is read twice; a quoted value left open runs to the end of the
# page, and the tag with it (no match: the tokenizer drops such a tag).
_TAG_REST = (
    r"(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+"
    r"(?:\"[^\"]*+\"?|'[^']*+'?|[^\t\n\f\r >\"'][^\t\n\f\r >]*+))?+)*+>"
)
# The start tags of the formatting elements that can pile up on the list the tree builder
# reopens (all but <a>: a new one closes the one open), when attributes may follow: without
# attributes, no more than three of a name are kept. The lookahead for the first letter has
# most other tags passed over faster (1.5x on pages of thousands of tags).
_REOPENED_START = (
    r"<(?=[bcefinstuBCEFINSTU])(?:[bB](?:[iI][gG])?|[iIuU]"
    r"|[sS](?:[mM][aA][lL][lL]|[tT][rR](?:[iI][kK][eE]|[oO][nN][gG]))?"
    r"|[eE][mM]|[tT][tT]|[cC][oO][dD][eE]|[fF][oO][nN][tT]|[nN][oO][bB][rR])(?=[\t\n\f\r /])"
)
_TAG_END, _TAG_END_BYTES = re.compile(_TAG_REST), re.compile(_TAG_REST.encode())
_REOPENED, _REOPENED_BYTES = re.compile(_REOPENED_START), re.compile(_REOPENED_START.encode())
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.I) for name in _RAW}
_SCRIPT_MARKS = re.compile(r"(<!--)|(-->)|<(/)?script[\t\n\f\r />]", re.I)
# A comment ends at "-->", or at "--!>" (a parse error the tokenizer forgives).
_COMMENT_END = re.compile(r"--!?>")


def _replacement(name: str) -> str:
    return "<br>" if name in _LINE_BREAKING else ""


def _raw_end(markup: str, name: str, at: int) -> int:
    """Where the text of raw-text element ``name`` opened before ``at`` ends (past its end
    tag's name and the character after it), or -1: it runs to the end of the page."""
    found = _RAW_END[name].search(markup, at)
    return -1 if found is None else found.end()


def _script_end(markup: str, at: int) -> int:
    """:func:`_raw_end` of a script, read as the tokenizer reads script text: after "<!--",
    a "<script" opens a stretch that its own "</script" ends instead of the script, and
    "-->" ends both ("<!-->" and "<!--->" open nothing)."""
    escaped = double = False
    for mark in _SCRIPT_MARKS.finditer(markup, at):
        if mark.group(1):  # "<!--", which opens nothing when only dashes lie before a ">"
            if not escaped:
                after = mark.end()
                while markup.startswith("-", after):
                    after += 1
                escaped = not markup.startswith(">", after)
        elif mark.group(2):  # "-->"
            escaped = double = False
        elif mark.group(3):  # "</script"
            if not double:
                return mark.end()
            double = False
        elif escaped:  # "<script"
            double = True
    return -1


def _tag_end(markup: str, at: int) -> int:
    """Where the tag whose name ends at ``at`` ends (just past its ">"), or -1 when it never
    does (a tag left open holds the rest of the page)."""
    found = _TAG_END.match(markup, at)
    return -1 if found is None else found.end()


def _scan(markup: str) -> list[tuple[int, int, str]]:
    """The rewrites that keep at most CAP elements open: (start, end, replacement) of each
    tag taken out, in order. ``markup`` is text or bytes read as Latin-1 (one character a
    byte, so that positions are the bytes')."""
    stack = Stack()
    edits: list[tuple[int, int, str]] = []
    search = _TOKEN.search
    at = 0
    while (token := search(markup, at)) is not None:
        at = token.end()
        name = token.group(2)
        foreign = stack.spaces[-1] == 1
        if name is None:
            if token.group(3):  # a comment; "<!-->" and "<!--->" are whole ones
                if markup.startswith((">", "->"), at):
                    at = markup.find(">", at) + 1
                    continue
                found = _COMMENT_END.search(markup, at)
                at = -1 if found is None else found.end()
            elif foreign and markup.startswith("<![CDATA[", token.start()):
                at = markup.find("]]>", at)
            else:
                at = markup.find(">", at)
            if at < 0:
                break
            continue
        name = name.lower()
        deep = len(stack.names) > stack.real
        # Every tag is read to its ">" as the tokenizer reads it, attributes and all, so that
        # a "<" inside an attribute's value is never taken for a tag. A tag that never ends
        # holds the rest of the page, and the scan ends.
        closer = _tag_end(markup, at)
        if closer < 0:
            break
        attributes, at = markup[at : closer - 1], closer
        if token.group(1):
            on_stack = stack.last(name) >= 0
            down = foreign_end_tag(stack, name) if stack.spaces[-1] else end_tag(stack, name)
            if name in FORMATTING and (0 <= down < stack.real or not on_stack):
                stack.deactivate(name)  # closed, or no longer open: no longer reopened
            # Past the cap, an end tag the model ignores goes (the special element it stops
            # at may be one taken out), but a formatting one's adoption is left to the parser.
            cut = down >= stack.real or (down < 0 and deep and name not in FORMATTING)
            if down >= 0:
                stack.pop_to(down)
            if cut:
                edits.append((token.start(), at, _replacement(name) if down >= 0 else ""))
            continue
        if foreign and name not in _BREAKOUT:
            if attributes.endswith("/"):
                continue
            if stack.depth() >= CAP:
                edits.append((token.start(), at, ""))
            stack.push(name, 2 if name in _INTEGRATION else 1)
            continue
        if foreign:
            while stack.spaces[-1] == 1:
                stack.pop_to(len(stack.names) - 1)
        if name in _RAW_END:
            at = _script_end(markup, at) if name == "script" else _raw_end(markup, name, at)
            if at < 0:
                break  # the rest of the page is its text
            continue
        if name == "plaintext":
            break
        opens = start_tag(stack, name)
        taken = (opens or deep) and stack.depth() >= CAP and name not in VOID
        formatting = opens and not taken and name in FORMATTING
        if opens and name in ("svg", "math") and attributes.endswith("/"):
            opens = False
        if formatting and not stack.activate(name, attributes.strip()):
            # One more to reopen after every block goes, and with it any style that hid
            # what it holds (a <span> in its place would hold what follows its end tag).
            edits.append((token.start(), at, ""))
            continue
        if taken:
            edits.append((token.start(), at, _replacement(name)))
        if opens:
            # An <svg> taken out leaves what it held to be read as HTML.
            foreign = name in ("svg", "math") and stack.depth() < CAP
            stack.push(name, 1 if foreign else 0)
    return edits


def _tags(markup: str | bytes) -> int:
    """How many "<" the markup holds: an upper bound on its tags, counted in C."""
    if isinstance(markup, bytes):
        return int(np.count_nonzero(np.frombuffer(markup, np.uint8) == 60))
    return markup.count("<")


def _reopens_many(markup: str | bytes) -> bool:
    """Whether the tree builder may reopen many formatting elements after a block: the
    markup holds more than REOPENED_KINDS start tags of them with attributes, alike ones
    counted once. Three alike at most are kept, so attributes that differ are what lets them
    pile up; under that, at most 3 x (REOPENED_KINDS + 13) + 1 are reopened (a link is
    the one). A tag counts in a script or a comment too, and as written (attributes that
    differ in spelling only count twice): the count never falls short of the parser's."""
    if isinstance(markup, bytes):
        return _piled_up(markup, _REOPENED_BYTES, _TAG_END_BYTES)
    return _piled_up(markup, _REOPENED, _TAG_END)


def _piled_up(markup: AnyStr, starts: re.Pattern[AnyStr], tag_end: re.Pattern[AnyStr]) -> bool:
    if len(starts.findall(markup)) <= REOPENED_KINDS:  # the common case: a count in C
        return False
    seen: set[object] = set()
    for start in starts.finditer(markup):
        end = tag_end.match(markup, start.end())
        # A tag that never ends is one of its own (it is not in the tree at all).
        seen.add(start.start() if end is None else (start[0].lower(), end[0]))
        if len(seen) > REOPENED_KINDS:
            return True
    return False


@overload
def flattened(markup: str) -> str: ...
@overload
def flattened(markup: bytes) -> bytes: ...
@overload
def flattened(markup: str | bytes) -> str | bytes: ...
def flattened(markup: str | bytes) -> str | bytes:
    """``markup`` with the start tags that would open more than :data:`CAP` elements at once
    taken out (and the end tags of the elements they would open), the same object when none
    would, or when it holds too few tags to matter."""
    if len(markup) <= 3 * REOPENING_TAGS:  # a tag takes 3 characters
        return markup
    tags = _tags(markup)
    if tags <= REOPENING_TAGS or (tags <= TAGS_MIN and not _reopens_many(markup)):
        return markup
    text = markup.decode("latin-1") if isinstance(markup, bytes) else markup
    edits = _scan(text)
    if not edits:
        return markup
    pieces: list[str] = []
    start = 0
    for begin, end, replacement in edits:
        pieces += (text[start:begin], replacement)
        start = end
    pieces.append(text[start:])
    joined = "".join(pieces)
    if isinstance(markup, bytes):
        return joined.encode("latin-1")
    return joined
