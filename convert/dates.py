"""Reading the dates records carry: one parser for the converters and the validation rules.

Records keep dates as the strings in the file (RFC 3339, e.g. ``2020-02-20T20:00:00Z``). Both
feeds and the consistency rules need them as instants, and two parsers would disagree on the
edge cases (a space or a lower-case ``t`` before the time, a lower-case ``z``), so a date the
feed understands could be one the rules ignore. A date without a zone is read as UTC and flagged
as naive: feeds must name a zone (and guessing the machine's would make output depend on where it
ran), while a rule comparing dates can choose to skip it.
"""

from __future__ import annotations

from datetime import UTC, datetime


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
