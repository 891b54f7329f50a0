"""Generator dates to RFC 3339, keeping the offset the file wrote.

Jekyll writes ``2026-07-16 05:08:11 +0000``, Hugo and Zola TOML dates arrive as ISO 8601
strings (``2024-06-11T12:06:50+08:00``, or a bare ``2023-01-06``), and Jekyll and Zola put a
date in the file name. All of them become ``2026-07-16T05:08:11+00:00``: the same wall-clock
time and the same offset, only spelled as RFC 3339. A date without an offset takes the site's
time zone (``timezone``), or UTC.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta, tzinfo
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


_RUBY_ZONES = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    # Military letters: A to I are +1 to +9, K to M +10 to +12, N to Y -1 to -12.
    **{letter: hour for hour, letter in enumerate("ABCDEFGHI", 1)},
    **{letter: hour for hour, letter in enumerate("KLM", 10)},
    **{letter: -hour for hour, letter in enumerate("NOPQRSTUVWXY", 1)},
}  # fmt: skip
"""The zone names Ruby's ``Time.parse`` knows whatever the machine's time zone."""
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?![\d/])")
_NAMED_STAMP = re.compile(
    r"(?P<stamp>\d{4}-\d{1,2}-\d{1,2}(?P<time>[Tt ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)"
    r"\s+(?P<name>[A-Za-z]+(?:[+-]\d{1,2})?)"
)


def ruby_date(value: object, zone: str | None = None) -> str | None:
    """``value`` as Jekyll reads a front-matter date (Ruby's ``Time.parse`` in the site's time
    zone ``zone``), as RFC 3339: as :func:`normalise_date` does, and a time followed by a zone's
    name (``2016-01-11 00:10:00 PST``) at that zone's offset where Ruby knows the name (the US
    zones, UTC, GMT, the military letters) or the site's zone goes by it in January or July
    (``CET`` in Europe/Berlin); another name, or one after a date without a time, is ignored,
    the date being the site's wall-clock time. Slashes may stand for the date's hyphens
    (``2016/03/10 16:00:00``), as Ruby reads them."""
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 8:
        value = str(value)  # date: 20150312, a YAML integer, which Jekyll parses as text
    if isinstance(value, str):
        value = _SLASHED.sub(r"\1-\2-\3", value.strip(), count=1)
    normal = normalise_date(value, zone)
    if normal is not None or not isinstance(value, str):
        return normal
    match = _NAMED_STAMP.fullmatch(value)
    if match is None or match["name"].lower() in ("am", "pm"):  # 10:30 pm names no zone
        return _ruby_words(value, zone)
    local = normalise_date(match["stamp"], zone)
    if local is None or match["time"] is None:
        return local
    wall = re.sub(r"(?:Z|[+-]\d{2}:\d{2})$", "", local)
    name = match["name"].upper()
    hours = _RUBY_ZONES.get(name)
    if hours is not None:
        return wall + _format_offset(timedelta(hours=hours))
    offset = _offset_named(name, zone, datetime.fromisoformat(wall[:19]))
    return local if offset is None else wall + _format_offset(offset)


_RUBY_TIME = re.compile(
    r"""(?<![\d:./-])(?P<hour>\d{1,2})
    (?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d+)?)?)?
    (?:\s*(?P<half>[ap])\.?m\b\.?)?(?![\d:])
    (?:\s*(?:(?P<sign>[+-])(?P<zone_hour>\d{2})(?::?(?P<zone_minute>\d{2}))?
    |(?P<name>[A-Za-z]{1,5})\b))?""",
    re.VERBOSE | re.IGNORECASE,
)
_RUBY_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_RUBY_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_RUBY_DAYS = tuple(
    re.compile(form, re.IGNORECASE)
    for form in (
        rf"{_RUBY_DAY}[\s-]+{_RUBY_MONTH}[\s,-]+(?P<year>\d{{4}})",  # 12 March 2015, 12-Mar-2015
        rf"{_RUBY_MONTH}\s+{_RUBY_DAY},?\s+(?P<year>\d{{4}})",  # March 12, 2015
        rf"{_RUBY_MONTH}\s+(?P<year>\d{{4}})",  # March 2015: its first day
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
        r"(?P<year>\d{4})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})",
        r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})",  # day first, as Ruby
        r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})",
    )
)
_RUBY_WEEKDAY = re.compile(r"\b(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\b\.?,?", re.IGNORECASE)


def _ruby_words(value: str, zone: str | None) -> str | None:
    """The dates Ruby's ``Time.parse`` reads in other orders and in words, as jekyll 4.3.1
    dated posts with them: a month's name before or after the day (``March 12, 2015``,
    ``12 Mar 2015``, ``5th January 2020``, ``March 2015`` for its first day), a weekday's
    name, ``12/03/2015`` and ``12.03.2015`` day first, ``2015.03.12``, ``20150312``; a time
    anywhere, with ``am``/``pm`` or without seconds (``10am``, ``8:00pm``), then an offset or
    a zone's name, read as :func:`ruby_date` reads one; a comment in brackets is passed
    over. Anything else left over is no date (Ruby passes over more words than these)."""
    text = re.sub(r"\([^()]*\)", " ", value)
    clock = None
    for found in _RUBY_TIME.finditer(text):
        if found["minute"] is not None or found["half"] is not None:
            clock = found
            text = text[: found.start()] + " " + text[found.end() :]
            break
    text = " ".join(_RUBY_WEEKDAY.sub(" ", text).split()).strip(" ,")
    day = next((m for form in _RUBY_DAYS if (m := form.fullmatch(text)) is not None), None)
    if day is None:
        return None
    parts = day.groupdict()
    named = parts.get("mon")
    month = _MONTHS.index(named[:3].lower()) + 1 if named else int(parts["month"])
    stamp = f"{parts['year']}-{month:02d}-{int(parts.get('day') or 1):02d}"
    if clock is None:
        return normalise_date(stamp, zone)
    hour = int(clock["hour"])
    if clock["half"] is not None:
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
    stamp += f" {hour:02d}:{clock['minute'] or '00'}:{clock['second'] or '00'}"
    stamp += clock["fraction"] or ""
    if clock["sign"] is not None:
        return normalise_date(
            f"{stamp} {clock['sign']}{clock['zone_hour']}{clock['zone_minute'] or '00'}", zone
        )
    if clock["name"] is not None:
        return ruby_date(f"{stamp} {clock['name']}", zone)
    return normalise_date(stamp, zone)


def in_zone(date: str, zone: str | None) -> str:
    """An RFC 3339 date-time as the wall-clock time of the time zone ``zone`` (UTC when it is
    ``None`` or unknown): ``2020-01-01T02:00:00+01:00`` in America/New_York is
    ``2019-12-31T20:00:00-05:00``. A fraction of a second is dropped; a date the calendar
    cannot move (before the year 1) is given as it is."""
    try:
        moment = datetime.fromisoformat(re.sub(r"\.\d+", "", date, count=1).replace("z", "Z"))
        local = moment.astimezone(_zone(zone))
    except (ValueError, OverflowError):
        return date
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:"
        f"{local.minute:02d}:{local.second:02d}{_format_offset(local.utcoffset())}"
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


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_HUGO_ISO = re.compile(
    r"""(?P<stamp>\d{4}-\d{2}-\d{2}
    (?:T\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?
    |\ \d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}|(?P<spaced>\ [+-]\d{2}:?\d{2}))?)?)
    (?(spaced)(?:\ [A-Za-z]{3,5})?)""",
    re.VERBOSE,
)
"""The ISO 8601 forms among Hugo's date layouts: two-digit month and day, seconds with any
time, a zone as RFC 3339 writes it, or after a space (Go's ``Time.String()`` adds a name)."""
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)"
_LONG_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_SECONDS = r"(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<fraction>\.\d+)?"
_NUMERIC = r"(?P<sign>[+-])(?P<zh>\d{2})(?P<zm>\d{2})"
_NAMED = r"(?P<name>[a-z]{3,5})"
_GO_LAYOUTS = tuple(
    re.compile(layout, re.IGNORECASE)
    for layout in (
        # RFC 1123, with a numeric or a named zone: Mon, 02 Jan 2006 15:04:05 -0700
        rf"{_WEEKDAY}, (?P<day>\d{{2}}) {_MONTH} (?P<year>\d{{4}}) {_SECONDS}"
        rf" (?:{_NUMERIC}|{_NAMED})",
        # RFC 822: 02 Jan 06 15:04 -0700
        rf"(?P<day>\d{{2}}) {_MONTH} (?P<year>\d{{2}}) (?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"
        rf" (?:{_NUMERIC}|{_NAMED})",
        # RFC 850: Monday, 02-Jan-06 15:04:05 MST
        rf"{_LONG_WEEKDAY}, (?P<day>\d{{2}})-{_MONTH}-(?P<year>\d{{2}}) {_SECONDS} {_NAMED}",
        # ANSIC, Unix date and Ruby date: Mon Jan  2 15:04:05 [MST|-0700] 2006
        rf"{_WEEKDAY} {_MONTH} (?P<day>\d{{1,2}}) {_SECONDS}(?: {_NUMERIC}| {_NAMED})?"
        r" (?P<year>\d{4})",
        # 02 Jan 2006
        rf"(?P<day>\d{{2}}) {_MONTH} (?P<year>\d{{4}})",
    )
)


def hugo_date(value: object, zone: str | None = None) -> str | None:
    """``value`` as Hugo reads a front-matter date, as RFC 3339, or ``None`` where Hugo stops
    on it: the layouts of its date cast (ISO 8601 with two-digit month and day and seconds,
    ``2006-01-02 15:04:05 -0700``, and those sites exported from WordPress and Blogger write:
    RFC 1123 ``Wed, 23 Oct 2013 19:24:38 +0000``, RFC 822 and 850, ANSIC, Unix and Ruby dates,
    ``02 Jan 2006``). A named zone other than the site's is UTC, as Go reads a name it does not
    know. TOML dates arrive in the ISO form."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())  # a run of spaces matches one of the layout's
    iso = _HUGO_ISO.fullmatch(text)
    if iso is not None:
        return normalise_date(iso.group("stamp"), zone)
    for layout in _GO_LAYOUTS:
        match = layout.fullmatch(text)
        if match is not None:
            return _go_date(match.groupdict(), zone)
    return None


def _go_date(parts: dict[str, str | None], zone: str | None) -> str | None:
    year = int(parts["year"] or 0)
    if len(parts["year"] or "") == 2:
        year += 1900 if year >= 69 else 2000  # Go's two-digit years
    month = _MONTHS.index(str(parts["mon"]).lower()) + 1
    try:
        moment = datetime(
            year,
            month,
            int(parts["day"] or 0),
            int(parts.get("hour") or 0),
            int(parts.get("minute") or 0),
            int(parts.get("second") or 0),
        )
    except ValueError:
        return None
    if parts.get("sign") is not None:
        hours, minutes = int(parts.get("zh") or 0), int(parts.get("zm") or 0)
        if hours > 23 or minutes > 59:
            return None
        offset = f"{parts['sign']}{hours:02d}:{minutes:02d}"
    else:
        offset = _named_offset(moment, parts.get("name"), zone)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:"
        f"{moment.minute:02d}:{moment.second:02d}{parts.get('fraction') or ''}{offset}"
    )


def _named_offset(moment: datetime, name: str | None, zone: str | None) -> str:
    """The offset of a date with no zone (the site's) or a named one: the site's zone's where
    it goes by that name (``CET`` in Europe/Berlin), else UTC's, as Go reads a name."""
    if name is None:
        return _format_offset(moment.replace(tzinfo=_zone(zone)).utcoffset())
    offset = _offset_named(name, zone, moment)
    return "Z" if offset is None else _format_offset(offset)


def _offset_named(name: str, zone: str | None, moment: datetime) -> timedelta | None:
    """The offset of the site's time zone ``zone`` where it goes by ``name`` (``CET`` in
    Europe/Berlin): at ``moment`` (a wall-clock time), else in January or July of its year;
    ``None`` where it never does, or the site names no zone."""
    if zone is None:
        return None
    local = moment.replace(tzinfo=_zone(zone))
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
