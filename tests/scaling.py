"""How the cost of some work grows with its input, for hang guards that nothing can count.

A wall-clock bound ("under 2 s") fails on a loaded or slow machine and says nothing about the
shape of the cost. Here the same work runs on input of ``size`` and of ``FACTOR`` times it,
alternately and several times, and the ratio of the quickest runs is compared: linear work
gives about ``FACTOR``, quadratic about ``FACTOR ** 2``, and a machine that is slow throughout
moves neither. CPU time of this process is measured (another job's turn on the cores is no cost
of this work), with the garbage collector off, whose pauses follow the whole test run's heap.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

FACTOR = 8
"""How much larger the second input is."""

BOUND = 30
"""The ratio allowed: well above linear (8) and its noise, well below quadratic (64)."""

REPEATS = 3
"""Runs of each size; the quickest of each counts."""


def growth(run: Callable[[T], object], make: Callable[[int], T], size: int) -> float:
    """The CPU time of ``run`` on ``make(FACTOR * size)`` over that on ``make(size)``."""
    inputs = [make(size), make(FACTOR * size)]
    quickest = [float("inf"), float("inf")]
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(REPEATS):
            for n, given in enumerate(inputs):
                start = time.process_time()
                run(given)
                quickest[n] = min(quickest[n], time.process_time() - start)
    finally:
        if enabled:
            gc.enable()
    return quickest[1] / max(quickest[0], 1e-9)


def assert_linear(run: Callable[[T], object], make: Callable[[int], T], size: int) -> None:
    """Fail when ``run`` takes time growing with the square of its input (or faster): ``make(n)``
    builds an input of ``n`` units, and ``size`` is large enough that a quadratic cost would
    show over the fixed cost of a call."""
    ratio = growth(run, make, size)
    assert ratio < BOUND, f"{FACTOR}x the input took {ratio:.1f}x the CPU time"
