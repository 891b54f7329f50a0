"""JSON front matter: its values, its duplicate keys and where each value was written.

``json.loads`` keeps the last of two equal keys without a word and knows no positions, so a
second pass over the (by then known to be valid) text finds where each key and value starts.
It runs only when a record has a duplicate key or a finding to place, and it is iterative, so
deep nesting that ``json`` accepted cannot exhaust the stack here.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from convert.pointer import escape_token
from convert.record import Position

# json's own string reader (C-accelerated), which typeshed does not declare.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|true|false|null|NaN")


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one object; offsets into the JSON text."""

    pointer: str
    key: str
    first: int
    again: int


@dataclass
class Layout:
    """Offsets of every value and key (by JSON pointer; the last of duplicates) and the
    duplicate keys."""

    values: dict[str, int] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)


def parse(text: str) -> tuple[Any, bool]:
    """The value of ``text`` and whether any object in it repeats a key.

    Raises:
        json.JSONDecodeError: the text is not JSON.
    """
    repeated = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated = True
        return result

    return json.loads(text, object_pairs_hook=pairs_to_dict), repeated


def layout(text: str) -> Layout:
    """Where each key and value of the valid JSON ``text`` starts."""
    found = Layout()
    stack: list[tuple[str, dict[str, int] | list[int]]] = []  # (pointer, seen keys | [index])
    pointer = ""
    pos = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    while True:
        found.values[pointer] = pos
        char = text[pos]
        if char in "{[":
            pos = _skip(text, pos + 1)
            if text[pos] in "}]":
                pos += 1
            else:
                if char == "{":
                    seen: dict[str, int] = {}
                    stack.append((pointer, seen))
                    pointer, pos = _key(text, pos, pointer, seen, found)
                else:
                    stack.append((pointer, [0]))
                    pointer += "/0"
                continue
        elif char == '"':
            pos = scanstring(text, pos + 1)[1]
        else:
            pos = _SCALAR.match(text, pos).end()  # type: ignore[union-attr]
        while stack:  # after a value: the next sibling, or the end of its container
            pos = _skip(text, pos)
            parent, state = stack[-1]
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
                if isinstance(state, dict):
                    pointer, pos = _key(text, pos, parent, state, found)
                else:
                    state[0] += 1
                    pointer = f"{parent}/{state[0]}"
                break
            pos += 1
            stack.pop()
        else:
            return found


def _skip(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _key(text: str, pos: int, parent: str, seen: dict[str, int], found: Layout) -> tuple[str, int]:
    """Read the key at ``pos``; returns the child's pointer and where its value starts."""
    key, end = scanstring(text, pos + 1)
    pointer = f"{parent}/{escape_token(key)}"
    if key in seen:
        found.duplicates.append(Duplicate(pointer, key, seen[key], pos))
    else:
        seen[key] = pos
    found.keys[pointer] = pos
    return pointer, _skip(text, _skip(text, end) + 1)  # past the colon


class JsonLocator:
    """Positions in JSON front matter whose ``{`` is on line ``first_line`` of the file."""

    def __init__(self, text: str, first_line: int, found: Layout | None = None) -> None:
        self._text = text
        self._first_line = first_line
        self._layout = found
        self._line_starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        """The file's 1-based line and column of an offset into the JSON text."""
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self._text))]
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return (self._first_line + index, offset - self._line_starts[index] + 1)

    def __call__(self, pointer: str, *, key: bool = False) -> Position | None:
        if self._layout is None:
            self._layout = layout(self._text)
        found = self._layout
        while pointer and pointer not in found.values:
            pointer = pointer.rsplit("/", 1)[0]  # the nearest written ancestor
        if key and pointer in found.keys:
            return self.position(found.keys[pointer])
        return self.position(found.values.get(pointer, 0))
