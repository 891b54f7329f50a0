"""Bytes that declare no encoding and are not UTF-8, read as what they most likely are:
UTF-8 with a few stray windows-1252 bytes pasted in, where valid UTF-8 outnumbers the strays
around the first one, else what charset-normalizer detects (its pick between windows-1252
and windows-1250 checked against the letters each reading gives).
"""

from __future__ import annotations

import codecs
import threading


def read_undeclared(body: bytes, first_stray: int) -> tuple[str, str]:
    """The text of ``body``, which declares no encoding and is not UTF-8 from its byte
    ``first_stray`` on, and what it was read as (to tell the user): UTF-8 with stray
    windows-1252 bytes, else the detected encoding (its letters deciding between
    windows-1252 and windows-1250: :func:`_western_or_central`)."""
    mixed = _mostly_utf8(body, first_stray)
    if mixed is not None:
        return mixed, "UTF-8 with stray windows-1252 bytes"
    from charset_normalizer import from_bytes

    sample = body[:_DETECTED_BYTES]
    best = from_bytes(sample).best()
    encoding = _western_or_central(sample, None if best is None else best.encoding)
    try:
        return body.decode(encoding, errors="replace"), encoding
    except LookupError:
        return body.decode("utf-8", errors="replace"), "UTF-8, unreadable bytes replaced"


# Each byte as windows-1252 reads it; its five unassigned bytes as the C1 controls of the
# same number, as Latin-1 reads them.
_CP1252 = tuple(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256))
# Past this many stray bytes a page is not UTF-8 with a few bytes pasted in, and each costs a
# call of the error handler: detection reads it instead.
_STRAYS_MAX = 100_000
_strays = threading.local()  # the stray bytes the decoding in this thread may still take


class _TooManyStraysError(Exception):
    """Raised by the error handler past _STRAYS_MAX stray bytes."""


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Error handler: the bytes UTF-8 could not read, each read as windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    left: int | None = getattr(_strays, "left", None)  # None: no budget set in this thread
    if left is not None:
        if left <= 0:
            raise _TooManyStraysError
        _strays.left = left - (error.end - error.start)
    return "".join(_CP1252[byte] for byte in error.object[error.start : error.end]), error.end


codecs.register_error("artconv-stray-cp1252", _stray_as_cp1252)


# How much of the bytes around the first stray byte tells UTF-8 with strays from a legacy
# encoding: counted on a window, so that a huge page is never held more than once.
_WINDOW_BYTES = 1 << 20


def _mostly_utf8(body: bytes, first_stray: int) -> str | None:
    """``body`` read as UTF-8 with its stray bytes as windows-1252 (:func:`_stray_as_cp1252`),
    when more of the non-ASCII characters around its first stray byte (at ``first_stray``)
    are valid UTF-8 than not and the page holds at most _STRAYS_MAX stray bytes; else None."""
    start = max(0, first_stray - _WINDOW_BYTES // 2)
    window = body[start : start + _WINDOW_BYTES]
    replaced = window.decode("utf-8", errors="replace")
    strays = replaced.count("\ufffd") - window.count("\ufffd".encode())
    valid = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - strays
    if valid <= strays:
        return None
    _strays.left = _STRAYS_MAX
    try:
        return body.decode("utf-8", errors="artconv-stray-cp1252")
    except _TooManyStraysError:
        return None
    finally:
        del _strays.left


# How much of a page the detector reads.
_DETECTED_BYTES = 200_000
# The letters beyond ASCII of the languages windows-1252 is written for (French, German,
# Spanish, Portuguese, Italian, Catalan, Dutch, Swedish, Danish and Norwegian, Finnish,
# Icelandic, Estonian) and of those windows-1250 is (Czech, Slovak, Polish, Hungarian,
# Slovene, Croatian, Romanian, Albanian; German too).
_WESTERN = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",
        "äöüß",
        "áéíñóúü",
        "àáâãçéêíóôõú",
        "àèéìíîòóù",
        "àçèéíïòóúü",
        "áäéëíïóöúüèêîôû",
        "åäöé",
        "æøåéóôèàò",
        "åäöšž",
        "áæðéíóöúýþ",
        "äõöüšž",
    )
)
_CENTRAL = tuple(
    frozenset(letters)
    for letters in (
        "áčďéěíňóřšťúůýž",
        "áäčďéíĺľňóôŕšťúýž",
        "ąćęłńóśźż",
        "áéíóöőúüű",
        "čšž",
        "čćđšž",
        "ăâîşţșț",
        "çë",
        "äöüß",
    )
)


def _western_or_central(sample: bytes, detected: str | None) -> str:
    """The encoding to read ``sample`` in, which a detector read as ``detected`` (None: it
    found nothing): windows-1252 or windows-1250 where the detector took one of the two
    and the letters decide, else what it took (windows-1252 for nothing).

    On a short text charset-normalizer often scores the two within its margins of each
    other and keeps its order of trial, alphabetical: windows-1250 first, turning French
    "coûte" into "coűte" (and naming windows-1250 where both read the same). So the
    letters each reading gives are asked: a text is written in one language, and where the
    letters of only one reading all belong to one of the languages that encoding is written
    for, that reading is taken; where both readings are the same text, windows-1252 is, the
    one most pages and Windows text in a legacy encoding are in (WHATWG reads latin1 and
    ascii labels as it too). Where both or neither fit, the detector's choice stands."""
    if detected not in (None, "cp1250", "cp1252"):
        return str(detected)
    western, central = _reading(sample, "cp1252"), _reading(sample, "cp1250")
    if western is not None and western == central:
        return "cp1252"
    is_western = western is not None and _one_language(western, _WESTERN)
    is_central = central is not None and _one_language(central, _CENTRAL)
    if is_western != is_central:
        return "cp1252" if is_western else "cp1250"
    return detected or "cp1252"


def _reading(sample: bytes, encoding: str) -> str | None:
    try:
        return sample.decode(encoding)
    except UnicodeDecodeError:
        return None  # a byte the encoding leaves unassigned (windows-1250's 0x9d, ť, in 1252)


def _one_language(text: str, alphabets: tuple[frozenset[str], ...]) -> bool:
    """Whether the letters of ``text`` beyond ASCII all belong to one of ``alphabets``."""
    letters = {char.lower() for char in set(text) if not char.isascii() and char.isalpha()}
    return any(letters <= alphabet for alphabet in alphabets)
