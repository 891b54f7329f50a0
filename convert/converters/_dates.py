"""Writing dates the way each feed format demands.

Reading them is :func:`convert.dates.parse_date`, shared with the validation rules so the two
never disagree about what a date is. RSS wants RFC 822 with English names and a numeric zone
whatever the locale, Atom and JSON Feed want RFC 3339.
"""

from __future__ import annotations

from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_MONTH_NAMES = {f"{n:02d}": name for n, name in enumerate(_MONTHS, 1)}


def rfc822(moment: datetime) -> str:
    """``Thu, 20 Feb 2020 20:00:00 +0000``: English names, numeric zone (RSS 2.0).

    The same text as ``email.utils.format_datetime`` (the tests check), written out here
    because it runs once per item and strftime's names would follow the locale. It is cut from
    ``isoformat()`` (one C call) with table lookups for the names; an offset with seconds, which
    only a hand-made zone has, takes the arithmetic route.
    """
    text = moment.isoformat()
    if text[-6] in "+-":
        return (
            f"{_DAYS[moment.weekday()]}, {text[8:10]} {_MONTH_NAMES[text[5:7]]} {text[:4]} "
            f"{text[11:19]} {text[-6:-3]}{text[-2:]}"
        )
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
