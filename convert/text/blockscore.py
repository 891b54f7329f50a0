"""The last word on a block line our HTML extractor read: its text score and its link share.

The line classifier (:mod:`convert.text.plain`) learnt from text renderings, where links are
gone. A block knows how much of its text is link text, the clue boilerplate research finds to
carry best from one collection to another (menus, teasers and tag lists are mostly links).
A small logistic stage, fitted on our extractor's blocks of the same pages as the classifier
(``tools/train_text_classifier.py``), weighs the two together; a block over 80% link text
still goes whatever it scores. Before it, every other block was kept on its text score alone.
Snippet F1 of our extractor, before -> after: held-out half 0.9245 -> 0.9245; fitted on the
trafilatura pages and scored on the WCXB ones 0.918 -> 0.940, the reverse 0.875 -> 0.880
(see docs/cleaned-text.md).

The stage also knows where a line sits in the page's tree of block elements, measured from
the page's main container: the lowest block holding at least half of the page's prose (the
words of lines the classifier keeps that have 8+ words and are under half link text, the
readability sense of where the article is). Whether a line lies inside it, how many of its
blocks lie off the path to it when it does not, and whether the line's parent block holds
no other line carried across collections where class names did not: text the classifier
doubts inside the container is mostly the article's own (headings, ingredients, a second
block of text), prose outside it mostly furniture (teasers, notices, author notes). Snippet
F1 before -> after (classifier alone): held-out half 0.926 -> 0.942, trafilatura -> WCXB
0.941 -> 0.950, WCXB -> trafilatura 0.880 -> 0.898.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from convert.text import plain
from convert.text.chars import code_points
from convert.text.columns import Joined
from convert.text.html_rules import LINK_DENSITY_MAX
from convert.text.normalise import repair, repair_settled
from convert.text.weights import BLOCK_THRESHOLD, BLOCK_WEIGHTS

Values = Sequence[float] | NDArray[np.float64]
Counts = Sequence[int] | NDArray[np.int64]

BLOCK_NAMES: tuple[str, ...] = (
    "bias", "text_score", "link_density", "inside_main", "blocks_off_main", "alone",
)  # fmt: skip
PROSE_WORDS = 8  # a line the classifier keeps counts towards the prose with this many words
MAX_STEPS = 6
# Constants as arrays of no dimensions, which numpy takes as they are (a scalar is converted
# at every call).
_ZERO, _HALF, _ONE = np.array(0.0), np.array(0.5), np.array(1.0)
_PROSE_WORDS = np.array(float(PROSE_WORDS))


def _places(
    prose: NDArray[np.float64],
    words: NDArray[np.float64],
    owners: Counts,
    parents: Sequence[int],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """For each line (its words, prose words and innermost block, ``owners``): whether it lies
    inside the main container, how many of its blocks lie off the path from the page to it
    (0 inside, at most MAX_STEPS) and whether its parent block holds no other line's words.

    Blocks are numbered in document order with each parent first (:class:`Nesting`). A page
    has some 300 blocks, and Python passes over them (summing each subtree, placing each
    block) cost more than numpy calls over all of them at once: subtree sums are made by
    doubling (each round adds what hangs twice as far below), in as many rounds as the tree
    is deep in bits (a round past the depth adds only to the entry above the page). Sums of
    whole numbers of words are exact in any order, so they are those of a pass block by
    block."""
    count = len(parents)
    size = count + 1  # the blocks and one above the page, where every chain of parents ends
    owner = np.asarray(owners, dtype=np.int64)
    parent = np.fromiter(parents, np.int64, count)
    # Words (first half) and prose (second half) sums, and each entry's ancestor 2**j up,
    # the halves kept apart by numbering the second's blocks from ``size``.
    up = np.empty(2 * size, dtype=np.int64)
    up[:count] = parent
    up[0] = up[count] = count
    np.add(up[:size], size, out=up[size:])
    sums = np.bincount(owner, weights=words, minlength=2 * size)
    sums[size:] = np.bincount(owner, weights=prose, minlength=size)
    for _ in range(3):  # pages' trees are 13 blocks deep or so: rounds 8 deep go unasked
        sums += np.bincount(up, weights=sums, minlength=2 * size)
        up = up.take(up)
    while np.minimum.reduce(up[:count]) < count:  # a block still has an ancestor 2**j up
        sums += np.bincount(up, weights=sums, minlength=2 * size)
        up = up.take(up)
    held, mass = sums[:count], sums[size : size + count]
    # The main container: from the page down, the first child holding half the prose, as
    # long as there is one. Only blocks holding half of it can be, and they are few.
    main, half = 0, float(mass[0]) / 2
    if half > 0:
        for k in (mass >= half).nonzero()[0].tolist():  # the page's parent is never main
            if parents[k] == main:
                main = k
    parent[0] = 0  # the page is its own parent from here on
    alone = (held.take(parent.take(owner)) - words) <= _ZERO
    if not main:  # the page is the container: every line is inside it, none off the path
        return np.ones(len(owner)), np.zeros(len(owner)), alone.astype(np.float64)
    off_path = np.ones(count)
    k = main
    while k >= 0:
        off_path[k] = 0.0
        k = parents[k]
    # Its blocks run from it to the first block whose parent comes before it.
    after = (parent[main + 1 :] < main).nonzero()[0]
    end = main + 1 + int(after[0]) if after.size else count
    found = ((owner >= main) & (owner < end)).astype(np.float64)
    # Off the path is closed downwards, so the blocks off it on a line's way up are the
    # first ones: MAX_STEPS (6) of them counted as two, four, then four and two more.
    two = off_path + off_path.take(parent)
    above = parent.take(parent)
    six = two + two.take(above)
    six += two.take(above.take(above))
    off = six.take(owner) * (_ONE - found)
    return found, off, alone.astype(np.float64)


def block_features(
    scores: Values,
    link_density: Values,
    words: Counts,
    owners: Counts,
    parents: Sequence[int],
) -> NDArray[np.float64]:
    """One row of BLOCK_NAMES per line: the text score measured from the classifier's own
    threshold, the share of the line that is link text, and its place from the main
    container (:func:`_places`; ``owners`` and ``parents`` as in :class:`Nesting`)."""
    z = np.asarray(scores, dtype=np.float64)
    density = np.asarray(link_density, dtype=np.float64)
    counts = np.asarray(words, dtype=np.float64)
    matrix = np.empty((len(z), len(BLOCK_NAMES)))
    matrix[:, 0] = 1.0
    np.subtract(z, plain.threshold(), out=matrix[:, 1])
    matrix[:, 2] = density
    prose = counts * ((matrix[:, 1] > _ZERO) & (density < _HALF) & (counts >= _PROSE_WORDS))
    matrix[:, 3], matrix[:, 4], matrix[:, 5] = _places(prose, counts, owners, parents)
    return matrix


_in_use: list[tuple[object, NDArray[np.float64]]] = []  # the block weights last read, as an array


def _block_weights() -> NDArray[np.float64]:
    """BLOCK_WEIGHTS as an array, made again only when other weights have been installed."""
    weights = BLOCK_WEIGHTS
    if not _in_use or _in_use[0][0] is not weights:
        _in_use[:] = [(weights, np.asarray(weights, dtype=np.float64))]
    return _in_use[0][1]


def keep_blocks(
    scores: Values,
    link_density: Values,
    words: Counts,
    owners: Counts,
    parents: Sequence[int],
) -> list[bool]:
    """Which block lines are article text, from their text scores (second-stage logits of
    :func:`convert.text.plain.score_lines`), link densities, words and places among the
    block elements; a line over LINK_DENSITY_MAX link text never is. Weights are read at
    call time, so that a refit can install its own."""
    if not len(scores):
        return []
    found = block_features(scores, link_density, words, owners, parents) @ _block_weights()
    # One & of two comparisons, where setting the scores of the linkiest lines to -inf
    # first took a masked assignment.
    kept = (found > BLOCK_THRESHOLD) & (np.asarray(link_density) <= LINK_DENSITY_MAX)
    keep: list[bool] = kept.tolist()
    return keep


def mostly_text(keep: Sequence[bool], link_density: Values) -> list[bool]:
    """``keep`` (the classifier's own answer) less the lines over LINK_DENSITY_MAX link text:
    the rule before the block stage."""
    found: list[bool] = (
        np.asarray(keep, dtype=np.bool_) & (np.asarray(link_density) <= LINK_DENSITY_MAX)
    ).tolist()
    return found


def repaired_lines(
    lines: list[str],
) -> tuple[list[str], NDArray[np.int64] | None, bool, Joined | None]:
    """:func:`repaired_blocks` of the readers' lines (stripped, holding no line break), with
    None for the sources where each repaired line is the line of the same number, and, when
    the lines were settled (``lines`` given back), their non-blank ones joined by line
    breaks with the joined text's code points, as :func:`convert.text.columns.page_features`
    takes them.

    Repair is asked of that text: repair works line by line, so blank lines change nothing
    of its answer, and the line features, which join the same lines, reuse the text and its
    code points (most pages need no repair). Where it changed lines without adding any, the
    repaired non-blank lines take the places of the lines they were."""
    texts = list(filter(None, lines))
    text = "\n".join(texts)
    points = code_points(text)
    joined, settled = repair_settled(text, points)
    if settled:
        return lines, None, True, (texts, text, points)
    if joined.count("\n") == len(texts) - 1:
        pieces = iter(joined.split("\n"))
        return [next(pieces) if line else line for line in lines], None, False, None
    repaired, sources, settled = repaired_blocks(lines, unbroken=True)
    return repaired, sources, settled, None


def repaired_blocks(
    lines: Sequence[str], *, unbroken: bool = False
) -> tuple[list[str], NDArray[np.int64], bool]:
    """``lines`` repaired, the number of the line each repaired line came from, and whether
    they were settled already (:func:`convert.text.normalise.repair_settled`). ``unbroken``:
    no line holds a line break (as the readers give them), which then goes unchecked.

    Block lines hold no line break, so one repair of their joined text repairs each, in far
    fewer calls. But repair can break a line in two (a LINE SEPARATOR, or ftfy reading one
    in cp1252 mojibake), and then each line is repaired on its own, so that every piece is
    told the line it came from (and keeps that line's link share and place) rather than
    shifting the lines after it. Most pages need no repair: then the lines are given back,
    not cut out of the joined text again (a tenth of the stage's time)."""
    text = "\n".join(lines)
    joined, settled = repair_settled(text)
    # Unchanged, and the lines held no line break: the lines as given.
    if joined is text and (unbroken or text.count("\n") == len(lines) - 1):
        return list(lines), np.arange(len(lines)), settled
    repaired = joined.split("\n")
    if len(repaired) == len(lines):
        return repaired, np.arange(len(lines)), settled
    pieces = [repair(line).split("\n") for line in lines]
    repaired = [piece for split in pieces for piece in split]
    return repaired, np.repeat(np.arange(len(lines)), [len(split) for split in pieces]), settled
