"""Where each key of a settings file is written: the lines a configuration mistake names."""

from __future__ import annotations

import pickle
import tomllib

import pytest

from convert.config_places import DEEPEST, Written, dotted, key_lines, origin_of

DOCUMENT = """\
# a comment with = and [brackets]
jobs = 2   # workers
ignore = [
  "a",  # [feed]
  'b',
]
notes = \"\"\"several
[feed]
title = 3
\"\"\"
literal = '''x = 1
'''
"q.k" = 1
a.b . "c d" = {x = 1, y = [1,
 2], z = {w = "}"}}
[feed]
title = 'x'
[ converters . "json" ]
indent = 2
[[items]]
k = 1
[[items]]
k = 2
when = 1979-05-27 07:32:00Z
[rules]
"schema/recommended" = "off"
'\\u00e9' = "error"
"\\u00e9t\\u00e9" = "info"
[escapes]
one = "a \\" b = 1"
many = \"\"\"a \\\"\"\" b = 1
\\\"\"\"\"
last = 1
"""


def test_each_key_has_the_line_it_is_written_on() -> None:
    tomllib.loads(DOCUMENT)  # the reader meets valid TOML only
    lines = key_lines(DOCUMENT)
    expected = {
        ("jobs",): 2,
        ("ignore",): 3,
        ("notes",): 7,
        ("literal",): 11,
        ("q.k",): 13,
        ("a",): 14,
        ("a", "b", "c d"): 14,
        ("a", "b", "c d", "y"): 14,
        ("a", "b", "c d", "z", "w"): 15,  # after an array that spans lines
        ("feed",): 16,
        ("feed", "title"): 17,  # not the "title = 3" inside the string
        ("converters",): 18,
        ("converters", "json"): 18,
        ("converters", "json", "indent"): 19,
        ("rules", "schema/recommended"): 26,
        ("rules", "\\u00e9"): 27,  # a literal key keeps its backslash
        ("rules", "été"): 28,
        ("escapes", "one"): 30,
        ("escapes", "many"): 31,
        ("escapes", "last"): 33,  # the string's escaped quotes did not end it early
    }
    assert {path: lines.get(path) for path in expected} == expected


def test_a_key_written_twice_has_no_line() -> None:
    lines = key_lines(DOCUMENT)
    assert lines[("items",)] is None and lines[("items", "k")] is None
    assert lines[("items", "when")] == 24  # written once, in the second table


def test_text_the_reader_does_not_follow_gives_no_lines_rather_than_a_guess() -> None:
    assert key_lines('a = "unterminated\n') == {}
    assert key_lines("= 1\n") == {}


def test_keys_are_named_as_toml_writes_them() -> None:
    assert dotted(("feed", "base-url")) == "feed.base-url"
    assert dotted(("rules", "schema/recommended")) == 'rules."schema/recommended"'
    assert dotted(("rules", 'a"b\n')) == 'rules."a\\"b\\u000a"'


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_written_value_is_its_string_and_keeps_its_origin_through_pickling(
    protocol: int,
) -> None:
    value = Written("en", "artconv.toml:3: feed.language")
    assert value == "en" and hash(value) == hash("en") and f"{value!r}" == "'en'"
    copy = pickle.loads(pickle.dumps(value, protocol))
    assert copy == "en" and origin_of(copy) == "artconv.toml:3: feed.language"
    assert origin_of("en") is None and origin_of(value.upper()) is None


@pytest.mark.parametrize("depth", [1, 399, 5000])
def test_nesting_of_any_depth_is_read_past_without_recursion(depth: int) -> None:
    # One call per level had passed Python's recursion limit at a few hundred levels, which
    # tomllib reads.
    arrays = "[" * depth + "]" * depth
    tables = "{k = " * depth + "1" + "}" * depth
    text = f"a = {arrays}\nb = {tables}\nc = [{arrays}, {{d = 1}}]\n[t]\ne = 1\n"
    lines = key_lines(text)
    assert lines[("a",)] == 1 and lines[("b",)] == 2 and lines[("c",)] == 3
    assert lines[("c", "d")] == 3 and lines[("t", "e")] == 5
    assert lines[("b", "k")] == 2


def test_keys_deeper_than_any_setting_have_no_line_and_cost_no_more() -> None:
    deep = ("a",) * 40
    text = "x = " + "{a = " * 40 + "1" + "}" * 40 + f"\n[{'.'.join(deep)}]\nk = 1\n"
    lines = key_lines(text)
    assert lines[("x",) + ("a",) * (DEEPEST - 1)] == 1
    assert ("x",) + ("a",) * DEEPEST not in lines
    assert lines[deep[:DEEPEST]] == 2 and deep not in lines and (*deep, "k") not in lines
    assert max(len(path) for path in lines) == DEEPEST
