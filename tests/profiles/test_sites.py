"""Each profile over a small site of its generator: what every page becomes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from convert.loading import load
from convert.profiles import MappedRecord, ProfileOptions
from convert.profiles.mapping import Mapper
from convert.profiles.site import read_site_config

SITES = Path(__file__).resolve().parent / "sites"
CONFIGS = {"jekyll": "_config.yml", "hugo": "hugo.toml", "zola": "config.toml"}


def mapped(profile: str, relative: str, **options: Any) -> MappedRecord:
    site = SITES / profile
    settings = read_site_config(site / CONFIGS[profile]) | options
    record = Mapper(ProfileOptions(profile, **settings)).apply(load(site / relative))
    assert isinstance(record, MappedRecord)
    return record


def rules(record: MappedRecord) -> list[str]:
    return [problem.rule for problem in record.problems]


JEKYLL = [
    # The date written in the front matter wins over the file name's, offset kept.
    (
        "_posts/2024-03-05-first-post.md",
        "First post",
        "2024-03-06T09:15:00+05:30",
        "https://blog.example.org/news/release/notes/2024/03/06/first-post/",
    ),
    # No date in the front matter: the file name's, in the site's time zone (CEST in July);
    # a custom permalink and a non-ASCII slug, percent-encoded.
    (
        "_posts/2024-07-01-café-über.md",
        "Ünïcode — 日本語のタイトル",
        "2024-07-01T00:00:00+02:00",
        "https://blog.example.org/news/custom/caf%C3%A9-%C3%BCber/",
    ),
    # Folders above _posts are categories (first), and so part of :categories.
    (
        "blog/_posts/2024-04-04-in-a-folder.md",
        "In the blog folder",
        "2024-04-04T00:00:00+02:00",
        "https://blog.example.org/news/blog/notes/2024/04/04/in-a-folder/",
    ),
    # No title: Jekyll's own, from the file name.
    (
        "_posts/2024-10-10-no-title-here.md",
        "No Title Here",
        "2024-10-10T00:00:00+02:00",
        "https://blog.example.org/news/2024/10/10/no-title-here/",
    ),
]


@pytest.mark.parametrize(("relative", "title", "date", "url"), JEKYLL)
def test_jekyll_posts(relative: str, title: str, date: str, url: str) -> None:
    record = mapped("jekyll", relative)
    assert (record.meta["title"], record.meta["publishedDateTime"], record.meta["webUrl"]) == (
        title,
        date,
        url,
    )
    assert record.problems == ()


def test_jekyll_fields_and_original_front_matter() -> None:
    record = mapped("jekyll", "_posts/2024-03-05-first-post.md")
    assert record.meta["categories"] == ["release", "notes"]  # Jekyll splits the string
    assert record.meta["topics"] == ["rust", "café"]
    assert record.meta["provider"] == {"name": "Ana Lima", "authors": ["Ana Lima"]}
    assert record.meta["excerpt"] == "The first paragraph says what this is about."
    assert record.original["date"] == "2024-03-06 09:15:00 +0530"  # as written
    assert "layout" not in record.meta and record.original["layout"] == "post"
    assert mapped("jekyll", "_posts/2024-07-01-café-über.md").meta["locale"] == "ja"


def test_jekyll_drafts_and_unpublished_posts_are_not_published() -> None:
    assert mapped("jekyll", "_posts/2024-08-15-hidden.md").meta["published"] is False
    draft = mapped("jekyll", "_drafts/a-draft.md")
    assert draft.meta["published"] is False and draft.origins["/published"].derived


def test_jekyll_permalink_option_and_named_styles() -> None:
    relative = "_posts/2024-03-05-first-post.md"
    assert (
        mapped("jekyll", relative, permalink="date")
        .meta["webUrl"]
        .endswith("/news/release/notes/2024/03/06/first-post.html")
    )
    assert (
        mapped("jekyll", relative, permalink="none")
        .meta["webUrl"]
        .endswith("/news/release/notes/first-post.html")
    )
    assert (
        mapped("jekyll", relative, permalink="/:year/:i_month/:slug").meta["webUrl"]
        == "https://blog.example.org/news/2024/3/first-post"
    )


def test_jekyll_impossible_file_name_date_says_it_came_from_the_file_name() -> None:
    record = mapped("jekyll", "_posts/2024-02-32-wrong-day.md")
    assert "publishedDateTime" not in record.meta
    (problem,) = record.problems
    assert problem.rule == "profile/bad-date" and "2024-02-32-wrong-day.md" in problem.message
    assert {"publishedDateTime", "webUrl"} <= record.missing


def test_jekyll_bad_date_is_reported_at_the_users_date_key_and_line() -> None:
    record = mapped("jekyll", "_posts/2024-09-01-bad-date.md")
    (problem,) = record.problems  # one finding: the link is missing for the same reason
    assert problem.rule == "profile/bad-date" and record.missing == {"publishedDateTime", "webUrl"}
    assert (problem.line, problem.column, problem.pointer) == (3, 7, "/date")
    assert '"date"' in problem.message and "2024-09-32" in problem.message


HUGO = [
    (
        "content/posts/first.md",
        "First Hugo post",
        "2024-05-01T08:00:00-04:00",
        "https://hugo.example.net/2024/05/first-hugo-post/",
        "en",  # the site's defaultContentLanguage: a page without a language suffix is in it
    ),
    # A translation: the language from the file name, under /de/; the slug urlized.
    (
        "content/posts/entwurf.de.md",
        "Größe — Überblick",
        "2024-06-01T00:00:00Z",
        "https://hugo.example.net/de/2024/06/grosse-uebersicht/",
        "de",
    ),
    # An explicit url in the front matter wins over the section's permalink.
    (
        "content/posts/bundle/index.md",
        "A bundle with its own url",
        "2024-04-01T00:00:00Z",
        "https://hugo.example.net/special/place/",
        "en",
    ),
]


@pytest.mark.parametrize(("relative", "title", "date", "url", "locale"), HUGO)
def test_hugo_pages(relative: str, title: str, date: str, url: str, locale: str | None) -> None:
    record = mapped("hugo", relative)
    assert (record.meta["title"], record.meta["publishedDateTime"], record.meta["webUrl"]) == (
        title,
        date,
        url,
    )
    assert record.meta.get("locale") == locale
    assert record.problems == ()


@pytest.mark.parametrize(
    ("profile", "relative", "finder"),
    [
        ("hugo", "content/posts/entwurf.de.md", "_page"),
        ("zola", "content/blog/2024-02-10_dated-by-name.md", "_place"),
    ],
)
def test_the_pages_place_is_worked_out_once_per_record(
    monkeypatch: pytest.MonkeyPatch, profile: str, relative: str, finder: str
) -> None:
    # The language, the file name's date and the link all need it; each used to parse the
    # path (and walk Hugo's languages) again.
    import importlib

    module = importlib.import_module(f"convert.profiles.{profile}")
    real = getattr(module, finder)
    calls: list[str] = []

    def counted(path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, finder, counted)
    record = mapped(profile, relative)
    assert "webUrl" in record.meta and len(calls) == 1


def test_hugo_fields_drafts_and_summary() -> None:
    first = mapped("hugo", "content/posts/first.md")
    assert first.meta["updatedDateTime"] == "2024-05-02T10:30:00-04:00"
    assert first.meta["excerpt"] == "What the first post is about."
    assert first.meta["published"] is True
    assert (first.meta["topics"], first.meta["categories"]) == (["go", "static sites"], ["notes"])
    assert mapped("hugo", "content/posts/entwurf.de.md").meta["published"] is False
    summary = mapped("hugo", "content/posts/summary.md")
    assert summary.meta["excerpt"] == "This part is the summary."
    assert mapped("hugo", "content/posts/bundle/index.md").meta["provider"]["name"] == "Jo Doe"


def test_hugo_page_without_a_date_reports_what_it_could_not_make() -> None:
    record = mapped("hugo", "content/posts/no-date.md")
    messages = " ".join(p.message for p in record.problems)
    assert set(rules(record)) == {"profile/missing"}
    assert '"publishedDateTime"' in messages and "needs the page's date" in messages
    assert record.missing == {"publishedDateTime", "webUrl"}


ZOLA = [
    (
        "content/blog/2024-02-10_dated-by-name.md",
        "2024-02-10T00:00:00Z",
        "https://zola.example.com/blog/dated-by-name/",
    ),
    # path sets the link, and its YYYY/MM/DD the date.
    (
        "content/blog/release.md",
        "2025-06-26T00:00:00Z",
        "https://zola.example.com/2025/06/26/Rust-1.88.0/",
    ),
    (
        "content/blog/eleves.fr.md",
        "2024-03-03T10:00:00+01:00",
        "https://zola.example.com/fr/blog/eleves/",
    ),
]


@pytest.mark.parametrize(("relative", "date", "url"), ZOLA)
def test_zola_pages(relative: str, date: str, url: str) -> None:
    record = mapped("zola", relative)
    assert (record.meta["publishedDateTime"], record.meta["webUrl"]) == (date, url)
    assert record.problems == ()


def test_zola_taxonomies_authors_drafts_and_more() -> None:
    eleves = mapped("zola", "content/blog/eleves.fr.md")
    assert (eleves.meta["topics"], eleves.meta["categories"]) == (["école"], ["vie"])
    assert (
        eleves.meta["locale"] == "fr" and eleves.meta["updatedDateTime"] == "2024-03-04T00:00:00Z"
    )
    assert eleves.origins["/topics/0"].pointer == "/taxonomies/tags/0"
    assert mapped("zola", "content/blog/release.md").meta["provider"]["authors"] == ["The Team"]
    assert mapped("zola", "content/blog/draft.md").meta["published"] is False
    assert mapped("zola", "content/blog/more.md").meta["excerpt"] == "Before the break."


def test_without_a_base_url_the_link_is_reported_missing() -> None:
    record = mapped("zola", "content/blog/more.md", base_url=None)
    assert "webUrl" not in record.meta and record.missing == {"webUrl"}
    assert "--base-url" in record.problems[0].hint


def test_jekyll_folder_categories_say_where_they_came_from() -> None:
    record = mapped("jekyll", "blog/_posts/2024-04-04-in-a-folder.md")
    assert record.meta["categories"] == ["blog", "Notes"]
    assert record.origins["/categories/0"].derived == "the folder above _posts"
    assert record.origins["/categories/1"].pointer == "/category"
    # Without the site's folder (no site configuration) there is nothing to count from.
    assert mapped("jekyll", "blog/_posts/2024-04-04-in-a-folder.md", site_root=None).meta[
        "categories"
    ] == ["Notes"]
