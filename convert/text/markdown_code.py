"""Markdown's code, fenced blocks and spans, found without the rest of the cleaned-text pipeline.

What is inside code is shown as written: the cleaned text keeps it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_HELD = re.compile("\x00(\\d+)\x00")


def hold(literal: str, held: list[str]) -> str:
    """A placeholder for ``literal``, which ``inline`` puts back once the markup is gone."""
    held.append(literal)
    return f"\x00{len(held) - 1}\x00"


def restore(text: str, held: list[str]) -> str:
    """``text`` with the literals :func:`hold` set aside put back."""
    return _HELD.sub(lambda m: held[int(m.group(1))], text)


def code_span_bounds(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Each code span of ``text``: where its opening run starts, its content starts and ends,
    and its closing run ends.

    As in CommonMark, a run of backticks opens a span that the next run of the same length
    closes; a run with no such partner is literal text. Runs are listed once and paired
    through a per-length index, so the pass is linear however many backticks there are (a
    backreference regex retried every run length at every start: minutes on 20 KB).
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    if len(runs) < 2:
        return
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect_right(same, index)
        if after == len(same):
            index += 1
            continue
        closer = same[after]
        yield start, end, runs[closer][0], runs[closer][1]
        index = closer + 1


def code_spans(text: str, codes: list[str]) -> str:
    """Code spans replaced by placeholders, their stripped content appended to ``codes``
    (:func:`code_span_bounds`)."""
    out: list[str] = []
    pos = 0
    for start, inside, inside_end, end in code_span_bounds(text):
        out += [text[pos:start], hold(text[inside:inside_end].strip(), codes)]
        pos = end
    if not pos:
        return text
    out.append(text[pos:])
    return "".join(out)
