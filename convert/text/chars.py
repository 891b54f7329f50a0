"""Character classes of a whole page as one array of bit flags, one entry per character.

The line features count letters, capitals, digits and punctuation per line; asking str methods
character by character in Python was most of their cost. Here a page becomes an array of code
points, and each code point's classes are read from a table that is filled in as pages bring
new characters (a page brings a few hundred distinct ones; a table of all 65,536 of the Basic
Multilingual Plane took 0.2 s to build, a cost a one-record conversion would pay).
"""

from __future__ import annotations

import codecs
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
BULLET = 16384  # may open a list item's bullet: - * • – · ▪ ► or a digit (``\d``)

STOP_MARKS = frozenset(".!?…:;")  # the characters STOP_MARK marks
CLOSERS = "\"'”’»)]“‘«›"  # the characters CLOSER marks
_CLOSERS = frozenset(CLOSERS)
_SEPARATORS = frozenset("|•·»›>/\\–—-")
_DASHES = frozenset("-–—")
_WORD_CHAR = re.compile(r"\w")
_BULLETS = frozenset("-*•–·▪►")
_DECIMAL = re.compile(r"\d")


def _flags_of(char: str) -> int:
    return (
        ALPHA * char.isalpha()
        | UPPER * char.isupper()
        | LOWER * char.islower()
        | DIGIT * char.isdigit()
        | SPACE * char.isspace()
        | COMMA * (char == ",")
        | WORD * (_WORD_CHAR.match(char) is not None)
        | STOP_MARK * (char in STOP_MARKS)
        | CLOSER * (char in _CLOSERS)
        | SEPARATOR * (char in _SEPARATORS)
        | DASH * (char in _DASHES)
        | NEWLINE * (char == "\n")
        | QUESTION * (char == "?")
        | ODD_SPACE * (char.isspace() and char not in " \n")
        | BULLET * (char in _BULLETS or _DECIMAL.match(char) is not None)
    )


UNKNOWN = 0x8000  # not looked up yet


class _Classes:
    """The classes of the code points met so far (UNKNOWN for the others), and the same
    facts in the form the line features read them (:meth:`coded`)."""

    def __init__(self) -> None:
        self.flags = np.full(0x110000, UNKNOWN, dtype=np.uint16)
        self.codes = np.full(0x110000, UNKNOWN, dtype=np.uint32)

    def _learn(self, points: NDArray[np.uint32]) -> None:
        """Fill in both tables for the distinct ``points``."""
        own = _codes()
        for point in np.unique(points).tolist():
            char = chr(point)
            flags = self.flags[point] = _flags_of(char)
            lowered = char.lower()
            single = len(lowered) == 1 and point != 0x3A3 and point < 0xFFFF
            low = ord(lowered) if single and ord(lowered) < 0xFFFF else _OTHERWISE
            self.codes[point] = int(own[flags]) | low << 16

    def of(self, points: NDArray[np.uint32]) -> NDArray[np.uint16]:
        found: NDArray[np.uint16] = self.flags.take(points)  # take: faster than indexing
        if np.bitwise_or.reduce(found) & UNKNOWN:
            self._learn(points[(found & UNKNOWN) != 0])
            found = self.flags.take(points)
        return found

    def coded(self, points: NDArray[np.uint32]) -> NDArray[np.uint32]:
        """Each point's own code (:func:`_codes`) in the low 16 bits, and the point
        lower-cased in the high 16 (_OTHERWISE where ``str.lower()`` alone can say)."""
        found: NDArray[np.uint32] = self.codes.take(points)
        if np.bitwise_or.reduce(found) & UNKNOWN:
            self._learn(points[(found & UNKNOWN) != 0])
            found = self.codes.take(points)
        return found


@cache
def _classes() -> _Classes:
    return _Classes()


_OTHERWISE = (
    0xFFFF  # lowered by str.lower() only: past the plane, the capital sigma, two characters
)
_LOWERED_OTHERWISE = np.array(_OTHERWISE << 16, np.uint32)
_HIGH_HALF = np.array(16, np.uint32)


def page_codes(
    points: NDArray[np.uint32],
) -> tuple[NDArray[np.uint16], NDArray[np.uint32] | None]:
    """The placed codes of the characters ``points`` spells (:func:`placed_codes` of their
    flags) and their points lower-cased as ``str.lower()`` lowers them, from one lookup of a
    table holding both: the flags, their codes and the lower case were three lookups of a
    character, each about a nanosecond. Reading the lower case from a table takes about half
    the time of ``str.lower()`` on a page of other than ASCII, which looks each character up
    in the Unicode database.

    The lower case is None when a character is lowered otherwise: one past the plane, the
    capital sigma (its lower case depends on its place in the word) or the dotted capital I
    (two characters)."""
    both = _classes().coded(points)
    code = both.astype(np.uint16)  # the low half
    _place(code)
    if both.size and np.maximum.reduce(both) >= _LOWERED_OTHERWISE:
        return code, None
    both >>= _HIGH_HALF  # the lower case, in place: the array is this call's own
    return code, both


def flags_at(points: NDArray[np.uint32], places: NDArray[np.int64]) -> NDArray[np.uint16]:
    """The class flags of the characters at ``places`` (clipped to the text; an array of
    any shape, the flags in the same) of the text
    ``points`` spells, once its flags are known (after :func:`page_codes` or
    :func:`flags_of`)."""
    found: NDArray[np.uint16] = _classes().flags.take(points.take(places, mode="clip"))
    return found


def code_points(text: str) -> NDArray[np.uint32]:
    """The code point of every character of ``text``."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def text_of(points: NDArray[np.uint32]) -> str:
    """The text whose code points are ``points`` (the inverse of :func:`code_points`)."""
    text: str = codecs.utf_32_le_decode(points.astype(np.uint32).data, "surrogatepass")[0]
    return text


def flags_of(points: NDArray[np.uint32]) -> NDArray[np.uint16]:
    """The class flags of every code point, as str.isalpha() and friends say."""
    return _classes().of(points)


def char_flags(text: str) -> NDArray[np.uint16]:
    """The class flags of every character of ``text``."""
    return flags_of(code_points(text))


# Per-line counts of character facts, several counted in one pass: each fact of a character is
# a field of a 64-bit word, wide enough for any line's count, so one sum of words per line
# counts every field at once (a sum of masks for each fact cost two passes over the page
# apiece, and the page is thousands of characters to the line's one).
COUNTED = (
    "alpha", "comma", "digit", "upper", "word_start", "upper_start", "separator",
    "odd_space", "word", "word_begin",
)  # fmt: skip
# What a character's facts depend on, as one 14-bit number: its own classes (10 bits, the
# first three also stand for the previous character), the previous character's (3 bits) and
# whether the next is a space other than a line break (1 bit).
_OWN = (SPACE, 0, WORD, ALPHA, COMMA, DIGIT, UPPER, SEPARATOR, DASH, ODD_SPACE)  # bit 1: below
_PREV_SHIFT, _NEXT_SHIFT, _STOP_SHIFT = 10, 13, 14
# Of the own code: what the neighbours see. These and the other constants the page's arrays
# meet are arrays of no dimensions of their type, which numpy takes as they are (a scalar is
# converted at every call, a Python int costs most).
_PREV_BITS, _INLINE_BIT = np.array(7, np.uint16), np.array(2, np.uint16)
_TO_PREV, _TO_NEXT = np.array(_PREV_SHIFT, np.uint16), np.array(_NEXT_SHIFT - 1, np.uint16)


@cache
def _codes() -> NDArray[np.uint16]:
    """For every flags value, the character's own code: the low 10 bits of the number,
    and STOP_MARK as bit 14, which no count reads (the stops are found from the codes)."""
    flags = np.arange(UNKNOWN, dtype=np.uint16)
    own = np.zeros(UNKNOWN, dtype=np.uint16)
    for bit, flag in enumerate(_OWN):
        if flag:
            own |= (((flags & flag) != 0) << bit).astype(np.uint16)
    inline_space = ((flags & SPACE) != 0) & ((flags & NEWLINE) == 0)
    own |= (inline_space << 1).astype(np.uint16)
    own |= (((flags & STOP_MARK) != 0) << _STOP_SHIFT).astype(np.uint16)
    return own


@cache
def _facts() -> NDArray[np.bool_]:
    """COUNTED x every 14-bit number of :func:`_codes`: whether a character so placed has it."""
    code = np.arange(1 << 14, dtype=np.uint32)

    def bit(k: int) -> NDArray[np.bool_]:
        found: NDArray[np.bool_] = ((code >> k) & 1) != 0
        return found

    space, inline, word = bit(0), bit(1), bit(2)
    alpha, comma, digit, upper, separator, dash, odd = (bit(k) for k in range(3, 10))
    prev_space, prev_inline, prev_word = bit(10), bit(11), bit(12)
    next_inline = bit(13)
    word_start = ~space & prev_space
    return np.stack(
        (
            alpha,
            comma,
            digit,
            upper,
            word_start,
            word_start & upper,
            separator & (~dash | (prev_inline & next_inline)),
            odd | (inline & prev_inline),
            word,
            word & ~prev_word,
        )
    )


@cache
def _packed(bits: int) -> NDArray[np.uint64]:
    """The facts of :func:`_facts` as fields of ``bits`` bits in as few 64-bit words as hold
    them: one row of words for each number (so one ``take`` reads them all)."""
    per_word = 64 // bits
    facts = _facts()
    table = np.zeros((facts.shape[1], -(-len(facts) // per_word)), dtype=np.uint64)
    for k, fact in enumerate(facts):
        table[:, k // per_word] |= fact.astype(np.uint64) << np.uint64(k % per_word * bits)
    return np.concatenate((table, table))  # with the stop bit (bit 14) set or not


@cache
def _fields(bits: int) -> tuple[NDArray[np.uint64], np.uint64]:
    """The shifts of the fields of ``bits`` bits in a 64-bit word (a column), and their mask."""
    shifts = np.arange(0, 64 // bits * bits, bits, dtype=np.uint64)[:, None]
    return shifts, np.uint64((1 << bits) - 1)


def placed_codes(flags: NDArray[np.uint16]) -> NDArray[np.uint16]:
    """Each character's code for :func:`line_counts`: its own classes and what it needs of
    its neighbours' (the 14-bit number of :func:`_facts`), and whether it is a stop (bit 14)."""
    code = _codes().take(flags)
    _place(code)
    return code


def _place(code: NDArray[np.uint16]) -> None:
    """Add to the own codes ``code`` what each character needs of its neighbours'."""
    if not code.size:
        return
    # One array for what each side takes of the other, shifted in place: no other temporaries.
    spill = code[:-1] & _PREV_BITS
    spill <<= _TO_PREV
    code[1:] |= spill
    code[0] |= 1 << _PREV_SHIFT  # the page's first character follows a line break, as it were
    np.bitwise_and(code[1:], _INLINE_BIT, out=spill)
    spill <<= _TO_NEXT
    code[:-1] |= spill


# A stop (bit 14) and a word character (own bit 2), read from the codes.
STOP_CODE, WORD_CODE = np.array(1 << _STOP_SHIFT, np.uint16), np.array(1 << 2, np.uint16)
# A digit (own bit 5) after no word character (the previous one's bit 2): where a date can start.
_DIGIT_AFTER = np.array(1 << 5 | 1 << (_PREV_SHIFT + 2), np.uint16)
_DIGIT_ALONE = np.array(1 << 5, np.uint16)


def number_starts(code: NDArray[np.uint16]) -> NDArray[np.int64]:
    """The places of the digits that no word character precedes, from :func:`placed_codes`
    (two passes over the page where the flags took five)."""
    found: NDArray[np.int64] = ((code & _DIGIT_AFTER) == _DIGIT_ALONE).nonzero()[0]
    return found


def line_counts(
    code: NDArray[np.uint16], starts: NDArray[np.int64], longest: int
) -> NDArray[np.int64]:
    """COUNTED x lines: how many characters of each line (starting at ``starts``, lines
    joined by line breaks, each counted with the break after it) have each fact, from the
    page's :func:`page_codes`; ``longest``, at least the length of the longest line with its
    break, sizes the count fields.

    Word starts are non-space characters after a space or at the page's start; separators
    are those of :data:`SEPARATOR`, a dash only between spaces other than line breaks; odd
    spaces are those :func:`convert.text.normalise.collapse` would change (an unusual space,
    or the second of two); word beginnings are word characters after none."""
    bits = max(longest.bit_length(), 8)  # at least 8: fewer tables to keep
    shifts, mask = _fields(bits)
    sums = np.add.reduceat(_packed(bits).take(code, axis=0), starts, axis=0)  # lines x words
    fields = sums.T[:, None, :] >> shifts  # words x fields x lines
    fields &= mask
    counts: NDArray[np.int64] = fields.reshape(-1, len(starts))[: len(COUNTED)].view(np.int64)
    return counts
