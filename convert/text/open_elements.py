"""The HTML5 tree builder's stack of open elements, as far as nesting goes, for the depth scan.

:mod:`convert.text.depth` reads a page's tags and asks this model what each does to the
stack: which open elements a start tag closes first (a block closes an open ``<p>``, an
``<li>`` the open ``<li>``, table parts each other and insert the rows and sections they
need), where an end tag closes it down to, which misnested formatting end tag the adoption
agency takes out from under others, and which formatting elements the tree builder keeps on
its list to reopen after every block. Each look through the stack is the last entry of a
per-name or per-category list, so that the scan stays linear in the page's tags.

The tables of tags are the HTML standard's, and :mod:`convert.content.nesting` reads them too:
its count of how deep the sanitiser's parser (html5ever) nests a body follows the same rules
with a stack of its own, built for what it counts (the copies of formatting elements the parser
reopens, where this one tracks what a rewrite takes out). Each model departs from a table only
towards keeping more elements open, and says where.
"""

from __future__ import annotations


def name_set(names: str) -> frozenset[str]:
    return frozenset(names.split())


VOID = name_set(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param "
    "source track wbr"
)
NEVER_OPENED = name_set("html body head frameset")  # in a page's body the tree builder opens none
HEADINGS = name_set("h1 h2 h3 h4 h5 h6")
FORMATTING = name_set("a b big code em font i nobr s small strike strong tt u")
# Elements that put a marker on the list of active formatting elements, cleared back to it
# when they close.
MARKERS = name_set("applet caption marquee object td th template")
# The elements that end the default scope a look for an open element stops at.
SCOPE = name_set("applet caption html table td th marquee object template")
SPECIAL = name_set(
    "address applet area article aside base basefont bgsound blockquote body br button caption "
    "center col colgroup dd details dir div dl dt embed fieldset figcaption figure footer "
    "form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li "
    "link listing main marquee menu meta nav noembed noframes noscript object ol p param "
    "plaintext pre script search section select source style summary table tbody td template "
    "textarea tfoot th thead title tr track ul wbr xmp"
)
# Start tags that close an open <p> in button scope (a table only outside quirks mode).
CLOSES_P = name_set(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 "
    "h5 h6 pre listing table hr xmp plaintext li dd dt"
)
# Start tags that end foreign content (SVG, MathML) and go back to HTML.
BREAKOUT = name_set(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img "
    "li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul "
    "var"
)
# MathML's text integration points and SVG's HTML ones, where markup is HTML again.
INTEGRATION_POINTS = name_set("mi mo mn ms mtext annotation-xml foreignobject desc title")

CAP = 250  # open elements past which start tags go (libxml2 keeps 256, html and body included)
# A dialog counts as special here, though the standard's list (and Lexbor) has an ordinary end
# tag close through it: the end tag is ignored instead, which keeps more open, never fewer.
_SPECIAL = SPECIAL | {"dialog"}
# Formatting elements the tree builder keeps to reopen (after the last marker) past which
# further ones go: each text after a block that closed them reopens them all, so that
# "<p><b id=1>x</p>" repeated with ever new attributes built a tree growing with the square
# of the page (8,000 of them, 150 kB, took Lexbor 60 s). A labelled page reopens 5 at most,
# and what goes is the tag alone (none is a block the readers make a line of), with any style
# that hid its text; a link is never one that goes (one is open at a time), so that link
# text stays known.
ACTIVE_MAX = 16
_TABLE_SECTIONS = ("tbody", "thead", "tfoot")
_IN_TABLE = frozenset(["table", "tbody", "thead", "tfoot", "tr"])


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
    if name in SCOPE:
        found += (_S_SCOPE, _S_BUTTON, _S_LIST)
    elif name == "button":
        found.append(_S_BUTTON)
    elif name in ("ol", "ul"):
        found.append(_S_LIST)
    if name in ("html", "table", "template"):
        found.append(_S_TABLE)
    return tuple(found)


_CATEGORIES = {name: _categories(name) for name in _SPECIAL | SCOPE | {"button"}}
_INTEGRATION_CATEGORIES = (_S_SPECIAL, _S_LI, _S_DD, _S_SCOPE, _S_BUTTON, _S_LIST)


class Stack:
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
        if space == 0 and name in MARKERS:
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
            if space == 0 and name in MARKERS and self.markers:
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


def _close_p(stack: Stack) -> None:
    at = stack.in_scope("p", _S_BUTTON)
    if at >= 0:
        stack.pop_to(at)


def start_tag(stack: Stack, name: str) -> bool:
    """Apply an HTML start tag's implied closings; whether it then opens an element."""
    if name in VOID or name in NEVER_OPENED:
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
    if name in CLOSES_P:
        _close_p(stack)
        if name in HEADINGS and stack.current() in HEADINGS:
            stack.pop_to(len(stack.names) - 1)
    return True


def _table_part(stack: Stack, name: str) -> bool:
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


def end_tag(stack: Stack, name: str) -> int:
    """Where an HTML end tag closes the stack down to (its element's position), or -1 when
    the tree builder ignores it (or only takes an element out from under others)."""
    if name in ("p", "li", "dd", "dt"):
        kind = {"p": _S_BUTTON, "li": _S_LIST}.get(name, _S_SCOPE)
        return stack.in_scope(name, kind)
    if name in HEADINGS:
        return max(stack.in_scope(heading, _S_SCOPE) for heading in HEADINGS)
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
    if name in FORMATTING and at >= stack.last_of(_S_SCOPE):
        stack.adopt(at)
    return -1  # a special element is open inside it


def foreign_end_tag(stack: Stack, name: str) -> int:
    at = stack.last(name)
    if at >= 0 and stack.spaces[at] != 0:
        return at
    return end_tag(stack, name)
