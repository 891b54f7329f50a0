"""Records -> rss | atom | jsonfeed -> import gives the same title, link, date, excerpt,
topics and image URLs: a property over generated records and a check on the examples."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from convert import import_feed, load
from convert.converters.writing import convert
from convert.dates import parse_date
from convert.record import Record, Source

FORMATS = ["rss", "atom", "jsonfeed"]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

zones = st.sampled_from(
    [
        UTC,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(-timedelta(hours=8)),
        timezone(timedelta(hours=2)),
    ]
)
# RFC 822 dates (RSS) have whole seconds.
moments = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30), timezones=zones
).map(lambda d: d.replace(microsecond=0))
# Feed texts: printable, no surrounding space (feeds trim it), no characters XML forbids.
words = (
    st.text(
        st.characters(
            codec="utf-8",
            categories=["L", "N", "P", "S", "Zs"],
            exclude_characters="\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


def _not_mojibake(text: str) -> bool:
    """feedparser "repairs" text that reads as UTF-8 taken for Latin-1 ("Ã©" becomes "é"),
    which real feeds need and a literal "Â¡" cannot survive: such texts are left out."""
    try:
        text.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return True
    return text.isascii()


words = words.filter(_not_mojibake)
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
urls = st.builds(lambda host, path: f"https://{host}.example/{path}", slugs, slugs)


@st.composite
def article(draw: st.DrawFn, number: int) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": draw(words),
        "publishedDateTime": draw(moments).isoformat(),
        "webUrl": f"https://news.example/{number}/{draw(slugs)}",
    }
    if draw(st.booleans()):
        meta["excerpt"] = draw(words)
    if draw(st.booleans()):
        meta["topics"] = draw(st.lists(words, min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        meta["images"] = [
            {"url": url} for url in draw(st.lists(urls, min_size=1, max_size=2, unique=True))
        ]
    return meta


_HTML_LIKE = re.compile(r"</\w+>|&#?\w+;")
feeds = st.integers(1, 4).flatmap(lambda n: st.tuples(*[article(i) for i in range(n)]))


def _through(fmt: str, records: list[Record], tmp: Path) -> list[Record]:
    out = io.BytesIO()
    convert(iter(records), fmt, out, feed_title="Round trip", feed_link="https://news.example/")
    path = tmp / f"feed.{fmt}"
    path.write_bytes(out.getvalue())
    return list(import_feed(str(path)))


def _instant(value: object) -> datetime | None:
    return parse_date(value)


def _same(original: Record, imported: Record, fmt: str) -> None:
    want, got = original.meta, imported.meta
    assert got["title"] == want["title"].strip()
    assert got["webUrl"] == want["webUrl"]
    assert _instant(got["publishedDateTime"]) == _instant(want["publishedDateTime"])
    assert got.get("excerpt") == (want.get("excerpt") or None)
    # Feeds carry topics, tags and categories as one list of categories, each once, in order.
    tags = [t for key in ("topics", "tags", "categories") for t in want.get(key) or []]
    assert got.get("topics") == (list(dict.fromkeys(tags)) or None)
    images = [image["url"] for image in want.get("images") or []]
    if fmt == "jsonfeed":
        images = images[:1]  # a JSON Feed item has one image
    assert [image["url"] for image in got.get("images") or []] == images


@pytest.mark.parametrize("fmt", FORMATS)
@given(metas=feeds)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_records_survive_a_feed(
    fmt: str, metas: tuple[dict[str, Any], ...], tmp_path: Path
) -> None:
    if fmt == "rss":
        # RSS gives a title no type: feedparser, as many readers, takes one holding an end tag or
        # an entity ("</b>", "&amp;") for HTML, so such a title cannot come back as written in
        # RSS alone; Atom and JSON Feed say which it is.
        assume(not any(_HTML_LIKE.search(meta["title"]) for meta in metas))
    records = [
        Record(meta, "", Source(f"posts/{i}.md", "yaml"), "markdown")
        for i, meta in enumerate(metas)
    ]
    imported = {r.meta["webUrl"]: r for r in _through(fmt, records, tmp_path)}
    assert len(imported) == len(records)
    for record in records:
        _same(record, imported[record.meta["webUrl"]], fmt)


@pytest.mark.parametrize("fmt", ["atom", "jsonfeed"])
def test_a_title_that_looks_like_markup_survives_a_typed_feed(fmt: str, tmp_path: Path) -> None:
    meta = {
        "title": "</DIV> & <b>",  # (a JSON Feed title reads "&amp;" as real generators mean it)
        "publishedDateTime": "2024-01-02T03:04:05+00:00",
        "webUrl": "https://news.example/1/a",
    }
    record = Record(meta, "", Source("posts/0.md", "yaml"), "markdown")
    (imported,) = _through(fmt, [record], tmp_path)
    assert imported.meta["title"] == meta["title"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_examples_survive_a_feed(fmt: str, tmp_path: Path) -> None:
    records = [load(p) for p in sorted((EXAMPLES / "valid").glob("*.md"))]
    records = [r for r in records if r.meta.get("webUrl")]
    assert records
    imported = {r.meta["webUrl"]: r for r in _through(fmt, records, tmp_path)}
    for record in records:
        copy = dict(record.meta)
        # Feeds carry absolute URLs only; the converter drops relative image URLs.
        copy["images"] = [i for i in copy.get("images") or [] if i["url"].startswith("http")]
        _same(Record(copy, "", record.source), imported[record.meta["webUrl"]], fmt)
