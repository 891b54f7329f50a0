"""Which lines a page holds more than once (lower-cased, white space collapsed): the
``repeated`` feature, computed from the hashes the words' hashes come from.
"""

from __future__ import annotations

import codecs
from collections import Counter

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import text_of
from convert.text.wordhash import word_hashes


def _text_of(points: NDArray[np.uint32]) -> str:
    """The text of code points below U+FFFF (the lower case that
    :func:`convert.text.chars.page_codes` gives), decoded as UTF-16 from half the bytes: about
    twice as fast as decoding them as UTF-32. Two of them that are the halves of a surrogate
    pair would be read as one character: then as UTF-32."""
    text: str = codecs.utf_16_le_decode(points.astype(np.uint16).data, "surrogatepass")[0]
    if len(text) != len(points):
        text = text_of(points)
    return text


def repeated_lines(
    low_points: NDArray[np.uint32],
    starts: NDArray[np.int64],
    ends: NDArray[np.int64],
    odd: NDArray[np.bool_],
    hashes: NDArray[np.uint64],
) -> NDArray[np.bool_]:
    """Whether each line, lower-cased and its whitespace collapsed, is on the page more than
    once (``low_points``: the lower-cased page's code points, in the page's places). Lines
    are compared by their ``hashes`` (:mod:`convert.text.wordhash`, read from the prefix sums
    the words' hashes come from, and changed here: the few ``odd`` lines, whose whitespace
    needs collapsing, are hashed as collapsed; two different lines share a hash with the
    odds two words do) and equal hashes are neighbours once sorted: hashing and counting the
    lines as strings cost more than twice as much."""
    if np.count_nonzero(odd):
        lowered = _text_of(low_points)
        changed = odd.nonzero()[0]
        lines = [
            " ".join(lowered[a : b + 1].split())
            for a, b in zip(starts[changed].tolist(), ends[changed].tolist(), strict=True)
        ]
        hashes[changed] = word_hashes(lines)
    order = hashes.argsort()
    ordered = hashes.take(order)
    twin = np.zeros(len(hashes) + 1, dtype=np.bool_)  # twin[j]: sorted j - 1 and j are equal
    np.equal(ordered[1:], ordered[:-1], out=twin[1:-1])
    repeated = np.empty(len(hashes), dtype=np.bool_)
    repeated[order] = twin[:-1] | twin[1:]
    return repeated


def repeated_line_keys(lowered: str) -> NDArray[np.bool_]:
    """:func:`repeated_lines` where lower-casing moved the lines' places: the lines counted as
    strings."""
    keys = [" ".join(line.split()) for line in lowered.split("\n")]
    repeats = Counter(keys)
    return np.fromiter(map(repeats.__getitem__, keys), np.int64, len(keys)) > 1
