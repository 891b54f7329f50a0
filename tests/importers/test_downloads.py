"""Downloads: the files a ``type: download`` record offers (its ``actions``) go out in every
feed we write (Media RSS content with no medium, an Atom enclosure link, a JSON Feed
attachment) and come back as ``actions``, not as links after the body. A file that is audio,
video or a picture, and anything in RSS's ``<enclosure>`` (podcasts', WordPress's), stays
what it was: the record's video or images, or a link after the body."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert import load, validate
from convert.cli import main
from convert.converters.writing import convert
from convert.diagnostics import Severity
from convert.importers import import_feed, streaming
from convert.importers.entry_media import media_titles
from convert.record import Record, Source
from tests.importers.helpers import atom, read, rss

MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
ACTIONS = [
    # An extension Python's table does not know: untyped in RSS, octet-stream elsewhere.
    {
        "url": "https://community.example.com/attachments/AppGallery/74/2/ColourPicker.msapp",
        "type": "download",
        "title": "Download Source Code",
    },
    {"url": "https://community.example.com/files/colour-picker-guide.pdf", "type": "download"},
    {"url": "https://community.example.com/files/colour-picker.zip", "type": "download"},
]


def _errors(record: Record) -> list[str]:
    return [f"{d.rule} {d.message}" for d in validate(record) if d.severity is Severity.ERROR]


def _download_record(**meta: Any) -> Record:
    """A download record shaped like the samples sites publish (tests/real_shapes)."""
    fields = {
        "title": "Colour picker",
        "excerpt": "A small app that picks a colour from a photo.",
        "originalUrl": "https://community.example.com/t5/App-Samples/Colour-picker/td-p/100001",
        "type": "download",
        "publishedDateTime": "2019-01-03T08:33:00Z",
        "actions": ACTIONS,
        "images": [{"url": "https://community.example.com/attachments/Picker.png"}],
        **meta,
    }
    return Record(fields, "<p>A small app.</p>\n", Source("picker.md", "yaml"), "markdown")


def _through(fmt: str, record: Record, tmp_path: Path) -> Record:
    out = io.BytesIO()
    convert(iter([record]), fmt, out, feed_title="Samples", feed_link="https://example.com/")
    path = tmp_path / f"feed.{fmt}"
    path.write_bytes(out.getvalue())
    (imported,) = import_feed(str(path))
    return imported


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_a_download_record_survives_each_feed(fmt: str, tmp_path: Path) -> None:
    record = _download_record()
    assert _errors(record) == []
    imported = _through(fmt, record, tmp_path)
    assert imported.meta["actions"] == ACTIONS
    assert imported.meta["type"] == "download"
    assert imported.meta["images"][0]["url"] == record.meta["images"][0]["url"]
    assert imported.body.strip() == "A small app."  # no link to the files after it
    assert _errors(imported) == []


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_a_download_with_no_page_is_linked_by_its_file(fmt: str, tmp_path: Path) -> None:
    """An item with no page of its own: the feeds link it by its file, and the record it
    comes back as offers that file and validates."""
    record = _download_record(originalUrl=ACTIONS[1]["url"], actions=ACTIONS[1:2])
    imported = _through(fmt, record, tmp_path)
    assert imported.meta["actions"] == ACTIONS[1:2]
    assert imported.meta.get("webUrl", imported.meta.get("originalUrl")) == ACTIONS[1]["url"]
    assert _errors(imported) == []


def test_a_video_record_keeps_its_downloads(tmp_path: Path) -> None:
    record = _download_record(
        type="video", originalUrl="https://video.example/talk.mp4", actions=ACTIONS[1:2]
    )
    record.meta["webUrl"] = "https://video.example/talk"  # type: ignore[index]
    imported = _through("atom", record, tmp_path)
    assert (imported.meta["type"], imported.meta["originalUrl"]) == (
        "video",
        "https://video.example/talk.mp4",
    )
    assert imported.meta["actions"] == ACTIONS[1:2]


def test_streamed_feeds_read_download_titles_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed past the streaming threshold is cut into one-entry feeds: their files keep the
    titles Media RSS gives them."""
    out = io.BytesIO()
    convert(iter([_download_record()]), "rss", out, feed_title="S", feed_link="https://ex.com/")
    path = tmp_path / "feed.xml"
    path.write_bytes(out.getvalue())
    monkeypatch.setattr(streaming, "STREAM_FROM", 0)
    (imported,) = import_feed(str(path))
    assert imported.meta["actions"] == ACTIONS


def _item(media: str, link: str = "<link>https://pod.example/1</link>") -> str:
    return (
        f"<item><title>One</title>{link}<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        f"<description>Notes.</description>{media}</item>"
    )


def test_wordpress_and_podcast_enclosures_stay_links(tmp_path: Path) -> None:
    """RSS's <enclosure> is a post's media (WordPress encloses the audio and video a post
    links; podcasts their episodes): any file there stays a link after the body."""
    item = _item(
        '<enclosure url="https://pod.example/1.mp3" type="audio/mpeg" length="5000000"/>'
        '<enclosure url="https://pod.example/1.pdf" type="application/pdf" length="120000"/>'
    )
    (record,), _ = read(tmp_path, rss(item))
    assert "actions" not in record.meta and "type" not in record.meta
    assert record.body.strip().split("\n\n") == [
        "[Audio (MP3, 5.0 MB)](https://pod.example/1.mp3)",
        "[File (PDF, 120.0 KB)](https://pod.example/1.pdf)",
    ]


def test_media_rss_files_offered_for_download(tmp_path: Path) -> None:
    """Media RSS content that is no picture, audio, video or player is a file offered for
    download: with no medium (as the RSS converter writes it), or Media RSS's ``document``;
    its ``media:title`` names it."""
    item = _item(
        '<media:content url="https://pod.example/report.pdf" type="application/pdf">'
        '<media:title type="plain">The report</media:title></media:content>'
        '<media:content url="https://pod.example/slides" medium="document"/>'
        '<media:content url="https://pod.example/cover.png" type="image/png"/>'
        '<media:content url="https://pod.example/talk.mp3" type="audio/mpeg"/>'
        # YouTube's player, a picture given by its size: no files to download.
        '<media:content url="https://www.youtube.com/v/abc?version=3"'
        ' type="application/x-shockwave-flash" width="640" height="390"/>'
        '<media:content url="https://img.example/photo?id=7" width="800" height="600"/>'
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=MEDIA))
    assert record.meta["actions"] == [
        {"url": "https://pod.example/report.pdf", "type": "download", "title": "The report"},
        {"url": "https://pod.example/slides", "type": "download"},
    ]
    assert record.meta["images"] == [{"url": "https://pod.example/cover.png"}]
    # The entry carries audio too: an episode with its papers, not a download record.
    assert "type" not in record.meta
    assert record.body.strip() == "[Audio (MP3)](https://pod.example/talk.mp3)"
    assert _errors(record) == []


def test_atom_enclosures_of_audio_stay_links_and_files_are_downloads(tmp_path: Path) -> None:
    """feedparser types an untyped Atom link text/html: the file's name says what it is, so
    an untyped episode is still audio (a podcast's, as before), and an untyped archive a
    download."""
    entry = (
        "<entry><title>Ep</title><id>tag:atom.example,2024:9</id>"
        '<link rel="alternate" href="/ep/9"/><published>2024-05-01T09:00:00Z</published>'
        '<link rel="enclosure" href="https://atom.example/audio/9.mp3"/>'
        '<link rel="enclosure" type="audio/mpeg" length="52428800" href="/audio/9b.mp3"/>'
        '<link rel="enclosure" title="Transcript" href="https://atom.example/9.zip"/>'
        # A server's "bytes" type says nothing of the kind either.
        '<link rel="enclosure" type="application/octet-stream" href="/audio/9c.m4a"/>'
        "</entry>"
    )
    (record,), _ = read(tmp_path, atom(entry))
    assert record.body.strip().split("\n\n") == [
        "[Audio (MP3)](https://atom.example/audio/9.mp3)",
        "[Audio (MP3, 52.4 MB)](https://atom.example/audio/9b.mp3)",
        "[Audio (M4A)](https://atom.example/audio/9c.m4a)",
    ]
    assert record.meta["actions"] == [
        {"url": "https://atom.example/9.zip", "type": "download", "title": "Transcript"}
    ]
    assert "type" not in record.meta


def test_json_feed_attachments_that_are_files(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Files",
        "home_page_url": "https://jf.example/",
        "items": [
            {
                "id": "1",
                "title": "One",
                "date_published": "2024-02-29T23:30:00+01:00",
                "attachments": [
                    {"url": "https://jf.example/c.png", "mime_type": "image/png"},
                    {"url": "/kit.zip", "mime_type": "application/zip", "title": "\x00Kit "},
                    {"url": "https://jf.example/kit.zip", "mime_type": "application/zip"},
                    {"url": "ftp://files.example/kit.zip", "mime_type": "application/zip"},
                ],
            }
        ],
    }
    (record,), found = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert record.meta["actions"] == [
        {"url": "https://jf.example/kit.zip", "type": "download", "title": "Kit"}
    ]
    # No page: the file links the record, as the schema allows a download.
    assert (record.meta["originalUrl"], record.meta["type"]) == (
        "https://jf.example/kit.zip",
        "download",
    )
    assert record.body == ""
    assert _errors(record) == []
    assert [d.rule for d in found] == ["import/no-link"]


def test_media_titles_are_read_leniently() -> None:
    data = (
        f'<rss version="2.0"{MEDIA}><channel><item>'
        '<media:content url="https://x.example/a.pdf"><media:title>A</media:title>'
        "</media:content>"
        '<media:content url="https://x.example/b.pdf"><media:title type="html">'
        "&lt;b&gt;B&lt;/b&gt; &amp;amp; C</media:title></media:content>"
        "</item><item><broken></channel>"
    ).encode()
    assert media_titles(data) == {
        "https://x.example/a.pdf": "A",
        "https://x.example/b.pdf": "B & C",
    }
    assert media_titles(b"<rss><channel/></rss>") == {}


def test_media_titles_are_read_under_any_prefix_and_not_parsed_for_where_none_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An entry of pictures without titles is not parsed a second time; a title under
    another prefix, or under the namespace bound as the default one, is read."""
    content = '<{0}content url="https://x.example/a.pdf"><{0}title>A</{0}title></{0}content>'
    ns = "http://search.yahoo.com/mrss/"
    other = f'<rss xmlns:m="{ns}"><channel><item>{content.format("m:")}</item></channel></rss>'
    grouped = f'<group xmlns="{ns}">{content.format("")}</group>'
    default = f"<rss><channel><item>{grouped}</item></channel></rss>"
    for data in (other, default):
        assert media_titles(data.encode()) == {"https://x.example/a.pdf": "A"}, data
    from lxml import etree

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(etree, "iterparse", refused)
    pictures = (
        f'<rss xmlns:media="{ns}"><channel><item><title>T</title>'
        '<media:content url="https://x.example/a.jpg" medium="image"/></item></channel></rss>'
    )
    assert media_titles(pictures.encode()) == {}


def _json_feed(attachments: list[dict[str, str]]) -> bytes:
    item = {
        "id": "1",
        "url": "https://ex.com/1",
        "title": "One",
        "date_published": "2024-02-29T23:30:00Z",
        "content_text": "Notes.",
        "attachments": attachments,
    }
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [item]}
    return json.dumps(feed).encode()


PAGES_AND_PLAYERS = [
    ("https://ex.com/x", "text/html"),
    ("https://ex.com/y", "application/xhtml+xml; charset=utf-8"),
    ("https://ex.com/player.swf", "application/x-shockwave-flash"),
]
# feedparser types every untyped Atom link text/html, so there that type says nothing and the
# link's name is read instead (the untyped archive above is a download).
FORMATS_PAGES_AND_PLAYERS = [
    (fmt, url, media_type)
    for fmt in ("rss", "atom", "jsonfeed")
    for url, media_type in PAGES_AND_PLAYERS
    if (fmt, media_type) != ("atom", "text/html")
]


@pytest.mark.parametrize(("fmt", "url", "media_type"), FORMATS_PAGES_AND_PLAYERS)
def test_a_page_or_a_player_is_never_a_download(
    fmt: str, url: str, media_type: str, tmp_path: Path
) -> None:
    """One rule in the three formats: a file typed as a page or a player is something to open,
    not to save, wherever the feed puts it."""
    if fmt == "jsonfeed":
        data, name = _json_feed([{"url": url, "mime_type": media_type}]), "feed.json"
    elif fmt == "atom":
        link = f'<link rel="enclosure" type="{media_type}" href="{url}"/>'
        data, name = atom(_atom_entry(link)), "feed.xml"
    else:
        content = f'<media:content url="{url}" type="{media_type}"/>'
        data, name = rss(_item(content), namespaces=MEDIA), "feed.xml"
    (record,), _ = read(tmp_path, data, name=name)
    assert "actions" not in record.meta
    assert record.meta.get("type") != "download"
    assert _errors(record) == []


def _atom_entry(links: str) -> str:
    return (
        "<entry><title>Ep</title><id>tag:atom.example,2024:9</id>"
        '<link rel="alternate" href="https://atom.example/ep/9"/>'
        f"<published>2024-05-01T09:00:00Z</published>{links}</entry>"
    )


def test_a_json_feed_page_is_linked_after_the_body(tmp_path: Path) -> None:
    """A page a JSON Feed item attaches is kept as an RSS enclosure of one is: a link after
    the body, not a download."""
    data = _json_feed([{"url": "https://ex.com/x", "mime_type": "text/html"}])
    (record,), _ = read(tmp_path, data, name="feed.json")
    assert record.body.strip().split("\n\n")[-1] == "[File (HTML)](https://ex.com/x)"
    assert "actions" not in record.meta


def test_media_rss_audio_sent_as_bytes_is_the_entrys_audio(tmp_path: Path) -> None:
    """A server that types an episode ``application/octet-stream`` says nothing of its kind:
    in Media RSS, as in an RSS enclosure, the file's name says it is audio, so the episode is
    linked after the body as an enclosure of audio would be; a file of no such name stays a
    download."""
    episode = "https://ex.com/files/ep.mp3"
    (sent,), _ = read(
        tmp_path,
        rss(
            _item(f'<media:content url="{episode}" type="application/octet-stream"/>'),
            namespaces=MEDIA,
        ),
    )
    (enclosed,), _ = read(tmp_path, rss(_item(f'<enclosure url="{episode}" type="audio/mpeg"/>')))
    assert sent.meta == enclosed.meta and sent.body == enclosed.body
    assert sent.body.strip() == f"[Audio (MP3)]({episode})"
    assert "actions" not in sent.meta
    (untyped,), _ = read(
        tmp_path, rss(_item(f'<media:content url="{episode}"/>'), namespaces=MEDIA)
    )
    assert untyped.body == sent.body
    binary = '<media:content url="https://ex.com/files/ep.bin" type="application/octet-stream"/>'
    (download,), _ = read(tmp_path, rss(_item(binary), namespaces=MEDIA))
    assert download.meta["actions"] == [{"url": "https://ex.com/files/ep.bin", "type": "download"}]
    film = '<media:content url="https://ex.com/files/ep.mp4" type="binary/octet-stream"/>'
    (video,), _ = read(tmp_path, rss(_item(film), namespaces=MEDIA))
    assert (video.meta["type"], video.meta["originalUrl"]) == (
        "video",
        "https://ex.com/files/ep.mp4",
    )


def test_media_rss_images_keep_their_titles_once(tmp_path: Path) -> None:
    """``media:title`` names a Media RSS image, as the feed converters write an image's title;
    an image given again (a thumbnail, untitled content) is one image still."""
    item = _item(
        '<media:content url="https://ex.com/a.png" medium="image" width="800">'
        '<media:title type="html">A &amp;amp; &lt;b&gt;B&lt;/b&gt;</media:title></media:content>'
        '<media:content url="https://ex.com/b.png" type="image/png"/>'
        '<media:thumbnail url="https://ex.com/a.png"/>'
        '<media:content url="https://ex.com/a.png" medium="image"/>'
        '<media:content url="https://ex.com/report.pdf"><media:title>Report</media:title>'
        "</media:content>"
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=MEDIA))
    assert record.meta["images"] == [
        {"url": "https://ex.com/a.png", "width": 800, "title": "A & B"},
        {"url": "https://ex.com/b.png"},
    ]
    assert record.meta["actions"] == [
        {"url": "https://ex.com/report.pdf", "type": "download", "title": "Report"}
    ]


def test_an_entry_known_by_its_content_keeps_its_digest_with_image_titles(
    tmp_path: Path,
) -> None:
    """An item with neither link nor guid is known by a digest of its content, written in
    its record: reading its images' titles must not give it another one, or the next import
    would not find the record written before and write it again."""
    image = '<media:content url="https://ex.com/a.png" medium="image">'
    titled, untitled = (
        rss(_item(f"{image}{title}</media:content>", link=""), namespaces=MEDIA)
        for title in ("<media:title>A</media:title>", "")
    )
    digests = []
    for number, data in enumerate((titled, untitled)):
        out = tmp_path / f"out{number}"
        feed = tmp_path / f"feed{number}.xml"
        feed.write_bytes(data)
        result = CliRunner().invoke(main, ["import", str(feed), "-o", str(out)])
        assert result.exit_code == 0, result.output
        (written,) = out.iterdir()
        text = written.read_text("utf-8")
        digests.append([line for line in text.splitlines() if "digest" in line])
        assert ("title: A" in text) is (number == 0)
    assert digests[0] == digests[1] and digests[0]


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_download_records_come_back_through_the_command_line(fmt: str, tmp_path: Path) -> None:
    """``artconv convert`` then ``artconv import``: the download cases above give the same
    record back, and the XML feeds their images' titles too (JSON Feed carries one image, by
    its address)."""
    image = {"url": "https://community.example.com/attachments/Picker.png", "title": "Picker"}
    cases = {
        "picker.md": _download_record(images=[image]),
        "guide.md": _download_record(originalUrl=ACTIONS[1]["url"], actions=ACTIONS[1:2]),
    }
    sources = tmp_path / "records"
    sources.mkdir()
    for name, record in cases.items():
        meta = json.dumps(dict(record.meta))
        (sources / name).write_text(f"---\n{meta}\n---\n{record.body}", "utf-8")
    feed, out = tmp_path / f"feed.{fmt}", tmp_path / "out"
    made = CliRunner().invoke(
        main,
        [
            *("convert", str(sources), "--to", fmt, "-o", str(feed)),
            *("--feed-title", "Samples", "--feed-link", "https://example.com/"),
        ],
    )
    assert made.exit_code == 0, made.output
    imported = CliRunner().invoke(main, ["import", str(feed), "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    records = sorted((load(p) for p in out.iterdir()), key=lambda r: len(r.meta["actions"]))
    assert [r.meta["actions"] for r in records] == [ACTIONS[1:2], ACTIONS]
    for got, want in zip(records, (cases["guide.md"], cases["picker.md"]), strict=True):
        assert got.meta["type"] == "download"
        assert got.meta["title"] == want.meta["title"]
        assert got.meta["publishedDateTime"] == want.meta["publishedDateTime"]
        assert got.body.strip() == "A small app."
        assert _errors(got) == []
    images = records[1].meta["images"]
    assert images == [image] if fmt != "jsonfeed" else [{"url": image["url"]}]
