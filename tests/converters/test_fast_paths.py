"""The per-item shortcuts of the feeds give exactly what the plain way gives.

Dates cut from ``isoformat``, the ``isprintable`` skip in ``xml_text`` and URN UUIDs built
without a UUID object are there for speed only; each is checked against the slow, obvious version.
So is the item built as a plain tuple, and the one cleaning of its texts that the XML writers
rely on (they do not scan a body a second time).
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.converters import ignore
from convert.converters.feeds.dates import rfc822
from convert.converters.feeds.items import Item, build_item
from convert.converters.feeds.links import uuid5_urn
from convert.converters.feeds.settings import FeedSettings
from convert.converters.feeds.xml import xml_text
from convert.record import Record, Source

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


# Texts with what XML cannot carry (C0 controls, U+FFFE, U+FFFF) more often than chance gives;
# no lone surrogate, which no loader gives.
_odd = st.text(
    st.sampled_from("a <&>]\x00\x01\x07\x0b\x1f\t\n\r\ufffe\uffff\xa0")
    | st.characters(exclude_categories=["Cs"])
)
_values = _odd | st.none() | st.integers() | st.lists(_odd | st.integers(), max_size=3)
_names = _values | st.lists(st.fixed_dictionaries({"name": _values}), max_size=2)
_urls = st.builds("https://news.example/{}".format, _odd) | _odd


@st.composite
def _records(draw: st.DrawFn) -> Record:
    meta = {
        "title": draw(_odd),
        "webUrl": draw(_urls),
        "publishedDateTime": "2020-02-20T20:00:00Z",
        "excerpt": draw(_values),
        "author": draw(_names),
        "provider": draw(st.fixed_dictionaries({"name": _values, "authors": _names})),
        "topics": draw(_values),
        "tags": draw(_values),
        "category": draw(_values),
        "locale": draw(st.sampled_from(["en_GB", "fr", "x\x00", None])),
        "type": draw(st.sampled_from(["video", "article"])),
        "originalUrl": draw(_urls),
        "images": draw(st.lists(st.fixed_dictionaries({"url": _urls, "title": _values}))),
        "actions": draw(st.lists(st.fixed_dictionaries({"url": _urls, "title": _values}))),
    }
    body_format = draw(st.sampled_from(["markdown", "html", "text"]))
    return Record(meta, draw(_odd), Source("posts/a.md", "yaml"), body_format)


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [text for part in value for text in _texts(part)]
    return []


@settings(max_examples=300, deadline=None)
@given(_records())
def test_a_built_item_is_whole_and_its_texts_are_clean(record: Record) -> None:
    settings_ = FeedSettings.from_options({"feed_title": "T", "base_url": "https://b.example/"})
    item = build_item(record, settings_, ignore)
    if item is None:
        return
    assert type(item) is Item and len(item) == len(Item._fields)
    assert item == Item(**item._asdict())
    # What the XML feeds print: all but the body as written (JSON Feed's text reads that), the
    # record's path and what only rendering needs.
    written = item._replace(body="", path="", templates=False, links=())
    for text in _texts(written):
        assert xml_text(text) == text
