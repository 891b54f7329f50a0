"""Newest-first order, ``limit`` and duplicate ids for feeds, in memory bounded by a run.

A feed is written newest first, but records arrive in any order and a streaming writer cannot
take back what it wrote. So ordering is an external merge sort: items are collected in runs of
``RUN_ITEMS``; an input that fits in one run is sorted in memory (the usual case, no disk), a
longer one is spilled run by run to a private temporary directory as sorted chunks and merged
lazily while the feed is written. Spilled items are stored with :mod:`marshal` as plain tuples
(dates as ISO strings), several times faster to read back than pickled named tuples. Memory is
one run plus one chunk per run, whatever the input length. Ties keep input order; items without
a date come last, in input order.

Duplicate ids are found the same way: each run's 64-bit id hashes are kept sorted next to it,
merged once to find the hashes seen twice (normally none), and only items with such a hash are
compared by their real id while writing. The newest item with an id is kept; later ones are left
out with a ``convert/duplicate-id`` finding.
"""

from __future__ import annotations

import heapq
import marshal
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from convert.converters import Emit
from convert.converters._items import Image, Item
from convert.diagnostics import Diagnostic, Severity

RUN_ITEMS = 20_000
_CHUNK = 500
_Key = tuple[int, float, int]


def _encode(item: Item) -> tuple[Any, ...]:
    return (
        *item[:6],
        item.published.isoformat() if item.published else None,
        item.updated.isoformat() if item.updated else None,
        item.authors,
        item.tags,
        tuple(tuple(image) for image in item.images),
        item.path,
    )


def _decode(row: tuple[Any, ...]) -> Item:
    published, updated = row[6], row[7]
    return Item._make(
        (
            *row[:6],
            datetime.fromisoformat(published) if published else None,
            datetime.fromisoformat(updated) if updated else None,
            row[8],
            row[9],
            tuple(Image._make(image) for image in row[10]),
            row[11],
        )
    )


def _key(item: Item, index: int) -> _Key:
    when = item.published or item.updated
    return (0, -when.timestamp(), index) if when else (1, 0.0, index)


class _Spill:
    """Sorted runs on disk, each a file of marshalled chunks plus a file of sorted id hashes."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="artconv-sort-")
        self._runs = 0
        self._open: list[IO[bytes]] = []

    def add(self, run: list[tuple[_Key, Item]]) -> None:
        run.sort(key=itemgetter(0))
        base = Path(self._dir.name) / str(self._runs)
        self._runs += 1
        with base.with_suffix(".items").open("wb") as out:
            for start in range(0, len(run), _CHUNK):
                marshal.dump([(k, _encode(i)) for k, i in run[start : start + _CHUNK]], out)
        with base.with_suffix(".ids").open("wb") as out:
            array("q", sorted(hash(item.id) for _, item in run)).tofile(out)

    def _read(self, path: Path, reader: Any) -> Iterator[Any]:
        stream = path.open("rb")
        self._open.append(stream)
        yield from reader(stream)

    def merged(self) -> Iterator[tuple[_Key, Item]]:
        return heapq.merge(*(self._read(p, _unpickle) for p in self._files(".items")))

    def repeated_hashes(self) -> set[int]:
        merged = heapq.merge(*(self._read(p, _hashes) for p in self._files(".ids")))
        return {h for h, group in groupby(merged) if next(group) == h and next(group, None) == h}

    def _files(self, suffix: str) -> list[Path]:
        return [Path(self._dir.name, f"{i}{suffix}") for i in range(self._runs)]

    def close(self) -> None:
        for stream in self._open:
            stream.close()
        self._dir.cleanup()


def _unpickle(stream: IO[bytes]) -> Iterator[tuple[_Key, Item]]:
    while True:
        try:
            chunk: list[tuple[_Key, tuple[Any, ...]]] = marshal.load(stream)
        except EOFError:
            return
        for key, row in chunk:
            yield key, _decode(row)


def _hashes(stream: IO[bytes]) -> Iterator[int]:
    while block := stream.read(8 * _CHUNK * 8):
        yield from array("q", block)


class FeedOrder:
    """Items newest first, deduplicated and limited; use as a context manager.

    The first pass (reading every item, spilling if long) runs on construction, so ``newest``
    (the latest published or updated instant of any item, the feed's own date) is known before
    the first byte of the feed is written.
    """

    def __init__(
        self, items: Iterable[Item], emit: Emit, limit: int | None = None, run_size: int = RUN_ITEMS
    ) -> None:
        self._emit = emit
        self._limit = limit
        self._spill: _Spill | None = None
        self.newest: datetime | None = None
        run: list[tuple[_Key, Item]] = []
        for index, item in enumerate(items):
            run.append((_key(item, index), item))
            for when in (item.published, item.updated):
                if when is not None and (self.newest is None or when > self.newest):
                    self.newest = when
            if len(run) >= run_size:
                self._spill = self._spill or _Spill()
                self._spill.add(run)
                run = []
        if self._spill is None:
            run.sort(key=itemgetter(0))
            self._ordered: Iterator[tuple[_Key, Item]] = iter(run)
            counts = Counter(hash(item.id) for _, item in run)
            self._repeated = {h for h, n in counts.items() if n > 1}
        else:
            if run:
                self._spill.add(run)
            self._ordered = self._spill.merged()
            self._repeated = self._spill.repeated_hashes()

    def __iter__(self) -> Iterator[Item]:
        first_path: dict[str, str] = {}
        written = 0
        for _, item in self._ordered:
            if self._limit is not None and written >= self._limit:
                return
            if self._repeated and hash(item.id) in self._repeated:
                if item.id in first_path:
                    self._emit(
                        Diagnostic(
                            item.path,
                            None,
                            None,
                            "convert/duplicate-id",
                            Severity.WARNING,
                            f"id {item.id} is also the id of {first_path[item.id]}: left out",
                        )
                    )
                    continue
                first_path[item.id] = item.path
            written += 1
            yield item

    def __enter__(self) -> FeedOrder:
        return self

    def __exit__(self, *_: object) -> None:
        if self._spill is not None:
            self._spill.close()
