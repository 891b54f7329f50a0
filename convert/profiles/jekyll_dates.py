"""Dates as Jekyll reads them: Ruby's ``Time.parse``, which takes a zone's name after the time
(``2016-01-11 00:10:00 PST``), slashes for the date's hyphens, and dates in words and other
orders (``March 12, 2015``, ``12/03/2015``) that sites wrote and jekyll 4.3.1 dated posts by.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from convert.profiles.dates import MONTHS, format_offset, normalise_date, offset_named

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
        return wall + format_offset(timedelta(hours=hours))
    offset = offset_named(name, zone, datetime.fromisoformat(wall[:19]))
    return local if offset is None else wall + format_offset(offset)


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
    month = MONTHS.index(named[:3].lower()) + 1 if named else int(parts["month"])
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
