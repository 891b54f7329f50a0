"""Boilerplate removal for a page rendered as lines: keep the article, drop the furniture.

Two logistic models, as in the jusText idea of judging unsure blocks by their neighbours:
the first scores each line from its own features (:mod:`convert.text.features`); the second
rescores it from those features plus the first scores of its neighbours and of the page's
densest run of prose (the maximum-sum span of scores, as in Finn et al.'s Body Text
Extraction). The weights were fitted on one half of the labelled pages in
``/work/shared/text-eval`` (split by case-id hash) and checked on the other; see
``tools/train_text_classifier.py``, which refits them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from convert.text.columns import Joined, PageFeatures, page_features
from convert.text.features import FEATURE_NAMES
from convert.text.layout import (
    CACHED_LINES,
    FALLS,
    RAMPS,
    RAMPS_DOWN,
    SPAN,
    STEPS,
    line_places,
    ramp,
)
from convert.text.weights import CONTEXT_WEIGHTS, LINE_WEIGHTS, THRESHOLD

CONTEXT_NAMES: tuple[str, ...] = (
    "own", "prev1", "prev2", "next1", "next2", "win3", "win10", "max_prev5", "max_next5",
    "gap_prev", "gap_next", "in_region", "before_region", "after_region", "dist_region",
    "own_after", "own_before", "words_after", "short_in_region", "page_rank", "below_top",
    "page_share",
)  # fmt: skip

# Constants as arrays of no dimensions, which numpy takes as they are: a float it converts at
# every call, about 0.3 us each.
_C = {value: np.array(float(value)) for value in (-31, -30, -10, 0, 0.5, 1, 7, 10)}
_STEP = np.array(1, np.int64)  # from one line to the next: more is a blank line between


def densest_span(
    probs: Sequence[float] | NDArray[np.float64], words: Sequence[int] | NDArray[np.int64]
) -> tuple[int, int]:
    """The span of lines (inclusive bounds) maximising the sum of (p - 0.5) * log(1 + words).

    Returns ``(0, -1)`` when no line is more likely content than not.
    """
    return _densest_span(np.asarray(probs, np.float64), np.log1p(np.asarray(words, np.float64)))


def _densest_span(probs: NDArray[np.float64], log_words: NDArray[np.float64]) -> tuple[int, int]:
    """:func:`densest_span` from log(1 + words)."""
    weighed = (probs - _C[0.5]) * log_words
    # Only the lines from the first positive value to the last can change the answer: before
    # it the sum restarts at every line, after it the sum only falls.
    positive = (weighed > _C[0]).nonzero()[0]
    if not positive.size:
        return 0, -1
    first = int(positive[0])
    values = weighed[first : int(positive[-1]) + 1].tolist()
    best = current = 0.0
    start = best_start = first
    best_end = -1
    for k, value in enumerate(values, first):
        if current <= 0:
            current, start = value, k
        else:
            current += value
        if current > best:
            best, best_start, best_end = current, start, k
    return best_start, best_end


def context_features(
    logits: Sequence[float] | NDArray[np.float64],
    words: NDArray[np.int64],
    index: NDArray[np.int64],
    log_words: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """Neighbourhood features of each line from the first-stage logits (CONTEXT_NAMES), one
    row per line, computed a column at a time over the whole page; ``words`` and ``index``
    are each line's word count and index among all the page's lines, ``log_words`` (when
    known: the line features hold it) log(1 + words).

    A page has a hundred or so lines, where each numpy call costs more than the arithmetic
    it does: neighbours are views of one padded copy of the probabilities, the window
    maxima come from maxima of pairs, and the columns are filled as rows."""
    z = np.asarray(logits, dtype=np.float64)
    n = len(z)
    if not n:
        return np.zeros((0, len(CONTEXT_NAMES)))
    # Below -30 the probability is taken as 0; clipping first keeps exp from overflowing.
    padded = np.zeros(n + 10)  # five zeros either side: the probabilities past the edges
    probs = padded[5 : 5 + n]
    if float(np.minimum.reduce(z)) >= -30.0:  # as below, where neither clip nor 0 applies
        np.divide(_C[1], _C[1] + np.exp(-z), out=probs)
    else:
        np.divide(_C[1], _C[1] + np.exp(-np.maximum(z, _C[-31])), out=probs)
        probs[z < _C[-30]] = 0.0
    words = words.astype(np.float64)
    start, end = _densest_span(probs, np.log1p(words) if log_words is None else log_words)
    # Each column is written straight into its row (in CONTEXT_NAMES' order): on a page's
    # hundred or so lines a numpy call costs more than its arithmetic, and a temporary array
    # per column and a copy of it cost as much again.
    rows = np.empty((len(CONTEXT_NAMES), n))
    rows[0] = z
    rows[1] = padded[4 : 4 + n]
    rows[2] = padded[3 : 3 + n]
    rows[3] = padded[6 : 6 + n]
    rows[4] = padded[7 : 7 + n]
    prefix = np.empty(n + 22)  # the sums of the probabilities before each line, 0 and the
    prefix[:11] = 0.0  # whole page's sum repeated past the ends, so a window is two slices
    np.add.accumulate(probs, out=prefix[11 : 11 + n])  # cumsum's work, a call for less
    prefix[11 + n :] = prefix[10 + n]
    # Both windows' sums at once: prefix[10 + after + j] - prefix[10 - before + j] for the
    # windows (3, 4) and (10, 11), read as two rows of the prefix sums each (a row 7 apart).
    np.subtract(
        np.ndarray((2, n), np.float64, prefix, 14 * 8, (7 * 8, 8)),
        np.ndarray((2, n), np.float64, prefix, 7 * 8, (-7 * 8, 8)),
        out=rows[5:7],
    )
    rows[5:7] /= _window_sizes(n)
    # Probabilities are >= 0, so zero padding leaves the window maxima unchanged and gives
    # 0 where a window is empty (the first line has none above, the last none below).
    # widest[j] is the maximum of padded[j : j + 5]: the five lines above line j, and the
    # five below line j - 6.
    pairs = np.maximum(padded[:-1], padded[1:])
    fours = np.maximum(pairs[:-2], pairs[2:])
    widest = np.maximum(fours[:-1], padded[4:])
    rows[7] = widest[:n]
    rows[8] = widest[6 : 6 + n]
    # rows[9][k]: a blank line between lines k-1 and k; rows[10][k]: between k and k+1.
    rows[9, 0] = rows[10, -1] = 0.0
    rows[9, 1:] = index[1:] - index[:-1] > _STEP
    rows[10, :-1] = rows[9, 1:]
    # In, before and after the densest span (start > end when there is none), and the
    # distance to it: written as slices either side of its ends.
    lo, hi = min(start, n), max(end + 1, 0)  # lo <= hi
    if n <= SPAN:  # read from the tables of steps and ramps
        at_lo, at_hi = SPAN - lo, SPAN - hi
        np.subtract(STEPS[at_lo : at_lo + n], STEPS[at_hi : at_hi + n], out=rows[11])
        rows[12] = FALLS[at_lo : at_lo + n]
        rows[13] = STEPS[at_hi : at_hi + n]
        np.add(RAMPS[at_hi : at_hi + n], RAMPS_DOWN[at_lo : at_lo + n], out=rows[14])
    else:
        rows[11:14] = 0.0
        rows[11, lo:hi] = 1.0
        rows[12, :lo] = 1.0
        rows[13, hi:] = 1.0
        rows[14, lo:hi] = 0.0
        ramp(rows[14, hi:])
        ramp(rows[14, lo - 1 :: -1] if lo else rows[14, :0])
    np.multiply(probs, rows[13], out=rows[15])
    np.multiply(probs, rows[12], out=rows[16])
    so_far = np.add.accumulate(words)
    words_total = float(so_far[-1]) or 1.0  # whole numbers: exact in any order of adding
    np.subtract(words_total, so_far, out=rows[17])
    rows[17] /= words_total
    rows[18] = 0.0
    rows[18, lo:hi] = words[lo:hi] <= _C[7]
    # Per-page normalisation: a line's rank among the page's scores and its distance below
    # the page's best lines, so one threshold suits both prose-rich and sparse pages.
    order = z.argsort(kind="stable")
    rows[19][order] = line_places(n)[1][0]
    best = z[order[-5:]]
    top = float(np.add.reduce(best)) / len(best)
    np.subtract(z, top, out=rows[20])
    np.maximum(rows[20], _C[-10], out=rows[20])
    np.minimum(rows[20], _C[0], out=rows[20])
    rows[20] /= _C[10]
    rows[21] = float(np.count_nonzero(probs > _C[0.5])) / n
    matrix: NDArray[np.float64] = np.ascontiguousarray(rows.T)
    return matrix


_sizes: dict[int, NDArray[np.float64]] = {}


def _window_sizes(n: int) -> NDArray[np.float64]:
    """How many lines the windows of context_features hold on a page of ``n`` lines: from 3
    lines above a line to 3 below it (first row) and from 10 above to 10 below (second),
    clipped to the page. They depend on the page's length only, so are made once for each
    length up to CACHED_LINES (read-only: every page of that length shares them)."""
    sizes = _sizes.get(n)
    if sizes is None:
        k = np.arange(n)
        sizes = np.empty((2, n))
        for row, (before, after) in enumerate(((3, 4), (10, 11))):
            sizes[row] = np.minimum(k + after, n) - np.maximum(k - before, 0)
        if n <= CACHED_LINES:
            sizes.flags.writeable = False
            _sizes[n] = sizes
    return sizes


_LOG_WORDS = FEATURE_NAMES.index("log_words")
_Weights = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]
_in_use: list[tuple[object, object, _Weights]] = []  # the weights last read, as arrays


def _weight_arrays() -> _Weights:
    """The line weights and the context weights (split where the line features end) as
    arrays, made again only when other weights have been installed."""
    line, context = LINE_WEIGHTS, CONTEXT_WEIGHTS
    if not _in_use or _in_use[0][0] is not line or _in_use[0][1] is not context:
        line_weights = np.asarray(line, dtype=np.float64)
        context_weights = np.asarray(context, dtype=np.float64)
        own = len(line_weights)
        arrays = (line_weights, context_weights[:own], context_weights[own:])
        _in_use[:] = [(line, context, arrays)]
    return _in_use[0][2]


def score_lines(page: PageFeatures) -> NDArray[np.float64]:
    """The second-stage logit of every line of ``page``: above THRESHOLD means article text.

    The weights are read at call time, so a refit can install its own (the trainer does).
    """
    if not page.texts:
        return np.zeros(0)
    line_weights, own_weights, context_weights = _weight_arrays()
    x = page.matrix
    context = context_features(x @ line_weights, page.words, page.index, x[:, _LOG_WORDS])
    scores: NDArray[np.float64] = x @ own_weights + context @ context_weights
    return scores


def threshold() -> float:
    """The score above which a line is article text (read at call time, as the weights are)."""
    return THRESHOLD


def classify(raw_lines: Sequence[str], lang: str | None = None) -> tuple[PageFeatures, list[bool]]:
    """Feature and classify the non-blank lines of a page; returns them with keep flags."""
    page, keep, _ = classify_scored(raw_lines, lang)
    return page, keep


def classify_scored(
    raw_lines: Sequence[str], lang: str | None = None
) -> tuple[PageFeatures, list[bool], list[float]]:
    """:func:`classify`, with each line's score (logit) too."""
    page, scores = score_page(raw_lines, lang)
    keep: list[bool] = (scores > THRESHOLD).tolist()
    return page, keep, scores.tolist()


def score_page(
    raw_lines: Sequence[str],
    lang: str | None = None,
    *,
    stripped: bool = False,
    joined: Joined | None = None,
) -> tuple[PageFeatures, NDArray[np.float64]]:
    """The non-blank lines of a page featured, and their scores (:func:`score_lines`) as an
    array, for callers that go on computing with them (no round trip through lists);
    ``stripped`` and ``joined`` as :func:`convert.text.columns.page_features` takes them."""
    page = page_features(raw_lines, lang, stripped=stripped, joined=joined)
    return page, score_lines(page)
