"""Compressed records and pages (``page.html.gz``): read as the text inside, within the size
limit counted on that text, and a damaged one is a finding on the file."""

from __future__ import annotations

import bz2
import gzip
import lzma
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from convert.loading import compressed, load, loads
from convert.loading.compressed import zstd_readable

RECORD = "---\ntitle: A post\nwebUrl: https://example.com/a\n---\nThe body.\n"
PAGE = (
    "<!doctype html><html><head><title>A page</title></head>"
    "<body><article><p>Some words.</p></article></body></html>\n"
)

COMPRESSORS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": (".gz", lambda data: gzip.compress(data, mtime=0)),
    "bzip2": (".bz2", bz2.compress),
    "xz": (".xz", lzma.compress),
}


def rules_of(record: object) -> list[str]:
    return [d.rule for d in record.problems]  # type: ignore[attr-defined]


def count_compressed_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A one-item list that sums the compressed bytes decompressors are handed from now on:
    the work a file costs, counted where a clock would measure the machine as well."""
    pulled = [0]
    read = compressed._Metered.read

    def counted(self: compressed._Metered, size: int | None = -1, /) -> bytes:
        data = read(self, size)
        pulled[0] += len(data)
        return data

    monkeypatch.setattr(compressed._Metered, "read", counted)
    return pulled


@pytest.mark.parametrize("kind", list(COMPRESSORS))
def test_a_compressed_record_is_read_as_the_text_inside(tmp_path: Path, kind: str) -> None:
    suffix, compress = COMPRESSORS[kind]
    path = tmp_path / f"post.md{suffix}"
    path.write_bytes(compress(RECORD.encode()))
    record = load(path)
    assert record.problems == () and record.intact
    assert record.meta == {"title": "A post", "webUrl": "https://example.com/a"}
    assert record.body == "The body.\n"
    assert record.body_format == "markdown"  # from the name inside: post.md


def test_a_compressed_page_is_html_by_the_name_inside(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"Some words, no tags.\n"))
    assert load(tmp_path / "page.html.gz").body_format == "html"


def test_a_compressed_page_not_in_utf8_is_read_as_a_page(tmp_path: Path) -> None:
    """The encoding a saved page declares is looked for in the text inside, as for a page
    that is not compressed: the name inside says it is one."""
    page = '<meta charset="windows-1252"><p>Caf\xe9 cr\xe8me</p>\n'.encode("windows-1252")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page))
    record = load(tmp_path / "page.html.gz")
    assert record.problems == () and "Café crème" in record.body


def test_a_gzip_file_of_many_members_is_read_whole(tmp_path: Path) -> None:
    """``cat a.gz b.gz > c.gz`` is one valid gzip file: all of it is read."""
    half = len(RECORD) // 2
    data = gzip.compress(RECORD[:half].encode()) + gzip.compress(RECORD[half:].encode())
    (tmp_path / "post.md.gz").write_bytes(data)
    assert load(tmp_path / "post.md.gz").body == "The body.\n"


def test_findings_name_the_file_as_given_at_lines_of_the_text_inside(tmp_path: Path) -> None:
    text = "---\ntitle: a\ntitle: b\n---\nbody\n"
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.md.gz").write_bytes(gzip.compress(text.encode()))
    record = load(tmp_path / "pages" / "a.md.gz", display_path="pages/a.md.gz")
    (problem,) = record.problems
    assert (problem.path, problem.rule, problem.line) == ("pages/a.md.gz", "yaml/duplicate-key", 3)


def test_the_public_load_and_loads_read_compressed_records(tmp_path: Path) -> None:
    import convert

    (tmp_path / "post.md.xz").write_bytes(lzma.compress(RECORD.encode()))
    for record in (
        convert.load(tmp_path / "post.md.xz"),
        convert.loads(lzma.compress(RECORD.encode()), path="post.md.xz"),
    ):
        assert record.problems == () and record.meta["title"] == "A post"
        assert record.body_format == "markdown"


def test_a_decompression_bomb_is_over_the_limit_in_bounded_memory_and_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """800 MiB of zeros in 820 KiB of gzip (800 members of 1 MiB each), with a limit of
    1 MiB: the file inflates no further than the limit, and the finding names the limit. The
    time is that of the compressed bytes read: the first member holds the limit's worth of
    text. The file is large enough that gzip's read-ahead (128 KiB from Python 3.12) is a
    small part of it, and under the limit, which a larger file would meet before inflating."""
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(bytes(1 << 20), compresslevel=9) * 800)
    assert 512 << 10 < bomb.stat().st_size < 1 << 20
    pulled = count_compressed_reads(monkeypatch)
    tracemalloc.start()
    try:
        record = load(bomb, max_bytes=1 << 20)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pulled[0] < bomb.stat().st_size // 4, pulled  # read-ahead included
    (problem,) = record.problems
    assert problem.rule == "file/too-large" and problem.path == bomb.as_posix()
    assert "1,048,576 bytes" in problem.message and "gzip" in problem.message
    assert not record.intact
    assert peak < 4 << 20, peak


@pytest.mark.parametrize("kind", list(COMPRESSORS))
def test_compressed_data_far_larger_than_its_text_is_refused_early(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Empty gzip members (bzip2, xz streams) one after another hold no text: read to the end,
    8 MiB of them would take seconds. No compressor writes twice as many bytes as the text,
    so reading stops about 1 MiB in (the slack before any text need come out)."""
    _, compress = COMPRESSORS[kind]
    empty = compress(b"")
    data = compress(RECORD.encode()) + empty * ((8 << 20) // len(empty))
    pulled = count_compressed_reads(monkeypatch)
    record = loads(data, path="post.md", max_bytes=16 << 20)
    assert pulled[0] < 2 << 20, pulled  # of the 8 MiB
    (problem,) = record.problems
    assert problem.rule == "file/unreadable" and not record.intact
    assert f"{len(RECORD):,} bytes of text" in problem.message


def test_a_short_file_larger_compressed_than_its_text_is_read() -> None:
    """Compressing a few bytes makes them longer (headers, checksums): that is no attack."""
    for _, compress in COMPRESSORS.values():
        assert loads(compress(b"Hi.\n"), path="a.txt").body == "Hi.\n"


@pytest.mark.parametrize("kind", list(COMPRESSORS))
def test_the_limit_counts_the_text_inside_not_the_compressed_bytes(
    tmp_path: Path, kind: str
) -> None:
    suffix, compress = COMPRESSORS[kind]
    text = RECORD + "word " * 400  # about 2,000 bytes, compressed to far fewer
    path = tmp_path / f"post.md{suffix}"
    path.write_bytes(compress(text.encode()))
    assert path.stat().st_size < 1000
    assert rules_of(load(path, max_bytes=1000)) == ["file/too-large"]
    assert rules_of(load(path, max_bytes=len(text))) == []


def _truncated(kind: str) -> bytes:
    _, compress = COMPRESSORS[kind]
    data = compress((RECORD * 200).encode())
    return data[: len(data) // 2]


def _corrupt(kind: str) -> bytes:
    _, compress = COMPRESSORS[kind]
    data = bytearray(compress((RECORD + "some words here\n" * 300).encode()))
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0x55 for b in data[middle : middle + 8])
    return bytes(data)


@pytest.mark.parametrize("kind", list(COMPRESSORS))
@pytest.mark.parametrize("damage", [_truncated, _corrupt])
def test_a_damaged_compressed_file_is_a_finding_on_it(
    tmp_path: Path, kind: str, damage: Callable[[str], bytes]
) -> None:
    path = tmp_path / f"post.md{COMPRESSORS[kind][0]}"
    path.write_bytes(damage(kind))
    record = load(path, display_path="pages/post.md")
    (problem,) = record.problems
    assert problem.rule == "file/unreadable" and problem.path == "pages/post.md"
    assert kind in problem.message
    assert not record.intact and record.meta == {}


def test_a_truncated_gzip_file_says_it_is_cut_short(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(_truncated("gzip"))
    (problem,) = load(tmp_path / "page.html.gz").problems
    assert "ends before its compressed data does" in problem.message
    assert problem.hint.startswith("it was cut short")
    assert f"(gzip -t {tmp_path.as_posix()}/page.html.gz checks a compressed file)" in problem.hint
    (problem,) = loads(_truncated("gzip"), path="<stdin>").problems
    assert problem.hint.endswith("(gzip -t checks a compressed file)")


def test_a_gzip_file_with_a_wrong_checksum_is_a_finding(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(RECORD.encode()))
    data[-8] ^= 0xFF  # the CRC-32 of the text inside
    (tmp_path / "post.md.gz").write_bytes(bytes(data))
    assert rules_of(load(tmp_path / "post.md.gz")) == ["file/unreadable"]


def test_a_text_record_that_opens_like_bzip2_is_read_as_text() -> None:
    text = "BZh91AY&SY is how a bzip2 stream opens.\n"
    record = loads(text.encode(), path="note.txt")
    assert record.problems == () and record.body == text


@pytest.mark.skipif(zstd_readable(), reason="this Python reads zstd")
def test_zstd_is_still_named_with_what_to_do_where_python_cannot_read_it() -> None:
    data = b"\x28\xb5\x2f\xfd" + bytes(range(200))
    (problem,) = loads(data, path="page.html.zst").problems
    assert problem.rule == "file/binary"
    assert problem.message == "file is zstd-compressed data, not a text record"
    assert problem.hint == "decompress it first (unzstd page.html.zst)"


@pytest.mark.skipif(not zstd_readable(), reason="this Python has no compression.zstd")
def test_zstd_is_read_where_python_has_it() -> None:  # pragma: no cover - Python 3.14
    from compression import zstd  # type: ignore[import-not-found]

    record = loads(zstd.compress(RECORD.encode()), path="post.md.zst")
    assert record.problems == () and record.meta["title"] == "A post"


def test_a_zip_named_like_a_compressed_page_keeps_its_finding(tmp_path: Path) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.html", PAGE * 20)
    (tmp_path / "page.html.gz").write_bytes(buffer.getvalue())
    (problem,) = load(tmp_path / "page.html.gz").problems
    assert problem.rule == "file/binary" and problem.message.startswith("file is a zip archive")


def test_compressed_twice_names_the_inner_compression() -> None:
    """One layer is taken off: what is inside is judged as any file is."""
    (problem,) = loads(gzip.compress(gzip.compress(RECORD.encode())), path="a.md.gz").problems
    assert problem.message == "file is gzip-compressed data, not a text record"


@pytest.mark.parametrize("kind", ["gzip", "bzip2", "xz"])
def test_the_head_of_a_compressed_file_is_read_from_its_opening_alone(kind: str) -> None:
    """What the importer reads of a record in its folder: the front matter, from the first
    bytes of a file however large."""
    import random

    from convert.loading.compressed import inflate_head

    compress = {"gzip": gzip.compress, "bzip2": lambda t: bz2.compress(t, 1), "xz": lzma.compress}
    text = b"---\ntitle: x\n---\n" + random.Random(0).randbytes(1_000_000)
    data = compress[kind](text)
    assert inflate_head(data, kind, 1 << 16) == text[: 1 << 16]
    opening = data[: len(data) // 3]  # cut short: the head is what the opening gives
    head = inflate_head(opening, kind, 1 << 30)
    assert head is not None and len(head) > 1000 and text.startswith(head)
    assert inflate_head(data[:6] + b"\x00" * 200 + data[206:], kind, 1 << 16) is None
