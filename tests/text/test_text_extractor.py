"""The ``html`` extra for real, its fallback when it cannot be imported, and wrong calls."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from convert.text import clean_text, traf

ARTICLE = [
    "The harbour authority said on Monday that the northern pier will reopen in the spring, "
    "after two years of repairs that cost far more than the town had first been told.",
    "Fishing crews, who have had to land their catch at a port forty miles away, welcomed "
    "the news but asked why the work had taken so much longer than promised at the start.",
    "An engineer who worked on the project said the old timber piles had rotted much deeper "
    "than the first survey showed, and every one of them had to be replaced with steel.",
]
PAGE = (
    "<!doctype html><html><head><title>Pier to reopen</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Pier to reopen in the spring</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE)
    + "</article><footer>© 2024 Harbour Gazette. All rights reserved.</footer></body></html>"
)


@pytest.fixture
def fresh_loader() -> Iterator[None]:
    """Forget what an earlier test learnt about importing trafilatura."""
    caches = (traf.available, traf._load, traf._warn_once)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def test_trafilatura_extracts_the_article_for_real(fresh_loader: None) -> None:
    """The extra as installed: trafilatura (and what it imports) loads and does the work."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a broken install would warn and fall back
        paragraphs = traf.extract(PAGE, required=True)
    assert paragraphs is not None and ARTICLE[0] in paragraphs
    out = clean_text(PAGE.encode(), kind="html", extractor="trafilatura")
    assert all(p in out for p in ARTICLE)
    assert "Sport" not in out and "All rights reserved" not in out


def test_broken_trafilatura_falls_back_with_one_warning(
    fresh_loader: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An installed trafilatura whose import fails (lxml_html_clean missing, say) costs one
    warning per process and the built-in extractor's result, never a traceback."""
    assert traf.available()  # installed (and so remembered) before its import breaks
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    builtin = clean_text(PAGE, kind="html", extractor="builtin")
    with pytest.warns(traf.ExtractorUnavailableWarning, match=r"article-convert\[html\]") as seen:
        first = clean_text(PAGE, kind="html")
        second = clean_text(PAGE, kind="html")
    assert len(seen) == 1
    assert first == second == builtin
    assert all(p in first for p in ARTICLE)


def test_required_trafilatura_that_cannot_load_says_how_to_fix_it(
    fresh_loader: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(ImportError, match=r"pip install 'article-convert\[html\]'"):
        clean_text(PAGE, kind="html", extractor="trafilatura")
    # Whatever the input: a fragment, an empty page or text would be cleaned without
    # trafilatura and hide the broken install until a whole page came.
    for source, kind in [("<p>x</p>", "html"), ("", "html"), ("Words.", "text")]:
        with pytest.raises(ImportError, match=r"pip install 'article-convert\[html\]'"):
            clean_text(source, kind=kind, extractor="trafilatura")  # type: ignore[arg-type]


@pytest.mark.parametrize("source", [42, None, ["a page"], 3.5])
def test_source_of_the_wrong_type_is_a_clear_type_error(source: object) -> None:
    with pytest.raises(TypeError, match=f"str or bytes, not {type(source).__name__}"):
        clean_text(source)  # type: ignore[arg-type]


def test_unknown_kind_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match=r"kind='bogus'.*text, html, markdown"):
        clean_text("x", kind="bogus")  # type: ignore[arg-type]


def test_unknown_extractor_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match=r"extractor='lxml'.*auto, builtin, trafilatura"):
        clean_text("x", extractor="lxml")  # type: ignore[arg-type]


def test_huge_text_pages_are_cut_in_pieces_that_join_back() -> None:
    """Bounded memory rests on this: no piece over the size, nothing lost or added but the
    one line break at each cut, cuts at blank lines where there are some."""
    from convert.text.segments import text_pieces

    page = "\n".join(f"line {i}" + ("\n" if i % 7 == 0 else "") for i in range(5000))
    pieces = list(text_pieces(page, size=1000))
    assert len(pieces) > 20 and all(len(p) <= 1000 for p in pieces)
    assert "\n".join(pieces) == page
    assert all(p.startswith("\n") for p in pieces[1:])  # cut inside a "\n\n"
    assert list(text_pieces("x" * 2500, size=1000)) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_huge_pages_are_judged_piece_by_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classifier never sees more than one piece of a huge page (its per-line features
    made a 200 MB page take 4 GB), for text and HTML alike; a normal page is judged whole."""
    from convert.text import html_paragraphs, pipeline, plain, segments

    seen: list[int] = []
    feature = plain.page_features

    def counting(lines: list[str], lang: str | None = None, **given: Any) -> Any:
        seen.append(len(lines))
        return feature(lines, lang, **given)

    monkeypatch.setattr(plain, "page_features", counting)
    monkeypatch.setattr(pipeline, "text_pieces", lambda t: segments.text_pieces(t, 2_000))
    monkeypatch.setattr(html_paragraphs, "line_bounds", lambda ls: segments.line_bounds(ls, 40))
    prose = "\n\n".join(ARTICLE)
    page = "Pier to reopen in the spring\n\n" + "\n\nHome\nNews\n\n".join([prose] * 30)
    out = clean_text(page, kind="text")
    assert len(seen) > 5 and max(seen) < 40
    assert out.startswith("Pier to reopen in the spring\n\n") and out.count(ARTICLE[1]) == 30
    seen.clear()
    html_page = (
        "<html><body>"
        + "<ul><li>Home</li></ul>".join("".join(f"<p>{p}</p>" for p in ARTICLE) for _ in range(30))
        + "</body></html>"
    )
    assert clean_text(html_page, kind="html", extractor="builtin").count(ARTICLE[2]) == 30
    assert len(seen) > 3 and max(seen) <= 40


def test_huge_markup_is_parsed_in_pieces_with_scripts_kept_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A huge HTML page never becomes one tree; no cut falls inside a script, style or comment
    (their text would turn into page text), and every paragraph comes through once."""
    from convert.text import html_paragraphs, segments

    script = (
        "<script>var menu = '<div><p>Not article text at all, but a script string.</p>';</script>"
    )
    block = "".join(f"<p>{p}</p>" for p in ARTICLE) + script + "<!-- <p>a comment</p> -->"
    page = "<html><body><h1>Pier to reopen in the spring</h1>" + block * 40 + "</body></html>"
    pieces = list(segments.html_pieces(page, 3_000))
    assert len(pieces) > 5 and "".join(pieces) == page
    assert all(p.lower().count("<script") == p.lower().count("</script") for p in pieces)
    assert all(p.count("<!--") == p.count("-->") for p in pieces)
    parsed: list[int] = []
    read = html_paragraphs.page_lines

    def counting(markup: str, title: bool) -> Any:
        parsed.append(len(markup))
        return read(markup, title)

    monkeypatch.setattr(html_paragraphs, "HTML_PIECE_CHARS", 3_000)
    monkeypatch.setattr(html_paragraphs, "html_pieces", lambda m: segments.html_pieces(m, 3_000))
    monkeypatch.setattr(html_paragraphs, "page_lines", counting)
    out = clean_text(page, kind="html", extractor="builtin")
    assert len(parsed) > 5 and max(parsed) <= 3_000
    assert out.startswith("Pier to reopen in the spring\n\n")
    assert out.count(ARTICLE[0]) == 40 and "script string" not in out and "a comment" not in out
    parsed.clear()  # the page's UTF-8 bytes, which a page of usual size gives Lexbor as they are
    assert clean_text(page.encode(), kind="html", extractor="builtin") == out
    assert len(parsed) > 5 and max(parsed) <= 3_000


@pytest.mark.parametrize(
    "raw",
    ["title", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "style", "script"],
)
def test_huge_markup_is_never_cut_inside_raw_text(raw: str) -> None:
    """What a raw-text element holds up to its closer is not markup: a piece that began
    inside it would read its tags as the page's (a noscript's, with scripting on, too)."""
    from convert.text import segments

    inside = "<p>not markup</p>" * 20
    page = "<p>lead</p>" * 10 + f"<{raw}>{inside}</{raw}>" + "<p>after</p>" * 10
    opened = page.index(f"<{raw}>")
    for size in range(opened + 20, page.index(f"</{raw}>"), 37):  # cuts that would fall inside
        cut = len(next(iter(segments.html_pieces(page, size))))
        assert cut <= opened


@pytest.mark.parametrize(
    "long_part",
    [
        '<img alt="chart" src="data:image/png;base64,' + "iVBORw0KGgo" * 600 + '">',
        '<script id="__NEXT_DATA__" type="application/json">'
        + '{"text": "Not article text, but page data."}, ' * 200
        + "</SCRIPT >",
        "<!-- " + "an old menu, commented out " * 300 + "-->",
        "<style>" + "p > a { color: red } " * 400 + "</style>",
    ],
    ids=["data-address", "page-data", "comment", "style"],
)
def test_huge_markup_is_never_cut_inside_a_part_longer_than_a_piece(
    monkeypatch: pytest.MonkeyPatch, long_part: str
) -> None:
    """A saved page inlines its images as data: addresses, and a Next.js page carries its data
    in a script, each megabytes long: one piece holds such a part whole, since a cut inside
    it would read its rest as the page's text."""
    from convert.text import html_paragraphs, segments

    assert len(long_part) > 6_000
    page = (
        "<html><body><h1>Pier to reopen in the spring</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + long_part
        + "".join(f"<p>{p}</p>" for p in reversed(ARTICLE))
        + "</body></html>"
    )
    pieces = list(segments.html_pieces(page, 3_000))
    assert "".join(pieces) == page
    assert any(long_part in piece for piece in pieces)
    monkeypatch.setattr(html_paragraphs, "HTML_PIECE_CHARS", 3_000)
    monkeypatch.setattr(html_paragraphs, "html_pieces", lambda m: segments.html_pieces(m, 3_000))
    out = clean_text(page, kind="html", extractor="builtin")
    assert all(out.count(p) == 2 for p in ARTICLE)
    for leaked in ("iVBOR", "page data", "old menu", "color"):
        assert leaked not in out


def test_huge_markup_unclosed_at_its_end_is_read_whole_and_text_is_cut_at_a_space() -> None:
    """A comment or script never closed runs to the end of the page, as a browser reads it;
    text longer than a piece is cut between words, never inside one or an entity."""
    from convert.text import segments

    for unclosed in ("<!-- ", "<script>", '<img src="data:'):
        page = "<p>lead</p>" + unclosed + "x " * 5_000
        pieces = list(segments.html_pieces(page, 3_000))
        assert pieces == ["<p>lead</p>", page[len("<p>lead</p>") :]]
    text = "<p>" + "caf&eacute; au lait " * 1_000 + "</p>"
    pieces = list(segments.html_pieces(text, 3_000))
    assert "".join(pieces) == text and len(pieces) > 5
    assert all(piece.endswith(" ") for piece in pieces[:-1])


def test_paragraphs_are_joined_in_runs_that_give_them_all_back() -> None:
    from convert.text.segments import joined_runs

    parts = ["a" * 30, "b" * 50, "", "c" * 200, "d" * 10, "e" * 10]
    runs = list(joined_runs(parts, size=100))
    assert "\n".join(runs) == "\n".join(parts)
    assert runs == ["a" * 30 + "\n" + "b" * 50 + "\n", "c" * 200, "d" * 10 + "\n" + "e" * 10]
    assert list(joined_runs([])) == []


def test_a_huge_page_is_never_repaired_whole_to_settle_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Repair holds several copies of what it is given: the paragraphs of a huge page are
    checked a run at a time, and a huge HTML page whose pieces were settled is not checked."""
    from convert.text import html_paragraphs, joining, pipeline, segments

    given: list[int] = []
    repair = joining.repair

    def measured(text: str) -> str:
        given.append(len(text))
        return repair(text)

    monkeypatch.setattr(joining, "repair", measured)
    paragraphs = [("Some words of a paragraph, said again. " * 5).strip()] * 30_000  # 5.9 MB
    assert joining.settle_page(None, list(paragraphs)) == (None, paragraphs)
    assert given and max(given) <= segments.PIECE_CHARS
    block = "<p>" + ARTICLE[0] + "</p><ul><li><a href='/'>Home</a></li></ul>"
    page = "<html><body>" + block * 40 + "</body></html>"
    monkeypatch.setattr(html_paragraphs, "HTML_PIECE_CHARS", 3_000)
    monkeypatch.setattr(html_paragraphs, "html_pieces", lambda m: segments.html_pieces(m, 3_000))
    _, kept = pipeline._clean(page, kind="html", boilerplate=True, extractor="builtin")
    assert isinstance(kept, joining.Settled) and kept.count(ARTICLE[0]) == 40


def test_trafilatura_paragraphs_our_classifier_rejects_are_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Furniture trafilatura lets through (here a newsletter prompt) goes when our classifier
    scores that line below the veto; its article paragraphs, and lines we never saw, stay."""
    from convert.text import html_paragraphs

    junk = ["Sign up for our newsletter", "Share this article"]
    page = (
        "<html><body><h1>Pier to reopen in the spring</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "".join(f"<div>{j}</div>" for j in junk)
        + "</body></html>"
    )
    unseen = "A caption only trafilatura found."
    theirs = [*ARTICLE, *junk, unseen]
    monkeypatch.setattr(traf, "extract", lambda markup, required=False: theirs)
    monkeypatch.setattr(traf, "available", lambda: True)
    out = clean_text(page, kind="html", extractor="auto")
    assert out == "\n\n".join(["Pier to reopen in the spring", *ARTICLE, unseen])
    assert clean_text(page.encode(), kind="html", extractor="auto") == out  # bytes: decoded
    monkeypatch.setattr(html_paragraphs, "VETO", -100.0)
    assert "Sign up for our newsletter" in clean_text(page, kind="html", extractor="auto")
