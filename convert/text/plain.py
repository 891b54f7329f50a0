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
from typing import Any

import numpy as np
from numpy.typing import NDArray

from convert.text.columns import PageFeatures, page_features
from convert.text.weights import CONTEXT_WEIGHTS, LINE_WEIGHTS, THRESHOLD

CONTEXT_NAMES: tuple[str, ...] = (
    "own", "prev1", "prev2", "next1", "next2", "win3", "win10", "max_prev5", "max_next5",
    "gap_prev", "gap_next", "in_region", "before_region", "after_region", "dist_region",
    "own_after", "own_before", "words_after", "short_in_region", "page_rank", "below_top",
    "page_share",
)  # fmt: skip


def densest_span(
    probs: Sequence[float] | NDArray[np.float64], words: Sequence[int] | NDArray[np.int64]
) -> tuple[int, int]:
    """The span of lines (inclusive bounds) maximising the sum of (p - 0.5) * log(1 + words).

    Returns ``(0, -1)`` when no line is more likely content than not.
    """
    values = (
        (np.asarray(probs, np.float64) - 0.5) * np.log1p(np.asarray(words, np.float64))
    ).tolist()
    best = current = 0.0
    start = best_start = 0
    best_end = -1
    for k, value in enumerate(values):
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
) -> NDArray[np.float64]:
    """Neighbourhood features of each line from the first-stage logits (CONTEXT_NAMES), one
    row per line, computed a column at a time over the whole page; ``words`` and ``index``
    are each line's word count and index among all the page's lines.

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
    np.divide(1.0, 1.0 + np.exp(-np.maximum(z, -31.0)), out=probs)
    probs[z < -30] = 0.0
    start, end = densest_span(probs, words)
    words = words.astype(np.float64)
    k = np.arange(n)
    prefix = np.zeros(n + 1)
    probs.cumsum(out=prefix[1:])

    def mean(before: int, after: int) -> NDArray[np.float64]:
        lo, hi = np.maximum(k - before, 0), np.minimum(k + after, n)
        means: NDArray[np.float64] = (prefix[hi] - prefix[lo]) / (hi - lo)
        return means

    # Probabilities are >= 0, so zero padding leaves the window maxima unchanged and gives
    # 0 where a window is empty (the first line has none above, the last none below).
    # widest[j] is the maximum of padded[j : j + 5]: the five lines above line j, and the
    # five below line j - 6.
    pairs = np.maximum(padded[:-1], padded[1:])
    fours = np.maximum(pairs[:-2], pairs[2:])
    widest = np.maximum(fours[:-1], padded[4:])
    gaps = np.zeros(n + 1, dtype=np.bool_)  # gaps[k]: a blank line between lines k-1 and k
    np.greater(index[1:] - index[:-1], 1, out=gaps[1:n])
    inside, before, after = (k >= start) & (k <= end), k < start, k > end
    # Per-page normalisation: a line's rank among the page's scores and its distance below
    # the page's best lines, so one threshold suits both prose-rich and sparse pages.
    order = z.argsort(kind="stable")
    rank = np.empty(n)
    rank[order] = k / max(n - 1, 1)
    best = z[order[-5:]]
    top = float(np.add.reduce(best)) / len(best)
    words_total = float(np.add.reduce(words)) or 1.0
    columns: tuple[NDArray[Any] | float, ...] = (
        z,
        padded[4 : 4 + n],
        padded[3 : 3 + n],
        padded[6 : 6 + n],
        padded[7 : 7 + n],
        mean(3, 4),
        mean(10, 11),
        widest[:n],
        widest[6 : 6 + n],
        gaps[:n],
        gaps[1:],
        inside,
        before,
        after,
        np.minimum(np.maximum(np.maximum(start - k, k - end), 0), 20) / 20,
        probs * after,
        probs * before,
        (words_total - words.cumsum()) / words_total,
        inside & (words <= 7),
        rank,
        np.minimum(np.maximum(z - top, -10.0), 0.0) / 10,
        float(np.count_nonzero(probs > 0.5)) / n,
    )
    rows = np.empty((len(columns), n))
    for row, values in enumerate(columns):
        rows[row] = values
    matrix: NDArray[np.float64] = np.ascontiguousarray(rows.T)
    return matrix


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
    context = context_features(x @ line_weights, page.words, page.index)
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
    page = page_features(raw_lines, lang)
    scores = score_lines(page)
    keep: list[bool] = (scores > THRESHOLD).tolist()
    return page, keep, scores.tolist()
