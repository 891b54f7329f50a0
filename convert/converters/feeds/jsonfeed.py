"""JSON Feed 1.1, streamed: the head, then one item at a time, then the closing bracket."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

from convert.converters import Emit, ignore
from convert.converters._json import dumps
from convert.converters.feeds.dates import rfc3339
from convert.converters.feeds.document import FeedFormat, FeedHead, open_feed
from convert.converters.feeds.items import Item
from convert.record import Record

if TYPE_CHECKING:
    from convert.text.kinds import Kind

VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeedConverter(FeedFormat[dict[str, Any]]):
    """JSON Feed 1.1 of many records, newest first.

    Options: as for rss. Item ids are the same stable ``urn:uuid`` as the RSS guid; ``summary``
    is the excerpt, ``content_html`` the whole article sanitised and ``content_text`` its cleaned
    text (the excerpt when there is no body, since every item needs one of the two); ``image``
    is the first image, ``attachments`` the videos whose media type is known.
    """

    name: ClassVar[str] = "jsonfeed"
    extension: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/feed+json"

    @staticmethod
    def render(item: Item) -> dict[str, Any]:
        return _render(item)

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Emit = ignore, **options: Any
    ) -> None:
        with open_feed(self.name, self.options, records, emit, options, _render) as (head, rows):
            # The head is a complete object with an empty item list; cut before its closing
            # "]}" and stream the items in between, so the output is one valid document.
            head_json = dumps(_head(head), indent=2)
            out.write(head_json[: head_json.rindex(b"[") + 1])
            separator = b"\n"
            for row in rows:
                out.write(separator + _indent(dumps(row.rendered, indent=2)))
                separator = b",\n"
            out.write(b"\n  ]\n}\n" if separator == b",\n" else b"]\n}\n")


def _indent(data: bytes) -> bytes:
    return b"    " + data.replace(b"\n", b"\n    ")


def _head(head: FeedHead) -> dict[str, Any]:
    feed: dict[str, Any] = {"version": VERSION, "title": head.title}
    if head.link:
        feed["home_page_url"] = head.link
    if head.self_url:
        feed["feed_url"] = head.self_url
    feed["description"] = head.description
    if head.language:
        feed["language"] = head.language
    feed["items"] = []
    return feed


def _render(item: Item) -> dict[str, Any]:
    """What a JSON Feed item prints, formatted once (see ``rss._render``): the item's JSON
    object as a dict of JSON values."""
    entry: dict[str, Any] = {"id": item.id, "url": item.url, "title": item.title}
    if item.summary:
        entry["summary"] = item.summary
    if item.content:
        entry["content_html"] = item.content
        entry["content_text"] = _text(item)
    else:
        # Every item needs content_html or content_text: the excerpt stands in.
        entry["content_text"] = item.summary or ""
    if item.images:
        entry["image"] = item.images[0].url
    entry["date_published"] = rfc3339(item.published)
    if item.updated:
        entry["date_modified"] = rfc3339(item.updated)
    if item.authors:
        entry["authors"] = [{"name": name} for name in item.authors]
    if item.tags:
        entry["tags"] = list(item.tags)
    if item.language:
        entry["language"] = item.language
    attachments: list[dict[str, str]] = [{"url": u, "mime_type": t} for u, t in item.videos if t]
    for file_url, title, media_type in item.downloads:
        # JSON Feed requires a type: an unknown file is a stream of bytes, which it is.
        attachment = {"url": file_url, "mime_type": media_type or "application/octet-stream"}
        attachments.append({**attachment, "title": title} if title else attachment)
    if attachments:
        entry["attachments"] = attachments
    return entry


def _text(item: Item) -> str:
    """The body as cleaned text (the ``text`` converter's cleaning), not raw Markdown; a site
    page's template tags go first, as they do from its ``content_html``."""
    from convert.text import clean_text

    kind: Kind = "html" if item.body_format == "html" else "text"
    if item.body_format == "markdown":
        kind = "markdown"
    body = item.body
    if item.templates:
        from convert.text.spans import as_the_site_shows

        body = as_the_site_shows(body, kind, item.templates, dict(item.links))
    return clean_text(body, kind=kind, boilerplate=False)
