"""JSON Feed 1.1, streamed: the head, then one item at a time, then the closing bracket."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO, ClassVar

from convert.converters import Emit, ignore
from convert.converters._dates import rfc3339
from convert.converters._feed import FeedHead, open_feed
from convert.converters._items import Item
from convert.converters._json import dumps
from convert.converters._options import FEED_OPTIONS
from convert.converters._order import Row
from convert.record import Record

VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeedConverter:
    """JSON Feed 1.1 of many records, newest first.

    Options: as for rss. Item ids are the same stable ``urn:uuid`` as the RSS guid; the body is
    ``content_html`` for HTML bodies and ``content_text`` otherwise (the excerpt when there is
    no body, since every item needs one of the two); ``image`` is the first image.
    """

    name: ClassVar[str] = "jsonfeed"
    extension: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/feed+json"
    collection: ClassVar[bool] = True
    options: ClassVar[Mapping[str, type]] = FEED_OPTIONS

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Emit = ignore, **options: Any
    ) -> None:
        with open_feed(self.name, self.options, records, emit, options, _row) as (head, rows):
            # The head is a complete object with an empty item list; cut before its closing
            # "]}" and stream the items in between, so the output is one valid document.
            head_json = dumps(_head(head), indent=2)
            out.write(head_json[: head_json.rindex(b"[") + 1])
            separator = b"\n"
            for row in rows:
                out.write(separator + _indent(dumps(_item(row), indent=2)))
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


def _row(item: Item) -> Row:
    """What a JSON Feed item prints, dates formatted once (see ``rss._row``): ``(id, path,
    url, title, summary, content, content is HTML, image, published, updated, authors, tags)``.
    """
    published, updated = item.published, item.updated
    return (
        item.id,
        item.path,
        item.url,
        item.title,
        item.summary,
        item.content,
        item.content_html,
        item.images[0].url if item.images else None,
        rfc3339(published) if published else None,
        rfc3339(updated) if updated else None,
        item.authors,
        item.tags,
    )


def _item(row: Row) -> dict[str, Any]:
    uid, _, url, title, summary, content, content_html, image, published, updated = row[:10]
    entry: dict[str, Any] = {"id": uid}
    if url:
        entry["url"] = url
    if title:
        entry["title"] = title
    if summary:
        entry["summary"] = summary
    if content and content_html:
        entry["content_html"] = content
    else:
        entry["content_text"] = content or summary or ""
    if image:
        entry["image"] = image
    if published:
        entry["date_published"] = published
    if updated:
        entry["date_modified"] = updated
    if row[10]:
        entry["authors"] = [{"name": name} for name in row[10]]
    if row[11]:
        entry["tags"] = list(row[11])
    return entry
