"""Markdown's code (fenced and indented blocks, spans), found without the cleaned-text pipeline.

What is inside code is shown as written: the cleaned text keeps it, and a feed's rendering
keeps the template tags it quotes while those outside code go.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from convert.text.spans import ESCAPES, escaped, without_tags

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")
_HELD = re.compile("\x00(\\d+)\x00")
# A list item's marker, and the spaces after it that tell where the item's text begins.
_LIST_ITEM = re.compile(r"[ \t]*([-+*]|\d{1,9}[.)])([ \t]*)(?=\S|$)")


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


def _without_tags_outside_code_spans(block: str, held: list[str], generator: str | None) -> str:
    if "{" not in block:
        return block
    return without_tags(code_spans(block, held, as_written=True), generator)


def _indent(line: str) -> int:
    """The column of ``line``'s first character that is no space or tab (tab stops of 4)."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _restored(text: str, held: list[str]) -> str:
    """``text`` with every placeholder put back, those in what was held included (a literal
    holds only placeholders made before it)."""
    whole: list[str] = []
    for literal in held:
        whole.append(restore(literal, whole))
    return restore(text, whole)


def without_template_tags(source: str, generator: str | None = None) -> str:
    """Markdown ``source`` of a ``generator``'s page ("jekyll", "hugo", "zola"; None for any)
    without the template tags the generator replaces, for rendering.

    What the generator shows as written stays as it shows it: its escapes (Liquid's raw,
    Hugo's and Zola's escaped shortcodes), read everywhere since the generator reads them
    before Markdown, and tags in code: fenced and indented code blocks and code spans.
    """
    if "{" not in source:
        return source
    # A NUL of the source is held like the rest, so that every NUL below starts or ends a
    # placeholder.
    held = ["\x00"]
    text = source.replace("\x00", "\x000\x00")
    parts: list[str] = []
    pos = 0
    for start, end, shown in escaped(text, ESCAPES.get(generator, ESCAPES[None])):
        parts += [text[pos:start], hold(shown, held)]
        pos = end
    parts.append(text[pos:])
    return _restored(_without_tags_outside_code("".join(parts), held, generator), held)


def _without_tags_outside_code(source: str, held: list[str], generator: str | None) -> str:
    """``source`` without template tags outside code, its code spans held in ``held``.

    Code blocks are as CommonMark reads them where it matters: an indented line begins code
    at the start or after a blank line, not in a paragraph it continues nor in a list item,
    where it is the item's text; a missed code block costs its tags, a false one keeps tags.
    """
    out: list[str] = []
    block: list[str] = []
    fence: str | None = None
    indented = False  # in an indented code block
    after_break = True  # at the start, after a blank line or a code block
    list_column: int | None = None  # where the text of the list's items begins

    def flush() -> None:
        out.append(_without_tags_outside_code_spans("".join(block), held, generator))
        block.clear()

    for line in source.splitlines(keepends=True):
        if fence is not None:
            out.append(line)
            if line.strip().startswith(fence):
                fence, after_break = None, True
            continue
        if not line.strip():
            flush()
            out.append(line)
            after_break = True
            continue
        indent = _indent(line)
        if indented and indent < 4:
            indented = False
        listed = _LIST_ITEM.match(line) if indent < 4 else None
        if listed and not listed.group(2) and listed.end() < len(line.rstrip("\r\n")):
            listed = None  # "-1" or "*a": no space after the marker, no list
        if list_column is not None and after_break and indent < list_column and not listed:
            list_column = None  # text back at the margin ends the list
        if indented or (after_break and indent >= 4 and list_column is None):
            flush()
            out.append(line)
            indented = True
            continue
        opened = FENCE.match(line)
        if opened:
            flush()
            out.append(line)
            fence = opened.group(1)
            continue
        if listed:
            spaces = len(listed.group(2))
            column = indent + len(listed.group(1)) + (spaces if 0 < spaces <= 4 else 1)
            list_column = column if list_column is None else min(list_column, column)
        block.append(line)
        after_break = False
    flush()
    return "".join(out)
