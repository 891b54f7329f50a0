"""Character-level repair shared by every input kind.

Order matters: entities are decoded before mojibake repair (``&#195;&#169;`` is mojibake too),
and NFC comes last so repaired text is composed. ftfy is only run on lines that look like
mojibake, because it costs about 5 ms on an average page and most pages need nothing, and
only its encoding fix: its whole fix also straightens quotes (curly quotes are the author's
text) and removes terminal escapes (it took ``ESC [a`` whole, so the ``[`` of a Markdown
link after a stray ESC went on lines that looked like mojibake and stayed on the others; the
ESC alone goes with the other control characters), and a line is treated alike whether or
not it was mojibake.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import NDArray

from convert.text.chars import code_points

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
_IS_CONTROL, _IS_LEAD, _IS_FOLLOWER, _IS_BREAK, _IS_COMPOSING = 1, 2, 4, 8, 16
_NEWLINE = np.array(10, dtype=np.uint32)
# What repair replaces before anything else: the line breaks other than "\n" and the BOM.
_BREAKS = ((0x0D, 0x0D), (0x2028, 0x2029), (0xFEFF, 0xFEFF))
# Blocks whose characters are looked at one by one for the table's _IS_COMPOSING: every
# other character (and every one past the plane) is taken to be one NFC may change.
# Latin, Greek, Cyrillic, Latin Extended Additional, punctuation, currency, letterlike
# symbols, arrows, mathematical operators, box drawing to dingbats, CJK punctuation and kana.
_NFC_LOOKED_AT = (
    (0x0000, 0x02FF), (0x0370, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x214F),
    (0x2190, 0x22FF), (0x2500, 0x27BF), (0x3000, 0x30FF),
)  # fmt: skip


def _nfc_stable(point: int) -> bool:
    """Whether NFC leaves ``point`` alone wherever it stands: a starter (combining class 0)
    that NFC keeps and that no canonical composition takes as its second character, which
    is what Unicode's NFC quick check answers "yes" for, so text of such characters only is
    in NFC already. The characters compositions take second are not starters, or lie outside
    _NFC_LOOKED_AT (Hangul vowels and trailing consonants, a few Indic vowel signs):
    ``tests/text/test_text_fast_paths.py`` checks this against every code point's
    decomposition."""
    char = chr(point)
    return unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) == char


@cache
def _classes() -> NDArray[np.uint8]:
    """The classes above for every code point of the Basic Multilingual Plane, and one more
    entry that stands for every code point past it: only _IS_COMPOSING reaches there."""
    table = np.zeros(0x10001, dtype=np.uint8)
    for ranges, bit in (
        (_CONTROLS, _IS_CONTROL),
        (_LEADS, _IS_LEAD),
        (_FOLLOWERS, _IS_FOLLOWER),
        (_BREAKS, _IS_BREAK),
    ):
        for low, high in ranges:
            table[low : high + 1] |= bit
    table |= _IS_COMPOSING
    stable = [p for low, high in _NFC_LOOKED_AT for p in range(low, high + 1) if _nfc_stable(p)]
    table[stable] ^= _IS_COMPOSING
    return table


def _classes_of(text: str) -> NDArray[np.uint8]:
    """The classes of every character of ``text`` (past the plane: the table's last entry)."""
    found: NDArray[np.uint8] = _classes().take(code_points(text), mode="clip")
    return found


def _signs_of(found: NDArray[np.uint8], present: int) -> tuple[bool, bool]:
    """:func:`signs` from the classes of a text's characters and their union, ``present``:
    mojibake needs a lead and a follower somewhere before its pairs are looked for."""
    if not present & _IS_LEAD or not present & _IS_FOLLOWER:
        return bool(present & _IS_CONTROL), False
    # A lead's bit (2) meets the next character's follower bit (4) shifted down by one.
    pairs = found[1:] >> 1
    pairs &= found[:-1]
    pairs &= _IS_LEAD
    return bool(present & _IS_CONTROL), bool(pairs.any())


def _signs_at(found: NDArray[np.uint8], present: int) -> tuple[bool, NDArray[np.intp]]:
    """:func:`_signs_of`, with the places where mojibake signs start (a lead character
    before a follower) for the second answer."""
    if not present & _IS_LEAD or not present & _IS_FOLLOWER:
        return bool(present & _IS_CONTROL), np.zeros(0, dtype=np.intp)
    pairs = found[1:] >> 1
    pairs &= found[:-1]
    pairs &= _IS_LEAD
    return bool(present & _IS_CONTROL), np.flatnonzero(pairs)


def _union(found: NDArray[np.uint8]) -> int:
    """Every class some character has: one pass, where asking for each costs two."""
    return int(np.bitwise_or.reduce(found)) if found.size else 0


def signs(text: str) -> tuple[bool, bool]:
    """Whether ``text`` holds a character that repair removes (``_CONTROL``), and whether it
    looks like mojibake (``_MOJIBAKE``): the two regex searches, or the same questions asked
    of a table of code points for long texts."""
    if len(text) < _ARRAY_CHARS:
        return _CONTROL.search(text) is not None, _MOJIBAKE.search(text) is not None
    found = _classes_of(text)
    return _signs_of(found, _union(found))


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
    """ftfy round after round (at most 3) while the line still looks like mojibake, so that
    repairing repaired text is a no-op.

    Only for lines ftfy's own test of mojibake (``ftfy.badness.is_bad``) calls bad: ftfy's
    encoding fix leaves every other line as it is, and the quick sign that sent the line
    here (a lead character before a follower) holds for ordinary text too, such as German
    with soft hyphens ("prä\xadven\xadti\xadon"): 234 of the 409 lines it sent on the
    labelled pages came back unchanged, at about 0.15 ms each. Such a line now keeps what
    ftfy's other fixes would have changed on it (ligatures, full-width letters, an entity
    left encoded twice, a surrogate pair, which repair then removes as it does on any other
    line), as every line without the sign always did; NFC follows in repair anyway."""
    found = _FIXED.get(line)
    if found is not None:
        return found
    from ftfy.badness import is_bad

    fixed = line
    for round_ in range(3):
        # Each round asks what the first did (the caller found the sign for it): a line ftfy
        # left with no sign or that ftfy calls good is settled, and is never sent again, so
        # no confirming round is spent on it (which changed no line of the labelled pages
        # and was about a third of ftfy's time).
        if (round_ and not _MOJIBAKE.search(fixed)) or not is_bad(fixed):
            break
        again = fix(fixed)
        if again == fixed:
            break
        fixed = again
    else:  # still changing after three rounds: not known to be settled
        if len(line) <= _FIXED_CHARS:
            _remember(line, fixed)
        return fixed
    if len(fixed) <= _FIXED_CHARS:
        _remember(fixed, fixed)
    if len(line) <= _FIXED_CHARS:
        _remember(line, fixed)
    return fixed


def _fix_encoding(line: str) -> str:
    """ftfy's encoding fix, then its unifying of line breaks (a LINE SEPARATOR read in cp1252
    mojibake is a line break, as before). Its other fixes are not asked for: the ligatures,
    full-width letters, entities and controls of a line that was mojibake are left as on any
    other line (repair removes the controls and composes after it), and ftfy's whole fix,
    which makes them all until none changes the line, cost 2.6 times the encoding fix on the
    labelled pages' mojibake lines (the same output on each of them)."""
    from ftfy import fix_encoding
    from ftfy.fixes import fix_line_breaks

    fixed: str = fix_line_breaks(fix_encoding(line))
    return fixed


def _remember(line: str, fixed: str) -> None:
    if len(_FIXED) >= _FIXED_LINES:
        _FIXED.clear()
    _FIXED[line] = fixed


def repair(text: str) -> str:
    """Entities decoded, mojibake repaired, controls removed, line breaks unified, NFC."""
    return _repair(text)[0]


def _repair(text: str, points: NDArray[np.uint32] | None = None) -> tuple[str, bool]:
    """:func:`repair`'s result, and whether the text it repaired (after line breaks and
    entities) looked like mojibake anywhere; ``points``, the text's code points when known."""
    # A long text's characters are looked up once: most hold none of the breaks replaced
    # first (each replace is a scan of the text), no entity and no control, and then the
    # classes found are the repaired text's too; where no character is one NFC may change,
    # the text is in NFC already (the quick check NFC makes first, in one pass of ours).
    # A text whose code points are known is looked up so whatever its length.
    if points is None and len(text) >= _ARRAY_CHARS:
        points = code_points(text)
    found = None if points is None else _classes().take(points, mode="clip")
    present = 0 if found is None else _union(found)
    if found is None or present & _IS_BREAK:
        given = text
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        text = text.replace("\u2029", "\n\n").replace("\ufeff", "")
        found = found if text is given else None
    decoded = decode_entities(text)
    signed: NDArray[np.intp] | None = None  # where mojibake signs start, when looked up
    if found is None or decoded is not text or points is None:
        found = None
        control, mojibake = signs(decoded)
    else:
        control, signed = _signs_at(found, present)
        mojibake = bool(signed.size)
    text = decoded
    changed = False
    if mojibake:
        lines = text.split("\n")
        if signed is not None and points is not None:
            # The lines holding a sign, from the signs' places (a pair never spans a line
            # break): no line is searched for one.
            breaks = np.flatnonzero(points == _NEWLINE)
            numbers = np.unique(breaks.searchsorted(signed)).tolist()
        else:
            numbers = [k for k, line in enumerate(lines) if _MOJIBAKE.search(line)]
        for k in numbers:
            fixed = _fix_line(_fix_encoding, lines[k])
            if fixed != lines[k]:
                lines[k], changed = fixed, True
        if changed:
            text = "\n".join(lines)
    # Lines ftfy left as they were hold no control repair would remove unless ``control``
    # found one, and their classes are those found.
    if control or changed:
        text = _CONTROL.sub("", text)
    elif found is not None and not present & _IS_COMPOSING:
        return text, mojibake
    return unicodedata.normalize("NFC", text), mojibake


def repair_settled(text: str, points: NDArray[np.uint32] | None = None) -> tuple[str, bool]:
    """``repair(text)`` and whether ``text`` was settled already: repair changed nothing and
    no line looks like mojibake. Then no selection of its lines, joined by line breaks and
    with their whitespace collapsed, needs repair either (entities, mojibake signs and
    compositions never span whitespace), so settling it can be skipped. ``points``: the
    text's code points, when the caller has them.

    When repair changed nothing, line breaks and entities changed nothing either, so the
    mojibake search repair made was a search of ``text`` itself: it is not made twice."""
    repaired, mojibake = _repair(text, points)
    return repaired, repaired == text and not mojibake


def collapse(text: str) -> str:
    """One paragraph on one line: runs of whitespace become a single space.

    Most texts are collapsed already (paragraphs settled before): a printable text has no
    whitespace but the plain space (every other kind is a control or a separator, which
    ``str.isprintable`` refuses), so it is collapsed when no two spaces meet and none opens
    or closes it, found in two quick scans rather than cut into words and joined again."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())  # str.split() splits at every kind of whitespace
