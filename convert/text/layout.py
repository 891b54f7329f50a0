"""Where each line sits on its page, as features: its place (position, first or last tenth),
and its place among the page's long prose lines and copyright lines (features.py's
after_last_prose ... lines_past_prose), with the tables both feature stages read them from.

What depends on a page's line count only is made once for short pages (:func:`line_places`),
and steps and ramps along a page are slices of tables (STEPS, RAMPS, ...), since a numpy call
on a page's hundred lines costs more than its arithmetic. The facts of a line's first and
last characters are read by their class flags from :func:`flag_tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import ALPHA, BULLET, CLOSER, LOWER, QUESTION, STOP_MARK, UNKNOWN

Matrix = NDArray[np.float64]

# Constants as arrays of no dimensions (as :mod:`convert.text.columns` keeps them): numpy
# converts a float at every call.
_C = {value: np.array(float(value)) for value in (0, 0.1, 0.9, 15)}
_ONE, _TEN = (np.array(value, dtype=np.int64) for value in (1, 10))
_FAR = 1 << 40  # farther from any line than a page has lines


@dataclass(frozen=True, slots=True)
class FlagTables:
    """Facts of a line's first or last character, indexed by its class flags (so that one
    ``take`` of a line's flags reads a fact, where a mask and a comparison took two calls
    and a third to make floats of them)."""

    stop: Matrix  # STOP_MARK, as 1.0
    closer: NDArray[np.bool_]  # CLOSER
    bullet: NDArray[np.bool_]  # BULLET
    lower: Matrix  # LOWER, as 1.0
    lower_letter: Matrix  # ALPHA and LOWER, as 1.0
    question: Matrix  # QUESTION, as 1.0


@cache
def flag_tables() -> FlagTables:
    flags = np.arange(UNKNOWN, dtype=np.uint16)
    return FlagTables(
        stop=((flags & STOP_MARK) != 0).astype(np.float64),
        closer=(flags & CLOSER) != 0,
        bullet=(flags & BULLET) != 0,
        lower=((flags & LOWER) != 0).astype(np.float64),
        lower_letter=((flags & (ALPHA | LOWER)) == ALPHA | LOWER).astype(np.float64),
        question=((flags & QUESTION) != 0).astype(np.float64),
    )


_RAMP = np.arange(1, 21) / 20


CACHED_LINES = 512  # what depends on a page's line count only is kept for pages this long
_places: dict[int, tuple[NDArray[np.int64], Matrix]] = {}


def line_places(n: int) -> tuple[NDArray[np.int64], Matrix]:
    """For a page of ``n`` lines: each line's number, and as two rows its position (0 at the
    first line, 1 at the last) and 1.0 for the lines in the first or last tenth of it.

    They depend on the line count only, and short pages are many and their fixed costs
    count most, so for up to CACHED_LINES lines they are made once (read-only: every page
    of that length shares them), a few megabytes at most; a longer page makes its own."""
    found = _places.get(n)
    if found is None:
        k = np.arange(n)
        spots = np.empty((2, n))
        position = spots[0]
        np.divide(k, max(n - 1, 1), out=position)
        spots[1] = (position < _C[0.1]) | (position > _C[0.9])
        found = k, spots
        if n <= CACHED_LINES:
            for array in found:
                array.flags.writeable = False
            _places[n] = found
    return found


# Steps and ramps along a page of up to SPAN lines, read as slices of tables of twice that
# length rather than written as two or three slices each: the lines of a page from ``at`` on
# are ``table[SPAN - at + k]``. STEPS: 0.0 before ``at``, 1.0 from it on (FALLS: the other
# way round); RAMPS: 0.0 before it, then min(k - at + 1, 20) / 20 (RAMPS_DOWN, before it
# only: min(at - k, 20) / 20).
SPAN = 2048
STEPS = np.concatenate((np.zeros(SPAN), np.ones(SPAN)))
FALLS = STEPS[::-1].copy()
RAMPS = np.concatenate((np.zeros(SPAN), np.minimum(np.arange(1, SPAN + 1), 20) / 20))
RAMPS_DOWN = RAMPS[::-1].copy()
for _table in (STEPS, FALLS, RAMPS, RAMPS_DOWN):
    _table.flags.writeable = False


def ramp(out: Matrix) -> None:
    """min(j, 20) / 20 for j from 1 on, into ``out`` (a distance in lines, capped at 20)."""
    out[:20] = _RAMP[: len(out)]
    out[20:] = 1.0


def layout_features(
    out: Matrix,
    words: Matrix,
    neighbours: Matrix,
    sentence_end: Matrix,
    copyrights: NDArray[np.int64],
    last_flags: NDArray[np.uint16],
) -> None:
    """The features placing each line among the page's long prose lines (features.py's
    after_last_prose ... lines_past_prose), written into ``out``'s rows; ``neighbours``,
    the lines' log_words and sentence_end as two rows (what the previous and the next
    line's features are read from, both in one call each way); ``copyrights``, the lines
    with a copyright sign. What depends on a line's side of a line is written as
    slices on either side of it (one numpy call each on a page's hundred lines costs more
    than the arithmetic)."""
    n = len(words)
    prose = (words >= _C[15]) & (sentence_end > _C[0])
    marks = prose.nonzero()[0]
    first, last = (int(marks[0]), int(marks[-1])) if marks.size else (n, -1)
    # The first line after a copyright line.
    seen = int(np.minimum.reduce(copyrights)) + 1 if copyrights.size else n
    if n <= SPAN:  # the steps and the ramp read from tables
        out[0] = STEPS[SPAN - last - 1 : SPAN - last - 1 + n]
        out[1] = FALLS[SPAN - first : SPAN - first + n]
        out[3] = STEPS[SPAN - seen : SPAN - seen + n]
        # min(max(k - last, 0), 20) / 20: 0 up to the last prose line, then a ramp to 1.
        out[11] = RAMPS[SPAN - last - 1 : SPAN - last - 1 + n]
    else:
        out[0, : last + 1] = 0.0
        out[0, last + 1 :] = 1.0
        out[1, :first] = 1.0
        out[1, first:] = 0.0
        out[3, :seen] = 0.0
        out[3, seen:] = 1.0
        out[11, : last + 1] = 0.0
        ramp(out[11, last + 1 :])
    # The distance to the nearest prose line, with a mark far before and after the page
    # standing for "none" (any distance past 10 counts as 10).
    k = line_places(n)[0]
    if marks.size:
        bounded = np.empty(marks.size + 2, dtype=np.int64)
        bounded[0], bounded[1:-1], bounded[-1] = -_FAR, marks, _FAR
        right = bounded.searchsorted(k)  # bounded[right - 1] < k <= bounded[right]
        distance = np.minimum(bounded.take(right) - k, k - bounded.take(right - _ONE))
        np.divide(np.minimum(distance, _TEN), _TEN, out=out[2])
    else:  # no prose line: every distance counts as 10
        out[2] = 1.0
    out[4:8:2, 0] = 0.0  # the previous line's log_words and sentence_end
    out[4:8:2, 1:] = neighbours[:, :-1]
    out[5:8:2, :-1] = neighbours[:, 1:]  # the next line's
    out[5:8:2, -1] = 0.0
    tables = flag_tables()
    tables.lower_letter.take(last_flags, out=out[8])
    tables.question.take(last_flags, out=out[9])
    if marks.size:
        np.divide(marks.size - marks.searchsorted(k, side="right"), marks.size, out=out[10])
    else:
        out[10] = 0.0
