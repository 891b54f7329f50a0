"""The per-item shortcuts of the feeds give exactly what the plain way gives.

Dates cut from ``isoformat``, the ``isprintable`` skip in ``xml_text`` and URN UUIDs built
without a UUID object are there for speed only; each is checked against the slow, obvious version.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.converters.feeds.dates import rfc822
from convert.converters.feeds.links import uuid5_urn
from convert.converters.feeds.xml import xml_text

ZONES = [
    UTC,
    timezone(timedelta(hours=5, minutes=30)),
    timezone(-timedelta(hours=9, minutes=45)),
    timezone(timedelta(hours=14)),
]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=st.sampled_from(ZONES)))
def test_rfc822_is_format_datetime(moment: datetime) -> None:
    assert rfc822(moment) == format_datetime(moment)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(999, 1, 4, 0, 0, 1, 5, tzinfo=UTC), "Fri, 04 Jan 0999 00:00:01 +0000"),
        (
            datetime(2020, 2, 29, 23, 59, tzinfo=timezone(timedelta(hours=1, seconds=30))),
            "Sat, 29 Feb 2020 23:59:00 +0100",
        ),
        (
            datetime(2020, 3, 1, tzinfo=timezone(-timedelta(minutes=90, microseconds=1))),
            "Sun, 01 Mar 2020 00:00:00 -0130",
        ),
    ],
)
def test_rfc822_odd_years_and_offsets_with_seconds(moment: datetime, text: str) -> None:
    assert rfc822(moment) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_xml_text_skip_matches_the_regex(text: str) -> None:
    assert xml_text(text) == _NOT_XML.sub("", text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_uuid5_urn_is_uuid5(name: str) -> None:
    assert uuid5_urn(name) == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"
