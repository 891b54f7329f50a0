"""HTML content as Markdown (escaped markup stays text, code keeps its language) or as
sanitised HTML; excerpts as plain text."""

from __future__ import annotations

import re

import pytest

from convert.content.sanitise import sanitise_html
from convert.importers.bodies import escape_markup, html_to_markdown, html_to_text
from tests.scaling import FACTOR, assert_linear


def test_escaped_markup_stays_text_in_markdown() -> None:
    markdown = html_to_markdown(
        "<p>Never write &lt;script&gt;alert(1)&lt;/script&gt; "
        "or &lt;img src=x onerror=alert(1)&gt;</p>"
    )
    assert re.search(r"(?<!\\)<", markdown) is None  # every "<" is escaped: no tag opens
    assert "\\<script\\>" in markdown and "\\<img" in markdown


def test_live_scripts_and_handlers_are_removed() -> None:
    markdown = html_to_markdown(
        '<p onclick="x()">Hi</p><script>steal()</script>'
        '<a href="javascript:steal()">link</a><style>p{}</style>'
    )
    assert "steal" not in markdown and "onclick" not in markdown and "p{}" not in markdown
    assert "Hi" in markdown and "link" in markdown


def test_markdown_syntax_in_text_is_escaped() -> None:
    markdown = html_to_markdown("<p>*not emphasis* and _not_ [a link](x)</p>")
    assert "\\*not emphasis\\*" in markdown and "\\_not\\_" in markdown


def test_code_blocks_keep_their_language() -> None:
    cases = {
        '<pre><code class="language-python">x = 1 &lt; 2</code></pre>': "```python\nx = 1 < 2\n```",
        '<pre class="lang-js"><code>let a</code></pre>': "```js\nlet a\n```",
        '<div class="highlight-source-go"><pre>fmt.Println()</pre></div>': "```go\nfmt.Println()",
        '<pre lang="rust">fn main() {}</pre>': "```rust\nfn main() {}",
        "<pre><code>plain</code></pre>": "```\nplain\n```",
    }
    for html, fenced in cases.items():
        assert fenced in html_to_markdown(html), html


def test_structure_survives() -> None:
    markdown = html_to_markdown(
        "<h2>Part</h2><ul><li>one</li><li>two</li></ul>"
        '<p><a href="https://ex.com/">site</a> <strong>bold</strong></p>'
    )
    assert "## Part" in markdown and "- one\n- two" in markdown
    assert "[site](https://ex.com/)" in markdown and "**bold**" in markdown


def test_sanitised_html_keeps_structure_and_code_classes() -> None:
    html = sanitise_html(
        '<h2 onclick="x">T</h2><iframe src="https://e.com"></iframe>'
        '<pre><code class="language-py">x</code></pre>'
        '<img src="https://e.com/i.png" width="10" onerror="x">',
        None,
    )
    assert "<h2>T</h2>" in html and "iframe" not in html and "onerror" not in html
    assert 'class="language-py"' in html and 'width="10"' in html


def test_excerpts_are_plain_text() -> None:
    assert html_to_text("AT&amp;T &lt;3 you") == "AT&T <3 you"
    assert html_to_text("<p>One <b>two</b></p><p>three</p>") == "One two three"
    assert html_to_text("line one\nline two") == "line one\nline two"
    assert html_to_text("<p>x</p><script>bad()</script>") == "x"


def test_excerpt_text_runs_on_across_inline_markup() -> None:
    # As shown: no space where the markup had none, one where a block or cell ends.
    html = (
        'Returned as a <a href="https://ex.com/">morning star</a>. <b>W</b>ord, '
        "<em>it</em>'s<br>next<p>para</p>tail<table><tr><td>a</td><td>b</td></tr></table>"
    )
    assert html_to_text(html) == "Returned as a morning star. Word, it's next para tail a b"


def test_a_title_element_in_html_is_not_excerpt_text() -> None:
    # Descriptions that paste a page's <title> above its text show only the text.
    html = "<title>Venus and the Moon</title>\n<a href='https://ex.com/'>Venus</a> returned."
    assert html_to_text(html) == "Venus returned."


def test_plain_text_bodies_cannot_open_tags() -> None:
    assert escape_markup("<p>1 < 2 &amp; 3</p>") == "\\<p>1 < 2 \\&amp; 3\\</p>"


def test_an_image_without_an_address_left_is_its_alt_text() -> None:
    # A site-relative image in a feed that never states its site (read from a file): the
    # address cannot be made absolute, so the image is its description, not "![...]()".
    html = (
        '<p>Before</p><figure><a href="/media/big.png"><img src="/media/small.png" alt=""></a>'
        '</figure><p>See <img src="/media/chart.png" alt="Chart *2024*"> here</p>'
    )
    markdown = html_to_markdown(html, None)
    assert "](" not in markdown and "![" not in markdown
    assert markdown == "Before\n\nSee Chart \\*2024\\* here"
    joined = html_to_markdown(html, "https://site.example/post/")
    # The alt text is escaped as text is: unescaped, "*2024*" would be emphasis in the
    # image's description, and the rendered alt would read "Chart 2024".
    assert "![Chart \\*2024\\*](https://site.example/media/chart.png)" in joined
    assert "[![](https://site.example/media/small.png)](https://site.example/media/big.png)" in (
        joined
    )


# Highlighters that number lines put the numbers and the code in two cells of a table: Rouge
# (Jekyll's `linenos`), Chroma (Hugo's `lineNos = "table"`) and Pygments (Pelican, Octopress).
_NUMBERED_CODE = {
    "rouge": (
        '<div class="language-ruby highlighter-rouge"><div class="highlight">'
        '<pre class="highlight"><code><table class="rouge-table"><tbody><tr>'
        '<td class="rouge-gutter gl"><pre class="lineno">1\n2\n</pre></td>'
        '<td class="rouge-code"><pre><span class="k">def</span> <span class="nf">greet</span>\n'
        '<span class="k">end</span>\n</pre></td></tr></tbody></table></code></pre></div></div>',
        "```ruby\ndef greet\nend\n```",
    ),
    "chroma": (
        '<div class="highlight"><div class="chroma"><table class="lntable"><tr>'
        '<td class="lntd"><pre tabindex="0" class="chroma"><code><span class="lnt">1\n</span>'
        '<span class="lnt">2\n</span></code></pre></td><td class="lntd">'
        '<pre tabindex="0" class="chroma"><code class="language-go" data-lang="go">'
        '<span class="line"><span class="cl">func main() {\n</span></span>'
        '<span class="line"><span class="cl">}\n</span></span></code></pre></td></tr></table>'
        "</div></div>",
        "```go\nfunc main() {\n}\n```",
    ),
    "pygments": (
        '<div class="highlight"><table class="highlighttable"><tr><td class="linenos">'
        '<div class="linenodiv"><pre>1\n2</pre></div></td><td class="code">'
        '<div class="highlight"><pre><span class="k">print</span>(1)\n<span class="k">pass</span>'
        "\n</pre></div></td></tr></table></div>",
        "```\nprint(1)\npass\n```",
    ),
    "octopress": (
        "<figure class='code'><figcaption><span>hello.rb</span></figcaption>"
        '<div class="highlight"><table><tr><td class="gutter"><pre class="line-numbers">'
        "<span class='line-number'>1</span>\n<span class='line-number'>2</span>\n</pre></td>"
        "<td class='code'><pre><code class='ruby'><span class='line'>puts 1\n</span>"
        "<span class='line'>puts 2</span></code></pre></td></tr></table></div></figure>",
        "```ruby\nputs 1\nputs 2\n```",
    ),
    "hexo": (
        '<figure class="highlight js"><table><tr><td class="gutter"><pre>'
        '<span class="line">1</span><br><span class="line">2</span><br></pre></td>'
        '<td class="code"><pre><span class="line">let a = 1;</span><br>'
        '<span class="line"><span class="keyword">if</span> (a &lt; 2) &#123;&#125;</span><br>'
        "</pre></td></tr></table></figure>",
        "```js\nlet a = 1;\nif (a < 2) {}\n```",
    ),
}


@pytest.mark.parametrize("name", sorted(_NUMBERED_CODE))
def test_line_numbered_code_is_one_code_block(name: str) -> None:
    html, fenced = _NUMBERED_CODE[name]
    markdown = html_to_markdown(html)
    assert fenced in markdown
    assert "|" not in markdown  # no Markdown table of numbers and code on one line


def test_code_language_from_the_highlighters_wrappers_and_data_lang() -> None:
    cases = {
        # Rouge, as jekyll-feed publishes every highlighted block: the language is two levels up.
        '<div class="language-python highlighter-rouge"><div class="highlight">'
        '<pre class="highlight"><code><span class="n">x</span> = 1\n</code></pre></div></div>': (
            "```python\nx = 1\n```"
        ),
        # Zola without a highlighting theme: only data-lang names it.
        '<pre><code data-lang="json">{"id": 1}\n</code></pre>': '```json\n{"id": 1}\n```',
        '<pre data-lang="toml"><code>a = 1\n</code></pre>': "```toml\na = 1\n```",
    }
    for html, fenced in cases.items():
        assert fenced in html_to_markdown(html), html


def test_a_table_of_numbers_and_prose_stays_a_table() -> None:
    markdown = html_to_markdown(
        "<table><tr><td>1</td><td>Apples</td></tr><tr><td>2</td><td>Pears</td></tr></table>"
    )
    assert "| 1 | Apples |" in markdown


def test_line_breaks_inside_code_are_newlines_not_markdown_breaks() -> None:
    # Eleventy's Prism plugin ends each highlighted line with <br />: inside a fence, the
    # Markdown hard break (two trailing spaces) would be literal spaces in the code.
    markdown = html_to_markdown(
        '<pre class="language-json"><code class="language-json"><span class="p">{</span>'
        '<br />\t<span class="s">"a"</span>: 1<br /><span class="p">}</span></code></pre>'
    )
    assert '```json\n{\n\t"a": 1\n}\n```' in markdown


def test_one_pixel_beacons_are_left_out() -> None:
    # Medium, WordPress.com and FeedBurner end every item with a 1x1 tracking image; as a
    # Markdown image it is an address readers fetch, and a broken picture where shown.
    markdown = html_to_markdown(
        '<p>Story.</p><img src="https://medium.com/_/stat?event=post.clientViewed&amp;postId=1"'
        ' width="1" height="1" alt="">'
        '<img alt="" border="0" src="https://pixel.wp.com/b.gif?host=x&amp;blog=1" width="1"'
        ' height="1" /><img src="http://feeds.feedburner.com/~r/x/~4/abc" height="1px"'
        ' width="1px" alt=""/><p><img src="https://cdn.example/chart.png" width="1" alt="Chart">'
        "</p>"
    )
    assert markdown == "Story.\n\n![Chart](https://cdn.example/chart.png)"


def test_a_long_gutter_that_is_not_all_numbers_is_read_in_linear_time() -> None:
    # A hang guard, not a speed figure: the gutter's pattern had retried every split of a
    # run of digits and spaces, 6.5 s for a 38 kB gutter ending in a letter. 8 times the
    # lines must cost about 8 times, not 64.
    def page(lines: int) -> str:
        gutter = "\n".join(str(n) for n in range(1, lines)) + "\nx"
        return f"<table><tr><td><pre>{gutter}</pre></td><td><pre>code</pre></td></tr></table>"

    assert_linear(html_to_markdown, page, 20_000 // FACTOR)


def test_a_control_character_in_a_block_is_no_crash() -> None:
    """Found by the damaged-feeds property test: lxml keeps a control character the HTML
    parser read, then refuses it when the block's text is set apart with a space."""
    assert html_to_text("<p>a\x01b</p><div>c&#1;d</div>") == "ab cd"
