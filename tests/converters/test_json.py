"""JSON and JSON Lines: the metadata exactly as written, key order kept."""

from __future__ import annotations

import json

import pytest

from convert.converters import get_converter
from convert.loading import loads

TEXT = """---
zeta: 1
title: "Ünïcode & <tags>"
publishedDateTime: 2020-02-20T20:00:00Z
date_only: 2024-01-02
flag: NO
nested: {b: [1, 2.5, null], a: true}
---
Body line
"""


def test_json_keeps_values_and_order_exactly(run) -> None:
    record = loads(TEXT, path="posts/x.md")
    data, found = run("json", [record])
    doc = json.loads(data)
    assert found == []
    assert doc["path"] == "posts/x.md"
    assert list(doc["meta"]) == list(record.meta)
    assert doc["meta"] == dict(record.meta)
    assert doc["meta"]["publishedDateTime"] == "2020-02-20T20:00:00Z"
    assert doc["body"] == record.body
    assert "Ünïcode" in data.decode("utf-8")
    assert data.endswith(b"}\n") and data.count(b'\n  "') >= 4  # indent 2 by default


def test_indent_zero_is_one_line(run, make_record) -> None:
    data, _ = run("json", [make_record()], indent=0)
    assert data.count(b"\n") == 1


def test_jsonl_one_line_per_record(run, make_record) -> None:
    records = [make_record(path=f"p/{n}.md", body="two\nlines") for n in range(3)]
    data, _ = run("jsonl", records)
    lines = data.decode().splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["p/0.md", "p/1.md", "p/2.md"]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_values_json_cannot_carry_are_findings_not_crashes(fmt, run, make_record) -> None:
    options = {"indent": 0} if fmt == "json" else {}
    records = [make_record(heat=float("nan")), make_record(path="ok.md")]
    data, found = run(fmt, records, **options)
    assert [(d.rule, d.path) for d in found] == [("convert/not-json", "posts/a.md")]
    assert [json.loads(line)["path"] for line in data.decode().splitlines()] == ["ok.md"]


def test_lone_surrogates_fall_back_to_escapes(run, make_record) -> None:
    data, _ = run("jsonl", [make_record(title="a\ud800b")])
    assert json.loads(data)["meta"]["title"] == "a\ud800b"


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_source_name_that_is_no_utf8_is_written_as_the_json_report_writes_it(
    fmt, run, make_record
) -> None:
    """U+FFFD in ``path`` and the exact bytes percent-encoded in ``rawPath`` right after it
    (the ``validate --format json`` fields), in a document that is UTF-8 throughout."""
    import os
    from urllib.parse import unquote_to_bytes

    name = os.fsdecode(b"posts/caf\xff x%.md")  # "caf\udcff x%.md": a lone surrogate
    options = {"indent": 0} if fmt == "json" else {}
    records = [make_record(path=name, title="Ünïcode"), make_record()]
    data, found = run(fmt, records, **options)
    assert found == []
    text = data.decode("utf-8")  # strict: no lone surrogate was written
    first, second = map(json.loads, text.splitlines())
    assert list(first)[:3] == ["path", "rawPath", "meta"]
    assert first["path"] == "posts/caf\ufffd x%.md"
    assert first["rawPath"] == "posts/caf%FF%20x%25.md"
    assert unquote_to_bytes(first["rawPath"]) == os.fsencode(name)
    assert "Ünïcode" in text  # the rest is written as it reads, not as ASCII escapes
    assert second["path"] == "posts/a.md" and "rawPath" not in second


def test_json_rejects_unknown_options() -> None:
    from convert.errors import ConverterError

    with pytest.raises(ConverterError):
        get_converter("jsonl").write([], None, indent=2)  # type: ignore[arg-type]
