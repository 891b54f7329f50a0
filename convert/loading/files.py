"""Getting a record's text: reading within the size limit and decoding UTF-8.

A file that cannot be read or decoded still gives a :class:`Record` (empty metadata,
``intact=False``) holding one finding, so a batch goes on.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import shlex
from typing import Any, BinaryIO

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.loading.body_format import HTML_SUFFIXES, after_xml_declaration
from convert.loading.compressed import inner_name
from convert.record import Record, Source

FINDINGS = (
    FindingKind(
        "file/unreadable",
        Severity.ERROR,
        "The file (or folder) cannot be opened or read, or a compressed file is cut short or "
        "damaged.",
    ),
    FindingKind(
        "file/too-large",
        Severity.ERROR,
        "The file, or the text inside a compressed one, is over the size limit (max-size).",
    ),
    FindingKind(
        "file/binary",
        Severity.ERROR,
        "The file is not text: it holds NUL bytes, or is an archive, a document, an image or a "
        "compressed file this Python cannot read (zstd before 3.14).",
    ),
    FindingKind("file/encoding", Severity.ERROR, "The file is not valid UTF-8."),
    FindingKind(
        "file/encoding-guessed",
        Severity.WARNING,
        "A saved web page is not UTF-8 and declares no encoding that reads it: it was detected.",
    ),
)


def too_large(path: str, max_bytes: int) -> Record:
    """The record of a file over the size limit: one finding, nothing read."""
    return unreadable(
        path,
        "file/too-large",
        f"file is larger than the limit of {max_bytes:,} bytes and was not read",
        hint="raise max-size in [tool.artconv] if this file really is a record",
    )


def read_limited(stream: BinaryIO | io.BufferedReader, max_bytes: int) -> bytes | None:
    """The stream's bytes, or None past ``max_bytes`` (one byte more is read to know)."""
    data = read_at_most(stream, max_bytes + 1)
    return None if len(data) > max_bytes else data


_FIRST_BLOCK = 1 << 16
_LAST_BLOCK = 1 << 24


def read_at_most(stream: Any, limit: int) -> bytes:
    """Up to ``limit`` bytes of ``stream``, in blocks that grow as it goes on.

    ``stream.read(limit)`` sets aside ``limit`` bytes before it reads one: a generous
    ``max-size`` (100 GB, "no limit") then failed on every file with MemoryError, or
    OverflowError past what an index holds. A file's size, where the stream tells it, is read
    in one block, as before.
    """
    try:
        size = os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):  # no file behind it (BytesIO, fsspec)
        size = 0
    block = size + 1 if size > 0 else _FIRST_BLOCK
    blocks: list[bytes] = []
    left = limit
    while left > 0:
        data = stream.read(min(left, block))
        if not data:
            break
        blocks.append(data)
        left -= len(data)
        block = max(_FIRST_BLOCK, min(block * 2, _LAST_BLOCK))
    return blocks[0] if len(blocks) == 1 else b"".join(blocks)


def read_failure(path: str | os.PathLike[str], exc: OSError) -> str:
    """Why a file named to be read could not be: the system's words, except for a socket,
    which opening calls "No such device or address" although it is plainly there."""
    import errno
    from pathlib import Path

    if exc.errno == errno.ENXIO:
        with contextlib.suppress(OSError):
            if Path(path).is_socket():
                return "it is a socket, not a file"
    return exc.strerror or str(exc)


def unreadable(
    path: str,
    rule: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    hint: str = "",
) -> Record:
    """A record that could not be read: no metadata, no body, one finding."""
    problem = Diagnostic(path, line, column, rule, Severity.ERROR, message, hint=hint)
    return Record({}, "", Source(path, front_matter=None), "text", (problem,), intact=False)


_HTML_OPENINGS = ("<!doctype html", "<html")
_FRONT_MATTER_OPENINGS = ("---", "+++", "{")
# UTF-32's little-endian mark begins with UTF-16's: looked for first.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> tuple[str, Diagnostic | None] | Record:
    """The text of ``data`` (a BOM dropped) and a warning if it had to be detected, or the
    record of why it is not text.

    A record is UTF-8. A saved web page that is not (no front matter; an .html file, or one
    that opens as a page does) is read as browsers read it (:func:`convert.text.decode.decode`),
    so that a corpus keeps its pages in windows-1252 or Shift JIS rather than refusing them:
    in the encoding it declares (a byte-order mark, UTF-16 or UTF-32 too, or a declared
    charset), else as browsers do with a page that declares nothing, by detection, which is
    told as a warning since a detector can be wrong. So is UTF-16 without a byte-order mark,
    where the bytes clearly are (:func:`convert.text.decode.utf16_without_mark`); a record
    in UTF-16 is a ``file/encoding`` finding naming it, not ``file/binary``: it is text."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00")
    if nul >= 0:
        if (named := _binary_format(data, path)) is not None:
            return named
        wide = _wide_codec(data)
        marked = wide is not None
        if wide is None:
            from convert.text.decode import utf16_without_mark

            wide = utf16_without_mark(data)
        if wide is not None and _web_page(data, path, wide):
            return _page_text_guessed(data, path, 1, 1)
        if wide is None:
            wide = _utf32_without_mark(data)
        if wide is not None and (not marked or _reads_as(data, wide)):
            return _wide_record(path, wide, marked)
        line, column = _position(data, bom, nul)
        return unreadable(
            path,
            "file/binary",
            "file contains NUL bytes; it is binary, not a text record",
            line=line,
            column=column,
            hint="a text record holds none: remove them, or re-save UTF-16 text as UTF-8",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        offset = bom + exc.start  # utf-8-sig counts from after the mark
        line, column = _position(data, bom, offset)
        if (named := _binary_format(data, path)) is not None:
            return named
        if _web_page(data, path):
            return _page_text_guessed(data, path, line, column)
        return unreadable(
            path,
            "file/encoding",
            f"invalid UTF-8 (byte 0x{data[offset]:02x}); the file cannot be read as text",
            line=line,
            column=column,
            hint="re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
        )


# Formats a file that is not text may be in, by the bytes it opens with (as ``file(1)``
# knows them): what it is, what to do, and a command that does it to a file. A crawl's pages
# are often kept compressed, one file each; the hint for a page that is text inside was to
# remove NUL bytes.
_BINARY_FORMATS = (
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first", "gunzip -k"),
    (b"BZh", "bzip2-compressed data", "decompress it first", "bunzip2 -k"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first", "unxz -k"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", "decompress it first", "unzstd"),
    (b"PK\x03\x04", "a zip archive", "extract its files first", "unzip"),
    (b"%PDF-", "a PDF document", "convert it to text first", "e.g. pdftotext"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "an image holds no record's text", ""),
    (b"\xff\xd8\xff", "a JPEG image", "an image holds no record's text", ""),
    (b"GIF8", "a GIF image", "an image holds no record's text", ""),
)


def _binary_format(data: bytes, path: str) -> Record | None:
    """The finding for a file in a format known by its opening bytes, when it is not text
    (it holds NUL bytes or is not UTF-8): a text file that happens to open so is read. The
    hint's command names the file; standard input (``<stdin>``) has none to name."""
    for magic, what, action, command in _BINARY_FORMATS:
        if data.startswith(magic):
            named = command and not path.startswith("<")
            example = f" ({command} {shlex.quote(path)})" if named else ""
            return unreadable(
                path,
                "file/binary",
                f"file is {what}, not a text record",
                line=1,
                column=1,
                hint=action + example,
            )
    return None


def _wide_record(path: str, codec: str, marked: bool) -> Record:
    """The finding for a record in UTF-16 or UTF-32: it is text, not binary, but a record
    is read only as UTF-8, as any other encoding is (no record is read from a guess)."""
    name = codec.upper()  # UTF-16, UTF-32, UTF-16-LE, UTF-16-BE
    iconv_name = name.replace("-LE", "LE").replace("-BE", "BE")
    how = "with a byte-order mark" if marked else "without a byte-order mark"
    return unreadable(
        path,
        "file/encoding",
        f"file is {name} text ({how}), not UTF-8; a record is read only as UTF-8",
        line=1,
        column=1,
        hint=f"re-save the file as UTF-8 (e.g. iconv -f {iconv_name} -t utf-8)",
    )


def _position(data: bytes, bom: int, offset: int) -> tuple[int, int]:
    """The line and column of byte ``offset``; a byte-order mark of ``bom`` bytes is no
    column, and the line's bytes before it count as the characters they read as."""
    prefix = data[bom:offset]
    line_start = prefix.rfind(b"\n") + 1
    return prefix.count(b"\n") + 1, len(prefix[line_start:].decode("utf-8", "replace")) + 1


def _reads_as(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _utf32_without_mark(data: bytes) -> str | None:
    """``utf-32-le`` or ``utf-32-be`` when ``data`` clearly is that without a byte-order
    mark: it reads as such, its opening characters are mostly ASCII (three of every four
    bytes NULs in the same places) and all text (an array of small binary integers reads
    as control characters)."""
    if len(data) % 4 or len(data) < 8:
        return None
    head = data[:4096]
    units = len(head) // 4
    for codec, zeros in (("utf-32-le", (1, 2, 3)), ("utf-32-be", (0, 1, 2))):
        ascii_units = sum(all(head[i + z] == 0 for z in zeros) for i in range(0, units * 4, 4))
        if ascii_units * 4 < units * 3 or not _reads_as(data, codec):
            continue
        opening = head.decode(codec)
        if all(char.isprintable() or char in "\t\n\r\f" for char in opening):
            return codec
    return None


def _wide_codec(data: bytes) -> str | None:
    return next((codec for bom, codec in _WIDE_BOMS if data.startswith(bom)), None)


def _web_page(data: bytes, path: str, codec: str = "latin-1") -> bool:
    """Whether ``data`` (not UTF-8; in ``codec`` as far as its opening tells) is a saved web
    page: no front matter, and an .html file or one that opens as a page does."""
    head = data[:4096].decode(codec, "replace").lstrip("\ufeff \t\r\n")
    if head.startswith(_FRONT_MATTER_OPENINGS):
        return False
    opening = after_xml_declaration(head)[:20].lower()
    named = inner_name(path).lower().endswith(HTML_SUFFIXES)  # page.html.gz: a page
    return named or opening.startswith(_HTML_OPENINGS)


def _page_text_guessed(
    data: bytes, path: str, line: int, column: int
) -> tuple[str, Diagnostic | None]:
    """A saved web page that is not UTF-8 from ``line``, ``column`` on: read in the encoding
    it declares, else detected (also when the declaration does not read the bytes), with a
    warning there."""
    from convert.text.decode import decode_told

    text, _, read_as, declared = decode_told(data)
    if read_as is None:
        return text, None
    hint = 'declare the encoding (<meta charset="...">) or re-save the page as UTF-8'
    if declared.bom:
        said = "its byte-order mark does not read it"
    elif declared.label is not None and declared.charset is not None:
        said = f"declares {declared.label}, which does not read it"
    elif declared.label is not None:
        said = f"declares an unknown encoding, {declared.label!r}"
    else:
        said = "declares no encoding"
        if read_as.startswith("UTF-16"):
            # A declaration in UTF-16 bytes is not read as one (WHATWG): the mark says it.
            hint = "re-save the page as UTF-8, or as UTF-16 with a byte-order mark"
    warning = Diagnostic(
        path,
        line,
        column,
        "file/encoding-guessed",
        Severity.WARNING,
        f"the page is not UTF-8 and {said}; it was read as {read_as}",
        hint=hint,
    )
    return text, warning
