"""Properties over arbitrary input: no markup, no control characters, idempotent, no crash."""

from __future__ import annotations

import re

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from convert.text import clean_text

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TAG = re.compile(r"</?(?:p|div|b|i|a|span|script|style|h1|li|ul)\b[^<>]*>", re.I)

words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="`[]()!"), max_size=40)
tags = st.sampled_from(["p", "div", "b", "i", "a", "span", "script", "style", "h1", "li", "ul"])


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(tags)
        parts.append(f"<{tag}>{draw(words)}</{tag}>" if draw(st.booleans()) else draw(words))
    return "".join(parts)


@st.composite
def markdown_soup(draw: st.DrawFn) -> str:
    pieces = st.sampled_from(
        ["# ", "**", "*", "_", "> ", "- ", "\n", "\n\n", "[a link](http://x.y)", "![pic](i.png)"]
    )
    return "".join(draw(st.one_of(pieces, words)) for _ in range(draw(st.integers(0, 20))))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_any_input_gives_clean_text(source: str | bytes) -> None:
    out = clean_text(source)
    assert not CONTROL.search(out.replace("\n", ""))
    assert "\n\n\n" not in out


@settings(max_examples=200, deadline=None)
@given(tag_soup())
def test_html_output_has_no_tags(markup: str) -> None:
    out = clean_text(markup, kind="html")
    assert not TAG.search(out)
    assert not CONTROL.search(out.replace("\n", ""))


@settings(max_examples=200, deadline=None)
@given(markdown_soup())
@example("Â\x80\x1b[a link](http://x.y)")  # mojibake, then ESC [ read as a terminal escape
@example("\\\x1f[a link](http://x.y)")  # a backslash before a control escapes nothing
def test_markdown_output_has_no_links_or_images(source: str) -> None:
    # A backslash before "[" or "!" escapes the link or image: its text is text (CommonMark).
    assume("\\[" not in source and "\\!" not in source)
    out = clean_text(source, kind="markdown")
    assert "http://x.y" not in out and "i.png" not in out
    if "pic" not in source.replace("![pic](i.png)", ""):  # random words may spell "pic"
        assert "pic" not in out
    assert "a link" in out or "[a link]" not in source


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), tag_soup(), markdown_soup()))
def test_cleaning_is_idempotent_on_its_own_output(source: str) -> None:
    once = clean_text(source, boilerplate=False)
    assert clean_text(once, kind="text", boilerplate=False) == once
