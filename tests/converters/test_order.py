"""The external sort behind newest-first feeds gives the in-memory answer with spilled runs."""

from __future__ import annotations

import importlib
import io
import pickle
import random
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from convert.converters.feeds import order as feed_order
from convert.converters.feeds.items import Image, Item
from convert.converters.feeds.order import FeedOrder, Row

START = datetime(2024, 1, 1, tzinfo=UTC)


def _item(n: int, hours: int | None, uid: str | None = None) -> Item:
    when = None if hours is None else START + timedelta(hours=hours)
    return Item(
        uid or f"id-{n}", None, f"t{n}", None, None, False, when, None, (), (), (), f"p/{n}.md"
    )


def _items(count: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    items = [_item(n, rng.choice([None, *range(30)])) for n in range(count)]
    items += [_item(count, 5, "id-3"), _item(count + 1, 40, "id-7")]  # two duplicate ids
    return items


def _render(item: Item) -> str:
    """What a format would print for the item: here, its title."""
    return item.title


def _expected(items: list[Item]) -> list[str]:
    dated = sorted((i for i in items if i.published), key=lambda i: -i.published.timestamp())
    ordered, seen = [], set()
    for item in dated + [i for i in items if not i.published]:
        if item.id not in seen:
            seen.add(item.id)
            ordered.append(item.path)
    return ordered


def _bytes(items: int) -> int:
    """A run budget that spills every ``items`` test items."""
    return (feed_order.ITEM_OVERHEAD + len(_item(0, 0).title)) * items


@pytest.mark.parametrize("run_size", [1, 3, 7, 1000])
def test_spilled_runs_merge_to_the_in_memory_order(run_size: int, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", tempfile.mkdtemp())
    items = _items(50, seed=run_size)
    found = []
    with FeedOrder(iter(items), found.append, run_bytes=_bytes(run_size), render=_render) as order:
        rows = list(order)
        paths = [row.path for row in rows]
        assert order.newest == START + timedelta(hours=40)
    assert paths == _expected(items)
    # Rows come back as rows, read from disk or not, and whole.
    assert {type(row) for row in rows} == {Row}
    by_path = {i.path: Row(i.id, i.path, i.url, i.title) for i in items}
    assert rows == [by_path[path] for path in paths]
    assert sorted(d.rule for d in found) == ["convert/duplicate-id"] * 2
    assert list(Path(tempfile.tempdir).iterdir()) == []  # spilled runs are cleaned up


def test_limit_stops_early_and_cleans_up() -> None:
    items = _items(40, seed=1)
    with FeedOrder(
        iter(items), lambda d: None, limit=5, run_bytes=_bytes(4), render=_render
    ) as order:
        assert [row.path for row in order] == _expected(items)[:5]


def test_ties_keep_input_order() -> None:
    items = [_item(n, 1) for n in range(10)]
    with FeedOrder(items, lambda d: None, run_bytes=_bytes(3), render=_render) as order:
        assert [row.path for row in order] == [f"p/{n}.md" for n in range(10)]


def _full_item(n: int) -> Item:
    """An item with every field set, unusual values included, for the spill round trip."""
    offset = timezone(timedelta(hours=-5, minutes=-30))
    return Item(
        f"urn:uuid:{n}",
        f"https://example.com/{n}",
        f"Title {n} \u00e9\U0001f600",
        "An <excerpt> & more" if n % 2 else None,
        "body\n" * n or None,
        bool(n % 3),
        datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=offset) if n % 4 else None,
        START + timedelta(days=n) if n % 5 else None,
        ("Ann", "Bob") if n % 2 else (),
        ("AI", "news"),
        (Image("https://example.com/a.jpg", 10, None, "t"), Image("https://e.com/b", None, 3, None))
        if n % 2
        else (),
        f"posts/{n}.md",
    )


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_every_format_row_survives_a_spill_and_a_pickle(fmt: str, monkeypatch) -> None:
    """A format's rows come back from disk as they went in, and cross to worker processes by
    pickle whole, still read by name."""
    monkeypatch.setattr(tempfile, "tempdir", tempfile.mkdtemp())
    render = importlib.import_module(f"convert.converters.feeds.{fmt}")._render
    # Feed items always have a published date (records without one are left out).
    items = [(i := _full_item(n))._replace(published=i.published or START) for n in range(30)]
    with FeedOrder(iter(items), lambda d: None, render=render) as order:
        in_memory = list(order)
    blocks: list[object] = []
    write_blocks = feed_order.write_blocks
    monkeypatch.setattr(feed_order, "write_blocks", lambda *a: blocks.append(write_blocks(*a)))
    with FeedOrder(iter(items), lambda d: None, run_bytes=_bytes(4), render=render) as order:
        spilled = list(order)
    assert len(blocks) > 1  # the rows did go through disk
    assert spilled == in_memory
    assert {row.id: row for row in spilled} == {
        item.id: Row(item.id, item.path, item.url, render(item)) for item in items
    }
    back = pickle.loads(pickle.dumps(spilled))
    assert back == spilled and {type(row) for row in back + spilled} == {Row}


def test_spill_blocks_round_trip() -> None:
    rows = [(f"id-{n}", f"p/{n}.md", None, {"n": [n, "\u00e9"]}) for n in range(30)]
    entries = [(float(n), n, row) for n, row in enumerate(rows)]
    stream = io.BytesIO()
    feed_order.write_blocks(entries, stream, 7)  # five blocks, the last one short
    stream.seek(0)
    assert list(feed_order.read_blocks(stream)) == entries


def test_many_runs_merge_in_passes_with_bounded_fan_in(monkeypatch) -> None:
    monkeypatch.setattr(feed_order, "FAN_IN", 3)
    items = _items(60, seed=9)
    found = []
    with FeedOrder(iter(items), found.append, run_bytes=_bytes(2), render=_render) as order:
        assert [row.path for row in order] == _expected(items)
    assert sorted(d.rule for d in found) == ["convert/duplicate-id"] * 2


def test_duplicate_hashes_in_any_partition_are_found(monkeypatch) -> None:
    # Every partition boundary is crossed: ids spread over the whole hash range.
    items = [_item(n, n % 7) for n in range(400)] + [
        _item(400 + n, 50, f"id-{n}") for n in range(0, 400, 37)
    ]
    found = []
    with FeedOrder(iter(items), found.append, run_bytes=_bytes(50), render=_render) as order:
        kept = [row.path for row in order]
    assert kept == _expected(items)
    assert len(found) == len(range(0, 400, 37))
