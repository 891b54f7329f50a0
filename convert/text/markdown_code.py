"""Markdown's code, fenced blocks and spans, found without the cleaned-text pipeline.

What is inside code is shown as written: the cleaned text keeps it, and a feed's rendering
keeps the template tags it quotes while those outside code go.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from convert.text.spans import TEMPLATE_TAGS, drop_spans

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


def code_spans(text: str, codes: list[str], as_written: bool = False) -> str:
    """Code spans replaced by placeholders, their stripped content appended to ``codes``
    (``as_written``: the whole span, backticks and all).

    As in CommonMark, a run of backticks opens a span that the next run of the same length
    closes; a run with no such partner is literal text. Runs are listed once and paired
    through a per-length index, so the pass is linear however many backticks there are (a
    backreference regex retried every run length at every start: minutes on 20 KB).
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    out: list[str] = []
    pos = index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect_right(same, index)
        if after == len(same):
            index += 1
            continue
        closer = same[after]
        code = text[start : runs[closer][1]] if as_written else text[end : runs[closer][0]].strip()
        out += [text[pos:start], hold(code, codes)]
        pos = runs[closer][1]
        index = closer + 1
    out.append(text[pos:])
    return "".join(out)


def _without_tags_outside_code_spans(block: str) -> str:
    if "{" not in block or "\x00" in block:
        return block
    codes: list[str] = []
    held = drop_spans(code_spans(block, codes, as_written=True), TEMPLATE_TAGS)
    return restore(held, codes)


def without_template_tags(source: str) -> str:
    """Markdown ``source`` without site generators' template tags, for rendering: fenced code
    blocks and code spans keep theirs, as the page shows them there."""
    if "{" not in source:
        return source
    out: list[str] = []
    block: list[str] = []
    fence: str | None = None
    for line in source.splitlines(keepends=True):
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = FENCE.match(line)
        if opened or not line.strip():
            out.append(_without_tags_outside_code_spans("".join(block)))
            block.clear()
            out.append(line)
            fence = opened.group(1) if opened else None
            continue
        block.append(line)
    out.append(_without_tags_outside_code_spans("".join(block)))
    return "".join(out)
