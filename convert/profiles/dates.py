"""Generator dates to RFC 3339, keeping the offset the file wrote.

Jekyll writes ``2026-07-16 05:08:11 +0000``, Hugo and Zola TOML dates arrive as ISO 8601
strings (``2024-06-11T12:06:50+08:00``, or a bare ``2023-01-06``), and Jekyll and Zola put a
date in the file name. All of them become ``2026-07-16T05:08:11+00:00``: the same wall-clock
time and the same offset, only spelled as RFC 3339. A date without an offset takes the site's
time zone (``timezone``), or UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

# Matched against the stripped value: white space matched on both sides of the optional zone
# (``\s*(zone)?\s*$``) was split every way between the two runs before a stray letter failed
# the match, in time growing with the square of the run (a megabyte of spaces: hours).
_DATE = re.compile(
    r"""(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:[Tt\ ]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?)?
    \s*(?P<zone>[Zz]|UTC|GMT|(?P<sign>[+-])(?P<zone_hour>\d{1,2})(?::?(?P<zone_minute>\d{2}))?)?""",
    re.VERBOSE,
)
_FILE_DATE = re.compile(r"(?P<date>\d{2,4}-\d{1,2}-\d{1,2})(?:[-_](?P<rest>.*))?$")


def _zone(name: str | None) -> tzinfo:
    return (zone_named(name) if name else None) or UTC


def zone_named(name: str) -> tzinfo | None:
    """The time zone of the tz database called ``name``, or None when there is none."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    # OSError: a name the tz database has as a folder ("America"), or too long for a file name
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset(parts: dict[str, str | None]) -> str | None:
    """The written zone as RFC 3339 spells it (``+0800`` -> ``+08:00``, ``-5`` -> ``-05:00``,
    ``UTC`` -> ``Z``), or ``None`` when it is no offset a clock has."""
    sign, hour, minute = parts["sign"], parts["zone_hour"], parts["zone_minute"] or "00"
    if sign is None or hour is None:
        return "Z"
    if int(hour) > 23 or int(minute) > 59:
        return None
    return f"{sign}{int(hour):02d}:{minute}"


def _format_offset(delta: timedelta | None) -> str:
    if delta is None or not delta:
        return "Z"
    total = int(delta.total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def normalise_date(value: object, zone: str | None = None) -> str | None:
    """``value`` as an RFC 3339 date-time, or ``None`` when it is not a date.

    The calendar is checked (no 30 February); the written offset is kept as written.
    """
    if not isinstance(value, str):
        return None
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
        )
    except ValueError:
        return None
    if moment.hour > 23:
        return None
    fraction = parts["fraction"] or ""
    if parts["zone"] is not None:
        offset = _offset(parts)
        if offset is None:
            return None
    else:
        offset = _format_offset(moment.replace(tzinfo=_zone(zone)).utcoffset())
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:"
        f"{moment.minute:02d}:{moment.second:02d}{fraction}{offset}"
    )


def file_name_date(stem: str, zone: str | None = None) -> tuple[str | None, str | None, str]:
    """The date a file name starts with: ``(rfc3339 or None, written date, rest of the name)``.

    ``written`` is ``None`` when the name does not start with a date at all; the date is
    ``None`` when it starts with one that is not a real day (``2025-02-30-...``, year 0).
    Only a two-digit year is completed, as Ruby's date parser (and so Jekyll) does it:
    ``99-01-01`` is 1999, ``11-06-16`` 2011; ``0010-01-01`` stays the year 10.
    """
    match = _FILE_DATE.match(stem)
    if match is None:
        return None, None, stem
    written = match.group("date")
    digits, month, day = written.split("-")[0], *(int(p) for p in written.split("-")[1:])
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 69 else 2000
    if year == 0:  # Ruby has a year 0; no date a feed carries has
        return None, written, match.group("rest") or ""
    text = f"{year:04d}-{month:02d}-{day:02d}"
    return normalise_date(text, zone), written, match.group("rest") or ""
