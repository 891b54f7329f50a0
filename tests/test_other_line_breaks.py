"""NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR and a lone CR inside front matter are characters
of a line, as in every editor: findings after them keep their line, and fixes land on it."""

from __future__ import annotations

import pytest

from convert import loads, validate
from convert.fixes import fix
from convert.fixes.files import FileFix
from convert.loading.yaml_lines import counts_other_breaks
from convert.loading.yaml_reader import read_yaml

BREAKS = ["\x85", "\u2028", "\u2029", "\r"]


def record(inside: str, *lines: str) -> str:
    return "\n".join(
        [
            "---",
            f'title: "A{inside}B"',
            'excerpt: "E"',
            "publishedDateTime: 2020-02-20T20:00:00Z",
            'webUrl: "https://example.com/a"',
            *lines,
            "---",
            "Body.",
            "",
        ]
    )


def where(text: str) -> dict[str, tuple[int | None, int | None]]:
    return {d.rule: (d.line, d.column) for d in validate(loads(text))}


@pytest.mark.parametrize("inside", BREAKS)
def test_a_finding_after_the_character_keeps_its_line(inside: str) -> None:
    text = record(inside, "quality: high", "publishedDatetime: x")
    assert where(text)["schema/type"] == (6, 10)
    assert where(text)["frontmatter/unknown-key"] == (7, 1)


@pytest.mark.parametrize("inside", ["\u2028", "\u2029"])
def test_a_quoted_value_keeps_the_separator(inside: str) -> None:
    assert loads(record(inside)).meta["title"] == f"A{inside}B"


def test_the_column_counts_from_the_line_feed_not_from_the_character() -> None:
    text = record("", "topics: [News,\u2028 5]")
    assert where(text)["schema/type"] == (6, 17)


def test_a_duplicate_key_and_a_duplicate_anchor_name_their_own_lines() -> None:
    found = {
        (d.rule, d.line, d.message)
        for d in validate(loads(record("\u2028", "category: &x a", "category: &x b")))
    }
    message = 'anchor "x" is defined twice: first on line 6, again on line 7'
    assert ("yaml/syntax", 7, message) in found
    twice = read_yaml('a: "\u2028"\nb: 1\nb: 2\n').issues
    assert [(issue.rule, issue.line) for issue in twice] == [("yaml/duplicate-key", 2)]


def test_a_syntax_error_after_the_character_names_its_line() -> None:
    issues = read_yaml('a: "x\u2028y"\nb: [1\n').issues
    assert [(issue.rule, issue.line) for issue in issues] == [("yaml/syntax", 2)]


@pytest.mark.parametrize("inside", BREAKS)
def test_a_fix_after_the_character_edits_its_own_line(inside: str) -> None:
    text = record(inside, "published: yes")
    fixed, applied = fix(text, unsafe=True)
    assert [f.finding.rule for f in applied] == ["yaml/boolean-word"]
    assert fixed == text.replace("published: yes", "published: true")


def test_the_diff_splits_lines_at_line_feeds_only() -> None:
    before = record("\u2028", "published: yes").replace("excerpt", "published: no\nexcerpt")
    after = before.replace("published: yes", "published: true").replace(": no", ": false")
    diff = FileFix("post.md", before, after).diff()
    assert "No newline" not in diff
    assert '\n title: "A\u2028B"\n-published: no\n+published: false\n' in diff
    assert "\n-published: yes\n+published: true\n" in diff


def test_only_a_lone_carriage_return_counts_as_another_break() -> None:
    assert not counts_other_breaks("a: 1\r\nb: 2\n")
    assert all(counts_other_breaks(f"a: 1{mark}b: 2\n") for mark in BREAKS)
    assert counts_other_breaks("a: 1\r")


@pytest.mark.parametrize(
    ("inside", "name"),
    [
        ("\x85", "U+0085 NEXT LINE"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
        ("\r", "a carriage return"),
    ],
)
def test_an_unquoted_value_cut_by_the_character_gets_a_hint_naming_it(
    inside: str, name: str
) -> None:
    text = record("").replace('title: "AB"', f"title: Hello{inside}world")
    [found] = [d for d in validate(loads(text)) if d.rule == "yaml/syntax"]
    assert found.line == 3
    assert f"line 2, column 13 holds {name}" in found.hint
    assert "quote that value" in found.hint


def test_a_character_far_above_the_error_gets_no_hint() -> None:
    issues = read_yaml('a: "x\u2028y"\nb: 1\nc: 2\nd: [1\n').issues
    assert [(issue.rule, issue.hint) for issue in issues] == [("yaml/syntax", "")]
