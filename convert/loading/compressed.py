"""Compressed records and pages: a crawl's ``page.html.gz`` read as the text inside.

A compressed file is known by its opening bytes (as ``file(1)`` knows it), whatever its name.
Its name without the compression suffix (``page.html``) is the name inside: it says whether a
folder walk takes the file, how its body is read and what its output is called. gzip, bzip2
and xz are read with the standard library; zstd only where the running Python has
``compression.zstd`` (3.14 on), and elsewhere it stays a ``file/binary`` finding that says how
to decompress it.

Inflating stops one byte past the size limit, a block at a time, so a decompression bomb
(gigabytes of zeros in a few megabytes) costs the memory and time of the limit, not of what it
would inflate to, and is reported as over the limit. The compressed bytes themselves were read
within the limit already: compressed text is never larger than the text.
"""

from __future__ import annotations

import functools
import io
import shlex
import sys
from collections.abc import Sequence
from typing import Any

from convert.record import Record

SUFFIXES = (".gz", ".bz2", ".xz", ".zst")
"""Compression suffixes a name may end with; without it, it is the name inside."""

_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")
"""The opening bytes of gzip, bzip2, xz and zstd: one cheap first test, which almost no text
passes (only ``BZh`` is text), before :func:`compression_of` tells them apart."""

_BLOCK = 1 << 16
"""Bytes inflated at a time."""

_SLACK = 1 << 20
"""Compressed bytes read before any text need come out: more than a bzip2 block (900 kB of
text, compressed) and a gzip read-ahead. Past it, compressed data twice the size of the text
inside is refused (:class:`_Metered`)."""

_TESTERS = {"gzip": "gzip -t", "bzip2": "bzip2 -t", "xz": "xz -t", "zstd": "zstd -t"}


def inner_name(name: str) -> str:
    """``name`` without its compression suffix, in any case (``page.html.GZ`` -> ``page.html``)."""
    if name.lower().endswith(SUFFIXES):
        return name[: name.rfind(".")]
    return name


@functools.cache
def zstd_readable() -> bool:
    """Whether this Python reads zstd: ``compression.zstd``, from 3.14 where built with it."""
    if sys.version_info < (3, 14):
        return False
    try:
        import compression.zstd  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def walked_suffixes(extensions: Sequence[str]) -> tuple[str, ...]:
    """The name endings a folder walk takes for ``extensions``, lower-cased: each as it is and
    compressed in each format this Python reads (``.md``, ``.md.gz``, ``.md.bz2``, ...)."""
    wanted = tuple(e.lower() for e in extensions)
    readable = SUFFIXES if zstd_readable() else SUFFIXES[:-1]
    return wanted + tuple(e + suffix for e in wanted for suffix in readable)


def compression_of(data: bytes) -> str | None:
    """The compression ``data`` is in, when this Python reads it: ``"gzip"``, ``"bzip2"``,
    ``"xz"`` or ``"zstd"``; else ``None`` (text, or a format read as it always was)."""
    if not data.startswith(_MAGIC):
        return None
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if data.startswith(b"\x28\xb5\x2f\xfd"):
        return "zstd" if zstd_readable() else None
    if data.startswith(b"BZh") and _bzip2(data):
        return "bzip2"
    return None


def _bzip2(data: bytes) -> bool:
    """Whether ``data``, which opens with ``BZh`` as text may, is a bzip2 stream: a block size
    digit, the magic of a block or of the stream's end, and bytes that are not UTF-8."""
    size = data[3:4]
    if not (size.isdigit() and size != b"0" and data[4:10] in (b"1AY&SY", b"\x17rE8P\x90")):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def inflate(data: bytes, kind: str, path: str, max_bytes: int) -> bytes | Record:
    """The bytes inside ``data`` (compressed with ``kind``), or the record of why they are not
    read: there are more than ``max_bytes`` of them, or the compressed data is cut short or
    damaged. Every member (gzip) or stream (bzip2, xz) of the file is read, as ``zcat``
    reads them."""
    _, errors = _opener(kind)
    chunks: list[bytes] = []
    source = _Metered(data)
    try:
        _inflate_into(chunks, source, kind, max_bytes + 1)
    except EOFError:
        return _damaged(path, kind, "it ends before its compressed data does", cut=True)
    except _PaddedError:
        why = (
            f"{source.tell():,} bytes of it were read for {source.inflated:,} bytes of text, "
            "which no compressor writes"
        )
        return _damaged(path, kind, why, cut=False)
    except errors as exc:
        return _damaged(path, kind, f"its compressed data is damaged ({exc})", cut=False)
    if source.inflated > max_bytes:
        from convert.loading.files import unreadable

        return unreadable(
            path,
            "file/too-large",
            f"file inflates to more than the limit of {max_bytes:,} bytes ({kind}-compressed) "
            "and was not read whole",
            hint="raise max-size in [tool.artconv] if this file really is a record",
        )
    return b"".join(chunks)


def inflate_head(data: bytes, kind: str, size: int) -> bytes | None:
    """The first ``size`` bytes of the text inside ``data`` (compressed with ``kind``), or
    ``None`` when it is damaged before them. ``data`` may be the file's opening only (where a
    record's front matter is): the text as far as it goes is given then."""
    _, errors = _opener(kind)
    chunks: list[bytes] = []
    try:
        _inflate_into(chunks, _Metered(data), kind, size)
    except EOFError:
        pass  # the opening only: what came before its end is the head
    except _PaddedError:
        return None
    except errors:
        return None
    return b"".join(chunks)


def _inflate_into(chunks: list[bytes], source: _Metered, kind: str, limit: int) -> None:
    """Inflate ``source`` into ``chunks`` a block at a time, until ``limit`` bytes of text or
    its end; raises as the decompressor does, the chunks so far kept."""
    opened, _ = _opener(kind)
    with opened(fileobj=source) as stream:
        while source.inflated < limit:
            # read1: what one step gave, so that the meter knows the text so far.
            chunk = stream.read1(min(_BLOCK, limit - source.inflated))
            if not chunk:
                break
            chunks.append(chunk)
            source.inflated += len(chunk)


class _PaddedError(Exception):
    """The compressed data is far larger than the text it has given."""


class _Metered(io.BytesIO):
    """Compressed bytes handed to a decompressor no further than twice the text it has given
    (``inflated``) and :data:`_SLACK`. Data that holds next to no text (empty gzip members or
    bzip2 and xz streams, one after another) would otherwise be read to its end, for seconds,
    though it inflates to nothing."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.inflated = 0

    def read(self, size: int | None = -1, /) -> bytes:
        if self.tell() > 2 * self.inflated + _SLACK:
            raise _PaddedError
        return super().read(size)


def _opener(kind: str) -> tuple[Any, tuple[type[Exception], ...]]:
    """The file class that reads ``kind`` from a stream, and the errors it raises for damaged
    data (besides ``EOFError`` for data cut short)."""
    if kind == "gzip":
        import gzip
        import zlib

        return functools.partial(gzip.GzipFile, mode="rb"), (OSError, zlib.error)
    if kind == "bzip2":
        import bz2

        return _stream_first(bz2.BZ2File), (OSError, ValueError)
    if kind == "xz":
        import lzma

        return _stream_first(lzma.LZMAFile), (OSError, lzma.LZMAError)
    from compression import zstd

    return _stream_first(zstd.ZstdFile), (OSError, zstd.ZstdError)


def _stream_first(cls: Any) -> Any:
    """``cls`` called as gzip's class is, with the stream as ``fileobj``: these take it first."""
    return lambda fileobj: cls(fileobj, mode="rb")


def _damaged(path: str, kind: str, why: str, *, cut: bool) -> Record:
    from convert.loading.files import unreadable

    tester = _TESTERS[kind]
    # Standard input has no name to give a command, and a store's URL is no local file.
    local = not path.startswith("<") and "://" not in path
    test = f"{tester} {shlex.quote(path)}" if local else tester
    again = "it was cut short (in a download or a copy): " if cut else ""
    return unreadable(
        path,
        "file/unreadable",
        f"cannot read the {kind}-compressed file: {why}",
        hint=f"{again}fetch or copy it again ({test} checks a compressed file)",
    )
