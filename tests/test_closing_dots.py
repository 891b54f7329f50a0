"""YAML front matter closed by YAML's document end marker ``...`` instead of ``---``.

Jekyll reads ``...`` as a closing fence; Hugo stops with "EOF looking for end YAML front matter
delimiter" and python-frontmatter finds no front matter. A record is meant to be read by all of
them, so the finding names the ``...`` line and says to write ``---``; ``artconv fix`` makes
that change.
"""

from __future__ import annotations

from convert import loads


def test_a_dots_line_is_named_as_the_closing_line_to_change() -> None:
    record = loads("---\ntitle: Dots\nlayout: post\n...\n\n# Body\n")
    [problem] = record.problems
    assert (problem.line, problem.column, problem.rule) == (4, 1, "frontmatter/unclosed")
    assert '"..."' in problem.message and "line 4" not in problem.message
    assert problem.hint == 'replace "..." with "---", or check a Jekyll site with --profile jekyll'
    assert not record.intact


def test_a_dots_line_followed_by_a_closing_fence_is_left_to_yaml() -> None:
    record = loads("---\ntitle: Dots\n...\nmore: 1\n---\nBody\n")
    assert [p.rule for p in record.problems] == ["yaml/syntax"]


def test_without_dots_the_unclosed_finding_is_unchanged() -> None:
    [problem] = loads("---\ntitle: a\n\nbody\n").problems
    assert (problem.line, problem.column, problem.message, problem.hint) == (
        1,
        1,
        "front matter opened here is never closed",
        'end it with a line holding only "---"',
    )
