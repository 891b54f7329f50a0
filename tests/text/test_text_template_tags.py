"""Template tags of a site's page: what the generator shows as written stays, the rest goes.

Each generator has its own way to show a tag as text: Liquid's ``{% raw %}`` (Jekyll), Hugo's
``{{</* name */>}}`` and Zola's ``{{/* name() */}}``. The escapes below give the text that
jekyll 4.3 (Liquid 5.4), hugo 0.168 and zola 0.22 publish for them (Liquid's whitespace
control around raw blocks aside); indented code is read as CommonMark reads it.
"""

from __future__ import annotations

import pytest

from convert.profiles.base import MappedRecord
from convert.record import Source
from convert.text import clean_record
from convert.text.spans import without_template_tags


def test_jekyll_raw_shows_what_it_holds_as_written() -> None:
    """Liquid shows what is between raw and endraw literally, tags and all, and drops the two
    tags; with the page's other tags they went together, and a raw ``{{`` could take the
    text up to a far ``}}`` with it. Whitespace control may mark the tags, but the Liquid that
    Jekyll runs (4.x; before 5.5) does not end raw at ``{%- endraw``: the raw text runs on.
    The raw opener's ``{%-`` takes the white space before it and its ``-%}`` that after the
    endraw, whose own dash does nothing (jekyll 4.3.1: "layout.{% include note.html %}and")."""
    source = (
        "Write {% raw %}{{ page.title }}{% endraw %} in a layout.\n\n"
        "{%- raw -%}{% include note.html %}{% endraw -%} and {%raw%}{{ a{%endraw%} stay.\n\n"
        "{% raw %}a {{ b }}{%- endraw %} c {% endraw %} d\n\n"
        "{% raw %}\n```liquid\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n```\n"
        "{% endraw %}\n\n"
        "```liquid\n{% raw %}{{ site.url }}{% endraw %}\n```\n\n"
        "The {{ page.title }} story }} ends.\n"
    )
    assert without_template_tags(source, "jekyll") == (
        "Write {{ page.title }} in a layout.{% include note.html %}and {{ a stay.\n\n"
        "a {{ b }}{%- endraw %} c  d\n\n"
        "\n```liquid\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n```\n\n\n"
        "```liquid\n{{ site.url }}\n```\n\n"
        "The  story }} ends.\n"
    )


def test_raw_spans_paragraphs_and_an_unclosed_raw_is_a_tag() -> None:
    source = "{% raw %}First {{ a }}.\n\nSecond {% b %}.{% endraw %}\n\nThen {% raw %} {{ c }}.\n"
    assert without_template_tags(source, "jekyll") == (
        "First {{ a }}.\n\nSecond {% b %}.\n\nThen  .\n"
    )


def test_raw_is_liquid_only_hugo_and_zola_show_it() -> None:
    """Hugo and Zola show ``{% raw %}`` as text; code keeps it as written there (a post moved
    from Jekyll often still has it)."""
    source = "```\n{% raw %}{{ x }}{% endraw %}\n```\n"
    for generator in ("hugo", "zola"):
        assert without_template_tags(source, generator) == source


def test_hugo_shows_an_escaped_shortcode_as_the_shortcode() -> None:
    """``{{</* name */>}}`` is shown as ``{{< name >}}`` (and ``{{%/* */%}}`` as ``{{% %}}``)
    anywhere, code included: Hugo reads shortcodes before Markdown."""
    source = (
        'Use {{</* figure src="/a.png" */>}} and {{%/* notice info */%}}.\n\n'
        '`{{</* figure src="/b.png" */>}}`\n\n'
        "```md\n{{</* youtube w7Ft2ymGmfc */>}}\n{{%/* notice */%}}Hi{{%/* /notice */%}}\n```\n\n"
        "A {{< figure >}} goes.\n"
    )
    assert without_template_tags(source, "hugo") == (
        'Use {{< figure src="/a.png" >}} and {{% notice info %}}.\n\n'
        '`{{< figure src="/b.png" >}}`\n\n'
        "```md\n{{< youtube w7Ft2ymGmfc >}}\n{{% notice %}}Hi{{% /notice %}}\n```\n\n"
        "A  goes.\n"
    )


def test_zola_shows_an_escaped_shortcode_and_its_body_as_written() -> None:
    """``{{/* name() */}}`` is shown as ``{{ name() }}``; an escaped shortcode with a body is
    shown whole, the body as written, up to ``{%/* end */%}``."""
    source = (
        'Embed with {{/* youtube(id="dQw4w9WgXcQ") */}} here.\n\n'
        '{%/* quote(author="Vincent") */%}\nA quote {{ x }}\n\nand more\n{%/* end */%}\n\n'
        '```md\n{{/* vimeo(id="1") */}}\n```\n\n'
        'Then {{ youtube(id="a") }} goes.\n'
    )
    assert without_template_tags(source, "zola") == (
        'Embed with {{ youtube(id="dQw4w9WgXcQ") }} here.\n\n'
        '{% quote(author="Vincent") %}\nA quote {{ x }}\n\nand more\n{% end %}\n\n'
        '```md\n{{ vimeo(id="1") }}\n```\n\n'
        "Then  goes.\n"
    )


def test_a_generators_escape_is_its_own() -> None:
    """Another generator's escape is no escape: Jekyll would have run the Hugo one as Liquid."""
    hugo = "A {{</* figure */>}} b.\n"
    assert without_template_tags(hugo, "jekyll") == "A  b.\n"
    assert without_template_tags(hugo, "hugo") == "A {{< figure >}} b.\n"
    # A page of no known generator: every generator's escape is read.
    assert without_template_tags(hugo + "{% raw %}{{ c }}{% endraw %}\n") == (
        "A {{< figure >}} b.\n{{ c }}\n"
    )


def test_each_generator_replaces_only_its_own_tags() -> None:
    """Jekyll runs the whole page through Liquid; hugo 0.168 and zola 0.22 replace only their
    shortcodes and publish any other braces of a page's Markdown as written."""
    source = (
        "Words {{ page.title }} and {% if x %}cond{% endif %} end.\n\n"
        'A {{< gallery src="a.jpg" >}} and {{% notice %}}hi{{% /notice %}}.\n\n'
        'Zola {{ youtube(id="a") }} and {% quote(by="V") %}said{% end %}.\n'
    )
    assert without_template_tags(source, "jekyll") == (
        "Words  and cond end.\n\nA  and hi.\n\nZola  and said.\n"
    )
    assert without_template_tags(source, "hugo") == (
        "Words {{ page.title }} and {% if x %}cond{% endif %} end.\n\n"
        "A  and hi.\n\n"
        'Zola {{ youtube(id="a") }} and {% quote(by="V") %}said{% end %}.\n'
    )
    assert without_template_tags(source, "zola") == (
        "Words {{ page.title }} and {% if x %}cond{% endif %} end.\n\n"
        'A {{< gallery src="a.jpg" >}} and {{% notice %}}hi{{% /notice %}}.\n\n'
        "Zola  and said.\n"
    )


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # What jekyll 4.3.1 (Liquid 5.4) published for each, with page.show true and no
        # page.none: a "-" takes the white space on its side, line breaks too.
        ("Before {%- if page.show -%} shown {%- endif -%} after.\n", "Beforeshownafter.\n"),
        ("Title: {{- page.none -}} end.\n", "Title:end.\n"),
        (
            'Plain {% if page.show %}yes{% endif %} done.\n\n{%- assign y = "" -%}\n'
            "Value {{- y }}.\n",
            "Plain yes done.Value.\n",
        ),
        ("A[{% if page.show %}   {%- endif %}]B\n", "A[]B\n"),
        ("C[{% if page.show %}\n{%- endif %}]D\n", "C[]D\n"),
        ("E[ {{ page.none }} ]F\n", "E[  ]F\n"),
        # A highlight pair is still its code block.
        ("{%- highlight ruby -%}\n# x\n{%- endhighlight -%}\n", "```ruby\n# x\n```\n"),
    ],
)
def test_liquids_whitespace_control_takes_the_white_space_beside_a_tag(
    source: str, shown: str
) -> None:
    """``{%- if x -%}`` and ``{{- x -}}`` are the plain tags to Liquid, but for the white
    space they remove on the side of each "-": the tags went and the spaces stayed, so a
    page read "Before  shown  after." where Jekyll published "Beforeshownafter."."""
    assert without_template_tags(source, "jekyll") == shown


def test_whitespace_control_is_liquids_alone() -> None:
    """Hugo and Zola publish Liquid's tags as written, dashes, spaces and all."""
    source = "a {%- if x -%} b\n"
    assert without_template_tags(source, "hugo") == source
    assert without_template_tags(source, "zola") == source


def test_a_profiles_excerpt_keeps_what_its_generator_shows() -> None:
    from convert.profiles.excerpts import excerpt_of

    body = "Use {{ .Title }} in {{< b >}} a layout.\n\n<!--more-->\n\nRest.\n"
    assert excerpt_of(body, "<!--more-->", "markdown", "hugo") == "Use {{ .Title }} in a layout."
    assert excerpt_of(body, "<!--more-->", "markdown", "jekyll") == "Use in a layout."
    # What each generator's escape shows as written, its excerpt shows too.
    raw = "Use {% raw %}{{ page.title }}{% endraw %} in a layout.\n\nRest\n"
    assert excerpt_of(raw, "\n\n", "markdown", "jekyll") == "Use {{ page.title }} in a layout."
    hugo = 'Write {{</* figure src="a" */>}} to embed.\n\n<!--more-->\n'
    assert excerpt_of(hugo, "<!--more-->", "markdown", "hugo") == (
        'Write {{< figure src="a" >}} to embed.'
    )
    # Jekyll closes a block its excerpt cuts through: a comment hides, raw shows as written.
    cut = "{% comment %}\nhidden line\n\nmore hidden\n{% endcomment %}\n\nReal para.\n"
    assert excerpt_of(cut, "\n\n", "markdown", "jekyll") is None
    cut = cut.replace("comment", "raw").replace("hidden line", "raw {{ x }} line")
    assert excerpt_of(cut, "\n\n", "markdown", "jekyll") == "raw {{ x }} line"
    # A comment inside an open raw block is raw text (jekyll 4.3.1: "x {% comment %} y").
    cut = "{% raw %} x {% comment %} y\n\nrest {% endraw %}\n"
    assert excerpt_of(cut, "\n\n", "markdown", "jekyll") == "x {% comment %} y"
    zola = 'Write {{/* youtube(id="a") */}} to embed.\n\n<!-- more -->\n'
    assert excerpt_of(zola, "<!-- more -->", "markdown", "zola") == (
        'Write {{ youtube(id="a") }} to embed.'
    )


def test_code_is_no_shelter_for_tags_the_generator_replaces() -> None:
    """jekyll 4.3.1 renders "Span `{{ page.title }}`", a fenced block and an indented one with
    the title in each (Liquid runs before Markdown); hugo 0.168 and zola 0.22 render their
    shortcodes in code too. Their escapes are how a page shows a tag in code."""
    jekyll = (
        "Span `{{ page.title }}` here.\n\n```\nfenced {{ page.title }}\n```\n\n"
        "    indented {% include x.html %} code\n\n"
        "```\n{% raw %}{{ kept }}{% endraw %}\n```\n"
    )
    assert without_template_tags(jekyll, "jekyll") == (
        "Span  here.\n\n```\nfenced \n```\n\n    indented  code\n\n```\n{{ kept }}\n```\n"
    )
    hugo = '```\n{{< sc "b" >}} and {{ .Title }}\n```\n\n    {{</* sc "c" */>}}\n'
    assert without_template_tags(hugo, "hugo") == (
        '```\n and {{ .Title }}\n```\n\n    {{< sc "c" >}}\n'
    )
    zola = '```\n{{ youtube(id="a") }} {{ page.title }}\n```\n'
    assert without_template_tags(zola, "zola") == "```\n {{ page.title }}\n```\n"


def test_a_site_pages_cleaned_text_keeps_what_the_generator_shows() -> None:
    """The profile decides which escapes the cleaned text reads."""
    source = "Use {% raw %}{{ page.title }}{% endraw %} or {{</* figure */>}}.\n"
    jekyll = MappedRecord({"title": "T"}, source, Source("p.md"), "markdown", profile="jekyll")
    hugo = MappedRecord({"title": "T"}, source, Source("p.md"), "markdown", profile="hugo")
    assert clean_record(jekyll) == "T\n\nUse {{ page.title }} or ."
    # Hugo knows no Liquid: the raw tags are its page's text.
    assert clean_record(hugo) == (
        "T\n\nUse {% raw %}{{ page.title }}{% endraw %} or {{< figure >}}."
    )


N = 20_000  # bodies of 80 to 440 kB


@pytest.mark.parametrize(
    ("body", "generator", "expected"),
    [
        ("{% raw %}" * N, "jekyll", ""),  # unclosed: each is a tag
        # unclosed, each a tag, whose "-%}" takes the space after it
        ("{%- raw -%} {{ a" * N, "jekyll", "{{ a" * N),
        ("{% endraw %}{% raw %}" * N, "jekyll", ""),
        ("{{</*" * N, "hugo", "{{</*" * N),
        ("{{</* a */%}}" * N, "hugo", "{{</* a */%}}" * N),  # no shortcode either way
        ("{{< a" * N + "{{% b", "hugo", "{{< a" * N + "{{% b"),
        ("{%/* q() */%}" * N, "zola", "{%/* q() */%}" * N),  # no end, no call: Zola's text
        ("{{ a(" * N + "}}", "zola", "{{ a(" * N + "}}"),
        ("{{/*" * N, "zola", "{{/*" * N),
        # Each "{%/*" is the start of a tag that the next "{% raw %}" closes.
        ("{% raw %}{{</*{{/*{%/*" * N, None, "{{</*{{/*" * N + "{%/*"),
        ("\n    {{ a }}\n- b\n" * N, "jekyll", "\n    \n- b\n" * N),
    ],
    ids=lambda value: repr(value[:24]) if isinstance(value, str) else str(value),
)
def test_hostile_escapes_are_read_in_one_pass(
    body: str, generator: str | None, expected: str
) -> None:
    # Each opener with no closer after it looks for one once: a scan of the rest of the body
    # per opener took minutes on these; the pass is linear and each takes milliseconds.
    assert without_template_tags(body, generator) == expected


def test_jekyll_comment_hides_what_it_holds() -> None:
    """Liquid shows nothing of a comment block (jekyll 4.3.1: "A {% comment %}hidden
    {% endcomment %} B" is "A  B"); other generators show it as text. Inside raw it is raw."""
    source = (
        "A {% comment %}hidden {{ x }}\n\nand more{% endcomment %} B\n\n"
        "C {%- comment -%}gone{%- endcomment -%} D\n\n"
        "{% raw %}{% comment %}shown{% endcomment %}{% endraw %}\n"
    )
    assert without_template_tags(source, "jekyll") == (
        "A  B\n\nCD\n\n{% comment %}shown{% endcomment %}\n"
    )
    assert "hidden" not in without_template_tags(source)  # no known generator: Jekyll's too
    hugo = without_template_tags(source, "hugo")
    assert "hidden {{ x }}" in hugo and "{% comment %}" in hugo


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Use ``{{ page.title }}`` here", "Use  here"),
        ("Run `make`{{ site.sep }}`test` now", "Run `make``test` now"),
        ("Intro.\n\n``{{ page.title }}``\n\nSee **bold**.\n", "Intro.\n\n\n\nSee **bold**.\n"),
        ("`{{ a }} and text`", "` and text`"),
    ],
)
def test_a_code_span_of_one_tag_is_paired_as_commonmark_pairs_it(
    source: str, expected: str
) -> None:
    """A closing backtick is never taken for an opening one, and a span of two backticks goes
    whole: leaving a run of four would open a code block over the rest of the article."""
    assert without_template_tags(source, "jekyll") == expected


def test_a_site_pages_html_body_loses_its_tags_too() -> None:
    """Jekyll runs Liquid over an .html post as over Markdown (jekyll 4.3.1 publishes
    '<p>Intro {{ page.title }} para.</p>{% comment %}<p>secret</p>{% endcomment %}' as
    '<p>Intro Hello para.</p>')."""
    from convert.content import render_html

    body = "<p>Intro {{ page.title }} para.</p>{% comment %}<p>secret</p>{% endcomment %}"
    page = MappedRecord({"title": "T"}, body, Source("p.html"), "html", profile="jekyll")
    assert clean_record(page) == "T\n\nIntro para."
    assert render_html(body, "html", templates="jekyll") == "<p>Intro  para.</p>"
    assert render_html(body, "html") == body  # no site's page: as written


def test_backticks_of_fenced_code_and_of_html_are_the_codes_own() -> None:
    """CommonMark reads no code span inside a fenced block, and HTML has none: jekyll 4.3.1
    publishes "const s = `Site`;" for a ~~~ block holding "const s = `{{ site.title }}`;" and
    keeps an HTML page's backticks as text. Only the tag goes there."""
    fenced = "~~~js\nconst s = `{{ site.title }}`;\n~~~\n\nSay `{{ a }}` now.\n"
    assert without_template_tags(fenced, "jekyll") == "~~~js\nconst s = ``;\n~~~\n\nSay  now.\n"
    html = "<p>Type `{{ page.nothing }}` and `{{ site.title }}` here</p>"
    assert without_template_tags(html, "jekyll", markdown=False) == "<p>Type `` and `` here</p>"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # Comments nest, and a raw block inside one hides an endcomment (jekyll 4.3.1).
        ("A {% comment %}x{% comment %}y{% endcomment %}z{% endcomment %} B", "A  B"),
        ("A {% comment %}x{% raw %}{% endcomment %}{% endraw %}w{% endcomment %} B", "A  B"),
        ("A {% comment %}x{% endcomment %} B {% comment %}y{% endcomment %} C", "A  B  C"),
        # Inside raw, only an endraw without a dash before it ends it (Liquid before 5.5).
        ("{% raw %}a {%- endraw %} b{% endraw %}", "a {%- endraw %} b"),
    ],
)
def test_liquid_blocks_are_read_as_liquid_parses_them(source: str, shown: str) -> None:
    assert without_template_tags(source, "jekyll") == shown


@pytest.mark.parametrize(
    "body",
    [
        "{% comment %}" * N,  # never closed: Liquid stops; each is a tag here
        "{% comment %}{% raw %}" * N + "{% endcomment %}",
        "{% raw %}{% comment %}" * N,
        "{% comment %}x{% endcomment %} " * N,
        ("{% comment %}" * 50 + "x" + "{% endcomment %}" * 50 + "{% raw %}") * (N // 50),
    ],
    ids=lambda value: repr(value[:30]),
)
def test_liquid_blocks_are_read_in_one_pass(body: str) -> None:
    # One pass over the block tags: a scan from each comment to the page's end took minutes.
    assert "{% comment %}x" not in without_template_tags(body, "jekyll")


def test_a_plugin_profiles_page_reads_every_generators_escapes() -> None:
    """A profile of another name is a generator we do not know: its page is read as one of
    no known generator, Liquid's blocks included."""
    source = "A {% raw %}{{ x }}{% endraw %} {{</* y */>}} {% comment %}z{% endcomment %}B\n"
    assert without_template_tags(source, "house") == without_template_tags(source)
    assert without_template_tags(source, "house") == "A {{ x }} {{< y >}} B\n"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # Each as jekyll 4.3.1 publishes it: the opener's "{%-" takes the white space before
        # the block, the closing tag's "-%}" the white space after it.
        ("P1 a {%- comment -%} hidden {%- endcomment -%} b", "P1 ab"),
        ("next para.\n\n{%- comment -%} h {%- endcomment -%}\n\ntail", "next para.tail"),
        ("E {%- comment -%}x{% endcomment %} F {% comment %}y{% endcomment -%} G", "E F G"),
        # A raw block's opener trims on both sides; its endraw's dash does nothing.
        ("x {%- raw -%} {{ y }} {% endraw %} z", "x {{ y }} z"),
        ("x {%- raw %} {{ y }} {% endraw -%} z", "x {{ y }}  z"),
    ],
)
def test_liquid_blocks_take_the_white_space_their_dashes_take(source: str, shown: str) -> None:
    assert without_template_tags(source, "jekyll") == shown


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # As jekyll 4.3.1 publishes each: the captured text where the variable is output.
        ("a {%- capture q -%} cap {%- endcapture -%} b {{ q }} e", "ab cap e"),
        (
            "{% capture r %} two words {% endcapture %}M{{r}}N {{- r -}} O",
            "M two words N two words O",
        ),
        ("{% capture t %}[{% raw %}{{ k }}{% endraw %}]{% endcapture %}<{{ t }}>", "<[{{ k }}]>"),
        # Before its capture, or inside raw or a comment, an output is no capture's.
        ("A{{ q }}B {% capture q %}x{% endcapture %}", "AB "),
        ("{% raw %}{{ q }}{% endraw %}{% comment %}{{ q }}{% endcomment %}", "{{ q }}"),
        ("{% capture q %}x{% endcapture %}{% raw %}{{ q }}{% endraw %}", "{{ q }}"),
    ],
)
def test_a_capture_is_shown_where_its_variable_is(source: str, shown: str) -> None:
    """A capture shows nothing where it stands, and its text where the page outputs it; left
    out there, "M{{ r }}N" joined two words Jekyll keeps apart (and before, the text shown in
    the capture's place joined it to its neighbours: "acapb e")."""
    assert without_template_tags(source, "jekyll") == shown


def test_many_outputs_of_a_long_capture_put_in_no_more_than_the_page_holds() -> None:
    body = "{% capture q %}" + "x" * N + "{% endcapture %}" + "{{ q }}" * N
    shown = without_template_tags(body, "jekyll")
    assert len(shown) <= len(body) and shown.startswith("x" * N)
