"""clean_text and clean_record end to end on small, hand-made inputs."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from convert.record import Record, Source
from convert.text import TRUNCATION, clean_record, clean_text, mark_truncation, pipeline, sniff
from convert.text.kinds import whole_page

PROSE = [
    "The city council voted on Tuesday to close the old bridge for repairs, which will take "
    "most of the coming year and cost more than the council had planned.",
    "Residents who rely on the crossing said they were worried about longer journeys, and "
    "several shop owners asked whether the council would help them through the closure.",
    "The mayor said that a ferry would run every twenty minutes while the work goes on, and "
    "that the new deck should last for at least another fifty years.",
    "Engineers found the cracks during an inspection in the spring, after a lorry that was "
    "too heavy for the bridge had crossed it several times over the winter.",
]
PAGE = "\n".join(
    [
        "Home",
        "News",
        "Sport",
        "Weather",
        "Contact",
        "Log in",
        "Subscribe",
        "",
        "Council to close the old bridge for a year",
        "",
        "By Jane Smith",
        "12.03.2021",
        "",
        *(line + "\n" for line in PROSE),
        "Share this article",
        "Facebook",
        "Twitter",
        "Email",
        "",
        "More Stories",
        "Five Things To Do This Weekend",
        "Local Team Wins The Cup Again",
        "",
        "© 2021 Example News Ltd. All rights reserved.",
        "Privacy Policy | Terms of Use | Cookies",
    ]
)


def test_page_keeps_article_and_title_drops_furniture() -> None:
    out = clean_text(PAGE)
    paragraphs = out.split("\n\n")
    assert paragraphs[0] == "Council to close the old bridge for a year"
    assert paragraphs[1:] == PROSE
    for furniture in ("Home", "Share this", "©", "Privacy", "More Stories", "Weekend"):
        assert furniture not in out


def test_output_shape() -> None:
    out = clean_text(PAGE)
    assert "\n\n\n" not in out and not out.startswith("\n") and not out.endswith("\n")


def test_html_page() -> None:
    page = (
        "<!doctype html><html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav><h1>Bridge &amp; river</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "<div hidden>secret</div><script>var x = '<p>';</script>"
        "<footer>© 2021 Example</footer><form><input value='q'>Search</form></body></html>"
    )
    out = clean_text(page.encode(), kind="html", extractor="builtin")
    assert out.split("\n\n") == ["Bridge & river", *PROSE]


def test_a_line_that_repair_breaks_keeps_the_link_shares_of_the_lines_after_it() -> None:
    """A LINE SEPARATOR read as cp1252 ("â\x80¨") becomes a line break once repaired: the
    lines after it keep their own link share, so a teaser that is all link still goes."""
    teaser = (
        "Read next: the harbour board agreed on Monday to rebuild the north pier, which has "
        "been closed to boats since the storms of last winter."
    )
    page = (
        "<html><body><h1>Bridge</h1>"
        + "".join(f"<p>{p}</p>" for p in PROSE[:2])
        + "<p>Start your week,\u00e2\u0080\u00a8with the news that matters.</p>"
        + "".join(f"<p>{p}</p>" for p in PROSE[2:])
        + f"<p><a href='/pier'>{teaser}</a></p></body></html>"
    )
    out = clean_text(page.encode(), kind="html", extractor="builtin")
    assert all(p in out for p in PROSE)
    assert "harbour board" not in out


def test_html_fragment_is_kept_whole() -> None:
    fragment = (
        "<h2>Intro</h2><p>Short &#8217;one&#8217;.</p><ul><li>first</li><li>second</li></ul>"
        "<blockquote>quoted</blockquote><aside>aside</aside><p style='display: none'>x</p>"
    )
    assert clean_text(fragment).split("\n\n") == [
        "Intro",
        "Short ’one’.",
        "first",
        "second",
        "quoted",
    ]


def test_markdown() -> None:
    md = (
        "# Heading\n\nSome *emphasis*, **strong**, a [link](https://x.org/a) and "
        "![an image](i.png) with `code_here`.\n\n- item one\n- item two\n\n```\nx = 1\n```\n"
    )
    assert clean_text(md).split("\n\n") == [
        "Heading",
        "Some emphasis, strong, a link and with code_here.",
        "item one",
        "item two",
        "x = 1",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<p>a</p><p>b</p>", "html"),
        ("<!DOCTYPE html><title>x</title>", "html"),
        ("# T\n\n[a](http://b)", "markdown"),
        ("Just words. 3 < 4 and *one* star.", "text"),
    ],
)
def test_sniff(text: str, kind: str) -> None:
    assert sniff(text) == kind


def test_truncation_marked_once() -> None:
    assert mark_truncation("cut here ...") == "cut here" + TRUNCATION
    assert mark_truncation("cut here…") == "cut here…"
    assert mark_truncation("whole.") == "whole."
    assert mark_truncation("...") == "..."


def record(meta: dict[str, object], body: str, fmt: str = "text") -> Record:
    return Record(meta=meta, body=body, source=Source("x.md"), body_format=fmt)  # type: ignore[arg-type]


def test_record_without_body_gives_title_and_excerpt() -> None:
    rec = record({"title": "A title", "excerpt": "Words and more words ..."}, "\n")
    assert clean_record(rec) == "A title\n\nWords and more words…"


def test_record_with_front_matter_keeps_short_paragraphs() -> None:
    rec = record({"title": "T"}, "# T\n\nShort.\n\nAlso short.", "markdown")
    assert clean_record(rec) == "T\n\nShort.\n\nAlso short."


def test_record_without_front_matter_is_a_scraped_page() -> None:
    out = clean_record(record({}, PAGE))
    assert out.startswith("Council to close the old bridge for a year\n\n") and "Sport" not in out


@pytest.mark.parametrize(
    "junk", ["", " \n\t", "\x00\x00", b"", b"\x00\xff\xfe\x00" * 50, b"<html", "<<<>>>", "&#0;"]
)
def test_bad_input_never_crashes(junk: str | bytes) -> None:
    for kind in (None, "text", "html", "markdown"):
        out = clean_text(junk, kind=kind)  # type: ignore[arg-type]
        assert "\x00" not in out


def test_merge_adds_long_missed_paragraphs_in_page_order() -> None:
    from convert.text.html_paragraphs import merge as _merge

    long = " ".join(["word"] * 25)
    theirs = ["First kept paragraph.", "Second kept paragraph."]
    ours = ["First kept paragraph.", long, "Short extra line", "Second kept paragraph."]
    assert _merge(theirs, ours) == ["First kept paragraph.", long, "Second kept paragraph."]


@pytest.mark.parametrize(("value", "shown"), [(2024, "2024"), (1.5, "1.5")])
def test_numeric_title_is_kept(value: object, shown: str) -> None:
    """YAML reads ``title: 2024`` as an int; the title must not vanish without a word."""
    cleaned = clean_record(record({"title": value}, "Body text here."))
    assert cleaned == f"{shown}\n\nBody text here."


def test_boolean_title_is_not_text() -> None:
    assert clean_record(record({"title": True}, "Body text here.")) == "Body text here."


def test_each_paragraph_is_settled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """clean_record settles (repair + collapse, up to three rounds) each part once, not once
    in clean_text and again when the title is put in front."""
    from convert.text import joining

    calls: Counter[str] = Counter()
    settle = joining.settle

    def counting(paragraph: str) -> str:
        calls[paragraph] += 1
        return settle(paragraph)

    monkeypatch.setattr(joining, "settle", counting)
    monkeypatch.setattr(pipeline, "settle", counting)
    body = "# Heading\n\nOne paragraph.\n\nTwo paragraphs."
    cleaned = clean_record(record({"title": "Title"}, body, "markdown"))
    assert cleaned == "Title\n\nHeading\n\nOne paragraph.\n\nTwo paragraphs."
    # Paragraphs that need no repair skip the settling rounds altogether; none is settled twice.
    assert "Title" in calls
    assert set(calls) <= {"Title", "Heading", "One paragraph.", "Two paragraphs."}
    assert set(calls.values()) == {1}


def test_html_is_parsed_once_beside_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """Our extractor, merged with trafilatura's paragraphs, reuses the tree parsed for the
    title instead of parsing the markup again."""
    from convert.text import html_lexbor, html_paragraphs, traf

    parses: list[str] = []
    parse = html_lexbor.LexborHTMLParser

    def counting(markup: str, **options: Any) -> Any:
        parses.append(markup)
        return parse(markup, **options)

    assert html_paragraphs._lexbor() is html_lexbor
    monkeypatch.setattr(html_lexbor, "LexborHTMLParser", counting)
    monkeypatch.setattr(traf, "extract", lambda markup, required=False: ["Their paragraph."])
    page = "<html><body><h1>A title</h1><p>Their paragraph.</p></body></html>"
    assert clean_text(page, kind="html", extractor="auto") == "A title\n\nTheir paragraph."
    assert len(parses) == 1


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("<br />\n<b>Warning</b>: deprecated in x.php<br />\n<div><p>Article</p></div>", "html"),
        ("#Amplify\n#WorkFromHome\nReviews\nMenu\n", "text"),
        ("* Home\n* About\n\nThe article itself.", "text"),
    ],
)
def test_sniff_judges_whole_pages_unlike_the_body_sniffer(page: str, kind: str) -> None:
    """Pages may open with junk before their markup, and menus look like Markdown lists:
    the record-body sniffer (first characters and file name) would misjudge these."""
    from convert.loading import sniff_body_format

    assert sniff(page) == kind
    assert sniff_body_format(page) != kind


def test_a_page_that_opens_with_a_long_style_sheet_is_still_a_whole_page() -> None:
    """A saved page may hold tens of kilobytes of its head before its doctype (a labelled page
    held 51 kB): it was taken for a fragment, and its menu was kept."""
    from tests.text.test_text_extractor import PAGE

    links = " ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(12))
    page = PAGE.replace("<body>", f'<body><div class="menu">{links}</div>', 1)
    styles = "<style>" + "/* стиль */ .rule { color: red; }\n" * 3000 + "</style>\n<!-- -->\n"
    styles += '<title>A page</title><meta charset="utf-8"><link rel="icon" href="/i.png">\n'
    as_page = clean_text(page, kind="html", extractor="builtin", boilerplate=True)
    assert "Section 3" not in as_page
    assert "Section 3" in clean_text(page, kind="html", extractor="builtin", boilerplate=False)
    for given in (styles + page, (styles + page).encode("utf-8")):
        assert whole_page(given)
        assert clean_text(given, kind="html", extractor="builtin") == as_page


def test_a_fragment_is_not_a_whole_page_for_the_markup_far_into_it() -> None:
    """Only what a page opens with is passed over: a fragment that quotes a page's tags in a
    script further on is still a fragment."""
    fragment = "<p>A paragraph of the body.</p>" * 300
    fragment += '<script>var shell = "<html><body></body></html>";</script>'
    assert not whole_page(fragment)
    assert not whole_page(fragment.encode("utf-8"))
    assert whole_page("<style>p {}</style>\n<script>x()</script>" + "<html><p>x</p>")
