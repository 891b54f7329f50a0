"""Writing dates the way each feed format demands.

Reading them is :func:`convert.dates.parse_date`, the rule the schema's date-time format
applies too, so validation and feeds never disagree about what a date is. RSS wants RFC 822
with English names and a numeric zone whatever the locale, Atom and JSON Feed want RFC 3339.
"""

from __future__ import annotations

from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc822(moment: datetime) -> str:
    """``Thu, 20 Feb 2020 20:00:00 +0000``: English names, numeric zone (RSS 2.0).

    The same text as ``email.utils.format_datetime`` (the tests check), written out here
    because it runs once per item and strftime's names would follow the locale. Dates in UTC,
    nearly all of them, are cut from ``ctime()``: one C call whose names are fixed English ones
    whatever the locale (``Thu Feb 20 20:00:00 2020``, the day padded with a space). Other
    zones take the arithmetic route.
    """
    if moment.tzinfo is UTC:
        text = moment.ctime()
        day = text[8:10]
        day = "0" + day[1] if day[0] == " " else day
        return f"{text[:3]}, {day} {text[4:7]} {text[20:]} {text[11:19]} +0000"
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds()) // 60 if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return (
        f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
        f"{moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} "
        f"{sign}{hours:02d}{minutes:02d}"
    )


def rfc3339(moment: datetime) -> str:
    """``2020-02-20T20:00:00Z``: UTC as ``Z``, fractions only if written (Atom, JSON Feed)."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
