"""The external sort behind newest-first feeds gives the in-memory answer with spilled runs."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from convert.converters._items import Item
from convert.converters._order import FeedOrder

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


def _expected(items: list[Item]) -> list[str]:
    dated = sorted((i for i in items if i.published), key=lambda i: -i.published.timestamp())
    ordered, seen = [], set()
    for item in dated + [i for i in items if not i.published]:
        if item.id not in seen:
            seen.add(item.id)
            ordered.append(item.path)
    return ordered


@pytest.mark.parametrize("run_size", [1, 3, 7, 1000])
def test_spilled_runs_merge_to_the_in_memory_order(run_size: int, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", tempfile.mkdtemp())
    items = _items(50, seed=run_size)
    found = []
    with FeedOrder(iter(items), found.append, run_size=run_size) as order:
        paths = [item.path for item in order]
        assert order.newest == START + timedelta(hours=40)
    assert paths == _expected(items)
    assert sorted(d.rule for d in found) == ["convert/duplicate-id"] * 2
    assert list(Path(tempfile.tempdir).iterdir()) == []  # spilled runs are cleaned up


def test_limit_stops_early_and_cleans_up() -> None:
    items = _items(40, seed=1)
    with FeedOrder(iter(items), lambda d: None, limit=5, run_size=4) as order:
        assert [i.path for i in order] == _expected(items)[:5]


def test_ties_keep_input_order() -> None:
    items = [_item(n, 1) for n in range(10)]
    with FeedOrder(items, lambda d: None, run_size=3) as order:
        assert [i.path for i in order] == [f"p/{n}.md" for n in range(10)]
