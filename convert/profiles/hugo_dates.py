"""Dates as Hugo reads them: the layouts of its date cast (Go's), ISO 8601 with two-digit
month and day and those sites exported from WordPress and Blogger write (RFC 1123, RFC 822
and 850, ANSIC, Unix and Ruby dates), a zone's name read as Go reads it.
"""

from __future__ import annotations

import re
from datetime import datetime

from convert.profiles.dates import MONTHS, format_offset, normalise_date, offset_named, site_zone

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
    month = MONTHS.index(str(parts["mon"]).lower()) + 1
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
        return format_offset(moment.replace(tzinfo=site_zone(zone)).utcoffset())
    offset = offset_named(name, zone, moment)
    return "Z" if offset is None else format_offset(offset)
