"""RSS 2.0, streamed with lxml's incremental writer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, ClassVar

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (see report)

from convert.converters import Emit, ignore
from convert.converters._dates import rfc822
from convert.converters._feed import FeedHead, open_feed
from convert.converters._items import Item
from convert.converters._options import FEED_OPTIONS
from convert.converters._order import Row
from convert.converters._xml import XmlWriter, leaf, media_content, xml_text
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
            open_feed(self.name, self.options, records, emit, options, _row) as (head, rows),
            etree.xmlfile(out, encoding="utf-8") as xf,
        ):
            xf.write_declaration()
            with xf.element("rss", {"version": "2.0"}, nsmap=NSMAP):
                xf.write("\n")
                with xf.element("channel"):
                    xf.write("\n")
                    _channel(xf, head)
                    _items(xf, rows)
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


def _row(item: Item) -> Row:
    """What an RSS item prints, ready to write: the row the feed order sorts and hands back.

    ``(id, path, url, title, description, creators, categories, guid is permalink, pubDate,
    ((media:content attributes, media:title), ...))``, every text cleaned for XML and the date
    in RFC 822, so that writing is only lxml calls. The excerpt is plain text and RSS
    descriptions are HTML: it is escaped once (as ``html.escape(quote=False)`` does, skipped
    when there is nothing to escape), so that "AT&T <3" reads the same in a reader; lxml then
    escapes the HTML for XML. Tuples whose strings are all printable are kept as they are.
    """
    summary, authors, tags, published = item.summary, item.authors, item.tags, item.published
    if summary:
        if "&" in summary or "<" in summary or ">" in summary:
            summary = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        summary = xml_text(summary)
    return (
        item.id,
        item.path,
        item.url,
        xml_text(item.title),
        summary or None,
        authors if "".join(authors).isprintable() else tuple(map(xml_text, authors)),
        tags if "".join(tags).isprintable() else tuple(map(xml_text, tags)),
        item.id == item.url,
        rfc822(published) if published is not None else None,
        tuple(map(media_content, item.images)),
    )


def _items(xf: XmlWriter, rows: Iterable[Row]) -> None:
    """Write each row as one line ``<item>...</item>``; this loop is the writer's hot path.

    Un-namespaced leaves are prepared elements, filled in and written several per
    ``xf.write`` call: that serialises them in C, several times cheaper than opening and
    closing each through the writer, with the same bytes (the tests compare them). Only
    elements outside any namespace can be written this way: lxml would repeat the namespace
    declarations on each one, so dc: and media: elements stay on the writer. Text is always
    set (never ``None``), which keeps ``<tag></tag>`` rather than ``<tag/>``.
    """
    element, write, new = xf.element, xf.write, etree.Element
    title, link, description = new("title"), new("link"), new("description")
    guids = (new("guid", isPermaLink="false"), new("guid", isPermaLink="true"))
    pub_date = new("pubDate")
    categories: list[Any] = []
    for uid, _, url, text, summary, authors, tags, permalink, date, images in rows:
        with element("item"):
            title.text = text
            if url is not None:
                link.text = url
                if summary is not None:
                    description.text = summary
                    write(title, link, description)
                else:
                    write(title, link)
            elif summary is not None:
                description.text = summary
                write(title, description)
            else:
                write(title)
            for author in authors:
                with element(_CREATOR):
                    write(author)
            while len(categories) < len(tags):
                categories.append(new("category"))
            for category, tag in zip(categories, tags, strict=False):
                category.text = tag
            guid = guids[permalink]
            guid.text = uid
            if date is not None:
                pub_date.text = date
                write(*categories[: len(tags)], guid, pub_date)
            else:
                write(*categories[: len(tags)], guid)
            for attrib, image_title in images:
                with element(_CONTENT, attrib):
                    if image_title is not None:
                        with element(_MEDIA_TITLE):
                            write(image_title)
        write("\n")
