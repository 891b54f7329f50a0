"""Paragraphs settled and joined: the last step of every clean, done once per paragraph.

Repair and collapsing are settled here (ftfy's fixes can enable one another) so that
cleaning cleaned text gives it back unchanged; a page's paragraphs known to be settled
already (:class:`Settled`) skip the work.
"""

from __future__ import annotations

from convert.text.normalise import collapse, repair
from convert.text.segments import joined_runs


def settle(paragraph: str) -> str:
    """Repair and collapse until nothing changes (ftfy's fixes can enable one another), so
    that cleaning cleaned text gives it back unchanged."""
    for _ in range(3):
        settled = collapse(repair(paragraph))
        if settled == paragraph:
            break
        paragraph = settled
    return paragraph


class Settled(list[str]):
    """Paragraphs known to be settled already: cut from a page that repair left unchanged
    (:func:`convert.text.normalise.repair_settled`) and collapsed."""


def settle_page(title: str | None, paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Title and paragraphs each settled, once: :func:`page_parts` and :func:`join_page`
    expect this.

    In place, so that a huge page never holds its paragraphs twice. Most pages need no
    repair: when repairing all paragraphs joined by line breaks changes nothing, no single
    one would change either (repair works line by line, and NFC never composes across a line
    break), so only collapsing is left to check, paragraph by paragraph. They are joined a
    megabyte at a time (one run for any page of usual size): repair holds several copies of
    what it is given, which for a huge page's whole text had been most of its memory.
    """
    if isinstance(paragraphs, Settled):
        return (settle(title) if title else None), paragraphs
    clean = all(repair(blob) == blob for blob in joined_runs(paragraphs))
    for i, paragraph in enumerate(paragraphs):
        if not clean or collapse(paragraph) != paragraph:
            paragraphs[i] = settle(paragraph)
    return (settle(title) if title else None), paragraphs


def page_parts(title: str | None, paragraphs: list[str]) -> list[str]:
    """Settled title then settled paragraphs; empty ones and copies of the title dropped."""
    if not title:
        return [p for p in paragraphs if p]
    # Case folding never shortens a string, so a paragraph longer than the folded title is
    # no copy of it and need not be folded (most are).
    key = title.casefold()
    size = len(key)
    kept = [p for p in paragraphs if p and (len(p) > size or p.casefold() != key)]
    kept.insert(0, title)  # a list, not a generator unpacked: no resumption a paragraph
    return kept


def join_page(title: str | None, paragraphs: list[str]) -> str:
    """Title, a blank line, then paragraphs one blank line apart; the title only once.

    Settles here (repair and collapse, up to three rounds each) and nowhere else, so each
    paragraph is settled exactly once per clean.
    """
    return "\n\n".join(page_parts(*settle_page(title, paragraphs)))
