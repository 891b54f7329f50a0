"""The text converter's contract: attributes, one-line description, bytes written."""

from __future__ import annotations

import io
from pathlib import Path

from convert.converters import Converter, describe
from convert.converters.text_ import TextConverter
from convert.record import Record, Source


def rec(title: str, body: str) -> Record:
    return Record(meta={"title": title}, body=body, source=Source("x.md"), body_format="markdown")


def test_attributes_and_description() -> None:
    conv = TextConverter()
    assert isinstance(conv, Converter)
    assert (conv.name, conv.extension, conv.collection) == ("text", ".txt", False)
    assert conv.media_type == "text/plain; charset=utf-8"
    assert describe(conv).startswith("Cleaned plain text")


def test_single_record_ends_in_one_newline() -> None:
    out = io.BytesIO()
    TextConverter().write(iter([rec("Tëst", "Body *text*.")]), out)
    assert out.getvalue() == "Tëst\n\nBody text.\n".encode()


def test_several_records_are_separated_by_a_blank_line() -> None:
    out = io.BytesIO()
    TextConverter().write(iter([rec("A", "one"), rec("B", "two")]), out)
    assert out.getvalue() == b"A\n\none\n\nB\n\ntwo\n"


def test_no_records_no_bytes() -> None:
    out = io.BytesIO()
    TextConverter().write(iter([]), out)
    assert out.getvalue() == b""


def test_unknown_option_is_refused_like_every_other_format() -> None:
    import io

    import pytest

    from convert.converters.text_ import TextConverter
    from convert.errors import ConverterError

    with pytest.raises(ConverterError):
        TextConverter().write(iter(()), io.BytesIO(), indent=2)


def test_a_page_that_gives_no_text_is_a_warning_naming_it(tmp_path: Path) -> None:
    """A corpus would otherwise hold an empty file with nothing to say why; its output is
    still written, so every page has one, and a page with text gets no finding."""
    from click.testing import CliRunner

    from convert.cli import main

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.html").write_bytes(b"")
    (pages / "script.html").write_text("<html><body><script>render()</script></body></html>")
    (pages / "story.html").write_text(
        "<p>" + "A sentence of an article goes on here. " * 4 + "</p>"
    )
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(
            main, ["convert", str(pages), "--to", "text", "-o", str(out), "--jobs", jobs]
        )
        assert result.exit_code == 0
        warned = [line for line in result.stderr.splitlines() if "convert/no-text" in line]
        assert [line.split(":")[0] for line in warned] == [
            (pages / "empty.html").as_posix(),
            (pages / "script.html").as_posix(),
        ]
        assert (out / "empty.txt").read_bytes() == (out / "script.txt").read_bytes() == b"\n"
        assert (out / "story.txt").read_text().startswith("A sentence")
