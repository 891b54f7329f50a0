"""RSS 2.0, streamed with lxml's incremental writer."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any, BinaryIO, ClassVar

from lxml import etree

from convert.converters import Emit, ignore
from convert.converters.feeds.dates import rfc822
from convert.converters.feeds.document import FeedFormat, FeedHead, open_feed
from convert.converters.feeds.items import Item
from convert.converters.feeds.order import Row
from convert.converters.feeds.xml import (
    XmlWriter,
    leaf,
    media_content,
    media_files,
    media_videos,
    write_rendered,
    xml_escape,
    xml_markup,
)
from convert.record import Record

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NSMAP = {"atom": ATOM, "content": CONTENT, "dc": DC, "media": MEDIA}


class RssConverter(FeedFormat[str]):
    """RSS 2.0 feed of many records, newest first (content:encoded, dc:creator, media:content).

    Options: feed_title, feed_link (the site), feed_url (the feed's own URL), feed_description,
    language, base_url (to make relative URLs absolute), limit, include_unpublished, content
    (full, summary or none). The description is the excerpt as HTML (escaped once) and
    ``content:encoded`` the whole article as sanitised HTML; the guid is a stable ``urn:uuid``
    derived from the article URL; lastBuildDate is the newest item date, so the same input always
    gives the same bytes. Records without a title, an http(s) link or a readable date are left
    out with an error (``convert/incomplete``), never written as broken items.
    """

    name: ClassVar[str] = "rss"
    extension: ClassVar[str] = ".xml"
    media_type: ClassVar[str] = "application/rss+xml"

    @staticmethod
    def render(item: Item) -> str:
        return _render(item)

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Emit = ignore, **options: Any
    ) -> None:
        with (
            open_feed(self.name, self.options, records, emit, options, _render) as (head, rows),
            etree.xmlfile(out, encoding="utf-8") as xf,
        ):
            xf.write_declaration()
            with xf.element("rss", {"version": "2.0"}, nsmap=NSMAP):
                xf.write("\n")
                with xf.element("channel"):
                    xf.write("\n")
                    _channel(xf, head)
                    _items(xf, out, rows)
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


def _render(item: Item) -> str:
    """What an RSS item prints, ready to write: what the feed order sorts and hands back.

    One line, the whole ``<item>`` element, rendered once (see
    :mod:`convert.converters.feeds.xml`) with the date in RFC 822. The excerpt is plain text and RSS
    descriptions are HTML: it is escaped once as HTML (as ``html.escape(quote=False)`` does),
    so that "AT&T <3" reads the same in a reader, and then once more for XML.
    """
    uid, url, summary, published = item.id, item.url, item.summary, item.published
    parts = [f"<item><title>{xml_escape(item.title)}</title>"]
    if url is not None:
        parts.append(f"<link>{xml_escape(url)}</link>")
    if summary:
        if "&" in summary or "<" in summary or ">" in summary:
            summary = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f"<description>{xml_escape(summary)}</description>")
    if item.content:
        parts.append("<content:encoded>")
        parts.extend(xml_markup(item.content))
        parts.append("</content:encoded>")
    for author in item.authors:
        parts.append(f"<dc:creator>{xml_escape(author)}</dc:creator>")
    if item.language:
        parts.append(f"<dc:language>{xml_escape(item.language)}</dc:language>")
    for tag in item.tags:
        parts.append(f"<category>{xml_escape(tag)}</category>")
    parts.append(
        f'<guid isPermaLink="{"true" if uid == url else "false"}">{xml_escape(uid)}</guid>'
    )
    if published is not None:
        parts.append(f"<pubDate>{rfc822(published)}</pubDate>")
    if item.images:
        parts.append(media_content(item.images))
    if item.videos:
        parts.append(media_videos(item.videos))
    if item.downloads:
        parts.append(media_files(item.downloads))
    parts.append("</item>\n")
    return "".join(parts)


def _items(xf: XmlWriter, out: BinaryIO, rows: Iterable[Row[str]]) -> None:
    """Write each row's ``<item>`` line where the writer stands (inside the channel)."""
    write_rendered(xf, out, map(attrgetter("rendered"), rows))
