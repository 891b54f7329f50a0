"""The HTML block stage: text score and link share weighed together (convert/text/blockscore)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from convert import clean_text
from convert.text import plain
from convert.text.blockscore import keep_blocks, repaired_blocks


def test_more_link_text_never_turns_a_dropped_block_into_a_kept_one() -> None:
    scores = np.linspace(plain.threshold() - 3, plain.threshold() + 3, 25)
    kept_by_density = [keep_blocks(scores, np.full(25, d)) for d in (0.0, 0.3, 0.6, 0.9, 1.0)]
    for fewer_links, more_links in pairwise(kept_by_density):
        assert all(a or not b for a, b in zip(fewer_links, more_links, strict=True))


def test_link_text_weighs_against_a_block_below_the_old_cut() -> None:
    """Before the block stage a line was dropped for links only past 80% link text; now a
    line scoring just above the classifier's threshold goes at 70%, a clear prose line
    without links stays, and past 80% a line still goes whatever it scores."""
    at = plain.threshold()
    assert keep_blocks([at + 0.2, at + 3.0], [0.0, 0.0]) == [True, True]
    assert keep_blocks([at + 0.2], [0.7]) == [False]
    assert keep_blocks([at + 3.0], [1.0]) == [False]


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


def test_a_line_that_repair_breaks_in_two_keeps_its_share_in_both_pieces() -> None:
    lines = ["Menu\u2028Home", "Article text.", "caf\u00c3\u00a9 au lait"]
    repaired, shares, settled = repaired_blocks(lines, [0.9, 0.0, 0.4])
    assert repaired == ["Menu", "Home", "Article text.", "café au lait"]
    assert shares.tolist() == [0.9, 0.9, 0.0, 0.4]
    assert not settled


def test_settled_lines_come_back_as_they_are() -> None:
    repaired, shares, settled = repaired_blocks(["One.", "Two."], [0.0, 0.5])
    assert (repaired, shares.tolist(), settled) == (["One.", "Two."], [0.0, 0.5], True)
