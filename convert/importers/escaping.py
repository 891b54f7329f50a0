"""Backslash escapes in imported Markdown: only where Markdown would otherwise read markup.

Text from a feed goes into Markdown, where ``*``, ``_``, ``<``, ``&``, ``[`` and, at the start
of a line, ``#``, ``-``, ``+``, ``>``, ``:`` or ``1.`` are markup. Escaping every such character
everywhere is safe but leaves records full of ``\\-``, ``\\|`` and ``\\&`` in plain prose,
which people then edit. So the converter first marks each character it would escape, and
once the whole document is written, where the line and the neighbours of each mark are
known, a mark becomes a backslash only where the character could start or close markup:

- always ``[`` (links, images, footnotes and reference definitions start with it) and
  `````, and ``\\`` before punctuation or at the end of a line;
- ``*`` unless white space stands on both sides, ``_`` unless letters or digits do (inside
  a word it never emphasises), ``~`` where the paragraph holds another;
- ``<`` before a letter, ``/``, ``!`` or ``?`` (a tag, comment or autolink), ``>`` at the
  start of a line or after an escaped ``<`` on it, ``&`` that starts a character reference;
- ``#``, ``-``, ``+``, ``=``, ``>`` and ``:`` (a definition, as kramdown, goldmark and the
  renderer read it) at the start of a line (after any list or quote markers), and the ``.``
  or ``)`` of ``1.`` there; ``|`` on a line of a table or of the shape of a table's
  delimiter row; ``]`` inside a link's text.

Then the proof: the document is rendered with the project's Markdown renderer both ways, so
escaped as decided and with every mark a backslash; when the two differ in any byte, the
fully escaped document is kept. Nothing the feed wrote as text becomes live markup.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MARK = "\ufdd0"
"""Stands before each character the converter would escape (a Unicode noncharacter, which
text never holds: :func:`without_marks` takes any out of the input first)."""
HARD = "\\"
"""Written where the converter knows the escape is needed whatever the line holds."""
CHECKED = "\ufdd1"
UNCHECKED = "\ufdd2"
"""A task list's check box, carried as text through the sanitiser (which drops ``<input>``)."""

_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""What XML text cannot hold and lxml refuses to set: C0 controls but tab and line ends, and
the noncharacters U+FFFE and U+FFFF."""
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}))(?![0-9a-fA-F]);?")
# "." and ")" only where they may end a list number: after a digit, or where a text starts
_CANDIDATES = re.compile(r"[\\`*_\[\]<>&~#\-+=|:]|(?<=\d)[.)]|^[.)]")
_MARKED = re.compile(MARK + "(.)", re.S)
_LINE_START = re.compile(r"[ \t]*(?:(?:>|[-+*]|\d{1,9}[.)])(?:[ \t]+|$))*[ \t]*")
_REFERENCE = re.compile(r"#?[A-Za-z0-9]+;")
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-[-: \t|]*")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TASK = re.compile(
    rf"^([ \t]*(?:[-*+]|\d{{1,9}}[.)])[ \t]+)([~*_]*+)([{CHECKED}{UNCHECKED}])[ \t]*",
    re.M,
)


def without_marks(text: str) -> str:
    """``text`` (HTML) without the noncharacters used as marks here, written as characters or
    as references (a parser would decode ``&#xFDD0;`` into a mark of the feed's making), and
    without the characters lxml refuses in text (:data:`NOT_XML`): none of them is shown."""
    text = _NONCHARACTERS.sub("", text)
    if "&#" in text:
        text = _NUMERIC_REFERENCE.sub(_shown_reference, text)
    return NOT_XML.sub("", text)


def _shown_reference(match: re.Match[str]) -> str:
    hexadecimal, decimal = match.groups()
    value = int(hexadecimal, 16) if hexadecimal else int(decimal)
    unshown = value < 0x110000 and NOT_XML.fullmatch(chr(value)) is not None
    return "" if unshown or 0xFDD0 <= value <= 0xFDEF else match.group()


def mark(text: str, parent_tags: set[str]) -> str:
    """``text`` with a mark before every character that may need escaping; inside a link's
    text a ``[`` or ``]`` is escaped outright, since it would end the link early."""
    if "a" in parent_tags:
        text = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        # the backslashes just written are escapes, not text: mark only the rest
        return re.sub(r"(\\[\\\[\]])|([`*_<>&~#\-+=|:]|(?<=\d)[.)]|^[.)])", _mark_rest, text)
    return _CANDIDATES.sub(lambda m: MARK + m.group(0), text)


def _mark_rest(match: re.Match[str]) -> str:
    return match.group(1) or MARK + match.group(2)


def settle(marked: str) -> str:
    """``marked`` (a whole Markdown document) with each mark a backslash where needed, and
    task list check boxes as ``[x]`` and ``[ ]``; proven against the fully escaped form."""
    marked = _tasks(marked)
    full = marked.replace(MARK, HARD)
    if MARK not in marked:
        return full
    decided = "\n".join(_settle_line(line, block) for line, block in _lines(marked))
    if decided == full:
        return full
    from convert.content.render import render_html

    if render_html(decided, "markdown") != render_html(full, "markdown"):
        return full
    return decided


def _tasks(text: str) -> str:
    """Check boxes opening a list item as task list markers; any other as bracketed text."""

    def task(match: re.Match[str]) -> str:
        box = "[x] " if match.group(3) == CHECKED else "[ ] "
        return match.group(1) + box + match.group(2)

    text = _TASK.sub(task, text)
    return text.replace(CHECKED, "\\[x]").replace(UNCHECKED, "\\[ ]")


def _lines(text: str) -> list[tuple[str, str]]:
    """Each line with the paragraph (run of non-blank lines) it belongs to."""
    lines = text.split("\n")
    out: list[tuple[str, str]] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            run.append(line)
            continue
        paragraph = "\n".join(run)
        out.extend((kept, paragraph) for kept in run)
        run = []
        out.append((line, ""))
    return out[:-1]


def _settle_line(line: str, block: str) -> str:
    if MARK not in line:
        return line
    plain = line.replace(MARK, "")
    # List and quote markers are the converter's own, never marked: the line's content starts
    # where the first marked character or other text does.
    lead = _LINE_START.match(line)
    lead_end = lead.end() if lead else 0
    table_line = plain[lead_end:].startswith("|") or _DELIMITER_ROW.fullmatch(plain) is not None
    tildes = block.replace(MARK, "").count("~") > 1
    out: list[str] = []
    pieces = line.split(MARK)
    out.append(pieces[0])
    position = len(pieces[0])  # index in ``plain`` of the character being written
    escaped_open = False
    for piece in pieces[1:]:
        if not piece:
            continue
        char = piece[0]
        context = _Context(plain, position, lead_end, table_line, tildes)
        needed = _needed(char, context) or (char == ">" and escaped_open)
        if char == "<" and needed:
            escaped_open = True
        if needed:
            out.append(HARD)
        out.append(piece)
        position += len(piece)
    return "".join(out)


class _Context(NamedTuple):
    plain: str
    position: int
    lead: int
    table_line: bool
    tildes: bool

    @property
    def before(self) -> str:
        return self.plain[self.position - 1] if self.position else ""

    @property
    def after(self) -> str:
        index = self.position + 1
        return self.plain[index] if index < len(self.plain) else ""


def _needed(char: str, at: _Context) -> bool:
    """Whether ``char`` at ``at.position`` could be read as markup unescaped."""
    before, after, at_start = at.before, at.after, at.position == at.lead
    if char in "[`":
        return True
    if char == "\\":
        return after == "" or after in _ASCII_PUNCTUATION
    if char == "*":
        return at_start or not (before.isspace() and after.isspace())
    if char == "_":
        return not (before.isalnum() and after.isalnum())
    if char == "~":
        return at.tildes or at_start
    if char == "<":
        return after.isalpha() or after in "/!?"
    if char == "&":
        return _REFERENCE.match(at.plain, at.position + 1) is not None
    if char == "#":
        # at the start, a heading; after a space, maybe the closing run of one
        rest = at.plain[at.position :].rstrip(" \t").strip("#")
        return at_start or (before in " \t" and not rest)
    if char in "-+=>:":
        return at_start
    if char in ".)":
        # a list number: one to nine digits from the line's start up to here (looked at
        # there only: a search back over the line cost the square of its length)
        number = at.plain[at.lead : at.position] if at.position - at.lead <= 9 else ""
        return number.isascii() and number.isdigit() and after in ("", " ", "\t")
    if char == "|":
        return at.table_line
    return False  # "]" outside a link's text: no link is open, "[" being escaped
