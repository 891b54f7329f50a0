"""The W3C feed validator's rules that can be checked offline, on feeds with Markdown bodies.

The validator itself (validator.w3.org/feed) cannot be reached from the test machine, so its
checks are restated here: RFC 822 dates in RSS and RFC 3339 in Atom and JSON Feed, a self link,
absolute http(s) URLs everywhere (also inside the content), required elements present, ids
stable, the document well-formed XML. What needs the validator's own judgement (its warnings
about, say, an Atom enclosure without a length) is not covered.
"""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime

import feedparser
import lxml.html
import pytest
from lxml import etree

OPTIONS = {
    "feed_title": "Corpus",
    "feed_link": "https://site.example/",
    "feed_url": "https://site.example/feed.xml",
    "language": "en",
}
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
}
RFC822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
                    r"|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}")  # fmt: skip
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
ABSOLUTE = re.compile(r"(https?://[^/\s]+|mailto:)\S*")


def _body(n: int) -> str:
    return (
        f"## Part {n}\n\nText with a [relative link](../about/{n}), an [absolute one]"
        f"(https://other.example/{n}) and `code`.\n\n![Figure {n}](/img/{n}.png)\n\n"
        "| year | count |\n|---|---:|\n| 2023 | 12 |\n\n```js\nif (a < b) { go(); }\n```\n\n"
        "<figure><img src='rel/pic.jpg' alt='raw html'><figcaption>Caption</figcaption></figure>\n"
    )


@pytest.fixture
def corpus(make_record):
    return [
        make_record(
            path=f"posts/{n}.md",
            body=_body(n),
            body_format="markdown",
            webUrl=f"https://site.example/posts/{n}/",
            publishedDateTime=f"2024-03-{1 + n:02d}T0{n % 10}:30:00+0{n % 3}:00",
            locale="en-gb" if n % 4 == 0 else "en",
            images=[{"url": f"/img/cover-{n}.jpg", "width": 800, "height": 450}],
        )
        for n in range(20)
    ]


def _urls_in_html(markup: str) -> list[str]:
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    return [v for e in root.iter() for k, v in e.attrib.items() if k in ("href", "src")]


def _assert_absolute(urls: list[str]) -> None:
    assert urls
    for url in urls:
        assert ABSOLUTE.fullmatch(url), url


def test_rss(corpus, run) -> None:
    data, found = run("rss", corpus, base_url="https://site.example/", **OPTIONS)
    assert not [d for d in found if d.severity.name == "ERROR"]
    assert not feedparser.parse(data).bozo
    channel = etree.fromstring(data).find("channel")
    for tag in ("title", "link", "description"):
        assert channel.findtext(tag)
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == OPTIONS["feed_url"]
    assert self_link.get("type") == "application/rss+xml"
    assert RFC822.fullmatch(channel.findtext("lastBuildDate"))
    items = channel.findall("item")
    assert len(items) == 20
    urls = [channel.findtext("link")]
    for item in items:
        assert item.findtext("title") and item.findtext("guid")
        date = item.findtext("pubDate")
        assert RFC822.fullmatch(date) and parsedate_to_datetime(date).tzinfo is not None
        urls.append(item.findtext("link"))
        urls += [m.get("url") for m in item.findall("media:content", NS)]
        urls += _urls_in_html(item.findtext("content:encoded", namespaces=NS))
    _assert_absolute(urls)


def test_atom(corpus, run) -> None:
    data, _ = run("atom", corpus, base_url="https://site.example/", **OPTIONS)
    assert not feedparser.parse(data).bozo
    feed = etree.fromstring(data)
    for tag in ("id", "title", "updated"):
        assert feed.findtext(f"atom:{tag}", namespaces=NS)
    entries = feed.findall("atom:entry", NS)
    # RFC 4287, 4.1.1: a feed author, unless every entry names its own.
    assert feed.find("atom:author/atom:name", NS) is not None or all(
        entry.find("atom:author/atom:name", NS) is not None for entry in entries
    )
    assert feed.find("atom:link[@rel='self']", NS).get("href") == OPTIONS["feed_url"]
    urls = []
    ids = []
    for entry in feed.findall("atom:entry", NS):
        ids.append(entry.findtext("atom:id", namespaces=NS))
        assert entry.findtext("atom:title", namespaces=NS)
        for tag in ("updated", "published"):
            assert RFC3339.fullmatch(entry.findtext(f"atom:{tag}", namespaces=NS))
        assert entry.find("atom:content", NS).get("type") == "html"
        assert entry.find("atom:link[@rel='alternate']", NS) is not None
        urls += [link.get("href") for link in entry.findall("atom:link", NS)]
        urls += _urls_in_html(entry.findtext("atom:content", namespaces=NS))
        lang = entry.get("{http://www.w3.org/XML/1998/namespace}lang")
        assert lang in (None, "en-gb")
    assert len(set(ids)) == 20 and all(i.startswith("urn:uuid:") for i in ids)
    _assert_absolute(urls)


def test_jsonfeed(corpus, run) -> None:
    data, _ = run("jsonfeed", corpus, base_url="https://site.example/", **OPTIONS)
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    urls = [feed["home_page_url"], feed["feed_url"]]
    for item in feed["items"]:
        assert item["id"] and (item.get("content_html") or item.get("content_text"))
        assert RFC3339.fullmatch(item["date_published"])
        urls += [item["url"], item["image"], *_urls_in_html(item["content_html"])]
        assert "](" not in item["content_text"]  # cleaned text, not Markdown
    _assert_absolute(urls)
