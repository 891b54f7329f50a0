"""kramdown's attribute lists and extensions, taken out of a Jekyll page as kramdown takes them.

Jekyll's Markdown is kramdown, whose ``{: ...}`` lists set attributes of what they follow or
stand above and never show: a span's right after it (``[intro](/a.html){:target="_blank"}``,
``![x](/a.png){: width="972" }``), a block's on a line of its own (``{: .prompt-tip }`` after
a quote, ``{: file="_config.yml" }`` after a fence; ``{:toc}``, with the list it marks, which
kramdown replaces by the page's table of contents), a named list for later use
(``{:ref: .class}``), and extensions (``{::comment}...{:/comment}`` shows nothing,
``{::nomarkdown}...{:/}`` its text as written, ``{::options ... /}`` nothing). CommonMark shows
them all as text, so a Jekyll page loses them before it is rendered or cleaned. So do
header IDs: ``## Head {#id}`` (and a setext heading's ``Head {#id}``) is the heading "Head".

What kramdown 2.4 (jekyll 4.3.1) keeps, this keeps: a span list after plain text (``word{: .x}``
and ``(p){: .x}`` are text), one that starts a paragraph, an extension of another name or with
no end tag, a stray end tag, anything in code (fenced blocks and code spans), and what an
HTML block holds (kramdown leaves a block's contents as written unless ``markdown="1"``: a
``<pre>``'s ``{: .x}`` line is code, ``<div>{: .x} text</div>`` text). Where an
element ends is read from the character before the list, not from a parse: a reference link
never defined (``[u]{: .u}``, text to kramdown) and a closing ``_`` inside a word count as
elements here. Not followed either: the ``\\}`` escape inside a list (the first ``}`` ends
it here), and indented code blocks (a block list there is indented four spaces, so it is code
as in kramdown; a span list after a link in one goes).

Each ``{:`` is looked at once; the next ``}``, each extension's end tag and each HTML
comment's end are found by searches that only move forward, so the pass is linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property

from convert.text.forward import Ahead
from convert.text.markdown_code import code_span_bounds, fenced_runs

_HANDLED = frozenset({"comment", "nomarkdown", "options"})
# The opening of an extension: its name, options, and "/" when it has no body.
_EXTENSION = re.compile(r"\{::(\w++)(?:\s[^{}]*?)?(/)?\}")
_LINE_START = re.compile(r"(?: {0,3}>)*+ {0,3}")  # a block's start, in quotes too
# A line where an extension or an HTML block may start.
_BLOCK_LINE = re.compile(r"^(?: {0,3}>)*+ {0,3}[{<]", re.MULTILINE)
_BLANK_REST = re.compile(r"[ \t\r]*+(?:\n|\Z)")
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d{1,9}[.)])[ \t]")
_LINE = re.compile(r".*\n?")
# Where a span element ends, so that a list right after it is the element's: a code span's
# or emphasis's closing mark, a tag's ">", a smart quote, a link's "]" (or the ")" that
# closes a "](" on its line).
_ELEMENT_END = frozenset("`*_>\"']")
# A heading's ID (kramdown 2.4's parser/kramdown/header.rb): a name that starts with a letter,
# braced after a space at the end of the heading's line.
_HEADER_ID = re.compile(r"[A-Za-z][\w:-]*+")
# An ATX heading's start, in quotes and list items too (GFM: a space after the marks).
_ATX = re.compile(r"(?: {0,3}(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]))[ \t]?)*+ {0,3}#{1,6}[ \t]")
_QUOTES = re.compile(r"(?: {0,3}>[ \t]?)*+")
_UNDERLINE = re.compile(r"(?:=++|-++)[ \t\r]*+\n?")
# HTML blocks as kramdown reads them (parser/html.rb): a line that starts with a tag that is
# not a span element's opens a block, raw up to the tag that closes it.
_HTML_LINE = re.compile(r"((?: {0,3}>)*+) {0,3}<")
_TAG = re.compile(
    r"<(/?)([A-Za-z][\w:.-]*+)"
    r"((?:\s++[^\s\"'<>/=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'<>=`]++))?)*+)\s*+(/?)>"
)
_MARKDOWN_ATTRIBUTE = re.compile(r"""\smarkdown\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|(\S+))""")
_SPAN_NAMES = (
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strike strong sub sup textarea tt "
    "u var"
)
_SPAN_ELEMENTS = frozenset(_SPAN_NAMES.split())
_VOID_NAMES = "area base br col command embed hr img input keygen link meta param source track wbr"
_WITHOUT_BODY = frozenset(_VOID_NAMES.split())


class _HtmlBlocks:
    """Where each HTML block of a page ends, read as kramdown reads one whose contents it
    leaves raw: each tag inside opens an element that its own closing tag ends (a closing
    tag of another name is text), ``script`` and ``style`` hold text up to their end tag, an
    element never closed runs to the end of the page (of the quote, in a quote)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.comment_end = Ahead(re.compile("-->"), text)
        self.raw_ends: dict[str, Ahead] = {}

    def _raw_end(self, name: str, at: int, limit: int) -> int:
        if name not in self.raw_ends:
            pattern = re.compile(r"</" + name + r"\s*+>", re.IGNORECASE)
            self.raw_ends[name] = Ahead(pattern, self.text)
        found = self.raw_ends[name].at(at)
        return found.end() if found is not None and found.end() <= limit else limit

    def end(self, at: int, limit: int) -> int | None:
        """The end of the HTML block whose line's "<" is at ``at`` (None: not a raw block,
        as a span element, or one with ``markdown="1"``, which kramdown reads as Markdown)."""
        text = self.text
        if text.startswith("<!--", at):
            found = self.comment_end.at(at + 4)
            return found.end() if found is not None and found.end() <= limit else None
        tag = _TAG.match(text, at, limit)
        if tag is None or tag.group(1):
            return None
        name = tag.group(2).lower()
        if name in _SPAN_ELEMENTS:
            return None
        markdown = _MARKDOWN_ATTRIBUTE.search(tag.group(3))
        if (
            markdown is not None
            and (markdown.group(1) or markdown.group(2) or markdown.group(3)) != "0"
        ):
            return None
        if tag.group(4) or name in _WITHOUT_BODY:
            return tag.end()
        if name in ("script", "style"):
            return self._raw_end(name, tag.end(), limit)
        opened = [name]
        pos = tag.end()
        while opened:
            pos = text.find("<", pos, limit)
            if pos < 0:
                return limit  # kramdown closes what is open at the end
            if text.startswith("<!--", pos):
                found = self.comment_end.at(pos + 4)
                if found is not None and found.end() <= limit:
                    pos = found.end()
                    continue
            tag = _TAG.match(text, pos, limit)
            if tag is None:
                pos += 1
                continue
            pos = tag.end()
            name = tag.group(2).lower()
            if tag.group(1):
                if name == opened[-1]:
                    opened.pop()
            elif name in ("script", "style"):
                pos = self._raw_end(name, pos, limit)
            elif not tag.group(4) and name not in _WITHOUT_BODY:
                opened.append(name)
        return pos


def without_kramdown_markup(text: str) -> str:
    """``text``, a Jekyll page's Markdown after Liquid, without what kramdown consumes and
    never shows (its fenced code and HTML blocks as written)."""
    if "{:" not in text and "{#" not in text:
        return text
    page = _Page(text)
    runs = fenced_runs(text)
    while (run := next(runs, None)) is not None:
        start, end, fenced = run
        if fenced:
            page.as_written(start, end)
            continue
        pos = page.read(start, end)
        if pos > end:  # an HTML block or an extension held what opened a fence
            runs = fenced_runs(text, pos)
    return page.shown()


class _Page:
    """A Jekyll page's Markdown read as kramdown parses its blocks, from line to line: what it
    shows of the page, its prose without what kramdown consumes (:func:`_prose`), its code
    and HTML blocks as written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.prose: list[str] = []  # the lines of prose read since the last block
        self.blocks = _HtmlBlocks(text)
        self.stops: dict[str, Ahead] = {}
        self.quote_end = 0  # the end of the run of quoted lines the line read is in

    def as_written(self, start: int, end: int) -> None:
        """A block kramdown shows as written, after the prose before it."""
        self.out += [_prose("".join(self.prose), not self.out), self.text[start:end]]
        self.prose.clear()

    def read(self, start: int, end: int) -> int:
        """Read the lines of prose from ``start`` to ``end``; where reading goes on (past
        ``end`` when a block that opens before it runs on). Only a line that may open an
        extension or an HTML block is looked at; the lines between are prose as they are."""
        text = self.text
        pos = start
        while (line := _BLOCK_LINE.search(text, pos, end)) is not None:
            self.prose.append(text[pos : line.start()])
            pos = self._line(line.start(), text.find("\n", line.start()) + 1 or len(text))
            if pos >= end:
                return pos
        self.prose.append(text[pos:end])
        return end

    def _line(self, start: int, end: int) -> int:
        """Read the line from ``start`` to ``end``; where reading goes on."""
        text = self.text
        extension = _block_extension(text, start, self.stops)
        if extension is not None:  # the reader's to take, with what it holds
            self.prose.append(text[start:extension])
            return extension
        html = _HTML_LINE.match(text, start, end)
        if html is not None:
            limit = len(text)
            if html.group(1):  # in a quote, a block ends with the quote
                if self.quote_end <= start:
                    self.quote_end = _quote_end(text, start)
                limit = self.quote_end
            block_end = self.blocks.end(html.end() - 1, limit)
            if block_end is not None:
                self.as_written(start, block_end)
                after = text.find("\n", block_end) + 1 or len(text)
                rest = text[block_end:after]  # the rest of the block's last line: a block's start
                (self.prose if rest.strip() else self.out).append(rest)
                return after
        self.prose.append(text[start:end])
        return end

    def shown(self) -> str:
        """What kramdown shows of the page read."""
        return "".join([*self.out, _prose("".join(self.prose), not self.out)])


def _block_extension(text: str, at: int, stops: dict[str, Ahead]) -> int | None:
    """The end of the extension with a body that opens on the line at ``at`` and ends on a
    line of its own (None: none), so that an HTML tag it holds starts no block."""
    opening = _LINE_START.match(text, at)
    extension = _EXTENSION.match(text, opening.end()) if opening is not None else None
    if extension is None or extension.group(2) or extension.group(1) not in _HANDLED:
        return None
    name = extension.group(1)
    if name not in stops:
        pattern = r"^ {0,3}\{:/(?:" + name + r")?\}[ \t\r]*+(?:\n|\Z)"
        stops[name] = Ahead(re.compile(pattern, re.MULTILINE), text)
    stop = stops[name].at(extension.end())
    return stop.end() if stop is not None else None


def _quote_end(text: str, at: int) -> int:
    """The end of the run of quoted lines from ``at``."""
    for line in _LINE.finditer(text, at):
        if not line.group().lstrip(" ").startswith(">"):
            return line.start()
    return len(text)


def _unquoted(line: str) -> str:
    """``line`` without the quote marks it starts with."""
    quotes = _QUOTES.match(line)
    return line[quotes.end() :] if quotes is not None else line


class _Reader:
    """One run of prose read left to right: the lists and extensions kramdown consumes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.code = list(code_span_bounds(text)) if "`" in text else []
        self.code_starts = [span[0] for span in self.code]
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.brace = Ahead(re.compile(r"\}"), text)
        self.stops: dict[tuple[str, bool], Ahead] = {}
        self.floor = 0  # the end of the last stretch consumed

    # Where links, parentheses and emphasis marks are: read once, when a span list needs them
    # (a page of many HTML blocks has as many short runs of prose, most with none).
    @cached_property
    def links(self) -> list[int]:
        return [m.start() for m in re.finditer(r"\]\(", self.text)]

    @cached_property
    def parens(self) -> list[int]:
        return [m.start() for m in re.finditer(r"\)", self.text)]

    @cached_property
    def marks(self) -> dict[str, list[int]]:
        return {mark: [m.start() for m in re.finditer(re.escape(mark), self.text)] for mark in "*_"}

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
            self.stops[key] = Ahead(re.compile(pattern, re.MULTILINE), self.text)
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


def _without_header_ids(text: str, page_start: bool) -> str:
    """``text`` without its headings' IDs: an ATX heading's on its line, a setext heading's
    on the line its underline follows when a blank line (or the page's start) comes before;
    not after a code or HTML block, which ``text`` follows unless ``page_start``."""
    out: list[str] = []
    pos = 0
    at = text.find("{#")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at) + 1 or len(text)
        at = text.find("{#", end)
        line_text = text[start:end]
        atx = _ATX.match(line_text)
        if atx is not None:
            heading = atx.end()
        else:
            heading = len(line_text) - len(_unquoted(line_text))
            above = text[text.rfind("\n", 0, start - 1) + 1 : start] if start else ""
            before = _unquoted(above) if start else "" if page_start else "-"
            under = _unquoted(text[end : text.find("\n", end) + 1 or len(text)])
            if (
                line_text[heading : heading + 1] in (" ", "\t")
                or before.strip()
                or _UNDERLINE.fullmatch(under) is None
            ):
                continue
        body = line_text.rstrip()
        brace = body.rfind("{#")
        if (
            not body.endswith("}")
            or brace <= heading
            or body[brace - 1] not in " \t"
            or not body[heading:brace].strip()
            or _HEADER_ID.fullmatch(body, brace + 2, len(body) - 1) is None
        ):
            continue
        out += [text[pos:start], body[:brace].rstrip(" \t"), line_text[len(body) :]]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _prose(text: str, page_start: bool) -> str:
    """A run of prose (``page_start``: the page's first) without what kramdown consumes."""
    if "{#" in text:
        text = _without_header_ids(text, page_start)
    if "{:" not in text:
        return text
    out: list[str] = []
    pos = 0
    for start, end, shown in _Reader(text).consumed():
        out += [text[pos:start], shown]
        pos = end
    out.append(text[pos:])
    return "".join(out)
