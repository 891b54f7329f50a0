"""Items rendered ahead of time are the bytes lxml's writer prints for the same elements.

The XML feeds render each item into a line of markup once, and pass it through the writer. Each
test parses a rendered item inside a root that declares the feed's namespaces, checks that its
values read back as the item's own, and writes the parsed elements again the plain way, opened
and closed one by one through ``etree.xmlfile``: the two must be the same bytes.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.converters.feeds import atom, rss
from convert.converters.feeds.items import Image, Item
from convert.converters.feeds.parts import Download, Video
from convert.converters.feeds.xml import escape_attribute, xml_escape, xml_markup, xml_text

texts = st.text().map(xml_text)
words = texts.filter(str.strip)
images = st.builds(
    Image,
    st.sampled_from(["https://example.com/a.jpg?x=1&y=2", "https://e.com/b"]),
    st.none() | st.integers(0, 5000),
    st.none() | st.integers(0, 5000),
    st.none() | words,
)
moments = st.datetimes(timezones=st.just(UTC)).map(lambda d: d + timedelta(0))
dates = st.none() | moments
items = st.builds(
    Item,
    st.just("urn:uuid:0b5b8a6e-4d6c-5e1e-9f0e-3c2a1b0d9e8f"),
    st.none() | st.just("https://example.com/a?b=1&c=2"),
    texts,
    st.none() | words,
    st.none() | words | st.sampled_from(["<p>a]]>b</p>", "<p>x &amp; y</p>\n", "a\rb"]),
    st.sampled_from(["markdown", "html", "text"]),
    moments,
    dates,
    st.lists(words, max_size=2).map(tuple),
    st.lists(words, max_size=3, unique=True).map(tuple),
    st.lists(images, max_size=2).map(tuple),
    st.just("posts/a.md"),
    st.just(""),
    st.none() | st.sampled_from(["en-GB", "fr", "pt-BR"]),
    st.lists(
        st.builds(
            Video,
            st.sampled_from(["https://v.example/a.mp4?x=1&y=2", "https://youtube.com/watch?v=1"]),
            st.none() | st.sampled_from(["video/mp4", "video/webm"]),
        ),
        max_size=2,
    ).map(tuple),
    st.just(False),
    st.lists(
        st.builds(
            Download,
            st.sampled_from(["https://d.example/a.zip?x=1&y=2", "https://d.example/app"]),
            st.none() | words,
            st.none() | st.sampled_from(["application/zip", "application/pdf"]),
        ),
        max_size=2,
    ).map(tuple),
    st.just(()),
    st.none() | st.sampled_from(["text/html", "text/csv", 'a"<&b']),
)


def _plain(xf: Any, node: Any) -> None:
    """``node`` and its children through the writer, one element at a time."""
    with xf.element(node.tag, dict(node.attrib)):
        if node.text:
            xf.write(node.text)
        for child in node:
            _plain(xf, child)


_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)


def _uncdata(line: str) -> str:
    """``line`` with its CDATA sections written as escaped text, as the writer writes text."""
    return _CDATA.sub(lambda m: xml_escape(m[1]), line)


def _parse_and_rewrite(line: str, root: str, nsmap: Any) -> tuple[Any, bytes, bytes]:
    """The parsed item, the bytes it was rendered to (CDATA as escaped text), and the bytes
    the writer gives for it."""
    declarations = " ".join(
        f'xmlns{":" + prefix if prefix else ""}="{uri}"' for prefix, uri in nsmap.items()
    )
    opening = f"<{root} {declarations}>"
    element = etree.fromstring(f"{opening}{line}</{root}>".encode())[0]
    out = io.BytesIO()
    root_tag = element.getparent().tag
    with etree.xmlfile(out, encoding="utf-8") as xf, xf.element(root_tag, nsmap=nsmap):
        _plain(xf, element)
    plain = out.getvalue()
    return (
        element,
        _uncdata(line).rstrip("\n").encode(),
        plain[plain.index(b">") + 1 : plain.rindex(b"<")],
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escaping_is_libxml2s_after_cleaning(text: str) -> None:
    out = io.BytesIO()
    clean = xml_text(text)
    with etree.xmlfile(out, encoding="utf-8") as xf, xf.element("a", {"v": clean}):
        xf.write(clean)
    assert out.getvalue() == f'<a v="{escape_attribute(clean)}">{xml_escape(clean)}</a>'.encode()
    parsed = etree.fromstring(f"<a>{''.join(xml_markup(clean))}</a>".encode())
    assert (parsed.text or "") == clean  # CDATA or escaped, a reader gets the same text


@settings(max_examples=300, deadline=None)
@given(items)
def test_a_rendered_rss_item_is_what_the_writer_prints(item: Item) -> None:
    line = rss._render(item)
    assert line.startswith("<item>") and line.endswith("</item>\n")
    element, ours, plain = _parse_and_rewrite(line, "rss", rss.NSMAP)
    assert ours == plain
    assert (element.findtext("title") or "") == xml_text(item.title)
    assert [c.text for c in element.iter(f"{{{rss.DC}}}creator")] == list(item.authors)
    assert [c.text for c in element.iter("category")] == list(item.tags)
    media = element.findall(f"{{{rss.MEDIA}}}content[@medium='image']")
    assert [m.get("url") for m in media] == [i.url for i in item.images]
    assert [m.findtext(f"{{{rss.MEDIA}}}title") for m in media] == [i.title for i in item.images]
    videos = element.findall(f"{{{rss.MEDIA}}}content[@medium='video']")
    assert [(v.get("url"), v.get("type")) for v in videos] == list(item.videos)
    files = element.findall(f"{{{rss.MEDIA}}}content")[len(media) + len(videos) :]
    assert [
        (f.get("url"), f.findtext(f"{{{rss.MEDIA}}}title"), f.get("type")) for f in files
    ] == list(item.downloads)
    assert element.findtext(f"{{{rss.CONTENT}}}encoded") == item.content
    assert element.findtext(f"{{{rss.DC}}}language") == item.language
    if item.summary:  # HTML in the description, escaped once
        assert element.findtext("description") == (
            item.summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )


@settings(max_examples=300, deadline=None)
@given(items)
def test_a_rendered_atom_entry_is_what_the_writer_prints(item: Item) -> None:
    line = atom._render(item)
    assert line.startswith("<entry") and line.endswith("</entry>\n")
    element, ours, plain = _parse_and_rewrite(line, "feed", atom.NSMAP)
    assert ours == plain
    a = f"{{{atom.ATOM}}}"
    assert (element.findtext(a + "title") or "") == xml_text(item.title)
    assert [c.get("term") for c in element.iter(a + "category")] == list(item.tags)
    assert element.findtext(a + "summary") == item.summary
    assert element.findtext(a + "content") == item.content
    assert element.findtext(a + "updated") == atom.rfc3339(item.updated or item.published)
    assert element.findtext(a + "published") == atom.rfc3339(item.published)
    assert element.get(f"{{{atom.XML}}}lang") == item.language
    enclosures = element.findall(a + "link[@rel='enclosure']")
    offered = [v for v in item.videos if v[1]]
    offered += [(url, kind or "application/octet-stream") for url, _, kind in item.downloads]
    assert [(e.get("href"), e.get("type")) for e in enclosures] == offered
    alternate = element.find(a + "link[@rel='alternate']")
    assert (alternate is None) == (item.url is None)
    if alternate is not None:
        assert alternate.get("type") == item.link_type


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet=st.sampled_from("a\n\t\r\x00\x1f\ufffe\uffff\ud800é<&")))
def test_the_quick_validity_check_agrees_with_the_regex(text: str) -> None:
    from convert.converters.feeds.xml import _NOT_XML, _valid

    assert _valid(text) == (_NOT_XML.search(text) is None)
