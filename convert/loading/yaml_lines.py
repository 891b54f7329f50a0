"""YAML positions counted in the file's own lines.

libyaml reads YAML 1.1, which also ends a line at NEL (U+0085), LINE SEPARATOR (U+2028),
PARAGRAPH SEPARATOR (U+2029) and a lone carriage return. Editors, GitHub annotations, SARIF
viewers and every other position in this package count line feeds only, so a title holding a
U+2028 would move every later finding one line down, and a fix would look for its span on the
wrong line. A mark's ``index`` is a character offset in both libyaml and the pure-Python
reader, so the position can always be counted again from it; that is done only when the text
holds one of those characters, which clean records never do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from typing import Protocol

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

_LONE_CR = re.compile("\r(?!\n)")
_OTHER_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_BREAK_NAMES = {
    "\x85": "U+0085 NEXT LINE",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\r": "a carriage return with no line feed after it",
}


class _Mark(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


def counts_other_breaks(text: str) -> bool:
    """Whether libyaml would count lines in ``text`` differently from line feeds.

    Asked of every YAML front matter: substring tests cost well under a microsecond where one
    regular expression over the three characters and a lone CR cost about 40 on a record.
    """
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        return True
    return "\r" in text and _LONE_CR.search(text) is not None


def last_other_break(text: str, end: int) -> tuple[int, str] | None:
    """Offset and name of the last character before ``end`` that libyaml, and no editor,
    takes for a line break; ``None`` if there is none."""
    last = deque(_OTHER_BREAK.finditer(text, 0, end), maxlen=1)
    return (last[0].start(), _BREAK_NAMES[last[0].group()]) if last else None


class LineFeedCounter:
    """0-based line and column of a character offset, counting line feeds only."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index) - 1
        return line, index - self._starts[line]


def mark_position(mark: _Mark, text: str) -> tuple[int, int]:
    """A libyaml mark's 0-based line and column in line feeds, for a one-off error mark."""
    if not counts_other_breaks(text):
        return mark.line, mark.column
    return LineFeedCounter(text).at(mark.index)


def recount_marks(root: Node, text: str) -> None:
    """Give every node of the tree composed from ``text`` marks counted in line feeds.

    Each node is visited once (an alias shares its anchor's node), and the walk is iterative,
    so it is as safe as the composer on any tree it returned.
    """
    counter = LineFeedCounter(text)
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        node.start_mark = _recounted(node.start_mark, counter)
        node.end_mark = _recounted(node.end_mark, counter)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                pending.extend((key, value))
        elif isinstance(node, SequenceNode):
            pending.extend(node.value)


def _recounted(mark: _Mark | None, counter: LineFeedCounter) -> yaml.Mark | None:
    if mark is None:
        return None
    line, column = counter.at(mark.index)
    return yaml.Mark("<front matter>", mark.index, line, column, None, 0)
