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


# The zones email.utils knows; it reads a missing or unknown zone as +0000 without a word. A
# numeric one ends the date (a comment naming it may follow: "+0100 (CET)"); a named one may
# stand before the year, as asctime writes it.
_ZONE = re.compile(
    r"[+-]\d{4}\s*(?:\([^)]*\))?\s*$|\b(?:UT|UTC|GMT|[ECMP][SD]T)\b|\bZ\s*$", re.IGNORECASE
)
# Zone names email.utils does not know that feeds write, each with one meaning: European sites
# write CET/CEST ("Tue, 29 Aug 2017 08:53:03 CEST"). Names with several meanings (IST, BST,
# CST beyond email.utils' US reading) stay unknown.
_NAMED_OFFSETS = {
    "WET": "+0000",
    "WEST": "+0100",
    "CET": "+0100",
    "MET": "+0100",
    "CEST": "+0200",
    "MEST": "+0200",
    "EET": "+0200",
    "EEST": "+0300",
    "MSK": "+0300",
    "HKT": "+0800",
    "AWST": "+0800",
    "JST": "+0900",
    "KST": "+0900",
    "AEST": "+1000",
    "AEDT": "+1100",
    "NZST": "+1200",
    "NZDT": "+1300",
}
_NAMED_ZONE = re.compile(r"\b(" + "|".join(_NAMED_OFFSETS) + r")\s*$", re.IGNORECASE)
# An offset written with a colon, which email.utils does not read ("+01:00").
_COLON_OFFSET = re.compile(r"([+-]\d{2}):(\d{2})\s*$")
# The offset that ends a date, with a comment naming it ("+0800 (CST)"): no part of the date.
_ENDING_OFFSET = re.compile(r"[+-]\d{2}:?\d{2}\s*(?:\([^)]*\))?\s*$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})")


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
    read = _read(raw, parsed)
    moment = read.moment
    if moment is not None and (moment.year, moment.month, moment.day) == (1, 1, 1):
        # Go's zero time, which Hugo and other Go programs write for a page with no date.
        note = f"{raw!r} is the zero time Go programs such as Hugo write for no date"
        return FeedDate(None, None, note, unreadable=True)
    return read


def _read(raw: str | None, parsed: time.struct_time | None) -> FeedDate:
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
    if parsed is not None and _written(text, parsed[:6]):
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


def _written(text: str, fields: tuple[int, ...]) -> bool:
    """Whether feedparser's UTC reading ``fields`` (year, month, day, hour, minute, second)
    agrees with ``text``: its year written in four digits, its day (or the day next to it,
    as a zone moves it) written as a number, and no time dropped (midnight read from a text
    that writes another time). Its fallbacks read ``10000-01-01`` as 2010-12-01, a Unix
    time as a year, Hungarian and Korean dates as the first of December, ordinal dates as
    the first of a month, and drop the time of some; such a reading is no date rather than a
    wrong one. The month may be named in any language and the hour moves with the zone, so
    neither is compared."""
    year, _month, day, hour, minute, second = fields[:6]
    body = _ENDING_OFFSET.sub("", text)
    times = _TIME.findall(body)
    days = {int(number) for number in _DAY.findall(_TIME.sub(" ", body))}
    if f"{year:04d}" not in _YEAR.findall(body) or days.isdisjoint((day - 1, day, day + 1)):
        return False
    return not (hour == minute == second == 0 and any(int(h) or int(m) for h, m in times))


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
    """RFC 822/2822 dates, with a numeric or named (EST, GMT, CEST, ...) zone, and whether it had
    one.

    A missing or unknown zone is read as UTC, as RFC 2822 says of ``-0000``.
    """
    text = _COLON_OFFSET.sub(r"\1\2", text)
    text = _NAMED_ZONE.sub(lambda zone: _NAMED_OFFSETS[zone.group(1).upper()], text)
    try:
        fields = email.utils.parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        return None, False
    if fields is None:
        return None, False
    year, month, day, hour, minute, second = fields[:6]
    # email.utils reads years under 100 as two-digit ones: "0001" (Go's zero time, which
    # generators write for no date) would become 2001. A year written in four digits stands.
    written = _YEAR.findall(_ENDING_OFFSET.sub("", text))
    if written and f"{year:04d}" not in written:
        return None, False
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
