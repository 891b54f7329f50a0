"""A site's feed: pages the profile gives no link or date have no item, and say so once."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from convert.cli import main

_FINDING = re.compile(r"(?P<path>[^:]+):\d+:\d+: (?P<severity>\w+) (?P<rule>\S+) (?P<message>.*)")


def _site(root: Path, base_url: str) -> None:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(f'baseURL = "{base_url}"\ntitle = "S"\n')
    (root / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\nAll posts.\n")
    (root / "content" / "posts" / "one.md").write_text(
        "---\ntitle: One\ndate: 2024-01-02\n---\nBody one.\n"
    )


def _convert(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict[str, str]]]:
    """The run's status and its findings on standard error (path, severity, rule, message)."""
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main,
        [
            "convert",
            "content",
            "--profile",
            "hugo",
            "--site-config",
            "hugo.toml",
            "--to",
            "rss",
            "--feed-title",
            "S",
            "-o",
            "feed.xml",
        ],
    )
    found = [
        {"path": m["path"], "severity": m["severity"], "rule": m["rule"], "message": m["message"]}
        for m in map(_FINDING.match, result.stderr.splitlines())
        if m is not None
    ]
    return result.exit_code, found


def test_a_sections_list_page_is_no_feed_item_and_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hugo's _index.md has no date of its own: a note says it has no item, the run is clean."""
    _site(tmp_path, "https://example.org/")
    status, found = _convert(tmp_path, monkeypatch)
    assert status == 0
    left = [f for f in found if f["path"] == "content/posts/_index.md"]
    assert [(f["rule"], f["severity"]) for f in left] == [("convert/no-item", "info")]
    assert "hugo profile" in left[0]["message"]
    assert "<title>One</title>" in (tmp_path / "feed.xml").read_text()


def test_a_page_the_profile_reported_is_left_out_with_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the site's address the profile reports each page's missing link: the feed
    leaves the page out with a note, not a second error for the same cause."""
    _site(tmp_path, "")
    status, found = _convert(tmp_path, monkeypatch)
    assert status == 1
    one = [(f["rule"], f["severity"]) for f in found if f["path"] == "content/posts/one.md"]
    assert sorted(one) == [("convert/no-item", "info"), ("profile/missing", "error")]


def test_a_site_pages_feed_item_leaves_its_shortcodes_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _site(tmp_path, "https://example.org/")
    page = tmp_path / "content" / "posts" / "one.md"
    page.write_text(page.read_text() + '\n{{< figure src="/a.png" >}}\n\nAfter the figure.\n')
    status, _ = _convert(tmp_path, monkeypatch)
    feed = (tmp_path / "feed.xml").read_text()
    assert status == 0 and "After the figure." in feed and "figure src" not in feed


def test_a_site_pages_feed_item_shows_an_escaped_shortcode_as_hugo_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post about shortcodes escapes them, {{</* name */>}}; Hugo shows {{< name >}}."""
    _site(tmp_path, "https://example.org/")
    page = tmp_path / "content" / "posts" / "one.md"
    page.write_text(
        page.read_text()
        + '\nWrite {{</* figure src="/a.png" */>}} where it goes.\n\n'
        + "```md\n{{%/* notice */%}}Careful{{%/* /notice */%}}\n```\n"
    )
    status, _ = _convert(tmp_path, monkeypatch)
    content = ElementTree.parse(tmp_path / "feed.xml").findtext(
        "channel/item/{http://purl.org/rss/1.0/modules/content/}encoded"
    )
    shown = html.unescape(content or "")  # the item's HTML as a reader shows its text
    assert status == 0
    assert 'Write {{< figure src="/a.png" >}} where it goes.' in shown
    assert "{{% notice %}}Careful{{% /notice %}}" in shown and "/*" not in shown


def test_a_site_pages_json_feed_text_reads_its_tags_as_its_html_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """content_text is the same page as content_html: no shortcode, the escaped one shown."""
    _site(tmp_path, "https://example.org/")
    page = tmp_path / "content" / "posts" / "one.md"
    page.write_text(
        page.read_text() + '\nSee {{< notice >}}here{{< /notice >}}, write {{</* ref "a" */>}}.\n'
    )
    monkeypatch.chdir(tmp_path)
    common = ["--profile", "hugo", "--site-config", "hugo.toml", "--feed-title", "S"]
    result = CliRunner().invoke(main, ["convert", "content", *common, "--to", "jsonfeed"])
    (item,) = json.loads(result.stdout)["items"]
    assert result.exit_code == 0
    assert "notice" not in item["content_text"] and "notice" not in item["content_html"]
    assert 'See here, write {{< ref "a" >}}.' in item["content_text"]


_MEDIA = "{http://search.yahoo.com/mrss/}content"


@pytest.mark.parametrize(
    ("base_url", "image"),
    [
        # The site's address, baseurl included, as jekyll-feed 0.17 (jekyll 4.3.1) joins it.
        ((), "https://blog.example.org/sub/assets/images/a.jpg"),
        (
            ("--base-url", "https://mirror.example.net/"),
            "https://mirror.example.net/assets/images/a.jpg",
        ),
    ],
)
def test_a_site_pages_image_is_joined_to_the_sites_address_from_its_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_url: tuple[str, ...], image: str
) -> None:
    """--site-config gives the site's address: a front-matter image is below it (no
    convert/relative-url warning, no image left out); an explicit --base-url still wins."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text('url: "https://blog.example.org"\nbaseurl: /sub\n')
    (tmp_path / "_posts" / "2024-01-05-a.md").write_text(
        "---\ntitle: A\nimage: /assets/images/a.jpg\n---\n![x](/assets/images/b.jpg)\n"
    )
    monkeypatch.chdir(tmp_path)
    arguments = ["convert", "_posts", "--profile", "jekyll", "--site-config", "_config.yml"]
    result = CliRunner().invoke(main, [*arguments, *base_url, "--to", "rss", "-o", "feed.xml"])
    assert result.exit_code == 0, result.stderr
    assert "relative-url" not in result.stderr
    item = ElementTree.parse(tmp_path / "feed.xml").find("channel/item")
    assert item is not None
    assert [media.get("url") for media in item.iter(_MEDIA)] == [image]


def test_a_jekyll_post_titled_by_a_number_is_a_feed_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jekyll 4.3.1 published `title: 2048` as the page "2048"; the feed keeps its item."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text("url: https://blog.example.org\n")
    (tmp_path / "_posts" / "2024-01-05-a.md").write_text("---\ntitle: 2048\n---\nThe game.\n")
    monkeypatch.chdir(tmp_path)
    arguments = ["convert", "_posts", "--profile", "jekyll", "--site-config", "_config.yml"]
    result = CliRunner().invoke(main, [*arguments, "--to", "rss", "-o", "feed.xml"])
    assert result.exit_code == 0, result.stderr
    assert "schema/type" not in result.stderr
    assert ElementTree.parse(tmp_path / "feed.xml").findtext("channel/item/title") == "2048"


def test_a_hugo_summary_is_the_items_description_as_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hugo 0.168 rendered `summary:` as Markdown in its RSS; the item's description is that
    text, not the Markdown source."""
    _site(tmp_path, "https://example.org/")
    page = tmp_path / "content" / "posts" / "one.md"
    page.write_text(
        "---\ntitle: One\ndate: 2024-01-02\n"
        "summary: A **bold** claim about [Hugo](https://gohugo.io).\n---\nBody one.\n"
    )
    status, _ = _convert(tmp_path, monkeypatch)
    assert status == 0
    item = ElementTree.parse(tmp_path / "feed.xml").find("channel/item")
    assert item is not None and item.findtext("description") == "A bold claim about Hugo."


def _site_link(fmt: str, data: str) -> str | None:
    if fmt == "jsonfeed":
        return json.loads(data).get("home_page_url")  # type: ignore[no-any-return]
    root = ElementTree.fromstring(data)
    if fmt == "rss":
        return root.findtext("channel/link") or None
    found = root.find("{http://www.w3.org/2005/Atom}link[@rel='alternate']")
    return None if found is None else found.get("href")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_a_sites_feed_links_to_the_site_even_with_no_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, jobs: str
) -> None:
    """A new site's only post is a draft: RSS 2.0 still requires the channel's link, and the
    site's configuration names it (walked, with no --site-config); its base path included."""
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_config.yml").write_text('url: "https://blog.example.org"\nbaseurl: /news\n')
    (tmp_path / "_posts" / "2024-01-05-a.md").write_text(
        "---\ntitle: A\npublished: false\n---\nSoon.\n"
    )
    monkeypatch.chdir(tmp_path)
    arguments = ["convert", ".", "--profile", "jekyll", "--to", fmt, "--jobs", jobs]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.stderr
    assert _site_link(fmt, result.stdout) == "https://blog.example.org/news/"
    assert "convert/feed-link" not in result.stderr
    given = CliRunner().invoke(main, [*arguments, "--feed-link", "https://given.example/"])
    assert _site_link(fmt, given.stdout) == "https://given.example/"
    based = CliRunner().invoke(main, [*arguments, "--base-url", "https://mirror.example/"])
    assert _site_link(fmt, based.stdout) == "https://mirror.example/"
