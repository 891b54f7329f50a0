"""kramdown's attribute lists and extensions in a Jekyll page: what kramdown consumes goes.

Each expectation was read from the page jekyll 4.3.1 (kramdown 2.4, GFM input) builds from the
same source: a list after an element sets its attributes and never shows, one after plain
text is shown as written.
"""

from __future__ import annotations

import pytest

from convert.content import render_html
from convert.profiles.base import MappedRecord
from convert.record import Source
from convert.text import clean_record
from convert.text.kramdown import without_kramdown_markup
from convert.text.spans import without_template_tags

# From the Chirpy theme's "Text and Typography" post.
CHIRPY = (
    "> An example showing the `tip` type prompt.\n{: .prompt-tip }\n\n"
    "Here is the `/path/to/the/file.extend`{: .filepath}.\n\n"
    '```sass\n@import\n  "colors/light-typography";\n```\n'
    "{: file='_sass/jekyll-theme-chirpy.scss'}\n\n"
    '![Desktop View](/posts/20190808/mockup.png){: width="972" height="589" }\n'
    "_Full screen width and center alignment_\n"
)


def test_a_chirpy_posts_lists_go_from_its_feed_and_text() -> None:
    """jekyll 4.3.1: ``<blockquote class="prompt-tip">``, ``<code class="... filepath">``,
    ``<div file="_sass/..." class="language-sass">``, ``<img ... width="972" height="589">``;
    no list is shown."""
    html = render_html(CHIRPY, "markdown", templates="jekyll")
    assert "{:" not in html
    assert "<p>Here is the <code>/path/to/the/file.extend</code>.</p>" in html
    assert '<img src="/posts/20190808/mockup.png" alt="Desktop View"' in html
    page = MappedRecord({"title": "T"}, CHIRPY, Source("p.md"), "markdown", profile="jekyll")
    assert "{:" not in clean_record(page)
    # Another generator's page, or Markdown of none, shows them: only kramdown reads them.
    for templates in (False, "hugo", "zola", True):
        assert "{: .prompt-tip }" in render_html(CHIRPY, "markdown", templates=templates)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # A span list right after an element goes: a link, an image, a code span, emphasis,
        # an HTML span, a closing smart quote, a defined reference; two in a row both go.
        ('[intro](/a.html){:target="_blank"} now', "[intro](/a.html) now"),
        ('![img](/a.png "t"){: .i} x', '![img](/a.png "t") x'),
        ("`code`{: .filepath}.", "`code`."),
        ("*a*{: .x} __st__{: .st}", "*a* __st__"),
        ("<span>s</span>{: .y}", "<span>s</span>"),
        ('"q"{: .z}', '"q"'),
        ("[a](b){: .x}{: .y}", "[a](b)"),
        # After text it is text: kramdown warns "Found span IAL after text - ignoring it".
        ("word{: .x} (p){: .w} [a](b) {: .sp} 5*{: .star}", None),
        ("don't{: .z}", None),
        ("{: .x} at a paragraph's start", None),
        # Escaped, or in code, it is not a list.
        (r"[l](m)\{: .e}", None),
        ("Use `[a](b){: .x}` here", None),
    ],
)
def test_span_lists(source: str, shown: str | None) -> None:
    assert without_kramdown_markup(source) == (source if shown is None else shown)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # A list on a line of its own goes with its line, after a block or before one.
        ("> quote\n{: .prompt-tip }\n\nNext.\n", "> quote\n\nNext.\n"),
        ("Para two\n  {: .indented}\n", "Para two\n"),
        ("{: .lonely}\n\nPara.\n", "\nPara.\n"),
        ("- item\n  {: .li}\n", "- item\n"),
        ("> a\n> {: .bq}\n", "> a\n"),
        ("```sass\n@import x;\n```\n{: file='_config.yml'}\n", "```sass\n@import x;\n```\n"),
        ("P ends\n{: .last}", "P ends\n"),
        # The table of contents' marker with the list it marks, which kramdown replaces by
        # links to the page's headings; and a named list for later use.
        ("Intro.\n\n* TOC\n{:toc}\n\n## A\n", "Intro.\n\n\n## A\n"),
        ("1. Contents\n2. more\n{: toc}\n", ""),
        ("Para.\n{:toc}\n", "Para.\n"),
        ("{:ref: .class}\n\nPara.\n", "\nPara.\n"),
        # Indented four spaces it is code; inside a fence, code.
        ("Intro.\n\n    {: .code}\n", None),
        ("```\n{: .x}\n[a](b){: .y}\n```\n", None),
    ],
)
def test_block_lists(source: str, shown: str | None) -> None:
    assert without_kramdown_markup(source) == (source if shown is None else shown)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # A comment shows nothing (kramdown writes an HTML comment), nomarkdown its text as
        # written, options nothing; as spans and as blocks of their own lines.
        (
            "Para {::comment}hidden{:/comment} after {::nomarkdown}<b>raw</b>{:/} end.",
            "Para  after <b>raw</b> end.",
        ),
        ("{::comment}\nblock hidden\n{:/comment}\nNext.\n", "Next.\n"),
        ("{::nomarkdown}\n<div>raw *x*</div>\n{:/nomarkdown}\n", "<div>raw *x*</div>\n"),
        ('{::options parse_block_html="true" /}\nNext.\n', "Next.\n"),
        ('P3 {::options auto_ids="false" /} mid.', "P3  mid."),
        # kramdown shows an extension of another name, one never closed, a stray end tag.
        ("{::foo}\nunknown ext\n{:/foo}\n", None),
        ("P {::comment}open never closed.", None),
        ("P {:/} and {:/comment} here.", None),
    ],
)
def test_extensions(source: str, shown: str | None) -> None:
    assert without_kramdown_markup(source) == (source if shown is None else shown)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # jekyll 4.3.1: ``<h2 id="myid">Head</h2>``; an ATX heading's ID at its line's end,
        # after its closing marks too, in a quote or a list item, and a setext heading's.
        ("## Head {#myid}\n\nText.\n", "## Head\n\nText.\n"),
        ("### H3 ## {#id3}\n", "### H3 ##\n"),
        ("#### H6 {#a:b-c_d}   \n", "#### H6   \n"),
        ("## Tab\t{#x8}\n", "## Tab\n"),
        ("## Two {#a} {#b}\n", "## Two {#a}\n"),
        ("> ## Quoted {#qid}\n", "> ## Quoted\n"),
        ("* ## InList {#lid}\n1. ### Ordered {#x4}\n", "* ## InList\n1. ### Ordered\n"),
        ("para line\n## Interrupt {#x13}\n", "para line\n## Interrupt\n"),
        ("Setext {#sid}\n======\n\nTwo {#s2}\n---\n", "Setext\n======\n\nTwo\n---\n"),
        ("> Quoted setext {#x3}\n> ---\n", "> Quoted setext\n> ---\n"),
        # Shown: an ID before the closing marks, with no space before it, or not a name; a
        # heading of only an ID; an escaped one; a setext heading's line that continues a
        # paragraph, is indented, or follows an HTML block; a heading in code.
        ("### H2 {#id2} ###\n#### H4{#id4}\n#### H5 {#5id}\n## {#only}\n", None),
        ("#Nospace {#nsid}\n## Esc \\{#x9}\n## `code {#x10}`\n", None),
        ("para line\nSetext {#x1}\n-----\n\n  Indented {#x2}\n  ===\n", None),
        ("<div>x</div>\nSetext after html {#x16}\n---\n", None),
        ("```\n## Code {#c}\n```\n", None),
    ],
)
def test_header_ids(source: str, shown: str | None) -> None:
    assert without_kramdown_markup(source) == (source if shown is None else shown)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # kramdown leaves an HTML block's contents as written (jekyll 4.3.1 shows each list
        # here): on one line, over lines, nested, in a quote, up to the page's end when the
        # block is never closed; a comment.
        ("<div>{: .inhtml} div text</div>\n", None),
        ("<pre>\ncode line\n{: .x}\nafter\n</pre>\n", None),
        ("<section>\n<div>\ninner\n</div>\n{: .sec}\n</section>\n", None),
        ("<DIV>{: .upper}</div>\nstill{: .still}\n", None),
        ("para with\n<div>{: .lazy}</div>\n", None),
        ("> <div>\n> [a](b){: .q}\n", None),
        ("<div>\nunclosed [a](b){: .u}\n\n## After {#x12}\n", None),
        ("<!-- [a](b){: .c} -->\n", None),
        ("{::nomarkdown}\n<div>{: .n}\n{:/nomarkdown}\n", "<div>{: .n}\n"),
        # What follows the block is read: the rest of its line, the lines after it, a list
        # that sets the block's attributes. A span element starts a paragraph; markdown="1"
        # has kramdown read the block as Markdown.
        ("<div>a</div> tail{: .t} and `c`{: .cc}\n", "<div>a</div> tail{: .t} and `c`\n"),
        ("<div>a</div>\n{: .z}\n\n[a](b){: .y}\n", "<div>a</div>\n\n[a](b)\n"),
        ("> <div>\n> x\n\n[a](b){: .y}\n", "> <div>\n> x\n\n[a](b)\n"),
        ("<span>s</span>{: .span}\n", "<span>s</span>\n"),
        ('<div markdown="1">\n[a](b){: .md1}\n</div>\n', '<div markdown="1">\n[a](b)\n</div>\n'),
        # A fence's line inside a block opens no code: what follows the block is read.
        ("<div>\n```\n</div>\n[a](b){: .y}\n", "<div>\n```\n</div>\n[a](b)\n"),
        ("{::comment}\n~~~\n{:/comment}\n[a](b){: .y}\n", "[a](b)\n"),
    ],
)
def test_html_blocks_are_left_as_written(source: str, shown: str | None) -> None:
    assert without_kramdown_markup(source) == (source if shown is None else shown)


def test_a_pre_blocks_text_is_kept_and_a_header_id_goes() -> None:
    """jekyll 4.3.1: ``<h2 id="myid">Head</h2>``, and the ``<pre>`` with its ``{: .x}`` line;
    the line went, and the heading showed ``{#myid}``."""
    source = "## Head {#myid}\n\n<pre>\ncode line\n{: .x}\nafter\n</pre>\n"
    html = render_html(source, "markdown", templates="jekyll")
    assert html == "<h2>Head</h2>\n<pre>\ncode line\n{: .x}\nafter\n</pre>\n"
    page = MappedRecord({"title": "T"}, source, Source("p.md"), "markdown", profile="jekyll")
    assert clean_record(page) == "T\n\nHead\n\ncode line {: .x} after"


def test_kramdown_reads_what_liquid_made() -> None:
    """Liquid runs first: a raw block's list is kramdown's to read, a highlight's code is
    code."""
    source = (
        "{% raw %}[a](b){: .x}{% endraw %}\n\n"
        "{% highlight ruby %}\nh = {: a}\n[a](b){: .y}\n{% endhighlight %}\n"
    )
    assert without_template_tags(source, "jekyll") == (
        "[a](b)\n\n```ruby\nh = {: a}\n[a](b){: .y}\n```\n"
    )


N = 20_000


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{:" * N, None),
        ("a{:a" * N + "}", None),
        ("[a](b){:x}" * N, "[a](b)" * N),
        ("{::comment}" * N, None),
        ("{::comment a" * N, None),
        ("{: .x}\n" * N, ""),
        ("{::comment}\n" * N, None),
        ("](a){:" * N, None),
        ("> {: .x}\n" * N, ""),
        ("* a\n" * N + "{:toc}\n" * N, ""),
        ("*{:*}" * N, None),
        ("<div>" * N + "[a](b){: .x}", None),
        ("<div>\n" * N + "## H {#h}", None),
        ("<p>[a](b){: .x}</p>\n" * N, None),
        ("<!--\n" * N + "[a](b){: .x}", "<!--\n" * N + "[a](b)"),
        ('<div a="\n' * N + "[a](b){: .x}", '<div a="\n' * N + "[a](b)"),  # no tag: text
        ("> <div></div>{: .x}\n" * N, "> <div></div>" * N),
        ("## H {#h}\n" * N, "## H\n" * N),
        ("## " + " " * N + "{#h}", None),
        ("<div>\n```\n</div>\n[a](b){: .x}\n" * N, "<div>\n```\n</div>\n[a](b)\n" * N),
        ("<div>\n~~~\n</div>\n[a](b){: .x}\n" * N, "<div>\n~~~\n</div>\n[a](b)\n" * N),
    ],
    ids=lambda value: repr(value[:24]) if isinstance(value, str) else str(value),
)
def test_hostile_lists_are_read_in_one_pass(body: str, expected: str | None) -> None:
    # Each "{:" is looked at once; the "}" and the end tags are found by forward searches.
    assert without_kramdown_markup(body) == (body if expected is None else expected)
