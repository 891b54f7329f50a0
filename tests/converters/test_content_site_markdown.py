"""Full-content feeds of site generators' Markdown: what the generator would have rendered."""

from __future__ import annotations

from convert.content import article_html, render_html
from tests.scaling import FACTOR, assert_linear


def test_template_tags_go_from_rendered_markdown_code_included() -> None:
    """A Jekyll, Hugo or Zola post's tags are replaced by the generator, in code as in text
    (Liquid and shortcodes run before Markdown); a subscriber should not read them as text.
    A post that quotes a tag in code writes it escaped ({% raw %}), and that stays."""
    body = (
        "Floods closed the bridge.\n\n"
        '{{< figure src="/img/bridge.jpg" caption="Old" >}}\n\n'
        '{% include image.html url="/a.png" %}\n\n'
        "{{% notice info %}}\nRoads are *shut*.\n{{% /notice %}}\n\n"
        "The {{ page.title }} story, with `{{ page.title }}` in code.\n\n"
        "```liquid\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n```\n\n"
        "```liquid\n{% raw %}{{ post.title }}{% endraw %}\n```\n"
    )
    html = render_html(body, "markdown", templates=True)
    for tag in ("{{<", "include", "notice", "{{ page.title }}", "for post"):
        assert tag not in html
    # Hugo's built-in figure is what Hugo shows (hugo 0.168), not a tag.
    assert '<figure><img src="/img/bridge.jpg" alt="Old">' in html
    assert "<p>Roads are <em>shut</em>.</p>" in html
    assert "<p>The  story, with  in code.</p>" in html
    assert '<code class="language-liquid">{{ post.title }}\n</code>' in html
    # Markdown that is no site's page (an imported post about Jinja) keeps its braces.
    jinja = "In Jinja write {{ user.name }} to print it."
    assert render_html(jinja, "markdown") == f"<p>{jinja}</p>\n"


def test_footnotes_are_rendered_as_footnotes() -> None:
    """kramdown and goldmark render footnotes; CommonMark alone left "[^1]" in the sentence
    and the note as a paragraph that began with its label."""
    html = article_html(
        "Floods rose[^1] again.\n\n[^1]: Figures from the river authority.\n",
        "markdown",
        "https://example.com/news/floods/",
    )
    assert "[^1]" not in html
    assert "<sup>" in html and "Figures from the river authority." in html


def test_unclosed_tags_and_code_spans_render_in_linear_time() -> None:
    # A hang guard, not a speed figure: every unclosed opener is one look ahead, not one scan
    # of the rest of the body, so 8 times the openers cost about 8 times, not 64.
    for unit in ("{{", "{%", "`{{ a }}", "{{ a }}\n"):
        assert_linear(
            lambda body: render_html(body, "markdown"),
            lambda n, unit=unit: unit * n,
            30_000 // FACTOR if len(unit) == 2 else 20_000 // FACTOR,
        )


def test_definition_lists_and_task_lists_render_as_the_generators_do() -> None:
    """kramdown and goldmark read "Term / : definition" as a definition list; task list boxes,
    which no sanitiser lets through as form controls, are shown as the marks they are."""
    html = article_html(
        "Flood level\n: 3.2 metres above normal.\n\n- [x] Close the bridge\n- [ ] Reopen it\n",
        "markdown",
        "https://example.com/news/floods/",
    )
    assert "<dt>Flood level</dt>" in html and "<dd>3.2 metres above normal.</dd>" in html
    assert "\u2611 Close the bridge" in html and "\u2610 Reopen it" in html
    assert "[x]" not in html and "<input" not in html
