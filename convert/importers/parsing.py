"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through feedparser, into :mod:`entries` values.

feedparser is the maintained reader that copes with what real feeds do: wrong or missing
encodings, ill-formed XML (it falls back to a lenient parser), a dozen date forms and the common
namespaces (Dublin Core, Media RSS, iTunes). Its own HTML sanitiser is turned off because the
importer sanitises every HTML text itself, with one policy for all formats; relative links are
still resolved against the feed's base. Entity declarations never reach it (see :mod:`guard`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from convert.importers.bodies import html_to_text
from convert.importers.entries import (
    Author,
    FeedDateText,
    FeedEntry,
    FeedInfo,
    Text,
)
from convert.importers.entry_media import (
    enclosures_of,
    images_of,
    media_titles,
    string_or_none,
)

_HTML_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}


class FeedSyntaxError(Exception):
    """The bytes are not a feed at all; ``line`` is where the XML parser gave up, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def parse_xml_feed(
    data: bytes, *, location: str | None = None, content_type: str | None = None
) -> tuple[FeedInfo, list[FeedEntry]]:
    """Read an XML feed.

    Returns:
        the feed's own data (with notes about anything feedparser had to forgive) and its
        entries, in feed order.

    Raises:
        FeedSyntaxError: nothing in ``data`` looks like a feed.
    """
    headers: dict[str, str] = {}
    if content_type:
        headers["content-type"] = content_type
    if location:
        headers["content-location"] = location
    data, shift = declaration_first(data)
    parsed = _feedparser_parse(data, headers)
    problem = parsed.get("bozo_exception")
    line = _line_of(problem)
    line = line + shift if line else line
    if not parsed.get("version") and not parsed.entries:
        reason = _reason(problem) if problem is not None else "no RSS, RDF or Atom elements"
        raise FeedSyntaxError(f"not a feed: {reason}", line)
    notes: list[str] = []
    if problem is not None and parsed.get("bozo"):
        where = f"line {line}: " if line else ""
        notes.append(
            f"the feed is not well-formed ({where}{_reason(problem)}); "
            "it was read leniently and may have lost text"
        )
    titles = media_titles(data)
    return feed_info(parsed, tuple(notes)), list(_entries(parsed, titles=titles))


# Labels the WHATWG Encoding Standard, which browsers follow, reads as windows-1252: a feed
# that declares ISO-8859-1 (or US-ASCII) and writes curly quotes, dashes and ellipses as
# bytes 0x80-0x9F means those characters, not the C1 controls Latin-1 has there.
_WINDOWS_1252_LABELS = frozenset(
    {
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    }
)
_DECLARED_ENCODING = re.compile(
    rb"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])"""
)
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\s;\"']+)[\"']?", re.IGNORECASE)
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_C1_AS_WINDOWS_1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # unassigned: they stay what they are
}


def windows_1252_as_browsers_read(
    data: bytes, content_type: str | None = None
) -> tuple[bytes, str | None]:
    """``data`` in UTF-8 (its declaration and ``content_type``'s charset saying so) when its
    encoding is labelled ISO-8859-1 or US-ASCII and it holds bytes 0x80-0x9F, which such
    feeds mean as Windows-1252; otherwise ``data`` and ``content_type`` unchanged.

    feedparser maps those bytes to their Windows-1252 characters only after it has stripped
    titles and summaries, and Python strips 0x85 (NEL, read as Latin-1) as white space: a
    title ending in an ellipsis lost it. The HTTP charset, when given, overrides the
    declaration, as in feedparser.
    """
    if data.startswith(b"\xef\xbb\xbf") or not _C1_BYTES.search(data):
        return data, content_type
    charset = _CHARSET.search(content_type or "")
    declared = _DECLARED_ENCODING.match(data)
    label = charset.group(1) if charset else declared.group(2).decode("ascii") if declared else ""
    if label.lower() not in _WINDOWS_1252_LABELS:
        return data, content_type
    if declared is not None:
        data = declared.expand(rb"\g<1>utf-8\g<3>") + data[declared.end() :]
    text = data.decode("latin-1").translate(_C1_AS_WINDOWS_1252)
    if charset and content_type:
        content_type = (
            content_type[: charset.start()] + "; charset=utf-8" + content_type[charset.end() :]
        )
    return text.encode("utf-8"), content_type


def declaration_first(data: bytes) -> tuple[bytes, int]:
    """``data`` without the white space some servers send before the XML declaration, and
    how many lines that took.

    XML allows nothing before ``<?xml``, so feedparser's strict parser refuses such a feed
    and its lenient one reads it, with a warning that text may be lost; PHP templates and
    journal platforms (a blank line, then the declaration) serve it all the same. Without
    the blank the declaration, and the encoding it names, are read as written.
    """
    body = data.lstrip(b" \t\r\n")
    if body is data or not body.startswith(b"<?xml"):
        return data, 0
    return body, data[: len(data) - len(body)].count(b"\n")


def feed_info(parsed: Any, notes: tuple[str, ...] = ()) -> FeedInfo:
    """The feed-level values of a feedparser result."""
    feed = parsed.feed
    return FeedInfo(
        title=_plain(feed.get("title_detail"), feed.get("title")),
        link=string_or_none(feed.get("link")),
        language=string_or_none(feed.get("language")),
        kind=str(parsed.get("version") or "xml"),
        notes=notes,
    )


def head_of(data: bytes, location: str | None = None) -> FeedInfo:
    """The feed-level values of a small feed holding only a large feed's head."""
    headers = {"content-location": location} if location else {}
    return feed_info(_feedparser_parse(data, headers))


def _feedparser_parse(data: bytes, headers: dict[str, str]) -> Any:
    """feedparser.parse, whose own failures become findings rather than crashes.

    It raises on some broken declarations, e.g. ``encoding="utf-8\\x80"`` (UnicodeDecodeError)
    or a NUL byte in the encoding name (ValueError).
    """
    import feedparser

    if "content-location" in headers and "content-type" not in headers:
        # Headers make feedparser read the bytes as an HTTP response, and one without a type
        # as a malformed feed ("no Content-type specified"); a file placed at --base-url, or
        # a server that names no type, is XML whose encoding its declaration gives.
        headers = {**headers, "content-type": "application/xml"}
    try:
        return feedparser.parse(
            data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True
        )
    except Exception as exc:  # third-party code on hostile bytes: report, never crash
        raise FeedSyntaxError(
            f"not a feed: the feed parser failed ({type(exc).__name__}: {exc})"
        ) from None


def entries_of(
    data: bytes,
    location: str | None = None,
    *,
    start: int = 1,
) -> Iterator[FeedEntry]:
    """The entries of a small, well-formed feed (one entry of a streamed large one)."""
    headers = {"content-location": location} if location else {}
    return _entries(_feedparser_parse(data, headers), start, media_titles(data))


def _entries(
    parsed: Any, start: int = 1, titles: Mapping[str, str] | None = None
) -> Iterator[FeedEntry]:
    """The entries of a feedparser result; ``titles`` are its files' Media RSS titles."""
    atom = str(parsed.get("version") or "").startswith("atom")
    for number, entry in enumerate(parsed.entries, start=start):
        title = _text(entry.get("title_detail"), entry.get("title"))
        published = _date(entry, "published") or _date(entry, "created")
        updated = _date(entry, "updated")
        if published is None:
            # RSS 1.0's dc:date and Atom entries with only <updated> are their publish dates.
            published, updated = updated, None
        content = _content(entry.get("content"))
        # feedparser copies an Atom entry's content into "summary" without a summary_detail;
        # only a real summary element is an excerpt.
        detail = entry.get("summary_detail")
        summary = _text(detail, entry.get("summary")) if detail is not None else None
        yield FeedEntry(
            number=number,
            id=string_or_none(entry.get("id")),
            title=title,
            link=string_or_none(entry.get("link")),
            published=published,
            updated=updated,
            summary=summary,
            content=content,
            tags=_tags(entry.get("tags")),
            authors=_authors(entry.get("authors")),
            images=images_of(entry, titles),
            enclosures=enclosures_of(entry, atom=atom, titles=titles),
            original_link=string_or_none(entry.get("feedburner_origlink")),
        )


def _is_html(detail: Mapping[str, Any] | None) -> bool:
    return detail is not None and str(detail.get("type", "")).lower() in _HTML_TYPES


def _text(detail: Mapping[str, Any] | None, fallback: object) -> Text | None:
    value = detail.get("value") if detail else fallback
    if not isinstance(value, str) or not value.strip():
        return None
    return Text(value, _is_html(detail))


def _plain(detail: Mapping[str, Any] | None, fallback: object) -> str | None:
    text = _text(detail, fallback)
    if text is None:
        return None
    return (html_to_text(text.value) if text.html else text.value.strip()) or None


def _content(contents: object) -> Text | None:
    """The richest content: HTML before plain text, the first of each kind."""
    if not isinstance(contents, list):
        return None
    texts = [t for t in (_text(c, None) for c in contents if isinstance(c, Mapping)) if t]
    html = [t for t in texts if t.html]
    return (html or texts)[0] if texts else None


def _date(entry: dict[str, Any], key: str) -> FeedDateText | None:
    # dict.get, not entry.get: feedparser answers a missing "updated" with the publish date.
    raw = dict.get(entry, key)
    if not isinstance(raw, str) or not raw.strip():
        return None
    return FeedDateText(raw, dict.get(entry, f"{key}_parsed"))


def _tags(tags: object) -> tuple[str, ...]:
    if not isinstance(tags, list):
        return ()
    found: list[str] = []
    for tag in tags:
        if isinstance(tag, Mapping):
            term = string_or_none(tag.get("term")) or string_or_none(tag.get("label"))
            if term and term not in found:
                found.append(term)
    return tuple(found)


def _authors(authors: object) -> tuple[Author, ...]:
    if not isinstance(authors, list):
        return ()
    found: list[Author] = []
    for author in authors:
        if isinstance(author, Mapping):
            name = string_or_none(author.get("name")) or string_or_none(author.get("email"))
            party = Author(name, string_or_none(author.get("href"))) if name else None
            # A podcast names its author twice (<author> and <itunes:author>): one person.
            if party is not None and party not in found:
                found.append(party)
    return tuple(found)


def _line_of(problem: object) -> int | None:
    getter = getattr(problem, "getLineNumber", None)
    if callable(getter):
        try:
            line = getter()
        except Exception:  # a line number is a courtesy, never a failure
            return None
        return line if isinstance(line, int) and line > 0 else None
    return None


def _reason(problem: object) -> str:
    message = getattr(problem, "getMessage", None)
    text = message() if callable(message) else str(problem)
    return str(text).strip() or type(problem).__name__
