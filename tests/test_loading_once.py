"""Findings about a value are made once, where it is written: not again at each alias of it,
and not again by the schema for a value the loader already rejected."""

from __future__ import annotations

import pytest

from convert import loads, validate
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


def findings(text: str) -> list[tuple[int | None, int | None, str]]:
    quiet = ["schema/recommended", "schema/required", "frontmatter/unknown-key"]
    return [(d.line, d.column, d.rule) for d in validate(loads(text), ignore=quiet)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quality: !!int high\n", [(3, 10, "yaml/tag-mismatch")]),
        ("published: !!bool maybe\n", [(3, 12, "yaml/tag-mismatch")]),
        ("excerpt: !!str {a: 1}\n", [(3, 10, "yaml/tag-mismatch")]),
        ("quality: &q !!int high\nheat: *q\n", [(3, 10, "yaml/tag-mismatch")]),
        # The schema still judges every other value.
        ("quality: !!int high\nheat: x\n", [(3, 10, "yaml/tag-mismatch"), (4, 7, "schema/type")]),
    ],
)
def test_the_schema_does_not_judge_a_value_the_loader_rejected(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert findings(f"---\ntitle: x\n{text}---\n") == expected
