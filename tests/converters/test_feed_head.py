"""What a feed says about itself: its site link, its author, and how its findings name options."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from convert.converters.feeds.settings import OPTIONS, FeedSettings, named, with_site_link
from convert.diagnostics import Severity
from convert.errors import ConverterError

FEEDS = ["rss", "atom", "jsonfeed"]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def _dated(make_record, n: int, day: int, **extra):
    fields = {
        "title": f"Story {n}",
        "webUrl": f"https://news.example/{n}",
        "publishedDateTime": f"2024-01-{day:02d}T10:00:00Z",
        **extra,
    }
    return make_record(path=f"p/{n}.md", **fields)


def _site_link(fmt: str, data: bytes) -> str | None:
    """The feed's site link as each format writes it: RSS's <link> (None when empty), Atom's
    rel="alternate" link, JSON Feed's home_page_url."""
    if fmt == "jsonfeed":
        return json.loads(data).get("home_page_url")  # type: ignore[no-any-return]
    root = etree.fromstring(data)
    if fmt == "rss":
        return root.findtext("channel/link") or None
    found = root.find("atom:link[@rel='alternate']", ATOM)
    return None if found is None else found.get("href")


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_feed_with_no_items_takes_the_root_of_its_own_url(fmt, run) -> None:
    """RSS 2.0 requires the channel's link: the site the feed is published on is known."""
    data, found = run(fmt, [], feed_url="https://feeds.example/news/feed.xml")
    assert _site_link(fmt, data) == "https://feeds.example/"
    assert [d for d in found if d.rule == "convert/feed-link"] == []
    if fmt == "rss":
        assert b"<link></link>" not in data


@pytest.mark.parametrize("fmt", FEEDS)
def test_the_site_link_comes_from_the_best_address_known_in_order(fmt, make_record, run) -> None:
    """feed_link, then base_url, then the items' one site (a feed served from a feed host
    belongs to its articles' site), then the root of feed_url."""
    records = [_dated(make_record, 1, 3), _dated(make_record, 2, 4)]
    given = {
        "feed_link": "https://given.example/home/",
        "base_url": "https://base.example/",
        "feed_url": "https://feeds.example/f.xml",
    }
    expected = ["https://given.example/home/", "https://base.example/", "https://news.example/"]
    for left_out, link in zip(range(3), expected, strict=True):
        options = dict(list(given.items())[left_out:])
        data, found = run(fmt, records, **options)
        assert _site_link(fmt, data) == link, options
        assert [d for d in found if d.rule == "convert/feed-link"] == []
    aggregated = [*records, _dated(make_record, 3, 5, webUrl="https://other.example/3")]
    data, found = run(fmt, aggregated, feed_url="https://feeds.example/f.xml")
    assert _site_link(fmt, data) == "https://feeds.example/"
    assert [d for d in found if d.rule == "convert/feed-link"] == []
    data, found = run(fmt, [], feed_url="https://feeds.example/f.xml")
    assert _site_link(fmt, data) == "https://feeds.example/"


@pytest.mark.parametrize("fmt", FEEDS)
def test_with_no_address_known_the_feed_says_how_to_give_one(fmt, run) -> None:
    """No items, no option: RSS keeps its empty (required) <link>, the others leave theirs out,
    and the warning names the flag and the library's keyword alike."""
    data, found = run(fmt, [])
    assert _site_link(fmt, data) is None
    if fmt == "rss":
        assert b"<link></link>" in data
    (finding,) = [d for d in found if d.rule == "convert/feed-link"]
    assert finding.severity is Severity.WARNING and finding.message == "the feed has no site link"
    assert finding.hint == (
        "pass --feed-link URL (feed_link= in the library), or set link in [tool.artconv.feed]"
    )
    (note,) = [d for d in found if d.rule == "convert/feed-url"]
    assert (note.message, note.hint) == (
        "the feed has no self link",
        "pass --feed-url URL (feed_url= in the library)",
    )


def test_a_sites_address_is_the_feed_link_unless_one_is_given() -> None:
    """A site profile's base URL is the site the feed belongs to: taken as the site's home
    (with its "/"), never over a link or base URL given, never when no reader opens it."""
    assert with_site_link({}, "https://site.example/blog") == {
        "feed_link": "https://site.example/blog/"
    }
    assert with_site_link({"feed_title": "T"}, "https://site.example/") == {
        "feed_title": "T",
        "feed_link": "https://site.example/",
    }
    assert with_site_link({}, None) == {}
    given = {"feed_link": "https://given.example/"}
    assert with_site_link(given, "https://site.example/") == given
    based = {"base_url": "https://base.example/"}
    assert with_site_link(based, "https://site.example/") == based
    assert with_site_link({}, "https://exa mple.example/") == {}


def _entry(make_record, n: int, **extra):
    return _dated(make_record, n, n, **extra)


@pytest.mark.parametrize(
    ("authors", "feed_author"),
    [
        ([["Ann"], ["Bo"]], None),  # every entry names its own: none is made up
        ([["Ann"], []], "T"),  # one names none: RFC 4287 requires the feed's, the title
        ([], "T"),  # no entry: the feed needs its own
    ],
)
def test_an_atom_feed_names_an_author_only_where_rfc_4287_requires_one(
    authors, feed_author, make_record, run
) -> None:
    records = [
        _entry(make_record, n, authors=names or None, author=None, provider=None)
        for n, names in enumerate(authors, 1)
    ]
    data, _ = run("atom", records, feed_title="T", feed_link="https://news.example/")
    feed = etree.fromstring(data)
    assert feed.findtext("atom:author/atom:name", namespaces=ATOM) == feed_author
    for entry in feed.findall("atom:entry", ATOM):  # every entry has an author, one way or another
        assert feed_author or entry.findtext("atom:author/atom:name", namespaces=ATOM)


def test_the_atom_author_rule_holds_for_items_prepared_elsewhere(make_record, run) -> None:
    """Items rendered on workers (``prepare``) tell whether they name an author as well."""
    from convert.converters import get_converter

    atom = get_converter("atom")
    records = [_entry(make_record, 1, authors=["Ann"]), _entry(make_record, 2, authors=["Bo"])]
    options = {"feed_title": "T", "feed_link": "https://news.example/"}
    prepared = [p for p in atom.prepare(records, **options) if p is not None]
    assert [p.authored for p in prepared] == [True, True]
    here, _ = run("atom", records, **options)
    there, _ = run("atom", prepared, **options)
    assert there == here and b"<author><name>T</name>" not in there


_FLAG = re.compile(r"--[a-z][a-z-]+")


def _options_named_one_way(text: str) -> None:
    """Each feed flag in ``text`` is followed by its library keyword, in the one form."""
    flags = {option.flag: option for option in OPTIONS}
    for found in _FLAG.finditer(text):
        option = flags[found[0]]
        rest = text[found.end() :]
        metavar = f" {option.spelling.metavar}" if option.spelling.metavar else ""
        keyword = f"({option.name}=True" if option.kind is bool else f"({option.name}="
        assert rest.startswith(f" {keyword} in the library)") or rest.startswith(
            f"{metavar} {keyword} in the library)"
        ), text


def test_every_feed_finding_names_its_options_the_one_way(make_record, run) -> None:
    """Findings reach command-line users and library callers: a hint that names only one
    spelling (``pass feed_url (--feed-url)``) leaves the other reader guessing."""
    records = [
        _dated(make_record, 1, 3, published=False),
        _dated(make_record, 2, 4, webUrl="/relative"),
        _dated(make_record, 3, 5, images=[{"url": "/a.jpg"}]),
        _dated(make_record, 4, 6, webUrl="https://other.example/4"),
    ]
    for fmt in FEEDS:
        _, found = run(fmt, records)
        rules = {d.rule for d in found}
        assert {"convert/unpublished", "convert/relative-url", "convert/feed-link"} <= rules
        assert {"convert/feed-url", "convert/incomplete"} <= rules
        for diagnostic in found:
            _options_named_one_way(diagnostic.message)
            _options_named_one_way(diagnostic.hint)


@pytest.mark.parametrize(
    "options",
    [
        {"content": "all"},
        {"language": "not a tag"},
        {"feed_link": "javascript:alert(1)"},
        {"feed_url": "feed.xml"},
        {"base_url": "/blog/"},
    ],
)
def test_every_option_error_names_its_option_the_one_way(options) -> None:
    with pytest.raises(ConverterError) as caught:
        FeedSettings.from_options(options)
    (name,) = options
    assert str(caught.value).startswith(f"{named(name)} must be ")
    _options_named_one_way(str(caught.value))


def test_the_one_way_reads_for_both_audiences() -> None:
    assert named("feed_url") == "--feed-url (feed_url= in the library)"
    assert named("feed_url", metavar=True) == "--feed-url URL (feed_url= in the library)"
    assert named("include_unpublished") == (
        "--include-unpublished (include_unpublished=True in the library)"
    )
