"""Article content in feeds: rendered, sanitised, links absolute, and readable back."""

from __future__ import annotations

import json
import re

import feedparser
import lxml.html
import pytest
from lxml import etree

from convert.content import article_html, render_html, sanitise_html
from convert.errors import ConverterError

FEEDS = ["rss", "atom", "jsonfeed"]
OPTIONS = {"feed_title": "T", "feed_link": "https://example.com/", "feed_url": "https://e.x/f"}
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
MARKDOWN = """# Heading

Some *emphasis*, **strong**, `code` and a [relative link](/about?a=1&b=2).

![A chart](img/chart.png "Chart")

| a | b |
|---|---|
| 1 | 2 |

```python
print("<hello>")
```

> quoted
"""


def _content(fmt: str, data: bytes) -> str:
    """The item's content as a reader sees it, from the raw document (no feedparser cleanup)."""
    if fmt == "jsonfeed":
        return str(json.loads(data)["items"][0]["content_html"])
    root = etree.fromstring(data)
    if fmt == "rss":
        return str(root.findtext("channel/item/content:encoded", namespaces=NS))
    return str(root.findtext("atom:entry/atom:content", namespaces=NS))


def _canonical(markup: str) -> bytes:
    """HTML as canonical XML (attributes sorted, one way to close a tag)."""
    root = lxml.html.fragment_fromstring(markup.strip(), create_parent="div")
    return etree.tostring(root, method="c14n")


def test_markdown_is_rendered_with_tables_and_code() -> None:
    out = render_html(MARKDOWN, "markdown")
    assert "<h1>Heading</h1>" in out and "<em>emphasis</em>" in out
    assert "<table>" in out and "<td>1</td>" in out
    assert '<code class="language-python">print("&lt;hello&gt;")' in out
    assert "~~gone~~" not in render_html("~~gone~~", "markdown")  # strikethrough


def test_html_is_kept_and_text_escaped_into_paragraphs() -> None:
    assert render_html("<p>As <b>is</b></p>", "html") == "<p>As <b>is</b></p>"
    text = "Tom & Jerry <3\nsecond line\n\nNext paragraph"
    assert render_html(text, "text") == (
        "<p>Tom &amp; Jerry &lt;3 second line</p>\n<p>Next paragraph</p>"
    )
    assert render_html("  \n", "markdown") == ""


def test_relative_urls_become_absolute_against_the_base() -> None:
    out = article_html(MARKDOWN, "markdown", "https://site.example/posts/one")
    assert 'href="https://site.example/about?a=1&amp;b=2"' in out
    assert 'src="https://site.example/posts/img/chart.png"' in out
    kept = sanitise_html('<a href="https://other.example/x">x</a>', "https://site.example/")
    assert 'href="https://other.example/x"' in kept
    assert 'href="mailto:a@b.example"' in sanitise_html(
        '<a href="mailto:a@b.example">m</a>', "https://s.example/"
    )


def test_without_a_base_relative_urls_are_dropped() -> None:
    out = sanitise_html('<a href="/x">x</a><img src="y.png" alt="y">', None)
    assert "/x" not in out and "y.png" not in out and ">x</a>" in out


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_content_links_are_written_as_the_feeds_write_their_own(body_format: str) -> None:
    """The feed's links have the domain in its xn-- form (RFC 3986, 3.2.2, for resolvers that
    do not convert it); pulldown-cmark %-escapes it and HTML bodies carry it raw, so both are
    rewritten, with the same escapes as the item's link."""
    links = {
        "https://bücher.example/ü": "https://xn--bcher-kva.example/%C3%BC",
        "https://b%C3%BCcher.example/a": "https://xn--bcher-kva.example/a",
        "https://x.example/100%-sure": "https://x.example/100%25-sure",
        "https://x.example/%ZZ?q=%": "https://x.example/%25ZZ?q=%25",
        "http://a@b@c.example/": "http://a%40b@c.example/",
        "//bücher.example/r": "https://xn--bcher-kva.example/r",
        "/ü/50%": "https://site.example/%C3%BC/50%25",
    }
    for written, expected in links.items():
        body = f"[x]({written})" if body_format == "markdown" else f'<a href="{written}">x</a>'
        image = f"![i]({written})" if body_format == "markdown" else f'<img src="{written}">'
        out = article_html(f"{body}\n\n{image}", body_format, "https://site.example/p")
        assert f'href="{expected}"' in out and f'src="{expected}"' in out, written


def test_a_content_link_whose_domain_dns_cannot_hold_loses_its_address_not_its_text() -> None:
    """As the item link is, under the same rule: ammonia already takes the address from a
    host it cannot parse, and a browser would parse this one and find nothing."""
    long_label = "https://" + "ü" * 60 + ".example/a"
    out = sanitise_html(f'<p><a href="{long_label}">the text</a><img src="{long_label}"></p>', None)
    assert "href" not in out and "src" not in out and "the text" in out and "ü" not in out
    kept = sanitise_html('<a href="mailto:ü@bücher.example">m</a>', None)
    assert 'href="mailto:ü@bücher.example"' in kept  # not a web address: left to its scheme


def test_a_content_link_is_read_as_a_browser_reads_it_before_it_is_written() -> None:
    """Spaces around it and line breaks in it are dropped and a backslash before the query is
    a slash, as a browser's URL parser reads an http(s) link: the link goes where it went."""
    links = {
        " https://bücher.example/a\n": "https://xn--bcher-kva.example/a",
        "https://x.example\\a\\b?q=\\": "https://x.example/a/b?q=%5C",
        "..\\up": "https://site.example/up",
    }
    for written, expected in links.items():
        out = sanitise_html(f'<a href="{written}">x</a>', "https://site.example/p/q")
        assert f'href="{expected}"' in out, written


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_a_content_link_without_slashes_after_its_scheme_goes_where_a_browser_goes(
    body_format: str,
) -> None:
    """``https:host/path`` is relative to a page of the same scheme (the URL Standard's
    "special relative or authority state"), so a browser on the publisher's page stays on
    the site, where a reader with no base would open ``host``; with another scheme, what
    follows is the host, as browsers read it."""
    page = "https://news.example.com/a/b/1.html"
    links = {
        "https:evil.example/x": "https://news.example.com/a/b/evil.example/x",
        "HTTPS:/top": "https://news.example.com/top",
        "http:other.example/y": "http://other.example/y",
    }
    for written, expected in links.items():
        markdown = f"[x](<{written}>)\n\n![i](<{written}>)"
        body = (
            markdown
            if body_format == "markdown"
            else f'<a href="{written}">x</a><img src="{written}">'
        )
        out = article_html(body, body_format, page)
        assert f'href="{expected}"' in out and f'src="{expected}"' in out, written
    # With no page to read it against, where it leads is unknown: the address goes, the text
    # stays, as for a relative link.
    out = sanitise_html(
        '<a href="https:evil.example/x">text</a><img src="https:e.example/i">', None
    )
    assert "evil.example" not in out and "e.example" not in out and ">text</a>" in out


def test_article_markup_survives_sanitising() -> None:
    markup = render_html(MARKDOWN, "markdown")
    clean = sanitise_html(markup, "https://site.example/")
    for tag in ("h1", "p", "em", "strong", "code", "a", "img", "table", "td", "pre", "blockquote"):
        assert f"<{tag}" in clean, tag


# Known XSS vectors: script tags, event handlers, javascript:/data: URLs in many spellings,
# SVG and MathML, frames, forms, styles, unclosed and malformed tags.
XSS = [
    "<script>alert('XSS1')</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert('XSS2')</scr</script>ipt>",
    "<img src=x onerror=alert('XSS3')>",
    "<IMG SRC=\"javascript:alert('XSS4');\">",
    "<img src=JaVaScRiPt:alert('XSS5')>",
    "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('XSS6')>",
    "<img src=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert('XSS7')>",
    "<a href=\"jav&#x09;ascript:alert('XSS8')\">x</a>",
    "<a href=\" javascript:alert('XSS9')\">x</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4=">XSS10</a>',
    "<svg onload=alert('XSS11')>",
    "<svg><script>alert('XSS12')</script></svg>",
    "<math><mi xlink:href=\"javascript:alert('XSS13')\">x</mi></math>",
    "<iframe src=\"javascript:alert('XSS14')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('XSS15')</script>\">",
    "<body onload=alert('XSS16')>",
    "<div style=\"background:url(javascript:alert('XSS17'))\">x</div>",
    "<style>@import 'https://evil.example/XSS18.css';</style>",
    "<form action=\"javascript:alert('XSS19')\"><input type=submit></form>",
    "<object data=\"javascript:alert('XSS20')\"></object>",
    '<embed src="https://evil.example/XSS21.swf">',
    "<a href=\"javascript:alert('XSS22')\" onmouseover=\"alert('XSS23')\">x</a>",
    "<p onclick=alert('XSS24')>x</p>",
    '<img src="x" onerror="alert(\'XSS25\')"',  # unclosed
    "<<img src=x onerror=alert('XSS26')//<",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS27\')">',
    "<base href=\"javascript:alert('XSS28')//\">",
    "<link rel=stylesheet href=\"javascript:alert('XSS29')\">",
    "<video><source onerror=\"alert('XSS30')\"></video>",
    "<details open ontoggle=alert('XSS31')>",
    "<a href=\"vbscript:msgbox('XSS32')\">x</a>",
    "[click](javascript:alert('XSS33'))",  # Markdown link
    "![x](javascript:alert('XSS34'))",  # Markdown image
    "<template><script>alert('XSS35')</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS36')>\"></noscript>",
]
ACTIVE_ELEMENTS = {"script", "svg", "math", "iframe", "frame", "frameset", "style", "form",
                   "input", "object", "embed", "meta", "base", "link", "body", "details",
                   "template", "noscript", "video", "source"}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _active_parts(markup: str) -> list[str]:
    """What in ``markup`` a browser would act on: elements off the list, event handlers,
    styles, and URLs in any scheme but http(s) and mailto (as the browser decodes them)."""
    found = []
    for element in lxml.html.fragments_fromstring(f"<div>{markup}</div>")[0].iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in ACTIVE_ELEMENTS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on") or name.lower() in ("style", "srcdoc", "action"):
                found.append(f"{tag} {name}")
            if name.lower() in ("href", "src", "data", "xlink:href"):
                url = "".join(value.split()).lower()
                if not url.startswith(SAFE_SCHEMES):
                    found.append(f"{tag} {name}={value}")
    return found


def _contents(fmt: str, data: bytes) -> list[str]:
    """Every item's content HTML, from the raw document."""
    if fmt == "jsonfeed":
        return [item["content_html"] for item in json.loads(data)["items"]]
    root = etree.fromstring(data)
    if fmt == "rss":
        return root.xpath("channel/item/content:encoded/text()", namespaces=NS)
    return root.xpath("atom:entry/atom:content/text()", namespaces=NS)


def test_the_xss_check_finds_what_it_looks_for() -> None:
    assert _active_parts(XSS[3]) == ["img src=x", "img onerror"]  # relative counts too
    assert _active_parts(XSS[4]) == ["img src=javascript:alert('XSS4');"]
    assert _active_parts(XSS[11]) == ["<svg>", "svg onload"]


@pytest.mark.parametrize("fmt", FEEDS)
@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_no_xss_vector_reaches_any_feed(fmt, body_format, make_record, run) -> None:
    records = [
        make_record(
            path=f"p/{n}.md",
            webUrl=f"https://example.com/{n}",
            body=f"<p>Vector {n}</p>\n\n{vector}\n",
            body_format=body_format,
        )
        for n, vector in enumerate(XSS)
    ]
    data, _ = run(fmt, records, **OPTIONS)
    contents = _contents(fmt, data)
    assert len(contents) == len(XSS)
    for content in contents:
        assert "Vector " in content  # the article itself is there
        assert _active_parts(content) == [], content
    # No script element anywhere in an XML document: inert text says "&lt;script" instead.
    # (JSON Feed's content_text is plain text by definition, where "<script>" is just words.)
    assert fmt == "jsonfeed" or b"<script" not in data.lower()


def test_each_vector_alone_leaves_nothing_active() -> None:
    for vector in XSS:
        for body_format in ("markdown", "html"):
            out = article_html(vector, body_format, "https://site.example/")
            assert _active_parts(out) == [], (vector, out)


@pytest.mark.parametrize("fmt", FEEDS)
def test_feedparser_reads_back_our_sanitised_html(fmt, make_record, run) -> None:
    record = make_record(body=MARKDOWN, body_format="markdown")
    data, found = run(fmt, [record], **OPTIONS)
    expected = article_html(MARKDOWN, "markdown", record.meta["webUrl"])
    assert _content(fmt, data) == expected
    if fmt != "jsonfeed":
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        # feedparser runs its own sanitiser and re-serialises (attribute order, "/>"): the
        # same elements, attributes and text, with nothing removed.
        assert _canonical(parsed.entries[0].content[0].value) == _canonical(expected)
        assert parsed.entries[0].summary == record.meta["excerpt"]
    assert found == []


@pytest.mark.parametrize("fmt", FEEDS)
def test_content_modes(fmt, make_record, run) -> None:
    record = make_record(body="Body *here*", body_format="markdown")
    full, _ = run(fmt, [record], **OPTIONS)
    summary, _ = run(fmt, [record], content="summary", **OPTIONS)
    none, _ = run(fmt, [record], content="none", **OPTIONS)
    assert b"<em>here</em>" in full or b"&lt;em&gt;here" in full
    assert b"here" not in summary and b"Facebook will offer" in summary
    assert b"here" not in none and b"Facebook will offer" not in none
    if fmt == "jsonfeed":
        assert json.loads(none)["items"][0]["content_text"] == ""
    with pytest.raises(
        ConverterError,
        match=r"--content \(content= in the library\) must be one of full, summary, none",
    ):
        run(fmt, [record], content="all", **OPTIONS)


def test_rss_item_parts(make_record, run) -> None:
    record = make_record(
        author="Ann Writer",
        authors=["Bo Reporter", {"name": "Ann Writer"}],
        provider={"name": "Paper", "authors": [{"name": "Cy Editor"}, "Bo Reporter"]},
        topics=["AI"],
        tags=["ai", "AI"],
        categories=["Tech"],
        category="Tech",
        locale="fr-FR",
        type="video",
        originalUrl="https://cdn.example.com/clip.MP4?s=1",
    )
    data, _ = run("rss", [record], language="en", **OPTIONS)
    item = etree.fromstring(data).find("channel/item")
    assert item.xpath("dc:creator/text()", namespaces=NS) == [
        "Ann Writer",
        "Bo Reporter",
        "Cy Editor",
    ]
    assert item.xpath("category/text()") == ["AI", "ai", "Tech"]
    assert item.findtext("dc:language", namespaces=NS) == "fr-FR"
    video = item.find("media:content[@medium='video']", NS)
    assert dict(video.attrib) == {
        "url": "https://cdn.example.com/clip.MP4?s=1",
        "type": "video/mp4",
        "medium": "video",
    }
    assert item.find("enclosure") is None  # RSS enclosures need a length we do not know
    same_language, _ = run("rss", [record], language="FR-fr", **OPTIONS)
    assert b"dc:language" not in same_language


def test_atom_and_jsonfeed_item_parts(make_record, run) -> None:
    record = make_record(locale="de", type="video", originalUrl="https://v.example/a.webm")
    data, _ = run("atom", [record], language="en", **OPTIONS)
    entry = etree.fromstring(data).find("atom:entry", NS)
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    enclosure = entry.find("atom:link[@rel='enclosure']", NS)
    assert enclosure.get("type") == "video/webm" and enclosure.get("length") is None
    feed = json.loads(run("jsonfeed", [record], language="en", **OPTIONS)[0])
    item = feed["items"][0]
    assert item["language"] == "de"
    assert item["attachments"] == [{"url": "https://v.example/a.webm", "mime_type": "video/webm"}]
    page = make_record(type="video", originalUrl="https://youtube.com/watch?v=1")
    item = json.loads(run("jsonfeed", [page], **OPTIONS)[0])["items"][0]
    assert "attachments" not in item  # no known type: no attachment
    entry = etree.fromstring(run("atom", [page], **OPTIONS)[0]).find("atom:entry", NS)
    assert entry.find("atom:link[@rel='enclosure']", NS) is None
    assert (
        entry.find("atom:link[@rel='related']", NS).get("href") == "https://youtube.com/watch?v=1"
    )


def test_provider_name_is_the_author_fallback(make_record, run) -> None:
    data, _ = run("jsonfeed", [make_record()], **OPTIONS)
    assert json.loads(data)["items"][0]["authors"] == [{"name": "The Verge"}]


def test_control_characters_leave_every_text_alike_and_no_empty_element(make_record, run) -> None:
    """A control character XML cannot carry goes from each text before it is judged blank, so
    an author or tag of controls alone is no author or tag in any format, and JSON Feed, which
    could carry them, says what the XML feeds say."""
    record = make_record(
        body="Body \x00\x01\x07text",
        body_format="markdown",
        excerpt="An excerpt \x00",
        tags=["\x00", "ok\x07"],
        topics=None,
        categories=None,
        category=None,
        authors=["\x01", "Ann\x00"],
        provider={"name": "\x07"},
        images=[{"url": "https://e.example/i.png", "title": "\x07"}],
    )
    rss = etree.fromstring(run("rss", [record], **OPTIONS)[0]).find("channel/item")
    assert rss.xpath("category/text()") == ["ok"] and rss.xpath("count(category)") == 1
    assert rss.xpath("dc:creator/text()", namespaces=NS) == ["Ann"]
    assert rss.xpath("count(dc:creator)", namespaces=NS) == 1
    assert rss.findtext("description") == "An excerpt"
    assert rss.find("media:content/media:title", NS) is None
    atom = etree.fromstring(run("atom", [record], **OPTIONS)[0]).find("atom:entry", NS)
    assert [a.findtext("atom:name", namespaces=NS) for a in atom.findall("atom:author", NS)] == [
        "Ann"
    ]
    assert [c.get("term") for c in atom.findall("atom:category", NS)] == ["ok"]
    data = run("jsonfeed", [record], **OPTIONS)[0]
    item = json.loads(data)["items"][0]
    assert item["tags"] == ["ok"] and item["authors"] == [{"name": "Ann"}]
    assert item["summary"] == "An excerpt"
    assert item["content_html"] == _content("rss", run("rss", [record], **OPTIONS)[0])
    assert not re.search(r"\\u000[0-8bcef]|\\u001", data.decode()), "a control is left"
    alone = make_record(authors=["\x01"], provider={"name": "\x00"})
    assert "authors" not in json.loads(run("jsonfeed", [alone], **OPTIONS)[0])["items"][0]
