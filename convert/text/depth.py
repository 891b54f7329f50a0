"""Markup nested deeper than a browser keeps, flattened before it is parsed.

An HTML5 tree builder looks through its stack of open elements for many start tags (a
``<div>`` looks for a ``<p>`` in button scope, an ``<li>`` for an open ``<li>``): Lexbor takes
time growing with the square of the nesting, and 40,000 unclosed ``<div>``\\ s took 3 s, a
4 MB piece of them would take minutes. libxml2 stops at 256 levels and drops everything
after. Browsers bound the tree instead (Blink attaches elements past 512 levels to the one
above); here the markup is rewritten: past :data:`CAP` open elements, a start tag that would
open one more goes (a block's becomes ``<br>``, so its text still starts a line), and so
does the end tag that closes it. No text is taken out. So does a formatting start tag past
:data:`ACTIVE_MAX` on the list of those the tree builder reopens after every block.

The scan follows the tree builder's rules that close elements without an end tag (a block
closes an open ``<p>``, an ``<li>`` the open ``<li>``, table parts each other, a misnested
``</b>`` is adopted, ...), passes over void elements, comments and what raw-text elements
hold, so that ordinary pages full of unclosed paragraphs are not taken for deep. Where its
model is unsure it counts an element as open: an end tag it leaves alone only ever closes
more than it expected. It runs only on pages with many tags (a count in C first), or with
fewer but many formatting start tags whose attributes differ (a regular expression's count
on pages of some thousands of tags): scanning costs about 3 µs a tag, more than Lexbor's
whole parse of an ordinary page.
"""

from __future__ import annotations

import re
from typing import AnyStr, overload

import numpy as np


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split())


CAP = 250  # open elements past which start tags go (libxml2 keeps 256, html and body included)
# Pages with no more "<" than this are not scanned for depth: unclosed nesting that deep parses
# in under a second (20,000 <div>s: 0.6 s), and the largest labelled page holds 19,437.
TAGS_MIN = 20_000
# Below TAGS_MIN, a page with more "<" than this is scanned where it may have the tree builder
# reopen many formatting elements after each block (:func:`_reopens_many`).
# Under it, bold elements left open and then paragraphs that reopen them all cost at most
# about 3.5 s and 1.5 GB; 9,900 "<p><b id=N>w" (19,802 "<") had taken 77 s and 18.5 GB.
REOPENING_TAGS = 4_000

_VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param "
    "source track wbr"
)
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
"""The elements whose text up to their closer the parser reads as text, not markup (and
noscript too where it parses with scripting on, as the Lexbor reader does)."""
_RAW = (*RAW_TEXT, "noscript")
_IGNORED = frozenset(["html", "body", "head", "frameset"])  # never opened in a page's body
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption "
    "center col colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer "
    "form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li "
    "link listing main marquee menu meta nav noembed noframes noscript object ol p param "
    "plaintext pre script search section select source style summary table tbody td template "
    "textarea tfoot th thead title tr track ul wbr xmp"
)
_SCOPE = _names("applet caption html table td th marquee object template")
_CLOSES_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 "
    "h5 h6 pre listing table hr xmp plaintext li dd dt"
)
_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
# Elements that put a marker on the list of active formatting elements, cleared back to it
# when they close.
_MARKERS = _names("applet caption marquee object td th template")
# Formatting elements the tree builder keeps to reopen (after the last marker) past which
# further ones go: each text after a block that closed them reopens them all, so that
# "<p><b id=1>x</p>" repeated with ever new attributes built a tree growing with the square
# of the page (8,000 of them, 150 kB, took Lexbor 60 s). A labelled page reopens 5 at most,
# and what goes is the tag alone (none is a block the readers make a line of), with any style
# that hid its text; a link is never one that goes (one is open at a time), so that link
# text stays known.
ACTIVE_MAX = 16
# Formatting start tags with attributes (alike ones counted once) past which a page with
# fewer than TAGS_MIN "<" is scanned (:func:`_reopens_many`); labelled pages hold up to 50.
REOPENED_KINDS = 64
_TABLE_SECTIONS = ("tbody", "thead", "tfoot")
_IN_TABLE = frozenset(["table", "tbody", "thead", "tfoot", "tr"])
# Start tags that end foreign content (SVG, MathML) and go back to HTML.
_BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img "
    "li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul "
    "var"
)
_INTEGRATION = _names("foreignobject desc title mi mo mn ms mtext annotation-xml")
# What a start tag taken out is replaced with: a line break for an element that makes a line
# (the readers' block elements among them; this module is imported by theirs).
_LINE_BREAKING = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "listing main menu nav ol optgroup option p pre search section select summary table tbody "
    "td tfoot th thead tr ul br"
)

# The stack's indexes kept by category: positions of the open elements of each, innermost
# last, so that every look through the stack is a look at the last entry of one list.
_S_SPECIAL, _S_LI, _S_DD, _S_SCOPE, _S_BUTTON, _S_LIST, _S_TABLE = range(7)


def _categories(name: str) -> tuple[int, ...]:
    found = []
    if name in _SPECIAL:
        found.append(_S_SPECIAL)
        if name not in ("address", "div", "p", "li"):
            found.append(_S_LI)
        if name not in ("address", "div", "p", "dd", "dt"):
            found.append(_S_DD)
    if name in _SCOPE:
        found += (_S_SCOPE, _S_BUTTON, _S_LIST)
    elif name == "button":
        found.append(_S_BUTTON)
    elif name in ("ol", "ul"):
        found.append(_S_LIST)
    if name in ("html", "table", "template"):
        found.append(_S_TABLE)
    return tuple(found)


_CATEGORIES = {name: _categories(name) for name in _SPECIAL | _SCOPE | {"button"}}
_INTEGRATION_CATEGORIES = (_S_SPECIAL, _S_LI, _S_DD, _S_SCOPE, _S_BUTTON, _S_LIST)

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


class _Stack:
    """The tree builder's stack of open elements as far as nesting goes: names, whether each
    is foreign (1), a foreign integration point (2) or HTML (0), and per-name and
    per-category positions. Entries from ``real`` on are the ones the rewritten markup no
    longer opens; an element taken out from under others (a formatting element adopted
    away) stays as a dead entry (space -1) until what lies above it is closed."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.spaces: list[int] = []
        self.where: dict[str, list[int]] = {}
        self.kinds: list[list[int]] = [[] for _ in range(7)]
        self.real = 0
        self.dead = 0
        # The list of active formatting elements: (name, attributes), None for a marker.
        self.active: list[tuple[str, str] | None] = []
        self.markers: list[int] = []  # where the markers are in it
        self.push("html", 0)
        self.push("body", 0)

    def push(self, name: str, space: int) -> None:
        at = len(self.names)
        self.names.append(name)
        self.spaces.append(space)
        self.where.setdefault(name, []).append(at)
        kinds = self.kinds
        categories = _INTEGRATION_CATEGORIES if space == 2 else _CATEGORIES.get(name, ())
        for kind in categories if space != 1 else ():
            kinds[kind].append(at)
        if at - self.dead < CAP:
            self.real = at + 1
        if space == 0 and name in _MARKERS:
            self.markers.append(len(self.active))
            self.active.append(None)

    def depth(self) -> int:
        """How many elements are open."""
        return len(self.names) - self.dead

    def adopt(self, at: int) -> None:
        """The formatting element at ``at``, with a block open inside it, closed as the
        adoption agency closes it: taken out of the stack, and a copy of it opened inside
        the block (here on top, which the block's closing closes all the same)."""
        name = self.names[at]
        self.where[name].pop()
        self.spaces[at] = -1
        self.dead += 1
        self.push(name, 0)

    def pop_to(self, size: int) -> None:
        """Close the open elements until ``size`` entries are left (and any dead ones left on
        top: the top is always an element that is open)."""
        names, spaces, where, kinds = self.names, self.spaces, self.where, self.kinds
        while len(names) > size or (spaces and spaces[-1] < 0):
            at = len(names) - 1
            name = names.pop()
            space = spaces.pop()
            if space < 0:
                self.dead -= 1
                continue
            where[name].pop()
            categories = _INTEGRATION_CATEGORIES if space == 2 else _CATEGORIES.get(name, ())
            for kind in categories if space != 1 else ():
                if kinds[kind] and kinds[kind][-1] == at:
                    kinds[kind].pop()
            if space == 0 and name in _MARKERS and self.markers:
                del self.active[self.markers.pop() :]
        self.real = min(self.real, len(names))

    def activate(self, name: str, attributes: str) -> bool:
        """Put a formatting element on the list of active ones (one of three alike after
        the last marker goes first, as the tree builder's Noah's Ark clause has it); False,
        leaving the list as it is, when it holds ACTIVE_MAX after the last marker already
        and this is not a link."""
        active = self.active
        first = self.markers[-1] + 1 if self.markers else 0
        entry = (name, attributes)
        alike = [k for k in range(first, len(active)) if active[k] == entry]
        if len(alike) >= 3:
            del active[alike[0]]
        elif len(active) - first >= ACTIVE_MAX and name != "a":
            return False
        active.append(entry)
        return True

    def deactivate(self, name: str) -> None:
        """Take the last formatting element of this name (after the last marker) off the
        list of active ones."""
        active = self.active
        first = self.markers[-1] + 1 if self.markers else 0
        for k in range(len(active) - 1, first - 1, -1):
            entry = active[k]
            if entry is not None and entry[0] == name:
                del active[k]
                return

    def last(self, name: str) -> int:
        """Position of the innermost open ``name``, -1 when none is open."""
        found = self.where.get(name)
        return found[-1] if found else -1

    def last_of(self, kind: int) -> int:
        found = self.kinds[kind]
        return found[-1] if found else -1

    def in_scope(self, name: str, kind: int) -> int:
        """Position of the innermost ``name`` with no boundary of ``kind`` above it, or -1."""
        at = self.last(name)
        return at if at >= 0 and at >= self.last_of(kind) else -1

    def current(self) -> str:
        return self.names[-1]


def _close_p(stack: _Stack) -> None:
    at = stack.in_scope("p", _S_BUTTON)
    if at >= 0:
        stack.pop_to(at)


def _start(stack: _Stack, name: str) -> bool:
    """Apply an HTML start tag's implied closings; whether it then opens an element."""
    if name in _VOID or name in _IGNORED:
        if name == "hr":
            _close_p(stack)
        return False
    if name in ("li", "dd", "dt"):
        kind, names = (_S_LI, ("li",)) if name == "li" else (_S_DD, ("dd", "dt"))
        at = max(stack.last(other) for other in names)
        if at >= 0 and at > stack.last_of(kind):
            stack.pop_to(at)
    elif name in ("td", "th", "tr", *_TABLE_SECTIONS, "caption", "colgroup"):
        return _table_part(stack, name)
    elif name in ("option", "optgroup"):
        if stack.current() == "option":
            stack.pop_to(len(stack.names) - 1)
        if name == "optgroup" and stack.current() == "optgroup":
            stack.pop_to(len(stack.names) - 1)
        return True
    elif name in ("rb", "rtc", "rp", "rt"):
        closed = ("rb", "rt", "rp", "rtc") if name in ("rb", "rtc") else ("rb", "rt", "rp")
        while stack.current() in closed:
            stack.pop_to(len(stack.names) - 1)
        return True
    elif name == "table" and stack.current() in _IN_TABLE:
        stack.pop_to(stack.last("table"))
    elif name in ("a", "nobr"):
        stack.deactivate(name)  # what the adoption agency does with the one open, if any
        at = stack.in_scope(name, _S_SCOPE)
        if at >= stack.last_of(_S_SPECIAL):
            stack.pop_to(at)
        elif at >= 0:
            stack.adopt(at)
    elif name == "button":
        at = stack.in_scope("button", _S_SCOPE)
        if at >= 0:
            stack.pop_to(at)
    elif name == "select":
        at = stack.last("select")
        if at >= 0:
            stack.pop_to(at)
            return False
    if name in _CLOSES_P:
        _close_p(stack)
        if name in _HEADINGS and stack.current() in _HEADINGS:
            stack.pop_to(len(stack.names) - 1)
    return True


def _table_part(stack: _Stack, name: str) -> bool:
    """A table part's start tag: ignored outside a table, else it closes the open cell, row
    or section it cannot sit in and opens the row and section it needs (as the tree builder
    inserts them)."""
    table = stack.last("table")
    if table < stack.last("template"):
        return True  # a template's content: parts open where they stand
    if table < 0:
        return False
    if name in ("caption", "colgroup", *_TABLE_SECTIONS):
        stack.pop_to(table + 1)
        return True
    section = max(stack.last(other) for other in _TABLE_SECTIONS)
    if name == "tr":
        if section > table:
            stack.pop_to(section + 1)
        else:
            stack.pop_to(table + 1)
            stack.push("tbody", 0)
        return True
    row = stack.last("tr")
    if row > table:
        stack.pop_to(row + 1)
        return True
    if section > table:
        stack.pop_to(section + 1)
    else:
        stack.pop_to(table + 1)
        stack.push("tbody", 0)
    stack.push("tr", 0)
    return True


def _end(stack: _Stack, name: str) -> int:
    """Where an HTML end tag closes the stack down to (its element's position), or -1 when
    the tree builder ignores it (or only takes an element out from under others)."""
    if name in ("p", "li", "dd", "dt"):
        kind = {"p": _S_BUTTON, "li": _S_LIST}.get(name, _S_SCOPE)
        return stack.in_scope(name, kind)
    if name in _HEADINGS:
        return max(stack.in_scope(heading, _S_SCOPE) for heading in _HEADINGS)
    if name in ("body", "html", "br"):
        return -1
    if name == "form":
        at = len(stack.names) - 1
        return at if stack.current() == "form" else -1
    if name in ("table", "tr", "td", "th", "caption", "colgroup", *_TABLE_SECTIONS):
        return stack.in_scope(name, _S_TABLE)
    if name in ("option", "optgroup"):
        return len(stack.names) - 1 if stack.current() == name else -1
    if name == "select":
        return stack.last("select")
    if name in _SPECIAL:
        return stack.in_scope(name, _S_SCOPE)
    at = stack.last(name)
    if at < 0 or at >= stack.last_of(_S_SPECIAL):
        return at  # closes its element, with what is open inside it
    if name in _FORMATTING and at >= stack.last_of(_S_SCOPE):
        stack.adopt(at)
    return -1  # a special element is open inside it


def _foreign_end(stack: _Stack, name: str) -> int:
    at = stack.last(name)
    if at >= 0 and stack.spaces[at] != 0:
        return at
    return _end(stack, name)


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
    stack = _Stack()
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
            down = _foreign_end(stack, name) if stack.spaces[-1] else _end(stack, name)
            if name in _FORMATTING and (0 <= down < stack.real or not on_stack):
                stack.deactivate(name)  # closed, or no longer open: no longer reopened
            # Past the cap, an end tag the model ignores goes (the special element it stops
            # at may be one taken out), but a formatting one's adoption is left to the parser.
            cut = down >= stack.real or (down < 0 and deep and name not in _FORMATTING)
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
        opens = _start(stack, name)
        taken = (opens or deep) and stack.depth() >= CAP and name not in _VOID
        formatting = opens and not taken and name in _FORMATTING
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
