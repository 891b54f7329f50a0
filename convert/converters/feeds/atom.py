"""Atom 1.0 (RFC 4287), streamed with lxml's incremental writer."""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any, BinaryIO, ClassVar

from lxml import etree

from convert.converters import Emit, ignore
from convert.converters.feeds.dates import EPOCH, rfc3339
from convert.converters.feeds.document import FeedFormat, FeedHead, open_feed
from convert.converters.feeds.items import Item
from convert.converters.feeds.order import Row
from convert.converters.feeds.xml import (
    XmlWriter,
    escape_attribute,
    leaf,
    media_content,
    write_rendered,
    xml_escape,
    xml_markup,
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


class AtomConverter(FeedFormat[str]):
    """Atom 1.0 feed of many records, newest first (summary, content, media:content).

    ``summary`` is the excerpt and ``content type="html"`` the whole article, sanitised, with
    absolute links; an entry whose record's locale differs from the feed's has ``xml:lang``.

    Options: as for rss. Entry ids are the same stable ``urn:uuid`` as the RSS guid. ``updated``
    is the record's updatedDateTime, else its publishedDateTime; the feed's ``updated`` is the
    newest of those, never the wall clock (1970-01-01 only in a feed with no entries). Records
    without a title, an http(s) link or a readable date are left out with an error, so every
    entry is valid RFC 4287. The feed names an author only where RFC 4287 requires one, when an
    entry names none of its own (or there is no entry): the feed's title, the one name the
    publication is known by, rather than a person made up.
    """

    name: ClassVar[str] = "atom"
    extension: ClassVar[str] = ".xml"
    media_type: ClassVar[str] = "application/atom+xml"

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
            attrib = {_LANG: xml_text(head.language)} if head.language else {}
            with xf.element(_A + "feed", attrib, nsmap=NSMAP if head.language else NSMAP_NO_LANG):
                xf.write("\n")
                updated = rfc3339(head.updated or EPOCH)
                _head(xf, head, updated)
                _entries(xf, out, rows)
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
    if not head.authored:
        # RFC 4287 (4.1.1) asks for a feed author unless every entry names its own; none is
        # known, and the title is the publication's own name, so it speaks for the entries.
        with xf.element(_A + "author"):
            leaf(xf, _A + "name", head.title)
        xf.write("\n")
    leaf(xf, _A + "generator", "article-convert")


def _render(item: Item) -> str:
    """What an Atom entry prints, rendered once as one line (see ``rss._render``).

    Every item has a published date (records without one are left out), so every entry has a
    real ``updated``: the record's updatedDateTime, else its publishedDateTime.
    """
    uid, url, published, content = item.id, item.url, item.published, item.content
    lang = f' xml:lang="{escape_attribute(item.language)}"' if item.language else ""
    parts = [
        f"<entry{lang}><id>{xml_escape(uid)}</id>"
        f'<title type="text">{xml_escape(item.title)}</title>'
        f"<updated>{rfc3339(item.updated or published)}</updated>"
        f"<published>{rfc3339(published)}</published>"
    ]
    if url:
        # Typed only when known (Item.link_type): a reader trusts the type it is given.
        href, link_type = escape_attribute(url), item.link_type
        if link_type == "text/html":  # an article's page: nearly every entry
            typed = ' type="text/html"'
        else:
            typed = f' type="{escape_attribute(link_type)}"' if link_type else ""
        parts.append(f'<link rel="alternate"{typed} href="{href}"></link>')
    for author in item.authors:
        parts.append(f"<author><name>{xml_escape(author)}</name></author>")
    for tag in item.tags:
        parts.append(f'<category term="{escape_attribute(tag)}"></category>')
    if item.summary:
        parts.append(f'<summary type="text">{xml_escape(item.summary)}</summary>')
    if content:
        parts.append('<content type="html">')
        parts.extend(xml_markup(content))
        parts.append("</content>")
    for video_url, media_type in item.videos:
        # A video file of a known type is an enclosure (no length: we do not know it, and
        # never invent one); a player page is a related link, unless it is the item's own.
        href = escape_attribute(video_url)
        if media_type:
            parts.append(f'<link rel="enclosure" type="{media_type}" href="{href}"></link>')
        elif video_url != url:
            parts.append(f'<link rel="related" type="text/html" href="{href}"></link>')
    for file_url, title, media_type in item.downloads:
        # Untyped, a reader takes a link for a web page (feedparser types it text/html).
        typed = f' type="{escape_attribute(media_type or "application/octet-stream")}"'
        titled = f' title="{escape_attribute(title)}"' if title else ""
        href = escape_attribute(file_url)
        parts.append(f'<link rel="enclosure"{typed}{titled} href="{href}"></link>')
    if item.images:
        parts.append(media_content(item.images))
    parts.append("</entry>\n")
    return "".join(parts)


def _entries(xf: XmlWriter, out: BinaryIO, rows: Iterable[Row[str]]) -> None:
    """Write each row's ``<entry>`` line where the writer stands."""
    write_rendered(xf, out, map(attrgetter("rendered"), rows))
