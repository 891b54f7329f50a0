"""Generator dates to RFC 3339, keeping the offset the file wrote.

Jekyll writes ``2026-07-16 05:08:11 +0000``, Hugo and Zola TOML dates arrive as ISO 8601
strings (``2024-06-11T12:06:50+08:00``, or a bare ``2023-01-06``), and Jekyll and Zola put a
date in the file name. All of them become ``2026-07-16T05:08:11+00:00``: the same wall-clock
time and the same offset, only spelled as RFC 3339. A date without an offset takes the site's
time zone (``timezone``), or UTC. How Jekyll and Hugo read the other forms sites write is
in ``jekyll_dates`` and ``hugo_dates``.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from convert.profiles.base import ProfileOptions

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


def site_zone(name: str | None) -> tzinfo:
    """The site's time zone ``name``; UTC when it names none, or one the tz database lacks."""
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


def format_offset(delta: timedelta | None) -> str:
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
        offset = format_offset(moment.replace(tzinfo=site_zone(zone)).utcoffset())
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:"
        f"{moment.minute:02d}:{moment.second:02d}{fraction}{offset}"
    )


def in_zone(date: str, zone: str | None) -> str:
    """An RFC 3339 date-time as the wall-clock time of the time zone ``zone`` (UTC when it is
    ``None`` or unknown): ``2020-01-01T02:00:00+01:00`` in America/New_York is
    ``2019-12-31T20:00:00-05:00``. A fraction of a second is dropped; a date the calendar
    cannot move (before the year 1) is given as it is."""
    try:
        moment = datetime.fromisoformat(re.sub(r"\.\d+", "", date, count=1).replace("z", "Z"))
        local = moment.astimezone(site_zone(zone))
    except (ValueError, OverflowError):
        return date
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:"
        f"{local.minute:02d}:{local.second:02d}{format_offset(local.utcoffset())}"
    )


def file_name_date(
    stem: str, zone: str | None = None, *, rollover: bool = False
) -> tuple[str | None, str | None, str]:
    """The date a file name starts with: ``(rfc3339 or None, written date, rest of the name)``.

    ``written`` is ``None`` when the name does not start with a date at all; the date is
    ``None`` when it starts with one that is not a real day (``2025-02-30-...``, year 0).
    Only a two-digit year is completed, as Ruby's date parser (and so Jekyll) does it:
    ``99-01-01`` is 1999, ``11-06-16`` 2011; ``0010-01-01`` stays the year 10. With
    ``rollover``, a day the month lacks up to the 31st is moved into the next month, as
    Ruby's ``Time`` (and so Jekyll) moves it: ``2023-02-30`` is 2 March.
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
    if rollover and 1 <= month <= 12 and 29 <= day <= 31:
        moved = date(year, month, 1) + timedelta(days=day - 1)
        year, month, day = moved.year, moved.month, moved.day
    text = f"{year:04d}-{month:02d}-{day:02d}"
    return normalise_date(text, zone), written, match.group("rest") or ""


# Zola's own rule for a date at the start of a file (or bundle folder) name: two-digit month
# and day and an optional RFC 3339 time. Only the start must match (``2024-01-31.md`` and
# ``2024-01-31xyz.md`` are dated); the slug is what follows "_" or "-" (after at most one
# space) where at least one character does, else the whole name.
_ZOLA_FILE_DATE = re.compile(
    r"""(?P<date>\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])
    (?:T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?)
    (?:\s?[_-](?P<rest>.+))?""",
    re.VERBOSE,
)


def zola_file_name_date(name: str, zone: str | None) -> tuple[str | None, str | None, str]:
    """The date a page's file name starts with, by Zola's rule: ``(rfc3339 or None, written
    date or None, the slug's source)``. Stricter than Jekyll's
    (:func:`file_name_date`) on the date: a four-digit year, two-digit
    month and day (``2020-04-1-x`` has none); it may carry an RFC 3339 time
    (``2024-01-31T10:00:00Z_title``). The slug's source is the name after the date and its
    ``_`` or ``-``, else the whole name (``2024-01-31`` is dated and its own slug)."""
    match = _ZOLA_FILE_DATE.match(name)
    if match is None:
        return None, None, name
    written = match.group("date")
    return normalise_date(written, zone), written, match.group("rest") or name


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""The months' names as Ruby and Go read them, by their first three letters."""


def offset_named(name: str, zone: str | None, moment: datetime) -> timedelta | None:
    """The offset of the site's time zone ``zone`` where it goes by ``name`` (``CET`` in
    Europe/Berlin): at ``moment`` (a wall-clock time), else in January or July of its year;
    ``None`` where it never does, or the site names no zone."""
    if zone is None:
        return None
    local = moment.replace(tzinfo=site_zone(zone))
    for probe in (local, local.replace(month=1, day=1), local.replace(month=7, day=1)):
        if (probe.tzname() or "").upper() == name.upper():
            return probe.utcoffset()
    return None


def build_instant(options: ProfileOptions) -> datetime:
    """The instant the site is built at: the options' ``build_time``, else the clock's."""
    if options.build_time is None:
        return datetime.now(UTC)
    instant = instant_of(options.build_time)
    if instant is None:
        raise ValueError(f"the build time {options.build_time!r} is not an RFC 3339 date-time")
    return instant


@functools.lru_cache(maxsize=1024)
def instant_of(date: str) -> datetime | None:
    """An RFC 3339 date-time (as the profiles write dates) as an instant to compare."""
    try:
        instant = datetime.fromisoformat(date)
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)
