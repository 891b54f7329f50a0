"""JSON Feed 1.0 and 1.1 into :mod:`entries` values (feedparser reads only XML feeds).

Only the fields a record has a place for are read; anything of the wrong type is skipped as if
absent, so a sloppy feed loses that field and nothing else.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from convert.importers.entries import (
    Author,
    Enclosure,
    FeedDateText,
    FeedEntry,
    FeedInfo,
    Image,
    Text,
    to_int,
)
from convert.importers.entry_media import is_image
from convert.importers.media import is_page_or_player
from convert.importers.parsing import FeedSyntaxError

VERSION_PREFIX = "https://jsonfeed.org/version/"
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def looks_like_json(data: bytes) -> bool:
    """A JSON document starts with ``{`` after an optional BOM and white space."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _integer(digits: str) -> int | float:
    """A JSON integer, or the float it comes near for one of more digits than Python reads as
    an int (4300): a size no one means, not a reason to refuse the feed."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def parse_json_feed(data: bytes) -> tuple[FeedInfo, list[FeedEntry]]:
    """Read a JSON Feed.

    Raises:
        FeedSyntaxError: the bytes are not JSON, or not a JSON Feed.
    """
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_int=_integer)
    except UnicodeDecodeError as exc:
        raise FeedSyntaxError(f"not a feed: JSON must be UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise FeedSyntaxError(f"not a feed: JSON syntax error: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise FeedSyntaxError("not a feed: JSON nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise FeedSyntaxError('not a feed: a JSON Feed is an object with an "items" list')
    notes: list[str] = []
    version = _string(document.get("version"))
    if version is None or not version.startswith(VERSION_PREFIX):
        notes.append(f'"version" is {version!r}, not a JSON Feed version URL; read anyway')
    # Items that are not objects hold no entry: noted and left out here, so the entries
    # below are read from objects only and keep their place in the feed as their number.
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, item in enumerate(document["items"], start=1):
        if isinstance(item, dict):
            objects.append((number, item))
        else:
            notes.append(
                f"entry {number} is {_kind(item)}, not an object: skipped (it holds no entry)"
            )
    info = FeedInfo(
        title=_string(document.get("title")),
        link=_string(document.get("home_page_url")),
        language=_string(document.get("language")),
        kind="json" + (version.removeprefix(VERSION_PREFIX) if version else ""),
        notes=tuple(notes),
    )
    feed_authors = _authors(document)
    return info, [_entry(number, item, feed_authors) for number, item in objects]


def _kind(value: object) -> str:
    """What a JSON value is, as the finding names it (``null``, a string, ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list"


def _entry(number: int, item: Mapping[str, Any], feed_authors: tuple[Author, ...]) -> FeedEntry:
    """The item at place ``number`` of the feed (an object: :func:`parse_json_feed` notes and
    leaves out the others)."""
    content_html = _string(item.get("content_html"), strip=False)
    content_text = _string(item.get("content_text"), strip=False)
    summary = _decoded(_string(item.get("summary"), strip=False))
    content = (
        Text(content_html, True)
        if content_html
        else Text(content_text, False)
        if content_text
        else None
    )
    published = _date(item.get("date_published"))
    updated = _date(item.get("date_modified"))
    if published is None:
        # An item dated only by date_modified (some generators write no other) has that
        # date as its publish date, as an Atom entry with only <updated> does.
        published, updated = updated, None
    if content is not None and not content.html and content.value == summary:
        # Every item needs content, so writers with only a summary repeat it as
        # content_text: that is no body.
        content = None
    return FeedEntry(
        number=number,
        id=_string(item.get("id"))
        or (str(item["id"]) if isinstance(item.get("id"), int) else None),
        title=Text(t, False) if (t := _decoded(_string(item.get("title")))) else None,
        link=_string(item.get("url")) or _string(item.get("external_url")),
        published=published,
        updated=updated,
        summary=Text(summary, False) if summary else None,
        content=content,
        tags=tuple(
            dict.fromkeys(
                t.strip() for t in item.get("tags") or [] if isinstance(t, str) and t.strip()
            )
        ),
        authors=_authors(item) or feed_authors,
        images=_images(item),
        enclosures=_enclosures(item),
    )


def _string(value: object, *, strip: bool = True) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if strip else value


def _decoded(text: str | None) -> str | None:
    """A plain-text title or summary with its HTML character references decoded.

    JSON Feed's ``title`` and ``summary`` are plain text, but generators fill them from HTML
    (Publii ends its summaries with ``&hellip;``); as RSS readers do with such titles, a whole
    reference (``&amp;``, ``&#8217;``, ``&hellip;``) is read as its character. A bare ``&``
    is left as written.
    """
    if text is None:
        return None
    return _REFERENCE.sub(lambda match: html.unescape(match.group(0)), text)


def _date(value: object) -> FeedDateText | None:
    text = _string(value)
    return FeedDateText(text) if text else None


def _authors(owner: Mapping[str, Any]) -> tuple[Author, ...]:
    raw = owner.get("authors")
    if not isinstance(raw, list):
        raw = [owner.get("author")]  # JSON Feed 1.0
    found = []
    for author in raw:
        if isinstance(author, dict) and (name := _string(author.get("name"))):
            found.append(Author(name, _string(author.get("url"))))
    return tuple(found)


def _images(item: Mapping[str, Any]) -> tuple[Image, ...]:
    found: dict[str, Image] = {}
    for key in ("image", "banner_image"):
        url = _string(item.get(key))
        if url and url not in found:
            found[url] = Image(url)
    for attachment in _attachments(item):
        url = _string(attachment.get("url"))
        kind = _string(attachment.get("mime_type")) or ""
        if url and kind.lower().startswith("image/") and url not in found:
            found[url] = Image(
                url,
                to_int(attachment.get("width")),
                to_int(attachment.get("height")),
                _string(attachment.get("title")),
            )
    return tuple(found.values())


def _enclosures(item: Mapping[str, Any]) -> tuple[Enclosure, ...]:
    """The attachments that are no images (a podcast's audio, a video, a file offered for
    download, as the JSON Feed converter writes a download record's ``actions``), each URL
    once. A page or a player (:func:`~convert.importers.media.is_page_or_player`) is offered
    for no download: it is linked after the body, as such an RSS enclosure is."""
    found: dict[str, Enclosure] = {}
    for attachment in _attachments(item):
        url = _string(attachment.get("url"))
        kind = _string(attachment.get("mime_type"))
        if url and not is_image(None, kind, url) and url not in found:
            size = to_int(attachment.get("size_in_bytes"))
            title = _string(attachment.get("title"))
            offered = not is_page_or_player(kind)
            found[url] = Enclosure(url, kind, size, title=title, offered=offered)
    return tuple(found.values())


def _attachments(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The item's attachments that are objects; none when ``attachments`` is no list."""
    raw = item.get("attachments")
    return [a for a in raw if isinstance(a, dict)] if isinstance(raw, list) else []
