"""Feed dates keep the offset the feed wrote; unreadable dates are None, never the clock."""

from __future__ import annotations

import time

import pytest

from convert.importers.dates import read_feed_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T04:00:00+02:00"),
        ("Tue, 10 Jun 2003 04:00:00 -0930", "2003-06-10T04:00:00-09:30"),
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T04:00:00-05:00"),
        ("Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T04:00:00-07:00"),
        ("2003-12-13T18:30:02+01:00", "2003-12-13T18:30:02+01:00"),
        ("2003-12-13T18:30:02.25+05:30", "2003-12-13T18:30:02.25+05:30"),
        ("2003-12-13t18:30:02z", "2003-12-13T18:30:02Z"),
        ("2003-12-13 18:30:02-05:00", "2003-12-13T18:30:02-05:00"),
        ("  2003-12-13T18:30:02Z\n", "2003-12-13T18:30:02Z"),
    ],
)
def test_offset_is_the_one_written(raw: str, expected: str) -> None:
    read = read_feed_date(raw)
    assert (read.value, read.note) == (expected, "")


@pytest.mark.parametrize(
    "raw",
    ["2003-12-13", "2003-12-13T18:30:02", "10 Jun 2003 04:00:00", "Tue, 10 Jun 2003 04:00:00 CEST"],
)
def test_a_date_without_zone_is_utc_with_a_note(raw: str) -> None:
    read = read_feed_date(raw)
    assert read.value is not None and read.value.endswith("Z")
    assert "no time zone" in read.note and not read.unreadable


@pytest.mark.parametrize(
    "raw",
    ["yesterday", "08/02/2013 12:00:00", "Sun, 31 Feb 2003 04:00 GMT", "99999-01-01T00:00:00Z"],
)
def test_unreadable_dates_give_none_and_say_so(raw: str) -> None:
    read = read_feed_date(raw)
    assert read.value is None and read.moment is None
    assert read.unreadable and repr(raw) in read.note


def test_parser_fallback_is_utc_and_noted() -> None:
    parsed = time.strptime("2004-02-29 10:00:00", "%Y-%m-%d %H:%M:%S")
    read = read_feed_date("a form only feedparser knows", parsed)
    assert read.value == "2004-02-29T10:00:00Z"
    assert "offset could not be read" in read.note


def test_no_date_is_none_without_a_note() -> None:
    assert read_feed_date(None).value is None
    assert read_feed_date("   ").note == ""
