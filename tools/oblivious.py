"""Boosted oblivious trees for logistic loss, fitted and scored in numpy.

An oblivious (symmetric) tree asks the same question of every row at each of its levels, so a
tree of depth D is D (column, threshold) pairs and a table of 2**D leaf values, and a forest
of any number of trees is scored in a handful of numpy calls whatever its size: gather the
columns of every tree's levels, compare them with their thresholds, pack the answers into
leaf numbers and sum the leaves (:func:`forest_scores`). That is why they were the trees
tried on the line classifier (``tools/tree_experiments.py``): shipping them would cost little
time.

Each tree is grown a level at a time: every column's candidate thresholds (quantiles of its
values) are tried for all the tree's current leaves at once, from histograms of the
gradients and Hessians by (column, leaf, bin), and the split with the best summed gain of
G**2 / (H + l2) is taken; a leaf's side of a split smaller than ``min_leaf`` lines gains
nothing there. Leaf values are Newton steps -G / (H + l2), shrunk by ``rate``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Forest:
    """``columns`` and ``thresholds`` (trees x depth): a row goes right at a level when its
    column's value is above the threshold; ``leaves`` (trees x 2**depth): each tree's value
    at the leaf numbered by its levels' answers (level k's answer is bit k)."""

    columns: Any
    thresholds: Any
    leaves: Any


def forest_scores(forest: Forest, x: Any) -> Any:
    """The forest's summed leaf values for each row of ``x``."""
    trees, depth = forest.columns.shape
    if not trees or not len(x):
        return np.zeros(len(x))
    right = x[:, forest.columns.ravel()] > forest.thresholds.ravel()
    bits = right.reshape(len(x), trees, depth) @ (1 << np.arange(depth))
    leaf = bits + np.arange(trees) * (1 << depth)
    return forest.leaves.ravel().take(leaf).sum(axis=1)


@dataclass
class TreeOptions:
    """How a forest is grown (the defaults are no recommendation: see tree_experiments)."""

    trees: int = 100
    depth: int = 4
    rate: float = 0.1
    l2: float = 10.0
    min_leaf: int = 50
    bins: int = 32
    columns: tuple[int, ...] | None = None  # the columns trees may ask about (None: all)
    subsample: float = 1.0
    seed: int = 0


def _edges(x: Any, bins: int) -> list[Any]:
    """Each column's candidate thresholds: midpoints between distinct quantiles."""
    found = []
    qs = np.linspace(0, 1, bins + 2)[1:-1]
    for col in x.T:
        values = np.unique(np.quantile(col, qs))
        distinct = np.unique(col)
        if len(distinct) <= bins + 1:
            values = distinct
        found.append((values[:-1] + values[1:]) / 2 if len(values) > 1 else np.zeros(0))
    return found


def fit_forest(x: Any, y: Any, w: Any, base: Any, opts: TreeOptions) -> Forest:
    """Boost trees on rows ``x`` with labels ``y`` (0/1), weights ``w``, starting from the
    logits ``base``."""
    n, d = x.shape
    cols = list(range(d)) if opts.columns is None else list(opts.columns)
    edges = _edges(x[:, cols], opts.bins)
    nb = opts.bins + 1  # codes 0..bins: how many of a column's thresholds a value exceeds
    width = np.array([len(e) for e in edges])
    codes = np.column_stack(
        [np.searchsorted(e, x[:, c], side="left") for e, c in zip(edges, cols, strict=True)]
    ).astype(np.int64)
    valid = np.arange(opts.bins)[None, :] < width[:, None]  # (columns, thresholds)
    rng = np.random.default_rng(opts.seed)
    f = np.asarray(base, dtype=np.float64).copy()
    depth, lam = opts.depth, opts.l2
    out_cols = np.zeros((opts.trees, depth), dtype=np.int64)
    out_thr = np.zeros((opts.trees, depth))
    out_leaves = np.zeros((opts.trees, 1 << depth))
    offsets = np.arange(len(cols))[None, :] * nb
    for t in range(opts.trees):
        p = 1 / (1 + np.exp(-f))
        g, h = w * (p - y), w * p * (1 - p)
        rows = np.arange(n)
        if opts.subsample < 1.0:
            rows = rows[rng.random(n) < opts.subsample]
        node = np.zeros(len(rows), dtype=np.int64)
        chosen = np.zeros(depth, dtype=np.int64)
        picks = np.zeros(depth, dtype=np.int64)
        sub = codes[rows]
        gs, hs = g[rows], h[rows]
        for level in range(depth):
            leaves = 1 << level
            # One histogram index per (row, column): column, then leaf, then code.
            idx = offsets * leaves + node[:, None] * nb + sub
            size = len(cols) * leaves * nb
            flat = idx.ravel()
            hist_g = np.bincount(flat, np.repeat(gs, len(cols)), size).reshape(-1, leaves, nb)
            hist_h = np.bincount(flat, np.repeat(hs, len(cols)), size).reshape(-1, leaves, nb)
            hist_c = np.bincount(flat, None, size).reshape(-1, leaves, nb)
            gl = np.cumsum(hist_g, axis=2)[:, :, :-1]
            hl = np.cumsum(hist_h, axis=2)[:, :, :-1]
            cl = np.cumsum(hist_c, axis=2)[:, :, :-1]
            gt = hist_g.sum(2)[:, :, None]
            ht = hist_h.sum(2)[:, :, None]
            ct = hist_c.sum(2)[:, :, None]
            gr, hr, cr = gt - gl, ht - hl, ct - cl
            split = gl**2 / (hl + lam) + gr**2 / (hr + lam)
            whole = gt**2 / (ht + lam)
            ok = (cl >= opts.min_leaf) & (cr >= opts.min_leaf)
            gain = np.where(ok, split - whole, 0.0).sum(axis=1)  # (cols, thresholds)
            gain = np.where(valid, gain, -np.inf)
            best = int(np.argmax(gain))
            c, k = divmod(best, opts.bins)
            chosen[level], picks[level] = c, k
            out_cols[t, level] = cols[c]
            out_thr[t, level] = edges[c][k] if width[c] else np.inf
            node = node + ((sub[:, c] > k) << level)
        leaf_g = np.bincount(node, gs, 1 << depth)
        leaf_h = np.bincount(node, hs, 1 << depth)
        values = -opts.rate * leaf_g / (leaf_h + lam)
        out_leaves[t] = values
        # Every row moves with the tree, not only the subsample it was grown on; the codes
        # answer as the thresholds do (a code above k is a value above threshold k).
        f += values[(codes[:, chosen] > picks).astype(np.int64) @ (1 << np.arange(depth))]
    return Forest(out_cols, out_thr, out_leaves)
