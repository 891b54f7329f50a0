"""The two readers of the built-in HTML extractor: Lexbor (selectolax) and the lxml fallback.

Both must find the same block lines on the markup shapes the extractor relies on, so a
machine without selectolax cleans pages the same way, only slower.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from convert.text import clean_text, html, html_lexbor, html_paragraphs, lexbor_furniture, pipeline
from convert.text.normalise import collapse, repair

SHAPES = (
    "<html><head><title>T</title><style>p{}</style></head><body>"
    "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav>"
    "<div>Before <b>bold</b> text<p>Inner <i>para</i></p>after the paragraph</div>"
    "<ul><li><a href='/a'>Link one</a></li><li>Plain item with <a href='/b'>a link</a></li></ul>"
    "<p>Line<br>break</p><!-- <p>comment</p> -->"
    "<div hidden>hidden text</div><span style='display: none'>gone too</span>"
    "<p aria-hidden='true'>not read</p><p aria-hidden='false'>read aloud</p>"
    "<form><input value='q'>Search</form><form><p>Form that wraps the article</p></form>"
    "<table><tr><td>Cell A</td><td>Cell B</td></tr></table>"
    "<script>var x = '<p>script</p>';</script><footer>Footer</footer>"
    "<p>Marks \x01 \x03 in\x05 text</p></body></html>"
)


def test_both_readers_find_the_same_lines() -> None:
    _, fast, fast_shares, fast_nesting = html_lexbor.page_lines(SHAPES, title=False)
    _, slow, slow_shares, slow_nesting = html.page_lines(SHAPES, title=False)
    # Control characters go before Lexbor reads the page, after lxml's (both before output).
    assert fast == [collapse(repair(line)) for line in slow]
    assert [line for line in fast if line] == [
        "Before bold text",
        "Inner para",
        "after the paragraph",
        "Link one",
        "Plain item with a link",
        "Line",
        "break",
        "read aloud",
        "Form that wraps the article",
        "Cell A",
        "Cell B",
        "Marks in text",
    ]
    # Paragraph-like blocks stand between blank lines, list items and divisions do not.
    assert fast[:5] == ["Before bold text", "", "Inner para", "", "after the paragraph"]
    # Link text share carries over too.
    assert [round(share, 2) for share in fast_shares] == [round(s, 2) for s in slow_shares]
    assert fast_shares[fast.index("Link one")] == 1.0 and fast_shares[0] == 0.0
    assert 0 < fast_shares[fast.index("Plain item with a link")] < 1
    # (Their places among the block elements may differ: HTML5 adds a table's tbody.)
    assert fast_nesting.owners[fast.index("Cell A")] > slow_nesting.owners[slow.index("Cell A")]


RARE_FURNITURE = (
    "<html><body><p>First</p>"
    "<video><p>Your browser cannot play this</p><div>Download it</div></video>"
    "<div>Kept <select><option>One</option><option>Two</option></select> around</div>"
    "<form><object><p>Plug-in text</p></object>Sign up</form>"
    "<form><button><p>Send</p></button><noscript><p>Enable scripts</p></noscript></form>"
    "<div>Inline <script>var s = '<p>x</p>';</script><label>Name <input></label>end</div>"
    "<form><p>Form that wraps the article</p><audio><p>No audio</p></audio></form>"
    "<picture><source srcset='a.webp'><img alt='x'></picture><menu><li>Menu item</li></menu>"
    "<dialog open><p>A dialog</p></dialog><map name='m'><area alt='a'></map>"
    "<math><mi>x</mi></math><canvas>Canvas fallback</canvas><p>Last</p>"
    "<label>Pick <select><option>One</option></select></label><script>var t;</script>"
    "</body></html>"
)


def test_both_readers_drop_the_furniture_taken_out_while_marking_alike() -> None:
    _, fast, fast_shares, fast_nesting = html_lexbor.page_lines(RARE_FURNITURE, title=False)
    _, slow, slow_shares, slow_nesting = html.page_lines(RARE_FURNITURE, title=False)
    assert fast == slow
    assert fast_shares == slow_shares
    assert fast_nesting == slow_nesting
    # A form whose only paragraph is inside furniture goes as a form without one does.
    assert [line for line in fast if line] == [
        "First",
        "Kept around",
        "Inline end",
        "Form that wraps the article",
        "Last",
    ]


RUBY = (
    "<html><body><p>きょうは<ruby>東京<rt>とうきょう</rt></ruby>で"
    "<ruby>雨<rp>(</rp><rt>あめ</rt><rp>)</rp></ruby>がふりました。</p>"
    "<p><ruby>汉<rt>hàn</rt>字<rt>zì</rt></ruby>, in pinyin.</p>"
    "</body></html>"
)


def test_both_readers_read_a_ruby_without_its_annotations() -> None:
    """The reading above a word (and the brackets around it where ruby is not shown) is no
    text of the sentence: read inline, each annotated word came twice."""
    assert _lines_of_both(RUBY) == ["きょうは東京で雨がふりました。", "汉字, in pinyin."]


def _lines_of_both(page: str) -> list[str]:
    """The non-blank lines both readers read from ``page``, checked to be the same."""
    lexbor, lxml = (
        [line for line in reader.page_lines(page, title=False)[1] if line]
        for reader in (html_lexbor, html)
    )
    assert lexbor == lxml
    return lexbor


NOSCRIPT = (
    "<html><head><noscript><img src='pixel.gif'></noscript><title>Site</title></head><body>"
    "<noscript><div id='no-js'></noscript>"  # a div never closed inside the noscript
    "<div><p>First paragraph of the article.</p><p>Second paragraph.</p></div>"
    "<noscript><p>Please enable JavaScript.</NOSCRIPT >"  # nor this paragraph
    "<script>var tag = '<noscript>';</script><!-- <noscript> --><p>Last paragraph.</p>"
    "<noscript><p>Unclosed to the end"
)


def test_both_readers_read_noscript_as_a_browser_running_scripts_does() -> None:
    """What a noscript holds is text up to its closing tag and goes with it; an element left
    open inside one does not take the rest of the page with it."""
    assert _lines_of_both(NOSCRIPT) == [
        "First paragraph of the article.",
        "Second paragraph.",
        "Last paragraph.",
    ]


def test_noscript_is_emptied_only_where_it_is_a_tag() -> None:
    from convert.text.html import _noscript_emptied

    assert _noscript_emptied("<p>a</p><noscript><b>x</b></noscript><p>b</p>") == (
        "<p>a</p><noscript></noscript><p>b</p>"
    )
    kept = "<script>s = '<noscript>';</script><style>/* <noscript> */</style><!-- <noscript> -->"
    assert _noscript_emptied(kept + "<p>text</p></noscript>") == kept + "<p>text</p></noscript>"
    never_closed = "<p>a</p><noscript data-x=1><p>b"  # left to the parser
    assert _noscript_emptied(never_closed) == never_closed
    as_text = (
        "<div title='<noscript>'>x</div><title>T <noscript></title><!--><p>one</p></noscript>",
        "<xmp><noscript></xmp><iframe><noscript></iframe><p>two</p></noscript>",
    )
    assert [_noscript_emptied(markup) for markup in as_text] == list(as_text)
    assert _noscript_emptied("<!---><noscript><p>x</p></noscript>") == (
        "<!---><noscript></noscript>"
    )


FORM_PAGE = (
    "<html><body><div><form><input name='q'>Search the site</form></div>"
    "<form id='aspnetForm'><div class='post'>A forum post's first line<br>"
    "and its second line</div><div class='post'>A reply to it</div></form></body></html>"
)


def test_a_form_holding_the_page_stays_and_a_small_one_goes_with_either_reader() -> None:
    assert _lines_of_both(FORM_PAGE) == [
        "A forum post's first line",
        "and its second line",
        "A reply to it",
    ]
    beside = FORM_PAGE.replace("<body>", "<body><p>" + "Article text. " * 40 + "</p>")
    assert _lines_of_both(beside) == ["Article text. " * 39 + "Article text."]


POST = "A forum post's line of text, broken by a line break from the next one. "


def _wrapped_form(lines: int, script: int = 0) -> str:
    """A form holding ``lines`` lines of a post (broken by <br>, no paragraph) and a script
    of ``script`` characters, inside a wrapper div, beside a search form and a short footer
    line."""
    post = "<br>".join([POST.strip()] * lines)
    return (
        "<html><body><div id='wrapper'><div class='top'><form><input name='q'>Search</form>"
        f"</div><form id='aspnetForm'><div class='post'>{post}</div>"
        f"<script>{'s' * script}</script></form><div>Site line</div></div></body></html>"
    )


@pytest.mark.parametrize(
    ("lines", "script", "kept"),
    [
        (10, 0, True),  # 720 characters inside a wrapper: the page, kept
        (6, 0, False),  # 432: under NESTED_PAGE_CHARS, a form like any other
        (6, 400, False),  # nor does a script make its text more
    ],
)
def test_a_form_holding_the_page_inside_a_wrapper_stays_with_either_reader(
    lines: int, script: int, kept: bool
) -> None:
    assert _lines_of_both(_wrapped_form(lines, script)) == (
        [POST.strip()] * lines if kept else []
    ) + ["Site line"]


def _forms(*shares: int, script: int = 0) -> str:
    """Sibling forms without paragraphs, holding ``shares`` hundreds of characters each, then
    a script of ``script`` hundred characters."""
    forms = "".join(
        f"<form><div>{chr(65 + k) * 100 * n}</div></form>" for k, n in enumerate(shares)
    )
    tail = f"<div>{'z' * 100}</div><script>{'s' * 100 * script}</script>"
    return f"<html><body>{forms}{tail}</body></html>"


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        (_forms(3, 3), []),  # neither holds half of the page (6 of 7 between them)
        (_forms(6, 1), ["A" * 600]),  # the one that does stays
        (_forms(6, 1, script=30), ["A" * 600]),  # a script is no text of the page
    ],
)
def test_forms_are_judged_against_the_whole_page_alike_by_either_reader(
    page: str, kept: list[str]
) -> None:
    assert _lines_of_both(page) == [*kept, "z" * 100]


def test_the_page_is_measured_once_however_many_forms_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[int] = []
    measure = lexbor_furniture._read_chars

    def counted(node: Any) -> int:
        read.append(1)
        return measure(node)

    monkeypatch.setattr(lexbor_furniture, "_read_chars", counted)
    html_lexbor.page_lines(_forms(*[1] * 50), title=False)
    assert len(read) == 51  # body once, then each form its own text


STREAMED = (
    "<html><body><header><div>Site name</div></header><!--$?--><template id='B:0'></template>"
    "<div>Loading</div><!--/$--><div hidden id='S:0'><article><h1>Streamed title</h1>"
    "<p>The article's first paragraph, streamed in.</p></article></div>"
    "<script>$RC('B:0','S:0')</script><div hidden id='menu'><p>Hidden menu</p></div>"
    "<div hidden><p>Hidden too</p></div><div hidden id='S:1' aria-hidden='true'><p>Not read</p>"
    "</div><div hidden id='S:2' style='display: none'><p>Nor this</p></div></body></html>"
)


def test_both_readers_read_react_streamed_segments_where_they_stand() -> None:
    """A React page's streamed segments (hidden divs with ids S:0, S:1, ...) are shown by the
    page's script at once: read as text; other hidden elements still go."""
    assert _lines_of_both(STREAMED) == [
        "Site name",
        "Loading",
        "Streamed title",
        "The article's first paragraph, streamed in.",
    ]


UNTIL_FOUND = (
    "<html><body><h2>Lead</h2><p>The lead paragraph.</p>"
    "<h2>History</h2><section hidden='until-found'><p>A collapsed section.</p></section>"
    "<h2>Legacy</h2><div hidden='Until-Found '><p>Another one.</p></div>"
    "<div hidden='hidden'><p>A hidden menu.</p></div><div hidden><p>Hidden too.</p></div>"
    "</body></html>"
)


def test_both_readers_read_what_is_hidden_until_found() -> None:
    """Collapsed sections hidden until a search finds them show to a reader; other hidden
    elements still go."""
    assert _lines_of_both(UNTIL_FOUND) == [
        "Lead",
        "The lead paragraph.",
        "History",
        "A collapsed section.",
        "Legacy",
        "Another one.",
    ]


SENTENCE = "A sentence of the article, which a reader sees on the page. "


def _behind_a_dialog(wrapper: str, sentences: int, beside: int = 0) -> str:
    """A page whose wrapper (opening tag ``wrapper``) holds ``sentences`` sentences and an
    icon hidden from screen readers, ``beside`` more sentences outside it, and an open
    dialog."""
    return (
        f"<html><body>{wrapper}<article><p>{SENTENCE * sentences}</p>"
        "<p><span aria-hidden='true'>★</span>Rated</p></article></div>"
        f"<div><p>{SENTENCE * beside}</p></div>"
        "<div role='dialog'><p>We use cookies.</p></div></body></html>"
    )


@pytest.mark.parametrize(
    ("page", "lines"),
    [
        # A dialog's script marks the rest of the page hidden from screen readers: shown.
        (_behind_a_dialog("<div id='app' aria-hidden='true'>", 10), [SENTENCE * 10, "Rated"]),
        # Hidden by its style too, it goes.
        (_behind_a_dialog("<div aria-hidden='true' style='display:none'>", 10), []),
        # Holding less than half of the page's text, or under NESTED_PAGE_CHARS, it goes.
        (_behind_a_dialog("<div aria-hidden='true'>", 10, beside=12), [SENTENCE * 12]),
        (_behind_a_dialog("<div aria-hidden='true'>", 5), []),
    ],
)
def test_both_readers_show_the_page_when_its_wrapper_is_hidden_from_screen_readers_alone(
    page: str, lines: list[str]
) -> None:
    assert _lines_of_both(page) == [line.strip() for line in lines if line] + ["We use cookies."]


SHADOW = (
    "<html><body><x-card><template shadowrootmode='open'><h2>Heading</h2><p>Shadow text</p>"
    "<template><p>A template inside</p></template><div hidden><p>Hidden inside</p></div>"
    "<x-in><template shadowrootmode='closed'><p>A shadow root inside</p></template></x-in>"
    "<slot></slot></template><p>Light text</p></x-card>"
    "<x-old><template class='a' shadowroot='open'><p>Older attribute</p></template></x-old>"
    "<template><p>Not shown</p></template><div>After</div></body></html>"
)


def test_both_readers_read_a_declarative_shadow_root_where_it_stands() -> None:
    """What a shadow root's template holds is shown in its parent, read as the rest of the
    page is; a template's content otherwise is not."""
    assert _lines_of_both(SHADOW) == [
        "Heading",
        "Shadow text",
        "A shadow root inside",
        "Light text",
        "Older attribute",
        "After",
    ]


PRE = (
    "<html><body><pre>Hello all,\n\nThe council <a href='/m'>met</a> on Tuesday\nevening.\n"
    "  \nRegards,\nJane\n</pre><p>After</p><pre>One line</pre>"
    "<pre>Before a block:\n\n<div>inner</div>\n\ntail\n\nend</pre></body></html>"
)


def test_both_readers_part_preformatted_text_at_its_blank_lines() -> None:
    """A mail or a text file in a <pre> keeps its paragraphs (its text up to an inner block,
    as rare as it is); its other line breaks read as spaces, as a paragraph's do."""
    lexbor = html_lexbor.page_lines(PRE, title=False)
    assert lexbor == html.page_lines(PRE, title=False)
    assert [line for line in lexbor[1] if line] == [
        "Hello all,",
        "The council met on Tuesday evening.",
        "Regards, Jane",
        "After",
        "One line",
        "Before a block:",
        "inner",
        "tail end",
    ]
    share = lexbor[2][lexbor[1].index("Hello all,")]
    assert share == lexbor[2][lexbor[1].index("Regards, Jane")] > 0  # the whole block's


def test_lexbor_reads_utf8_bytes_as_the_text_they_encode() -> None:
    page = SHAPES.replace("Cell A", "Céllule «A» ✓")
    assert html_lexbor.page_lines(page.encode(), title=True) == html_lexbor.page_lines(
        page, title=True
    )


@pytest.mark.parametrize("title", ["<h1>Heading one</h1>", ""])
def test_both_readers_find_the_same_title(title: str) -> None:
    page = (
        "<html><head><title>Site title</title><meta property='og:title' content='Og title'>"
        f"</head><body>{title}<p>Body</p></body></html>"
    )
    assert html_lexbor.page_lines(page, title=True)[0] == html.page_lines(page, title=True)[0]
    assert html_lexbor.page_lines(page, title=True)[0] == ("Heading one" if title else "Og title")


@pytest.mark.parametrize(
    ("header", "title"),
    [
        # A theme's header names the site in an h1 on every page, linked home.
        (
            "<h1 id='site-title'><span><a href='https://blog.example/' rel='home'>My Blog</a>"
            "</span></h1>",
            "Post title",
        ),
        ("<h1 class='heading'><a href='index.html'><span>The manual</span></a></h1>", "Post title"),
        ("<h1><a href='/'>Site</a></h1>", "Post title"),
        ("<h1><a rel='Home' href='/about'>Site</a></h1>", "Post title"),
        # A heading that links elsewhere, or holds more than its link, is the page's.
        ("<h1><a href='/2024/05/post'>Linked post title</a></h1>", "Linked post title"),
        ("<h1>News from <a href='/'>the site</a></h1>", "News from the site"),
        ("<h1><a href=''>This page</a></h1>", "This page"),
    ],
)
def test_both_readers_pass_over_an_h1_that_names_the_site(header: str, title: str) -> None:
    page = (
        "<html><head><title>Post title - My Blog</title></head><body>"
        f"<header>{header}</header><article><h1>Post title</h1><p>Body</p></article></body></html>"
    )
    assert html_lexbor.page_lines(page, title=True)[0] == title
    assert html.page_lines(page, title=True)[0] == title


@pytest.mark.parametrize(
    ("before", "title"),
    [
        ("<nav><h1>Menu</h1></nav>", "Post title"),
        ("<aside><h1>Popular</h1></aside>", "Post title"),
        ("<div style='display: none'><div><h1>Mobile header</h1></div></div>", "Post title"),
        ("<h1 hidden>Hidden heading</h1>", "Post title"),
        ("<footer><h1>Site</h1></footer>", "Post title"),
        # Hidden from screen readers alone, or until found, a heading is seen.
        ("<div aria-hidden='true'><h1>Behind a dialog</h1></div>", "Behind a dialog"),
        ("<section hidden='until-found'><h1>Collapsed</h1></section>", "Collapsed"),
    ],
)
def test_both_readers_take_the_title_from_an_h1_a_reader_sees(before: str, title: str) -> None:
    page = (
        f"<html><head><title>Post title - Site</title></head><body>{before}"
        "<article><h1>Post title</h1><p>Body</p></article></body></html>"
    )
    assert html_lexbor.page_lines(page, title=True)[0] == title
    assert html.page_lines(page, title=True)[0] == title


def test_a_page_whose_only_h1_names_the_site_takes_its_og_title() -> None:
    page = (
        "<html><head><title>Site title</title><meta property='og:title' content='Og title'>"
        "</head><body><h1><a href='/' rel='home'>Site</a></h1><p>Body</p></body></html>"
    )
    assert html_lexbor.page_lines(page, title=True)[0] == "Og title"
    assert html.page_lines(page, title=True)[0] == "Og title"


@pytest.fixture(params=["lexbor", "lxml"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """clean_text with each reader in turn (lxml as where selectolax cannot be imported)."""
    if request.param == "lxml":
        monkeypatch.setattr(html_paragraphs, "_lexbor", lambda: None)
    yield request.param


def test_clean_text_reads_html_with_either_reader(reader: str) -> None:
    from tests.text.test_text_extractor import ARTICLE, PAGE

    out = clean_text(PAGE, kind="html", extractor="builtin")
    assert out == "\n\n".join(["Pier to reopen in the spring", *ARTICLE])


def test_lexbor_is_the_reader_where_selectolax_is_installed() -> None:
    assert html_paragraphs._lexbor() is html_lexbor


_FORM = LexborHTMLParser("").create_node("form").tag_id


class _Element:
    """Stands in for a Lexbor element: decomposing frees it and all it holds, and a freed
    element must never be read again (Lexbor would read freed memory)."""

    def __init__(
        self,
        attributes: dict[str, str | None],
        parent: _Element | None = None,
        *,
        form: bool = False,
    ) -> None:
        self._attributes = attributes
        self.parent = parent
        self.freed = False
        self.tag_id = _FORM if form else -1  # no other element Lexbor names
        self.mem_id = id(self)

    def _check_alive(self) -> None:
        node: _Element | None = self
        while node is not None:
            assert not node.freed, "an element was read after it was freed"
            node = node.parent

    @property
    def attributes(self) -> dict[str, str | None]:
        self._check_alive()
        return self._attributes

    def css_first(self, selector: str) -> None:
        self._check_alive()
        return None

    def decompose(self, recursive: bool = True) -> None:
        self._check_alive()
        self.freed = True


class _Tree:
    """Stands in for a Lexbor tree of the elements given in document order: a walk or a
    selection finds only the elements still in it (none freed, nor any that holds them)."""

    head = body = None  # a page without them

    def __init__(self, found: list[_Element]) -> None:
        self.found = found

    def strip_tags(self, tags: list[str]) -> None:
        pass

    def _present(self) -> list[_Element]:
        return [element for element in self.found if _in_tree(element)]

    def tags(self, name: str) -> list[_Element]:
        assert name == "form"
        return [element for element in self._present() if element.tag_id == _FORM]

    def css(self, selector: str) -> list[_Element]:
        # An element matching two of the selectors is listed once for each.
        assert selector == lexbor_furniture._MAY_HIDE
        return [
            element
            for element in self._present()
            for name in ("hidden", "aria-hidden", "style")
            if name in element.attributes
        ]


def _in_tree(element: _Element | None) -> bool:
    while element is not None:
        if element.freed:
            return False
        element = element.parent
    return True


def test_furniture_inside_removed_furniture_is_never_read_after_it_was_freed() -> None:
    outer = _Element({"hidden": None})
    inner = _Element({"style": "display: none"}, parent=outer)
    innermost = _Element({"aria-hidden": "true"}, parent=inner)
    shown = _Element({"style": "color: red"}, parent=outer)
    form = _Element({}, form=True)
    nested_form = _Element({}, parent=form, form=True)
    hidden_form = _Element({"hidden": None, "style": "display: none"}, form=True)
    held = _Element({"hidden": None}, parent=form)
    found = [outer, inner, innermost, shown, form, nested_form, held, hidden_form]  # in order
    lexbor_furniture.strip_furniture(_Tree(found))  # type: ignore[arg-type]
    assert outer.freed and form.freed and hidden_form.freed and not shown.freed


def test_control_characters_after_removed_furniture_read_alike_in_either_reader(
    reader: str,
) -> None:
    """libxml2 reads control characters into the tree that lxml then refuses to set as the
    text a removed element's tail is joined to: the lxml reader raised. The ones Python
    takes for white space part words, the others go (as repair takes them out)."""
    page = (
        "<html><body><p>One <span hidden>x</span>two\x01three, and <b>more</b>\x0b"
        "<i hidden>y</i>\x1fend.\x1c<u hidden>z</u>Done.</p></body></html>"
    )
    out = clean_text(page, kind="html", extractor="builtin")
    assert out == "One twothree, and more end. Done."


def test_character_references_to_marker_characters_split_nothing_they_should_not() -> None:
    page = "<p>one&#1;</p><p>&#1;&#1;two&#x1e;&#1;</p><div>&#1;</div>"
    assert clean_text(page, kind="html", extractor="builtin") == "one\n\ntwo"


def _recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, type]]:
    """The calls of the Lexbor reader's two entries, by name and the type of page given."""
    given: list[tuple[str, type]] = []
    for name in ("page_lines", "utf8_page_lines"):
        read = getattr(html_lexbor, name)

        def recording(
            markup: str | bytes, *, title: bool, name: str = name, read: Any = read
        ) -> Any:
            given.append((name, type(markup)))
            return read(markup, title=title)

        monkeypatch.setattr(html_lexbor, name, recording)
    return given


GERMAN = (
    "<html><body><h1>Überschrift</h1><p>Ein Absatz über die Brücken der Stadt, von denen zwei im "
    "Winter gesperrt werden.</p></body></html>"
)


def test_lexbor_is_given_the_page_bytes_when_they_are_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    given = _recorded(monkeypatch)
    for data in (GERMAN.encode(), GERMAN.encode("cp1252"), GERMAN):
        assert clean_text(data, kind="html", extractor="builtin") == (
            "Überschrift\n\nEin Absatz über die Brücken der Stadt, von denen zwei im Winter "
            "gesperrt werden."
        )
    # windows-1252 bytes read as UTF-8 hold a U+FFFD: the page is decoded and read again.
    assert given == [
        ("utf8_page_lines", bytes),
        ("utf8_page_lines", bytes),
        ("page_lines", str),
        ("page_lines", str),
    ]


def test_utf8_bytes_are_cleaned_without_decoding_them(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(data: bytes) -> tuple[str, bool]:
        raise AssertionError("decoded")

    monkeypatch.setattr(pipeline, "decode_utf8", refused)
    assert clean_text(GERMAN.encode(), kind="html", extractor="builtin").startswith("Überschrift")
    fragment = "<p>Zwei <b>Wörter</b></p>".encode()
    assert clean_text(fragment, kind="html", boilerplate=False) == "Zwei Wörter"


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff".encode() + GERMAN.encode(),  # a byte-order mark
        GERMAN.replace("<html>", '<html><meta charset="windows-1252">').encode("cp1252"),
        GERMAN.replace("<html>", '<html><meta charset="iso-8859-2">').encode(),
        GERMAN.replace("Brücken", "Br\ufffdcken").encode(),  # the page's own U+FFFD
        GERMAN.replace("<h1>Überschrift</h1>", "")
        .replace("<body>", "<head><title>\ufffd</title></head><body>")
        .encode(),
        GERMAN.encode().replace("Brücken".encode(), b"Br\xfccken"),  # one stray byte
    ],
)
def test_bytes_read_undecoded_or_decoded_clean_as_their_text_does(data: bytes) -> None:
    from convert.text.decode import decode

    expected = clean_text(decode(data), kind="html", extractor="builtin")
    assert clean_text(data, kind="html", extractor="builtin") == expected


def test_bytes_of_another_encoding_or_with_u_fffd_read_are_decoded_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = _recorded(monkeypatch)
    declared = GERMAN.replace("<html>", '<html><meta charset="iso-8859-2">').encode()
    own = GERMAN.replace("Brücken", "Br\ufffdcken").encode()
    for data in ("\ufeff".encode() + GERMAN.encode(), declared, own):
        clean_text(data, kind="html", extractor="builtin")
    assert given == [
        ("page_lines", str),  # a byte-order mark: decoded, and the text given
        ("page_lines", bytes),  # UTF-8 declared otherwise: decoded, and the bytes given
        ("utf8_page_lines", bytes),  # U+FFFD read: decoded, and the bytes read again
        ("page_lines", bytes),
    ]


def test_a_block_line_that_repair_breaks_in_two_does_not_lose_the_page() -> None:
    # "â\x80¨" is a LINE SEPARATOR read as cp1252: ftfy restores it and it becomes a line break,
    # so the repaired page has more lines than the reader gave link shares for.
    prose = "<p>The council met on Tuesday and voted to repair the old bridge this year.</p>"
    broken = "<div>Launch your business,\u00e2\u0080\u00a8not your stress levels.</div>"
    page = f"<html><body>{prose * 3}{broken * 3}</body></html>"
    out = clean_text(page, kind="html", extractor="builtin")
    assert out.startswith("The council met on Tuesday")


def test_markers_go_in_by_the_bytes_version_of_the_insertions_or_by_the_method_itself() -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser("<div>a<p>b</p>c</div>")
    paragraph = tree.css_first("p")
    assert paragraph is not None
    html_lexbor._INSERT_BEFORE(paragraph, b"[")
    html_lexbor._INSERT_AFTER(paragraph, b"]")
    assert tree.css_first("div").text() == "a[b]c"  # type: ignore[union-attr]

    def plain(node: object, value: bytes) -> None:  # no versions to pick from
        pass

    assert html_lexbor._for_bytes(plain) is plain


NESTED = (
    "<body>Loose<div><h2>Head</h2><div><p>One</p><p>Two <b>bold</b></p>tail</div></div>"
    "<ul><li>Item</li></ul></body>"
)


@pytest.mark.parametrize("reader", [html_lexbor.page_lines, html.page_lines])
def test_each_line_knows_its_innermost_block_and_each_block_its_parent(reader: Any) -> None:
    _, lines, _, nesting = reader(NESTED, title=False)
    owned = {line: owner for line, owner in zip(lines, nesting.owners, strict=True) if line}
    assert lines == ["Loose", "", "Head", "", "One", "", "Two bold", "", "tail", "Item"]
    blank = [owner for line, owner in zip(lines, nesting.owners, strict=True) if not line]
    assert blank == [-1] * 4
    # 0 is the page; then div 1, h2 2, div 3, p 4, p 5, ul 6, li 7 in document order.
    assert nesting.parents == [-1, 0, 1, 1, 3, 3, 0, 6]
    assert owned == {"Loose": 0, "Head": 2, "One": 4, "Two bold": 5, "tail": 3, "Item": 7}


def test_raw_marker_and_nul_characters_in_text_markup_are_cleared_as_in_bytes() -> None:
    """Text is encoded before it is cleared of the characters the reader marks blocks with:
    a page given as text reads as the same page given as UTF-8 bytes, and a lone surrogate
    goes as selectolax would drop it."""
    page = (
        "<html><body><p>One\x01\x1d two\x00 three \x04four\x05 five.</p>"
        "<p>Caf\u00e9 \ud800au lait \x02\x03six.</p></body></html>"
    )
    as_text = html_lexbor.page_lines(page, title=True)
    as_bytes = html_lexbor.page_lines(page.encode("utf-8", "ignore"), title=True)
    assert as_text == as_bytes
    assert as_text[1] == ["One two three four five.", "", "Café au lait six.", ""]
