"""Imported Markdown escapes only what Markdown would read as markup, and what was text in
the feed is text again when the record is rendered back to HTML."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.content import article_html
from convert.importers.bodies import html_to_markdown
from tests.scaling import FACTOR, assert_linear


def rendered_text(markdown: str) -> str:
    """The text a reader sees: rendered, tags dropped, references decoded."""
    shown = article_html(markdown, "markdown", "https://site.example/")
    return html.unescape(re.sub(r"<[^>]*>", " ", shown))


def test_plain_prose_keeps_its_punctuation_unescaped() -> None:
    prose = (
        "Pages 3-5 | A&amp;B, C = D + E, snake_case, 2 * 3, v1.2 &gt; v1.1, ~5 min, "
        "#hashtag, [sic and 4) done."
    )
    markdown = html_to_markdown(f"<p>{prose}</p>")
    assert markdown == (
        "Pages 3-5 | A&B, C = D + E, snake_case, 2 * 3, v1.2 > v1.1, ~5 min, "
        "#hashtag, \\[sic and 4) done."
    )


def test_what_would_start_a_block_at_a_line_start_is_escaped() -> None:
    paragraphs = ["- dash", "+ plus", "* star", "1. one", "2) two", "# hash", "&gt; quote"]
    html_in = "".join(f"<p>{p}</p>" for p in paragraphs) + "<p>under<br>===</p>"
    markdown = html_to_markdown(html_in)
    assert markdown.split("\n\n")[:7] == [
        "\\- dash",
        "\\+ plus",
        "\\* star",
        "1\\. one",
        "2\\) two",
        "\\# hash",
        "\\> quote",
    ]
    assert "\\===" in markdown
    shown = article_html(markdown, "markdown", None)
    assert not re.search(r"<(ul|ol|li|h\d|blockquote|hr)\b", shown), shown


def test_tags_references_links_and_emphasis_stay_text() -> None:
    markdown = html_to_markdown(
        "<p>&lt;b&gt;bold&lt;/b&gt; &amp;copy; [a](https://x.example/) *em* _em_ "
        "&lt;https://x.example/&gt; `tick` \\*</p>"
    )
    assert "\\<b\\>bold\\</b\\>" in markdown and "\\&copy;" in markdown
    assert "\\[a](https://x.example/)" in markdown and "\\*em\\*" in markdown
    assert "\\_em\\_" in markdown and "\\<https:" in markdown and "\\`tick\\`" in markdown
    assert " ".join(rendered_text(markdown).split()) == (
        "<b>bold</b> &copy; [a](https://x.example/) *em* _em_ <https://x.example/> `tick` \\*"
    )


def test_brackets_in_link_text_and_alt_text_are_escaped() -> None:
    markdown = html_to_markdown(
        '<p><a href="https://x.example/">see [1] here]</a> '
        '<img src="https://x.example/i.png" alt="Chart [v2] *final*"></p>'
    )
    assert "[see \\[1\\] here\\]](https://x.example/)" in markdown
    assert "![Chart \\[v2\\] \\*final\\*](https://x.example/i.png)" in markdown
    shown = article_html(markdown, "markdown", None)
    assert 'alt="Chart [v2] *final*"' in shown and ">see [1] here]</a>" in shown


def test_alt_text_written_as_text_in_a_cell_or_heading_is_escaped() -> None:
    # There markdownify writes an image as its alt text, which it did not escape: a live tag.
    markdown = html_to_markdown(
        "<h2>Logo <img src='https://x.example/l.png' alt='&lt;script&gt;alert(1)&lt;/script&gt;'>"
        "</h2><table><tr><td><img src='https://x.example/c.png' alt='&lt;img src=x "
        "onerror=alert(1)&gt;'></td></tr></table>"
    )
    assert re.search(r"(?<!\\)<", markdown) is None, markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown


def test_a_pipe_in_a_table_cell_is_escaped_and_one_in_prose_is_not() -> None:
    markdown = html_to_markdown(
        "<p>a | b</p><table><tr><th>k</th></tr><tr><td>x | y</td></tr></table>"
    )
    assert markdown.startswith("a | b\n") and "| x \\| y |" in markdown
    assert "<td>x | y</td>" in article_html(markdown, "markdown", None)


# Text made of what Markdown reads as markup, in every order: what the feed showed as text
# is shown as the same text after import and rendering.
_MARKUP_TEXT = st.text(
    alphabet=st.sampled_from(list("ab1 .-+*_#>|<&;[]()!`~\\=:/")), min_size=1, max_size=40
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKUP_TEXT, min_size=1, max_size=3))
def test_text_is_text_after_the_round_trip(lines: list[str]) -> None:
    source = "<br>".join(html.escape(line) for line in lines)
    markdown = html_to_markdown(f"<p>{source}</p>")
    shown = article_html(markdown, "markdown", None)
    assert not re.search(r"<(?!/?(p|br)\b)", shown), (markdown, shown)
    expected = " ".join(" ".join(lines).split())
    assert " ".join(rendered_text(markdown).split()) == expected, markdown


def test_a_list_number_split_across_elements_is_still_escaped() -> None:
    markdown = html_to_markdown("<p><span>1</span>. not a list, 3.5 and 2) neither</p>")
    assert markdown == "1\\. not a list, 3.5 and 2) neither"
    assert "<ol" not in article_html(markdown, "markdown", None)


def test_hostile_emphasis_runs_and_numbers_are_escaped_in_linear_time() -> None:
    # Hang guards, not speed figures: the task list pattern split a run of asterisks in
    # every way (nested emphasis 14 deep took 48 s), and each "." looked back over the
    # whole paragraph for a list number (80 kB of "1.1 " took 13 s). 8 times the depth, or
    # the numbers, must cost about 8 times, not 64 (nor the exponential of the depth).
    assert_linear(
        html_to_markdown,
        lambda depth: "<ul><li>" + "<em><strong>" * depth + "x" + "</strong></em>" * depth,
        40 // FACTOR,
    )
    assert_linear(html_to_markdown, lambda n: "<p>" + "1.1 " * n + "</p>", 20_000 // FACTOR)


def test_control_characters_and_noncharacters_in_the_html_are_no_crash_and_no_markup() -> None:
    """lxml refuses a control character when the blocks are rewritten (the whole import had
    ended); a noncharacter written as a reference had become the escaping's own mark, and
    the fully escaped form then left the link after it live."""
    for html_text in (
        "<pre><code>line one<br>line two\x0c</code></pre>",
        "<strong>a\x0bb<p>para</p></strong>",
        "<ul><li><input type=checkbox checked>\x01 done</li></ul>",
        "<p>c&#1;d &#x0c; e</p>",
        "<pre><code>a<br>b\uffff</code></pre>",
        "<pre><code>a<br>b&#xffff;</code></pre>",
        "<strong>a\ufffeb<p>para</p></strong>",
    ):
        html_to_markdown(html_text)
    for hostile in (
        "<p>see &#xFDD0;[here&#xFDD0;](https://evil.example/) now</p>",
        "<p>see &#64976;[here&#64976;](https://evil.example/) now</p>",
        "<p>&#xfdd0;*bold?&#xFDD0;* text &#xFDD1;</p>",
    ):
        shown = article_html(html_to_markdown(hostile), "markdown", None)
        assert "<a" not in shown and "<em" not in shown, shown
