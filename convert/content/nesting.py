"""How deep an HTML parser would nest a body's elements, found in linear time before it parses.

The sanitiser's parser (html5ever, inside ammonia) checks the stack of open elements at nearly
every tag, so its time grows with the square of the nesting depth: 20,000 nested ``<div>`` take
seconds, 200,000 minutes, all inside one C call that no signal interrupts. Browsers stop
nesting at 512 (Blink's and WebKit's ``kMaximumHTMLParserDOMTreeDepth``: deeper elements
become siblings), so no article that readers see as written is deeper, and a body whose
elements would nest deeper is refused before it reaches the parser. At that bound the parser
takes under half a second for 1.2 MB of markup nested 512 deep over and over.

The count follows the HTML tokenizer exactly (quoted attributes, comments, raw text, script
escapes, foreign content) and the tree builder's stack closely: void elements, end tags that
close what they name only when nothing in the way stops them (a scope boundary, or a special
element for an ordinary end tag), the implied closing of ``p``, ``li``, ``dd``, ``dt``,
headings, options and table cells, the body and row it inserts into a table that lacks them,
and the formatting elements the parser copies back in after a block closed over them (each
copy nests inside the one before). Where it is unsure it counts an element as still open, so
a hostile body cannot hide depth from it: a test holds the count to the parser's own tree on
random tag soup. The copies are bounded on their own as well, since a few hundred unclosed
formatting elements copied into every later paragraph make output that grows with the square
of the input without any deep nesting.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from convert.text.open_elements import (
    BREAKOUT,
    CLOSES_P,
    FORMATTING,
    HEADINGS,
    INTEGRATION_POINTS,
    MARKERS,
    NEVER_OPENED,
    SCOPE,
    SPECIAL,
    VOID,
    name_set,
)

MAX_DEPTH = 512
"""The deepest nesting a browser builds (Blink and WebKit), and the most a body may have."""

MAX_COPIES = 100_000
"""How many formatting elements the parser may copy back in over one body."""

_WS = "\t\n\f\r "
# A tag as the tokenizer reads it: its name up to a space, "/" or ">", then attributes, each a
# name (which may start with "=") and an optional value, unquoted or in quotes that may hold
# ">". A quote left open runs to the end of the text, where the tag is dropped.
_TAG = re.compile(
    rf"<(/?)([A-Za-z][^{_WS}/>]*+)"
    rf"((?>[{_WS}]++|/(?!>)|[^{_WS}/>][^{_WS}/>=]*+"
    rf"(?>[{_WS}]*+=[{_WS}]*+(?>\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)|[^{_WS}>]*+))?+)*+)"
    r"(/?)>"
)
# A run of elements that hold text alone (``<td>1</td>``, ``<em>a</em>``), each opened and
# closed with nothing else to do while no formatting element waits to be copied back: most of
# a long body's tags, read by one match. Attributes only as the tokenizer reads them alike
# (no quote but around a value, no "<" or ">" inside one), so the match ends where it does.
_LEAF_NAMES = (
    "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span"
    "|strike|strong|sub|sup|td|th|time|tt|u|var"
)
_LEAF_ATTRIBUTES = (
    rf"(?:[{_WS}]++[^{_WS}\"'<>/=]++"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"[^\"<>]*+\"|'[^'<>]*+'|[^{_WS}\"'<>=`]++))?+)*+"
)
_LEAF = rf"<({{}}){_LEAF_ATTRIBUTES}[{_WS}]*+>[^<]*+</\1>[^<]*+"
_LEAVES = re.compile(f"(?:{_LEAF.format(_LEAF_NAMES)})++")
# The same but links: a link inside an open link closes that one, which plain markup rules out.
_PLAIN_LEAVES = re.compile(f"(?:{_LEAF.format(_LEAF_NAMES[2:])})++")
_COMMENT_END = re.compile(r"--!?>")
_SCRIPT_DATA = re.compile(rf"<!--|</script(?=[{_WS}/>])", re.IGNORECASE)
_SCRIPT_ESCAPED = re.compile(rf"-->|</script(?=[{_WS}/>])|<script(?=[{_WS}/>])", re.IGNORECASE)
_SCRIPT_DOUBLE = re.compile(rf"-->|</script(?=[{_WS}/>])", re.IGNORECASE)
_FONT_BREAKOUT = re.compile(r"(?:^|[\s/])(?:color|face|size)(?:[\s/=]|$)", re.IGNORECASE)


_RAW_TEXT = name_set("style xmp iframe noembed noframes noscript textarea title")
# html5ever ends a scope at a select too (what follows one is read in its own insertion mode),
# and a table closes an open p only outside quirks mode, which the count cannot know.
_SCOPE = SCOPE | {"select"}
_CLOSES_P = CLOSES_P - {"table"}
_FOREIGN = name_set("svg math")
_LIST_STOP = SPECIAL - name_set("address div p")
_CELLS = name_set("td th")
_ENDS_SELECT = name_set("select")
_SECTIONS = name_set("tbody thead tfoot")
_TABLE_PARTS = name_set("caption col colgroup tbody td tfoot th thead tr")
_RECONSTRUCTING = name_set("br img image input embed area wbr keygen object applet marquee button")
_NOAHS_ARK = 3  # identical formatting elements the parser remembers (the "Noah's Ark" clause)


class TooNested(NamedTuple):
    """Why a body is refused: how deep its elements would nest, or how many copies."""

    depth: int
    copies: int
    bound: int = MAX_DEPTH  # the depth it was held to

    def __str__(self) -> str:
        if self.copies > MAX_COPIES:
            return (
                f"its unclosed formatting elements would be copied over {MAX_COPIES:,} times"
                " into the blocks after them"
            )
        return f"its elements nest more than {self.bound} deep"


class _Stack:
    """The open elements as the parser would hold them, with where each kind last is."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.attributes: list[str] = []
        self.kinds: list[tuple[str, ...]] = []  # of each element: the categories below
        self.at: dict[str, list[int]] = {}  # name or category -> positions, last on top
        self.stale: list[tuple[str, str, int]] = []  # formatting closed over: name, attrs, level
        self.ark: dict[tuple[str, str], int] = {}  # how many of each are remembered
        self.markers = 0
        self.copies = 0

    def last(self, key: str) -> int:
        found = self.at.get(key)
        return found[-1] if found else -1

    def push(self, name: str, attributes: str = "", foreign: bool = False) -> None:
        position = len(self.names)
        kinds = _foreign_kinds(name) if foreign else _kinds(name)
        self.names.append(name)
        self.attributes.append(attributes)
        self.kinds.append(kinds)
        at = self.at
        at.setdefault(name, []).append(position)
        for kind in kinds:
            at.setdefault(kind, []).append(position)
        if "#marker" in kinds:
            self.markers += 1

    def pop_to(self, position: int, closed: str = "") -> None:
        """Pop every element from the top down to ``position``; formatting elements other than
        the one named by the end tag (``closed``) stay remembered, to be copied back."""
        names, at = self.names, self.at
        while len(names) > position:
            index = len(names) - 1
            name = names.pop()
            attributes = self.attributes.pop()
            kinds = self.kinds.pop()
            at[name].pop()
            for kind in kinds:
                at[kind].pop()
            if "#marker" in kinds:
                self.markers -= 1
                while self.stale and self.stale[-1][2] > self.markers:
                    self._drop(len(self.stale) - 1)
            elif "#formatting" in kinds and not (index == position and name == closed):
                self._remember(name, attributes)

    def _remember(self, name: str, attributes: str) -> None:
        key = (name, attributes)
        if self.ark.get(key, 0) < _NOAHS_ARK:
            self.ark[key] = self.ark.get(key, 0) + 1
            self.stale.append((name, attributes, self.markers))

    def _drop(self, index: int) -> None:
        name, attributes, _ = self.stale.pop(index)
        self.ark[name, attributes] -= 1

    def forget(self, name: str) -> None:
        """An end tag for a formatting element that is only remembered: it is forgotten."""
        for i in range(len(self.stale) - 1, -1, -1):
            if self.stale[i][2] != self.markers:
                return
            if self.stale[i][0] == name:
                self._drop(i)
                return

    def reconstruct(self) -> None:
        """Copy back in the remembered formatting elements since the last marker."""
        stale = self.stale
        if not stale or stale[-1][2] != self.markers:
            return
        keep = len(stale)
        while keep and stale[keep - 1][2] == self.markers:
            keep -= 1
        copies, self.stale = stale[keep:], stale[:keep]
        self.copies += len(copies)
        for name, attributes, _ in copies:
            self.ark[name, attributes] -= 1
            self.push(name, attributes)

    def foreign(self) -> bool:
        return self.last("#foreign") > self.last("#integration")


def _kinds(name: str) -> tuple[str, ...]:
    """The categories an HTML element of this name is in (looked up once per name)."""
    found = _KINDS.get(name)
    if found is None:
        found = tuple(kind for kind, members in _CATEGORIES if name in members)
        if len(_KINDS) < _KNOWN_NAMES:  # made-up names are many: they are not all kept
            _KINDS[name] = found
    return found


def _foreign_kinds(name: str) -> tuple[str, ...]:
    """The categories an SVG or MathML element of this name is in: an integration point ends
    a scope as the HTML scope elements do, and is special only as a foreign element."""
    if name in INTEGRATION_POINTS:
        return ("#scope", "#special", "#list-stop", "#integration")
    return ("#foreign",) if name in _FOREIGN else ()


_KINDS: dict[str, tuple[str, ...]] = {}
_KNOWN_NAMES = 1024
_CATEGORIES = (
    ("#scope", _SCOPE),
    ("#special", SPECIAL),
    ("#list-stop", _LIST_STOP),
    ("#foreign", _FOREIGN),
    ("#ol-ul", name_set("ol ul")),
    ("#button", name_set("button")),
    ("#dd-dt", name_set("dd dt")),
    ("#marker", MARKERS),
    ("#formatting", FORMATTING),
    ("#heading", HEADINGS),
)


def too_nested(markup: str, max_depth: int = MAX_DEPTH) -> TooNested | None:
    """Why ``markup`` is too deep for the sanitiser's parser, or None when it is not.

    Linear in the length of ``markup``, and stops at the first element past the bound. Text
    with no more than a third as many tags as the bound is passed at once: every open element
    takes a tag of its own, or is one of the two the parser adds for a table cell's tag (its
    row and the table's body), or a copy of a formatting element standing in for it.
    """
    tags = markup.count("<")
    if 3 * tags <= max_depth:
        return None
    plain = _plain_depth(markup, tags, max_depth)
    if plain is not None and plain <= max_depth:
        return None  # else the elements it takes as open may be ones the parser closes
    stack = _Stack()
    names = stack.names
    position, end = 0, len(markup)
    while position < end:
        start = markup.find("<", position)
        if start < 0:
            return None
        if (
            not stack.stale
            and len(names) < max_depth
            and (not names or names[-1] not in _CELLS)
            and not stack.foreign()
        ):
            leaves = _LEAVES.match(markup, start)
            if leaves is not None:
                position = leaves.end()
                continue
        text_before = start > position
        position = _markup_end(markup, start, stack, text_before)
        if position < 0:  # the rest is a comment, raw text or a tag the text ends in
            return None
        if len(stack.names) > max_depth or stack.copies > MAX_COPIES:
            return TooNested(len(stack.names), stack.copies, max_depth)
    return None


# Tags written plainly: a lower-case name, attributes as the tokenizer reads them alike (see
# _LEAVES), an end tag with nothing but its name. Most bodies hold no other tag.
_PLAIN_TAG = re.compile(
    rf"<(?:/([a-z][a-z0-9._:-]*+)[{_WS}]*+>|([a-z][a-z0-9._:-]*+){_LEAF_ATTRIBUTES}[{_WS}]*+(/?)>)"
)
_PLAIN_KINDS = {
    **dict.fromkeys(VOID, "void"),
    **dict.fromkeys(_CLOSES_P - {"p", "li", "dd", "dt", "hr"}, "block"),
    "hr": "void-block",
    "p": "p",
    **dict.fromkeys(("li", "dd", "dt"), "item"),
    **dict.fromkeys(("a", "nobr"), "once"),
    "table": "table",
    **dict.fromkeys(("caption", "colgroup", "tbody", "thead", "tfoot"), "section"),
    "tr": "row",
    **dict.fromkeys(("td", "th"), "cell"),
    "col": "col",
    **dict.fromkeys(
        name_set(
            "script style textarea title xmp iframe noembed noframes noscript plaintext svg"
            " math template select option optgroup form button html head body frameset"
        ),
        "no",
    ),
}
_LISTS = frozenset(("ul", "ol", "dl", "menu", "dir"))
_PARENTS = {
    "section": frozenset(("table",)),
    "row": frozenset(("table", "tbody", "thead", "tfoot")),
    "cell": frozenset(("table", "tbody", "thead", "tfoot", "tr")),
    "col": frozenset(("table", "colgroup")),
}
_IMPLIED = 2  # a table's tbody and tr, which the parser adds when the markup leaves them out


def _plain_depth(markup: str, tags: int, max_depth: int) -> int | None:
    """How deep plain markup nests (stopping past ``max_depth``), or None when it is not plain.

    Plain: every ``<`` starts a plainly written tag, every end tag closes the element last
    opened, and nothing is there by which the parser closes or reopens elements on its own
    (a block inside an open ``p``, a list item inside an open one with no list between, a link
    inside a link, a table part outside its place, raw text, forms, foreign content). Such
    markup nests as written, less the elements the parser closes early, plus the parts it
    adds to a table (counted with each ``table``). Rendered Markdown is plain.
    """
    if _PLAIN_LEAVES.search(markup) is not None:
        markup = _PLAIN_LEAVES.sub("", markup)  # elements that hold text alone nest nothing
        tags = markup.count("<")
    found = _PLAIN_TAG.findall(markup)
    if len(found) != tags:
        return None
    kinds = _PLAIN_KINDS
    stack: list[str] = []
    depth = deepest = 0
    open_p = open_items = open_once = 0
    for closed, name, self_closing in found:
        if closed:
            if not stack or stack[-1] != closed:
                return None
            stack.pop()
            kind = kinds.get(closed)
            if kind is None:
                depth -= 1
                continue
            depth -= 1 + _IMPLIED if kind == "table" else 1
            if kind == "p":
                open_p -= 1
            elif kind == "item":
                open_items -= 1
            elif kind == "once":
                open_once -= 1
            continue
        kind = kinds.get(name)
        if kind is not None:
            if kind == "no":
                return None
            if open_p and kind in ("block", "void-block", "p", "item", "table"):
                return None
            if kind == "void" or kind == "void-block":
                continue
            if kind == "item":
                if open_items and (not stack or stack[-1] not in _LISTS):
                    return None
                open_items += 1
            elif kind == "p":
                open_p += 1
            elif kind == "once":
                if open_once:
                    return None
                open_once += 1
            elif kind in _PARENTS:
                if not stack or stack[-1] not in _PARENTS[kind]:
                    return None
            elif kind == "table":
                depth += _IMPLIED
        if self_closing:
            return None  # "/>" closes nothing but a void element: an unusual body
        stack.append(name)
        depth += 1
        if depth > deepest:
            deepest = depth
            if depth > max_depth:
                return depth
    return deepest


def _markup_end(markup: str, start: int, stack: _Stack, text_before: bool) -> int:
    """Read what starts at the ``<`` at ``start``; where reading goes on (-1: nowhere)."""
    if text_before:
        stack.reconstruct()
    tag = _TAG.match(markup, start)
    if tag is not None:
        end_tag, name, attributes, self_closing = tag.groups()
        name = name.lower()
        if end_tag:
            _end_tag(stack, name)
            return tag.end()
        return _start_tag(markup, tag.end(), stack, name, attributes, bool(self_closing))
    following = markup[start + 1 : start + 2]
    if following.isascii() and following.isalpha():
        return -1  # a tag the text ends inside: the tokenizer drops it, and all after it
    if markup.startswith("<!--", start):
        if markup.startswith(">", start + 4) or markup.startswith("->", start + 4):
            return markup.index(">", start + 4) + 1
        closing = _COMMENT_END.search(markup, start + 4)
        return closing.end() if closing else -1
    if markup.startswith("<![CDATA[", start) and stack.foreign():
        closing_at = markup.find("]]>", start + 9)
        return closing_at + 3 if closing_at >= 0 else -1
    if following in ("!", "?") or (following == "/" and markup[start + 2 : start + 3] != ""):
        closing_at = markup.find(">", start + 2)  # a bogus comment, a doctype, "</>"
        return closing_at + 1 if closing_at >= 0 else -1
    return start + 1  # a "<" that is text


def _start_tag(
    markup: str, end: int, stack: _Stack, name: str, attributes: str, self_closing: bool
) -> int:
    if stack.foreign():
        breaks_out = name in BREAKOUT or (
            name == "font" and _FONT_BREAKOUT.search(attributes) is not None
        )
        if not breaks_out:
            if not self_closing:
                stack.push(name, foreign=True)
            return end
        stack.pop_to(stack.last("#foreign"))
    if name in NEVER_OPENED or (name in _TABLE_PARTS and stack.last("table") < 0):
        return end  # the parser opens no table part outside a table
    select = stack.last("select")
    if name in _ENDS_SELECT and select >= 0 and stack.last("#scope") == select:
        stack.pop_to(select)  # a select in a select's scope only closes it
        if name == "select":
            return end
    if name in _CLOSES_P:
        _close_p(stack)
    names = stack.names
    top = names[-1] if names else ""
    if name == "li":
        _close_item(stack, stack.last("li"))
    elif name in ("dd", "dt"):
        _close_item(stack, stack.last("#dd-dt"))
    elif name in HEADINGS and top in HEADINGS:
        stack.pop_to(len(names) - 1)
    elif name == "option" or name == "optgroup":
        if top == "option":
            stack.pop_to(len(names) - 1)
    elif name in _CELLS or name == "tr":
        if top in _CELLS:
            stack.pop_to(len(names) - 1)
        if name == "tr" and names and names[-1] == "tr":
            stack.pop_to(len(names) - 1)
        # What the parser inserts where the markup leaves it out: a table's body, a row.
        if names and names[-1] == "table":
            stack.push("tbody")
        if name in _CELLS and names[-1] in _SECTIONS:
            stack.push("tr")
    if name not in SPECIAL or name in _RECONSTRUCTING:
        stack.reconstruct()
    if name in VOID or (self_closing and name in _FOREIGN):  # "<svg/>" closes itself
        return end
    if name == "plaintext":
        return -1
    stack.push(name, attributes if name in FORMATTING else "")
    if name == "script":
        return _script_end(markup, end)
    if name in _RAW_TEXT:
        closing = re.compile(rf"</{re.escape(name)}(?=[{_WS}/>])", re.IGNORECASE).search(
            markup, end
        )
        return closing.start() if closing else -1
    return end


def _close_p(stack: _Stack) -> None:
    """Close an open ``p`` that nothing in button scope hides, as the parser does."""
    p = stack.last("p")
    if p >= 0 and p > stack.last("#scope") and p > stack.last("#button"):
        stack.pop_to(p)


def _close_item(stack: _Stack, item: int) -> None:
    """Close an open list item (or ``dd``/``dt``) with no special element above it but an
    ``address``, ``div`` or ``p``, as the parser's walk down the stack does."""
    if item >= 0 and stack.last("#list-stop") <= item:
        stack.pop_to(item)


def _end_tag(stack: _Stack, name: str) -> None:
    if stack.foreign():
        if name in ("p", "br"):  # these break out of SVG and MathML, then are read as HTML
            stack.pop_to(stack.last("#foreign"))
        elif stack.last(name) > stack.last("#foreign"):
            stack.pop_to(stack.last(name), name)
            return
    if stack.last("select") >= 0 and name not in ("select", "option", "optgroup"):
        return  # a select ignores other end tags
    position = stack.last("#heading" if name in HEADINGS else name)  # any heading ends one
    if position < 0:
        if name in FORMATTING:
            stack.forget(name)
        return
    if name in NEVER_OPENED or name == "form":
        return  # the parser pops nothing for these ("</form>" takes the form out alone)
    if name in SPECIAL:
        blocking = stack.last("#scope")  # what ends the scope the end tag looks in
        if name == "li":
            blocking = max(blocking, stack.last("#ol-ul"))
        elif name == "p":
            blocking = max(blocking, stack.last("#button"))
        if blocking > position:
            return
    elif stack.last("#special") > position:
        return  # an ordinary end tag stops at a special element; a formatting one leaves
        # the stack as deep as it was (the adoption agency moves the element, not the depth)
    stack.pop_to(position, name)


def _script_end(markup: str, position: int) -> int:
    """Where a script's text ends (at its end tag), through the tokenizer's escape states."""
    state = _SCRIPT_DATA
    while True:
        found = state.search(markup, position)
        if found is None:
            return -1
        token = found[0].lower()
        if token == "<!--":
            state, position = _SCRIPT_ESCAPED, found.start() + 2  # its "--" may end it too
        elif token == "-->":
            state, position = _SCRIPT_DATA, found.end()
        elif token == "<script":
            state, position = _SCRIPT_DOUBLE, found.end()
        elif state is _SCRIPT_DOUBLE:  # "</script" inside a double escape
            state, position = _SCRIPT_ESCAPED, found.end()
        else:
            return found.start()
