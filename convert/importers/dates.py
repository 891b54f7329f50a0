"""Feed dates as RFC 3339 strings that keep the offset the feed wrote.

feedparser's ``*_parsed`` values are UTC ``struct_time``s: the offset is gone, so an article
published at 09:00 in Paris would come back as 07:00Z. We read the raw string instead (RFC 822
for RSS, W3C/ISO 8601 for Atom, RSS 1.0 and JSON Feed) and fall back to feedparser's value, in
UTC and with a note, only for forms we cannot read ourselves. A date nobody can read is ``None``
with a warning: never the clock.
"""

from __future__ import annotations

import email.utils
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

# RFC 3339 section 5.6, with a zone; such a string is kept exactly as written.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


# The zones email.utils knows; it reads a missing or unknown zone as +0000 without a word.
_ZONE = re.compile(r"(?:[+-]\d{4}|\b(?:UT|UTC|GMT|Z|[ECMP][SD]T))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FeedDate:
    """A date ready for the record, and what the reader should know about how it was read.

    ``note`` is empty when the date was read as written; ``unreadable`` marks a date that was
    present but could not be read at all (a warning rather than a note).
    """

    value: str | None
    moment: datetime | None
    note: str = ""
    unreadable: bool = False


def format_rfc3339(moment: datetime) -> str:
    """``2024-05-01T09:00:00+02:00``; a zero offset is written ``Z``."""
    offset = moment.utcoffset()
    text = moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")
    if offset == timedelta(0):
        text = text.removesuffix("+00:00") + "Z"
    return text


def read_feed_date(raw: str | None, parsed: time.struct_time | None = None) -> FeedDate:
    """The RFC 3339 form of a feed's date string ``raw``.

    Args:
        raw: the date as the feed wrote it, or ``None``.
        parsed: feedparser's UTC reading of it, used only when ``raw`` defeats our readers.
    """
    text = (raw or "").strip()
    if not text:
        return FeedDate(None, None)
    moment, naive = _iso8601(text)
    if moment is not None and _usable(moment):
        normal = f"{text[:10]}T{text[11:]}" if len(text) > 10 else text
        normal = normal[:-1] + "Z" if normal.endswith("z") else normal
        if not naive and _RFC3339.fullmatch(normal):
            return FeedDate(normal, moment)
        if naive:
            value = format_rfc3339(moment)
            return FeedDate(value, moment, f"{raw!r} names no time zone: read as UTC")
        return FeedDate(format_rfc3339(moment), moment)
    moment, zoned = _rfc822(text)
    if moment is not None:
        note = "" if zoned else f"{raw!r} names no time zone that is known: read as UTC"
        return FeedDate(format_rfc3339(moment), moment, note)
    if parsed is not None:
        try:
            moment = datetime(*parsed[:6], tzinfo=UTC)
        except (TypeError, ValueError):
            moment = None
        if moment is not None and _usable(moment):
            return FeedDate(
                format_rfc3339(moment),
                moment,
                f"{raw!r}: its offset could not be read, so it is written in UTC",
            )
    return FeedDate(None, None, f"{raw!r} is not a date this importer can read", unreadable=True)


def _iso8601(text: str) -> tuple[datetime | None, bool]:
    """Read the ISO 8601 forms feeds write, which are looser than the RFC 3339 records need.

    Returns ``(instant, naive)``: ``None`` when unreadable, and whether UTC had to be assumed.
    A space or lower-case ``t`` before the time and a lower-case ``z`` are accepted.
    """
    if len(text) > 10 and text[10] in " t":
        text = f"{text[:10]}T{text[11:]}"
    if text.endswith("z"):
        text = text[:-1] + "Z"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, False
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC), True
    return moment, False


def _rfc822(text: str) -> tuple[datetime | None, bool]:
    """RFC 822/2822 dates, with a numeric or named (EST, GMT, ...) zone, and whether it had one.

    A missing or unknown zone is read as UTC, as RFC 2822 says of ``-0000``.
    """
    try:
        fields = email.utils.parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        return None, False
    if fields is None:
        return None, False
    year, month, day, hour, minute, second = fields[:6]
    offset = fields[9] or 0
    try:
        moment = datetime(
            year,
            month,
            day,
            hour,
            minute,
            min(second, 59),
            tzinfo=timezone(timedelta(seconds=offset)),
        )
    except (ValueError, OverflowError):
        return None, False
    return (moment, _ZONE.search(text) is not None) if _usable(moment) else (None, False)


def _usable(moment: datetime) -> bool:
    """Within years 1-9999 in UTC too, so every consumer can compare and format it."""
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return False
    return 1 <= moment.year <= 9999
