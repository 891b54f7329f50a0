"""Atom 1.0 (RFC 4287), streamed with lxml's incremental writer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, ClassVar

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (see report)

from convert.converters import Emit, ignore
from convert.converters._dates import EPOCH, rfc3339
from convert.converters._feed import FeedHead, open_feed
from convert.converters._items import Item
from convert.converters._options import FEED_OPTIONS
from convert.converters._order import Row
from convert.converters._xml import XmlWriter, leaf, media_content, xml_text
from convert.record import Record

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
XML = "http://www.w3.org/XML/1998/namespace"
_LANG = f"{{{XML}}}lang"
# xmlfile does not know the reserved "xml" prefix: without this it would invent "ns0:lang".
# Declaring xml to its own namespace is allowed by Namespaces in XML 1.0 (section 3).
NSMAP = {None: ATOM, "media": MEDIA, "xml": XML}
NSMAP_NO_LANG = {None: ATOM, "media": MEDIA}
_A = f"{{{ATOM}}}"
_TEXT = {"type": "text"}
_M = f"{{{MEDIA}}}"


class AtomConverter:
    """Atom 1.0 feed of many records, newest first (summary, content, media:content).

    Options: as for rss. Entry ids are the same stable ``urn:uuid`` as the RSS guid. ``updated``
    is the record's updatedDateTime, else its publishedDateTime; the feed's ``updated`` is the
    newest of those, never the wall clock. Atom requires a date on every entry, so an entry
    whose record has no readable date carries the feed's date (1970-01-01 if no record has one)
    and no ``published``; such entries come last. The feed's author is the feed title, so entries
    without a provider name still have an author.
    """

    name: ClassVar[str] = "atom"
    extension: ClassVar[str] = ".xml"
    media_type: ClassVar[str] = "application/atom+xml"
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
            attrib = {_LANG: head.language} if head.language else {}
            with xf.element(_A + "feed", attrib, nsmap=NSMAP if head.language else NSMAP_NO_LANG):
                xf.write("\n")
                updated = rfc3339(head.updated or EPOCH)
                _head(xf, head, updated)
                _entries(xf, rows, updated)
        out.write(b"\n")


def _head(xf: XmlWriter, head: FeedHead, updated: str) -> None:
    leaf(xf, _A + "id", head.id)
    leaf(xf, _A + "title", head.title, {"type": "text"})
    leaf(xf, _A + "subtitle", head.description, {"type": "text"})
    leaf(xf, _A + "updated", updated)
    if head.self_url:
        leaf(
            xf,
            _A + "link",
            None,
            {"rel": "self", "type": AtomConverter.media_type, "href": head.self_url},
        )
    if head.link:
        leaf(xf, _A + "link", None, {"rel": "alternate", "type": "text/html", "href": head.link})
    with xf.element(_A + "author"):
        leaf(xf, _A + "name", head.title)
    xf.write("\n")
    leaf(xf, _A + "generator", "article-convert")


def _row(item: Item) -> Row:
    """What an Atom entry prints, cleaned and formatted once (see ``rss._row``).

    ``(id, path, url, title, updated, published, authors, categories, summary, content,
    content type, images)``. ``updated`` is ``None`` for an undated item: the feed's own date
    stands in, and it is only known once every item has been read.
    """
    published, tags = item.published, item.tags
    when = item.updated or published
    return (
        item.id,
        item.path,
        item.url,
        xml_text(item.title),
        rfc3339(when) if when else None,
        rfc3339(published) if published else None,
        tuple(map(xml_text, item.authors)),
        tags if "".join(tags).isprintable() else tuple(map(xml_text, tags)),
        xml_text(item.summary) if item.summary else None,
        xml_text(item.content) if item.content else None,
        "html" if item.content_html else "text",
        tuple(map(media_content, item.images)),
    )


def _entries(xf: XmlWriter, rows: Iterable[Row], feed_updated: str) -> None:
    """Write each row as one line ``<entry>...</entry>``; every element is namespaced (the
    default namespace is Atom's), so all of them go through the writer."""
    element, write = xf.element, xf.write
    for row in rows:
        uid, _, url, title, updated, published, authors, tags, summary, content = row[:10]
        with element(_A + "entry"):
            with element(_A + "id"):
                write(uid)
            with element(_A + "title", _TEXT):
                write(title)
            with element(_A + "updated"):
                write(updated or feed_updated)
            if published:
                with element(_A + "published"):
                    write(published)
            if url:
                with element(_A + "link", {"rel": "alternate", "type": "text/html", "href": url}):
                    pass
            for author in authors:
                with element(_A + "author"), element(_A + "name"):
                    write(author)
            for tag in tags:
                with element(_A + "category", {"term": tag}):
                    pass
            if summary is not None:
                with element(_A + "summary", _TEXT):
                    write(summary)
            if content is not None:
                with element(_A + "content", {"type": row[10]}):
                    write(content)
            for attrib, image_title in row[11]:
                with element(_M + "content", attrib):
                    if image_title is not None:
                        with element(_M + "title"):
                            write(image_title)
        write("\n")
