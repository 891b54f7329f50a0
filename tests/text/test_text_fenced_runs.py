"""Fenced code blocks, read once for every pass that treats code apart (template tags' code
spans, Zola's link targets, kramdown's lists): each pass sees the same code."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert.text.kramdown import without_kramdown_markup
from convert.text.markdown_code import fenced_runs
from convert.text.spans import without_template_tags, zola_targets


def runs(text: str, start: int = 0, *, any_break: bool = False) -> list[tuple[str, bool]]:
    return [(text[s:e], fenced) for s, e, fenced in fenced_runs(text, start, any_break=any_break)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prose\n", [("prose\n", False)]),
        ("a\n```py\nx\n```\nb\n", [("a\n", False), ("```py\nx\n```\n", True), ("b\n", False)]),
        ("~~~\n```\n~~~\n", [("~~~\n```\n~~~\n", True)]),  # closed by its own kind
        ("````\n```\n````\n", [("````\n```\n````\n", True)]),  # by a fence as long at least
        ("   ```\nx\n```\n", [("   ```\nx\n```\n", True)]),  # three spaces indent
        ("    ```\nx\n", [("    ```\nx\n", False)]),  # four make indented code
        ("``\nx\n", [("``\nx\n", False)]),  # two backticks open nothing
        ("a\n```\nnever closed\n", [("a\n", False), ("```\nnever closed\n", True)]),
        ("```\n```\n```\n```\n", [("```\n```\n", True), ("```\n```\n", True)]),
        ("", []),
    ],
)
def test_fences_open_and_close_as_commonmark_reads_them(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert runs(text) == expected


def test_a_line_ends_at_any_break_only_where_asked() -> None:
    text = "a\u2028```\nx\n"  # LINE SEPARATOR: a break to str.splitlines, not to Markdown
    assert runs(text) == [(text, False)]
    assert runs(text, any_break=True) == [("a\u2028", False), ("```\nx\n", True)]


def test_runs_start_again_at_a_line_start() -> None:
    text = "```\n<div>\n```\nafter\n"
    assert runs(text, text.index("<div>")) == [("<div>\n", False), ("```\nafter\n", True)]


_PIECES = ["```", "~~~~", "`", " ", "\n", "\r\n", "\u2028", "x"]


@given(st.lists(st.sampled_from(_PIECES)).map("".join))
def test_runs_cover_the_text_in_order(text: str) -> None:
    for any_break in (False, True):
        found = list(fenced_runs(text, any_break=any_break))
        assert "".join(text[s:e] for s, e, _ in found) == text
        assert all(s < e for s, e, _ in found)
        kinds = [fenced for _, _, fenced in found]
        assert all(a or b for a, b in pairwise(kinds))  # never two runs of prose in a row


def test_every_pass_takes_the_same_lines_for_code() -> None:
    """A ~~~ block that a ``` line does not close: code to each pass to its end."""
    page = "~~~\n```\n[a](@/a.md){: .x} `{{ page.title }}`\n~~~\n[b](@/b.md){: .y} `{{ x }}`\n"
    assert without_kramdown_markup(page) == page.replace("{: .y}", "")
    assert without_template_tags(page, "jekyll") == (
        "~~~\n```\n[a](@/a.md){: .x} ``\n~~~\n[b](@/b.md) \n"
    )
    assert [page[s:e] for s, e in zola_targets(page)] == ["@/b.md"]
