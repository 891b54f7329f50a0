"""The HTML block stage: text score and link share weighed together (convert/text/blockscore)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np

from convert import clean_text
from convert.text import plain
from convert.text.blockscore import _places, keep_blocks, repaired_blocks, repaired_lines
from convert.text.chars import code_points
from convert.text.columns import page_features


def _one_block(scores: Any, shares: Any) -> list[bool]:
    """keep_blocks for lines of 12 words, all in one paragraph of the page."""
    count = len(scores)
    return keep_blocks(scores, shares, [12] * count, [1] * count, [-1, 0])


def test_more_link_text_never_turns_a_dropped_block_into_a_kept_one() -> None:
    scores = np.linspace(plain.threshold() - 3, plain.threshold() + 3, 25)
    kept_by_density = [_one_block(scores, np.full(25, d)) for d in (0.0, 0.3, 0.6, 0.9, 1.0)]
    for fewer_links, more_links in pairwise(kept_by_density):
        assert all(a or not b for a, b in zip(fewer_links, more_links, strict=True))


def test_link_text_weighs_against_a_block_below_the_old_cut() -> None:
    """Before the block stage a line was dropped for links only past 80% link text; now a
    line scoring just above the classifier's threshold goes at 70%, a clear prose line
    without links stays, and past 80% a line still goes whatever it scores."""
    at = plain.threshold()
    assert _one_block([at + 0.2, at + 3.0], [0.0, 0.0]) == [True, True]
    assert _one_block([at + 0.2], [0.7]) == [False]
    assert _one_block([at + 3.0], [1.0]) == [False]


# The page (0) holds a header (1) and a main division (2); the division holds the article (3),
# whose paragraphs are 4-6, and a teaser box (7) with one paragraph (8).
PARENTS = [-1, 0, 0, 2, 3, 3, 3, 2, 7]


def test_the_main_container_is_the_lowest_block_holding_half_the_prose() -> None:
    owners = [1, 4, 5, 6, 8]
    words = np.array([3.0, 40.0, 30.0, 2.0, 20.0])
    prose = np.array([0.0, 40.0, 30.0, 0.0, 20.0])
    inside, off, alone = _places(prose, words, owners, PARENTS)
    # The article (70 of 90 prose words) is the container, not the division that also holds
    # the teaser, nor one of its paragraphs (none holds half).
    assert inside.tolist() == [0.0, 1.0, 1.0, 1.0, 0.0]
    # The header is one block off the path page -> division -> article, the teaser two.
    assert off.tolist() == [1.0, 0.0, 0.0, 0.0, 2.0]
    # The teaser's paragraph is the only line of its box; the header is a line of the page.
    assert alone.tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]


def test_a_page_without_prose_is_its_own_container() -> None:
    inside, off, _ = _places(np.zeros(2), np.array([2.0, 3.0]), [1, 8], PARENTS)
    assert inside.tolist() == [1.0, 1.0] and off.tolist() == [0.0, 0.0]


def test_a_doubtful_line_inside_the_main_container_is_kept_and_outside_dropped() -> None:
    """The same text score and link share: a line among the article's paragraphs (a heading,
    an ingredient) stays, a line alone in a box beside the article (a teaser) goes."""
    at = plain.threshold()
    # The page (0) holds the article (1), whose paragraphs are 2-5, and a teaser box (6)
    # with one paragraph (7).
    parents = [-1, 0, 1, 1, 1, 1, 0, 6]
    scores = [at + 3.0, at + 3.0, at + 3.0, at - 0.3, at - 0.3]
    kept = keep_blocks(scores, [0.0] * 5, [30, 30, 30, 4, 4], [2, 3, 4, 5, 7], parents)
    assert kept == [True, True, True, True, False]


def test_a_page_of_links_and_prose_keeps_the_prose() -> None:
    prose = (
        "The council said on Tuesday that the new bridge would be finished by the end of "
        "the year, and that the old one will be closed to traffic while the works go on."
    )
    links = " ".join(f'<a href="/{k}">Story number {k} of the day</a>' for k in range(6))
    page = f"<html><body><div>{links}</div><p>{prose}</p><p>{prose}</p></body></html>"
    out = clean_text(page, kind="html", extractor="builtin")
    assert prose in out
    assert "Story number" not in out


def test_a_line_that_repair_breaks_in_two_tells_both_pieces_where_they_came_from() -> None:
    lines = ["Menu\u2028Home", "Article text.", "caf\u00c3\u00a9 au lait"]
    repaired, sources, settled = repaired_blocks(lines)
    assert repaired == ["Menu", "Home", "Article text.", "café au lait"]
    assert sources.tolist() == [0, 0, 1, 2]
    assert not settled


def test_settled_lines_come_back_as_they_are() -> None:
    repaired, sources, settled = repaired_blocks(["One.", "Two."])
    assert (repaired, sources.tolist(), settled) == (["One.", "Two."], [0, 1], True)


def test_a_line_holding_a_line_break_comes_back_in_pieces_even_when_nothing_needs_repair() -> None:
    """Lines that repair leaves alone come back as given, unless one holds a line break
    (not what a reader gives, but what the stage's contract covers): then its pieces."""
    for long in (False, True):  # short texts are searched by regex, long ones by the table
        filler = ["Some words of a paragraph."] * (100 if long else 1)
        repaired, sources, settled = repaired_blocks(["One\nTwo", *filler])
        assert repaired == ["One", "Two", *filler]
        assert sources.tolist() == [0, 0, *range(1, len(filler) + 1)]
        assert settled


def test_settled_reader_lines_come_back_with_the_text_the_line_features_join() -> None:
    lines = ["One.", "", "Two words.", "Three."]
    repaired, sources, settled, joined = repaired_lines(lines)
    assert (repaired, sources, settled) == (lines, None, True)
    assert joined is not None
    texts, text, points = joined
    assert (texts, text) == (["One.", "Two words.", "Three."], "One.\nTwo words.\nThree.")
    assert points.tolist() == code_points(text).tolist()
    given = page_features(lines, "en", stripped=True, joined=joined)
    assert np.array_equal(given.matrix, page_features(lines, "en").matrix)


def test_reader_lines_that_need_repair_come_back_repaired_in_their_places() -> None:
    lines = ["Fish &amp; chips", "", "caf\u00c3\u00a9 au lait", "Plain."]
    repaired, sources, settled, joined = repaired_lines(lines)
    assert repaired == ["Fish & chips", "", "café au lait", "Plain."]
    assert (sources, settled, joined) == (None, False, None)
    assert repaired == repaired_blocks(lines)[0]


def test_a_reader_line_that_repair_breaks_in_two_is_told_where_its_pieces_came_from() -> None:
    lines = ["Menu\u2028Home", "", "Article text."]
    repaired, sources, settled, joined = repaired_lines(lines)
    assert repaired == ["Menu", "Home", "", "Article text."]
    assert sources is not None
    assert sources.tolist() == [0, 0, 1, 2]
    assert (settled, joined) == (False, None)


def _places_by_passes(
    prose: np.ndarray, words: np.ndarray, owners: list[int], parents: list[int]
) -> tuple[list[float], list[float], list[float]]:
    """The places by definition: one pass up the blocks summing subtrees, then one down."""
    count = len(parents)
    held, mass = [0.0] * count, [0.0] * count
    for owner, w, p in zip(owners, words.tolist(), prose.tolist(), strict=True):
        held[owner] += w
        mass[owner] += p
    for k in range(count - 1, 0, -1):
        held[parents[k]] += held[k]
        mass[parents[k]] += mass[k]
    main = 0
    if mass[0] > 0:
        for k in range(1, count):
            if parents[k] == main and mass[k] >= mass[0] / 2:
                main = k
    path = {main}
    while parents[min(path)] >= 0:
        path.add(parents[min(path)])
    inside, steps = [main == 0] * count, [0] * count
    for k in range(1, count):
        inside[k] = inside[parents[k]] or k == main
        steps[k] = 0 if k in path else steps[parents[k]] + 1
    found = [float(inside[o]) for o in owners]
    off = [0.0 if inside[o] else float(min(steps[o], 6)) for o in owners]
    alone = [float(held[max(parents[o], 0)] - w <= 0) for o, w in zip(owners, words, strict=True)]
    return found, off, alone


def _random_tree(rng: np.random.Generator, count: int, depth: int) -> list[int]:
    """Parents of ``count`` blocks in document order, each parent first, some chains deep."""
    parents, open_ = [-1], [0]
    for k in range(1, count):
        while len(open_) > 1 and (rng.random() < 0.3 or len(open_) > depth):
            open_.pop()
        parents.append(open_[-1])
        open_.append(k)
    return parents


def test_places_by_doubling_match_the_passes_block_by_block() -> None:
    """Random trees, shallow and deeper than any labelled page (40), lines of whole numbers
    of words, some with ties of two sibling blocks holding exactly half the prose."""
    rng = np.random.default_rng(7)
    for trial in range(300):
        count = int(rng.integers(1, 120))
        parents = _random_tree(rng, count, int(rng.choice([3, 10, 70])))
        lines = int(rng.integers(1, 60))
        owners = rng.integers(0, count, lines).tolist()
        words = rng.integers(0, 30, lines).astype(np.float64)
        prose = words * (rng.random(lines) < 0.5)
        if trial % 3 == 0 and count > 2:  # the prose split evenly between two blocks
            owners[:2] = [count - 1, count - 2]
            prose[:] = 0.0
            prose[:2] = words[:2] = 10.0
        got = [column.tolist() for column in _places(prose, words, owners, parents)]
        assert got == list(_places_by_passes(prose, words, owners, parents))
