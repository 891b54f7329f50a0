"""Where each key of a settings file is written: the lines a configuration mistake names."""

from __future__ import annotations

import pickle
import tomllib

import pytest

from convert.config_places import Written, dotted, key_lines, origin_of

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
