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
MEDIA = "http://search.yahoo.com/mrss/"
XML = "http://www.w3.org/XML/1998/namespace"
_LANG = f"{{{XML}}}lang"
# xmlfile does not know the reserved "xml" prefix: without this it would invent "ns0:lang".
# Declaring xml to its own namespace is allowed by Namespaces in XML 1.0 (section 3).
NSMAP = {None: ATOM, "media": MEDIA, "xml": XML}
NSMAP_NO_LANG = {None: ATOM, "media": MEDIA}
_A = f"{{{ATOM}}}"


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

    ``(id, path, url, shape, texts, attribute values)``, the texts in document order: id,
    title, updated, published, author names, summary, content, image titles. ``updated`` is
    ``None`` for an undated item: the feed's own date stands in, and it is only known once every
    item has been read.
    """
    url, published, tags = item.url, item.published, item.tags
    when = item.updated or published
    texts = [item.id, xml_text(item.title), rfc3339(when) if when else None]
    if published:
        texts.append(rfc3339(published))
    texts += map(xml_text, item.authors)
    if item.summary:
        texts.append(xml_text(item.summary))
    if item.content:
        texts.append(xml_text(item.content))
    media = media_slots(item.images) if item.images else _NO_MEDIA
    texts += media.titles
    values = [url] if url else []
    values += tags if "".join(tags).isprintable() else map(xml_text, tags)
    values += media.values
    shape = (
        bool(published),
        bool(url),
        len(item.authors),
        len(tags),
        bool(item.summary),
        ("html" if item.content_html else "text") if item.content else "",
        *media.kinds,
    )
    return (item.id, item.path, url, shape, tuple(texts), tuple(values))


_NO_MEDIA = media_slots(())


def _markup(shape: tuple[Any, ...]) -> str:
    """The template of an Atom entry of ``shape`` (see ``_row``); its namespace is the feed's."""
    published, link, authors, tags, summary, content, *images = shape
    return "".join(
        [
            '<entry><id>$</id><title type="text">$</title><updated>$</updated>',
            "<published>$</published>" if published else "",
            '<link rel="alternate" type="text/html" href="$"/>' if link else "",
            "<author><name>$</name></author>" * authors,
            '<category term="$"/>' * tags,
            '<summary type="text">$</summary>' if summary else "",
            f'<content type="{content}">$</content>' if content else "",
            *map(media_markup, images),
            "</entry>",
        ]
    )


def _entries(xf: XmlWriter, rows: Iterable[Row], feed_updated: str) -> None:
    """Write each row as one line ``<entry>...</entry>``: one filled template, one write."""
    write, templates = xf.write, Templates(_markup)
    for _, _, _, shape, texts, values in rows:
        if texts[2] is None:  # undated: the feed's date stands in
            texts = (*texts[:2], feed_updated, *texts[3:])
        write(fill(templates[shape], texts, values))
