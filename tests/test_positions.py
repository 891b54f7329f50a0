"""Every finding points at the right line and column."""

from __future__ import annotations

from convert import loads, validate

TEXT = """---
title: T
publishedDateTime: 2020-02-20T20:00:00Z
webUrl: "https://example.com/a"
excerpt: E
provider:
  name: P
  domian: p.example.com
  images:
    - url: /logo.png
      width: wide
topics: [X, 5]
images:
  - {url: /a.jpg}
  - width: 3
locale: NO
---
"""


def positions() -> dict[tuple[str, str], tuple[int | None, int | None]]:
    return {(d.rule, d.pointer): (d.line, d.column) for d in validate(loads(TEXT))}


def test_nested_value_in_a_list_item() -> None:
    assert positions()[("schema/type", "/provider/images/0/width")] == (11, 14)


def test_flow_list_item() -> None:
    assert positions()[("schema/type", "/topics/1")] == (12, 13)


def test_missing_field_points_at_its_parent_mapping() -> None:
    assert positions()[("schema/required", "/images/1")] == (15, 5)


def test_missing_top_level_field_points_at_the_opening_fence() -> None:
    record = loads("\n".join(["---", "title: T", "---", ""]))
    found = {(d.rule, d.message): (d.line, d.column) for d in validate(record)}
    assert found[("schema/required", 'missing required field "publishedDateTime"')] == (1, 1)


def test_unknown_key_points_at_the_key() -> None:
    assert positions()[("frontmatter/unknown-key", "/provider/domian")] == (8, 3)


def test_yaml_surprise_points_at_the_value_with_a_quoting_hint() -> None:
    (finding,) = [d for d in validate(loads(TEXT)) if d.pointer == "/locale"]
    assert (finding.line, finding.column) == (16, 9)
    assert 'quote it: "NO"' in finding.hint


def test_positions_shift_with_a_leading_blank_line_in_the_front_matter() -> None:
    record = loads("---\n\ntitle: 5\n---\n")
    (finding,) = [d for d in validate(record) if d.rule == "schema/type"]
    assert (finding.line, finding.column) == (3, 8)


def test_yaml_1_1_surprises_get_a_quoting_hint_when_a_string_was_wanted() -> None:
    cases = {
        "yes": "a boolean",
        "on": "a boolean",
        "NO": "a boolean",
        "010": "an integer",
        "1:20": "an integer",
        "1.10": "a number",
        "~": None,
    }
    for written, kind in cases.items():
        record = loads(f"---\ntitle: {written}\n---\n")
        (finding,) = [d for d in validate(record) if d.pointer == "/title"]
        assert finding.rule == "schema/type"
        if kind is None:  # null is not a YAML 1.1 surprise: no quoting advice
            assert finding.hint == ""
        else:
            assert finding.hint == f'YAML reads the unquoted value as {kind}; quote it: "{written}"'


def test_no_hint_when_the_value_was_quoted_or_a_string_was_not_wanted() -> None:
    record = loads('---\ntitle: T\nquality: "NO"\nheat: yes\n---\n')
    hints = {d.pointer: d.hint for d in validate(record)}
    assert hints["/quality"] == "" and hints["/heat"] == ""
