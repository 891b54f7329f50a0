"""One definition of a valid date: the schema's date-time format and the feeds agree on every
string (see convert/dates.py for the rule)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.converters.feeds.items import build_item
from convert.converters.feeds.settings import FeedSettings
from convert.dates import parse_date
from convert.diagnostics import Diagnostic
from convert.record import Record, Source
from convert.validation import validate


def validation_accepts(value: str) -> bool:
    meta = {"title": "T", "webUrl": "https://example.com/a", "publishedDateTime": value}
    found = validate(Record(meta, "", Source("a.md", "yaml")), select=["schema"])
    bad = [d for d in found if d.pointer == "/publishedDateTime"]
    assert all(d.rule == "schema/format" for d in bad), bad
    return not bad


def conversion_dates(value: str) -> tuple[datetime | None, list[str]]:
    meta = {"title": "T", "webUrl": "https://example.com/a", "publishedDateTime": value}
    found: list[Diagnostic] = []
    item = build_item(Record(meta, "", Source("a.md", "yaml")), FeedSettings(), found.append)
    # A date the feed cannot read leaves the item out: the finding says why.
    return (item.published if item is not None else None), [d.rule for d in found]


DATE_RULES = {"convert/date", "convert/incomplete"}


def assert_agree(value: str) -> None:
    accepted = validation_accepts(value)
    published, rules = conversion_dates(value)
    assert accepted == (published is not None), value
    assert accepted == (DATE_RULES.isdisjoint(rules)), value


ACCEPTED = [
    "2020-02-20T20:00:00Z",
    "2020-02-20t20:00:00z",
    "2020-02-20T20:00:00.5+05:30",
    "2020-02-20T20:00:00.1234567891-00:00",
    "2016-12-31T23:59:60Z",  # a leap second, where one can fall
    "1998-12-31T15:59:60.123-08:00",  # the same minute in another zone
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2020-02-29T00:00:00Z",
]
REFUSED = [
    "0000-01-01T00:00:00Z",  # no year 0 in any feed format
    "2016-12-31 23:59:59Z",  # RFC 3339 allows a space only as an application's choice
    "2020-02-20T20:00Z",  # no seconds
    "20200220T200000Z",  # ISO 8601 basic format
    "2020-02-20T20:00:00",  # no zone
    "2020-02-20",
    "1998-12-31T23:58:60Z",  # a leap second on the wrong minute
    "1998-12-31T22:59:60Z",
    "2016-12-31T23:59:61Z",
    "2021-02-29T00:00:00Z",
    "2020-02-20T24:00:00Z",
    "2020-02-20T20:00:00+24:00",
    "2020-02-20T20:00:00+01:60",
    "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
    "9999-12-31T23:59:59-01:00",  # after year 9999 in UTC
    " 2020-02-20T20:00:00Z",
    "2020-02-20T20:00:00Z\n",
    "２０２０-02-20T20:00:00Z",
    "2020-02-20T20:00:00,5Z",
]


@pytest.mark.parametrize("value", ACCEPTED)
def test_accepted_by_both(value: str) -> None:
    assert validation_accepts(value)
    assert conversion_dates(value) == (parse_date(value), [])
    assert parse_date(value) is not None


@pytest.mark.parametrize("value", REFUSED)
def test_refused_by_both(value: str) -> None:
    assert not validation_accepts(value)
    published, rules = conversion_dates(value)
    assert published is None and rules == ["convert/incomplete"]


def test_a_leap_second_is_read_as_the_end_of_its_minute() -> None:
    moment = parse_date("2016-12-31T23:59:60Z")
    assert moment == datetime(2016, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)
    assert moment < datetime(2017, 1, 1, tzinfo=UTC)


NEAR_VALID = st.builds(
    "{:04d}-{:02d}-{:02d}{}{:02d}:{:02d}:{:02d}{}{}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.sampled_from("Tt "),
    st.integers(0, 24),
    st.integers(0, 60),
    st.integers(0, 61),
    st.sampled_from(["", ".5", ".123456789"]),
    st.sampled_from(["Z", "z", "", "+00:00", "-08:00", "+23:59", "+24:00", "-00:30"]),
)
ZONES = st.sampled_from(
    [
        UTC,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(-timedelta(hours=8)),
        timezone(timedelta(seconds=3208)),
    ]
)
DIGITS = st.text("0123456789", min_size=1, max_size=5)
DATE_LIKE = st.builds(
    "{}-{}-{}{}{}:{}:{}{}{}".format,
    DIGITS,
    DIGITS,
    DIGITS,
    st.sampled_from("Tt x"),
    DIGITS,
    DIGITS,
    DIGITS,
    st.sampled_from(["", ".5", ".123456789", ","]),
    st.sampled_from(["Z", "z", "", "+00:00", "-08:00", "+24:00", "+05:61", "-0100"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        NEAR_VALID,
        DATE_LIKE,
        st.datetimes(timezones=ZONES).map(datetime.isoformat),
        st.text(max_size=30),
    )
)
def test_validation_and_conversion_agree_on_any_string(value: str) -> None:
    assert_agree(value)


def jsonschema_rs_date_time() -> object:
    import jsonschema_rs

    return jsonschema_rs.validator_for({"format": "date-time"}, validate_formats=True)


BUILT_IN = jsonschema_rs_date_time()


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        NEAR_VALID,
        DATE_LIKE,
        st.datetimes(timezones=ZONES).map(datetime.isoformat),
        st.text(max_size=30),
    )
)
def test_the_rule_is_rfc_3339_as_jsonschema_rs_reads_it(value: str) -> None:
    """An independent reading of RFC 3339: jsonschema-rs's own date-time check. The rule
    differs only at the ends of the calendar (years 0000, 0001 and 9999, see convert/dates.py)."""
    if value.startswith(("0000", "0001", "9999")):
        return
    assert (parse_date(value) is not None) == BUILT_IN.is_valid(value)  # type: ignore[attr-defined]
