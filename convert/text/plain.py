"""Boilerplate removal for a page rendered as lines: keep the article, drop the furniture.

Two logistic models, as in the jusText idea of judging unsure blocks by their neighbours:
the first scores each line from its own features (:mod:`convert.text.features`); the second
rescores it from those features plus the first scores of its neighbours and of the page's
densest run of prose (the maximum-sum span of scores, as in Finn et al.'s Body Text
Extraction). The weights were fitted on one half of the labelled pages in
``/work/shared/text-eval`` (split by case-id hash) and checked on the other; see
``benchmarks/text_eval_entry.py``, which refits them.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence

from convert.text.features import Line, page_lines
from convert.text.weights import CONTEXT_WEIGHTS, LINE_WEIGHTS, THRESHOLD

CONTEXT_NAMES: tuple[str, ...] = (
    "own", "prev1", "prev2", "next1", "next2", "win3", "win10", "max_prev5", "max_next5",
    "gap_prev", "gap_next", "in_region", "before_region", "after_region", "dist_region",
    "own_after", "own_before", "words_after", "short_in_region", "page_rank", "below_top",
    "page_share",
)  # fmt: skip


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    """Dot product; lengths are checked once by the tests, not on every line."""
    total: float = sum(map(operator.mul, weights, values))
    return total


def densest_span(probs: Sequence[float], words: Sequence[int]) -> tuple[int, int]:
    """The span of lines (inclusive bounds) maximising the sum of (p - 0.5) * log(1 + words).

    Returns ``(0, -1)`` when no line is more likely content than not.
    """
    best = current = 0.0
    start = best_start = 0
    best_end = -1
    for k, (p, n) in enumerate(zip(probs, words, strict=True)):
        value = (p - 0.5) * math.log1p(n)
        if current <= 0:
            current, start = value, k
        else:
            current += value
        if current > best:
            best, best_start, best_end = current, start, k
    return best_start, best_end


def context_features(logits: Sequence[float], lines: Sequence[Line]) -> list[tuple[float, ...]]:
    """Neighbourhood features of each line from the first-stage logits (CONTEXT_NAMES)."""
    n = len(logits)
    if not n:
        return []
    probs = [_sigmoid(z) for z in logits]
    start, end = densest_span(probs, [line.words for line in lines])
    # Prefix sums make the window means O(1) per line.
    prefix = [0.0]
    for p in probs:
        prefix.append(prefix[-1] + p)

    def mean(lo: int, hi: int) -> float:
        lo, hi = max(lo, 0), min(hi, n)
        return (prefix[hi] - prefix[lo]) / (hi - lo)

    def at(j: int) -> float:
        return probs[j] if 0 <= j < n else 0.0

    # Per-page normalisation: a line's rank among the page's scores and its distance below
    # the page's best lines, so one threshold suits both prose-rich and sparse pages.
    rank = [0.0] * n
    for r, k in enumerate(sorted(range(n), key=logits.__getitem__)):
        rank[k] = r / max(n - 1, 1)
    top_lines = sorted(logits)[-5:]
    top = sum(top_lines) / len(top_lines)
    share = sum(1 for p in probs if p > 0.5) / n
    words_total = sum(line.words for line in lines) or 1
    words_after = words_total
    rows: list[tuple[float, ...]] = []
    for k in range(n):
        words_after -= lines[k].words
        inside = start <= k <= end
        rows.append(
            (
                logits[k],
                at(k - 1),
                at(k - 2),
                at(k + 1),
                at(k + 2),
                mean(k - 3, k + 4),
                mean(k - 10, k + 11),
                max(probs[max(0, k - 5) : k]) if k else 0.0,
                max(probs[k + 1 : k + 6]) if k + 1 < n else 0.0,
                float(k > 0 and lines[k].index - lines[k - 1].index > 1),
                float(k + 1 < n and lines[k + 1].index - lines[k].index > 1),
                float(inside),
                float(k < start),
                float(k > end),
                min(max(start - k, k - end, 0), 20) / 20,
                probs[k] * (k > end),
                probs[k] * (k < start),
                words_after / words_total,
                float(inside and lines[k].words <= 7),
                rank[k],
                min(max(logits[k] - top, -10.0), 0.0) / 10,
                share,
            )
        )
    return rows


def score_lines(lines: Sequence[Line]) -> list[float]:
    """The second-stage logit of every line: above THRESHOLD means article text."""
    logits = [_dot(LINE_WEIGHTS, line.features) for line in lines]
    context = context_features(logits, lines)
    return [
        _dot(CONTEXT_WEIGHTS, line.features + ctx) for line, ctx in zip(lines, context, strict=True)
    ]


def classify(raw_lines: Sequence[str], lang: str | None = None) -> tuple[list[Line], list[bool]]:
    """Feature and classify the non-blank lines of a page; returns them with keep flags."""
    lines, _ = page_lines(raw_lines, lang)
    if not lines:
        return [], []
    scores = score_lines(lines)
    return lines, [s > THRESHOLD for s in scores]
