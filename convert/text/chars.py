"""Character classes of a whole page as one array of bit flags, one entry per character.

The line features count letters, capitals, digits and punctuation per line; asking str methods
character by character in Python was most of their cost. Here a page becomes an array of code
points, and each code point's classes are read from a table that is filled in as pages bring
new characters (a page brings a few hundred distinct ones; a table of all 65,536 of the Basic
Multilingual Plane took 0.2 s to build, a cost a one-record conversion would pay).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numpy.typing import NDArray

ALPHA, UPPER, LOWER, DIGIT, SPACE, COMMA, WORD = 1, 2, 4, 8, 16, 32, 64
STOP_MARK = 128  # ends a sentence when only closers follow: . ! ? … : ;
CLOSER = 256  # may follow a sentence's end: quotes, brackets
SEPARATOR = 512  # separates menu items: | • · » › > / \ – — -
DASH = 1024  # a separator that is one only between spaces: - – —
NEWLINE = 2048
QUESTION = 4096
ODD_SPACE = 8192  # whitespace other than " " and the line break

_STOP_MARKS = frozenset(".!?…:;")
_CLOSERS = frozenset("\"'”’»)]“‘«›")
_SEPARATORS = frozenset("|•·»›>/\\–—-")
_DASHES = frozenset("-–—")
_WORD_CHAR = re.compile(r"\w")


def _flags_of(char: str) -> int:
    return (
        ALPHA * char.isalpha()
        | UPPER * char.isupper()
        | LOWER * char.islower()
        | DIGIT * char.isdigit()
        | SPACE * char.isspace()
        | COMMA * (char == ",")
        | WORD * (_WORD_CHAR.match(char) is not None)
        | STOP_MARK * (char in _STOP_MARKS)
        | CLOSER * (char in _CLOSERS)
        | SEPARATOR * (char in _SEPARATORS)
        | DASH * (char in _DASHES)
        | NEWLINE * (char == "\n")
        | QUESTION * (char == "?")
        | ODD_SPACE * (char.isspace() and char not in " \n")
    )


UNKNOWN = 0x8000  # not looked up yet


class _Classes:
    """The classes of the code points met so far (UNKNOWN for the others)."""

    def __init__(self) -> None:
        self.flags = np.full(0x110000, UNKNOWN, dtype=np.uint16)

    def of(self, points: NDArray[np.uint32]) -> NDArray[np.uint16]:
        found: NDArray[np.uint16] = self.flags[points]
        if np.bitwise_or.reduce(found) & UNKNOWN:
            for point in np.unique(points[(found & UNKNOWN) != 0]).tolist():
                self.flags[point] = _flags_of(chr(point))
            found = self.flags[points]
        return found


@cache
def _classes() -> _Classes:
    return _Classes()


def code_points(text: str) -> NDArray[np.uint32]:
    """The code point of every character of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def flags_of(points: NDArray[np.uint32]) -> NDArray[np.uint16]:
    """The class flags of every code point, as str.isalpha() and friends say."""
    return _classes().of(points)


def char_flags(text: str) -> NDArray[np.uint16]:
    """The class flags of every character of ``text``."""
    return flags_of(code_points(text))
