"""Any schema-like record converts to every format; JSON gives the metadata back exactly."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.converters import get_converter
from convert.record import Record, Source

FORMATS = ["json", "jsonl", "jsonfeed", "rss", "atom"]

zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
dates = st.one_of(
    st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=zones
    ).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    st.dates().map(str),
    st.text(max_size=20),
)
urls = st.one_of(
    st.from_regex(r"https?://[a-z]{1,10}\.example/[a-z0-9/._-]{0,20}", fullmatch=True),
    st.from_regex(r"/?[a-z0-9/._-]{0,20}", fullmatch=True),
    st.text(max_size=20),
)
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_value = st.recursive(
    json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
images = st.lists(
    st.fixed_dictionaries(
        {"url": urls},
        optional={
            "width": st.one_of(st.none(), st.integers(0, 5000)),
            "height": st.one_of(st.none(), st.integers(0, 5000)),
            "title": st.one_of(st.none(), st.text(max_size=30)),
        },
    ),
    max_size=2,
)
meta = st.fixed_dictionaries(
    {"title": st.text(max_size=60), "publishedDateTime": dates},
    optional={
        "excerpt": st.one_of(st.none(), st.text(max_size=80)),
        "webUrl": urls,
        "originalUrl": urls,
        "updatedDateTime": dates,
        "category": st.one_of(st.none(), st.text(max_size=15)),
        "published": st.booleans(),
        "quality": st.integers(0, 100),
        "secured": st.text(),
        "provider": st.one_of(st.none(), st.fixed_dictionaries({"name": st.text(max_size=20)})),
        "topics": st.one_of(st.none(), st.lists(st.text(max_size=15), max_size=3)),
        "images": images,
        "extra": json_value,
    },
)
records = st.builds(
    lambda m, body, fmt, n: Record(m, body, Source(f"posts/{n}.md", "yaml"), fmt),
    meta,
    st.text(max_size=200),
    st.sampled_from(["markdown", "html", "text"]),
    st.integers(0, 99),
)


def _write(fmt: str, batch: list[Record], **options: Any) -> bytes:
    out = io.BytesIO()
    get_converter(fmt).write(batch, out, emit=lambda d: None, **options)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records, max_size=4), st.booleans())
def test_every_format_converts_any_schema_like_record(batch: list[Record], base: bool) -> None:
    feed = {"feed_title": "T", "include_unpublished": True}
    if base:
        feed["base_url"] = "https://base.example/"
    for fmt in FORMATS:
        options = feed if fmt in ("rss", "atom", "jsonfeed") else {}
        data = _write(fmt, batch, **options)
        if fmt in ("rss", "atom"):
            etree.fromstring(data)  # well-formed whatever the input
            assert not feedparser.parse(data).bozo
            assert len(feedparser.parse(data).entries) == len(
                {
                    i.findtext("{*}guid") or i.findtext("{*}id")
                    for i in etree.fromstring(data).iter(
                        "item", "{http://www.w3.org/2005/Atom}entry"
                    )
                }
            )
        elif fmt == "jsonfeed":
            assert json.loads(data)["version"].startswith("https://jsonfeed.org/")
        elif fmt == "jsonl":
            lines = data.decode("utf-8").splitlines()
            assert [json.loads(line)["meta"] for line in lines] == [dict(r.meta) for r in batch]


@settings(max_examples=100, deadline=None)
@given(records)
def test_json_reloads_to_the_same_meta(record: Record) -> None:
    doc = json.loads(_write("json", [record]))
    assert doc["meta"] == dict(record.meta)
    assert list(doc["meta"]) == list(record.meta)
    assert doc["body"] == record.body
