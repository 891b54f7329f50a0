"""Words of a page named by a 64-bit hash of their characters, computed for all at once.

Cutting each word out of the page as a string (by ``\\w+`` or by slicing) cost about a
microsecond a word, a fifth of featuring a page. The features only ask which listed word a
word is, so a word is named instead by a polynomial hash of its code points, computed over
the whole page with numpy prefix sums (arithmetic modulo 2**64, where the multiplier is odd
and so invertible), and listed words are found by binary search among their own hashes. Two
different words share a hash with odds of about one in 10**16 per word looked up.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

_BASE = np.uint64(0x9E3779B97F4A7C15)  # odd: invertible modulo 2**64
_INVERSE = np.uint64(pow(int(_BASE), -1, 2**64))
# As an array of no dimensions, which numpy takes as it is (a scalar is converted at every call).
_LENGTH = np.array(0xC2B2AE3D27D4EB4F, dtype=np.uint64)


def _powers(base: np.uint64, count: int) -> NDArray[np.uint64]:
    out = np.full(count, base, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


_cached: dict[str, NDArray[np.uint64]] = {}


def _table(name: str, base: np.uint64, count: int) -> NDArray[np.uint64]:
    """The first ``count`` powers of ``base``, from a table kept and grown by doubling (pages
    are cut in pieces of at most a million characters, so it stays small)."""
    table = _cached.get(name)
    if table is None or len(table) < count:
        table = _cached[name] = _powers(
            base, max(count, 2 * len(table) if table is not None else 4096)
        )
    return table[:count]


def prefix_sums(points: NDArray[np.uint32], size: int | None = None) -> NDArray[np.uint64]:
    """The weighted prefix sums of the first ``size`` code points (all by default), from
    which :func:`span_hashes` names any run of them."""
    size = len(points) if size is None else size
    prefix = np.empty(size + 1, dtype=np.uint64)
    prefix[0] = 0
    # Arithmetic on arrays of unsigned integers wraps silently (only scalars warn of
    # overflow), so no errstate is needed here: it cost more than the arithmetic. The
    # weighted points are summed where they are written (no array of them apart).
    sums = prefix[1:]
    np.multiply(points[:size], _table("base", _BASE, size), out=sums)
    np.add.accumulate(sums, out=sums)
    return prefix


def span_hashes(
    prefix: NDArray[np.uint64], begins: NDArray[np.int64], ends: NDArray[np.int64]
) -> NDArray[np.uint64]:
    """The hash of each run ``points[begins[k]:ends[k]]`` of the points whose
    :func:`prefix_sums` are ``prefix``."""
    lengths = np.subtract(ends, begins).view(np.uint64)  # never negative: the same bits
    inverse = _table("inverse", _INVERSE, len(prefix))
    # Worked out in place: no temporary array for each step.
    hashes: NDArray[np.uint64] = prefix.take(ends)
    hashes -= prefix.take(begins)
    hashes *= inverse.take(begins)
    lengths *= _LENGTH
    hashes += lengths
    return hashes


def run_hashes(
    points: NDArray[np.uint32], begins: NDArray[np.int64], ends: NDArray[np.int64]
) -> NDArray[np.uint64]:
    """The hash of each run ``points[begins[k]:ends[k]]``."""
    if not begins.size:
        return np.zeros(0, dtype=np.uint64)
    return span_hashes(prefix_sums(points, int(ends[-1])), begins, ends)


def word_hashes(words: Sequence[str]) -> NDArray[np.uint64]:
    """The hash of each of ``words`` (as :func:`run_hashes` gives it for the same word)."""
    joined = "\n".join(words)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter(map(len, words), np.int64, len(words))
    begins = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    return run_hashes(points, begins, begins + lengths)
