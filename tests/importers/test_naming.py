"""File names: readable in any script, never empty, never outside the folder, stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert.importers.naming import MAX_SLUG_BYTES, entry_stem, link_slug, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("Новости дня: рубль растёт", "новости-дня-рубль-растёт"),
        ("北京的天气很好", "北京的天气很好"),
        ("Ça va? Déjà vu…", "ça-va-déjà-vu"),
        ("  ../../etc/passwd  ", "etc-passwd"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("ＦＵＬＬ　ｗｉｄｔｈ", "full-width"),
    ],
)
def test_slugs_are_readable(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["!!!", "???", "— … —", "", "   ", "\x00\x01"])
def test_titles_of_punctuation_fall_back_to_the_link_then_a_hash(title: str) -> None:
    assert entry_stem(title, "https://ex.com/2024/05/big-news.html", "x") == "big-news"
    fallback = entry_stem(title, None, "https://ex.com/a")
    assert fallback.startswith("entry-") and len(fallback) == len("entry-") + 8
    assert fallback == entry_stem(title, None, "https://ex.com/a")  # stable
    assert fallback != entry_stem(title, None, "https://ex.com/b")


def test_link_slug_skips_numbers_and_index_pages() -> None:
    assert link_slug("https://ex.com/news/kyiv-morning/index.html") == "kyiv-morning"
    assert link_slug("https://ex.com/story/12345") == "story"
    assert link_slug("https://ex.com/") == ""
    assert link_slug("https://ex.com/%D0%BC%D0%B8%D1%80") == "мир"


def test_dated_names_start_with_the_date() -> None:
    assert entry_stem("Big news", None, "x", "2024-05-01") == "2024-05-01-big-news"


def test_windows_device_names_are_not_produced() -> None:
    assert entry_stem("CON", None, "x") == "con-"
    assert entry_stem("nul", None, "x") == "nul-"


def test_long_titles_are_capped_in_bytes_at_a_word() -> None:
    slug = slugify("слово " * 100)
    assert len(slug.encode()) <= MAX_SLUG_BYTES
    assert slug.endswith("слово")


@given(st.text(), st.one_of(st.none(), st.text()), st.text())
def test_any_title_gives_a_safe_single_component(
    title: str, url: str | None, identity: str
) -> None:
    stem = entry_stem(title, url, identity)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not stem.startswith(".") and stem not in {".", ".."}
    assert len(stem.encode()) <= MAX_SLUG_BYTES + 1
    assert stem.isprintable()
