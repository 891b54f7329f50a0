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
from convert.converters._xml import XmlWriter, leaf, xml_text
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
            open_feed(self.name, self.options, records, emit, options) as (head, items),
            etree.xmlfile(out, encoding="utf-8") as xf,
        ):
            xf.write_declaration()
            attrib = {_LANG: head.language} if head.language else {}
            with xf.element(_A + "feed", attrib, nsmap=NSMAP if head.language else NSMAP_NO_LANG):
                xf.write("\n")
                updated = rfc3339(head.updated or EPOCH)
                _head(xf, head, updated)
                for item in items:
                    _entry(xf, item, updated)
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


def _entry(xf: XmlWriter, item: Item, feed_updated: str) -> None:
    # Inline for speed, as in rss._item; one line per entry.
    element, write = xf.element, xf.write
    with element(_A + "entry"):
        with element(_A + "id"):
            write(item.id)
        with element(_A + "title", _TEXT):
            write(xml_text(item.title))
        when = item.updated or item.published
        with element(_A + "updated"):
            write(rfc3339(when) if when else feed_updated)
        if item.published:
            with element(_A + "published"):
                write(rfc3339(item.published))
        if item.url:
            with element(_A + "link", {"rel": "alternate", "type": "text/html", "href": item.url}):
                pass
        for author in item.authors:
            with element(_A + "author"), element(_A + "name"):
                write(xml_text(author))
        for tag in item.tags:
            with element(_A + "category", {"term": xml_text(tag)}):
                pass
        if item.summary:
            with element(_A + "summary", _TEXT):
                write(xml_text(item.summary))
        if item.content:
            with element(_A + "content", {"type": "html" if item.content_html else "text"}):
                write(xml_text(item.content))
        for image in item.images:
            attrib = {"url": image.url, "medium": "image"}
            if image.width is not None:
                attrib["width"] = str(image.width)
            if image.height is not None:
                attrib["height"] = str(image.height)
            with element(_M + "content", attrib):
                if image.title:
                    with element(_M + "title"):
                        write(xml_text(image.title))
    write("\n")
