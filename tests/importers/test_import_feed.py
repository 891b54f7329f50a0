"""convert.import_feed: each feed shape gives records in the article schema's fields, and
every record with the fields the schema requires validates without an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert import validate
from convert.diagnostics import Severity
from convert.web_address import LABEL_TOO_LONG, NO_BROWSER
from tests.importers.helpers import atom, read, rss

MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
ITUNES = ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'


def _clean(record: object) -> list[str]:
    return [
        f"{d.rule} {d.message}"
        for d in validate(record)  # type: ignore[arg-type]
        if d.severity is Severity.ERROR
    ]


def test_rss_item_maps_to_schema_fields(tmp_path: Path) -> None:
    item = (
        "<item><title>Storm &amp; floods</title>"
        "<link>https://www.example.com/news/storm</link>"
        "<description>&lt;p&gt;Rivers &lt;b&gt;rose&lt;/b&gt; overnight.&lt;/p&gt;"
        "</description>"
        "<content:encoded><![CDATA[<p>Full <em>story</em>.</p>"
        '<pre><code class="language-sh">ls -l</code></pre>]]></content:encoded>'
        "<category>Weather</category><category>Local</category>"
        "<dc:creator>Ann Smith</dc:creator>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 +0200</pubDate>"
        '<media:content url="https://cdn.example.com/storm.jpg" medium="image" width="800" '
        'height="450"/><enclosure url="https://cdn.example.com/map.png" type="image/png" '
        'length="10"/><enclosure url="https://cdn.example.com/a.mp3" type="audio/mpeg" '
        'length="10"/></item>'
    )
    (record,), found = read(tmp_path, rss(item, namespaces=MEDIA + CONTENT + DC))
    assert found == []
    assert dict(record.meta) == {
        "title": "Storm & floods",
        "excerpt": "Rivers rose overnight.",
        "publishedDateTime": "2003-06-10T09:00:00+02:00",
        "webUrl": "https://www.example.com/news/storm",
        "provider": {
            "name": "Example News",
            "domain": "example.com",
            "authors": [{"name": "Ann Smith"}],
        },
        "topics": ["Weather", "Local"],
        "images": [
            {"url": "https://cdn.example.com/storm.jpg", "width": 800, "height": 450},
            {"url": "https://cdn.example.com/map.png"},
        ],
        "locale": "en-gb",
    }
    # The audio enclosure is a link after the text (length 10 is a placeholder: no size).
    assert record.body.strip() == (
        "Full *story*.\n\n```sh\nls -l\n```\n\n[Audio (MP3)](https://cdn.example.com/a.mp3)"
    )
    assert record.path == "storm-floods.md"
    assert _clean(record) == []


def test_summary_only_is_the_excerpt_and_no_body(tmp_path: Path) -> None:
    item = (
        "<item><title>Short</title><link>https://ex.com/s</link>"
        "<description>Just a summary.</description>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["excerpt"] == "Just a summary." and record.body == ""
    assert _clean(record) == []


def test_atom_entry_keeps_published_and_updated_apart(tmp_path: Path) -> None:
    entry = (
        '<entry><title type="html">A &amp;lt;tag&amp;gt; in a title</title>'
        "<id>tag:atom.example,2024:1</id>"
        '<link rel="alternate" href="/posts/one"/>'
        "<published>2024-05-01T09:00:00+02:00</published>"
        "<updated>2024-05-03T10:30:00-04:00</updated>"
        "<author><name>Bo</name><uri>https://atom.example/bo</uri></author>"
        '<category term="science"/><summary>Sum.</summary>'
        '<content type="html">&lt;p&gt;Body&lt;/p&gt;</content>'
        '<media:thumbnail url="https://atom.example/t.jpg" width="120" height="90"/>'
        "</entry>"
    )
    (record,), found = read(tmp_path, atom(entry))
    assert found == []
    meta = record.meta
    assert meta["title"] == "A <tag> in a title"
    assert meta["publishedDateTime"] == "2024-05-01T09:00:00+02:00"
    assert meta["updatedDateTime"] == "2024-05-03T10:30:00-04:00"
    assert meta["webUrl"] == "https://atom.example/posts/one"
    assert meta["provider"] == {
        "name": "Atom Site",
        "domain": "atom.example",
        "authors": [{"name": "Bo", "url": "https://atom.example/bo"}],
    }
    assert meta["images"] == [{"url": "https://atom.example/t.jpg", "width": 120, "height": 90}]
    assert (meta["excerpt"], record.body.strip()) == ("Sum.", "Body")
    assert _clean(record) == []


def test_image_sizes_that_are_no_whole_numbers_are_left_out(tmp_path: Path) -> None:
    entry = (
        "<entry><title>T</title><id>tag:atom.example,2024:2</id>"
        '<link rel="alternate" href="/posts/two"/><published>2024-05-01T09:00:00Z</published>'
        '<media:thumbnail url="https://atom.example/t.jpg" width="²" height="x"/></entry>'
    )
    (record,), _ = read(tmp_path, atom(entry))  # "²".isdigit() is true; int("²") fails
    assert record.meta["images"] == [{"url": "https://atom.example/t.jpg"}]


def test_atom_content_without_summary_is_no_excerpt(tmp_path: Path) -> None:
    entry = (
        '<entry><title>T</title><id>urn:x:1</id><link href="https://atom.example/t"/>'
        "<updated>2024-05-03T10:30:00Z</updated>"
        '<content type="html">&lt;p&gt;Only content&lt;/p&gt;</content></entry>'
    )
    (record,), _ = read(tmp_path, atom(entry))
    assert "excerpt" not in record.meta and record.body.strip() == "Only content"
    assert record.meta["publishedDateTime"] == "2024-05-03T10:30:00Z"  # updated stands in
    assert "updatedDateTime" not in record.meta


def test_rss1_dc_date_is_the_publish_date(tmp_path: Path) -> None:
    data = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-'
        b'ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/'
        b'</link></channel><item rdf:about="https://r.example/1"><title>One</title>'
        b"<link>https://r.example/1</link><dc:date>2002-09-05T11:00:00+09:00</dc:date>"
        b"</item></rdf:RDF>"
    )
    (record,), _ = read(tmp_path, data)
    assert record.meta["publishedDateTime"] == "2002-09-05T11:00:00+09:00"
    assert _clean(record) == []


def test_podcast_image_from_itunes(tmp_path: Path) -> None:
    item = (
        "<item><title>Ep 1</title><link>https://pod.example/1</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        '<itunes:image href="https://pod.example/cover.jpg"/>'
        '<enclosure url="https://pod.example/1.mp3" type="audio/mpeg" length="1"/></item>'
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=ITUNES))
    assert record.meta["images"] == [{"url": "https://pod.example/cover.jpg"}]


def test_an_author_named_twice_is_one_author(tmp_path: Path) -> None:
    # Podcast feeds write the same person as <author> and as <itunes:author>.
    item = (
        "<item><title>Episode</title><link>https://pod.example/1</link>"
        "<author>host@example.com</author><itunes:author>host@example.com</itunes:author>"
        "<itunes:author>Guest</itunes:author></item>"
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=ITUNES))
    assert record.meta["provider"]["authors"] == [
        {"name": "host@example.com"},
        {"name": "Guest"},
    ]


def test_white_space_before_the_xml_declaration_is_no_fault(tmp_path: Path) -> None:
    # Served by PHP templates and journal platforms: a blank line, then the declaration,
    # whose encoding must still be the one the text is read in.
    feed = rss(
        "<item><title>Caf\u00e9 na pra\u00e7a</title><link>https://ex.com/a</link>"
        "<pubDate>Tue, 25 May 2010 17:07:00 -0300</pubDate></item>"
    ).replace(b"utf-8", b"ISO-8859-1")
    data = b"\n  \n" + feed.decode("utf-8").encode("iso-8859-1")
    (record,), found = read(tmp_path, data)
    assert found == []
    assert record.meta["title"] == "Caf\u00e9 na pra\u00e7a"
    assert record.meta["publishedDateTime"] == "2010-05-25T17:07:00-03:00"


def test_a_fault_after_leading_white_space_names_its_own_line(tmp_path: Path) -> None:
    data = b"\n\n" + rss("<item><title>A & B</title><link>https://ex.com/a</link></item>")
    _, found = read(tmp_path, data)
    (malformed,) = [d for d in found if d.rule == "import/malformed"]
    # The bare "&" is named, on the line it is on in the file: the two blank lines count.
    assert "line 4: not well-formed (invalid token)" in malformed.message


def test_json_feed(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JF",
        "home_page_url": "https://jf.example/",
        "language": "fr-FR",
        "authors": [{"name": "Feed Author"}],
        "items": [
            {
                "id": "1",
                "url": "https://jf.example/1",
                "title": "Un",
                "summary": "Résumé",
                "content_html": "<p>Texte &lt;b&gt;</p>",
                "date_published": "2024-02-29T23:30:00+01:00",
                "date_modified": "2024-03-01T08:00:00+01:00",
                "tags": ["a", "b"],
                "image": "https://jf.example/i.jpg",
                "attachments": [{"url": "https://jf.example/p.png", "mime_type": "image/png"}],
            },
            {"id": 2, "content_text": "Only text, no title or date"},
        ],
    }
    records, found = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    first, second = records
    assert first.meta["publishedDateTime"] == "2024-02-29T23:30:00+01:00"
    assert first.meta["updatedDateTime"] == "2024-03-01T08:00:00+01:00"
    assert first.meta["images"] == [
        {"url": "https://jf.example/i.jpg"},
        {"url": "https://jf.example/p.png"},
    ]
    assert first.meta["provider"]["authors"] == [{"name": "Feed Author"}]
    assert first.body.strip() == "Texte \\<b\\>" and first.meta["locale"] == "fr-FR"
    assert _clean(first) == []
    assert second.meta["title"] == "Only text, no title or date"
    rules = sorted(d.rule for d in found)
    assert rules == ["import/no-date", "import/no-link", "import/no-title"]


@pytest.mark.parametrize("stray", [None, "entry", 3, ["x"]])
def test_a_json_feed_item_that_is_not_an_object_is_reported(tmp_path: Path, stray: object) -> None:
    # Generators that drop an item write null in its place; the entries around it stay.
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "a", "url": "https://jf.example/a", "title": "A"},
            stray,
            {"id": "c", "url": "https://jf.example/c", "title": "C"},
        ],
    }
    records, found = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert [r.meta["title"] for r in records] == ["A", "C"]
    malformed = [d for d in found if d.rule == "import/malformed"]
    assert len(malformed) == 1 and malformed[0].severity is Severity.WARNING
    assert "entry 2 is " in malformed[0].message and "skipped" in malformed[0].message


def test_json_feed_entries_after_a_stray_item_keep_their_place(tmp_path: Path) -> None:
    # The stray is noted once, and the entry after it is still entry 3 in its findings: the
    # entries are numbered by their place in the feed, not among the objects.
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": "a", "url": "https://jf.example/a", "title": "A"},
            None,
            {"id": "c", "url": "https://jf.example/c", "content_text": "Text of c"},
        ],
    }
    records, found = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert len(records) == 2
    notes = [d.message for d in found if d.rule == "import/malformed"]
    assert notes == ["entry 2 is null, not an object: skipped (it holds no entry)"]
    (untitled,) = [d.message for d in found if d.rule == "import/no-title"]
    assert untitled.startswith("entry 3")


def _one_item_json_feed(**fields: str) -> bytes:
    """A JSON Feed of one item at https://jf.example/a with ``fields``."""
    item = {"id": "https://jf.example/a", "url": "https://jf.example/a", **fields}
    feed = {"version": "https://jsonfeed.org/version/1", "home_page_url": "https://jf.example/"}
    return json.dumps({**feed, "items": [item]}).encode()


def test_a_json_feed_item_with_only_date_modified_is_published_then(tmp_path: Path) -> None:
    # Some generators write date_modified alone; as with Atom's only <updated>, it is the
    # publish date, not a missing one.
    feed = _one_item_json_feed(title="A", date_modified="2018-07-21T00:00:00.000Z")
    (record,), found = read(tmp_path, feed, name="feed.json")
    assert record.meta["publishedDateTime"] == "2018-07-21T00:00:00.000Z"
    assert "updatedDateTime" not in record.meta
    assert [d.rule for d in found] == []
    assert _clean(record) == []


def test_json_feed_titles_and_summaries_have_character_references_decoded(
    tmp_path: Path,
) -> None:
    # Plain-text fields that generators fill from HTML: "goals&hellip;", "Q&amp;A".
    feed = _one_item_json_feed(
        title="Q&amp;A: it&#8217;s &#x201C;here&#x201D;, AT&T & co",
        summary="Portions 22 70&hellip;",
        date_published="2025-05-31T11:59:04+01:00",
    )
    (record,), found = read(tmp_path, feed, name="feed.json")
    assert record.meta["title"] == "Q&A: it\u2019s \u201chere\u201d, AT&T & co"
    assert record.meta["excerpt"] == "Portions 22 70\u2026"
    assert found == [] and _clean(record) == []


def test_no_date_gives_no_date_and_a_warning_never_the_clock(tmp_path: Path) -> None:
    item = "<item><title>Undated</title><link>https://ex.com/u</link></item>"
    (record,), found = read(tmp_path, rss(item))
    assert "publishedDateTime" not in record.meta
    assert [(d.rule, d.severity) for d in found] == [("import/no-date", Severity.WARNING)]
    assert "entry 1" in found[0].message


def test_unreadable_date_is_a_warning_and_no_date(tmp_path: Path) -> None:
    item = (
        "<item><title>Odd</title><link>https://ex.com/o</link>"
        "<pubDate>08/02/2013 12:00:00</pubDate></item>"
    )
    (record,), found = read(tmp_path, rss(item))
    assert "publishedDateTime" not in record.meta
    assert {d.rule for d in found} == {"import/date", "import/no-date"}
    assert all(d.severity is Severity.WARNING for d in found)


def test_html_body_mode_keeps_sanitised_html(tmp_path: Path) -> None:
    item = (
        "<item><title>H</title><link>https://ex.com/h</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
        "<content:encoded><![CDATA[<h2>Head</h2><p onclick='x()'>Para</p>"
        "<script>bad()</script>]]></content:encoded></item>"
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=CONTENT), body="html")
    assert record.body.strip() == "<h2>Head</h2><p>Para</p>"
    assert record.body_format == "html" and record.path == "h.html"
    assert _clean(record) == []


def test_names_collide_into_hashes_and_dated_layout(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Same title</title><link>https://ex.com/{n}</link>"
        f"<pubDate>Tue, 1{n} Jun 2003 09:00:00 GMT</pubDate></item>"
        for n in range(3)
    )
    records, _ = read(tmp_path, rss(items), layout="dated")
    names = [r.path for r in records]
    assert names[0] == "2003-06-10-same-title.md"
    assert names[1].startswith("2003-06-11-same-title") and len(set(names)) == 3
    records, _ = read(tmp_path, rss(items))
    names = [r.path for r in records]
    assert names[0] == "same-title.md"
    assert all(
        n.startswith("same-title-") and len(n) == len("same-title-12345678.md") for n in names[1:]
    )
    assert len(set(names)) == 3


def test_duplicate_entries_in_one_feed_are_skipped(tmp_path: Path) -> None:
    item = (
        "<item><title>Twice</title><link>https://ex.com/t</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    records, found = read(tmp_path, rss(item * 2))
    assert len(records) == 1 and [d.rule for d in found] == ["import/duplicate"]
    assert found[0].severity is Severity.INFO


def test_other_entries_with_an_earlier_entrys_link_are_a_warning(tmp_path: Path) -> None:
    # A FeedBurner feed that points every item at one proxy address (and one guid): the
    # later articles cannot be told apart by link, and their loss must not pass as a repeat.
    items = "".join(
        f"<item><title>{title}</title><link>https://proxy.ex.com/~r/x/~3/AbC/</link>"
        f'<guid isPermaLink="false">https://ex.com/spotlight/</guid>'
        f"<pubDate>{day} Sep 2009 10:00:00 +0800</pubDate></item>"
        for title, day in (("Schools", "Fri, 25"), ("Seminar", "Thu, 17"), ("Awards", "Thu, 10"))
    )
    records, found = read(tmp_path, rss(items))
    assert [r.meta["title"] for r in records] == ["Schools"]
    assert [(d.rule, d.severity) for d in found] == [
        ("import/duplicate", Severity.WARNING),
        ("import/duplicate", Severity.WARNING),
    ]
    assert "entry 2 ('Seminar')" in found[0].message
    assert "link or id of entry 1" in found[0].message and found[0].hint


def test_limit(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>N{n}</title><link>https://ex.com/{n}</link></item>" for n in range(5)
    )
    records, _ = read(tmp_path, rss(items), limit=2)
    assert [r.meta["title"] for r in records] == ["N0", "N1"]
    records, _ = read(tmp_path, rss(items), limit=2**64)  # past any count: no limit
    assert len(records) == 5


@pytest.mark.parametrize(
    ("data", "rule", "line"),
    [
        (b"<html><body>not a feed</body></html>", "import/syntax", None),
        (b"", "import/syntax", None),
        (b'{"items": 3}', "import/syntax", None),
        (b'{"title": "x",\n "items": [}', "import/syntax", 2),
        (b"\x00\x01\x02binary", "import/syntax", None),
    ],
)
def test_what_is_not_a_feed_is_one_error(
    tmp_path: Path, data: bytes, rule: str, line: int | None
) -> None:
    records, found = read(tmp_path, data)
    assert records == []
    assert [(d.rule, d.severity) for d in found] == [(rule, Severity.ERROR)]
    if line is not None:
        assert found[0].line == line


def test_ill_formed_xml_is_read_leniently_with_a_warning(tmp_path: Path) -> None:
    data = rss(
        "<item><title>Broken & unescaped</title><link>https://ex.com/b</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), found = read(tmp_path, data)
    assert record.meta["title"].startswith("Broken")
    assert [d.rule for d in found] == ["import/malformed"]
    assert found[0].severity is Severity.WARNING


def test_declared_encodings_are_honoured(tmp_path: Path) -> None:
    data = (
        '<?xml version="1.0" encoding="iso-8859-2"?><rss version="2.0"><channel>'
        "<title>Zpráva</title><link>https://cz.example/</link><item><title>Žluťoučký kůň"
        "</title><link>https://cz.example/k</link></item></channel></rss>"
    ).encode("iso-8859-2")
    (record,), _ = read(tmp_path, data)
    assert record.meta["title"] == "Žluťoučký kůň"
    assert record.path == "žluťoučký-kůň.md"


def test_plain_text_content_stays_text_in_both_body_modes(tmp_path: Path) -> None:
    entry = (
        '<entry><id>urn:t:1</id><link href="https://atom.example/t"/>'
        "<updated>2024-05-03T10:30:00Z</updated>"
        '<content type="text">&lt;p&gt;not a tag&lt;/p&gt; *x*\n\nsecond</content></entry>'
    )
    (record,), _ = read(tmp_path, atom(entry))
    assert record.meta["title"] == "<p>not a tag</p> *x* second"  # from the text, unescaped
    assert record.body.strip() == "\\<p>not a tag\\</p> *x*\n\nsecond"
    (record,), _ = read(tmp_path, atom(entry), body="html")
    assert record.body.strip() == "<p>&lt;p&gt;not a tag&lt;/p&gt; *x*</p><p>second</p>"
    assert record.body_format == "html"


def test_broken_urls_are_left_out_not_fatal(tmp_path: Path) -> None:
    item = (
        "<item><title>B</title><link>https://[broken/x</link>"
        '<enclosure url="https://ex[.com/i.png" type="image/png" length="1"/>'
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), found = read(tmp_path, rss(item))
    assert "webUrl" not in record.meta
    assert [d.rule for d in found] == ["import/no-link"]
    assert [e for e in _clean(record) if "webUrl" not in e] == []


def test_urls_are_escaped_so_the_schema_accepts_them(tmp_path: Path) -> None:
    item = (
        "<item><title>S</title><link>https://ex.com/a story/ü?q=a b</link>"
        '<enclosure url="https://bücher.example/i 1.png" type="image/png" length="1"/>'
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["webUrl"] == "https://ex.com/a%20story/%C3%BC?q=a%20b"
    assert record.meta["images"] == [{"url": "https://xn--bcher-kva.example/i%201.png"}]
    assert _clean(record) == []


def test_a_backslash_in_a_link_is_the_slash_a_browser_reads(tmp_path: Path) -> None:
    """A browser opens ``https://ex.com\\a`` at ``https://ex.com/a`` (the URL Standard reads
    "\\" as "/" for http(s)): the record links there, as the entry's content does, rather
    than having no webUrl; ``https:\\\\`` is no relative path to join to the feed's link."""
    date = "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"
    items = (
        f"<item><title>A</title><link>https://ex.com\\a\\1</link>{date}</item>"
        f"<item><title>B</title><link>https:\\\\ex.com\\b</link>{date}"
        '<enclosure url="https://img.example\\i.png" type="image/png" length="1"/></item>'
    )
    records, found = read(tmp_path, rss(items))
    assert [r.meta["webUrl"] for r in records] == ["https://ex.com/a/1", "https://ex.com/b"]
    assert records[1].meta["images"] == [{"url": "https://img.example/i.png"}]
    assert found == []
    assert all(_clean(r) == [] for r in records)


def test_an_internationalised_domain_keeps_its_sharp_s(tmp_path: Path) -> None:
    """straße.example and strasse.example are two domains to browsers (IDNA 2008); Python's
    idna codec (IDNA 2003) maps one to the other."""
    item = (
        "<item><title>S</title><link>https://Straße.example/a</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["webUrl"] == "https://xn--strae-oqa.example/a"


def test_json_strings_may_mention_entities(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [
            {
                "id": "1",
                "url": "https://jf.example/1",
                "title": "<!ENTITY x 'y'>",
                "date_published": "2024-01-01T00:00:00Z",
            }
        ],
    }
    (record,), found = read(tmp_path, json.dumps(feed).encode(), name="feed.json")
    assert record.meta["title"] == "<!ENTITY x 'y'>" and found == []


@pytest.mark.parametrize(
    ("link", "written"),
    [
        # What a browser reads, written so that the schema's uri format takes it too.
        ("https://a@b@c.example/x", "https://a%40b@c.example/x"),
        (
            "https://example.com/%E4%ZZ/%?q=50%#a#b",
            "https://example.com/%E4%25ZZ/%25?q=50%25#a%23b",
        ),
        ("https://example.com/p[1]?a[]=2#[x]", "https://example.com/p%5B1%5D?a%5B%5D=2#%5Bx%5D"),
        ("https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x"),
        # Hosts and ports no browser reads: no link, as for any other address no one opens.
        ("https://b%ZZcher.example/x", None),
        ("https://b%FFcher.example/x", None),
        ("https://[fe80::1%25eth0]/x", None),
        ("https://example.com:65536/x", None),
        ("https://example.com:8080:90/x", None),
        ("https://example.123/x", None),
        ("https://exa%2Fmple.com/x", None),
        ("https://exa mple.com/x", None),
        # A domain DNS has no room for once in ASCII: no resolver looks it up.
        ("https://" + "ü" * 60 + ".example/x", None),
        ("https://" + "a" * 64 + ".example/x", None),
    ],
)
def test_an_imported_link_is_one_validate_takes_or_none(
    tmp_path: Path, link: str, written: str | None
) -> None:
    """A record the importer writes never fails our own validator on its webUrl or its
    images: a link that cannot be written so is left out with import/no-link."""
    item = (
        f"<item><title>L</title><link>{link}</link>"
        f'<enclosure url="{link}" type="image/png" length="1"/>'
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), found = read(tmp_path, rss(item))
    assert record.meta.get("webUrl") == written
    assert record.meta.get("images", [{}])[0].get("url") == written
    assert [d.rule for d in found] == ([] if written else ["import/no-link"])
    problems = [d for d in validate(record) if d.rule != "schema/recommended"]  # type: ignore[arg-type]
    assert [f"{d.rule} {d.message}" for d in problems] == (
        [] if written else ['schema/required missing required field "webUrl"']
    )


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("ü" * 60 + ".example", LABEL_TOO_LONG),
        ("b%FFcher.example", NO_BROWSER),
    ],
)
def test_a_link_left_out_for_its_host_says_why(tmp_path: Path, host: str, why: str) -> None:
    """The feeds name the same reason for the same link (one rule, in web_address)."""
    item = (
        f"<item><title>L</title><link>https://{host}/x</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), found = read(tmp_path, rss(item))
    assert "webUrl" not in record.meta
    assert [d.rule for d in found] == ["import/no-link"]
    assert f"https://{host}/x' has {why}" in found[0].message


SITE_RELATIVE = "<title>Site</title><link>/</link>"  # a feed file that names no site
DATED = "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate>"


@pytest.mark.parametrize("link", ["/2021/01/02/pi/", "pi.html", "?p=12", "\\2021\\pi\\"])
def test_a_relative_link_with_no_site_to_join_it_to_says_how_to_give_one(
    tmp_path: Path, link: str
) -> None:
    item = f"<item><title>L</title><link>{link}</link>{DATED}</item>"
    (record,), found = read(tmp_path, rss(item, channel=SITE_RELATIVE))
    assert "webUrl" not in record.meta
    assert [d.rule for d in found] == ["import/no-link"]
    message = found[0].message
    assert f"({link!r} is relative and the feed gives no site address to join it to)" in message
    assert message.endswith("pass the site's address as --base-url https://SITE/")
    (joined,), found = read(
        tmp_path, rss(item, channel=SITE_RELATIVE), base_url="https://s.example/"
    )
    assert joined.meta["webUrl"].startswith("https://s.example/") and found == []


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ("//ex ample.com/a", f"has {NO_BROWSER}"),  # read as https: as it is: no site helps
        ("mailto:news@example.com", "is not an http(s) address a browser opens"),
    ],
)
def test_a_link_no_site_address_could_mend_gets_no_base_url_hint(
    tmp_path: Path, link: str, shown: str
) -> None:
    item = f"<item><title>L</title><link>{link}</link>{DATED}</item>"
    _, found = read(tmp_path, rss(item, channel=SITE_RELATIVE))
    assert [d.rule for d in found] == ["import/no-link"]
    assert f"({link!r} {shown})" in found[0].message
    assert "--base-url" not in found[0].message


def test_a_description_holding_the_whole_article_is_the_body(tmp_path: Path) -> None:
    # Quarto, python-feedgen, RSS for Node and hand-written Jekyll templates put the post in
    # <description> and write no content:encoded: that is the article, not an excerpt of it.
    item = (
        "<item><title>Release notes</title><link>https://ex.com/notes</link>"
        "<description><![CDATA[<h2>What changed</h2><p>A new <a href='/docs/'>form</a>.</p>"
        "<pre><code class='language-sh'>make install</code></pre>"
        "<ul><li>one</li><li>two</li></ul>]]></description>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert "excerpt" not in record.meta
    assert record.body.strip().startswith("## What changed\n\nA new [form](https://ex.com/docs/).")
    assert "```sh\nmake install\n```" in record.body and "- one\n- two" in record.body
    assert _clean(record) == []


def test_a_short_html_description_stays_the_excerpt(tmp_path: Path) -> None:
    # WordPress's summary mode: the excerpt and "The post ... appeared first on ...".
    item = (
        "<item><title>Short</title><link>https://ex.com/s</link>"
        "<description><![CDATA[<p>The start of it&#8230;</p>\n<p>The post "
        "<a href='https://ex.com/s'>Short</a> appeared first on <a href='https://ex.com'>Ex</a>."
        "</p>]]></description><pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item>"
    )
    (record,), _ = read(tmp_path, rss(item))
    assert record.meta["excerpt"].startswith("The start of it…") and record.body == ""


def test_a_site_relative_feed_takes_its_links_from_base_url(tmp_path: Path) -> None:
    # Static exports of WordPress write every address site-relative (<link>/</link>); read
    # from a file, only the caller knows the site.
    feed = rss(
        "<item><title>Pi</title><link>/2021/01/02/pi/</link><guid isPermaLink='false'>/?p=1"
        "</guid><pubDate>Sat, 02 Jan 2021 17:45:02 +0000</pubDate><content:encoded><![CDATA["
        "<p>See <a href='/about/'>me</a>.</p><img src='/wp-content/a.png' alt='A'>]]>"
        "</content:encoded></item>",
        channel="<title>Site</title><link>/</link>",
        namespaces=CONTENT,
    )
    (without,), found = read(tmp_path, feed)
    assert "webUrl" not in without.meta and any(d.rule == "import/no-link" for d in found)
    (record,), found = read(tmp_path, feed, base_url="https://site.example/blog/")
    assert record.meta["webUrl"] == "https://site.example/2021/01/02/pi/"
    assert record.meta["provider"]["domain"] == "site.example"
    assert "[me](https://site.example/about/)" in record.body
    assert "![A](https://site.example/wp-content/a.png)" in record.body
    assert not any(d.rule in ("import/no-link", "import/malformed") for d in found), found
    assert _clean(record) == []


def test_a_json_feed_with_relative_urls_takes_them_from_base_url(tmp_path: Path) -> None:
    # Publii writes "home_page_url": "" and item urls such as "/bnf.html".
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Portfolio",
        "home_page_url": "",
        "items": [
            {
                "id": "/bnf.html",
                "url": "/bnf.html",
                "title": "BnF",
                "content_html": '<p>Hi <img src="/media/a.png" alt="a"></p>',
                "image": "/media/thumb.png",
                "date_published": "2019-06-01T10:00:00+02:00",
            }
        ],
    }
    data = json.dumps(feed).encode()
    (record,), _ = read(tmp_path, data, "feed.json", base_url="https://folio.example/")
    assert record.meta["webUrl"] == "https://folio.example/bnf.html"
    assert record.meta["images"] == [{"url": "https://folio.example/media/thumb.png"}]
    assert "![a](https://folio.example/media/a.png)" in record.body


@pytest.mark.parametrize("label", ["ISO-8859-1", "iso-8859-1", "latin1", "us-ascii"])
def test_a_latin_1_label_is_read_as_windows_1252_to_the_last_character(
    tmp_path: Path, label: str
) -> None:
    # Old publishing systems declare ISO-8859-1 and write Windows-1252's curly quotes, dashes
    # and ellipsis (bytes 0x80-0x9F); browsers read the label so (WHATWG Encoding Standard).
    # Read as Latin-1, a closing ellipsis (0x85, NEL) is white space a strip removes.
    title = "\u201cQuoted\u201d \u2013 caf\u00e9 \u2026"
    text = (
        f'<?xml version="1.0" encoding="{label}"?>\n<rss version="2.0"><channel><title>Caf'
        "\u00e9</title><link>https://cafe.example/</link><item><title>"
        f"{title}</title><link>https://cafe.example/a</link><description>It\u2019s here \u2026"
        "</description><pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate></item></channel></rss>"
    )
    (record,), found = read(tmp_path, text.encode("cp1252"))
    assert record.meta["title"] == title
    assert record.meta["excerpt"] == "It\u2019s here \u2026"
    assert record.meta["provider"]["name"] == "Caf\u00e9"
    assert not [d for d in found if d.rule == "import/malformed"]


def test_html_bodies_lose_beacons_and_line_numbers_too(tmp_path: Path) -> None:
    item = (
        "<item><title>Code</title><link>https://ex.com/c</link>"
        "<pubDate>Tue, 10 Jun 2003 09:00:00 GMT</pubDate><content:encoded><![CDATA["
        '<table class="rouge-table"><tr><td class="rouge-gutter gl"><pre class="lineno">1\n2'
        '</pre></td><td class="rouge-code"><pre>a = 1\nb = 2</pre></td></tr></table>'
        '<img src="https://pixel.wp.com/b.gif?x=1" width="1" height="1">]]></content:encoded>'
        "</item>"
    )
    (record,), _ = read(tmp_path, rss(item, namespaces=CONTENT), body="html")
    assert "<pre><code>a = 1\nb = 2</code></pre>" in record.body
    assert "table" not in record.body and "pixel.wp.com" not in record.body


@pytest.mark.parametrize(
    "title",
    [
        "Launch day \U0001f680 today",
        "Launch day \U0001f680: today",  # quoted for the colon, the emoji still as written
        "Python writes it \\U0001F680 and \U0001f680",  # a literal escape stays literal
        "Flags \U0001f1eb\U0001f1f7 and \U00020000",
        "a\u0085b \U0001f680",  # NEL, which YAML writes only as an escape
        "Tab\there \U0001f680",  # double-quoted for the tab
        "Ends in a space \U0001f680 ",
        "Tab\there \\U0001F680 and \\\U0001f680 \U0001f680",  # literal escapes, quoted
        "Only \\U0001F680 as text",
    ],
)
def test_characters_beyond_the_basic_plane_are_written_as_themselves(title: str) -> None:
    """libyaml's emitter escapes them (``"\\U0001F680"``): valid YAML, but no editor of the
    record reads it. They are written as the characters, and read back the same."""
    from convert import loads
    from convert.importers.rendering import render_record

    meta = {"title": title, "provider": {"name": f"{title} Radio"}}
    text = render_record(meta, "")
    for char in title:
        if ord(char) > 0xFFFF:
            assert char in text
    assert loads(text).meta == meta


def test_escapes_stay_when_the_text_written_anew_would_read_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The characters are written only when the text reads back as the data dumped; any
    other reading keeps libyaml's escapes."""
    import convert.loading.yaml_reader as reader
    from convert.importers.rendering import render_record

    meta = {"title": "Tab\there \U0001f680"}
    assert "\U0001f680" in render_record(meta, "")
    read_yaml = reader.read_yaml
    monkeypatch.setattr(reader, "read_yaml", lambda text: read_yaml(text.replace("Tab", "Tap")))
    assert render_record(meta, "") == '---\ntitle: "Tab\\there \\U0001F680"\n---\n'
