"""A run without a profile over a static site's pages names the profile that reads them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.profiles.detect import Site, site_of

POST = "---\nlayout: post\ntitle: Hello\ndate: 2024-01-05 10:00:00 +0100\n---\nText.\n"
HUGO_PAGE = '+++\ntitle = "Hello"\ndate = 2024-01-05T10:00:00Z\n+++\nText.\n'
REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "posts"


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)  # the repository's top: nothing above is looked at
    return root


def test_a_jekyll_post_names_its_site_from_the_file_the_folder_or_the_posts(
    tmp_path: Path,
) -> None:
    site = tree(tmp_path, {"_config.yml": "url: https://e.com\n", "_posts/2024-01-05-a.md": POST})
    expected = Site("jekyll", tmp_path / "_config.yml")
    for given in (site / "_posts" / "2024-01-05-a.md", site / "_posts", site):
        assert site_of([str(given)]) == expected


def test_posts_in_a_category_folder_are_a_jekyll_sites_too(tmp_path: Path) -> None:
    tree(tmp_path, {"_config.yml": "", "news/_posts/2024-01-05-a.md": POST})
    assert site_of([str(tmp_path / "news" / "_posts")]) == Site("jekyll", tmp_path / "_config.yml")


def test_other_folders_of_a_jekyll_site_hold_article_records(tmp_path: Path) -> None:
    """Aggregator sites keep article records in a collection such as ``_news``."""
    tree(tmp_path, {"_config.yml": "", "_news/a.md": POST})
    assert site_of([str(tmp_path / "_news")]) is None
    assert site_of([str(tmp_path / "_news" / "a.md")]) is None
    assert site_of([str(tmp_path)]) is None  # no _posts or _drafts


def test_posts_without_a_configuration_are_a_jekyll_sites(tmp_path: Path) -> None:
    tree(tmp_path, {"_posts/web/2024-01-05-a.md": POST})
    assert site_of([str(tmp_path / "_posts" / "web")]) == Site("jekyll", None)
    assert site_of([str(tmp_path)]) == Site("jekyll", None)


@pytest.mark.parametrize(
    ("config", "text", "profile"),
    [
        ("hugo.toml", "title = 'x'\n", "hugo"),
        ("config.toml", 'baseURL = "https://e.com/"\n', "hugo"),
        ("config.yaml", "baseurl: https://e.com/\n", "hugo"),
        ("config.toml", 'base_url = "https://e.com"\n', "zola"),
        ("zola.toml", 'title = "x"\n', "zola"),
    ],
)
def test_hugo_and_zola_sites_are_told_apart_by_their_configuration(
    tmp_path: Path, config: str, text: str, profile: str
) -> None:
    tree(tmp_path, {config: text, "content/posts/a.md": HUGO_PAGE})
    expected = Site(profile, tmp_path / config)
    for given in ("content/posts/a.md", "content/posts", "content", "."):
        assert site_of([str(tmp_path / given)]) == expected


def test_a_hugo_configuration_folder_is_the_site_configuration(tmp_path: Path) -> None:
    tree(tmp_path, {"config/_default/hugo.toml": "", "content/a.md": HUGO_PAGE})
    assert site_of([str(tmp_path / "content")]) == Site("hugo", tmp_path / "config")


def test_a_config_file_of_neither_generator_is_no_site(tmp_path: Path) -> None:
    tree(tmp_path, {"config.toml": "[tool]\nx = 1\n", "content/a.md": HUGO_PAGE})
    assert site_of([str(tmp_path / "content")]) is None


def test_a_site_below_a_folder_is_found_but_not_beyond_two_levels(tmp_path: Path) -> None:
    tree(tmp_path, {"theme/exampleSite/hugo.toml": "", "theme/exampleSite/content/a.md": ""})
    assert site_of([str(tmp_path)]) == Site("hugo", tmp_path / "theme/exampleSite/hugo.toml")
    shutil.move(tmp_path / "theme", tmp_path / "deeper")
    (tmp_path / "top").mkdir()
    shutil.move(tmp_path / "deeper", tmp_path / "top" / "deeper")
    assert site_of([str(tmp_path)]) is None


def test_nothing_above_a_repositorys_top_is_looked_at(tmp_path: Path) -> None:
    tree(tmp_path, {"_config.yml": ""})
    inner = tree(tmp_path / "_posts" / "repo", {"2024-01-05-a.md": POST})
    assert site_of([str(inner)]) is None


def test_standard_input_urls_and_missing_paths_are_no_site(tmp_path: Path) -> None:
    assert site_of(["-", "s3://bucket/_posts/", str(tmp_path / "missing")]) is None


def test_the_hint_names_the_configuration_as_the_user_would_type_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree(tmp_path, {"_config.yml": ""})
    monkeypatch.chdir(tmp_path)
    assert (
        Site("jekyll", tmp_path / "_config.yml")
        .hint()
        .endswith("--profile jekyll --site-config _config.yml")
    )
    assert "--base-url" in Site("jekyll", None).hint()


def run(*args: str) -> tuple[int, str]:
    """The exit code and what went to standard output and error."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["convert", "--to", "json", "--validate"],
        ["convert", "--to", "rss", "--feed-title", "T", "-o", "feed.xml"],  # convert/incomplete
        ["fix"],
    ],
)
def test_a_run_with_errors_over_a_sites_pages_ends_with_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    tree(tmp_path, {"_config.yml": "url: https://e.com\n", "_posts/2024-01-05-a.md": POST})
    monkeypatch.chdir(tmp_path)
    code, err = run(*command, "_posts")
    assert code == 1 and ("schema/required" in err or "convert/incomplete" in err)
    assert err.splitlines()[-1] == (
        "hint: these files look like the pages of a Jekyll site (its configuration: "
        "_config.yml); read them as such with --profile jekyll --site-config _config.yml"
    )
    code, err = run(*command, "_posts", "--profile", "jekyll", "--site-config", "_config.yml")
    assert code == 0 and "hint: these files" not in err


def test_no_hint_when_a_profile_would_not_cure_the_errors(tmp_path: Path) -> None:
    """Article records kept in a Jekyll site's _posts (older aggregator sites do) are read
    rightly without a profile: their errors are their own (a duplicate key), not the missing
    fields a site's pages lack as records."""
    record = (
        "---\ntitle: T\npublishedDateTime: 2024-01-05T10:00:00Z\n"
        "sourceUrl: https://e.com/a\ntitle: T\n---\n"
    )
    tree(tmp_path, {"_config.yml": "", "_posts/2024-01-05-a.md": record})
    for command in (["validate"], ["convert", "--to", "json", "--validate"], ["fix"]):
        code, err = run(*command, str(tmp_path / "_posts"))
        assert code == 1 and "yaml/duplicate-key" in err and "hint: these files" not in err


def test_no_hint_without_errors_or_outside_a_site(tmp_path: Path) -> None:
    clean = "---\ntitle: T\npublishedDateTime: 2024-01-05T10:00:00Z\nwebUrl: https://e.com/a\n---\n"
    tree(tmp_path, {"_config.yml": "", "_posts/2024-01-05-a.md": clean, "other/b.md": POST})
    code, err = run("validate", str(tmp_path / "_posts"))
    assert code == 0 and "hint: these files" not in err
    code, err = run("validate", str(tmp_path / "other"))
    assert code == 1 and "hint: these files" not in err


@pytest.mark.skipif(not REAL.is_dir(), reason="the real posts are not beside the checkout")
@pytest.mark.parametrize(
    ("site", "profile", "config"),
    [
        ("hugo/gohugoio__hugoBasicExample", "hugo", "config.toml"),
        ("hugo/CaiJimmy__hugo-theme-stack", "hugo", "exampleSite/config"),
        ("jekyll/mmistakes__minimal-mistakes", "jekyll", "docs/_config.yml"),
        ("zola/getzola__zola", "zola", "test_site/config.toml"),
    ],
)
def test_real_sites_are_named_with_the_configuration_their_profile_reads(
    site: str, profile: str, config: str
) -> None:
    found = site_of([str(REAL / site)])
    assert found == Site(profile, REAL / site / config)
    code, err = run(
        "validate", str(REAL / site), "--profile", profile, "--site-config", os.fspath(found.config)
    )
    assert code in (0, 1) and "Error:" not in err


def test_a_folder_without_search_permission_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looking inside a folder one may not search raises PermissionError (root may search
    any, so the refusal is also played by ``os.stat``): a site beside it is still found,
    and a path inside it is no site rather than a traceback."""
    tree(tmp_path, {"site/_config.yml": "", "site/_posts/2024-01-05-a.md": POST})
    locked = tmp_path / "a-locked"
    (locked / "_posts").mkdir(parents=True)
    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if Path(os.fsdecode(path)).parent.is_relative_to(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    locked.chmod(0o600)
    try:
        monkeypatch.setattr(os, "stat", stat)
        assert site_of([str(tmp_path)]) == Site("jekyll", tmp_path / "site" / "_config.yml")
        assert site_of([str(locked / "_posts" / "a.md"), str(tmp_path / "site")]) == Site(
            "jekyll", tmp_path / "site" / "_config.yml"
        )
    finally:
        locked.chmod(0o700)
