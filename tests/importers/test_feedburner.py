"""FeedBurner feeds: every entry links to FeedBurner's redirect (``feedproxy.google.com``, a
service gone since 2022) and gives the article's own address in ``feedburner:origLink``, its
file's in ``feedburner:origEnclosureLink``. The records keep the real addresses, and a record
imported earlier under the redirect is still the same entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.importers.helpers import atom, read, rss

FEEDBURNER = ' xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"'
PROXY = "http://feedproxy.google.com/~r/Example/~3/I7-tugfGClk/"
ORIGIN = "https://www.example.com/2020/03/11/clouds-growth/"


def _item(
    link: str = PROXY,
    original: str | None = ORIGIN,
    guid: str = '<guid isPermaLink="false">https://www.example.com/?p=1957308</guid>',
    extra: str = "",
    date: str = "Wed, 11 Mar 2020 15:02:25 +0000",
) -> str:
    """An item in the shape TechCrunch's FeedBurner feed wrote in 2020."""
    origin = f"<feedburner:origLink>{original}</feedburner:origLink>" if original else ""
    return (
        f"<item><title>Cloud growth</title><link>{link}</link>"
        f"<pubDate>{date}</pubDate>{guid}"
        "<description><![CDATA[Our goal is to get a handle on it.]]></description>"
        f"{extra}{origin}</item>"
    )


def _feed(*items: str) -> bytes:
    return rss("".join(items), namespaces=FEEDBURNER)


def test_the_record_links_the_article_not_the_redirect(tmp_path: Path) -> None:
    (record,), found = read(tmp_path, _feed(_item()))
    assert record.meta["webUrl"] == ORIGIN
    assert [d for d in found if d.rule == "import/no-link"] == []


def test_feedburner_s_tracking_parameters_are_taken_off(tmp_path: Path) -> None:
    original = f"{ORIGIN}?utm_source=feedburner&amp;utm_medium=feed&amp;utm_campaign=Feed%3A+ex"
    (record,), _ = read(tmp_path, _feed(_item(original=original)))
    assert record.meta["webUrl"] == ORIGIN


def test_an_atom_feedburner_entry_links_the_article(tmp_path: Path) -> None:
    entry = (
        "<entry><id>tag:blogger.com,1999:blog-1.post-2</id><title>Release</title>"
        "<published>2020-01-02T10:00:00Z</published>"
        '<link rel="alternate" type="text/html"'
        ' href="http://feedproxy.google.com/~r/Blog/~3/abc/release.html"/>'
        '<content type="html">&lt;p&gt;Text.&lt;/p&gt;</content>'
        "<feedburner:origLink>https://blog.example.org/2020/01/release.html</feedburner:origLink>"
        "</entry>"
    )
    data = atom(entry).replace(b"<feed ", b"<feed" + FEEDBURNER.encode() + b" ")
    (record,), _ = read(tmp_path, data)
    assert record.meta["webUrl"] == "https://blog.example.org/2020/01/release.html"


@pytest.mark.parametrize(
    "original", ["/2020/03/11/clouds-growth/", "javascript:alert(1)", "ftp://ex.com/a", "   "]
)
def test_an_original_link_that_is_no_web_address_is_not_taken(
    tmp_path: Path, original: str
) -> None:
    (record,), _ = read(tmp_path, _feed(_item(original=original)))
    assert record.meta["webUrl"] == PROXY


def test_an_entry_without_a_link_of_its_own_takes_the_original(tmp_path: Path) -> None:
    item = _item().replace(f"<link>{PROXY}</link>", "")
    (record,), _ = read(tmp_path, _feed(item))
    assert record.meta["webUrl"] == ORIGIN


ENCLOSURE = (
    '<enclosure url="http://feedproxy.google.com/~r/Show/~5/def/ep1.mp3"'
    ' length="39400000" type="audio/mpeg"/>'
)


def test_the_proxied_enclosure_is_kept_at_its_own_address(tmp_path: Path) -> None:
    extra = (
        ENCLOSURE
        + "<feedburner:origEnclosureLink>https://cdn.example.com/ep1.mp3</feedburner:origEnclosureLink>"
    )
    (record,), _ = read(tmp_path, _feed(_item(extra=extra)))
    assert "[Audio (MP3, 39.4 MB)](https://cdn.example.com/ep1.mp3)" in record.body
    assert "feedproxy" not in record.body and "originalUrl" not in record.meta


def test_only_the_feedburner_enclosure_is_replaced(tmp_path: Path) -> None:
    """FeedBurner rewrote one enclosure per item; a file on another host is the feed's own."""
    extra = (
        '<enclosure url="https://files.example.com/notes.pdf" length="120000"'
        ' type="application/pdf"/>'
        + ENCLOSURE
        + "<feedburner:origEnclosureLink>https://cdn.example.com/ep1.mp3</feedburner:origEnclosureLink>"
    )
    (record,), _ = read(tmp_path, _feed(_item(extra=extra)))
    assert "(https://files.example.com/notes.pdf)" in record.body
    assert "(https://cdn.example.com/ep1.mp3)" in record.body
    assert "feedproxy" not in record.body


def test_an_original_enclosure_that_is_no_web_address_leaves_the_file_as_it_was(
    tmp_path: Path,
) -> None:
    extra = ENCLOSURE + "<feedburner:origEnclosureLink>ep1.mp3</feedburner:origEnclosureLink>"
    (record,), _ = read(tmp_path, _feed(_item(extra=extra)))
    assert "(http://feedproxy.google.com/~r/Show/~5/def/ep1.mp3)" in record.body


def test_an_atom_enclosure_link_is_replaced_too(tmp_path: Path) -> None:
    entry = (
        "<entry><id>tag:example.org,2020:ep-1</id><title>Episode 1</title>"
        "<updated>2020-01-02T10:00:00Z</updated>"
        '<link rel="alternate" href="http://feedproxy.google.com/~r/Show/~3/x/ep-1"/>'
        '<link rel="enclosure" type="video/mp4" length="9000000"'
        ' href="http://feedproxy.google.com/~r/Show/~5/y/ep-1.mp4"/>'
        "<feedburner:origLink>https://show.example.org/ep-1</feedburner:origLink>"
        "<feedburner:origEnclosureLink>https://media.example.org/ep-1.mp4"
        "</feedburner:origEnclosureLink></entry>"
    )
    data = atom(entry).replace(b"<feed ", b"<feed" + FEEDBURNER.encode() + b" ")
    (record,), _ = read(tmp_path, data)
    assert record.meta["webUrl"] == "https://show.example.org/ep-1"
    assert record.meta["originalUrl"] == "https://media.example.org/ep-1.mp4"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, ["import", "--format", "text", *args])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_a_record_imported_under_the_redirect_is_the_same_entry(tmp_path: Path) -> None:
    """Imports before origLink was read wrote the redirect as webUrl. An item without a guid
    (FeedBurner passes RSS items through as they are) is found by it all the same: skipped,
    and with --update rewritten in its place with the article's address."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "cloud-growth.md").write_text(
        f"---\ntitle: Cloud growth\npublishedDateTime: '2020-03-11T15:02:25Z'\nwebUrl: {PROXY}\n"
        "---\n",
        "utf-8",
    )
    feed = tmp_path / "feed.xml"
    feed.write_bytes(_feed(_item(guid="")))
    assert "0 written, 0 updated, 1 skipped" in _run(str(feed), "-o", str(out))
    feed.write_bytes(_feed(_item(guid="", date="Thu, 12 Mar 2020 15:02:25 +0000")))
    assert "0 written, 1 updated, 0 skipped" in _run(str(feed), "-o", str(out), "--update")
    assert [p.name for p in out.iterdir()] == ["cloud-growth.md"]
    assert f"webUrl: {ORIGIN}\n" in (out / "cloud-growth.md").read_text("utf-8")


def test_another_entry_s_redirect_is_another_entry(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "older.md").write_text(
        "---\ntitle: Older\npublishedDateTime: '2020-03-10T15:02:25Z'\n"
        "webUrl: http://feedproxy.google.com/~r/Example/~3/41jAdfbfKjs/\n---\n",
        "utf-8",
    )
    feed = tmp_path / "feed.xml"
    feed.write_bytes(_feed(_item(guid="")))
    assert "1 written, 0 updated, 0 skipped" in _run(str(feed), "-o", str(out))
