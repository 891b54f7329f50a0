"""Feed HTML that Markdown cannot say as written: inline elements around blocks, and task
lists' check boxes."""

from __future__ import annotations

from convert.content import article_html
from convert.importers.bodies import html_to_markdown
from convert.importers.preparing import prepare_html


def test_a_strike_around_a_list_strikes_each_item() -> None:
    # Eleventy strikes a finished list through with <s> around the whole <ul>.
    markdown = html_to_markdown(
        "<p>Done:</p><s>\n<ul>\n<li>tidy up</li>\n<li>ship</li>\n</ul>\n</s>"
    )
    assert markdown == "Done:\n\n- ~~tidy up~~\n- ~~ship~~"
    shown = article_html(markdown, "markdown", None)
    assert "<li><del>tidy up</del></li>" in shown and "<li><del>ship</del></li>" in shown


def test_emphasis_around_paragraphs_and_loose_text_stays_on_each() -> None:
    markdown = html_to_markdown(
        "<strong><p>One</p>between<p>Two <em>and</em> more</p></strong><em>after</em>"
    )
    assert markdown == "**One**\n\n**between**\n\n**Two *and* more**\n\n*after*"


def test_nested_wrappers_and_code_blocks() -> None:
    markdown = html_to_markdown(
        "<em><s><ol><li>first</li></ol></s><pre><code>x = 1</code></pre></em>"
    )
    assert markdown.startswith("1. ~~*first*~~") or markdown.startswith("1. *~~first~~*")
    assert "```\nx = 1\n```" in markdown


def test_task_list_check_boxes_keep_their_state() -> None:
    markdown = html_to_markdown(
        '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled '
        'checked> Write the draft</li><li><input type="checkbox" disabled> Send it</li>'
        '<li><p><input type="checkbox" checked="checked"> Loose item</p></li></ul>'
    )
    assert markdown.splitlines()[:2] == ["- [x] Write the draft", "- [ ] Send it"]
    assert "- [x] Loose item" in markdown


def test_a_struck_through_task_keeps_its_box_first() -> None:
    markdown = html_to_markdown('<s><ul><li><input type="checkbox"> Maybe later</li></ul></s>')
    assert markdown == "- [ ] ~~Maybe later~~"


def test_a_check_box_outside_a_list_item_is_text() -> None:
    markdown = html_to_markdown('<p>Agree <input type="checkbox" checked> to [terms]</p>')
    assert markdown == "Agree \\[x] to \\[terms]"


def test_html_bodies_are_not_reshaped() -> None:
    # --body html keeps the markup as written (browsers show <s> around a list well).
    html = '<s><ul><li><input type="checkbox"> a</li></ul></s>'
    assert prepare_html(html) == html


def test_images_in_table_cells_and_headings_stay_images() -> None:
    # Old layout tables put a post's icons and pictures in cells; markdownify wrote each as
    # its alt text (or nothing), and the image was gone from the record.
    markdown = html_to_markdown(
        '<table><tr><td><a href="https://x.example/big.gif"><img src="https://x.example/a|b.gif"'
        ' alt="Notice"></a></td><td>Open day</td></tr></table>'
        '<h2><img src="https://x.example/logo.png" alt="">Our news</h2>'
    )
    shown = article_html(markdown, "markdown", None)
    assert '<td><a href="https://x.example/big.gif"' in shown
    assert 'src="https://x.example/a%7Cb.gif" alt="Notice"' in shown
    assert '<h2><img src="https://x.example/logo.png" alt="">Our news</h2>' in shown
    assert "<td>Open day</td>" in shown


def test_emphasis_that_markdown_cannot_delimit_is_written_as_html() -> None:
    # "**...)**d3": a closing run after punctuation and before a letter closes nothing in
    # CommonMark, and the reader saw the asterisks. Such emphasis is written as HTML.
    markdown = html_to_markdown(
        '<p><strong>Zoom <a href="https://x.example/">(map)</a></strong>d3 is nice, '
        "x<em>(so)</em> and <s>gone.</s>Next, <strong>fine</strong>.</p>"
    )
    shown = article_html(markdown, "markdown", None)
    assert "<strong>Zoom <a" in shown and "</a></strong>d3" in shown
    assert "x<em>(so)</em>" in shown and "<del>gone.</del>Next" in shown
    assert "**fine**." in markdown and "*" not in shown


def test_a_code_block_holding_a_fence_gets_a_longer_fence() -> None:
    # A post about Markdown shows fenced code inside its code block.
    markdown = html_to_markdown(
        '<pre><code class="language-markdown">Write:\n```python\nx = 1\n```\n</code></pre>'
    )
    assert markdown.startswith("````markdown\nWrite:\n```python") and markdown.endswith("````")
    shown = article_html(markdown, "markdown", None)
    assert shown.count("<pre>") == 1 and "```python\nx = 1\n```" in shown


def test_a_pipe_in_code_in_a_table_cell_stays_in_its_cell() -> None:
    markdown = html_to_markdown(
        "<table><tr><th>Shell</th><th>Does</th></tr>"
        "<tr><td><code>ls | wc -l</code></td><td>counts</td></tr></table>"
    )
    assert "| `ls \\| wc -l` | counts |" in markdown
    shown = article_html(markdown, "markdown", None)
    assert "<td><code>ls | wc -l</code></td><td>counts</td>" in shown


def test_superscripts_and_subscripts_stay() -> None:
    # WordPress footnote references are <sup><a>; formulas use <sub>.
    markdown = html_to_markdown(
        '<p>H<sub>2</sub>O is wet<sup><a href="https://x.example/#n1">1</a></sup></p>'
    )
    shown = article_html(markdown, "markdown", None)
    assert "H<sub>2</sub>O" in shown and '<sup><a href="https://x.example/#n1"' in shown
