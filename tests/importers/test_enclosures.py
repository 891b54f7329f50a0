"""Enclosures: a podcast's audio, an entry's video and any other file it carries survive the
import. The first video is the record's video (``type: video``, ``originalUrl``), as the
feed converters write videos; every other file is a link at the end of the body, named by its
kind, format and size. Image enclosures stay ``images``."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

from convert import validate
from convert.converters.writing import convert
from convert.diagnostics import Severity
from convert.importers import import_feed
from convert.importers.entries import Enclosure, to_int
from convert.importers.media import file_label, with_files
from convert.record import Record, Source
from tests.importers.helpers import atom, read, rss

MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'


def _errors(record: Record) -> list[str]:
    return [f"{d.rule} {d.message}" for d in validate(record) if d.severity is Severity.ERROR]


def test_a_podcast_episode_keeps_its_audio_as_a_link_after_the_text(tmp_path: Path) -> None:
    # strobo.fm's Hugo feed, one item: the episode's notes in <description>, the audio in
    # <enclosure>; the summary stays the excerpt and the body is the link alone.
    item = (
        "<item><title>T型エンジニア</title><link>https://strobo.fm/episode/2/</link>"
        "<pubDate>Wed, 05 Jul 2017 00:00:00 +0000</pubDate>"
        "<guid>https://strobo.fm/episode/2/</guid>"
        "<description>T型エンジニア ペルソナ5</description>"
        '<enclosure url="https://strobo.fm/audio/2.mp3" type="audio/mpeg" length="36443242" />'
        "</item>"
    )
    (record,), found = read(tmp_path, rss(item))
    assert found == []
    assert record.meta["excerpt"] == "T型エンジニア ペルソナ5"
    assert record.body.strip() == "[Audio (MP3, 36.4 MB)](https://strobo.fm/audio/2.mp3)"
    assert "type" not in record.meta and "originalUrl" not in record.meta
    assert _errors(record) == []


def test_the_audio_link_comes_after_the_body_and_images_stay_images(tmp_path: Path) -> None:
    item = (
        "<item><title>Ep 1</title><link>https://pod.example/1</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;Show notes.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;&lt;p&gt;Three."
        "&lt;/p&gt;</description>"
        '<enclosure url="https://pod.example/cover.png" type="image/png" length="10"/>'
        '<enclosure url="https://pod.example/1.m4a" type="audio/x-m4a" length="1048576"/>'
        "</item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["images"] == [{"url": "https://pod.example/cover.png"}]
    assert record.body.strip() == (
        "Show notes.\n\nTwo.\n\nThree.\n\n[Audio (M4A, 1.0 MB)](https://pod.example/1.m4a)"
    )


def test_html_bodies_get_the_link_as_a_paragraph(tmp_path: Path) -> None:
    item = (
        "<item><title>Ep</title><link>https://pod.example/1</link>"
        "<description>&lt;p&gt;Notes &amp;amp; links&lt;/p&gt;</description>"
        '<enclosure url="https://pod.example/a.mp3?x=1&amp;y=2" type="audio/mpeg" '
        'length="2500000"/></item>'
    )
    (record,), _ = read(tmp_path, rss(item), body="html")
    assert record.body_format == "html" and record.path.endswith(".html")
    assert record.body.rstrip().endswith(
        '<p><a href="https://pod.example/a.mp3?x=1&amp;y=2">Audio (MP3, 2.5 MB)</a></p>'
    )


@pytest.mark.parametrize("body", ["markdown", "html"])
def test_a_file_the_body_links_already_is_not_linked_twice(body: str, tmp_path: Path) -> None:
    def item(href: str) -> str:
        return (
            "<item><title>Ep</title><link>https://pod.example/1</link><content:encoded>"
            f'<![CDATA[<p>Notes.</p><p><a href="{href}">Listen</a></p>]]></content:encoded>'
            '<enclosure url="https://pod.example/1.mp3?a=1&amp;b=2" type="audio/mpeg" '
            'length="2000000"/></item>'
        )

    (record,), _ = read(
        tmp_path, rss(item("https://pod.example/1.mp3?a=1&amp;b=2"), namespaces=CONTENT), body=body
    )
    assert "Listen" in record.body and "Audio" not in record.body
    # A longer address that starts with the file's is another link.
    (record,), _ = read(
        tmp_path,
        rss(item("https://pod.example/1.mp3?a=1&amp;b=2&amp;c=3"), namespaces=CONTENT),
        body=body,
    )
    assert "Listen" in record.body and "Audio (MP3, 2.0 MB)" in record.body


def test_a_video_enclosure_is_the_records_video(tmp_path: Path) -> None:
    # The Torid Tagoof podcast: a video episode, its link a page and its enclosure the file.
    item = (
        "<item><title>Episode 36</title><description>Episode 36 description</description>"
        "<link>https://drive.google.com/file/d/1YJSVuVnz</link>"
        "<pubDate>Thu, 12 Dec 2024 14:00:00 GMT</pubDate>"
        '<enclosure url="https://drive.google.com/uc?export=download&amp;id=1YJSVuVnz" '
        'length="12345678" type="video/mp4"/></item>'
    )
    (record,), found = read(tmp_path, rss(item))
    assert found == []
    assert record.meta["webUrl"] == "https://drive.google.com/file/d/1YJSVuVnz"
    assert record.meta["type"] == "video"
    assert record.meta["originalUrl"] == "https://drive.google.com/uc?export=download&id=1YJSVuVnz"
    assert record.body == ""
    assert list(record.meta).index("originalUrl") == list(record.meta).index("webUrl") + 1
    assert _errors(record) == []


def test_a_second_video_and_other_files_are_links(tmp_path: Path) -> None:
    item = (
        "<item><title>Talk</title><link>https://conf.example/talk</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        '<enclosure url="https://conf.example/talk.webm" type="video/webm" length="0"/>'
        '<media:content url="https://conf.example/talk-hd.mp4" medium="video" '
        'fileSize="734003200"/>'
        '<media:content url="https://conf.example/talk.mp3" type="audio/mpeg"/>'
        '<media:content url="https://conf.example/talk.webm" type="video/webm"/>'
        '<enclosure url="https://conf.example/slides.pdf" type="application/pdf" '
        'length="1200000"/>'
        '<enclosure url="https://conf.example/data" length="5000"/></item>'
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=MEDIA))
    # Enclosures first, then Media RSS content (feedparser keeps the two apart).
    assert record.meta["originalUrl"] == "https://conf.example/talk.webm"
    assert record.body.strip().split("\n\n") == [
        "[File (PDF, 1.2 MB)](https://conf.example/slides.pdf)",
        "[File (5.0 KB)](https://conf.example/data)",
        "[Video (MP4, 734.0 MB)](https://conf.example/talk-hd.mp4)",
        "[Audio (MP3)](https://conf.example/talk.mp3)",
    ]
    assert _errors(record) == []


def test_atom_enclosure_links(tmp_path: Path) -> None:
    entry = (
        "<entry><title>Ep</title><id>tag:atom.example,2024:9</id>"
        '<link rel="alternate" href="/ep/9"/><published>2024-05-01T09:00:00Z</published>'
        '<link rel="enclosure" type="audio/mpeg" length="52428800" href="/audio/9.mp3"/>'
        '<link rel="enclosure" type="video/mp4" href="https://cdn.atom.example/9.mp4"/>'
        "</entry>"
    )
    (record,), found = read(tmp_path, atom(entry))
    assert found == []
    assert record.meta["originalUrl"] == "https://cdn.atom.example/9.mp4"
    assert record.body.strip() == "[Audio (MP3, 52.4 MB)](https://atom.example/audio/9.mp3)"
    assert _errors(record) == []


def test_json_feed_attachments(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Pod",
        "home_page_url": "https://jf.example/",
        "items": [
            {
                "id": "1",
                "url": "https://jf.example/1",
                "title": "One",
                "content_html": "<p>Notes</p>",
                "date_published": "2024-02-29T23:30:00+01:00",
                "attachments": [
                    {"url": "https://jf.example/c.png", "mime_type": "image/png"},
                    {
                        "url": "https://jf.example/1.mp3",
                        "mime_type": "audio/mpeg",
                        "size_in_bytes": 42100000,
                        "duration_in_seconds": 2400,
                    },
                    {"url": "https://jf.example/1.mp4", "mime_type": "video/mp4"},
                    {"url": "ftp://files.example/1.mp3", "mime_type": "audio/mpeg"},
                    "stray",
                ],
            }
        ],
    }
    (record,), _ = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert record.meta["images"] == [{"url": "https://jf.example/c.png"}]
    assert record.meta["originalUrl"] == "https://jf.example/1.mp4"
    assert record.body.strip() == "Notes\n\n[Audio (MP3, 42.1 MB)](https://jf.example/1.mp3)"
    assert _errors(record) == []


@pytest.mark.parametrize(
    ("media_type", "url", "length", "label"),
    [
        ("audio/mpeg", "https://x.example/a", 999, "Audio (MP3)"),  # placeholder lengths
        ("audio/mpeg", "https://x.example/a", 1000, "Audio (MP3, 1.0 KB)"),
        ("audio/mpeg", "https://x.example/a", 999_960, "Audio (MP3, 1.0 MB)"),
        ("audio/mpeg", "https://x.example/a", 1_500_000_000, "Audio (MP3, 1.5 GB)"),
        (None, "https://x.example/a.ogg", None, "Audio (OGG)"),
        ("audio/x-ms-wma", "https://x.example/a", None, "Audio (MS-WMA)"),
        (None, "https://x.example/v.MOV?dl=1", None, "Video (MOV)"),
        ("application/epub+zip", "https://x.example/book", 3_000_000, "File (EPUB, 3.0 MB)"),
        ("application/x-weird*type", "https://x.example/f", None, "File"),
        (None, "https://x.example/f", None, "File"),
    ],
)
def test_file_labels(media_type: str | None, url: str, length: int | None, label: str) -> None:
    from convert.importers.entries import Enclosure

    assert file_label(Enclosure(url, media_type, length)) == label


@pytest.mark.parametrize(
    ("fmt", "video"),
    [
        ("rss", "https://video.example/harbour.mp4"),
        ("atom", "https://video.example/harbour.mp4"),
        ("jsonfeed", "https://video.example/harbour.webm"),
        # RSS writes any video as Media RSS; Atom and JSON Feed only one whose type is known.
        ("rss", "https://video.example/watch?v=harbour"),
    ],
)
def test_a_video_record_survives_a_feed(fmt: str, video: str, tmp_path: Path) -> None:
    """What the feed converters write for a video record comes back as that record's video."""
    meta = {
        "title": "Harbour at dawn",
        "publishedDateTime": "2024-03-01T08:00:00Z",
        "webUrl": "https://news.example/harbour",
        "type": "video",
        "originalUrl": video,
    }
    out = io.BytesIO()
    records = [Record(meta, "", Source("harbour.md", "yaml"), "markdown")]
    convert(iter(records), fmt, out, feed_title="Videos", feed_link="https://news.example/")
    path = tmp_path / f"feed.{fmt}"
    path.write_bytes(out.getvalue())
    (record,) = import_feed(str(path))
    assert (record.meta["type"], record.meta["originalUrl"]) == ("video", meta["originalUrl"])
    assert record.meta["webUrl"] == meta["webUrl"] and record.body == ""


@pytest.mark.parametrize("attachments", [5, "a.mp3", {"url": "https://jf.example/a.mp3"}, None])
def test_attachments_that_are_no_list_are_none(attachments: object, tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "https://jf.example/1", "title": "One", "attachments": attachments}],
    }
    (record,), _ = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert record.body == "" and "images" not in record.meta


def test_an_entry_with_no_link_is_linked_by_its_file(tmp_path: Path) -> None:
    """RSS items need no <link>: an episode that is its audio file alone has that file as its
    originalUrl, the schema's link for an item with no page (the record validates), and the
    warning says so rather than that the schema wants a webUrl."""
    items = "".join(
        f"<item><title>{title}</title><guid isPermaLink='false'>ep-{n}</guid>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        f'<enclosure url="https://pod.example/{n}.{kind}" type="{media}" length="5000000"/>'
        "</item>"
        for n, title, kind, media in (
            (1, "Audio", "mp3", "audio/mpeg"),
            (2, "Video", "mp4", "video/mp4"),
        )
    )
    (audio, video), found = read(tmp_path, rss(items))
    assert "webUrl" not in audio.meta and "type" not in audio.meta
    assert audio.meta["originalUrl"] == "https://pod.example/1.mp3"
    assert audio.body.strip() == "[Audio (MP3, 5.0 MB)](https://pod.example/1.mp3)"
    assert (video.meta["originalUrl"], video.meta["type"]) == ("https://pod.example/2.mp4", "video")
    assert _errors(audio) == [] and _errors(video) == []
    assert [d.message for d in found] == [
        f"entry {n}: no link: the record has no webUrl (its enclosure, originalUrl, links it)"
        for n in (1, 2)
    ]


def _linked_by_a_search(body: str, url: str) -> bool:
    """What "the body links the file already" means, as one search per file."""
    return any(
        re.search(re.escape(form) + r"""(?=[)>"'\s]|$)""", body) is not None
        for form in (url, html.escape(url))
    )


_URLS = [
    "https://pod.example/1.mp3",
    "https://pod.example/1.mp3?a=1&b=2",
    "https://en.wiki.example/wiki/Foo_(bar).ogg",
    "https://pod.example/it's.mp3",
    "http://pod.example/1.mp3",
    "https://pod.example/a.mp3?u=https://pod.example/1.mp3",
]
_BODIES = [
    "",
    "https://pod.example/1.mp3",
    "see https://pod.example/1.mp3.",
    "see https://pod.example/1.mp3\u2003and more",
    "[Listen](https://pod.example/1.mp3).",
    "[Listen](https://pod.example/1.mp3?a=1&b=2)",
    '<a href="https://pod.example/1.mp3?a=1&amp;b=2">Listen</a>',
    '<a href="https://pod.example/1.mp3?a=1&amp;b=2&amp;c=3">Listen</a>',
    "<https://pod.example/1.mp3>",
    "https://pod.example/1.mp3</a>",
    "https://pod.example/1.mp3s",
    "xhttps://pod.example/1.mp3 and http://pod.example/1.mp3",
    "[Foo](<https://en.wiki.example/wiki/Foo_(bar).ogg>)",
    "[Foo](https://en.wiki.example/wiki/Foo_(bar).ogg)",
    "(https://en.wiki.example/wiki/Foo_(bar)",
    "<a href='https://pod.example/it&#x27;s.mp3'>it</a>",
    "'https://pod.example/it's.mp3'",
    "https://pod.example/a.mp3?u=https://pod.example/1.mp3",
    "https://pod.example/a.mp3?u=https://pod.example/1.mp3&x",
    "https://https://pod.example/1.mp3)))''",
]


@pytest.mark.parametrize("body", _BODIES)
def test_a_file_is_linked_already_exactly_when_the_body_has_it_whole(body: str) -> None:
    files = [Enclosure(url, "audio/mpeg", 5000) for url in _URLS]
    written = with_files(body, files, "markdown")
    for url in _URLS:
        own_link = f"[Audio (MP3, 5.0 KB)]({'<' + url + '>' if '(' in url else url})"
        assert (own_link not in written) is _linked_by_a_search(body, url), url


def test_twenty_thousand_files_over_a_long_body_are_linked_in_one_pass() -> None:
    # A 2 MB body of longer addresses that start with the files' own, every tenth file linked
    # whole at the end: one search of the body per file takes most of a minute, one pass
    # over it well under a second.
    linked = " ".join(f"(https://cdn.example/f{i}.mp3)" for i in range(0, 20_000, 10))
    longer: list[str] = []
    size = len(linked)
    while size < 2_000_000:
        longer.append(f"[{len(longer)}](https://cdn.example/f{len(longer) % 20_000}.mp3?dl=1) ")
        size += len(longer[-1])
    body = "".join(longer) + linked
    files = [Enclosure(f"https://cdn.example/f{i}.mp3", "audio/mpeg", 5000) for i in range(20_000)]
    written = with_files(body, files, "markdown")
    assert written.startswith(body)
    added = written[len(body) :].split("\n\n")[1:]
    assert len(added) == 18_000
    assert added[0] == "[Audio (MP3, 5.0 KB)](https://cdn.example/f1.mp3)"
    assert "(https://cdn.example/f10.mp3)" not in written[len(body) :]


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("600", 600),
        (" 0600 ", 600),
        ("0" * 30 + "7", 7),
        (str(2**63 - 1), 2**63 - 1),
        (2**63 - 1, 2**63 - 1),
        (str(2**63), None),
        (2**63, None),
        ("9" * 400, None),
        ("1" * 5000, None),  # more digits than Python turns into an int
        ("0" * 5000 + "5", 5),  # leading zeros count towards that limit too
        (-1, None),
        ("-1", None),
        (True, None),
        (1e400, None),
    ],
)
def test_feed_numbers_beyond_any_real_size_are_none(value: object, number: int | None) -> None:
    assert to_int(value) == number
