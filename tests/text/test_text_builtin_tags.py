"""The generators' built-in tags that show something: highlight blocks, Hugo's figure and embeds.

What each generator shows was read from pages built with jekyll 4.3.1 (Liquid 5.4, kramdown
2.4, Rouge) and hugo 0.168: both render a highlight pair as a code block of the code as
written, Hugo a figure as ``<figure><img><figcaption>``, and its embeds as a frame (a link
here, since no feed shows a frame). Both refuse a page with a highlight never closed.
"""

from __future__ import annotations

import pytest

from convert.content import article_html, render_html
from convert.profiles import internal_links
from convert.profiles.base import MappedRecord
from convert.record import Source
from convert.text import clean_record
from convert.text.spans import without_template_tags

# The post `jekyll new` writes (jekyll 4.3.1).
WELCOME = (
    "You'll find this post in your `_posts` directory.\n\n"
    "{% highlight ruby %}\n"
    "def print_hi(name)\n"
    '  puts "Hi, #{name}"\n'
    "end\n"
    "#=> prints 'Hi, Tom' to STDOUT.\n"
    "{% endhighlight %}\n\n"
    "{% highlight python linenos %}\n# comment\nclass A:\n    def __init__(self): pass\n"
    "{% endhighlight %}\n"
)


def page(body: str, profile: str) -> MappedRecord:
    return MappedRecord({"title": "T"}, body, Source("p.md"), "markdown", profile=profile)


def test_a_jekyll_highlight_is_a_code_block_of_the_code_as_written() -> None:
    """jekyll 4.3.1 renders each pair as ``<figure class="highlight"><pre><code
    class="language-ruby">`` holding the code unchanged; read as Markdown, ``# comment``
    was a heading, ``#=>`` a heading too, ``__init__`` bold."""
    html = render_html(WELCOME, "markdown", templates="jekyll")
    assert (
        '<pre><code class="language-ruby">def print_hi(name)\n  puts "Hi, #{name}"\nend\n'
        "#=&gt; prints 'Hi, Tom' to STDOUT.\n</code></pre>"
    ) in html
    assert (
        '<pre><code class="language-python"># comment\nclass A:\n'
        "    def __init__(self): pass\n</code></pre>"
    ) in html
    assert "<h1>" not in html and "<strong>" not in html
    # The cleaned text keeps code as it keeps a fenced block's: its lines, markup and all.
    assert clean_record(page(WELCOME, "jekyll")).split("\n\n")[2:] == [
        "def print_hi(name) puts \"Hi, #{name}\" end #=> prints 'Hi, Tom' to STDOUT.",
        "# comment class A: def __init__(self): pass",
    ]


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # The language as Jekyll's class names it: lower case, "+" as "-".
        ("{% highlight C++ linenos %}\nint x;\n{% endhighlight %}\n", "```c--\nint x;\n```\n"),
        ("{%- highlight ruby -%}\nx\n{%- endhighlight -%}\n", "```ruby\nx\n```\n"),
        # A block in a paragraph parts it (jekyll: <p>A</p><figure>...</figure><p>b.</p>).
        ("A {% highlight js %}x = 1{% endhighlight %} b.\n", "A \n```js\nx = 1\n```\n b.\n"),
        # The fence is longer than any backtick run in the code, a raw block's too.
        (
            "{% highlight md %}\n```ruby\nx\n```\n{% raw %}````{% endraw %}\n{% endhighlight %}",
            "`````md\n```ruby\nx\n```\n````\n`````\n",
        ),
        # Liquid runs inside the block: a raw block shows as written, a tag goes.
        (
            "{% highlight liquid %}{% raw %}{{ kept }}{% endraw %} {{ page.title }}"
            "{% endhighlight %}",
            "```liquid\n{{ kept }} \n```\n",
        ),
        # Nested pairs are Liquid's blocks: the outer one is the code block.
        (
            "{% highlight a %}x{% highlight b %}y{% endhighlight %}z{% endhighlight %}\n",
            "```a\nxyz\n```\n",
        ),
    ],
)
def test_jekyll_highlight_forms(source: str, shown: str) -> None:
    assert without_template_tags(source, "jekyll") == shown


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # Inside raw it is text, as Liquid shows it.
        (
            "{% raw %}{% highlight python %}\n# raw\n{% endhighlight %}{% endraw %}\n",
            "{% highlight python %}\n# raw\n{% endhighlight %}\n",
        ),
        # In fenced code Liquid renders it to HTML that the code block shows as text: the
        # tags go there, as every tag in code does.
        (
            "```liquid\n{% highlight ruby %}\nin fence\n{% endhighlight %}\n```\n",
            "```liquid\n\nin fence\n\n```\n",
        ),
        # Never closed, or with no language: jekyll 4.3.1 stops ("'highlight' tag was never
        # closed", "Valid syntax: highlight <lang> [linenos]"); the tags go, as tags.
        ("{% highlight ruby %}\n# open\n", "\n# open\n"),
        ("{% highlight %}\n# no lang\n{% endhighlight %}\n", "\n# no lang\n\n"),
    ],
)
def test_a_highlight_jekyll_does_not_render_is_left_to_the_tag_pass(
    source: str, shown: str
) -> None:
    assert without_template_tags(source, "jekyll") == shown


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        (
            '{{< highlight go "linenos=table,hl_lines=8" >}}\nx := 1\n{{< /highlight >}}\n',
            "```go\nx := 1\n```\n",
        ),
        ("{{% highlight go %}}\n# x\n{{% /highlight %}}\n", "```go\n# x\n```\n"),
        # No language, or a named one (Hugo reads positional arguments only): plain code.
        ("{{< highlight >}}\nno lang\n{{< /highlight >}}\n", "```\nno lang\n```\n"),
        ('{{< highlight lang="rust" >}}\nn\n{{< /highlight >}}\n', "```\nn\n```\n"),
        # The inner text de-indented as Hugo's .InnerDeindent does ("    x" over "  ").
        ("  {{< highlight c >}}\n    indented\n  {{< /highlight >}}\n", "```c\n  indented\n```\n"),
        # Never closed: hugo 0.168 stops ('shortcode "highlight" must be closed').
        ("{{< highlight go >}}\ncode\n", "\ncode\n"),
    ],
)
def test_hugo_highlight_forms(source: str, shown: str) -> None:
    assert without_template_tags(source, "hugo") == shown


def test_each_generators_highlight_is_its_own() -> None:
    """Hugo and Zola publish Liquid's highlight as text; Jekyll reads Hugo's as a Liquid
    output tag, which goes. A page of no known generator reads both."""
    liquid = "{% highlight ruby %}\nx\n{% endhighlight %}\n"
    hugo = "{{< highlight go >}}\nx\n{{< /highlight >}}\n"
    assert without_template_tags(liquid, "hugo") == liquid
    assert without_template_tags(liquid, "zola") == liquid
    assert without_template_tags(hugo, "jekyll") == "\nx\n\n"
    assert without_template_tags(liquid + hugo) == "```ruby\nx\n```\n```go\nx\n```\n"


def test_hugos_figure_is_what_hugo_shows() -> None:
    """hugo 0.168 renders ``{{< figure src alt caption >}}`` as ``<figure><img src alt>
    <figcaption><p>caption</p></figcaption></figure>`` (the caption as Markdown, a title as
    a heading, the image linked by ``link``); it went with no trace. A relative source is
    made absolute against the page's link, as the feeds make it."""
    body = (
        "Intro.\n\n"
        '{{< figure src="/images/river.jpg" alt="A river" caption="The Thames at dawn" >}}\n\n'
        "Outro.\n"
    )
    html = render_html(body, "markdown", templates="hugo")
    assert html == (
        "<p>Intro.</p>\n"
        '<figure><img src="/images/river.jpg" alt="A river">\n'
        "<figcaption>\n<p>The Thames at dawn</p>\n</figcaption>\n</figure>\n"
        "<p>Outro.</p>\n"
    )
    linked = (
        '{{< figure src="rel.jpg" title="Title" caption="Cap with **bold**" '
        'link="https://l.example/" attr="Bob" attrlink="https://bob.example" >}}'
    )
    html = article_html(linked, "markdown", "https://ex.example/p/", templates="hugo")
    assert '<a href="https://l.example/" rel="noopener noreferrer">' in html
    assert '<img src="https://ex.example/p/rel.jpg" alt="Cap with bold">' in html
    assert "<h4>Title</h4>" in html
    assert "<p>Cap with <strong>bold</strong> <a href=" in html
    assert clean_record(page(body, "hugo")) == "T\n\nIntro.\n\nThe Thames at dawn\n\nOutro."
    # With no image it is a tag, as any other.
    assert without_template_tags('A {{< figure caption="c" >}} B', "hugo") == "A  B"


@pytest.mark.parametrize(
    ("shortcode", "link"),
    [
        ("{{< youtube w7Ft2ymGmfc >}}", 'https://www.youtube.com/watch?v=w7Ft2ymGmfc">YouTube'),
        ('{{< youtube id="w7Ft2ymGmfc" title="Talk" >}}', 'watch?v=w7Ft2ymGmfc">Talk<'),
        ("{{< vimeo 55073825 >}}", 'https://vimeo.com/55073825">Vimeo video<'),
        ('{{< x user="SanDiegoZoo" id="1453110" >}}', "https://x.com/SanDiegoZoo/status/1453110"),
        ('{{< tweet user="a" id="1" >}}', 'https://twitter.com/a/status/1">Post by @a<'),
        ("{{% instagram CxOWiQNP2MO %}}", "https://www.instagram.com/p/CxOWiQNP2MO/"),
    ],
)
def test_hugos_embeds_are_links_to_what_they_embed(shortcode: str, link: str) -> None:
    """Hugo embeds a frame (or a post fetched when it builds) that no feed shows: a link to
    the video or post stands in for it."""
    html = render_html(f"Intro.\n\n{shortcode}\n\nOutro.\n", "markdown", templates="hugo")
    assert link in html
    assert html.startswith("<p>Intro.</p>\n<p><a href=") and html.endswith("<p>Outro.</p>\n")


def test_an_embed_that_names_nothing_and_zolas_pages_keep_the_old_ways() -> None:
    assert without_template_tags("A {{< youtube >}} B", "hugo") == "A  B"
    assert without_template_tags('A {{< x user="a" >}} B', "hugo") == "A  B"
    # Zola has no built-in shortcodes: Hugo's are its text.
    zola = '{{< figure src="a.jpg" >}} {{< youtube a >}}\n'
    assert without_template_tags(zola, "zola") == zola
    # An escaped shortcode is shown as written, not rendered.
    escaped = '{{</* figure src="a.jpg" */>}}\n'
    assert without_template_tags(escaped, "hugo") == '{{< figure src="a.jpg" >}}\n'


def test_a_quoted_argument_holds_closings_and_shortcodes_but_stops_at_an_unclosed_one() -> None:
    """hugo 0.168 reads ``caption="x >}} y"`` as the caption "x >}} y", and a shortcode whole
    inside a quoted argument as part of it. A quote never closed stops at the next shortcode,
    which is then read as written (hugo refuses such a page)."""
    body = (
        'A {{< figure src="a.png" caption="x >}} y" >}}\n\n'
        'B {{< figure src="b.png" caption="see {{< vimeo 1 >}}" >}}\n\n'
        'C {{< figure "\\"{{< youtube "a\\"b {{< figure src="c.png" >}}\n'
    )
    html = render_html(body, "markdown", templates="hugo")
    assert '<figure><img src="a.png" alt="x &gt;}} y">' in html
    assert '<figure><img src="b.png" alt="see ">' in html
    # The caption's embed is run where the caption is (a frame there), not as the page's.
    assert '<p>see <a href="https://vimeo.com/1">Vimeo video</a></p>' in html
    assert html.count("vimeo.com") == 1
    assert '<p>C {{&lt; figure ""{{&lt; youtube "a"b</p>\n<figure><img src="c.png">' in html


OTHER = "https://s.org/posts/other/"


@pytest.mark.parametrize(
    ("caption", "links"),
    [
        ('caption="see {{< ref other >}} now"', {"{{< ref other >}}": OTHER}),
        ('caption="see {{% relref other %}} now"', {"{{% relref other %}}": OTHER}),
        ('caption=`see {{< ref "other.md" >}} now`', {'{{< ref "other.md" >}}': OTHER}),
        ('caption="see {{< ref \\"other.md\\" >}} now"', {'{{< ref \\"other.md\\" >}}': OTHER}),
    ],
)
def test_a_figures_caption_runs_the_shortcodes_it_holds(
    caption: str, links: dict[str, str]
) -> None:
    """hugo 0.168 runs the caption through ``markdownify``, which runs its shortcodes:
    ``caption="see {{< ref other >}} now"`` is "see https://s.org/posts/other/ now", in the
    caption and in the ``alt`` made from it; the shortcode's own quotes escaped, or the
    caption in backticks. It showed the shortcode as written."""
    body = f'{{{{< figure src="a.png" {caption} >}}}}\n'
    html = render_html(without_template_tags(body, "hugo", links=links), "markdown")
    assert f'<img src="a.png" alt="see {OTHER} now">' in html
    assert f"<p>see {OTHER} now</p>" in html
    assert "{{" not in html


def test_an_escaped_shortcode_in_a_figures_caption_is_shown_as_written() -> None:
    """hugo 0.168 shows ``caption="Lit {{</* ref b.md */>}} end"`` as "Lit {{&lt;/* ref b.md
    */&gt;}} end", in the caption and its ``alt``: the escape is the argument's text, its
    marks kept (it showed ``{{< ref b.md >}}``); an escape in the page's text still shows
    the shortcode."""
    body = (
        '{{< figure src="a.png" caption="Lit {{</* ref b.md */>}} end" >}}\n\nP {{</* ref b */>}}\n'
    )
    for generator in ("hugo", None):
        html = render_html(without_template_tags(body, generator), "markdown")
        assert "<p>Lit {{&lt;/* ref b.md */&gt;}} end</p>" in html
        assert 'alt="Lit {{&lt;/* ref b.md */&gt;}} end"' in html
        assert "<p>P {{&lt; ref b &gt;}}</p>" in html


def test_a_figures_other_arguments_keep_their_shortcodes_as_text() -> None:
    """``attr`` is rendered as ``caption`` is (hugo 0.168: "by NAMED and" the address, for a
    shortcode ``nm`` that writes NAMED, which is not known here and shows nothing); ``title``
    and ``alt`` are not, and show a shortcode as written."""
    body = (
        '{{< figure src="a.png" attr="by {{< nm >}} and {{< ref other >}}" attrlink="/x" '
        'alt="x {{< nm >}} y" >}}\n\n'
        '{{< figure src="b.png" caption="**a** {{< nm >}}" title="T {{< nm >}}" >}}\n'
    )
    html = render_html(
        without_template_tags(body, "hugo", links={"{{< ref other >}}": OTHER}), "markdown"
    )
    assert f'<a href="/x">by  and {OTHER}</a>' in html
    assert '<img src="a.png" alt="x {{&lt; nm &gt;}} y">' in html
    assert '<img src="b.png" alt="a ">' in html
    assert "<h4>T {{&lt; nm &gt;}}</h4>" in html
    assert "<p><strong>a</strong></p>" in html


def test_a_ref_in_a_quoted_argument_with_escaped_quotes_names_its_page() -> None:
    """``{{< ref \\"a.md\\" >}}`` in a caption names ``a.md``, as Hugo reads the caption;
    it was a broken link to the page ``\\"a.md\\"``."""
    body = '{{< figure src="x.png" caption="see {{< ref \\"a.md\\" >}}" >}}'
    found = list(internal_links.references(body, "hugo"))
    assert [(r.kind, r.target, r.written) for r in found] == [
        ("ref", "a.md", '{{< ref \\"a.md\\" >}}')
    ]


N = 20_000


@pytest.mark.parametrize(
    ("body", "generator", "expected"),
    [
        ("{% highlight ruby %}\n" * N, "jekyll", "\n" * N),  # never closed: tags
        ("{% highlight a %}x{% endhighlight %}" * N, "jekyll", "```a\nx\n```\n" * N),
        ("{% endhighlight %}" * N, "jekyll", ""),
        ("{% highlight " * N, "jekyll", "{% highlight " * N),
        ("{{< highlight go >}}" * N, "hugo", ""),
        ('{{< figure src="' * N, "hugo", '{{< figure src="' * N),
        ("{{< youtube a >}}" * N, "hugo", None),
        ("```\n{% highlight a %}\n" * N, "jekyll", "```\n\n" * N),
        # Quotes never closed: each shortcode is read up to the next one, not to the end.
        ('{{< figure "\\"' * N, "hugo", '{{< figure "\\"' * N),
        ('{{< youtube "a\\"b ' * N, None, '{{< youtube "a\\"b ' * N),
    ],
    ids=lambda value: repr(value[:24]) if isinstance(value, str) else str(value),
)
def test_hostile_builtin_tags_are_read_in_one_pass(
    body: str, generator: str, expected: str | None
) -> None:
    # The tags are found and paired once, the lines read once: no search from each opener to
    # the end of the page.
    shown = without_template_tags(body, generator)
    if expected is not None:
        assert shown == expected
    else:
        assert shown.count("youtube.com/watch?v=a") == N
