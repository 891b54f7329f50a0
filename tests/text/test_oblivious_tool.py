"""The oblivious-tree fitter of the classifier experiments learns what a linear score cannot,
and its vectorised scoring reads its trees as they were grown (their figures rest on both)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture(scope="module")
def tool(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("oblivious")


def _xor(n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(n, 6))
    return x, ((x[:, 1] > 0) ^ (x[:, 4] > 0.5)).astype(float)


def test_learns_an_interaction_no_linear_score_can(tool: ModuleType) -> None:
    x, y = _xor()
    forest = tool.fit_forest(
        x, y, np.ones(len(y)), np.zeros(len(y)), tool.TreeOptions(trees=30, depth=2, rate=0.3)
    )
    assert ((tool.forest_scores(forest, x) > 0) == y).mean() > 0.97
    assert set(forest.columns[0]) == {1, 4}  # the first tree asks both questions


def test_scores_match_a_walk_down_each_tree(tool: ModuleType) -> None:
    x, y = _xor(1000)
    opts = tool.TreeOptions(trees=12, depth=3, rate=0.2, min_leaf=5, subsample=0.7)
    forest = tool.fit_forest(x, y, np.ones(len(y)), np.zeros(len(y)), opts)
    walked = np.zeros(len(x))
    for t in range(12):
        for i, row in enumerate(x):
            leaf = sum(
                1 << k for k in range(3) if row[forest.columns[t, k]] > forest.thresholds[t, k]
            )
            walked[i] += forest.leaves[t, leaf]
    assert np.allclose(tool.forest_scores(forest, x), walked)


def test_no_side_of_a_split_holds_fewer_rows_than_min_leaf(tool: ModuleType) -> None:
    """A hundred rows that stand out in one column are all the positives: a forest allowed
    leaves of 50 rows singles them out, one held to 150 cannot."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(1000, 3))
    x[:100, 2] += 10.0
    y = (np.arange(1000) < 100).astype(float)
    found = []
    for min_leaf in (50, 150):
        opts = tool.TreeOptions(trees=20, depth=2, rate=0.3, min_leaf=min_leaf)
        forest = tool.fit_forest(x, y, np.ones(len(y)), np.zeros(len(y)), opts)
        scores = tool.forest_scores(forest, x)
        found.append(scores[:100].min() - scores[100:].max())
    assert found[0] > 0 >= found[1]
