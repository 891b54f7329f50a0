"""Chinese and Japanese lines as the line features read a language written with spaces.

The features count words as runs of word characters and know a sentence by its ``.``, ``!``
or ``?``. Chinese and Japanese put no space between words and end sentences with their own
marks (``。`` ``！`` ``？``), so a whole clause read as one word and no line ended a sentence:
a page of prose looked like a menu of one-word links, and the classifier kept its title alone.
For the features only (the text kept is the page's own), such a page is read with its runs of
ideographs and kana cut into words of :data:`CHARS_PER_WORD` characters and its full-width
punctuation as its ASCII counterpart. Korean is written with spaces and is read as it is.

The page is read as code points, in numpy: cut by a regular expression, each of a page's tens
of thousands of words cost a call into Python (a millisecond a page).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import code_points, text_of

Points = NDArray[np.uint32]

# Hiragana, katakana (with its phonetic extensions and the half-width forms), the CJK
# ideographs (the unified block, extension A, the compatibility block, and the planes of the
# later extensions), as (first, last) code points.
_RANGES = np.array(
    [
        (0x3040, 0x30FF),
        (0x31F0, 0x31FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0xFF66, 0xFF9F),
        (0x20000, 0x3134F),
    ],
    dtype=np.uint32,
)
_FIRST = int(_RANGES[0, 0])  # no letter of the runs is below it
CHARS_PER_WORD = 2
# The sentence and clause marks of both languages as the features know them: the full stops,
# the full-width ! ? , : ; and the ideographic comma, the corner quotes and the brackets.
_MARKS = {
    "。": ".", "｡": ".", "．": ".", "！": "!", "？": "?", "，": ",", "、": ",", "､": ",",
    "：": ":", "；": ";", "「": '"', "」": '"', "『": '"', "』": '"', "｢": '"', "｣": '"',
    "（": "(", "）": ")", "【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]",
    "《": "(", "》": ")", "〈": "(", "〉": ")",
}  # fmt: skip
_MARKED = np.array(sorted(map(ord, _MARKS)), dtype=np.uint32)
_AS_ASCII = np.array([ord(_MARKS[chr(point)]) for point in _MARKED.tolist()], dtype=np.uint32)
_SPACE = np.array(ord(" "), dtype=np.uint32)


def _letters(points: Points) -> NDArray[np.bool_]:
    """Whether each code point is an ideograph or a kana."""
    # The ranges are sorted and apart: a point is in one when the count of firsts at or
    # below it exceeds the count of lasts below it.
    return _RANGES[:, 0].searchsorted(points, side="right") > _RANGES[:, 1].searchsorted(points)


def has_unspaced(points: Points) -> bool:
    """Whether the text spelt by ``points`` holds two ideographs or kana in a row."""
    if not points.size or int(np.maximum.reduce(points)) < _FIRST:
        return False
    # Most pages that get here hold a few such points (an emoji, a language menu's 中文):
    # only those are looked up.
    high = (points >= _FIRST).nonzero()[0]
    places = high[_letters(points.take(high))]
    return bool(np.any(places[1:] - places[:-1] == 1))


def spaced_points(points: Points) -> Points:
    """The code points of a text as the features read it: its runs of ideographs and kana
    cut into words of CHARS_PER_WORD characters (the last may be shorter) by a space, its
    punctuation in ASCII. Line breaks are neither added nor taken."""
    letters = _letters(points)
    n = len(points)
    at = np.arange(n)
    # Each letter's place in its run: its index less the index where its run began.
    begins = np.where(letters & ~np.concatenate(([False], letters[:-1])), at, 0)
    place = at - np.maximum.accumulate(begins)
    # A space after the last letter of each full word, where the run goes on.
    ends = letters & (place % CHARS_PER_WORD == CHARS_PER_WORD - 1)
    ends[:-1] &= letters[1:]
    ends[-1:] = False
    found = _MARKED.searchsorted(points).clip(max=len(_MARKED) - 1)
    marked = _MARKED.take(found) == points
    read = points.copy()
    read[marked] = _AS_ASCII.take(found[marked])
    cuts = ends.nonzero()[0]
    return np.insert(read, cuts + 1, _SPACE) if cuts.size else read


def spaced(text: str) -> str:
    """``text`` as the features read it (:func:`spaced_points`)."""
    return text_of(spaced_points(code_points(text)))
