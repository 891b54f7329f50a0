"""The last word on a block line our HTML extractor read: its text score and its link share.

The line classifier (:mod:`convert.text.plain`) learnt from text renderings, where links are
gone. A block knows how much of its text is link text, the clue boilerplate research finds to
carry best from one collection to another (menus, teasers and tag lists are mostly links).
A small logistic stage, fitted on our extractor's blocks of the same pages as the classifier
(``tools/train_text_classifier.py``), weighs the two together; a block over 80% link text
still goes whatever it scores. Before it, every other block was kept on its text score alone.
Snippet F1 of our extractor, before -> after: held-out half 0.9245 -> 0.9245; fitted on the
trafilatura pages and scored on the WCXB ones 0.918 -> 0.940, the reverse 0.875 -> 0.880
(see the README's "Cleaned text").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from convert.text import plain
from convert.text.html import LINK_DENSITY_MAX
from convert.text.normalise import repair, repair_settled
from convert.text.weights import BLOCK_THRESHOLD, BLOCK_WEIGHTS

Values = Sequence[float] | NDArray[np.float64]

BLOCK_NAMES: tuple[str, ...] = ("bias", "text_score", "link_density")


def block_features(scores: Values, link_density: Values) -> NDArray[np.float64]:
    """One row of BLOCK_NAMES per line: the text score measured from the classifier's own
    threshold, and the share of the line that is link text."""
    z = np.asarray(scores, dtype=np.float64)
    matrix = np.empty((len(z), len(BLOCK_NAMES)))
    matrix[:, 0] = 1.0
    matrix[:, 1] = z - plain.threshold()
    matrix[:, 2] = np.asarray(link_density, dtype=np.float64)
    return matrix


def keep_blocks(scores: Values, link_density: Values) -> list[bool]:
    """Which block lines are article text, from their text scores (second-stage logits of
    :func:`convert.text.plain.score_lines`) and link densities; a line over LINK_DENSITY_MAX
    link text never is. Weights are read at call time, so that a refit can install its own."""
    if not len(scores):
        return []
    found = block_features(scores, link_density) @ np.asarray(BLOCK_WEIGHTS, dtype=np.float64)
    found[np.asarray(link_density) > LINK_DENSITY_MAX] = -np.inf
    keep: list[bool] = (found > BLOCK_THRESHOLD).tolist()
    return keep


def mostly_text(keep: Sequence[bool], link_density: Values) -> list[bool]:
    """``keep`` (the classifier's own answer) less the lines over LINK_DENSITY_MAX link text:
    the rule before the block stage."""
    found: list[bool] = (
        np.asarray(keep, dtype=np.bool_) & (np.asarray(link_density) <= LINK_DENSITY_MAX)
    ).tolist()
    return found


def repaired_blocks(
    lines: Sequence[str], shares: Values
) -> tuple[list[str], NDArray[np.float64], bool]:
    """``lines`` repaired, each repaired line's link share, and whether they were settled
    already (:func:`convert.text.normalise.repair_settled`).

    Block lines hold no line break, so one repair of their joined text repairs each, in far
    fewer calls. But repair can break a line in two (a LINE SEPARATOR, or ftfy reading one
    in cp1252 mojibake), and then each line is repaired on its own, so that every piece keeps
    the share of the line it came from rather than shifting the shares after it."""
    joined, settled = repair_settled("\n".join(lines))
    repaired = joined.split("\n")
    found = np.asarray(shares, dtype=np.float64)
    if len(repaired) == len(lines):
        return repaired, found, settled
    pieces = [repair(line).split("\n") for line in lines]
    repaired = [piece for split in pieces for piece in split]
    return repaired, np.repeat(found, [len(split) for split in pieces]), settled
