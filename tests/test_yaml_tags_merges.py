"""The YAML reader on explicit tags, merge keys, aliased keys and anchors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from convert import loads, validate
from convert.record import Record


def problems(record: Record) -> list[tuple[int | None, int | None, str, str]]:
    return [(p.line, p.column, p.rule, p.message) for p in record.problems]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("!!int abc", "abc"),
        ("!!int 0x", "0x"),
        ("!!int ²", "²"),  # a digit to str.isdigit, not to int() nor to YAML
        ("!!int", ""),
        ("!!float ''", ""),
        ("!!float abc", "abc"),
        ("!!bool maybe", "maybe"),
        ("!!null abc", "abc"),
    ],
)
def test_a_value_that_does_not_fit_its_tag_is_a_finding_at_the_value(
    written: str, kept: str
) -> None:
    record = loads(f"---\ntitle: T\nm: {written}\n---\n", path="r.md")
    assert record.meta["m"] == kept
    ((line, column, rule, message),) = problems(record)
    assert (line, column, rule) == (3, 4, "yaml/tag-mismatch")
    assert f"!!{written[2:].split()[0]}" in message
    assert "yaml/tag-mismatch" in {d.rule for d in validate(record)}


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("!!int 0x1f", 31),
        ("!!bool yes", True),
        ("!!float 1", 1.0),
        ("!!null ''", None),
        ("!!null ~", None),
    ],
)
def test_values_that_fit_their_tag_are_read(written: str, value: object) -> None:
    record = loads(f"---\nm: {written}\n---\n")
    assert record.meta["m"] == value and record.problems == ()


def test_earlier_merge_sources_win_and_are_no_duplicates() -> None:
    text = "---\nbig: &BIG {r: 10}\nsmall: &SMALL {r: 1, s: 2}\nm: {<<: [*BIG, *SMALL]}\n---\n"
    record = loads(text)
    assert record.meta["m"] == {"r": 10, "s": 2}
    assert record.problems == ()


def test_a_merge_key_after_other_keys_reports_each_finding_once() -> None:
    text = "---\nbase: &B {a: 1}\nm:\n  x: !!float .nan\n  x: 2\n  <<: *B\n---\n"
    record = loads(text)
    assert record.meta["m"] == {"a": 1, "x": 2}
    assert [p[2] for p in problems(record)] == ["yaml/value-type", "yaml/duplicate-key"]


@pytest.mark.parametrize(
    "text",
    [
        "big: &BIG {r: 10}\nsmall: &SMALL {r: 1}\nm: {<<: [*BIG, *SMALL]}\n",
        "a: &A {x: 1}\nb: &B {x: 2, y: 2}\nc:\n  y: 0\n  <<: *A\n  <<: *B\n",
        "a: &A {x: 1}\nc: {<<: {x: 5, w: 6}, v: 7}\nd: [*A, {<<: *A}]\n",
    ],
)
def test_merges_give_what_pyyaml_gives(text: str) -> None:
    assert dict(loads(f"---\n{text}---\n").meta) == yaml.safe_load(text)


def test_a_source_that_merges_another_keeps_its_own_values_first() -> None:
    """B's own y beats A's, inside B and wherever B is merged before A (the merge-key spec;
    PyYAML 6 gives y: 1 in c)."""
    text = "---\na: &A {x: 1, y: 1}\nb: &B {<<: *A, y: 2, z: 2}\nc: {<<: [*B, *A], x: 3}\n---\n"
    record = loads(text)
    assert record.meta["b"] == {"x": 1, "y": 2, "z": 2}
    assert record.meta["c"] == {"x": 3, "y": 2, "z": 2}
    assert record.problems == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("m: !thing {x: 1}\n", "the tag !thing is not understood; read as a plain mapping"),
        ("m: !!omap [{a: 1}]\n", "!!omap values have no JSON form; read as a plain list"),
        ("m: !!set {a, b}\n", "!!set values have no JSON form; read as a plain mapping"),
        ("m: !list [1]\n", "the tag !list is not understood; read as a plain list"),
    ],
)
def test_tags_on_collections_are_reported_like_tags_on_scalars(text: str, message: str) -> None:
    record = loads(f"---\n{text}---\n")
    assert problems(record) == [(2, 4, "yaml/value-type", message)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("m: !!str {x: 1}\n", "a mapping is not a valid !!str; read as a plain mapping"),
        ("m: !!seq {x: 1}\n", "a mapping is not a valid !!seq; read as a plain mapping"),
        ("m: !!map [1]\n", "a list is not a valid !!map; read as a plain list"),
        ("m: !!int [1]\n", "a list is not a valid !!int; read as a plain list"),
    ],
)
def test_a_scalar_or_wrong_collection_tag_on_a_collection_is_a_mismatch(
    text: str, message: str
) -> None:
    record = loads(f"---\n{text}---\n")
    assert problems(record) == [(2, 4, "yaml/tag-mismatch", message)]


def test_a_tag_on_the_root_mapping_is_reported() -> None:
    record = loads("---\n!page\ntitle: x\n---\n")
    assert record.meta == {"title": "x"}
    assert [p[2:] for p in problems(record)] == [
        ("yaml/value-type", "the tag !page is not understood; read as a plain mapping")
    ]


def test_untagged_and_core_tagged_collections_are_quiet() -> None:
    assert loads("---\na: !!map {x: 1}\nb: !!seq [1]\nc: [1]\n---\n").problems == ()


@pytest.mark.parametrize(
    "text",
    [
        "k: &A title\n*A : x\ntitle: y\n",  # the first key written as an alias
        "k: &A title\n*A : x\n*A : y\n",  # both
    ],
)
def test_a_duplicate_key_written_as_an_alias_names_the_lines_of_the_keys(text: str) -> None:
    record = loads(f"---\n{text}---\n")
    assert problems(record) == [
        (
            4,
            1,
            "yaml/duplicate-key",
            'duplicate key "title": first on line 3, again on line 4; the last value is used',
        )
    ]


def test_a_duplicate_anchor_says_which_and_where() -> None:
    record = loads("---\na: &X 1\nb: &X 2\nc: *X\n---\n")
    assert problems(record) == [
        (3, 4, "yaml/syntax", 'anchor "X" is defined twice: first on line 2, again on line 3')
    ]
    assert problems(record)[0][2] == "yaml/syntax" and not record.intact


TAGS = [
    "",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!str ",
    "!!binary ",
    "!!timestamp ",
    "!!omap ",
    "!!set ",
    "!!map ",
    "!!seq ",
    "!x ",
    "!<tag:example.com,2000:y> ",
]
SCALARS = [
    "",
    "abc",
    "0x",
    "0x1f",
    "1_000",
    "maybe",
    "yes",
    "~",
    ".nan",
    "''",
    "2020-02-20",
    "[1, 2]",
    "{a: 1}",
    "*A",
    "*B",
    "[*A, *B]",
    "{<<: *A}",
]
KEYS = ["a", "b", "<<", "*A", "? [k]", "1", "a"]


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    lines = ["base: &A {a: 1, b: 2}", "other: &B {b: 3, c: 4}"]
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(KEYS))
        tag = draw(st.sampled_from(TAGS))
        value = draw(st.sampled_from(SCALARS))
        indent = draw(st.sampled_from(["", "  "]))
        lines.append(f"{indent}{key}: {tag}{value}".rstrip())
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(yaml_documents())
def test_tags_merges_and_aliases_never_escape_as_exceptions(text: str) -> None:
    record = loads(f"---\n{text}---\n")
    last = text.count("\n") + 2
    for problem in record.problems:
        assert problem.rule.startswith(("yaml/", "frontmatter/")), problem
        assert problem.line is None or 1 <= problem.line <= last, problem


def test_aliased_duplicate_keys_in_a_merged_mapping_name_their_own_lines() -> None:
    text = "---\nk: &A title\nm:\n  <<: {x: 1}\n  *A : 1\n  title: 2\n---\n"
    record = loads(text)
    assert record.meta["m"] == {"x": 1, "title": 2}
    assert problems(record) == [
        (
            6,
            3,
            "yaml/duplicate-key",
            'duplicate key "title": first on line 5, again on line 6; the last value is used',
        )
    ]


@pytest.mark.parametrize(
    ("extra", "code", "rule"),
    [
        ("m: !!int abc\n", 1, "yaml/tag-mismatch"),
        ("big: &BIG {r: 10}\nsmall: &SMALL {r: 1}\nm: {<<: [*BIG, *SMALL]}\n", 0, None),
    ],
)
def test_the_command_line_reports_findings_not_internal_errors(
    tmp_path: Path, extra: str, code: int, rule: str | None
) -> None:
    from click.testing import CliRunner

    from convert.cli import main

    record = tmp_path / "r.md"
    record.write_text(
        "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
        'webUrl: "https://e.example/a"\nexcerpt: E\nprovider: {name: P}\n'
        "topics: [X]\nimages: [{url: /a.jpg}]\n" + extra + "---\nBody\n"
    )
    args = ["validate", "--select", "yaml", "--format", "json", str(record)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    rules = [d["rule"] for d in json.loads(result.stdout)["diagnostics"]]
    assert rules == ([rule] if rule else [])
