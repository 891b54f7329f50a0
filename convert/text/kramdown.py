"""kramdown's attribute lists and extensions, taken out of a Jekyll page as kramdown takes them.

Jekyll's Markdown is kramdown, whose ``{: ...}`` lists set attributes of what they follow or
stand above and never show: a span's right after it (``[intro](/a.html){:target="_blank"}``,
``![x](/a.png){: width="972" }``), a block's on a line of its own (``{: .prompt-tip }`` after
a quote, ``{: file="_config.yml" }`` after a fence; ``{:toc}``, with the list it marks, which
kramdown replaces by the page's table of contents), a named list for later use
(``{:ref: .class}``), and extensions (``{::comment}...{:/comment}`` shows nothing,
``{::nomarkdown}...{:/}`` its text as written, ``{::options ... /}`` nothing). CommonMark shows
them all as text, so a Jekyll page loses them before it is rendered or cleaned.

What kramdown 2.4 (jekyll 4.3.1) keeps, this keeps: a span list after plain text (``word{: .x}``
and ``(p){: .x}`` are text), one that starts a paragraph, an extension of another name or with
no end tag, a stray end tag, anything in code (fenced blocks and code spans). Where an
element ends is read from the character before the list, not from a parse: a reference link
never defined (``[u]{: .u}``, text to kramdown) and a closing ``_`` inside a word count as
elements here. Not followed either: the ``\\}`` escape inside a list (the first ``}`` ends
it here), and indented code blocks (a block list there is indented four spaces, so it is code
as in kramdown; a span list after a link in one goes).

Each ``{:`` is looked at once; the next ``}`` and each extension's end tag are found by
searches that only move forward, so the pass is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from convert.text.markdown_code import FENCE, code_span_bounds

_HANDLED = frozenset({"comment", "nomarkdown", "options"})
# The opening of an extension: its name, options, and "/" when it has no body.
_EXTENSION = re.compile(r"\{::(\w++)(?:\s[^{}]*?)?(/)?\}")
_LINE_START = re.compile(r"(?: {0,3}>)*+ {0,3}")  # a block's start, in quotes too
_BLANK_REST = re.compile(r"[ \t\r]*+(?:\n|\Z)")
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d{1,9}[.)])[ \t]")
_LINE = re.compile(r".*\n?")
# Where a span element ends, so that a list right after it is the element's: a code span's
# or emphasis's closing mark, a tag's ">", a smart quote, a link's "]" (or the ")" that
# closes a "](" on its line).
_ELEMENT_END = frozenset("`*_>\"']")


class _Forward:
    """The first match of a pattern at or after a position that only grows: a match is kept
    until the position passes it, and a pattern found nowhere is not looked for again."""

    __slots__ = ("_found", "_pattern", "_searched", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._found: re.Match[str] | None = None
        self._searched = False

    def at(self, pos: int) -> re.Match[str] | None:
        found = self._found
        if self._searched and (found is None or found.start() >= pos):
            return found
        self._found = self._pattern.search(self._text, pos)
        self._searched = True
        return self._found


def without_kramdown_markup(text: str) -> str:
    """``text``, a Jekyll page's Markdown after Liquid, without what kramdown consumes and
    never shows (its fenced code as written)."""
    if "{:" not in text:
        return text
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in _LINE.finditer(text):
        line_text = line.group()
        if fence is not None:
            out.append(line_text)
            if line_text.strip().startswith(fence):
                fence = None
            continue
        opened = FENCE.match(line_text)
        if opened:
            out.append(_prose("".join(prose)))
            prose.clear()
            out.append(line_text)
            fence = opened.group(1)
            continue
        prose.append(line_text)
    out.append(_prose("".join(prose)))
    return "".join(out)


class _Reader:
    """One run of prose read left to right: the lists and extensions kramdown consumes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.code = list(code_span_bounds(text)) if "`" in text else []
        self.code_starts = [span[0] for span in self.code]
        self.links = [m.start() for m in re.finditer(r"\]\(", text)]
        self.parens = [m.start() for m in re.finditer(r"\)", text)]
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.marks = {
            mark: [m.start() for m in re.finditer(re.escape(mark), text)] for mark in "*_"
        }
        self.brace = _Forward(re.compile(r"\}"), text)
        self.stops: dict[tuple[str, bool], _Forward] = {}
        self.floor = 0  # the end of the last stretch consumed

    def in_code(self, at: int) -> int | None:
        """The end of the code span ``at`` is in (None: in none)."""
        index = bisect_right(self.code_starts, at) - 1
        if index >= 0 and at < self.code[index][3]:
            return self.code[index][3]
        return None

    def line_start(self, at: int) -> int:
        index = bisect_right(self.breaks, at - 1) - 1
        return self.breaks[index] + 1 if index >= 0 else 0

    def after_element(self, at: int) -> bool:
        """Whether a span list at ``at`` follows an element (kramdown gives it to that) rather
        than text (kramdown shows it)."""
        if at == 0:
            return False
        index = bisect_right(self.code_starts, at - 1) - 1  # a code span ending right here
        if index >= 0 and self.code[index][3] == at:
            return True
        before = self.text[at - 1]
        if before == ")":  # a link's or an image's end: the first ")" after the last "]("
            link = bisect_right(self.links, at - 1) - 1
            if link < 0 or self.links[link] < self.line_start(at):
                return False
            return self.parens[bisect_right(self.parens, self.links[link] + 1)] == at - 1
        if before in self.marks:  # emphasis closes an even count of its marks on the line
            marks = self.marks[before]
            count = bisect_right(marks, at - 1) - bisect_right(marks, self.line_start(at) - 1)
            if count % 2:
                return False
        return before in _ELEMENT_END and not self.text[at - 2 : at - 1].isspace()

    def stop(self, name: str, block: bool, at: int) -> re.Match[str] | None:
        """The end tag of extension ``name`` at or after ``at`` (``{:/name}`` or ``{:/}``; a
        block's on a line of its own)."""
        key = (name, block)
        if key not in self.stops:
            tag = r"\{:/(?:" + name + r")?\}"
            pattern = r"^ {0,3}" + tag + r"[ \t\r]*+(?:\n|\Z)" if block else tag
            self.stops[key] = _Forward(re.compile(pattern, re.MULTILINE), self.text)
        return self.stops[key].at(at)

    def consumed(self) -> Iterator[tuple[int, int, str]]:
        """Each stretch kramdown consumes: its start, end and what it shows instead."""
        text = self.text
        at = text.find("{:")
        element_until = -1  # a list ending here follows the same element as the one before
        while at >= 0:
            if self.brace.at(at + 2) is None:
                return  # every list and extension ends with a "}"
            resume = at + 1
            code_end = self.in_code(at)
            if code_end is not None:
                at = text.find("{:", code_end)
                continue
            before = text[at - 1] if at else "\n"
            if before == "\\" or (before.isalnum() and text[at + 2 : at + 3] != ":"):
                at = text.find("{:", resume)  # escaped, or a list after a word: text
                continue
            found = self._block(at) or self._span(at, element_until == at)
            if found is not None:
                yield found
                resume = self.floor = found[1]
                if not found[2] and text[at + 2 : at + 3] not in (":", "/"):
                    element_until = found[1]
            at = text.find("{:", resume)

    def _block(self, at: int) -> tuple[int, int, str] | None:
        """A list, a named list or an extension on lines of its own, from its line's start."""
        text = self.text
        start = self.line_start(at)
        if at - start > 20 or _LINE_START.fullmatch(text, start, at) is None:
            return None
        extension = _EXTENSION.match(text, at)
        if extension is not None:
            rest = _BLANK_REST.match(text, extension.end())
            if rest is None or extension.group(1) not in _HANDLED:
                return None
            if extension.group(2):
                return start, rest.end(), ""
            stop = self.stop(extension.group(1), True, rest.end())
            if stop is None:
                return None  # kramdown reads it again as a span
            body = text[rest.end() : stop.start()] if extension.group(1) == "nomarkdown" else ""
            return start, stop.end(), body
        if text[at + 2 : at + 3] in (":", "/"):
            return None
        close = self.brace.at(at + 2)
        if close is None or close.start() == at + 2:
            return None
        rest = _BLANK_REST.match(text, close.end())
        if rest is None:
            return None
        if text[at + 2 : close.start()].strip() == "toc":
            start = self._list_above(start)
        return start, rest.end(), ""  # a block list, or a named one ({:ref: .class})

    def _list_above(self, start: int) -> int:
        """Where the list of one-line items right above ``start`` begins: kramdown puts the
        table of contents in place of the list ``{:toc}`` marks (``* TOC``), a page's
        navigation that a feed or cleaned text leaves out."""
        while start > self.floor:
            above = self.line_start(start - 1)
            if above < self.floor or _LIST_ITEM.match(self.text, above, start) is None:
                break
            start = above
        return start

    def _span(self, at: int, after_list: bool) -> tuple[int, int, str] | None:
        text = self.text
        if text[at + 2 : at + 3] == "/":
            return None  # an end tag with no extension open: text
        extension = _EXTENSION.match(text, at)
        if extension is not None:
            if extension.group(1) not in _HANDLED:
                return None
            if extension.group(2):
                return at, extension.end(), ""
            stop = self.stop(extension.group(1), False, extension.end())
            if stop is None:
                return None
            name = extension.group(1)
            body = text[extension.end() : stop.start()] if name == "nomarkdown" else ""
            return at, stop.end(), body
        if text[at + 2 : at + 3] == ":":
            return None
        close = self.brace.at(at + 2)
        if close is None or close.start() == at + 2:
            return None
        if after_list or self.after_element(at):
            return at, close.end(), ""
        return None


def _prose(text: str) -> str:
    if "{:" not in text:
        return text
    out: list[str] = []
    pos = 0
    for start, end, shown in _Reader(text).consumed():
        out += [text[pos:start], shown]
        pos = end
    out.append(text[pos:])
    return "".join(out)
