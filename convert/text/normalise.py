"""Character-level repair shared by every input kind.

Order matters: entities are decoded before mojibake repair (``&#195;&#169;`` is mojibake too),
and NFC comes last so repaired text is composed. ftfy is only run on lines that look like
mojibake, because it costs about 5 ms on an average page and most pages need nothing; its
default quote straightening is turned off, since curly quotes are the author's text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable

# A UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way:
# the signature of UTF-8 mojibake ("Ã©", "â€™").
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# C0 and C1 controls except tab and newline, lone surrogates, and the noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def decode_entities(text: str) -> str:
    """Decode complete HTML entities (with their semicolon) left in text; "AT&T" stays."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _fix_line(fix: Callable[..., str], line: str) -> str:
    """ftfy until nothing changes (at most 3 rounds), so repairing repaired text is a no-op."""
    for _ in range(3):
        fixed = fix(line, uncurl_quotes=False)
        if fixed == line:
            break
        line = fixed
    return line


def repair(text: str) -> str:
    """Entities decoded, mojibake repaired, controls removed, line breaks unified, NFC."""
    return _repair(text)[0]


def _repair(text: str) -> tuple[str, bool]:
    """:func:`repair`'s result, and whether the text it repaired (after line breaks and
    entities) looked like mojibake anywhere."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\ufeff", "")
    text = decode_entities(text)
    mojibake = _MOJIBAKE.search(text) is not None
    if mojibake:
        import ftfy

        text = "\n".join(
            _fix_line(ftfy.fix_text, line) if _MOJIBAKE.search(line) else line
            for line in text.split("\n")
        )
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
