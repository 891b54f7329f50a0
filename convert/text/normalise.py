"""Character-level repair shared by every input kind.

Order matters: entities are decoded before mojibake repair (``&#195;&#169;`` is mojibake too),
and NFC comes last so repaired text is composed. ftfy is only run on lines that look like
mojibake, because it costs about 5 ms on an average page and most pages need nothing; its
default quote straightening is turned off, since curly quotes are the author's text, and so is
its removal of terminal escapes: it took ``ESC [a`` whole, so the ``[`` of a Markdown link
after a stray ESC went on lines that looked like mojibake and stayed on the others (the ESC
alone goes with the other control characters).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import NDArray

# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way:
# the signature of UTF-8 mojibake ("Ã©", "â€™").
_LEADS = ((0xC2, 0xF4),)
_FOLLOWERS = ((0x80, 0xBF), *((ord(c), ord(c)) for c in "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"))
# C0 and C1 controls except tab and newline, lone surrogates, and the noncharacters.
_CONTROLS = (
    (0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F),
    (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFFFE, 0xFFFF),
)  # fmt: skip


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges) + "]"


_MOJIBAKE = re.compile(_class(_LEADS) + _class(_FOLLOWERS))
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
REMOVED_CLASS = _class(_CONTROLS)
"""The characters repair removes, as a regular-expression class."""
_CONTROL = re.compile(REMOVED_CLASS)
# Past this length the two searches above are made over the text's code points with numpy
# (a regex scan of a character class costs about 7 ns a character; a table lookup less).
_ARRAY_CHARS = 2000
_IS_CONTROL, _IS_LEAD, _IS_FOLLOWER = 1, 2, 4


@cache
def _classes() -> NDArray[np.uint8]:
    """The classes above for every code point of the Basic Multilingual Plane, and one more
    entry (0) that stands for every code point past it: none of the classes reaches there."""
    table = np.zeros(0x10001, dtype=np.uint8)
    for ranges, bit in ((_CONTROLS, _IS_CONTROL), (_LEADS, _IS_LEAD), (_FOLLOWERS, _IS_FOLLOWER)):
        for low, high in ranges:
            table[low : high + 1] |= bit
    return table


def signs(text: str) -> tuple[bool, bool]:
    """Whether ``text`` holds a character that repair removes (``_CONTROL``), and whether it
    looks like mojibake (``_MOJIBAKE``): the two regex searches, or the same questions asked
    of a table of code points for long texts."""
    if len(text) < _ARRAY_CHARS:
        return _CONTROL.search(text) is not None, _MOJIBAKE.search(text) is not None
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    found = _classes().take(points, mode="clip")  # past the plane: its last entry
    control = bool((found & _IS_CONTROL).any())
    mojibake = bool(((found[:-1] & _IS_LEAD) & ((found[1:] & _IS_FOLLOWER) >> 1)).any())
    return control, mojibake


def decode_entities(text: str) -> str:
    """Decode complete HTML entities (with their semicolon) left in text; "AT&T" stays."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


# ftfy's results by line, for lines up to _FIXED_CHARS long: a cleaning repairs a line that
# looks like mojibake several times over (the page's blocks, the paragraphs kept from them,
# then each paragraph until it settles), and each ftfy call costs tens of microseconds. A
# line ftfy left as it was is its own result too. Cleared when full: at most about 8 MB
# (1,024 pairs of 1,000 characters of four bytes), far less in practice. On the labelled
# pages 409 ftfy calls instead of 591 (405 with four times the room).
_FIXED: dict[str, str] = {}
_FIXED_LINES = 1024
_FIXED_CHARS = 1000


def _fix_line(fix: Callable[..., str], line: str) -> str:
    """ftfy until nothing changes (at most 3 rounds), so repairing repaired text is a no-op."""
    found = _FIXED.get(line)
    if found is not None:
        return found
    fixed = line
    for _ in range(3):
        again = fix(fixed, uncurl_quotes=False, remove_terminal_escapes=False)
        if again == fixed:
            if len(fixed) <= _FIXED_CHARS:
                _remember(fixed, fixed)
            break
        fixed = again
    if len(line) <= _FIXED_CHARS:
        _remember(line, fixed)
    return fixed


def _remember(line: str, fixed: str) -> None:
    if len(_FIXED) >= _FIXED_LINES:
        _FIXED.clear()
    _FIXED[line] = fixed


def repair(text: str) -> str:
    """Entities decoded, mojibake repaired, controls removed, line breaks unified, NFC."""
    return _repair(text)[0]


def _repair(text: str) -> tuple[str, bool]:
    """:func:`repair`'s result, and whether the text it repaired (after line breaks and
    entities) looked like mojibake anywhere."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\ufeff", "")
    text = decode_entities(text)
    control, mojibake = signs(text)
    if mojibake:
        import ftfy

        text = "\n".join(
            _fix_line(ftfy.fix_text, line) if _MOJIBAKE.search(line) else line
            for line in text.split("\n")
        )
    if mojibake or control:
        text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text), mojibake


def repair_settled(text: str) -> tuple[str, bool]:
    """``repair(text)`` and whether ``text`` was settled already: repair changed nothing and
    no line looks like mojibake. Then no selection of its lines, joined by line breaks and
    with their whitespace collapsed, needs repair either (entities, mojibake signs and
    compositions never span whitespace), so settling it can be skipped.

    When repair changed nothing, line breaks and entities changed nothing either, so the
    mojibake search repair made was a search of ``text`` itself: it is not made twice."""
    repaired, mojibake = _repair(text)
    return repaired, repaired == text and not mojibake


def collapse(text: str) -> str:
    """One paragraph on one line: runs of whitespace become a single space."""
    return " ".join(text.split())  # str.split() splits at every kind of whitespace
