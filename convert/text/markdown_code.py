"""Markdown's code, fenced blocks and spans, found without the rest of the cleaned-text pipeline.

What is inside code is shown as written: the cleaned text keeps it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_LINE = re.compile(r".*\n?")  # a line that "\n" alone ends (empty at the text's end)
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


Run = tuple[int, int, bool]
"""A stretch of Markdown between line starts: its start, end, and whether it is a fenced code
block (from its opening line to its closing one) or prose."""


def fenced_runs(text: str, start: int = 0, *, any_break: bool = False) -> Iterator[Run]:
    """``text`` from ``start`` (a line's start) as runs of prose and of fenced code, in order.

    As CommonMark reads fences outside lists and quotes: one opens on a line of up to three
    spaces and three or more backticks or tildes, the first later line that starts with at
    least as many of the same closes it, and one never closed holds the rest of the text.
    Looser than CommonMark, as these passes have always read fences: any whitespace indents,
    a closing line may be indented further and go on after its fence, and an opening line of
    backticks may hold more of them. A line ends at "\n", or (``any_break``) at any break
    :meth:`str.splitlines` knows, as the template-tag pass has read lines. Each pass that
    treats code apart takes its runs from here, so that all agree on what is code.
    """
    # No fence at all: one run of prose. Looked for from the text's start only: a reader that
    # starts again further on (kramdown's, after an HTML block) would search to the end each time.
    if not start and "```" not in text and "~~~" not in text:
        if text:
            yield 0, len(text), False
        return
    run_start = pos = start
    fence: str | None = None
    for line in _lines(text, start, any_break):
        if fence is None:
            opened = FENCE.match(line)
            if opened is not None:
                if pos > run_start:
                    yield run_start, pos, False
                run_start, fence = pos, opened.group(1)
        elif line.strip().startswith(fence):
            yield run_start, pos + len(line), True
            run_start, fence = pos + len(line), None
        pos += len(line)
    if run_start < len(text):
        yield run_start, len(text), fence is not None


def _lines(text: str, start: int, any_break: bool) -> Iterator[str]:
    """The lines of ``text`` from ``start``, each with its break; read as they are needed
    where only "\n" ends one, so that a reader that starts again further on reads each once."""
    if any_break:
        return iter(text[start:].splitlines(keepends=True))
    return map(re.Match.group, _LINE.finditer(text, start))
