"""Bytes to text: the declared charset first, then UTF-8, then detection.

A page says what it is written in through a byte-order mark, an XML declaration or a
``<meta charset>``; those are trusted when the bytes agree. Otherwise UTF-8 is tried (it almost
never decodes text in another encoding by accident) and only then charset-normalizer guesses,
because detection is slow and is wrong more often than a declaration. UTF-16 that lost its
byte-order mark is looked for before UTF-8, whose ASCII it would pass as, NULs and all.

Pages pieced together from two encodings are common: UTF-8 throughout but for a few bytes of
windows-1252 pasted in from an older page or template ("Mitgef\\xfchl"). Read as UTF-8 they
fail, and a detector then reads the whole page in a legacy encoding, turning every correct
character into mojibake. Where the bytes hold more valid UTF-8 characters than stray bytes,
the text is read as UTF-8 with each stray byte read as windows-1252 instead
(:mod:`convert.text.undeclared`, which also holds the detection).
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from convert.text.undeclared import read_undeclared

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""")
_META = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
# Browsers read these labels as the superset the WHATWG Encoding Standard names; so do we.
# Pages written in the superset under the older label are common: curly quotes and dashes
# (windows-1254's and windows-874's 0x91-0x97) under iso-8859-9 or tis-620, circled numbers
# and NEC signs (①, ㈱) under shift_jis, GBK's characters under gb2312, and the rest of
# Hangul under euc-kr. Read with the narrower codec, the quotes became C1 controls that
# repair then dropped ("İstanbul’da" came out "İstanbulda"), and the others failed it, so
# that the page was guessed at by detection.
_SUPERSETS = {
    "cp1252": ("iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "latin-1", "latin1", "l1",
               "ascii", "us-ascii", "cp819", "ibm819", "x-user-defined"),
    "cp1254": ("iso-8859-9", "iso8859-9", "iso88599", "iso_8859-9", "latin5", "l5"),
    "cp874": ("tis-620", "iso-8859-11", "iso8859-11", "iso885911", "dos-874"),
    "gb18030": ("gb2312", "gb_2312", "gb_2312-80", "gbk", "x-gbk", "chinese", "csgb2312",
                "iso-ir-58"),
    "big5hkscs": ("big5", "cn-big5", "csbig5", "x-x-big5", "big5-hkscs"),
    "cp949": ("euc-kr", "cseuckr", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601",
              "ksc_5601", "iso-ir-149", "windows-949"),
    "cp932": ("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis",
              "windows-31j", "ms932"),
    "iso8859-8": ("iso-8859-8-i", "csiso88598i", "logical"),
}  # fmt: skip
_ALIASES = {label: codec for codec, labels in _SUPERSETS.items() for label in labels}


# How much of a file without a byte-order mark is looked at to tell whether it is UTF-16:
# its NULs are there (no NUL there, no look further: pages are read on a hot path).
_UTF16_SAMPLE_BYTES = 1 << 14
_UTF16_FEWEST_NULS = 8
# bytes.translate's table marking the bytes of ASCII text (printable, tab, line breaks) 1.
_ASCII_TEXT_BYTES = bytes(byte in b"\t\n\r" or 0x20 <= byte < 0x7F for byte in range(256))
_LAYOUT_CONTROLS = frozenset("\t\n\r\f")


def _nul_in_head(data: bytes) -> bool:
    return data.find(b"\x00", 0, _UTF16_SAMPLE_BYTES) >= 0


def utf16_without_mark(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data``, which has no byte-order mark, is
    clearly text in that encoding (Windows tools write such files, and a mark is easily
    lost); else None, as for images, archives, PDFs and other binary files."""
    wide = _utf16_text(data)
    return None if wide is None else wide[1]


def _utf16_text(data: bytes) -> tuple[str, str] | None:
    """The text of ``data`` and its codec when it is UTF-16 without a byte-order mark
    (:func:`utf16_without_mark`); else None.

    Clearly: of even length, its NUL bytes all but all on one side of the byte pairs (the
    ASCII characters), fewer pairs of two ASCII bytes than such NULs, read strictly and
    mostly printable. Binary formats hold NULs on both sides, ASCII or UTF-8 text with
    NULs in it pairs its ASCII, and random bytes do not read strictly (a lone surrogate)
    or are not printable (unassigned code points, private use)."""
    if len(data) < 4 or len(data) % 2 or not _nul_in_head(data):
        return None
    head = data[:_UTF16_SAMPLE_BYTES]
    first, second = head[0::2].count(0), head[1::2].count(0)
    codec, nuls, others = (
        ("utf-16-le", second, first) if second > first else ("utf-16-be", first, second)
    )
    # A character other than ASCII has a NUL too now and then (U+4E00, 一; U+0100, Ā); a
    # few bytes with a NUL or two are no evidence.
    if others * 8 > nuls or nuls < _UTF16_FEWEST_NULS:
        return None
    # Text in an ASCII-based encoding read as UTF-16 pairs up its ASCII characters (into
    # CJK ideographs); in UTF-16 text those pairs are fewer than the ASCII characters, which
    # markup, spaces and digits give any script.
    firsts = int.from_bytes(head[0::2].translate(_ASCII_TEXT_BYTES))
    seconds = int.from_bytes(head[1::2].translate(_ASCII_TEXT_BYTES))
    if (firsts & seconds).bit_count() > nuls:
        return None
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(head)
    import unicodedata

    unprintable = sum(
        text.count(char)
        for char in set(text)
        if char not in _LAYOUT_CONTROLS and unicodedata.category(char) in ("Cc", "Cn", "Co")
    )
    if unprintable * 50 > len(text):  # a bad pair, U+FFFD here, is found when read whole
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


class Declaration(NamedTuple):
    """What the bytes say of their encoding: read once, since both the decoder and the
    loader's warning need it."""

    bom: bytes  # the byte-order mark they open with (b"" when none)
    label: str | None  # the XML declaration's or meta charset's label, as written (not
    # looked for after a byte-order mark, which is what counts)
    charset: str | None  # the encoding Python reads the mark or label as, if any


def declaration(data: bytes) -> Declaration:
    """The byte-order mark, declared label and the encoding they name (see the class)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Declaration(bom, None, name)
    label = declared_label(data)
    return Declaration(b"", label, None if label is None else _charset_of(label))


def declared_label(data: bytes) -> str | None:
    """The encoding label the XML declaration or meta charset names, as written, if any."""
    head = data[:4096]
    match = _XML_DECL.match(head) or _META.search(head)
    return None if match is None else match.group(1).decode("ascii")


def _charset_of(label: str) -> str | None:
    """The encoding a declared label names, as browsers read it, if Python knows it."""
    label = label.lower()
    label = _ALIASES.get(label, label)
    if label.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return "utf-8"  # bytes we could read the declaration in are not UTF-16 (WHATWG rule)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The encoding the bytes declare (BOM, XML declaration, meta charset), if Python knows it."""
    return declaration(data).charset


def read_as_utf8_when_valid(data: bytes) -> bool:
    """Whether :func:`decode_utf8` reads ``data`` as UTF-8 byte for byte whenever it is valid
    UTF-8: it has no byte-order mark, declares UTF-8 or nothing and is not UTF-16 without a
    mark (whose ASCII is valid UTF-8 too). A reader that decodes UTF-8 itself, marking what
    is not with U+FFFD, may then be given ``data`` undecoded."""
    return (
        not data.startswith(codecs.BOM_UTF8)
        and declared_charset(data) in (None, "utf-8")
        and (not _nul_in_head(data) or utf16_without_mark(data) is None)
    )


def decode(data: bytes) -> str:
    """Decode page or record bytes to text; never raises, undecodable bytes become U+FFFD."""
    return decode_utf8(data)[0]


def decode_utf8(data: bytes) -> tuple[str, bool]:
    """:func:`decode`, and whether the text is ``data`` read as UTF-8 byte for byte (no
    byte-order mark dropped): then a reader of UTF-8 may be given ``data`` itself."""
    decoded = decode_told(data)
    return decoded.text, decoded.as_is


class Decoded(NamedTuple):
    """Bytes read as text, as :func:`decode_told` gives them."""

    text: str
    as_is: bool  # the text is the bytes read as UTF-8 byte for byte (see decode_utf8)
    read_as: str | None  # what a guess read them as; None when a declaration or UTF-8 did
    declared: Declaration  # what the bytes said of their encoding


def decode_told(data: bytes) -> Decoded:
    """:func:`decode_utf8`, what the text was read as when neither a declaration nor UTF-8
    read it (a guess the user should hear of), and the bytes' declaration, read once."""
    declared = declaration(data)
    charset, bom = declared.charset, declared.bom
    body = data[len(bom) :]
    if charset is not None and charset.startswith("utf"):
        try:
            return Decoded(body.decode(charset), charset == "utf-8" and not bom, None, declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to UTF-8 and detection
    elif charset is not None:
        # Bytes that are valid UTF-8 with non-ASCII in them are UTF-8 whatever the page
        # says: text in a legacy encoding is almost never valid UTF-8 by accident, while
        # pages re-saved as UTF-8 with a stale declaration are common.
        try:
            text = body.decode("utf-8")
            if not text.isascii():
                return Decoded(text, True, None, declared)
        except UnicodeDecodeError:
            pass
        try:
            return Decoded(body.decode(charset), False, None, declared)
        except UnicodeDecodeError:
            pass
    elif _nul_in_head(body):
        # Before UTF-8: the ASCII of UTF-16 is valid UTF-8, each character followed by a NUL.
        wide = _utf16_text(body)
        if wide is not None:
            text, codec = wide
            return Decoded(text, False, f"{codec.upper()} (no byte-order mark)", declared)
    try:
        return Decoded(body.decode("utf-8"), not bom, None, declared)
    except UnicodeDecodeError as error:
        first_stray = error.start  # the error holds a copy of the bytes: let it go first
    text, read_as = read_undeclared(body, first_stray)
    return Decoded(text, False, read_as, declared)
