"""The text converter's contract: attributes, one-line description, bytes written."""

from __future__ import annotations

import io

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
