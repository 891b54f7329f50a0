"""Markdown cleaning: behaviour of the inline and block passes, and linear time on hostile input.

Bodies are untrusted: a line of 50 KB of backticks, brackets or emphasis markers once took
seconds to minutes (backtracking regexes); each must now clean in time linear in its length.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from convert.record import Record, Source
from convert.text import clean_record, clean_text, mark_truncation
from convert.text.markdown import inline, paragraphs
from tests.scaling import FACTOR, assert_linear

SIZE = 50_000
"""Characters of the largest hostile input; the scaling check runs one of an eighth as well."""

HOSTILE: dict[str, Callable[[int], str]] = {
    "backticks": lambda n: "a" + "`" * n,
    "backtick runs": lambda n: "`a``" * (n // 4),
    "brackets": lambda n: "[" * n,
    "images": lambda n: "![" * (n // 2),
    "link openers": lambda n: "[a](" * (n // 4),
    "link openers with text": lambda n: "[a](x" * (n // 5),
    "autolinks": lambda n: "<http:" * (n // 6),
    "comments": lambda n: "<!--" * (n // 4),
    "tags": lambda n: "<a " * (n // 3),
    "stars": lambda n: "*" * n,
    "underscores": lambda n: "_" * n,
    "strong openers": lambda n: "**a " * (n // 4),
    "strong underscores": lambda n: "__a " * (n // 4),
    "emphasis openers": lambda n: "*a " * (n // 3),
    "underscore openers": lambda n: " _a" * (n // 3),
    "strike openers": lambda n: "~~a " * (n // 4),
    "heading of spaces": lambda n: "# a" + " " * n + "b",
    "table rule of spaces": lambda n: " " * n + "x",
    "table rule then spaces": lambda n: "---" + " " * n + "x",
    "addresses": lambda n: "a" + "@" * n,
    "script openers": lambda n: "<script>" * (n // 8),
    "script closers without a bracket": lambda n: "<style>" + "</style " * (n // 8),
    "template openers": lambda n: "{{" * (n // 2) + "{%" * (n // 2),
    "footnote openers": lambda n: "[^a" * (n // 3),
    "footnote definitions": lambda n: "[^a]: b\n" * (n // 8),
}


def _cleaner(fmt: str) -> Callable[[str], object]:
    def clean(body: str) -> object:
        record = Record(meta={"title": "T"}, body=body, source=Source("x.md"), body_format=fmt)  # type: ignore[arg-type]
        return clean_record(record), clean_text(body)  # and sniffed

    return clean


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markdown_is_linear(name: str) -> None:
    assert_linear(_cleaner("markdown"), HOSTILE[name], SIZE // FACTOR)


@pytest.mark.parametrize("name", ["addresses", "table rule of spaces", "strong openers"])
def test_hostile_text_is_linear(name: str) -> None:
    assert_linear(_cleaner("text"), HOSTILE[name], SIZE // FACTOR)


def test_hostile_excerpt_is_linear() -> None:
    assert_linear(mark_truncation, lambda n: "a" + " " * n + "b", SIZE // FACTOR)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("`code` and ``a ` b``", "code and a ` b"),
        ("``` ``x`` ```", "``x``"),
        ("`` unclosed ` here", "`` unclosed ` here"),  # no run of the same length: literal
        ("a `*not emphasis*` b", "a *not emphasis* b"),
        ("[text](http://x.org/a_(b)) and [ref][1]", "text and ref"),
        ("![alt](i.png) gone, <https://x.org> kept", " gone, https://x.org kept"),
        ("a <b>tag</b> and <!-- a comment --> go", "a tag and  go"),
        ("**strong** __also__ *em* _em_ ~~gone~~", "strong also em em gone"),
        ("snake_case_name stays, 2 * 3 * 4 too", "snake_case_name stays, 2 * 3 * 4 too"),
        (r"a \_ b \# c", "a _ b # c"),
        (r"\*not emphasis\* and \_\_nor this\_\_", "*not emphasis* and __nor this__"),
        (r"\<b>kept\</b> and \[not a link\](x)", "<b>kept</b> and [not a link](x)"),
        (r"\\*em*", "\\em"),  # an escaped backslash, then real emphasis
        (r"`\*` in code", r"\* in code"),  # no escapes inside code spans
    ],
)
def test_inline(source: str, expected: str) -> None:
    assert inline(source) == expected


def test_blocks() -> None:
    source = (
        "# Title ##\n\n## Keeps a#hash\n\n| a | b |\n| --- | :---: |\n| 1 | 2 |\n\n"
        "Setext\n======\n\n* * *\n\n> quoted\n"
    )
    assert paragraphs(source) == ["Title", "Keeps a#hash", "a b", "1 2", "Setext", "quoted"]


def test_link_text_inside_angle_brackets_is_not_taken_for_a_tag() -> None:
    """Found by the property test: the link's text, put back, closed "<" ... ">" into a tag."""
    assert clean_text("<[a link](http://x.y)> ", kind="markdown") == "<a link>"
    assert clean_text("[<b>bold</b> link](http://x.y)", kind="markdown") == "bold link"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("\\\x1f[a link](http://x.y)", "\\a link"),  # the backslash escapes nothing: a link
        ("\\\\\x1f[a link](http://x.y)", "\\a link"),  # an escaped backslash, then a link
        ("\\\\\\\x1f[a link](http://x.y)", "\\\\a link"),
        ("\\[a link](http://x.y)", "[a link](http://x.y)"),  # a real escape stays one
    ],
)
def test_a_control_character_removed_after_a_backslash_does_not_make_an_escape(
    source: str, expected: str
) -> None:
    """Found by the property test: repair removed the control before the parse, and the
    backslash then escaped the link, whose address leaked into the cleaned text."""
    assert clean_text(source, kind="markdown") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Text <script>alert(1)</script> more.", "Text  more."),
        ("a <STYLE type=x>p { color: red }</Style > b", "a  b"),
        ("<script src=x.js></script>kept", "kept"),
        ("a <script>never closed", "a never closed"),  # no closer: the tag alone goes
        ("`<script>x</script>` in code", "<script>x</script> in code"),
    ],
)
def test_scripts_and_styles_go_with_their_content(source: str, expected: str) -> None:
    """A browser runs a script and applies a style but shows neither: their code is not the
    article's text, though raw HTML in Markdown holds them (ads, embeds, MathJax settings)."""
    assert inline(source) == expected


def test_a_script_block_with_blank_lines_goes_whole() -> None:
    """CommonMark's raw HTML block of a script or style runs to its closing tag, blank lines
    and all; cut at each blank line, its code came out as paragraphs."""
    source = (
        "Intro.\n\n<script>\nvar x = 1;\n\nvar y = 2;\n</script>\n\n"
        "<style>\np { color: red }\n\nh1 { margin: 0 }\n</style> tail\n\nEnd."
    )
    assert paragraphs(source) == ["Intro.", "tail", "End."]
    assert clean_text("# T\n\n" + source, kind="markdown") == "T\n\nIntro.\n\ntail\n\nEnd."


def test_template_tags_of_a_site_page_are_not_text() -> None:
    """Jekyll's Liquid, Hugo's shortcodes and Zola's are what the generator replaces with
    markup: in a page a site profile read, the words between a paired tag stay, the tags go,
    in code too. Other Markdown (an imported post about Jinja) keeps its braces."""
    from convert.profiles.base import MappedRecord

    def text(source: str, profile: str) -> list[str]:
        page = MappedRecord({"title": "T"}, source, Source("p.md"), "markdown", profile=profile)
        return clean_record(page).split("\n\n")[1:]

    hugo = (
        'Floods closed the bridge.\n\n{{< figure src="/img/bridge.jpg" caption="Old" >}}\n\n'
        "{{% notice info %}}\nRoads are shut.\n{{% /notice %}}\n\nThe {{ .Title }} story.\n"
    )
    assert text(hugo, "hugo") == [
        "Floods closed the bridge.",
        "Old",  # Hugo's built-in figure shows its caption
        "Roads are shut.",
        "The {{ .Title }} story.",  # no shortcode: Hugo shows it
    ]
    jekyll = (
        '{% include image.html url="/a.png" %}\n\nThe {{ page.title }} story.\n\n'
        "{% highlight ruby %}\nputs 'hi'\n{% endhighlight %}\n\n"
        "Write `{{ page.title }}` in a layout.\n\n```\n{% raw %}{{ x }}{% endraw %}\n```\n"
    )
    assert text(jekyll, "jekyll") == [
        "The story.",
        "puts 'hi'",
        "Write in a layout.",  # Jekyll shows the title there: the tag goes, as in code
        "{{ x }}",  # Liquid reads raw in code too
    ]
    zola = 'The {{ youtube(id="x") }} story {{ page.title }}.\n'
    assert text(zola, "zola") == ["The story {{ page.title }}."]
    jinja = "In Jinja write {{ user.name }} to print it, and {% for x in xs %} to loop."
    record = Record({"title": "T"}, jinja, Source("post.md"), "markdown")
    assert clean_record(record) == "T\n\n" + jinja
    assert paragraphs(jinja) == [jinja]
    assert inline(r"a \{{ literal }} b") == "a {{ literal }} b"


def test_footnotes_keep_their_text_and_lose_their_markers() -> None:
    """A footnote's definition is text of the page (kramdown and goldmark show it at the
    end); its marker in the sentence is a number, not a word."""
    source = (
        "Floods rose[^1] across the region[^note].\n\n"
        "[^1]: Figures from the river authority.\n"
        "[^note]: Measured in June.\n\n[ref]: https://example.com/a\n"
    )
    assert paragraphs(source) == [
        "Floods rose across the region.",
        "Figures from the river authority.",
        "Measured in June.",
    ]
