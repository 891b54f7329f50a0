"""Odd input the loader meets in the wild: every case is a finding at its line and column (or
plain data), never an exception, and the record's metadata can always be written as JSON."""

from __future__ import annotations

import json

import pytest

from convert import loads, validate
from convert.record import Record

TOO_LONG = "1" * 5000
"""More digits than Python reads into an int by default (sys.get_int_max_str_digits())."""


def problems(record: Record) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.column, p.rule) for p in record.problems]


def writable(record: Record) -> None:
    json.dumps(dict(record.meta), allow_nan=False, ensure_ascii=False).encode("utf-8")
    validate(record)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"---\ntitle: x\nquality: {TOO_LONG}\n---\n", [(3, 10, "yaml/value-type")]),
        (f"---\ntitle: x\nquality: !!int {TOO_LONG}\n---\n", [(3, 10, "yaml/value-type")]),
        (f"---\ntitle: x\nq: [1, 0x{'f' * 4000}]\n---\n", [(3, 8, "yaml/value-type")]),
    ],
)
def test_a_yaml_integer_too_long_to_write_is_kept_as_text(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    record = loads(text)
    assert problems(record) == expected
    assert "is too long" in record.problems[0].message
    writable(record)


@pytest.mark.parametrize("written", ["nan", "+nan", "inf", "-inf", "1e400"])
def test_a_toml_float_json_cannot_carry_is_kept_as_text(written: str) -> None:
    record = loads(f'+++\ntitle = "x"\nquality = {written}\n+++\n')
    assert problems(record) == [(3, 11, "toml/value-type")]
    assert record.meta == {"title": "x", "quality": written}
    writable(record)


def test_a_toml_integer_too_long_to_read_is_a_syntax_finding_at_it() -> None:
    record = loads(f'+++\ntitle = "x"\nquality = {TOO_LONG}\n+++\n')
    assert problems(record) == [(3, 11, "toml/syntax")]
    assert "5,000 digits" in record.problems[0].message


def test_a_toml_integer_too_long_to_write_is_kept_as_text() -> None:
    record = loads(f'+++\ntitle = "x"\nq = 0x{"f" * 4000}\n+++\n')
    assert problems(record) == [(3, 5, "toml/value-type")]
    writable(record)


@pytest.mark.parametrize(
    ("escape", "column"),
    [("\\ud800", 14), ("\\udc00", 14), ("a\\ud800b", 15), ("\\ud83d\\ud83d\\ude00", 14)],
)
def test_half_a_surrogate_pair_in_json_is_a_syntax_finding_at_the_escape(
    escape: str, column: int
) -> None:
    record = loads(f'{{"title": "x",\n "excerpt": "{escape}"}}\nBody.\n')
    assert problems(record) == [(2, column, "json/syntax")]
    assert "surrogate" in record.problems[0].message
    assert not record.intact
    writable(record)


@pytest.mark.parametrize(
    ("escape", "column", "half"),
    [("\\ud800", 9, "ud800"), ("ab \\udc00x", 12, "udc00"), ("\\ud83d\\ude00", 9, "ud83d")],
)
def test_half_a_surrogate_pair_in_yaml_is_named_at_the_escape(
    escape: str, column: int, half: str
) -> None:
    # "found invalid Unicode character escape code" said neither which escape nor what to
    # write: YAML takes no surrogate pairs, not even whole ones.
    record = loads(f'---\ntitle: "{escape}"\n---\n')
    assert problems(record) == [(2, column, "yaml/syntax")]
    (problem,) = record.problems
    assert problem.message == (
        f"YAML syntax error: \\{half} is half of a UTF-16 surrogate pair, not a character"
    )
    assert "\\U0001F600" in problem.hint


@pytest.mark.parametrize("text", ['"\\ud83d\\ude00"', '"\\\\ud800"', '"\\\\\\ud83d\\ude00"'])
def test_pairs_and_escaped_backslashes_are_not_lone_surrogates(text: str) -> None:
    record = loads(f'{{"title": {text}}}\n')
    assert record.problems == ()
    writable(record)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\ntitle: x\nexcerpt: a\x07b\n---\n", (3, 11)),
        ('---\ntitle: "é\x0b"\n---\n', (2, 10)),
        ("---\ntitle: x\n\x7f: 1\n---\n", (3, 1)),
        ("---\ntitle: x\nexcerpt: a\x85\x07b\n---\n", (3, 12)),
    ],
)
def test_a_character_yaml_does_not_allow_is_named_at_its_line_and_column(
    text: str, where: tuple[int, int]
) -> None:
    record = loads(text)
    assert problems(record) == [(*where, "yaml/syntax")]
    assert record.problems[0].hint


class CountingList(list):  # type: ignore[type-arg]
    """A node's pairs that count how often they are walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        CountingList.walks += 1
        return super().__iter__()


def test_locating_many_keys_of_one_mapping_walks_it_once() -> None:
    from convert.loading.yaml_reader import read_yaml

    doc = read_yaml("".join(f"k{i}: {i}\n" for i in range(500)))
    assert doc.root is not None
    doc.root.value = CountingList(doc.root.value)
    CountingList.walks = 0
    for i in range(500):
        key, _value, found = doc.node_at(f"/k{i}")
        assert found == f"/k{i}" and key is not None and key.value == f"k{i}"
    assert CountingList.walks == 1


@pytest.mark.parametrize(
    ("text", "where"),
    [('{"title": "x", "a": }\nBody.\n', (1, 21)), ('{"title": "a\x07b"}\nBody.\n', (1, 13))],
)
def test_json_broken_on_its_one_line_is_a_syntax_finding_there(
    text: str, where: tuple[int, int]
) -> None:
    record = loads(text)
    assert problems(record) == [(*where, "json/syntax")]
    assert record.body == "Body.\n"


def test_json_left_open_over_many_lines_is_still_unclosed() -> None:
    assert problems(loads('{\n"title": "x",\n\nBody.\n')) == [(1, 1, "frontmatter/unclosed")]
