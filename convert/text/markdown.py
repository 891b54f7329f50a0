"""Markdown to paragraphs of plain text: the words stay, the markup goes.

Links keep their text, images go (their alt text is a description, not the article), emphasis
markers go, code keeps its content, and scripts and styles go with theirs. Footnotes keep their
text and lose their markers. A full Markdown
parser would be exact, but a record body needs only its prose back, and a line-based pass over
CommonMark's block forms does that with no dependency and in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from convert.text.markdown_code import FENCE, code_spans, hold, restore
from convert.text.normalise import REMOVED_CLASS, collapse

_HEADING = re.compile(r"\s{0,3}#{1,6}(?:\s++|$)")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*\d{1,9}[.)]\s+")
_REF_DEF = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+")
# A footnote's definition (kramdown, goldmark, Python-Markdown) and its marker in the text.
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]\s]++\]:\s*")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]++\]")
_TABLE_CELL = re.compile(r":?-{3,}:?")

# Every pattern below is linear: a repeated class never matches the pattern's own opening
# delimiter and is possessive, so the scan from one start stops where the next start begins
# and never backtracks ("[[[[...", "<http:<http:..." cost one pass, not one per start). Code
# spans, comments and emphasis need to find a far closer, so they are scans in Python instead.
_URL = r"\((?:[^()]|\([^()]*+\))*+\)"  # one level of nested parentheses, as in wiki links
_IMAGE = re.compile(r"!\[[^\[\]]*+\](?:" + _URL + r"|\[[^\[\]]*+\])?")
_LINK = re.compile(r"\[([^\[\]]*+)\](?:" + _URL + r"|\[[^\[\]]*+\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]++)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")
# Elements whose content a browser never shows, opened by a tag ``_TAG`` has matched.
_HIDDEN_OPEN = re.compile(r"<(script|style)(?=[\s/>])", re.IGNORECASE)
_HIDDEN_CLOSE = {
    "script": re.compile(r"</script(?=[\s/>])", re.IGNORECASE),
    "style": re.compile(r"</style(?=[\s/>])", re.IGNORECASE),
}
# CommonMark's raw HTML block that may hold blank lines: opened by a script or style tag at
# the start of a line, it runs to the line holding one of the four end tags.
_RAW_BLOCK = re.compile(r"\s{0,3}<(?:script|style)(?:[\s>]|$)", re.IGNORECASE)
_RAW_BLOCK_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# An odd run of backslashes whose last one stands before a character that repair removes.
_LONE_BACKSLASH_BEFORE_REMOVED = re.compile(r"(?<!\\)((?:\\\\)*+)\\(?=" + REMOVED_CLASS + ")")

# Emphasis as (opener, closer per delimiter), applied in this order: the opener is followed
# by a non-space, the closer preceded by one; "_" only at word edges. Positions are
# zero-width matches so that overlapping candidates ("***") are all seen.
_Spans = tuple[re.Pattern[str], dict[str, re.Pattern[str]]]
_STRONG: _Spans = (
    re.compile(r"(?=(\*\*|__)\S)"),
    {"**": re.compile(r"(?<=\S)(?=\*\*)"), "__": re.compile(r"(?<=\S)(?=__)")},
)
_STRIKE: _Spans = (re.compile(r"(?=(~~)\S)"), {"~~": re.compile(r"(?<=\S)(?=~~)")})
_EMPH_STAR: _Spans = (re.compile(r"(?=(\*)\S)"), {"*": re.compile(r"(?<=\S)(?=\*)")})
_EMPH_UNDER: _Spans = (re.compile(r"(?<!\w)(?=(_)\S)"), {"_": re.compile(r"(?<=\S)(?=_(?!\w))")})


def _unwrap(text: str, spans: _Spans) -> str:
    """Delimited spans replaced by their content, as ``re.sub`` of ``D(?=\\S)(.+?)(?<=\\S)D``
    would (leftmost opener first, nearest closer, no line break inside) but in linear time.

    The regex retries every opener that has no closer against the whole rest of the text,
    which is quadratic in the number of such openers ("**a **a **a ..."); here every opener
    finds its nearest closer by bisection over closer positions listed once.
    """
    opener, closer = spans
    if not any(delimiter in text for delimiter in closer):
        return text
    ends = {d: [m.start() for m in pattern.finditer(text)] for d, pattern in closer.items()}
    breaks = [m.start() for m in re.finditer("\n", text)]
    out: list[str] = []
    pos = 0
    for match in opener.finditer(text):
        start, delimiter = match.start(), match.group(1)
        content = start + len(delimiter)
        if start < pos:
            continue
        candidates = ends[delimiter]
        found = bisect_left(candidates, content + 1)
        if found == len(candidates):
            continue
        end = candidates[found]
        line_break = bisect_left(breaks, content)
        if line_break < len(breaks) and breaks[line_break] < end:
            continue
        out += [text[pos:start], text[content:end]]
        pos = end + len(delimiter)
    out.append(text[pos:])
    return "".join(out)


def _hidden_end(text: str, start: int, name: str, unclosed: set[str]) -> int:
    """Where the script or style element whose start tag ends at ``start`` ends, -1 when it
    is never closed (then only its tag goes: a stray tag must not take the article with it).

    An element found unclosed is not looked for again, so each kind is searched for once
    to the end of the text at most.
    """
    if name in unclosed:
        return -1
    close = _HIDDEN_CLOSE[name].search(text, start)
    bracket = text.find(">", close.end()) if close else -1
    if bracket < 0:
        unclosed.add(name)
        return -1
    return bracket + 1


def _strip_tags(text: str) -> str:
    """HTML tags and comments removed, in one left-to-right pass; a script or style goes
    with its content, as a browser shows neither.

    A comment reaches the first "-->" after it; once there is none, none is looked for
    again (a regex would rescan the rest of the text from every unclosed "<!--").
    """
    out: list[str] = []
    pos = 0
    closed = True
    unclosed: set[str] = set()
    at = text.find("<")
    while at >= 0:
        tag = _TAG.match(text, at)
        end = tag.end() if tag else -1
        hidden = _HIDDEN_OPEN.match(text, at) if tag else None
        if hidden is not None:
            end = max(end, _hidden_end(text, end, hidden.group(1).lower(), unclosed))
        if tag is None and closed and text.startswith("<!--", at):
            close = text.find("-->", at + 4)
            closed = close >= 0
            end = close + 3 if closed else -1
        if end < 0:
            at = text.find("<", at + 1)
            continue
        out.append(text[pos:at])
        pos = end
        at = text.find("<", pos)
    out.append(text[pos:])
    return "".join(out)


def keep_backslashes_literal(text: str) -> str:
    """``text`` with each backslash that stands before a control character escaped, for
    Markdown about to be repaired.

    Before a control a backslash escapes nothing and is shown as it is (CommonMark); once
    repair removed the control, it would escape what followed, and a link after it would be
    read as literal text, its address included.
    """
    if "\\" not in text:
        return text
    return _LONE_BACKSLASH_BEFORE_REMOVED.sub(lambda m: m.group(1) + "\\\\", text)


def inline(text: str) -> str:
    """Inline markup removed from one line or paragraph; code spans keep their content.

    Every step is linear in the length of ``text``: bodies are untrusted input, and one
    line of backticks or brackets must not stall a run.
    """
    codes: list[str] = []
    text = code_spans(text, codes)
    # Backslash-escaped punctuation is literal: it is set aside like code, so that an escaped
    # "*" or "<" never looks like markup to the steps below.
    text = _ESCAPE.sub(lambda m: hold(m.group(1), codes), text)
    # Tags go before links: a link's text put back in place must not close a "<" before it
    # into a tag ("<[a link](u)>" would become the tag "<a link>" and vanish).
    text = _strip_tags(text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    for spans in (_STRONG, _STRIKE, _EMPH_STAR, _EMPH_UNDER):
        text = _unwrap(text, spans)
    return restore(text, codes)


def _heading(line: str) -> str | None:
    """The text of an ATX heading line without its closing run of "#", None for other lines.

    The closing run is cut in Python: the regex ``(.*?)(?:\\s+#+\\s*)?$`` retried the whole
    space run at every position of it (seconds on one long line of spaces).
    """
    opened = _HEADING.match(line)
    if opened is None:
        return None
    rest = line[opened.end() :]
    bare = rest.rstrip()
    if bare.endswith("#"):
        before = bare.rstrip("#")
        if before[-1:].isspace():
            return before.rstrip()
    return rest


def _table_rule(line: str) -> bool:
    """Whether ``line`` is a table's header rule, ``| --- | :-: |``: dash cells between pipes."""
    if "---" not in line:
        return False
    cells = line.strip()
    cells = cells[1:] if cells.startswith("|") else cells
    cells = cells[:-1] if cells.endswith("|") else cells
    return all(_TABLE_CELL.fullmatch(cell.strip()) for cell in cells.split("|"))


def _add_code(out: list[str], code: list[str]) -> None:
    """A fenced block becomes one paragraph: its content kept, its layout collapsed like prose."""
    text = collapse(" ".join(code))
    if text:
        out.append(text)


def paragraphs(source: str) -> list[str]:
    """The paragraphs of a Markdown document as plain text, one string each."""
    out: list[str] = []
    current: list[str] = []
    fence: str | None = None
    code: list[str] = []
    raw: list[str] | None = None  # the lines of an open script or style block

    def flush() -> None:
        if current:
            text = collapse(inline(" ".join(current)))
            if text:
                out.append(text)
            current.clear()

    for line in source.split("\n"):
        if fence is not None:
            if line.strip().startswith(fence):
                _add_code(out, code)
                fence, code = None, []
            else:
                code.append(line)
            continue
        if raw is None and _RAW_BLOCK.match(line):
            flush()
            raw = []
        if raw is not None:  # held with its block's lines, blank ones included
            raw.append(line)
            if _RAW_BLOCK_END.search(line):
                current.extend(raw)
                flush()
                raw = None
            continue
        opened = FENCE.match(line)
        if opened:
            flush()
            fence = opened.group(1)
            continue
        if not line.strip() or _RULE.match(line) or _REF_DEF.match(line) or _table_rule(line):
            flush()
            continue
        if _SETEXT.match(line) and current:
            flush()  # the underline of a heading: the heading is already buffered
            continue
        heading = _heading(line)
        if heading is not None:
            flush()
            current.append(heading)
            flush()
            continue
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:
            flush()
            line = line[footnote.end() :]
        line = _QUOTE.sub("", line)
        if _BULLET.match(line) or _ORDERED.match(line):
            flush()
            line = _BULLET.sub("", line)
        if "|" in line and line.strip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        current.append(line.strip())
    _add_code(out, code)
    current.extend(raw or ())
    flush()
    return out
