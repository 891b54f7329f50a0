"""The loader: front matter kinds, values exactly as written, and hostile input."""

from __future__ import annotations

import codecs
import io
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from convert.diagnostics import Severity
from convert.loading import load, loads


def rules_of(record: object) -> list[str]:
    return [d.rule for d in record.problems]  # type: ignore[attr-defined]


def test_yaml_timestamps_stay_the_written_strings() -> None:
    record = loads("---\npublishedDateTime: 2020-02-20T20:00:00Z\nday: 2020-02-20\n---\n")
    assert record.meta == {"publishedDateTime": "2020-02-20T20:00:00Z", "day": "2020-02-20"}


def test_impossible_unquoted_date_is_kept_not_crashed() -> None:
    record = loads("---\npublishedDateTime: 2020-02-30T20:00:00Z\n---\n")
    assert record.meta["publishedDateTime"] == "2020-02-30T20:00:00Z"
    assert record.problems == ()


def test_fence_must_be_a_whole_line_of_three_dashes() -> None:
    text = "---\ntitle: a\nnote: |\n  ------\n  still the note\n---\nbody ------ here\n"
    record = loads(text)
    assert record.meta == {"title": "a", "note": "------\nstill the note\n"}
    assert record.body == "body ------ here\n"
    assert record.source.body_line == 7


def test_body_line_and_front_matter_kind() -> None:
    record = loads("---\ntitle: a\n---\n\nHello\n")
    assert (record.source.front_matter, record.source.body_line, record.body) == (
        "yaml",
        4,
        "\nHello\n",
    )


def test_toml_front_matter_dates_become_iso_strings() -> None:
    record = loads('+++\ntitle = "a"\nwhen = 2020-02-20T20:00:00Z\n+++\nbody\n')
    assert record.source.front_matter == "toml"
    assert record.meta == {"title": "a", "when": "2020-02-20T20:00:00+00:00"}
    assert record.body == "body\n"


def test_json_front_matter() -> None:
    record = loads('{\n"title": "a",\n"n": 2\n}\nbody\n')
    assert record.source.front_matter == "json"
    assert record.meta == {"title": "a", "n": 2}
    assert record.body == "body\n"


def test_json_syntax_error_has_a_position() -> None:
    record = loads('{\n"title": "a",\n"n": \n}\n')
    (problem,) = record.problems
    assert problem.rule == "json/syntax" and problem.line == 4


def test_toml_syntax_error() -> None:
    record = loads("+++\ntitle = \n+++\n")
    assert rules_of(record) == ["toml/syntax"] and not record.intact


def test_no_front_matter_is_a_record_with_empty_meta() -> None:
    record = loads("Just a page of text.\n")
    assert record.meta == {} and record.body == "Just a page of text.\n"
    assert record.source.front_matter is None and record.intact


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_fence_after_blank_lines_never_closed_is_unclosed_where_blank_lines_may_lead(
    bom: str,
) -> None:
    """Read as Hugo and Zola read it, the fence on line 3 opens front matter that never ends:
    that fence is named, and no BOM finding, for a BOM before blank lines hides no fence."""
    text = bom + "\n\n---\ntitle: T\n\nBody.\n"
    record = loads(text, leading_blank_lines=True)
    assert [(d.rule, d.line) for d in record.problems] == [("frontmatter/unclosed", 3)]
    assert not record.intact and record.body == text.removeprefix(bom)
    assert loads(text).problems == ()  # by default there is no front matter to be unclosed


def test_duplicate_keys_name_both_lines() -> None:
    record = loads("---\ntitle: a\nx: 1\ntitle: b\n---\n")
    (problem,) = record.problems
    assert problem.rule == "yaml/duplicate-key"
    assert (problem.line, problem.column) == (4, 1)
    assert "line 2" in problem.message and "line 4" in problem.message
    assert record.meta["title"] == "b"


@pytest.mark.parametrize("key_text", ["1", "true", "null", "2020-01-01"])
def test_non_string_keys_become_strings(key_text: str) -> None:
    record = loads(f"---\n{key_text}: value\n---\n")
    assert record.meta == {key_text: "value"}
    if key_text != "2020-01-01":
        assert rules_of(record) == ["yaml/key-type"]


def test_collection_key_is_a_finding() -> None:
    record = loads("---\n? [a, b]\n: value\ntitle: t\n---\n")
    assert record.meta == {"title": "t"}
    assert rules_of(record) == ["yaml/key-type"]


def test_bom_and_crlf() -> None:
    """The BOM is read past, but reported: Jekyll and others see no front matter behind it."""
    record = loads(b"\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nbody\r\n")
    assert record.meta == {"title": "a"} and record.body == "body\n"
    assert [(p.rule, p.line, p.column) for p in record.problems] == [("file/bom", 1, 1)]
    assert loads("\ufeff---\ntitle: a\n---\n").problems[0].rule == "file/bom"
    assert loads(b"\xef\xbb\xbfNo front matter here.\n").problems == ()


def test_invalid_utf8_is_one_finding_with_position() -> None:
    record = loads(b"---\ntitle: caf\xe9\n---\n", path="x.md")
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.column) == ("file/encoding", 2, 11)
    assert not record.intact


def test_invalid_utf8_after_a_bom_is_found_at_its_own_byte() -> None:
    """The byte, line and column are those of the bad byte, not of the one three bytes
    before it (the decoder counts from after the mark); the mark is no column."""
    record = loads(b"\xef\xbb\xbf---\ntitle: caf\xe9\n---\n", path="x.md")
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.column) == ("file/encoding", 2, 11)
    assert "0xe9" in problem.message
    (problem,) = loads(b"\xef\xbb\xbfcaf\xe9\n", path="x.md").problems
    assert (problem.line, problem.column) == (1, 4) and "0xe9" in problem.message


WEB_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Café</title></head>'
    "<body><p>Crème brûlée – “fait maison”.</p></body></html>\n"
)
XHTML_PROLOGUE = b'<?xml version="1.0" encoding="windows-1252"?>'


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (WEB_PAGE.encode("cp1252"), "page.html"),
        (WEB_PAGE.encode("cp1252"), "page.txt"),  # it opens as a page does
        (codecs.BOM_UTF16_LE + WEB_PAGE.encode("utf-16-le"), "page.htm"),
        (codecs.BOM_UTF16_BE + WEB_PAGE.encode("utf-16-be"), "saved"),
        (codecs.BOM_UTF32_BE + WEB_PAGE.encode("utf-32-be"), "page.html"),
        (codecs.BOM_UTF32_LE + WEB_PAGE.encode("utf-32-le"), "page.html"),
        # XHTML: an XML declaration, which names the encoding too, before the doctype.
        (XHTML_PROLOGUE + WEB_PAGE.encode("cp1252"), "page.xhtml"),
        (XHTML_PROLOGUE + b"\n" + WEB_PAGE.encode("utf-8"), "page.xhtml"),
    ],
)
def test_a_web_page_is_read_in_the_encoding_it_declares(data: bytes, path: str) -> None:
    """A record is UTF-8, but a saved web page says what it is written in, as browsers read it:
    a corpus of pages keeps those that are not UTF-8 (they were refused)."""
    record = loads(data, path=path)
    assert record.problems == () and record.body_format == "html"
    assert "Crème brûlée – “fait maison”." in record.body


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (b"<p>caf\xe9</p>\n", "story.md"),  # a fragment, not a page
        (codecs.BOM_UTF16_LE + "<p>café</p>".encode("utf-16-le"), "story.md"),
        # Front matter: a record (Jekyll's .html ones too), whatever its body says.
        (b"---\ntitle: caf\xe9\n---\n<!DOCTYPE html><html></html>\n", "story.md"),
        (b'---\ntitle: caf\xe9\n---\n<meta charset="latin1"><p>x</p>\n', "about.html"),
    ],
)
def test_a_record_that_is_not_utf8_is_still_a_finding(data: bytes, path: str) -> None:
    assert rules_of(loads(data, path=path))[0] in ("file/encoding", "file/binary")


UNDECLARED = WEB_PAGE.replace(' charset="windows-1252"', "")


@pytest.mark.parametrize("path", ["page.html", "page.htm", "page.xhtml", "Page.XHTML"])
def test_a_page_that_opens_with_neither_doctype_nor_html_is_a_page_by_its_name(path: str) -> None:
    """A saved page that opens with its head's tags is known by its name alone, under each of
    the names a folder is walked for (``.xhtml`` was a record, refused for its encoding)."""
    data = '<meta charset="windows-1252"><title>Café</title>\n<p>Crème brûlée.</p>\n'
    record = loads(data.encode("cp1252"), path=path)
    assert record.problems == () and record.body_format == "html"
    assert "<title>Café</title>" in record.body


@pytest.mark.parametrize(
    ("data", "path", "read_as"),
    [
        (UNDECLARED.encode("cp1252"), "page.html", "cp1252"),
        (UNDECLARED.encode("cp1252"), "saved", "cp1252"),  # it opens as a page does
        # UTF-8 but for one byte pasted in from an older page: UTF-8 with that byte as cp1252.
        (UNDECLARED.encode().replace(b"\xc3\xa9</title>", b"\xe9</title>"), "p.htm", "stray"),
    ],
)
def test_a_web_page_that_declares_nothing_is_read_as_browsers_do_with_a_warning(
    data: bytes, path: str, read_as: str
) -> None:
    """Browsers read such a page by detection: so is it read, not refused, and the user is
    told where the first byte that is not UTF-8 is, what it was read as and how to say it."""
    record = loads(data, path=path)
    (warning,) = record.problems
    assert (warning.rule, warning.severity, warning.line) == (
        "file/encoding-guessed",
        Severity.WARNING,
        1,
    )
    assert read_as in warning.message and "<meta charset" in warning.hint
    assert "Crème brûlée – “fait maison”." in record.body and "<title>Café</title>" in record.body
    assert record.intact and record.body_format == "html"


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        # A declaration or byte-order mark the bytes do not follow: browsers would show
        # U+FFFD or mojibake; the page is read by detection, which the user is told of.
        (WEB_PAGE.replace("windows-1252", "utf-8").encode("cp1252"), "declares utf-8"),
        (WEB_PAGE.replace("windows-1252", "utf-16").encode("cp1252"), "declares utf-16"),
        (codecs.BOM_UTF8 + UNDECLARED.encode("cp1252"), "byte-order mark"),
        (WEB_PAGE.replace("windows-1252", "x-klingon").encode("cp1252"), "'x-klingon'"),
    ],
)
def test_a_page_whose_declaration_does_not_read_it_is_guessed_with_a_warning(
    data: bytes, declared: str
) -> None:
    record = loads(data, path="page.html")
    (warning,) = record.problems
    assert (warning.rule, warning.severity) == ("file/encoding-guessed", Severity.WARNING)
    assert (warning.line, warning.column) == (
        1,
        data.index(b"\xe9") + 1 - data.startswith(codecs.BOM_UTF8) * 3,
    )
    assert declared in warning.message and "read as" in warning.message
    assert "Café" in record.body and record.intact


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("path", ["page.html", "saved"])
def test_a_web_page_in_utf16_without_a_mark_is_read_as_utf16_with_a_warning(
    codec: str, path: str
) -> None:
    """Windows tools save "Unicode" pages without a byte-order mark: each ASCII character
    then has a NUL beside it. Such a page is read as UTF-16 (it was refused as binary), and
    the user is told, for the whole file, at its start."""
    record = loads(UNDECLARED.encode(codec), path=path)
    (warning,) = record.problems
    assert (warning.rule, warning.severity, warning.line, warning.column) == (
        "file/encoding-guessed",
        Severity.WARNING,
        1,
        1,
    )
    assert f"read as {codec.upper()} (no byte-order mark)" in warning.message
    assert "declares no encoding" in warning.message and "byte-order mark" in warning.hint
    assert "Crème brûlée – “fait maison”." in record.body and "<title>Café</title>" in record.body
    assert record.intact and record.body_format == "html"


RECORD = "---\ntitle: Café\n---\nBody text.\n"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(RECORD.encode("utf-16-le"), "UTF-16-LE", id="le"),
        pytest.param(RECORD.encode("utf-16-be"), "UTF-16-BE", id="be"),
        pytest.param(codecs.BOM_UTF16_LE + RECORD.encode("utf-16-le"), "UTF-16", id="mark"),
        pytest.param(codecs.BOM_UTF16_LE + "<p>café</p>".encode("utf-16-le"), "UTF-16", id="bit"),
        # UTF-32 without a mark had been "binary" with a hint to re-save UTF-16 text.
        pytest.param(RECORD.encode("utf-32-le"), "UTF-32-LE", id="32le"),
        pytest.param(RECORD.encode("utf-32-be"), "UTF-32-BE", id="32be"),
        pytest.param("---\ntitle: ✓ 😀\n---\n".encode("utf-32-le"), "UTF-32-LE", id="32wide"),
    ],
)
def test_a_record_in_utf16_or_32_is_an_encoding_finding_not_binary(data: bytes, name: str) -> None:
    """A record is read only as UTF-8, but one in UTF-16 is text: the finding says which
    encoding it is in and how to convert it, for the whole file."""
    record = loads(data, path="story.md")
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.column) == ("file/encoding", 1, 1)
    assert f"{name} text" in problem.message
    assert f"iconv -f {name.replace('-LE', 'LE').replace('-BE', 'BE')} " in problem.hint
    assert not record.intact


def test_small_binary_integers_are_no_utf32_text() -> None:
    data = b"".join(n.to_bytes(4, "little") for n in range(1, 200))
    (problem,) = loads(data, path="numbers.md").problems
    assert problem.rule == "file/binary"


def _png() -> bytes:
    """A small real PNG: a 16 x 16 grey gradient."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + bytes(range(y * 16, y * 16 + 16)) for y in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.html", UNDECLARED)
        archive.writestr("notes.txt", "some notes\n" * 50)
    return buffer.getvalue()


def _pdf() -> bytes:
    stream = zlib.compress(random.Random(7).randbytes(3000))
    head = f"%PDF-1.4\n1 0 obj\n<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n"
    return head.encode() + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


BINARY_FILES = {
    "png": _png(),
    "zip": _zip(),
    "pdf": _pdf(),
    "random": random.Random(3).randbytes(5000),
    "random, short": random.Random(4).randbytes(38) + "a".encode("utf-16-le"),
    "executable": Path(sys.executable).read_bytes()[:200_000],
    "UTF-8 text with NULs": ("Plain text,\x00with NUL\x00separated\x00fields. " * 20).encode(),
}


@pytest.mark.parametrize("kind", list(BINARY_FILES))
@pytest.mark.parametrize("path", ["page.html", "story.md"])
def test_binary_files_stay_binary_even_where_a_page_would_be_read(kind: str, path: str) -> None:
    """The test for UTF-16 without a mark takes no binary file for text: their NULs are on
    both sides of the byte pairs, or their bytes do not read as UTF-16 text."""
    data = BINARY_FILES[kind]
    assert b"\x00" in data
    record = loads(data, path=path)
    assert rules_of(record) == ["file/binary"] and not record.intact


@pytest.mark.parametrize(
    ("kind", "what", "hint"),
    [
        ("zip", "a zip archive", "extract its files first (unzip 'my page.html')"),
        ("pdf", "a PDF document", "convert it to text first (e.g. pdftotext 'my page.html')"),
        ("png", "a PNG image", "an image holds no record's text"),
    ],
)
def test_a_compressed_file_document_or_image_is_named_with_what_to_do(
    kind: str, what: str, hint: str
) -> None:
    """An archive, a document or an image: the finding says so and how to get at its text,
    where it said to remove NUL bytes or re-save the file as UTF-8 (a compressed page is
    read: tests/test_compressed_loading.py)."""
    (problem,) = loads(BINARY_FILES[kind], path="my page.html").problems
    assert (problem.rule, problem.line, problem.column) == ("file/binary", 1, 1)
    assert problem.message == f"file is {what}, not a text record"
    assert problem.hint == hint
    # Read from standard input, there is no file to name in a command.
    (problem,) = loads(BINARY_FILES[kind], path="<stdin>").problems
    assert problem.hint == hint.split(" (")[0]


def test_a_pdf_without_nul_bytes_is_named_and_a_text_opening_like_one_is_read() -> None:
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    assert [p.message for p in loads(pdf, path="a.md").problems] == [
        "file is a PDF document, not a text record"
    ]
    record = loads(b"%PDF-1.4 is the version this note is about.\n", path="note.txt")
    assert rules_of(record) == [] and record.intact
    assert record.body == "%PDF-1.4 is the version this note is about.\n"


def test_a_nul_byte_is_found_at_its_line_and_column_with_a_hint() -> None:
    """One NUL in a long text record: the finding says where it is and what to do."""
    record = loads(b"---\ntitle: a\n---\nfirst line\nsecond \x00 line\n", path="x.md")
    (problem,) = record.problems
    assert (problem.rule, problem.line, problem.column) == ("file/binary", 5, 8)
    assert "UTF-8" in problem.hint


@pytest.mark.parametrize("data", [b"---\ntitle: a\x00\n---\n", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_nul_bytes_and_binary_files(data: bytes) -> None:
    record = loads(data)
    assert rules_of(record) == ["file/binary"] and not record.intact


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("---\n- a\n- b\n---\n", "a list"),
        ("---\njust words\n---\n", "a string"),
        ("---\n~\n---\n", "null"),
        ("---\n42\n---\n", "a number"),
    ],
)
def test_front_matter_that_is_not_a_mapping(text: str, what: str) -> None:
    record = loads(text)
    (problem,) = record.problems
    assert problem.rule == "frontmatter/not-a-mapping" and what in problem.message
    assert record.meta == {} and not record.intact


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("---\n---\nHello there.\n", "yaml"),
        ("---\n# fields come later\n\n---\nHello there.\n", "yaml"),
        ("+++\n+++\nHello there.\n", "toml"),
        ("+++\n# fields come later\n+++\nHello there.\n", "toml"),
        ("{}\nHello there.\n", "json"),
    ],
)
def test_an_empty_front_matter_block_is_an_empty_mapping(text: str, kind: str) -> None:
    # Jekyll 4.3, Hugo 0.168 and Zola read an empty block (or one of comments) as no fields
    # and build the page; the schema, or a profile, says what the record then lacks.
    record = loads(text)
    assert record.problems == () and record.intact
    assert record.meta == {} and record.source.front_matter == kind
    assert record.body == "Hello there.\n"


def test_yaml_syntax_error_at_the_problem_mark() -> None:
    record = loads("---\ntitle: ok\nbad: [unclosed\nnext: 1\n---\n")
    (problem,) = record.problems
    assert problem.rule == "yaml/syntax"
    assert (problem.line, problem.column) == (4, 5)  # where libyaml gave up: "next:"


def test_alias_bomb_is_refused_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bomb is 10^9 values: building stops at the limit, so the values built (each one
    call of the builder) are counted rather than the time; past ten times the limit the
    count stops the expansion itself, so that a lost limit fails here instead of hanging."""
    from convert.loading.yaml_values import MAX_VALUES, Builder

    built = [0]

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def count(self: Builder, *args: Any) -> Any:
            built[0] += 1
            if built[0] > 10 * MAX_VALUES:
                raise RuntimeError("the alias bomb is being expanded")
            return original(self, *args)

        return count

    monkeypatch.setattr(Builder, "build", counting(Builder.build))
    monkeypatch.setattr(Builder, "child", counting(Builder.child))
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    record = loads("---\n" + "\n".join(lines) + "\n---\n")
    assert built[0] <= 2 * MAX_VALUES + 2, built  # a container is both a child and built
    assert rules_of(record) == ["yaml/too-large"] and not record.intact


def test_self_referencing_alias_is_refused() -> None:
    record = loads("---\na: &x [*x]\n---\n")
    assert rules_of(record) in (["yaml/too-deep"], ["yaml/syntax"])
    assert not record.intact


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 10_000 + "]" * 10_000,
        "a: " + "{b: " * 500 + "1" + "}" * 500,
        "".join(" " * (2 * i) + f"k{i}:\n" for i in range(200)) + " " * 400 + "v: 1\n",
    ],
)
def test_deep_nesting_is_one_finding(text: str) -> None:
    record = loads("---\n" + text + "\n---\n")
    assert rules_of(record) == ["yaml/too-deep"] and not record.intact


def test_deep_but_allowed_nesting_loads() -> None:
    record = loads("---\na: " + "[" * 30 + "1" + "]" * 30 + "\n---\n")
    assert record.problems == () and record.intact


def test_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as stream:
        stream.write(b"---\ntitle: a\n---\n")
        stream.seek(50 * 1024 * 1024)
        stream.write(b"end")
    record = load(big, max_bytes=1024 * 1024)
    assert rules_of(record) == ["file/too-large"] and not record.intact


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    record = load(tmp_path / "nope.md")
    assert rules_of(record) == ["file/unreadable"]


def test_unclosed_front_matter() -> None:
    record = loads("---\ntitle: a\n\nbody\n")
    assert rules_of(record) == ["frontmatter/unclosed"]


def test_non_json_values_are_kept_as_written_strings() -> None:
    record = loads("---\na: .nan\nb: !!binary aGVsbG8=\nc: !custom x\n---\n")
    assert record.meta == {"a": ".nan", "b": "aGVsbG8=", "c": "x"}
    assert rules_of(record) == ["yaml/value-type"] * 3


def test_merge_keys_apply() -> None:
    record = loads("---\nbase: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n---\n")
    assert record.meta["item"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    ("body", "path", "expected"),
    [
        ("<p>Hello</p>", "a.txt", "html"),
        ("# Title\n\ntext", "a.txt", "markdown"),
        ("Plain words.", "a.md", "markdown"),
        ("Plain words.", "a.txt", "text"),
        # An aggregator record's HTML body in a .md file stays HTML...
        ("<p>Hello</p><p>More, 1. and 2.</p>", "a.md", "html"),
        # ...while a post that opens with an image or a div and goes on in Markdown is Markdown
        ('<img src="/cover.png">\n\nThis is **important**.', "a.md", "markdown"),
        ('<div class="note">Hi</div>\n\n## Section\n', "a.markdown", "markdown"),
        ('<a href="/x">x</a>\n\nSee [the docs](/docs/).', "a.md.gz", "markdown"),
        # Markdown's marks inside code are the code's: an HTML body with Python in it
        (
            "<p>Use:</p>\n<pre><code>def f(**kwargs):\n\n    # a comment\n</code></pre>\n"
            "<p>Done.</p>",
            "a.md",
            "html",
        ),
        ("<p>See <code>a](b</code></p>\n<script>x = '**y'</script>", "a.md", "html"),
        ("<pre>- a\n\n- b", "a.md", "html"),  # a block never closed holds the rest
        ("<pre>x</pre>\n\n- an item\n", "a.md", "markdown"),
        ("<p>Hi</p>\n\n## Section\n", "a.html", "html"),
        ("<p>Hi</p>\n\n## Section\n", "a.txt", "html"),
    ],
)
def test_body_format_is_sniffed(body: str, path: str, expected: str) -> None:
    assert loads(f"---\ntitle: a\n---\n{body}", path=path).body_format == expected


def test_lean_resolver_gives_the_safe_loaders_tags() -> None:
    import yaml

    from convert.loading.yaml_reader import _Loader

    text = (
        "a: 1\nb: 1.5\nc: true\nd: ~\ne: ''\nf: 2020-01-01\ng: 0x1f\nh: 1:20\ni: .inf\n"
        "j: [yes, NO, on, null, '', text, 1_000, -.5e3]\nk: {x: 'q', y: \"1\"}\nl: |\n  lit\n"
        "m: !!str 12\nn: =\no: <<\n"
    )

    def tags(node: yaml.Node) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [node.tag]
        if isinstance(node, yaml.SequenceNode):
            return [node.tag, *(t for child in node.value for t in tags(child))]
        return [node.tag, *(t for k, v in node.value for t in tags(k) + tags(v))]

    ours = yaml.compose(text, Loader=_Loader)
    reference = yaml.compose(text, Loader=yaml.SafeLoader)
    assert ours is not None and reference is not None
    assert tags(ours) == tags(reference)


def test_self_referencing_merge_is_refused() -> None:
    record = loads("---\nx: &x\n  b: 1\n  <<: *x\n---\n")
    assert rules_of(record) == ["yaml/too-deep"] and not record.intact


def test_nested_merges_still_apply() -> None:
    record = loads("---\na: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n---\n")
    assert record.meta["c"] == {"x": 1, "y": 2, "z": 3}


def test_reading_a_record_does_not_need_the_batch_layer() -> None:
    """``convert.loading`` reads one record; the batch layer builds on it, never the reverse."""
    code = (
        "import sys, convert.loading as l; l.loads('---\\ntitle: x\\n---\\n', path='-'); "
        "print('convert.batch' in sys.modules, 'convert.run' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
