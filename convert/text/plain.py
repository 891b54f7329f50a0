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


def _shifted(values: NDArray[np.float64], by: int) -> NDArray[np.float64]:
    """``values`` moved ``by`` places later (earlier when negative), zeros shifted in: the
    probability of the line ``by`` above each line, 0 past the page's edges."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def context_features(
    logits: Sequence[float] | NDArray[np.float64],
    words: NDArray[np.int64],
    index: NDArray[np.int64],
) -> NDArray[np.float64]:
    """Neighbourhood features of each line from the first-stage logits (CONTEXT_NAMES), one
    row per line, computed a column at a time over the whole page; ``words`` and ``index``
    are each line's word count and index among all the page's lines."""
    z = np.asarray(logits, dtype=np.float64)
    n = len(z)
    if not n:
        return np.zeros((0, len(CONTEXT_NAMES)))
    with np.errstate(over="ignore"):
        probs = np.where(z < -30, 0.0, 1.0 / (1.0 + np.exp(-z)))
    start, end = densest_span(probs, words)
    words = words.astype(np.float64)
    k = np.arange(n)
    prefix = np.concatenate(([0.0], np.cumsum(probs)))

    def mean(before: int, after: int) -> NDArray[np.float64]:
        lo, hi = np.maximum(k - before, 0), np.minimum(k + after, n)
        means: NDArray[np.float64] = (prefix[hi] - prefix[lo]) / (hi - lo)
        return means

    # Probabilities are >= 0, so zero padding leaves the window maxima unchanged and gives
    # 0 where a window is empty (the first line has none above, the last none below).
    padded = np.concatenate((np.zeros(5), probs, np.zeros(5)))
    max_prev, max_next = padded[:n].copy(), padded[6 : 6 + n].copy()
    for by in range(1, 5):
        np.maximum(max_prev, padded[by : by + n], out=max_prev)
        np.maximum(max_next, padded[6 + by : 6 + by + n], out=max_next)
    gaps = np.diff(index) > 1
    gap_prev = np.concatenate(([False], gaps))
    gap_next = np.concatenate((gaps, [False]))
    inside, before, after = (k >= start) & (k <= end), k < start, k > end
    # Per-page normalisation: a line's rank among the page's scores and its distance below
    # the page's best lines, so one threshold suits both prose-rich and sparse pages.
    rank = np.empty(n)
    rank[np.argsort(z, kind="stable")] = k / max(n - 1, 1)
    top = float(np.sort(z)[-5:].mean())
    words_total = float(words.sum()) or 1.0
    columns = (
        z,
        _shifted(probs, 1),
        _shifted(probs, 2),
        _shifted(probs, -1),
        _shifted(probs, -2),
        mean(3, 4),
        mean(10, 11),
        max_prev,
        max_next,
        gap_prev,
        gap_next,
        inside,
        before,
        after,
        np.minimum(np.maximum(np.maximum(start - k, k - end), 0), 20) / 20,
        probs * after,
        probs * before,
        (words_total - np.cumsum(words)) / words_total,
        inside & (words <= 7),
        rank,
        np.minimum(np.maximum(z - top, -10.0), 0.0) / 10,
        np.full(n, float((probs > 0.5).sum()) / n),
    )
    matrix = np.empty((n, len(columns)))
    for column, values in enumerate(columns):
        matrix[:, column] = values
    return matrix


def score_lines(page: PageFeatures) -> NDArray[np.float64]:
    """The second-stage logit of every line of ``page``: above THRESHOLD means article text.

    The weights are read at call time, so a refit can install its own (the trainer does).
    """
    if not page.texts:
        return np.zeros(0)
    line_weights = np.asarray(LINE_WEIGHTS, dtype=np.float64)
    context_weights = np.asarray(CONTEXT_WEIGHTS, dtype=np.float64)
    own = len(line_weights)
    x = page.matrix
    context = context_features(x @ line_weights, page.words, page.index)
    scores: NDArray[np.float64] = x @ context_weights[:own] + context @ context_weights[own:]
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
