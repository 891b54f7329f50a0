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
from convert.converters._xml import (
    Templates,
    XmlWriter,
    fill,
    leaf,
    media_markup,
    media_slots,
    xml_text,
)
from convert.record import Record

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
NSMAP = {"atom": ATOM, "dc": DC, "media": MEDIA}


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

    ``(id, path, url, shape, texts, attribute values)``: the shape picks the item's template
    (see ``_markup``), and the texts and values fill its slots in document order, every text
    cleaned for XML and the date in RFC 822, so that writing is only lxml calls. The excerpt is
    plain text and RSS descriptions are HTML: it is escaped once (as ``html.escape(quote=False)``
    does, skipped when there is nothing to escape), so that "AT&T <3" reads the same in a
    reader; lxml then escapes the HTML for XML. Tuples whose strings are all printable are kept
    as they are.
    """
    url, summary, authors, tags, published = (
        item.url,
        item.summary,
        item.authors,
        item.tags,
        item.published,
    )
    texts = [xml_text(item.title)]
    if url is not None:
        texts.append(url)
    if summary:
        if "&" in summary or "<" in summary or ">" in summary:
            summary = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        summary = xml_text(summary)
        if summary:
            texts.append(summary)
    texts += authors if "".join(authors).isprintable() else map(xml_text, authors)
    texts += tags if "".join(tags).isprintable() else map(xml_text, tags)
    texts.append(item.id)
    if published is not None:
        texts.append(rfc822(published))
    media = media_slots(item.images) if item.images else _NO_MEDIA
    texts += media.titles
    shape = (
        url is not None,
        bool(summary),
        len(authors),
        len(tags),
        item.id == url,
        published is not None,
        *media.kinds,
    )
    return (item.id, item.path, url, shape, tuple(texts), media.values)


_NO_MEDIA = media_slots(())


def _markup(shape: tuple[Any, ...]) -> str:
    """The template of an RSS item of ``shape`` (see ``_row``), in the order RSS readers expect."""
    link, description, authors, tags, permalink, date, *images = shape
    return "".join(
        [
            "<item><title>$</title>",
            "<link>$</link>" if link else "",
            "<description>$</description>" if description else "",
            "<dc:creator>$</dc:creator>" * authors,
            "<category>$</category>" * tags,
            f'<guid isPermaLink="{"true" if permalink else "false"}">$</guid>',
            "<pubDate>$</pubDate>" if date else "",
            *map(media_markup, images),
            "</item>",
        ]
    )


def _items(xf: XmlWriter, rows: Iterable[Row]) -> None:
    """Write each row as one line ``<item>...</item>``: one filled template, one write."""
    write, templates = xf.write, Templates(_markup)
    for _, _, _, shape, texts, values in rows:
        write(fill(templates[shape], texts, values))
