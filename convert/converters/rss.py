"""RSS 2.0, streamed with lxml's incremental writer."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, ClassVar

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (see report)

from convert.converters import Emit, ignore
from convert.converters._dates import rfc822
from convert.converters._feed import FeedHead, open_feed
from convert.converters._items import Item
from convert.converters._options import FEED_OPTIONS
from convert.converters._xml import XmlWriter, leaf, xml_text
from convert.record import Record

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
NSMAP = {"atom": ATOM, "dc": DC, "media": MEDIA}
_CREATOR = f"{{{DC}}}creator"
_CONTENT = f"{{{MEDIA}}}content"
_MEDIA_TITLE = f"{{{MEDIA}}}title"


class RssConverter:
    """RSS 2.0 feed of many records, newest first (dc:creator, media:content, atom:link self).

    Options: feed_title, feed_link (the site), feed_url (the feed's own URL), feed_description,
    language, base_url (to make relative URLs absolute), limit, include_unpublished.
    The description is the excerpt as HTML (escaped once); the guid is a stable ``urn:uuid``
    derived from the article URL; lastBuildDate is the newest item date, so the same input always
    gives the same bytes. Records whose date cannot be read come last, without a pubDate.
    """

    name: ClassVar[str] = "rss"
    extension: ClassVar[str] = ".xml"
    media_type: ClassVar[str] = "application/rss+xml"
    collection: ClassVar[bool] = True
    options: ClassVar[Mapping[str, type]] = FEED_OPTIONS

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Emit = ignore, **options: Any
    ) -> None:
        with (
            open_feed(self.name, self.options, records, emit, options) as (head, items),
            etree.xmlfile(out, encoding="utf-8") as xf,
        ):
            xf.write_declaration()
            with xf.element("rss", {"version": "2.0"}, nsmap=NSMAP):
                xf.write("\n")
                with xf.element("channel"):
                    xf.write("\n")
                    _channel(xf, head)
                    leaves = _Leaves()
                    for item in items:
                        _item(xf, item, leaves)
                xf.write("\n")
        out.write(b"\n")


def _channel(xf: XmlWriter, head: FeedHead) -> None:
    leaf(xf, "title", head.title)
    leaf(xf, "link", head.link)
    leaf(xf, "description", head.description)
    if head.self_url:
        leaf(
            xf,
            f"{{{ATOM}}}link",
            None,
            {"href": head.self_url, "rel": "self", "type": RssConverter.media_type},
        )
    if head.language:
        leaf(xf, "language", head.language)
    if head.updated:
        leaf(xf, "lastBuildDate", rfc822(head.updated))
    leaf(xf, "generator", "article-convert")


class _Leaves:
    """Reusable un-namespaced elements for the leaves of an item, filled in and written whole.

    ``xf.write(element)`` serialises a prepared element in one C call, several times cheaper
    than opening and closing an element through the writer, and the bytes are the same (the
    tests compare them). Only elements outside any namespace can be written this way: lxml would
    repeat the namespace declarations on each one, so dc: and media: elements stay on the writer.
    Text is always set (never ``None``), which keeps ``<tag></tag>`` rather than ``<tag/>``.
    """

    def __init__(self) -> None:
        self.title = etree.Element("title")
        self.link = etree.Element("link")
        self.description = etree.Element("description")
        self.category = etree.Element("category")
        self.guid = {flag: etree.Element("guid", isPermaLink=flag) for flag in ("true", "false")}
        self.pub_date = etree.Element("pubDate")


def _item(xf: XmlWriter, item: Item, leaves: _Leaves) -> None:
    # Each item is one line of output. This runs once per item: every call counts.
    element, write = xf.element, xf.write
    with element("item"):
        leaf = leaves.title
        leaf.text = xml_text(item.title)
        write(leaf)
        if item.url:
            leaf = leaves.link
            leaf.text = item.url
            write(leaf)
        if item.summary:
            # The excerpt is plain text and RSS descriptions are HTML: escape it once, so that
            # "AT&T <3" reads the same in a reader; lxml then escapes the HTML for XML.
            leaf = leaves.description
            leaf.text = xml_text(html.escape(item.summary, quote=False))
            write(leaf)
        for author in item.authors:
            with element(_CREATOR):
                write(xml_text(author))
        leaf = leaves.category
        for tag in item.tags:
            leaf.text = xml_text(tag)
            write(leaf)
        leaf = leaves.guid["true" if item.id == item.url else "false"]
        leaf.text = item.id
        write(leaf)
        if item.published:
            leaf = leaves.pub_date
            leaf.text = rfc822(item.published)
            write(leaf)
        for image in item.images:
            attrib = {"url": image.url, "medium": "image"}
            if image.width is not None:
                attrib["width"] = str(image.width)
            if image.height is not None:
                attrib["height"] = str(image.height)
            with element(_CONTENT, attrib):
                if image.title:
                    with element(_MEDIA_TITLE):
                        write(xml_text(image.title))
    write("\n")
