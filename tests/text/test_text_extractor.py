"""The ``html`` extra for real, its fallback when it cannot be imported, and wrong calls."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator

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
    traf._load.cache_clear()
    traf._warn_once.cache_clear()
    yield
    traf._load.cache_clear()
    traf._warn_once.cache_clear()


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
