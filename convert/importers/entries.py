"""What the importer reads from any feed format, before it becomes a record.

RSS, RDF and Atom (through feedparser) and JSON Feed (read here) each fill these plain values,
so the mapping to the article schema is written once. Values are as the feed gave them: dates
are the raw strings, texts say whether they are HTML.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: who publishes it and where, for each record's ``provider``."""

    title: str | None = None
    link: str | None = None
    language: str | None = None
    kind: str = ""
    notes: tuple[str, ...] = field(default=())


def to_int(value: object) -> int | None:
    """A non-negative integer from a feed attribute (``"600"``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    # ASCII first: str.isdigit is true of "²", which int() refuses.
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None
