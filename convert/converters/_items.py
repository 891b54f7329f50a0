"""The one item model rss, atom and jsonfeed render: built once per record, here.

Building the item is where every feed decision lives, so the three formats cannot drift apart:
which fields are public (internal ones such as ``secured``, ``quality`` and ``heat`` have no slot
here, so they can never leak), how relative URLs are made absolute or dropped, what the stable id
is, which records are left out, and what a record without a readable date becomes. Findings go to
``emit`` with the record's path and, when the loader knows it, the line of the value.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import quote, urljoin

from convert.converters import Emit
from convert.dates import parse_date
from convert.diagnostics import Diagnostic, Severity
from convert.record import Record


class Image(NamedTuple):
    url: str
    width: int | None
    height: int | None
    title: str | None


class Item(NamedTuple):
    """What a feed says about one record. A tuple, so it pickles small when a sort spills."""

    id: str
    url: str | None
    title: str
    summary: str | None  # the excerpt, plain text
    content: str | None  # the body, when there is one
    content_html: bool
    published: datetime | None
    updated: datetime | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]  # topics, then categories, then the category; no repeats
    images: tuple[Image, ...]
    path: str


@dataclass(frozen=True)
class FeedSettings:
    """The feed options after defaults; see ``FEED_OPTIONS``."""

    feed_title: str = "Articles"
    feed_link: str | None = None
    feed_url: str | None = None
    feed_description: str | None = None
    language: str | None = None
    base_url: str | None = None
    limit: int | None = None
    include_unpublished: bool = False

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> FeedSettings:
        return cls(**options)


def finding(
    record: Record, rule: str, severity: Severity, message: str, pointer: str = ""
) -> Diagnostic:
    """A converter finding about ``record``, positioned at ``pointer`` when the loader knows it."""
    where = record.source.locate(pointer) if pointer else None
    line, column = where if where else (None, None)
    return Diagnostic(record.path, line, column, rule, severity, message, pointer)


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_ABSOLUTE = re.compile(r"https?://[^/?#]", re.IGNORECASE)
# An absolute URL with nothing to strip, quote or join: what almost every record has, returned
# as it is by one match. Anything else takes the general route below.
_READY_URL = re.compile(
    r"[hH][tT][tT][pP][sS]?://[A-Za-z0-9\-._~:\[\]@!$&'()*+,;=%][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*"
)


_ready_url = _READY_URL.fullmatch


def is_absolute(url: str) -> bool:
    """An http(s) URL with a host; a regex, since urlsplit is slow for a per-item check."""
    return _ABSOLUTE.match(url) is not None


def absolute_url(
    value: object, record: Record, pointer: str, settings: FeedSettings, emit: Emit
) -> str | None:
    """``value`` as an absolute http(s) URL, joined to ``base_url`` if needed, else dropped."""
    if type(value) is str and _ready_url(value):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    # Spaces, control characters and non-ASCII become %-escapes, so the URL is one a reader
    # can follow and XML can carry; characters with a meaning in URLs are kept as written.
    url = value.strip()
    if not _PLAIN_URL.fullmatch(url):
        url = quote(url, safe=_URL_SAFE)
    if is_absolute(url):
        return url
    if settings.base_url and is_absolute(joined := urljoin(settings.base_url, url)):
        return joined
    emit(
        finding(
            record,
            "convert/relative-url",
            Severity.WARNING,
            f"relative URL {url!r} left out: feeds need absolute URLs",
            pointer,
        )
    )
    return None


_URL_NAMESPACE = hashlib.sha1(uuid.NAMESPACE_URL.bytes, usedforsecurity=False)


def uuid5_urn(name: str) -> str:
    """``f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"``, without building a UUID object.

    The same SHA-1 with the version and variant bits set straight in the hex text: this runs
    once per item, and the UUID object's integer round trip cost more than the hash.
    """
    digest = _URL_NAMESPACE.copy()
    digest.update(name.encode())
    h = digest.hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]
    return f"urn:uuid:{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def stable_id(url: str | None, record: Record, title: str) -> str:
    """A ``urn:uuid`` derived from the canonical URL, so the id never changes between runs.

    Without a URL the id comes from the title and the date as written, which also survive
    moving the file; only a record with neither falls back to its path.
    """
    if url:
        seed = url
    elif title or record.meta.get("publishedDateTime"):
        seed = f"artconv:{title}\n{record.meta.get('publishedDateTime')}"
    else:
        seed = f"artconv:path:{record.path}"
    return uuid5_urn(seed)


def _date(record: Record, key: str, emit: Emit, *, required: bool) -> datetime | None:
    raw = record.meta.get(key)
    # The same rule as the schema's date-time format (convert.dates): a date validation
    # rejects is not read here either, and the other way round.
    moment = parse_date(raw)
    if moment is not None:
        return moment
    if raw is not None:
        severity = Severity.WARNING
        message = (f"{key} {raw!r} is not an RFC 3339 date with a time zone: "
                   "the item is dated as if it had none")
    elif required:
        severity = Severity.INFO
        message = f"no {key}: the item has no date and is placed after the dated ones"
    else:
        return None
    emit(finding(record, "convert/date", severity, message, f"/{key}" if raw is not None else ""))
    return None


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(filter(None, [v.strip() for v in value if isinstance(v, str)]))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _images(record: Record, settings: FeedSettings, emit: Emit) -> tuple[Image, ...]:
    images = record.meta.get("images")
    if not isinstance(images, list):
        return ()
    found = []
    for i, image in enumerate(images):
        if not isinstance(image, dict):
            continue
        url = image.get("url")
        if not (type(url) is str and _ready_url(url)):  # else the usual URL, taken as it is
            url = absolute_url(url, record, f"/images/{i}/url", settings, emit)
        if url:
            title = image.get("title")
            width, height = image.get("width"), image.get("height")
            found.append(
                Image(
                    url,
                    width if type(width) is int and width >= 0 else _int(width),
                    height if type(height) is int and height >= 0 else _int(height),
                    title if isinstance(title, str) and title.strip() else None,
                )
            )
    return tuple(found)


def _first_line(record: Record, emit: Emit) -> str:
    """A stand-in title, because RSS items and Atom entries are unreadable without one."""
    line = next((line.strip() for line in record.body.splitlines() if line.strip()), "")
    if line:
        line = line if len(line) <= 100 else line[:99].rstrip() + "…"
        emit(
            finding(
                record,
                "convert/untitled",
                Severity.INFO,
                f"no title: the body's first line {line!r} stands in",
            )
        )
    return line


def build_item(record: Record, settings: FeedSettings, emit: Emit) -> Item | None:
    """The feed item for ``record``, or ``None`` when it is left out (unpublished)."""
    meta = record.meta
    if meta.get("published") is False and not settings.include_unpublished:
        emit(
            finding(
                record,
                "convert/unpublished",
                Severity.INFO,
                "left out of the feed: published is false (use include_unpublished)",
                "/published",
            )
        )
        return None
    # Videos carry originalUrl instead of webUrl (see the schema).
    get = meta.get
    url = get("webUrl")
    if not (type(url) is str and _ready_url(url)):  # else the usual URL, taken as it is
        url = absolute_url(url, record, "/webUrl", settings, emit) or absolute_url(
            get("originalUrl"), record, "/originalUrl", settings, emit
        )
    title = record.title or _first_line(record, emit)
    excerpt = get("excerpt")
    excerpt = excerpt.strip() if isinstance(excerpt, str) else None
    provider = get("provider")
    author = provider.get("name") if isinstance(provider, dict) else None
    author = author.strip() if isinstance(author, str) else None
    # Topics, then the schema's categories array, then the single category, each tag once.
    tags = _strings(get("topics"))
    categories = get("categories")
    if categories:
        tags += _strings(categories)
    category = get("category")
    if isinstance(category, str) and (category := category.strip()):
        tags += (category,)
    if len(tags) > 1:
        tags = tuple(dict.fromkeys(tags))
    body = record.body
    return Item(
        stable_id(url, record, title),
        url,
        title.strip(),
        excerpt or None,
        (body.strip() or None) if body else None,
        record.body_format == "html",
        _date(record, "publishedDateTime", emit, required=True),
        _date(record, "updatedDateTime", emit, required=False),
        (author,) if author else (),
        tags,
        _images(record, settings, emit) if "images" in meta else (),
        record.path,
    )
