"""Findings about a value are made once, where it is written: not again at each alias of it,
and not again by the schema for a value the loader already rejected."""

from __future__ import annotations

import pytest

from convert import loads
from convert.record import Record


def problems(record: Record) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.rule) for p in record.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x {k: 1, k: 2}\nb: *x\nc: *x\n", [(2, 14, "yaml/duplicate-key")]),
        ("a: &x\n  k: 1\n  k: 2\nb: [*x, *x]\n", [(4, 3, "yaml/duplicate-key")]),
        ("a: &x {q: !!int high}\nb: *x\n", [(2, 11, "yaml/tag-mismatch")]),
        ("a: &x {q: .nan}\nb: *x\nc: {<<: *x}\n", [(2, 11, "yaml/value-type")]),
    ],
)
def test_a_finding_inside_an_anchored_value_is_made_once_at_the_anchor(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert problems(loads(f"---\n{text}---\n")) == expected
