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

from convert.diagnostics import Severity
from convert.errors import ConverterError
from convert.web_address import LABEL_TOO_LONG, written_url
from tests.web_addresses import BROWSER_READS, BROWSER_REFUSES

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


def test_atom_dates_are_rfc3339(make_record, run):
    records = [_dated(make_record, 1, 5), _dated(make_record, 2, 6, updatedDateTime="2024-02-01")]
    data, found = run("atom", records, **OPTIONS)
    root = etree.fromstring(data)
    stamps = root.xpath("//atom:updated/text() | //atom:published/text()", namespaces=NS)
    assert len(stamps) == 5
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", stamp)
        assert datetime.fromisoformat(stamp).tzinfo is not None
    # A bare date is not an RFC 3339 date-time (the schema's rule): it is reported and left
    # out, so the feed is as new as its newest item.
    assert root.findtext("atom:updated", namespaces=NS) == "2024-01-06T10:00:00Z"
    assert [d.pointer for d in found if d.rule == "convert/date"] == ["/updatedDateTime"]


@pytest.mark.parametrize("fmt", FEEDS)
def test_newest_first_and_limit(fmt, make_record, run) -> None:
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 8), _dated(make_record, 3, 6)]
    data, _ = run(fmt, records, **OPTIONS)
    order = _ids(fmt, data)
    expected, _ = run(fmt, [records[1], records[2], records[0]], **OPTIONS)
    assert order == _ids(fmt, expected) and len(order) == 3
    limited, _ = run(fmt, records, limit=2, **OPTIONS)
    assert _ids(fmt, limited) == order[:2]
    unlimited, _ = run(fmt, records, limit=2**64, **OPTIONS)  # past any count: no limit
    assert _ids(fmt, unlimited) == order


INCOMPLETE = [
    ({"publishedDateTime": "not a date"}, "/publishedDateTime", "'not a date' is not an RFC 3339"),
    ({"publishedDateTime": None}, "", "no publishedDateTime"),
    ({"title": "  "}, "/title", "no title"),
    ({"title": None}, "", "no title"),
    ({"title": "\x00\x01"}, "/title", "no title"),
    ({"webUrl": None}, "", "no link"),
    ({"webUrl": "/news/a"}, "/webUrl", "'/news/a' is a relative URL and there is no base URL"),
    ({"webUrl": "ftp://files.example.com/a"}, "/webUrl", "uses the ftp: scheme, not http(s)"),
    ({"webUrl": "urn:isbn:0451450523"}, "/webUrl", "uses the urn: scheme, not http(s)"),
    ({"webUrl": "mailto:a@example.com"}, "/webUrl", "uses the mailto: scheme"),
    ({"webUrl": "https:///path"}, "/webUrl", "has no host"),
    ({"webUrl": None, "originalUrl": "ftp://v.example/a"}, "/originalUrl", "uses the ftp: scheme"),
]


@pytest.mark.parametrize("fmt", FEEDS)
@pytest.mark.parametrize(("fields", "pointer", "message"), INCOMPLETE)
def test_records_that_cannot_make_a_valid_item_are_left_out_with_an_error(
    fmt, fields, pointer, message, make_record, run
) -> None:
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 4, **fields)]
    data, found = run(fmt, records, **OPTIONS)
    assert _ids(fmt, data) == _ids(fmt, run(fmt, records[:1], **OPTIONS)[0])
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert len(errors) == 1 and errors[0].path == "p/2.md" and errors[0].pointer == pointer
    assert errors[0].severity == Severity.ERROR and message in errors[0].message
    assert "relative" not in errors[0].message or "relative" in message
    assert errors[0].message.startswith("left out of the feed: ") and errors[0].hint


@pytest.mark.parametrize("fmt", FEEDS)
def test_an_unusable_web_url_falls_back_to_the_original_url(fmt, make_record, run) -> None:
    record = make_record(webUrl="urn:x:1", originalUrl="https://v.example/watch/1", type="video")
    data, found = run(fmt, [record], **OPTIONS)
    assert b"https://v.example/watch/1" in data and b"urn:x:1" not in data
    assert [(d.rule, d.severity, d.pointer) for d in found] == [
        ("convert/url", Severity.WARNING, "/webUrl")
    ]
    assert "uses the urn: scheme" in found[0].message


def test_every_written_atom_entry_has_a_link_a_title_and_real_dates(make_record, run) -> None:
    variants = [fields for fields, _, _ in INCOMPLETE] + [{}, {"updatedDateTime": "bad"}]
    records = [_dated(make_record, n, 1 + n % 27, **f) for n, f in enumerate(variants)]
    data, _ = run("atom", records, **OPTIONS)
    entries = etree.fromstring(data).findall("atom:entry", NS)
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext("atom:title", namespaces=NS).strip()
        assert entry.find("atom:link[@rel='alternate']", NS).get("href").startswith("https://")
        assert not entry.findtext("atom:updated", namespaces=NS).startswith("1970")


@pytest.mark.parametrize("fmt", FEEDS)
def test_unpublished_records_are_left_out_with_a_note(fmt, make_record, run) -> None:
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 4, published=False)]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == 1
    notes = [d for d in found if d.rule == "convert/unpublished"]
    assert [d.path for d in notes] == ["p/2.md"]
    assert notes[0].message == "left out of the feed: published is false"
    assert notes[0].hint == (
        "pass --include-unpublished (include_unpublished=True in the library) to keep it"
    )
    data, _ = run(fmt, records, include_unpublished=True, **OPTIONS)
    assert len(_ids(fmt, data)) == 2


@pytest.mark.parametrize("fmt", FEEDS)
def test_internal_fields_never_leave(fmt, make_record, run) -> None:
    data, _ = run(fmt, [make_record()], **OPTIONS)
    assert b"SECRET-TOKEN" not in data
    assert b"quality" not in data and b"heat" not in data and b"74" not in data


@pytest.mark.parametrize("fmt", FEEDS)
def test_relative_urls_are_joined_or_dropped(fmt, make_record, run) -> None:
    record = make_record(webUrl="/news/a", images=[{"url": "img/a.jpg"}, {"url": "ftp://h/b.jpg"}])
    data, found = run(fmt, [record], base_url="https://site.example/", **OPTIONS)
    assert b"https://site.example/news/a" in data and b"https://site.example/img/a.jpg" in data
    assert b"ftp:" not in data
    assert [(d.rule, d.pointer) for d in found] == [("convert/url", "/images/1/url")]
    record = make_record(images=[{"url": "img/a.jpg"}])
    data, found = run(fmt, [record], **OPTIONS)
    assert b"img/a.jpg" not in data
    assert [(d.rule, d.pointer) for d in found] == [("convert/relative-url", "/images/0/url")]


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_url_that_cannot_be_joined_leaves_out_that_item_only(fmt, make_record, run) -> None:
    """(A base that cannot be joined to, such as ``http://[``, is a usage error: see
    test_feed_settings.)"""
    web_url = "//[broken/a"
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 4, webUrl=web_url)]
    data, found = run(fmt, records, **{**OPTIONS, "base_url": "https://site.example/"})
    assert _ids(fmt, data) == _ids(fmt, run(fmt, records[:1], **OPTIONS)[0])
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert [(d.path, d.pointer) for d in errors] == [("p/2.md", "/webUrl")]
    assert web_url in errors[0].message and "Invalid IPv6 URL" in errors[0].message


@pytest.mark.parametrize("fmt", FEEDS)
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("https://bücher.example/ü?q=ä", "https://xn--bcher-kva.example/%C3%BC?q=%C3%A4"),
        ("https://b%C3%BCcher.example/a", "https://xn--bcher-kva.example/a"),
        ("https://u@STRASSE.example:8080/a", "https://u@STRASSE.example:8080/a"),
        # ß is its own letter to browsers: strasse.example would be another domain.
        ("https://u@straße.example:8080/a", "https://u@xn--strae-oqa.example:8080/a"),
        ("https://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/"),
    ],
)
def test_an_internationalised_domain_is_written_as_dns_looks_it_up(
    fmt, make_record, run, written: str, expected: str
) -> None:
    """RFC 3986 asks those who write URLs for such a domain in its IDNA form: a reader that
    does not convert it (many HTTP libraries) would look up the %-escapes themselves."""
    data, found = run(fmt, [_dated(make_record, 0, 1, webUrl=written)], **OPTIONS)
    assert expected.encode() in data and not found


@pytest.mark.parametrize("fmt", FEEDS)
def test_an_item_whose_host_no_browser_reads_is_left_out(fmt, make_record, run) -> None:
    """A host with a space, a control character or a delimiter in it, written as is or
    %-escaped, is one a reader cannot open; %-escaped letters and ports are hosts."""
    unreadable = ["https://exa mple.com/a", "https://exa%20mple.com/a", "https://a%3Cb.example/"]
    readable = ["https://bücher.example/a", "https://u@h.example:8080/a", "https://[::1]/a"]
    records = [_dated(make_record, n, n + 1, webUrl=url) for n, url in enumerate(readable)]
    records += [_dated(make_record, n, 9, webUrl=url) for n, url in enumerate(unreadable, 5)]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == len(readable)
    assert b"https://xn--bcher-kva.example/a" in data and b"h.example:8080" in data
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert [d.path for d in errors] == ["p/5.md", "p/6.md", "p/7.md"]
    assert all("has a host or port no browser reads" in d.message for d in errors)


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_url_with_nothing_to_escape_is_held_to_the_host_rule(fmt, make_record, run) -> None:
    """The usual URL is taken as written: an empty host (after a user name, before a port)
    or brackets that are no IPv6 address are not usual, and fail as they do once escaped."""
    unreadable = ["https://@/a", "https://:80/a", "https://a[b]c.example/", "https://[::1/a"]
    readable = ["https://[::1]:8080/a", "https://u@h.example/a", "https://_a.example/"]
    records = [_dated(make_record, n, n + 1, webUrl=url) for n, url in enumerate(readable)]
    records += [_dated(make_record, n, 9, webUrl=url) for n, url in enumerate(unreadable, 5)]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == len(readable)
    assert all(url.encode() in data for url in readable)
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert [d.path for d in errors] == ["p/5.md", "p/6.md", "p/7.md", "p/8.md"]
    assert all("has a host or port no browser reads" in d.message for d in errors)
    image = make_record(images=[{"url": "https://@/img.jpg"}])
    data, found = run(fmt, [image], **OPTIONS)
    assert b"https://@/" not in data
    assert [(d.rule, d.pointer) for d in found] == [("convert/url", "/images/0/url")]


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_joined_url_is_held_to_the_same_host_rule(fmt, make_record, run) -> None:
    """A URL with no scheme (``//host/path``) takes its host from the record, not from the
    base it is joined to: a host no browser reads is as unusable there."""
    records = [
        _dated(make_record, 1, 3, webUrl="/a"),
        _dated(make_record, 2, 4, webUrl="//exa mple.com/b"),
        _dated(make_record, 3, 5, webUrl="//exa%20mple.com/c"),
    ]
    data, found = run(fmt, records, **{**OPTIONS, "base_url": "https://site.example/"})
    assert len(_ids(fmt, data)) == 1 and b"https://site.example/a" in data
    assert b"exa%20mple" not in data and b"exa mple" not in data
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert [d.path for d in errors] == ["p/2.md", "p/3.md"]
    assert all("has a host or port no browser reads" in d.message for d in errors)


@pytest.mark.parametrize("fmt", FEEDS)
def test_hosts_and_ports_are_held_to_what_a_browser_parses(fmt, make_record, run) -> None:
    """A bracketed host must be an IPv6 address, a port digits up to 65535 and a domain one
    that IDNA does not map onto a delimiter; the user info ends at the last ``@``."""
    readable, unreadable = BROWSER_READS, BROWSER_REFUSES
    records = [_dated(make_record, n, n + 1, webUrl=url) for n, url in enumerate(readable)]
    records += [_dated(make_record, n, 20, webUrl=url) for n, url in enumerate(unreadable, 10)]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == len(readable)
    assert all(str(written_url(url)).encode() in data for url in readable)
    errors = [d for d in found if d.rule == "convert/incomplete"]
    assert [d.path for d in errors] == [f"p/{n}.md" for n in range(10, 10 + len(unreadable))]
    assert all("has a host or port no browser reads" in d.message for d in errors)


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_domain_too_long_for_dns_leaves_the_item_out_and_says_so(fmt, make_record, run) -> None:
    """A browser parses it (the URL Standard does not check the length) and no resolver can
    look it up: no address, as the importer reads it, with the reason in the finding."""
    too_long = "https://" + "ü" * 60 + ".example/a"
    records = [
        _dated(make_record, 1, 3),
        _dated(make_record, 2, 4, webUrl=too_long),
        _dated(make_record, 3, 5, images=[{"url": too_long}]),
    ]
    data, found = run(fmt, records, **OPTIONS)
    assert len(_ids(fmt, data)) == 2
    assert b"xn--" not in data and "ü".encode() not in data and b"%C3%BC" not in data
    problems = [(d.rule, d.path, d.pointer) for d in found if d.rule.startswith("convert/")]
    assert ("convert/incomplete", "p/2.md", "/webUrl") in problems
    assert ("convert/url", "p/3.md", "/images/0/url") in problems
    assert all(LABEL_TOO_LONG in d.message for d in found if d.path in ("p/2.md", "p/3.md"))


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_bare_percent_and_a_second_at_sign_are_escaped_in_every_link(
    fmt, make_record, run
) -> None:
    """Not refused: "%" is the character (``100%-sure``), written %25 as RFC 3986 asks, and
    the user info's first "@" is %40, as a browser's URL parser writes it. Go's net/url, and
    the readers built on it, refuse both as written."""
    record = _dated(
        make_record,
        1,
        3,
        webUrl="https://example.com/100%-sure",
        images=[{"url": "https://a@b@img.example/%ZZ.png"}],
    )
    options = {**OPTIONS, "feed_link": "https://example.com/%", "feed_url": "http://u@v@e.x/f"}
    data, found = run(fmt, [record], **options)
    for written in (
        b"https://example.com/100%25-sure",
        b"https://a%40b@img.example/%25ZZ.png",
        b"https://example.com/%25",
        b"http://u%40v@e.x/f",
    ):
        assert written in data
    assert not [d for d in found if d.severity is not Severity.INFO]
    if fmt in XML_FEEDS:
        assert not feedparser.parse(data).bozo


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_backslash_in_a_link_is_the_slash_a_browser_reads(fmt, make_record, run) -> None:
    """``https://x.example\\a`` opens ``https://x.example/a`` in a browser (the URL Standard
    reads "\\" as "/" for http(s)), as it does in an item's content: the item goes there,
    without a finding, as a link with a space goes escaped. A relative one joins so too."""
    records = [
        _dated(make_record, 1, 3, webUrl="https://example.com\\a\\b?q=\\"),
        _dated(make_record, 2, 4, webUrl="https:\\\\example.com\\c"),
        _dated(make_record, 3, 5, webUrl="..\\d", images=[{"url": "img\\e.png"}]),
    ]
    options = {**OPTIONS, "base_url": "https://example.com/x\\y\\", "feed_link": "\\f"}
    data, found = run(fmt, records, **options)
    assert len(_ids(fmt, data)) == 3
    for written in (
        b"https://example.com/a/b?q=%5C",
        b"https://example.com/c",
        b"https://example.com/x/d",
        b"https://example.com/x/y/img/e.png",
        b"https://example.com/f",
    ):
        assert written in data
    assert b"\\" not in data
    assert not [d for d in found if d.severity is not Severity.INFO]


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
    assert item["content_html"] == "<p>Hi</p>" and item["content_text"] == "Hi"
    assert item["summary"] == "Facebook will offer to pay some users for voice recordings."
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
    from convert.converters.feeds.items import build_item
    from convert.converters.feeds.settings import FeedSettings

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


def _site_link(fmt: str, data: bytes) -> str | None:
    if fmt == "jsonfeed":
        link = json.loads(data).get("home_page_url")
        return str(link) if link is not None else None
    root = etree.fromstring(data)
    if fmt == "rss":
        return root.findtext("channel/link") or None
    found = root.find("atom:link[@rel='alternate']", NS)
    return None if found is None else found.get("href")


@pytest.mark.parametrize("fmt", FEEDS)
def test_without_a_feed_link_one_site_of_all_items_is_the_site_link(fmt, make_record, run) -> None:
    """The site is the scheme, host and port: the case of the host, a user name or the
    scheme's default port written in one item's address do not make it another site."""
    records = [
        _dated(make_record, 1, 3, webUrl="https://news.example/a"),
        _dated(make_record, 2, 4, webUrl="https://NEWS.example/b?x=1"),
        _dated(make_record, 3, 5, webUrl="https://u@news.example/c"),
        _dated(make_record, 4, 6, webUrl="https://news.example"),
        _dated(make_record, 5, 2, webUrl="https://news.example:443/e"),  # the default port
    ]
    data, found = run(fmt, records, feed_title="T")
    assert _site_link(fmt, data) == "https://news.example/"
    assert [d for d in found if d.rule == "convert/feed-link"] == []


@pytest.mark.parametrize("fmt", FEEDS)
def test_the_site_link_carries_no_user_info_and_a_lower_case_host(fmt, make_record, run) -> None:
    """The newest item's address names the site, but its user name (a credential, perhaps)
    is no part of the site, and the feed's link is written as the site is compared."""
    records = [
        _dated(make_record, 1, 3, webUrl="https://news.example:8443/a"),
        _dated(make_record, 2, 9, webUrl="https://editor:secret@NEWS.Example:8443/b"),
    ]
    data, found = run(fmt, records, feed_title="T")
    assert _site_link(fmt, data) == "https://news.example:8443/"
    assert [d for d in found if d.rule == "convert/feed-link"] == []


@pytest.mark.parametrize("fmt", FEEDS)
def test_items_from_several_sites_give_no_site_link_but_a_finding_naming_the_fix(
    fmt, make_record, run
) -> None:
    """Aggregated records: the newest item's site would be a third party's, so the feed has
    no site link (as a feed with no items has none) and says which option gives it one."""
    records = [
        _dated(make_record, 1, 3, webUrl="https://one.example/a"),
        _dated(make_record, 2, 9, webUrl="https://two.example/b"),
        _dated(make_record, 3, 4, webUrl="http://one.example/c"),  # another scheme
        _dated(make_record, 4, 5, webUrl="https://one.example:8443/d"),  # another port
        _dated(make_record, 5, 6, webUrl="https://one.example/e"),
    ]
    data, found = run(fmt, records, feed_title="T")
    assert len(_ids(fmt, data)) == 5
    assert _site_link(fmt, data) is None
    (finding,) = [d for d in found if d.rule == "convert/feed-link"]
    assert finding.severity is Severity.WARNING and finding.path == "<feed>"
    named = "https://one.example/, https://two.example/, http://one.example/, ..."
    assert f"several sites ({named})" in finding.message
    assert "--feed-link" in finding.hint and "link in [tool.artconv.feed]" in finding.hint
    for given in ({"feed_link": "https://agg.example/"}, {"base_url": "https://agg.example/"}):
        data, found = run(fmt, records, feed_title="T", **given)
        assert _site_link(fmt, data) == "https://agg.example/"
        assert [d for d in found if d.rule == "convert/feed-link"] == []


def _attachments(fmt: str, data: bytes) -> list[tuple[str, str | None, str | None]]:
    """(address, type, title) of each file the feed's first item offers."""
    if fmt == "jsonfeed":
        item = json.loads(data)["items"][0]
        return [(a["url"], a["mime_type"], a.get("title")) for a in item.get("attachments", [])]
    entry = etree.fromstring(data).find("channel/item" if fmt == "rss" else "atom:entry", NS)
    assert entry is not None
    if fmt == "rss":
        files = [m for m in entry.iterfind("media:content", NS) if m.get("medium") is None]
        title = "media:title"
        return [(m.get("url"), m.get("type"), m.findtext(title, None, NS)) for m in files]
    links = entry.iterfind("atom:link[@rel='enclosure']", NS)
    return [(link.get("href"), link.get("type"), link.get("title")) for link in links]


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_download_records_files_are_offered_with_their_titles(fmt, make_record, run) -> None:
    """A ``type: download`` record's ``actions`` are files a reader can fetch: typed where the
    address names a type (JSON Feed and Atom say a stream of bytes otherwise, as a reader
    would take an untyped Atom link for a page), joined like every link, bad ones left out."""
    actions = [
        {"url": "/files/colour-picker.msapp", "type": "download", "title": "Source code"},
        {"url": "https://example.com/files/guide.pdf"},
        {"url": "https://example.com/watch", "type": "share"},
        {"url": "ftp://example.com/x.zip", "type": "download"},
    ]
    record = make_record(type="download", actions=actions)
    data, found = run(fmt, [record], base_url="https://site.example/", **OPTIONS)
    unknown = None if fmt == "rss" else "application/octet-stream"
    assert _attachments(fmt, data) == [
        ("https://site.example/files/colour-picker.msapp", unknown, "Source code"),
        ("https://example.com/files/guide.pdf", "application/pdf", None),
    ]
    assert [(d.rule, d.pointer) for d in found] == [("convert/url", "/actions/3/url")]
    if fmt != "jsonfeed":
        assert not feedparser.parse(data).bozo


def _alternate(fmt: str, data: bytes) -> tuple[str | None, str | None]:
    """(address, type) of the first entry's link: Atom's rel="alternate" link; RSS's <link>
    and JSON Feed's url, which carry no type."""
    if fmt == "jsonfeed":
        return json.loads(data)["items"][0]["url"], None
    root = etree.fromstring(data)
    if fmt == "rss":
        return root.findtext("channel/item/link"), None
    link = root.find("atom:entry/atom:link[@rel='alternate']", NS)
    assert link is not None
    return link.get("href"), link.get("type")


@pytest.mark.parametrize(
    ("fields", "link_type"),
    [
        # A download's own link may be the file: typed by its name, as its attachments are.
        (
            {"type": "download", "webUrl": None, "originalUrl": "https://d.example/sample.csv"},
            "text/csv",
        ),
        ({"type": "download", "webUrl": "https://d.example/data/sample.csv"}, "text/csv"),
        ({"type": "download", "webUrl": "https://d.example/sample.HTML"}, "text/html"),
        # A name that tells nothing (a landing page, or a file of no listed type): untyped.
        (
            {"type": "download", "webUrl": None, "originalUrl": "https://d.example/t5/app/td-p/1"},
            None,
        ),
        ({"type": "download", "webUrl": "https://d.example/app.msapp"}, None),
        # An article's webUrl is its page, whatever its name looks like.
        ({"type": "article", "webUrl": "https://news.example/2024/report.csv"}, "text/html"),
        ({"webUrl": "https://news.example/story"}, "text/html"),
        # A video's originalUrl: a file its name types, else a player page.
        (
            {"type": "video", "webUrl": None, "originalUrl": "https://v.example/clip.mp4"},
            "video/mp4",
        ),
        (
            {"type": "video", "webUrl": None, "originalUrl": "https://v.example/watch?v=1"},
            "text/html",
        ),
    ],
)
@pytest.mark.parametrize("fmt", FEEDS)
def test_an_items_link_is_typed_only_as_far_as_it_is_known(
    fmt, fields, link_type, make_record, run
) -> None:
    """A ``.csv`` is no web page: Atom typed every entry's link text/html. RSS and JSON Feed
    type no item link, and link to the same address."""
    data, _ = run(fmt, [make_record(**fields)], **OPTIONS)
    url = fields["webUrl"] or fields["originalUrl"]
    assert _alternate(fmt, data) == (url, link_type if fmt == "atom" else None)
    if fmt != "jsonfeed":
        assert not feedparser.parse(data).bozo


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_lone_surrogate_in_a_link_is_a_finding_not_a_crash(fmt, make_record, run) -> None:
    """A library caller can build a record no loader would give: its bad link is reported as
    any link no reader opens is, and the feed is written."""
    records = [
        make_record(path="p/1.md", webUrl="https://news.example/a\udc80"),
        make_record(path="p/2.md", webUrl="https://news.example/b", images=[{"url": "/\ud800"}]),
    ]
    data, found = run(fmt, records, base_url="https://news.example/", **OPTIONS)
    assert len(_ids(fmt, data)) == 1
    problems = [(d.rule, d.path, d.pointer) for d in found if d.rule != "convert/feed-url"]
    assert problems == [
        ("convert/incomplete", "p/1.md", "/webUrl"),
        ("convert/url", "p/2.md", "/images/0/url"),
    ]
    assert all("a lone surrogate" in d.message for d in found)


def test_a_feed_link_with_a_lone_surrogate_is_refused_as_no_web_address(run) -> None:
    with pytest.raises(ConverterError, match=r"must be a web address: .* a lone surrogate"):
        run("rss", [], feed_link="https://site.example/\udc80")
