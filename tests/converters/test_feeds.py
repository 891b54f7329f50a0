"""What every feed promises: valid, stable, newest first, nothing internal, nothing relative."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from convert.errors import ConverterError

FEEDS = ["rss", "atom", "jsonfeed"]
XML_FEEDS = ["rss", "atom"]
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
OPTIONS = {
    "feed_title": "T",
    "feed_link": "https://example.com/",
    "feed_url": "https://example.com/f",
}


def _dated(make_record, n: int, day: int, **extra):
    fields = {
        "title": f"Story {n}",
        "webUrl": f"https://example.com/{n}",
        "publishedDateTime": f"2024-01-{day:02d}T10:00:00Z",
        **extra,
    }
    return make_record(path=f"p/{n}.md", **fields)


def _ids(fmt: str, data: bytes) -> list[str]:
    if fmt == "jsonfeed":
        return [item["id"] for item in json.loads(data)["items"]]
    return [entry.id for entry in feedparser.parse(data).entries]


@pytest.mark.parametrize("fmt", XML_FEEDS)
def test_hostile_text_still_gives_a_feed_feedparser_accepts(fmt, make_record, run) -> None:
    record = make_record(
        title="AT&T <b>bold</b> \x00\x0b\ufffe ]]> \U0001f600",
        excerpt="Tom & Jerry <script>alert(1)</script> \x1f",
        body="<p>Body & more</p>",
        body_format="html",
        topics=["C&C", "x\x01y"],
    )
    data, _ = run(fmt, [record], **OPTIONS)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = parsed.entries[0]
    clean = "AT&T <b>bold</b>  ]]> \U0001f600"
    # RSS titles are plain text by our reading; feedparser guesses HTML when it sees "<b>".
    title = entry.title if fmt == "atom" else etree.fromstring(data).findtext("channel/item/title")
    assert title == clean
    assert [t.term for t in entry.tags] == ["C&C", "xy", "news"]


def test_rss_description_is_the_excerpt_escaped_once(make_record, run) -> None:
    excerpt = "Tom & Jerry <script>alert(1)</script> say &amp;"
    data, _ = run("rss", [make_record(excerpt=excerpt)], **OPTIONS)
    description = etree.fromstring(data).findtext("channel/item/description")
    assert description == html.escape(excerpt, quote=False)


def test_rss_dates_are_rfc822_and_the_build_date_is_the_newest_item(make_record, run) -> None:
    records = [_dated(make_record, 1, 5), _dated(make_record, 2, 9), _dated(make_record, 3, 7)]
    data, _ = run("rss", records, **OPTIONS)
    channel = etree.fromstring(data).find("channel")
    dates = [parsedate_to_datetime(d) for d in channel.xpath("item/pubDate/text()")]
    assert [d.day for d in dates] == [9, 7, 5]
    assert all(d.utcoffset() is not None for d in dates)
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")).day == 9
    assert re.fullmatch(
        r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}",
        channel.findtext("lastBuildDate"),
    )


def test_rss_item_fields(make_record, run) -> None:
    data, _ = run("rss", [make_record()], **OPTIONS)
    item = etree.fromstring(data).find("channel/item")
    assert item.findtext("dc:creator", namespaces=NS) == "The Verge"
    assert item.find("author") is None
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid").startswith("urn:uuid:")
    media = item.find("media:content", NS)
    assert dict(media.attrib) == {
        "url": "https://cdn.vox-cdn.com/a.jpg",
        "medium": "image",
        "width": "1400",
        "height": "933",
    }
    assert media.findtext("media:title", namespaces=NS) == "Voice"
    assert item.xpath("category/text()") == ["AI", "Natural Language Processing", "news"]
    self_link = etree.fromstring(data).find("channel/atom:link", NS)
    assert self_link.get("rel") == "self" and self_link.get("href") == "https://example.com/f"


def test_atom_dates_are_rfc3339_and_entries_without_dates_borrow_the_feeds(make_record, run):
    records = [
        _dated(make_record, 1, 5),
        make_record(path="p/x.md", publishedDateTime=None, webUrl="https://example.com/x"),
    ]
    data, found = run("atom", records, **OPTIONS)
    root = etree.fromstring(data)
    stamps = root.xpath("//atom:updated/text() | //atom:published/text()", namespaces=NS)
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", stamp)
        assert datetime.fromisoformat(stamp).tzinfo is not None
    last = root.findall("atom:entry", NS)[-1]
    assert last.findtext("atom:updated", namespaces=NS) == "2024-01-05T10:00:00Z"
    assert last.find("atom:published", NS) is None
    assert any(d.rule == "convert/date" and d.path == "p/x.md" for d in found)


@pytest.mark.parametrize("fmt", FEEDS)
def test_newest_first_undated_last_and_limit(fmt, make_record, run) -> None:
    records = [
        make_record(path="p/u.md", publishedDateTime="not a date", webUrl="https://e.x/u"),
        _dated(make_record, 1, 3),
        _dated(make_record, 2, 8),
        _dated(make_record, 3, 6),
    ]
    data, found = run(fmt, records, **OPTIONS)
    order = _ids(fmt, data)
    expected, _ = run(fmt, [records[2], records[3], records[1], records[0]], **OPTIONS)
    assert order == _ids(fmt, expected)
    assert any(d.rule == "convert/date" and d.pointer == "/publishedDateTime" for d in found)
    limited, _ = run(fmt, records, limit=2, **OPTIONS)
    assert _ids(fmt, limited) == order[:2]


@pytest.mark.parametrize("fmt", FEEDS)
def test_unpublished_records_are_left_out_with_a_note(fmt, make_record, run) -> None:
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 4, published=False)]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == 1
    assert [d.path for d in found if d.rule == "convert/unpublished"] == ["p/2.md"]
    data, _ = run(fmt, records, include_unpublished=True, **OPTIONS)
    assert len(_ids(fmt, data)) == 2


@pytest.mark.parametrize("fmt", FEEDS)
def test_internal_fields_never_leave(fmt, make_record, run) -> None:
    data, _ = run(fmt, [make_record()], **OPTIONS)
    assert b"SECRET-TOKEN" not in data
    assert b"quality" not in data and b"heat" not in data and b"74" not in data


@pytest.mark.parametrize("fmt", FEEDS)
def test_relative_urls_are_joined_or_dropped(fmt, make_record, run) -> None:
    record = make_record(webUrl="/news/a", images=[{"url": "img/a.jpg"}])
    data, found = run(fmt, [record], base_url="https://site.example/", **OPTIONS)
    assert b"https://site.example/news/a" in data and b"https://site.example/img/a.jpg" in data
    assert found == []
    data, found = run(fmt, [record], **OPTIONS)
    assert b"/news/a" not in data and b"img/a.jpg" not in data
    assert sorted(d.pointer for d in found if d.rule == "convert/relative-url") == [
        "/images/0/url",
        "/webUrl",
    ]


@pytest.mark.parametrize("fmt", FEEDS)
def test_duplicate_ids_keep_the_newest(fmt, make_record, run) -> None:
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 9, webUrl="https://example.com/1")]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == 1
    assert [d.path for d in found if d.rule == "convert/duplicate-id"] == ["p/1.md"]


@pytest.mark.parametrize("fmt", FEEDS)
def test_same_input_same_bytes_and_same_ids_across_formats(fmt, make_record, run) -> None:
    records = [_dated(make_record, n, n) for n in range(1, 6)]
    first, _ = run(fmt, records, **OPTIONS)
    second, _ = run(fmt, list(records), **OPTIONS)
    assert first == second
    assert _ids(fmt, first) == _ids("rss", run("rss", records, **OPTIONS)[0])


def test_jsonfeed_shape(make_record, run) -> None:
    data, _ = run("jsonfeed", [make_record(body="<p>Hi</p>", body_format="html")], **OPTIONS)
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://example.com/f"
    item = feed["items"][0]
    assert item["content_html"] == "<p>Hi</p>" and "content_text" not in item
    assert item["date_published"] == "2020-02-20T20:00:00Z"
    assert item["authors"] == [{"name": "The Verge"}]
    empty, _ = run("jsonfeed", [], **OPTIONS)
    assert json.loads(empty)["items"] == []


@pytest.mark.parametrize("fmt", FEEDS)
def test_empty_feed_is_valid(fmt, run) -> None:
    data, _ = run(fmt, [], **OPTIONS)
    if fmt != "jsonfeed":
        assert not feedparser.parse(data).bozo


@pytest.mark.parametrize("fmt", FEEDS)
def test_bad_options_are_fatal(fmt, make_record, run) -> None:
    with pytest.raises(ConverterError, match="does not take option 'indent'"):
        run(fmt, [make_record()], indent=2)
    with pytest.raises(ConverterError, match="must be int"):
        run(fmt, [make_record()], limit="3")
    with pytest.raises(ConverterError, match="must be int"):
        run(fmt, [make_record()], limit=True)


def test_tags_come_from_topics_categories_and_category_once_each(make_record) -> None:
    from convert.converters._items import FeedSettings, build_item

    record = make_record(topics=["AI", "NLP"], categories=["Tech", "AI", 3, " "], category="Tech")
    item = build_item(record, FeedSettings(), lambda _: None)
    assert item is not None and item.tags == ("AI", "NLP", "Tech")
    only = build_item(
        make_record(topics=None, category=None, categories=["Science"]),
        FeedSettings(),
        lambda _: None,
    )
    assert only is not None and only.tags == ("Science",)


def test_categories_reach_every_feed_format(run, make_record) -> None:
    record = make_record(categories=["Science"])
    for fmt in ("rss", "atom", "jsonfeed"):
        out, _ = run(fmt, [record], feed_title="T")
        assert b"Science" in out, fmt
