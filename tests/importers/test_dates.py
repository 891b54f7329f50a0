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
    ["2003-12-13", "2003-12-13T18:30:02", "10 Jun 2003 04:00:00", "Tue, 10 Jun 2003 04:00:00 IST"],
)
def test_a_date_without_zone_is_utc_with_a_note(raw: str) -> None:
    read = read_feed_date(raw)
    assert read.value is not None and read.value.endswith("Z")
    assert "no time zone" in read.note and not read.unreadable


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # European sites write their zone by name, which email.utils does not know.
        ("Tue, 29 Aug 2017 08:53:03 CEST", "2017-08-29T08:53:03+02:00"),
        ("Tue, 28 Feb 2017 04:02:48 CET", "2017-02-28T04:02:48+01:00"),
        ("Sat, 12 Sep 2020 00:00:00 cest", "2020-09-12T00:00:00+02:00"),
        ("Mon, 05 Oct 2026 09:00:00 EEST", "2026-10-05T09:00:00+03:00"),
        ("Mon, 05 Oct 2026 09:00 JST", "2026-10-05T09:00:00+09:00"),
        # The offset with a comment naming its zone: read as written, and without a note.
        ("Tue, 21 Feb 2023 11:06:45 +0100 (CET)", "2023-02-21T11:06:45+01:00"),
    ],
)
def test_zone_names_feeds_write_are_read(raw: str, expected: str) -> None:
    read = read_feed_date(raw)
    assert (read.value, read.note) == (expected, "")


@pytest.mark.parametrize(
    "raw",
    ["yesterday", "08/02/2013 12:00:00", "Sun, 31 Feb 2003 04:00 GMT", "99999-01-01T00:00:00Z"],
)
def test_unreadable_dates_give_none_and_say_so(raw: str) -> None:
    read = read_feed_date(raw)
    assert read.value is None and read.moment is None
    assert read.unreadable and repr(raw) in read.note


def _feedparser_reading(raw: str) -> time.struct_time | None:
    from feedparser.datetimes import _parse_date

    return _parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T17:00:00Z"),
        ("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"),
    ],
)
def test_parser_fallback_is_utc_and_noted(raw: str, expected: str) -> None:
    read = read_feed_date(raw, _feedparser_reading(raw))
    assert read.value == expected
    assert "offset could not be read" in read.note


@pytest.mark.parametrize(
    "raw",
    [
        "10000-01-01T00:00:00Z",  # feedparser: 2010-12-01
        "1673773200",  # a Unix time; feedparser: 1673-12-01
        "2004. február 29., 10:00",  # feedparser: 2004-12-01
        "2004년 05월 28일  01:31:15 PM",  # feedparser: 2004-12-01
        "2004-060T10:00Z",  # the 60th day; feedparser: 2004-06-01
        "2004-05-25 오후 11:23:17",  # feedparser drops the time
        "2004-02-29 10:00 +0800 (CST)",  # feedparser drops the time
        "Mon, 01 Jan 0001 00:00:00 +0100",  # email.utils: 2001; feedparser: year 100
    ],
)
def test_a_fallback_reading_the_text_does_not_bear_out_is_no_date(raw: str) -> None:
    assert _feedparser_reading(raw) is not None
    read = read_feed_date(raw, _feedparser_reading(raw))
    assert read.value is None and read.unreadable and repr(raw) in read.note


@pytest.mark.parametrize("raw", ["Mon, 01 Jan 0001 00:00:00 +0000", "0001-01-01T00:00:00Z"])
def test_go_zero_time_is_no_date(raw: str) -> None:
    read = read_feed_date(raw, _feedparser_reading(raw))
    assert read.value is None and read.unreadable and "zero time" in read.note


def test_an_offset_with_a_colon_and_a_zone_before_the_year_are_read() -> None:
    assert read_feed_date("29 Feb 2004 10:00:00 +01:00") == read_feed_date(
        "29 Feb 2004 10:00:00 +0100"
    )
    read = read_feed_date("Sun Jan  4 16:29:06 PST 2004")
    assert (read.value, read.note) == ("2004-01-04T16:29:06-08:00", "")


def test_no_date_is_none_without_a_note() -> None:
    assert read_feed_date(None).value is None
    assert read_feed_date("   ").note == ""
