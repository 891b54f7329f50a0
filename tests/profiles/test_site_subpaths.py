"""A page's address comes from the file's place in its site, whichever folder a walk
starts in and whatever the working folder: the same file is the same page from the site's
root, from inside its content, and from a folder elsewhere, named or walked.

The addresses expected are those the real generators published for these sites: hugo
0.168 (``content/posts/a.md`` -> /posts/a/, ``content/content/c.md`` -> /content/c/,
``content/de/posts/d.md`` of ``[languages.de] contentDir = "content/de"`` -> /de/posts/d/),
zola (``content/blog/_index.md`` -> /blog/, ``content/blog/a.md`` -> /blog/a/) and jekyll
4.3.1 (``blog/_posts/2024-03-03-bp.md`` -> /blog/2024/03/03/bp.html, category ``blog``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.profiles import paths


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def converted(*args: str) -> dict[str, dict[str, Any]]:
    """Each converted file's name -> its meta."""
    result = CliRunner().invoke(main, ["convert", "--to", "jsonl", *args])
    assert result.exit_code in (0, 1), result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {Path(row["path"]).name: row["meta"] for row in rows}


def addresses(*args: str) -> dict[str, str]:
    return {name: meta.get("webUrl", "") for name, meta in converted(*args).items()}


HUGO = {
    "hugo.toml": 'baseURL = "https://hugo.example/"\n',
    "content/posts/a.md": "---\ntitle: A\ndate: 2024-03-03\n---\nHello\n",
    "content/content/c.md": "---\ntitle: C\ndate: 2024-03-03\n---\nHello\n",
}
HUGO_PUBLISHED = {
    "a.md": "https://hugo.example/posts/a/",
    "c.md": "https://hugo.example/content/c/",
}

ZOLA = {
    "config.toml": 'base_url = "https://zola.example"\n',
    "content/blog/_index.md": '+++\ntitle = "Blog"\n+++\n',
    "content/blog/a.md": '+++\ntitle = "A"\ndate = 2024-03-03\n+++\nHello\n',
}
ZOLA_PUBLISHED = {"_index.md": "https://zola.example/blog/", "a.md": "https://zola.example/blog/a/"}

JEKYLL = {
    "_config.yml": "url: https://jek.example\n",
    "blog/_posts/2024-03-03-bp.md": "---\ntitle: BP\n---\nHello\n",
}
JEKYLL_PUBLISHED = {"2024-03-03-bp.md": "https://jek.example/blog/2024/03/03/bp.html"}


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that is no part of the site (which is ``tmp_path / "site"``)."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.chdir(other)
    return tmp_path / "site"


@pytest.mark.parametrize(
    ("generator", "files", "published", "inside"),
    [
        ("hugo", HUGO, HUGO_PUBLISHED, ("content", "content/posts", "content/content")),
        ("zola", ZOLA, ZOLA_PUBLISHED, ("content", "content/blog")),
        ("jekyll", JEKYLL, JEKYLL_PUBLISHED, ("blog", "blog/_posts")),
    ],
)
def test_a_walk_gives_the_published_addresses_from_any_folder_of_the_site(
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    generator: str,
    files: dict[str, str],
    published: dict[str, str],
    inside: tuple[str, ...],
) -> None:
    write(elsewhere, files)
    found = addresses(str(elsewhere), "--profile", generator)  # from an unrelated folder
    assert found == published
    for folder in inside:
        monkeypatch.chdir(elsewhere / folder)
        walked = addresses(".", "--profile", generator)
        assert walked == {n: a for n, a in published.items() if n in walked}, folder
        assert walked, folder
        monkeypatch.chdir(elsewhere)
        assert addresses(folder, "--profile", generator) == walked, folder


def test_jekyll_folder_categories_from_inside_the_posts_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, JEKYLL)
    monkeypatch.chdir(tmp_path / "blog" / "_posts")
    meta = converted(".", "--profile", "jekyll")["2024-03-03-bp.md"]
    assert meta["categories"] == ["blog"]


@pytest.mark.parametrize(
    ("generator", "files", "config", "page", "published"),
    [
        ("hugo", HUGO, "hugo.toml", "content/posts/a.md", HUGO_PUBLISHED),
        ("hugo", HUGO, "hugo.toml", "content/content/c.md", HUGO_PUBLISHED),
        ("zola", ZOLA, "config.toml", "content/blog/_index.md", ZOLA_PUBLISHED),
        ("zola", ZOLA, "config.toml", "content/blog/a.md", ZOLA_PUBLISHED),
        ("jekyll", JEKYLL, "_config.yml", "blog/_posts/2024-03-03-bp.md", JEKYLL_PUBLISHED),
    ],
)
def test_a_named_file_gives_its_published_address_from_any_working_folder(
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    generator: str,
    files: dict[str, str],
    config: str,
    page: str,
    published: dict[str, str],
) -> None:
    write(elsewhere, files)
    expected = published[Path(page).name]
    named = ("--profile", generator, "--site-config")
    assert addresses(str(elsewhere / page), *named, str(elsewhere / config)) == {
        Path(page).name: expected
    }
    monkeypatch.chdir(elsewhere)
    assert addresses(page, *named, config) == {Path(page).name: expected}
    monkeypatch.chdir((elsewhere / page).parent)
    relative = "../" * (len(Path(page).parts) - 1)
    assert addresses(Path(page).name, *named, relative + config) == {Path(page).name: expected}


def test_hugo_language_content_dir_and_configuration_folder_from_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "config/_default/hugo.toml": 'baseURL = "https://h2.example/"\n'
            'defaultContentLanguage = "en"\n'
            '[languages.en]\ncontentDir = "content"\nweight = 1\n'
            '[languages.de]\ncontentDir = "content/de"\nweight = 2\n',
            "content/de/posts/d.md": "---\ntitle: D\ndate: 2024-03-03\n---\nx\n",
        },
    )
    expected = {"d.md": "https://h2.example/de/posts/d/"}
    monkeypatch.chdir(tmp_path / "content" / "de" / "posts")
    assert addresses(".", "--profile", "hugo") == expected
    config = str(tmp_path / "config" / "_default" / "hugo.toml")
    assert addresses("d.md", "--profile", "hugo", "--site-config", config) == expected
    assert addresses("d.md", "--profile", "hugo", "--site-config", "../../../config") == expected


def test_in_site_is_the_path_below_the_site_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"content/posts/a.md": "x", "config/_default/hugo.toml": ""})
    monkeypatch.chdir(tmp_path / "content" / "posts")
    assert paths.in_site("a.md", str(tmp_path)) == "content/posts/a.md"
    assert paths.in_site("a.md", "../..") == "content/posts/a.md"
    default = str(tmp_path / "config" / "_default")
    assert paths.in_site("a.md", default, "hugo") == "content/posts/a.md"
    assert paths.in_site("a.md", str(tmp_path / "config"), "hugo") == "content/posts/a.md"
    assert paths.in_site("a.md", None) is None
    assert paths.in_site("-", str(tmp_path)) is None  # standard input
    assert paths.in_site(str(tmp_path.parent / "other.md"), str(tmp_path)) is None  # outside


def test_page_path_of_a_placed_path_is_below_its_first_content_folder() -> None:
    placed = paths.page_path("content/content/c.md", placed=True)
    assert (placed.sections, placed.name) == (("content",), "c")
    shown = paths.page_path("site/content/posts/a.md")  # as shown: below the last content folder
    assert (shown.sections, shown.name) == (("posts",), "a")
