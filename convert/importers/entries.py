"""What the importer reads from any feed format, before it becomes a record.

RSS, RDF and Atom (through feedparser) and JSON Feed (read here) each fill these plain values,
so the mapping to the article schema is written once. Values are as the feed gave them: dates
are the raw strings, texts say whether they are HTML.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Text:
    """A text of the feed and whether it is HTML (else plain text)."""

    value: str
    html: bool


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None = None
    height: int | None = None
    title: str | None = None
    titled_by_media_rss: bool = False
    """Whether ``title`` is the Media RSS ``media:title``: read since records were first
    written, so it does not count towards :func:`content_digest`."""


@dataclass(frozen=True)
class Enclosure:
    """A file an entry carries other than an image: RSS ``<enclosure>``, Atom
    ``rel="enclosure"``, Media RSS content, a JSON Feed attachment. ``medium`` is Media RSS's
    word for it (``audio``, ``video``) where the feed gives one.

    ``offered`` says the feed wrote it where a file offered for download is written (an Atom
    enclosure link, a JSON Feed attachment, Media RSS content that is no picture or player),
    as the feed converters write a download record's ``actions``; RSS's ``<enclosure>``,
    podcasts' and WordPress's element for a post's audio and video, is not such a place.
    ``title`` is the feed's name for the file."""

    url: str
    media_type: str | None = None
    length: int | None = None
    medium: str | None = None
    title: str | None = None
    offered: bool = False


@dataclass(frozen=True)
class Author:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class FeedDateText:
    """A date as written, with the parser's own UTC reading as a fallback."""

    raw: str
    parsed: time.struct_time | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``number`` is its 1-based place in the feed, for findings."""

    number: int
    id: str | None = None
    title: Text | None = None
    link: str | None = None
    published: FeedDateText | None = None
    updated: FeedDateText | None = None
    summary: Text | None = None
    content: Text | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    images: tuple[Image, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()
    original_link: str | None = None
    """FeedBurner's ``feedburner:origLink``: the article's own address, where ``link`` is
    FeedBurner's redirect (``feedproxy.google.com/~r/...``, a service gone since 2022)."""


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: who publishes it and where, for each record's ``provider``."""

    title: str | None = None
    link: str | None = None
    language: str | None = None
    kind: str = ""
    notes: tuple[str, ...] = field(default=())
    base: str | None = None
    """The address the feed was read from (or ``--base-url``), for relative links when the
    feed names no site link of its own."""


_LARGEST = 2**63 - 1
"""The largest count a feed attribute is taken at: an image's width, a file's length."""


def to_int(value: object) -> int | None:
    """A non-negative integer from a feed attribute (``"600"``), else ``None``: also for one
    beyond ``_LARGEST``, which no real width or length reaches and which would otherwise
    fail later (Python refuses strings of more than 4300 digits, floats stop near 1e308)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        digits = value.strip()
        # ASCII first: str.isdigit is true of "²", which int() refuses.
        if not (digits.isascii() and digits.isdigit()):
            return None
        digits = digits.lstrip("0") or "0"  # int() counts leading zeros towards its limit
        if len(digits) > 19:
            return None
        value = int(digits)
    if isinstance(value, int):
        return value if 0 <= value <= _LARGEST else None
    return None


def is_web(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address with a host, as the feed writes it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def content_digest(entry: FeedEntry) -> str:
    """The SHA-256 (hex) of what ``entry`` holds, its place in the feed aside.

    RSS 2.0 items need neither link nor guid. Such an entry is known by its content: two of
    them with the same title and date but other text are two entries, and the same one is
    recognised in the folder when the feed is imported again. Dates count as written, not as
    a parser read them, so a new parser version names no entry anew. Enclosures do not
    count: they were not read when the first records were written, and an entry must keep
    the digest it was written under; nor, for that reason, do images' Media RSS titles.
    """

    def text(value: Text | None) -> list[object] | None:
        return None if value is None else [value.value, value.html]

    held = {
        "id": entry.id,
        "title": text(entry.title),
        "link": entry.link,
        "published": entry.published.raw if entry.published else None,
        "updated": entry.updated.raw if entry.updated else None,
        "summary": text(entry.summary),
        "content": text(entry.content),
        "tags": list(entry.tags),
        "authors": [[a.name, a.url] for a in entry.authors],
        "images": [
            [i.url, i.width, i.height, None if i.titled_by_media_rss else i.title]
            for i in entry.images
        ],
    }
    encoded = json.dumps(held, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()
