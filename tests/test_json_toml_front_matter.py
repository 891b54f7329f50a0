"""JSON and TOML front matter: duplicate keys, one-line JSON, and positions like YAML's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert import loads, validate
from convert.loading.json_front import JsonLocator
from convert.pointer import escape_token
from tests.scaling import FACTOR, assert_linear


def problems(text: str) -> list[tuple[int | None, int | None, str, str]]:
    return [(p.line, p.column, p.rule, p.message) for p in loads(text).problems]


def schema_positions(text: str) -> dict[str, tuple[int | None, int | None]]:
    return {
        d.pointer: (d.line, d.column)
        for d in validate(loads(text, path="r.md"))
        if d.rule in ("schema/type", "schema/format")
    }


def test_json_duplicate_keys_name_both_lines() -> None:
    text = '{\n  "title": "a",\n  "provider": {"name": "x",\n    "name": "y"},\n  "title": "b"\n}\n'
    record = loads(text)
    assert record.meta == {"title": "b", "provider": {"name": "y"}}
    assert problems(text) == [
        (
            4,
            5,
            "json/duplicate-key",
            'duplicate key "name": first on line 3, again on line 4; the last value is used',
        ),
        (
            5,
            3,
            "json/duplicate-key",
            'duplicate key "title": first on line 2, again on line 5; the last value is used',
        ),
    ]
    assert [p.pointer for p in record.problems] == ["/provider/name", "/title"]


@pytest.mark.parametrize(
    ("text", "body", "body_line"),
    [
        ('{"title": "x"}\nThe body.\n', "The body.\n", 2),
        ('{"title": "x"}   \n\nThe body.\n', "\nThe body.\n", 2),
        ('{"title": "x"}', "", 1),
        ('{"title": "x",\n "n": 1}\nThe body.\n', "The body.\n", 3),
    ],
)
def test_json_front_matter_on_one_line_is_front_matter(
    text: str, body: str, body_line: int
) -> None:
    record = loads(text)
    assert record.source.front_matter == "json"
    assert record.meta["title"] == "x"
    assert (record.body, record.source.body_line) == (body, body_line)


@pytest.mark.parametrize("text", ["{{ page.title }}\n", "{% include x.html %}\n", "{x}\n"])
def test_liquid_and_other_braces_are_not_json_front_matter(text: str) -> None:
    record = loads(text)
    assert record.source.front_matter is None and record.body == text


def test_json_schema_findings_point_at_the_value() -> None:
    text = (
        '{\n  "title": "a",\n  "publishedDateTime": "2020-02-20 20:00:00Z",\n'
        '  "webUrl": 5,\n  "images": [{"url": "/a"}, {"url": "/b", "width": "w"}]\n}\n'
    )
    assert schema_positions(text) == {
        "/publishedDateTime": (3, 24),
        "/webUrl": (4, 13),
        "/images/1/width": (5, 52),
    }


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


def pointers(value: object, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = [(prefix, value)]
    if isinstance(value, dict):
        for key, child in value.items():
            found += pointers(child, f"{prefix}/{escape_token(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += pointers(child, f"{prefix}/{index}")
    return found


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=4), JSON_VALUES, max_size=4), st.sampled_from([None, 1, 2]))
def test_every_json_value_is_located_where_it_is_written(
    doc: dict[str, object], indent: int | None
) -> None:
    text = json.dumps(doc, indent=indent)
    lines = text.split("\n")
    locate = JsonLocator(text, 1)
    decoder = json.JSONDecoder()
    for pointer, value in pointers(doc):
        position = locate(pointer)
        assert position is not None
        line, column = position
        offset = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
        assert decoder.raw_decode(text, offset)[0] == value


def test_toml_syntax_errors_count_lines_from_the_file() -> None:
    text = '+++\ntitle = "a"\n\nexcerpt = \n+++\nbody\n'
    assert problems(text) == [(4, 11, "toml/syntax", "TOML syntax error: Invalid value")]
    assert problems('+++\na = "x"\nb = "unterminated\n+++\n')[0][:2] == (3, 18)


MULTILINE_TABLE = (
    '+++\ntitle = "Zola post"\n[extra]\ncover = {\n  image = "cover.png",\n  alt = "A cover",\n}\n'
    "+++\nBody.\n"
)


def test_toml_11_front_matter_is_read_where_tomli_is_installed() -> None:
    # An inline table over several lines is TOML 1.1, which Zola reads; tomllib is TOML 1.0.
    pytest.importorskip("tomli", minversion="2.5")
    record = loads(MULTILINE_TABLE)
    assert record.problems == ()
    assert record.meta["extra"]["cover"] == {"image": "cover.png", "alt": "A cover"}


def test_without_tomli_toml_11_front_matter_is_an_error_that_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tomli", None)  # as if not installed
    (problem,) = loads(MULTILINE_TABLE).problems
    assert (problem.rule, problem.line) == ("toml/syntax", 4)
    assert "tomli>=2.5" in problem.hint


TOML = '''+++
title = "a"
x = [
  1,
  2,
]
desc = """
webUrl = 3
"""
publishedDateTime = 2020-02-20
webUrl = 5
[provider]
name = 3
[[images]]
url = 4
[[images]]
url = "/a"
"width" = "w"
+++
body
'''


def test_toml_schema_findings_point_at_the_key_line() -> None:
    assert schema_positions(TOML) == {
        "/publishedDateTime": (10, 21),
        "/webUrl": (11, 10),
        "/provider/name": (13, 8),
        "/images/0/url": (15, 7),
        "/images/1/width": (18, 11),
    }


def test_toml_key_positions_and_missing_fields_use_the_fence() -> None:
    record = loads(TOML)
    assert record.source.locate("/images/1/width", key=True) == (18, 1)
    assert record.source.locate("/provider") == (12, 1)
    assert record.source.locate("/nothing/here") == (1, 1)
    assert record.source.locate("") == (1, 1)


@pytest.mark.parametrize(
    ("text", "rule", "position"),
    [
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\nbody\n", "json/too-deep", (1, 70)),
        ('{\n"a": ' + "[" * 100_000 + "]" * 100_000 + "\n}\nbody\n", "json/too-deep", (2, 69)),
        ("+++\na = " + "[" * 100_000 + "]" * 100_000 + "\n+++\nbody\n", "toml/too-deep", (2, 69)),
        (
            '+++\nx = "[[[["\na = ' + "{b=" * 3000 + "1" + "}" * 3000 + "\n+++\nbody\n",
            "toml/too-deep",
            (3, 197),
        ),
    ],
)
def test_deep_nesting_is_a_finding_not_a_recursion_error(
    text: str, rule: str, position: tuple[int, int]
) -> None:
    record = loads(text)
    assert problems(text) == [(*position, rule, "front matter is nested more than 64 levels deep")]
    assert record.body == "body\n" and not record.intact


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # tomli reads 1,000 parts of a dotted key and refuses more with a RecursionError.
        ('+++\ntitle = "x"\n' + "a." * 3000 + "b = 1\n+++\nbody\n", (3, 1)),
        ("+++\n[" + "a." * 3000 + "b]\nc = 1\n+++\nbody\n", (2, 1)),
        ("+++\nx = {" + "a." * 3000 + "b = 1}\n+++\nbody\n", (2, 1)),
        # Fewer parts are read, into tables nested as deep as the key is long.
        ('+++\ntitle = "x"\n' + "a." * 900 + "b = 1\n+++\nbody\n", (3, 1)),
        ("+++\n[" + "a." * 900 + "b]\nc = 1\n+++\nbody\n", (2, 1)),
        # Nesting by tables and by brackets, neither past the limit alone.
        ("+++\n[" + "a." * 40 + "b]\nc = " + "[" * 40 + "]" * 40 + "\n+++\nbody\n", (2, 1)),
    ],
)
def test_toml_nesting_by_dotted_keys_is_a_finding_not_a_recursion_error(
    text: str, position: tuple[int, int]
) -> None:
    record = loads(text)
    assert problems(text) == [
        (*position, "toml/too-deep", "front matter is nested more than 64 levels deep")
    ]
    assert record.body == "body\n" and not record.intact and record.meta == {}


def test_toml_dotted_keys_within_the_limit_are_read() -> None:
    text = "+++\n" + "a." * 60 + "b = 1\n+++\n"
    record = loads(text)
    assert problems(text) == [] and record.intact


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"a": "' + "[" * 100 + '"}\nbody\n'
    assert loads(text).meta == {"a": "[" * 100} and problems(text) == []
    toml = "+++\na = '" + "{" * 100 + "'\n# " + "[" * 100 + "\n+++\n"
    assert loads(toml).meta == {"a": "{" * 100} and problems(toml) == []


def test_a_tomli_older_than_2_5_is_not_taken_for_toml_11(monkeypatch: pytest.MonkeyPatch) -> None:
    # tomli before 2.5 reads TOML 1.0 only, as tomllib does: the hint still says what to install.
    import sys
    import tomllib
    from types import SimpleNamespace

    from convert.loading.toml_front import toml_reader

    monkeypatch.setitem(sys.modules, "tomli", SimpleNamespace(__version__="2.0.1"))
    assert toml_reader() is tomllib
    assert "tomli>=2.5" in loads(MULTILINE_TABLE).problems[0].hint


def test_a_table_header_of_very_many_parts_is_placed_in_linear_time(tmp_path: Path) -> None:
    # A hang guard, not a speed figure: placing the header made a tuple of every prefix of
    # its parts, and 160,000 parts took 44 s. 8 times the parts must cost about 8 times.
    def record(parts: int) -> str:
        path = tmp_path / f"deep-{parts}.md"
        path.write_text("+++\n[" + ".".join(["k"] * parts) + "]\nx = 1\n+++\nbody\n")
        return str(path)

    def placed(path: str) -> None:
        found = [d for d in validate(path) if d.rule == "toml/too-deep"]
        assert [(d.line, d.column) for d in found] == [(2, 1)]

    assert_linear(placed, record, 40_000 // FACTOR)
