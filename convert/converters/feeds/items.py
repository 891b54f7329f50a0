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
from dataclasses import replace
from datetime import datetime
from typing import NamedTuple
from urllib.parse import quote, urljoin

from convert.content import article_html
from convert.converters import Emit
from convert.converters.feeds import parts
from convert.converters.feeds.parts import Video
from convert.converters.feeds.settings import FeedSettings
from convert.converters.feeds.xml import xml_text
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
    content: str | None  # the body as sanitised HTML with absolute links, when there is one
    body_format: str  # the body's own format: "markdown", "html" or "text"
    published: datetime
    updated: datetime | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]  # topics, tags, categories, then the category; no repeats
    images: tuple[Image, ...]
    path: str
    body: str = ""  # the body as written, for formats that also carry text (JSON Feed)
    language: str | None = None  # the record's locale, when it is not the feed's language
    videos: tuple[Video, ...] = ()


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


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


class UrlProblem(NamedTuple):
    """Why a URL cannot go into a feed: its finding's rule and a sentence naming the problem."""

    rule: str
    message: str


def web_url(value: object, settings: FeedSettings) -> str | UrlProblem | None:
    """``value`` as an absolute http(s) URL (joined to ``base_url`` if relative), the problem
    that stops it, or ``None`` when there is no value.

    Feed readers follow http(s) links only, so an ``ftp:`` or ``urn:`` address is as unusable
    in an item as a relative one, but for another reason, which the problem names.
    """
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
    scheme = _SCHEME.match(url)
    if scheme and scheme[1].lower() in ("http", "https"):
        return UrlProblem("convert/url", f"{url!r} has no host")
    if scheme and len(scheme[1]) > 1:  # one letter is a Windows drive, i.e. a path
        return UrlProblem(
            "convert/url",
            f"{url!r} uses the {scheme[1].lower()}: scheme, not http(s): "
            "feed readers open web links only",
        )
    if settings.base_url and is_absolute(joined := urljoin(settings.base_url, url)):
        return joined
    return UrlProblem(
        "convert/relative-url",
        f"{url!r} is a relative URL and there is no base_url (--base-url) to join it to",
    )


def absolute_url(
    value: object, record: Record, pointer: str, settings: FeedSettings, emit: Emit
) -> str | None:
    """``value`` as an absolute http(s) URL, or ``None`` with a warning naming the problem."""
    url = web_url(value, settings)
    if isinstance(url, UrlProblem):
        emit(finding(record, url.rule, Severity.WARNING, f"{url.message}: left out", pointer))
        return None
    return url


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


def _date(record: Record, key: str, emit: Emit) -> datetime | str | None:
    """The date at ``key``; a sentence saying why it cannot be read; ``None`` when absent.

    The rule is the schema's date-time format (convert.dates): a date validation rejects is
    not read here either, and the other way round.
    """
    raw = record.meta.get(key)
    if raw is None:
        return None
    moment = parse_date(raw)
    if moment is None:
        return f"{key} {raw!r} is not an RFC 3339 date with a time zone"
    return moment


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


def _link(record: Record, settings: FeedSettings, emit: Emit) -> str | UrlProblem | None:
    """The item's link: ``webUrl``, else ``originalUrl`` (videos carry that, see the schema).

    When ``webUrl`` is unusable and ``originalUrl`` stands in, a warning names the problem;
    when neither serves, the problem of the first one given is returned.
    """
    web = web_url(record.meta.get("webUrl"), settings)
    if isinstance(web, str):
        return web
    original = web_url(record.meta.get("originalUrl"), settings)
    if isinstance(original, str) and isinstance(web, UrlProblem):
        message = f"webUrl {web.message}: the item links to originalUrl instead"
        emit(finding(record, web.rule, Severity.WARNING, message, "/webUrl"))
    return original if isinstance(original, str) else web or original


def _leave_out(
    record: Record,
    url: str | UrlProblem | None,
    title: str | None,
    published: datetime | str | None,
    emit: Emit,
) -> None:
    """One error per thing an item cannot be written without: a title, a link, a date.

    RSS 2.0 and RFC 4287 both need them (an Atom entry with neither a link nor content is
    invalid, and one without a real date would be dated 1970), so the record is left out
    rather than written as a broken item.
    """
    meta = record.meta
    problems: list[tuple[str, str, str]] = []
    if not title:
        where = "/title" if "title" in meta else ""
        problems.append(("no title", where, "add a title to the front matter"))
    if not isinstance(url, str):
        key = "webUrl" if "webUrl" in meta or "originalUrl" not in meta else "originalUrl"
        if isinstance(url, UrlProblem):
            problems.append((f"{key} {url.message}", f"/{key}", "give an absolute http(s) URL"))
        else:
            problems.append(("no link", "", "add webUrl (or originalUrl for a video)"))
    if not isinstance(published, datetime):
        where = "/publishedDateTime" if "publishedDateTime" in meta else ""
        problems.append(
            (published or "no publishedDateTime", where, "use RFC 3339, e.g. 2020-02-20T20:00:00Z")
        )
    for problem, pointer, hint in problems:
        message = f"left out of the feed: {problem}"
        emit(
            replace(
                finding(record, "convert/incomplete", Severity.ERROR, message, pointer), hint=hint
            )
        )


def build_item(record: Record, settings: FeedSettings, emit: Emit) -> Item | None:
    """The feed item for ``record``, or ``None`` when it is left out: unpublished (a note), or
    lacking a title, an http(s) link or a readable date (errors)."""
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
    get = meta.get
    url = get("webUrl")
    if not (type(url) is str and _ready_url(url)):  # else the usual URL, taken as it is
        url = _link(record, settings, emit)
    published = _date(record, "publishedDateTime", emit)
    title = record.title
    if title and not title.isprintable():
        title = xml_text(title).strip()
    if not (isinstance(url, str) and title and isinstance(published, datetime)):
        _leave_out(record, url, title, published, emit)
        return None
    updated = _date(record, "updatedDateTime", emit) if "updatedDateTime" in meta else None
    if isinstance(updated, str):
        emit(
            finding(
                record, "convert/date", Severity.WARNING, f"{updated}: left out", "/updatedDateTime"
            )
        )
        updated = None
    excerpt = get("excerpt")
    excerpt = excerpt.strip() if isinstance(excerpt, str) and settings.content != "none" else None
    body = record.body
    content = None
    if body and settings.content == "full":
        content = article_html(body, record.body_format, url) or None
    original = get("originalUrl") if get("type") == "video" else None
    return Item(
        stable_id(url, record, title),
        url,
        title.strip(),
        excerpt or None,
        content,
        record.body_format,
        published,
        updated,
        parts.authors(meta),
        parts.tags(meta),
        _images(record, settings, emit) if "images" in meta else (),
        record.path,
        body if content else "",
        parts.language(meta, settings.language),
        parts.videos(meta, _string_url(web_url(original, settings))),
    )


def _string_url(url: str | UrlProblem | None) -> str | None:
    return url if isinstance(url, str) else None
