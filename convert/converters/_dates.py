"""Reading record dates and writing them the way each feed format demands.

Records keep dates as the strings in the file (RFC 3339, e.g. ``2020-02-20T20:00:00Z``). Feeds
need them as instants: RSS wants RFC 822 with English names and a numeric zone whatever the
locale, Atom and JSON Feed want RFC 3339. A date without a zone is read as UTC, because a feed
date must name its zone and guessing the machine's zone would make output depend on where it ran.
"""

from __future__ import annotations

from datetime import UTC, datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_date(value: object) -> tuple[datetime | None, bool]:
    """Read an RFC 3339 (or ISO 8601) date string.

    Returns:
        ``(instant, naive)``: the aware datetime (``None`` when the value is not a readable
        date) and whether the text named no zone, so that UTC was assumed.
    """
    if not isinstance(value, str) or not value.strip():
        return None, False
    text = value.strip()
    # RFC 3339 allows a space or a lower-case "t" between date and time; fromisoformat wants "T".
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

