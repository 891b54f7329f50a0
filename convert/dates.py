"""What a valid date is: one definition for the schema's ``date-time`` format, the rules and
the converters.

Records keep dates as the strings in the file. Validation decides whether a string is a date,
feeds and the consistency rules read it as an instant; when the two used different parsers, a
date could pass validation and then be dropped by the feed (a leap second, year 0000), or fail
validation and be converted anyway (``2020-02-20T20:00Z``, a space before the time). Here is the
single rule both apply:

- the RFC 3339 ``date-time`` grammar exactly: ``YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)``,
  ASCII digits, ``T`` and ``Z`` in either case, nothing before or after. A zone is required
  (a feed must say when, and guessing the machine's zone would make output depend on where it
  ran); RFC 3339's optional space separator and ISO 8601's other forms are refused;
- a real calendar day; hours 00-23, minutes 00-59, seconds 00-59;
- second 60 only where a leap second can fall, at 23:59 UTC (as RFC 3339 and the JSON Schema
  test suite have it). It is read as the last representable instant of that minute, since
  Python's datetime has no second 60;
- the instant, in UTC as well as in its own zone, lies in years 0001-9999. Year 0000 is refused:
  no feed format can carry it and Python cannot represent it, so accepting it in validation
  would only promise what conversion cannot keep.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_SHAPE = re.compile(
    r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)",
    re.ASCII,
)
_fromisoformat = datetime.fromisoformat


def parse_date(value: object) -> datetime | None:
    """The aware instant an RFC 3339 date-time string names, or ``None`` when it is not one.

    The grammar is checked first, because ``fromisoformat`` also takes ISO 8601 forms RFC 3339
    does not (``2020-02-20T20:00Z``, ``20200220T200000Z``, no zone); it then checks the
    calendar and builds the value, fast for the common ``2020-02-20T20:00:00Z``.
    """
    if type(value) is not str:
        return None
    if (
        len(value) == 20
        and value[19] == "Z"
        and value[10] == "T"
        and value[4] == "-"
        and value[7] == "-"
        and value[13] == ":"
        and value[16] == ":"
        and value.isascii()
    ):
        # The usual 2020-02-20T20:00:00Z: with these separators fromisoformat takes only
        # digits between them, and a UTC date cannot leave years 1-9999. A leap second or
        # year 0000 fails here and gets the full rule below.
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
    if _SHAPE.fullmatch(value) is None:
        return None
    text = value
    if text[10] == "t" or text[-1] == "z":
        text = f"{text[:10]}T{text[11:-1]}{text[-1].upper()}"
    leap = text[17:19] == "60"
    if leap:
        text = f"{text[:17]}59{text[19:]}"
    try:
        moment = _fromisoformat(text)  # refuses year 0000, February 30th, hour 24
        if leap or text[:4] in ("0001", "9999"):
            in_utc = moment.astimezone(UTC)  # OverflowError outside years 1-9999
    except (ValueError, OverflowError):
        return None
    if leap:
        if (in_utc.hour, in_utc.minute) != (23, 59):
            return None
        moment = moment.replace(microsecond=999_999)
    return moment


def is_date_time(value: object) -> bool:
    """The schema's ``date-time`` format: whether :func:`parse_date` reads ``value``."""
    return parse_date(value) is not None


def out_of_range_hint(value: object) -> str:
    """Why an RFC 3339 date-time is refused when the reason is its instant in UTC, not its
    spelling (``0001-01-01T00:00:00+01:00`` is in year 0 in UTC); ``""`` otherwise. Telling
    such a date to "use RFC 3339" would send its writer looking for a mistake not there."""
    if (
        type(value) is not str
        or value[:4] not in ("0001", "9999")
        or _SHAPE.fullmatch(value) is None
    ):
        return ""
    text = f"{value[:10]}T{value[11:17]}{min(value[17:19], '59')}{value[19:-1]}{value[-1].upper()}"
    try:
        _fromisoformat(text).astimezone(UTC)
    except ValueError:  # not a real day or time: a spelling problem after all
        return ""
    except OverflowError:
        side = "before year 0001" if value[:4] == "0001" else "after year 9999"
        return f"it is RFC 3339, but it falls {side} in UTC, which no feed can carry"
    return ""
