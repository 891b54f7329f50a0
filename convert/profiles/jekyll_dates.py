"""Dates as Jekyll reads them: Ruby's ``Time.parse``, which takes a zone's name after the time
(``2016-01-11 00:10:00 PST``), slashes for the date's hyphens, and dates in words and other
orders (``March 12, 2015``, ``12/03/2015``) that sites wrote and jekyll 4.3.1 dated posts by.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

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


def ruby_day(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """The day Ruby's ``Time`` makes of a date whose day the month lacks: it rolls the 29th
    to the 31st over into the next month (30 February 2015 is 2 March), where the day is
    at most 31; ``None`` for anything else that is no day (month 13, day 32, year 0)."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and year >= 1):
        return None
    try:
        moment = date(year, month, 1) + timedelta(days=day - 1)
    except OverflowError:
        return None
    return moment.year, moment.month, moment.day


_LEADING_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")


def _rolled(text: str) -> str:
    """``text`` with the date it starts with (``2015-02-30``) moved to the day Ruby takes."""
    match = _LEADING_DAY.match(text)
    if match is None:
        return text
    year, month, day = (int(part) for part in match.groups())
    rolled = ruby_day(year, month, day)
    if rolled is None or rolled == (year, month, day):
        return text
    return "{:04d}-{:02d}-{:02d}".format(*rolled) + text[match.end() :]


def ruby_date(value: object, zone: str | None = None, year: int | None = None) -> str | None:
    """``value`` as Jekyll reads a front-matter date (Ruby's ``Time.parse`` in the site's time
    zone ``zone``), as RFC 3339: as :func:`normalise_date` does, and a time followed by a zone's
    name (``2016-01-11 00:10:00 PST``) at that zone's offset where Ruby knows the name (the US
    zones, UTC, GMT, the military letters) or the site's zone goes by it in January or July
    (``CET`` in Europe/Berlin); another name, or one after a date without a time, is ignored,
    the date being the site's wall-clock time. Slashes may stand for the date's hyphens
    (``2016/03/10 16:00:00``), as Ruby reads them, and a day the month lacks rolls over
    (:func:`ruby_day`). ``year`` is the build's, which completes a date written without
    one (``Mar 12``) as Ruby's ``Time.parse`` completes it with the current year."""
    if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 8:
        value = str(value)  # date: 20150312, a YAML integer, which Jekyll parses as text
    if isinstance(value, str):
        value = _rolled(_SLASHED.sub(r"\1-\2-\3", value.strip(), count=1))
    normal = normalise_date(value, zone)
    if normal is not None or not isinstance(value, str):
        return normal
    match = _NAMED_STAMP.fullmatch(value)
    if match is None or match["name"].lower() in ("am", "pm"):  # 10:30 pm names no zone
        return _ruby_words(value, zone, year)
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
        # Without a year, which the build's completes: Mar 12, Mar-12, 12th March, March.
        rf"{_RUBY_MONTH}[\s-]+{_RUBY_DAY}",
        rf"{_RUBY_DAY}[\s-]+{_RUBY_MONTH}",
        _RUBY_MONTH,
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",
        r"(?P<year>\d{4})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})",
        r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})",  # day first, as Ruby
        r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})",
    )
)
_RUBY_WEEKDAY = re.compile(r"\b(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\b\.?,?", re.IGNORECASE)
_RUBY_KNOWN = re.compile(rf"{_RUBY_MONTH}|b\.?c\.?e?\.?", re.IGNORECASE)
"""Words Ruby reads (a month, an era); any other word around the date it passes over."""
_RUBY_ASIDE = re.compile(r"[A-Za-z]+,?")
_MOST_WORDS = 12
"""A date with more words around it is no date here: each word passed over makes the rest
be matched again, and a hostile value of many thousand words must not stall a run."""


def _day_of(text: str) -> re.Match[str] | None:
    """The first of Ruby's forms of a day that ``text`` is, or is once the words before and
    after it that Ruby passes over (``posted on``, ``noon``) are left out."""
    words = text.split()
    if len(words) > _MOST_WORDS:
        return None
    while True:
        found = next((m for form in _RUBY_DAYS if (m := form.fullmatch(text)) is not None), None)
        if found is not None or not words:
            return found
        if _RUBY_ASIDE.fullmatch(words[-1]) and not _RUBY_KNOWN.fullmatch(words[-1].strip(",")):
            words.pop()
        elif _RUBY_ASIDE.fullmatch(words[0]) and not _RUBY_KNOWN.fullmatch(words[0].strip(",")):
            words.pop(0)
        else:
            return None
        text = " ".join(words).strip(" ,")


def _ruby_words(value: str, zone: str | None, year: int | None = None) -> str | None:
    """The dates Ruby's ``Time.parse`` reads in other orders and in words, as jekyll 4.3.1
    dated posts with them: a month's name before or after the day (``March 12, 2015``,
    ``12 Mar 2015``, ``5th January 2020``, ``March 2015`` for its first day), a weekday's
    name, ``12/03/2015`` and ``12.03.2015`` day first, ``2015.03.12``, ``20150312``; a
    month's name and a day without a year (``Mar 12``, the ``year`` given); a time
    anywhere, with ``am``/``pm`` or without seconds (``10am``, ``8:00pm``), then an offset or
    a zone's name, read as :func:`ruby_date` reads one; a comment in brackets, and other
    words before and after the date (``posted on``, ``noon``), are passed over. Anything
    else left over is no date (Ruby passes over more than these: words inside the date)."""
    text = re.sub(r"\([^()]*\)", " ", value)
    clock = None
    for found in _RUBY_TIME.finditer(text):
        if found["minute"] is not None or found["half"] is not None:
            clock = found
            text = text[: found.start()] + " " + text[found.end() :]
            break
    text = " ".join(_RUBY_WEEKDAY.sub(" ", text).split()).strip(" ,")
    day = _day_of(text)
    if day is None:
        return None
    parts = day.groupdict()
    named = parts.get("mon")
    month = MONTHS.index(named[:3].lower()) + 1 if named else int(parts["month"])
    written = parts.get("year")
    if written is None and year is None:
        return None
    rolled = ruby_day(int(written) if written else year or 0, month, int(parts.get("day") or 1))
    if rolled is None:
        return None
    stamp = "{:04d}-{:02d}-{:02d}".format(*rolled)
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
