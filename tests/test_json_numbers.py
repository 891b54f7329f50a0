"""JSON front matter holds JSON only (RFC 8259): no NaN or Infinity, no number that cannot be
carried, no half of a surrogate pair; each is a finding at its line and column, never an
exception and never a value the record cannot be written out with."""

from __future__ import annotations

import json
import math

import pytest

from convert import loads, validate

QUIET = ["schema/recommended", "schema/required", "frontmatter/unknown-key"]


def findings(text: str) -> list[tuple[int | None, int | None, str]]:
    return [(d.line, d.column, d.rule) for d in validate(loads(text), ignore=QUIET)]


@pytest.mark.parametrize("written", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"])
def test_a_number_json_does_not_have_is_a_finding_at_the_value(written: str) -> None:
    text = f'{{"title": "x",\n "quality": {written},\n "heat": 2}}\nBody.\n'
    record = loads(text)
    assert [(p.line, p.column, p.rule) for p in record.problems] == [(2, 13, "json/invalid-number")]
    assert record.meta == {"title": "x", "quality": written, "heat": 2}
    # The record can be written out as strict JSON, and the value is not judged twice.
    json.dumps(record.meta, allow_nan=False)
    assert findings(text) == [(2, 13, "json/invalid-number")]


def test_numbers_in_lists_and_nested_objects_are_found_too() -> None:
    text = '{"title": "x", "a": [1, NaN, {"b": Infinity}]}\n'
    record = loads(text)
    assert [(p.line, p.column, p.pointer) for p in record.problems] == [
        (1, 25, "/a/1"),
        (1, 36, "/a/2/b"),
    ]
    assert record.meta["a"] == [1, "NaN", {"b": "Infinity"}]


def test_an_integer_too_long_to_read_is_a_finding_not_an_exception() -> None:
    digits = "1" * 5000
    text = f'{{"title": "x",\n "quality": {digits}}}\n'
    record = loads(text)
    assert [(p.line, p.column, p.rule) for p in record.problems] == [(2, 13, "json/invalid-number")]
    assert record.meta == {"title": "x", "quality": digits}


def test_finite_numbers_are_read_as_before() -> None:
    record = loads('{"title": "x", "a": 1.5, "b": -0.0, "c": 1e308, "d": 12}\n')
    assert record.problems == ()
    assert record.meta == {"title": "x", "a": 1.5, "b": -0.0, "c": 1e308, "d": 12}
    assert math.copysign(1, record.meta["b"]) == -1
