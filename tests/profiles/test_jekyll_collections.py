"""Jekyll collections other than posts, each expectation taken from what ``jekyll build``
(4.3.1) lists for the same site: every document's ``url``, ``date`` and ``title``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from convert.loading import load
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

NEWS_SITE = """url: https://example.org
timezone: America/New_York
collections:
  news:
    output: true
    permalink: /news/:year/:title/
  books:
    output: true
  notes:
    output: false
"""

FOLDER_SITE = """url: https://example.org
permalink: pretty
collections_dir: coll
collections:
  news:
    output: true
  books:
    output: true
    permalink: /b/:categories/:name:output_ext
  notes: {}
defaults:
  - scope: {type: books}
    values: {author: B, permalink: /bk/:title/}
  - scope: {path: coll/_books/sub, type: books}
    values: {author: C}
  - scope: {path: _news/sub}
    values: {author: D, title: Defaulted}
  - scope: {type: posts}
    values: {author: P}
"""

CUSTOM_SITE = """url: https://example.org
permalink: /:year/:title/
collections:
  books:
    output: true
    permalink: /b/:categories/:name:output_ext
  news:
    output: true
defaults:
  - scope: {type: books}
    values: {categories: Shelf}
"""


def document(site: str, root: Path, relative: str, front: str = "") -> MappedRecord:
    """The mapped record of the document at ``relative`` in a site configured by ``site``."""
    config = root / "_config.yml"
    config.write_text(site, encoding="utf-8")
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front or 'layout: page'}\n---\nbody\n", encoding="utf-8")
    settings = read_site_config(config, "jekyll")
    record = Mapper(ProfileOptions("jekyll", **settings)).apply(load(path))
    assert isinstance(record, MappedRecord)
    return record


def findings(record: MappedRecord) -> list[str]:
    return [problem.rule for problem in record.problems]


@pytest.mark.parametrize(
    ("relative", "front", "url", "date", "title"),
    [
        (
            "_news/2020-01-01-watson.md",
            "",
            "/news/2020/watson/",
            "2020-01-01T00:00:00-05:00",
            "Watson",
        ),
        # Jekyll capitalises each word of a file name's slug, the rest in lower case.
        (
            "_news/2020-01-02-hELLO-wORLD.md",
            "",
            "/news/2020/hELLO-wORLD/",
            "2020-01-02T00:00:00-05:00",
            "Hello World",
        ),
        (
            "_news/sub/2020-05-06-in-sub.md",
            "",
            "/news/2020/in-sub/",
            "2020-05-06T00:00:00-04:00",
            "In Sub",
        ),
        (
            "_news/2020-02-04-own.md",
            "permalink: /x/:collection/:name/:path:output_ext",
            "/x/news/2020-02-04-own/2020-02-04-own.html",
            "2020-02-04T00:00:00-05:00",
            "Own",
        ),
        (
            "_news/2020-02-05-slugged.md",
            "slug: My Slug",
            "/news/2020/My-Slug/",
            "2020-02-05T00:00:00-05:00",
            "Slugged",
        ),
        (
            "_news/2020-06-07-withdate.md",
            "date: 2019-01-01",
            "/news/2019/withdate/",
            "2019-01-01T00:00:00-05:00",
            "Withdate",
        ),
        # Without a permalink of its own a collection's is /:collection/:path, with the
        # suffix of the site's style (date: :output_ext).
        (
            "_books/2020-01-01-a-book.md",
            "",
            "/books/2020-01-01-a-book.html",
            "2020-01-01T00:00:00-05:00",
            "A Book",
        ),
        ("_books/plain.md", "title: Own Title", "/books/plain.html", None, "Own Title"),
        ("_books/with.dots.md", "", "/books/with.dots.html", None, "With.dots"),
    ],
)
def test_documents_of_a_collection_are_at_its_permalink(
    tmp_path: Path, relative: str, front: str, url: str, date: str | None, title: str
) -> None:
    record = document(NEWS_SITE, tmp_path, relative, front)
    assert record.meta["webUrl"] == "https://example.org" + url
    assert record.meta.get("publishedDateTime") == date
    assert record.meta["title"] == title
    assert "categories" not in record.meta


@pytest.mark.parametrize(
    ("relative", "title"),
    [
        ("_news/undated.md", "Undated"),
        # A date without a slug after it is no date for a collection's document.
        ("_news/2020-02-03.md", "2020 02 03"),
    ],
)
def test_an_undated_document_has_no_link_where_its_permalink_needs_a_date(
    tmp_path: Path, relative: str, title: str
) -> None:
    # Jekyll dates such a document the moment it builds, a link no one can tell beforehand.
    record = document(NEWS_SITE, tmp_path, relative)
    assert "webUrl" not in record.meta
    assert "publishedDateTime" not in record.meta
    assert record.meta["title"] == title
    assert findings(record).count("profile/missing") == 1
    assert any("builds" in problem.message for problem in record.problems)


def test_a_document_of_a_collection_without_output_has_no_page(tmp_path: Path) -> None:
    record = document(NEWS_SITE, tmp_path, "_notes/2020-01-01-note.md")
    assert "webUrl" not in record.meta
    assert "webUrl" in record.missing
    assert record.meta["title"] == "Note"
    assert record.meta["publishedDateTime"] == "2020-01-01T00:00:00-05:00"
    assert findings(record) == ["profile/missing"]
    assert '"notes"' in record.problems[0].message and "output" in record.problems[0].message


@pytest.mark.parametrize("relative", ["_news/_hidden/2020-01-01-h.md", "_news/sub/_x.md"])
def test_a_document_jekyll_passes_over_has_no_page(tmp_path: Path, relative: str) -> None:
    record = document(NEWS_SITE, tmp_path, relative)
    assert "webUrl" not in record.meta
    assert findings(record) == ["profile/missing"]


@pytest.mark.parametrize(
    ("relative", "front", "url", "title", "author"),
    [
        ("coll/_news/2020-01-01-watson.md", "", "/news/2020-01-01-watson/", "Watson", None),
        # A scope path from _news on matches below collections_dir, as for posts.
        (
            "coll/_news/sub/deeper/2020-01-01-deep.md",
            "",
            "/news/sub/deeper/2020-01-01-deep/",
            "Defaulted",
            "D",
        ),
        # The date is read from the file's name only, never from its folder's.
        ("coll/_news/2020-01-01-dir/index.md", "", "/news/2020-01-01-dir/index/", "Index", None),
        # A permalink the defaults give the collection's type wins over the collection's.
        (
            "coll/_books/2020-01-01-a-book.md",
            "categories: [Fic Tion, x]",
            "/bk/a-book/",
            "A Book",
            "B",
        ),
        ("coll/_books/sub/b.md", "", "/bk/b/", "B", "C"),
        ("coll/_books/own.md", "permalink: /own/:path/", "/own/own/", "Own", "B"),
        # Posts keep their own permalink and defaults.
        ("coll/_posts/x/2020-01-01-hello.md", "", "/2020/01/01/hello/", "Hello", "P"),
    ],
)
def test_collections_below_collections_dir_with_typed_defaults(
    tmp_path: Path, relative: str, front: str, url: str, title: str, author: str | None
) -> None:
    record = document(FOLDER_SITE, tmp_path, relative, front)
    assert record.meta["webUrl"] == "https://example.org" + url
    assert record.meta["title"] == title
    provider: Any = record.meta.get("provider")
    assert (provider or {}).get("name") == author


def test_a_collection_set_as_an_empty_table_writes_no_pages(tmp_path: Path) -> None:
    record = document(FOLDER_SITE, tmp_path, "coll/_notes/2020-01-02-note.md")
    assert "webUrl" not in record.meta
    assert findings(record) == ["profile/missing"]


@pytest.mark.parametrize(
    ("relative", "front", "url", "title"),
    [
        # The defaults' categories come first, then the document's own; no folder is one.
        (
            "_books/2020-01-01-A_Book.md",
            "categories: [Fic Tion, x]",
            "/b/shelf/fic%20tion/x/2020-01-01-a-book.html",
            "A_book",
        ),
        ("_books/plain.md", "", "/b/shelf/plain.html", "Plain"),
        # A custom site permalink ending in a slash gives the collection's default one too.
        ("_news/2020-01-01-watson.md", "", "/news/2020-01-01-watson/", "Watson"),
        ("_news/a b/x y.md", "", "/news/a%20b/x%20y/", "X y"),
        # Only the name below the collection's folder, or the file's, starting with _ is
        # passed over; a folder deeper down is read.
        ("_news/sub/_d/x.md", "", "/news/sub/_d/x/", "X"),
    ],
)
def test_a_collections_own_permalink_and_the_sites_style(
    tmp_path: Path, relative: str, front: str, url: str, title: str
) -> None:
    record = document(CUSTOM_SITE, tmp_path, relative, front)
    assert record.meta["webUrl"] == "https://example.org" + url
    assert record.meta["title"] == title


def test_the_site_configuration_lists_the_collections(tmp_path: Path) -> None:
    config = tmp_path / "_config.yml"
    config.write_text(FOLDER_SITE, encoding="utf-8")
    found = read_site_config(config, "jekyll")["collections"]
    assert found == {
        "news": (True, "/:collection/:path/"),
        "books": (True, "/b/:categories/:name:output_ext"),
        "notes": (False, "/:collection/:path/"),
    }


def test_collections_written_as_a_list_write_no_pages(tmp_path: Path) -> None:
    config = tmp_path / "_config.yml"
    config.write_text("url: https://example.org\ncollections: [news]\n", encoding="utf-8")
    found = read_site_config(config, "jekyll")["collections"]
    assert found == {"news": (False, "/:collection/:path:output_ext")}


def test_a_document_whose_categories_jekyll_cannot_read_has_no_link(tmp_path: Path) -> None:
    # Jekyll: "could not read file ...: no implicit conversion of Integer into Array".
    record = document(NEWS_SITE, tmp_path, "_books/2020-01-01-cat.md", "categories: 5")
    assert "webUrl" not in record.meta
    assert findings(record) == ["profile/missing"]


def test_a_slugs_empty_words_are_kept_but_the_last_ones() -> None:
    from convert.profiles.urls import titleize

    assert titleize("a--b-") == "A  B"  # jekyll 4.3 titles _news/a--b-.md so


@pytest.mark.parametrize(("written", "output"), [("0", True), ('""', True), ("~", False)])
def test_a_collections_output_is_true_as_ruby_takes_it(
    tmp_path: Path, written: str, output: bool
) -> None:
    # jekyll 4.3.1 with output: 0 wrote _site/news/a.html (/tmp/probe-sched/jek5): to Ruby
    # only nil and false are false.
    config = tmp_path / "_config.yml"
    site = f"url: https://example.org\ncollections:\n  news:\n    output: {written}\n"
    config.write_text(site, encoding="utf-8")
    assert read_site_config(config, "jekyll")["collections"]["news"][0] is output
