"""JSON front matter: its values, its duplicate keys and where each value was written.

``json.loads`` keeps the last of two equal keys without a word and knows no positions, so a
second pass over the (by then known to be valid) text finds where each key and value starts.
It runs only when a record has a duplicate key or a finding to place, and it is iterative, so
deep nesting that ``json`` accepted cannot exhaust the stack here.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from convert.pointer import escape_token
from convert.record import Position

# json's own string reader (C-accelerated), which typeshed does not declare.
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_SURROGATE = re.compile(r"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")
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


class NotJsonNumber(str):
    """A number as written that JSON cannot carry: ``NaN``, ``Infinity`` and ``-Infinity``
    (Python's json reads them, RFC 8259 has none), a float out of range (``1e400``) or an
    integer too long for Python to read."""


def _finite(written: str) -> float | NotJsonNumber:
    value = float(written)
    return value if math.isfinite(value) else NotJsonNumber(written)


def _integer(written: str) -> int | NotJsonNumber:
    try:
        return int(written)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return NotJsonNumber(written)


@dataclass(frozen=True)
class Parsed:
    """JSON front matter read: its value, whether an object repeats a key, and the pointers
    of numbers JSON cannot carry (kept in the value as the text written)."""

    data: Any
    repeated: bool
    not_numbers: list[tuple[str, str]]  # (pointer, the text written)


def parse(text: str) -> Parsed:
    """The value of ``text``, whether any object in it repeats a key, and its non-JSON numbers.

    Raises:
        json.JSONDecodeError: the text is not JSON.
    """
    repeated = False
    odd = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated = True
        return result

    def constant(written: str) -> NotJsonNumber:
        nonlocal odd
        odd = True
        return NotJsonNumber(written)

    def finite(written: str) -> float | NotJsonNumber:
        nonlocal odd
        value = _finite(written)
        odd = odd or isinstance(value, NotJsonNumber)
        return value

    def integer(written: str) -> int | NotJsonNumber:
        nonlocal odd
        value = _integer(written)
        odd = odd or isinstance(value, NotJsonNumber)
        return value

    data = json.loads(
        text,
        object_pairs_hook=pairs_to_dict,
        parse_constant=constant,
        parse_float=finite,
        parse_int=integer,
    )
    lone = _lone_surrogate(text) if "\\u" in text else None
    if lone is not None:
        # json reads a lone half of a pair into the string; no UTF-8 output can hold it.
        raise json.JSONDecodeError(
            f"{text[lone : lone + 6]} is half of a UTF-16 surrogate pair, not a character",
            text,
            lone,
        )
    if not odd:
        return Parsed(data, repeated, [])
    found: list[tuple[str, str]] = []
    return Parsed(_plain(data, "", found), repeated, found)


def _lone_surrogate(text: str) -> int | None:
    """The offset of the first ``\\uD800``-``\\uDFFF`` escape that is not half of a pair."""
    high: int | None = None  # a high half waiting for its low half
    for match in _SURROGATE.finditer(text):
        if len(match.group(1)) % 2 == 0:  # an escaped backslash, then plain text
            continue
        start = match.end() - 6
        if int(match.group(2), 16) < 0xDC00:
            if high is not None:
                return high
            high = start
        elif high is None or start != high + 6:
            return high if high is not None else start
        else:
            high = None
    return high


def not_a_number(written: str) -> str:
    """Why the number written as ``written`` is kept as text."""
    if written.lstrip("-") in ("NaN", "Infinity"):
        return f"{written} is not a JSON number (RFC 8259)"
    if written.lstrip("-").isdigit():
        return f"an integer of {len(written.lstrip('-')):,} digits is too long to read"
    return f"{written} is out of the range of a JSON number"


def _plain(value: Any, pointer: str, found: list[tuple[str, str]]) -> Any:
    """``value`` with each :class:`NotJsonNumber` made a plain string; their pointers go to
    ``found``. The depth is bounded before parsing, so recursion is safe here."""
    if isinstance(value, NotJsonNumber):
        found.append((pointer, str(value)))
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v, f"{pointer}/{escape_token(k)}", found) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, f"{pointer}/{i}", found) for i, v in enumerate(value)]
    return value


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
