"""Newest-first order, ``limit`` and duplicate ids for feeds, in memory bounded by a byte budget.

A feed is written newest first, but records arrive in any order and a streaming writer cannot
take back what it wrote. So ordering is an external merge sort: items are collected until their
estimated size reaches ``RUN_BYTES``; an input that fits is sorted in memory (the usual case, no
disk), a longer one is spilled run by run to a private temporary directory and merged lazily
while the feed is written. The budget is in bytes, not items, so a feed of long articles spills
as early as it must and one of short items does not spill needlessly.

Items are ordered as *rows* (:class:`Row`): the id, path and URL the order needs, and the item
as the feed format writes it (``render``), already cleaned and formatted. Rows are what the
writer reads, what is kept in memory and what is spilled, so nothing is rendered twice. The
spill format is the cheapest Python can read back: a run file is a sequence of blocks, each an
8-byte length and a :mod:`marshal` dump of a list of ``(primary, index, row)`` entries (until
it is yielded, a row is a plain tuple of its fields: marshal writes no tuple subclass). Blocks
are read whole, by ``marshal.loads``: ``marshal.load`` would read a few bytes per Python call.
An entry starts with its sort key, so runs merge by plain tuple comparison. Merging holds one block
per run; past ``FAN_IN`` runs, runs are first merged into longer ones, so open files are bounded.

Duplicate ids are found without holding every id: each item's 64-bit id hash goes to one of
``PARTITIONS`` files by its top bits, and each file is then checked on its own with a set (normally
no hash repeats). Only items whose hash repeats are compared by their real id while writing. The
newest item with an id is kept; later ones are left out with a ``convert/duplicate-id`` finding.

The spill folder goes away when the feed is written, when writing fails and when the run is
interrupted (the exception passes through here). Its name carries the host and process id, so a
folder left by a killed process is removed by the next run that spills.
"""

from __future__ import annotations

import bisect
import heapq
import marshal
import math
import shutil
import sys
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import partial
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Generic, NamedTuple, TypeVar

from convert.atomic import left_by_dead_process, temp_prefix
from convert.converters import Emit
from convert.converters.feeds.items import Item
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.stop_signals import signals_held

FINDINGS = (
    FindingKind(
        "convert/duplicate-id",
        Severity.WARNING,
        "A feed item has the id of an earlier item: it is left out.",
    ),
)

RUN_BYTES = 16 * 2**20
"""In-memory run budget: the estimated size of the items held before a run is spilled. The
estimate counts an item's texts once; a JSON Feed row holds the body twice (as HTML and as
text), so its runs take about twice the budget."""
ITEM_OVERHEAD = 600
"""Bytes an item takes beyond its long texts (the tuple, id, path, dates, tags, sort key)."""
BLOCK_BYTES = 2**16
FAN_IN = 64
PARTITIONS = 64
_LENGTH = 8
_MIN_HASH = -(2**63)
_PARTITION_SPAN = 2**64 // PARTITIONS

Rendered = TypeVar("Rendered")


class Row(NamedTuple, Generic[Rendered]):
    """An item as its format writes it, and what ordering needs: a small tuple, read by name."""

    id: str
    path: str
    url: str | None
    rendered: Rendered  # rss, atom: the element as one line of XML; jsonfeed: the JSON object


class Prepared(NamedTuple, Generic[Rendered]):
    """An item built and rendered elsewhere (on a cluster's worker): what the order reads of an
    item (its id, dates and the texts weighed against the run budget) and the format's rendered
    form. Given in place of an item, it becomes the same row, so a feed of prepared items is the
    same bytes as one built here."""

    id: str
    path: str
    url: str | None
    title: str
    summary: str | None
    content: str | None
    published: datetime
    updated: datetime | None
    rendered: Rendered
    authored: bool = True  # the item names its own author (an Atom feed then needs none)


Entry = tuple[float, int, tuple[str, str, str | None, Any]]
"""A row's fields behind its sort key: ``(primary, input index, (id, path, url, rendered))``;
indexes are unique, so rows are never compared."""

_as_row: Callable[[tuple[Any, ...]], Row[Any]] = partial(tuple.__new__, Row)
"""A row's fields as a :class:`Row`, without ``Row.__new__``'s Python-level call."""


def write_blocks(rows: Iterable[Entry], out: IO[bytes], rows_per_block: int) -> None:
    """Write ``rows`` as length-prefixed marshal blocks of ``rows_per_block`` rows."""
    rows = iter(rows)
    while block := list(islice(rows, rows_per_block)):
        data = marshal.dumps(block)
        out.write(len(data).to_bytes(_LENGTH, "little"))
        out.write(data)


def read_blocks(stream: IO[bytes]) -> Iterator[Entry]:
    """The rows ``write_blocks`` wrote, one block in memory at a time."""
    while header := stream.read(_LENGTH):
        yield from marshal.loads(stream.read(int.from_bytes(header, "little")))


SPILL_NAME = "artconv-sort"
_swept: set[str] = set()


def remove_stale_spills(folder: str | None = None) -> list[Path]:
    """Remove the spill folders that dead processes of this host left (one look per folder)."""
    root = folder or tempfile.gettempdir()
    removed: list[Path] = []
    if root in _swept:
        return removed
    _swept.add(root)
    try:
        names = [p.name for p in Path(root).iterdir() if p.name.startswith(f".{SPILL_NAME}.")]
    except OSError:
        return removed
    for name in names:
        if left_by_dead_process(name):
            shutil.rmtree(Path(root, name), ignore_errors=True)
            removed.append(Path(root, name))
    return removed


class _Spill:
    """Sorted runs on disk, and every item's id hash filed by partition."""

    def __init__(self) -> None:
        remove_stale_spills()
        self._dir = tempfile.TemporaryDirectory(prefix=temp_prefix(SPILL_NAME))
        self._runs: list[tuple[Path, int]] = []  # each run's file and rows per block
        self._count = 0
        self._open: list[IO[bytes]] = []
        self._ids = [self._file(f"{p}.ids").open("wb") for p in range(PARTITIONS)]

    def _file(self, name: str) -> Path:
        return Path(self._dir.name, name)

    def _new_run(self, rows: Iterable[Entry], rows_per_block: int) -> None:
        path = self._file(f"{self._count}.run")
        self._count += 1
        with path.open("wb") as out:
            write_blocks(rows, out, rows_per_block)
        self._runs.append((path, rows_per_block))

    def add(self, run: list[Entry], hashes: list[int], size: int) -> None:
        """Spill ``run`` (``size`` bytes, ids hashed in ``hashes``), sorted, in blocks."""
        run.sort()
        self._new_run(run, max(1, len(run) * BLOCK_BYTES // max(size, 1)))
        # Sorted, each partition's hashes are one slice: its top bits are the partition number.
        hashes.sort()
        start = 0
        for p, stream in enumerate(self._ids):
            end = bisect.bisect_left(hashes, _MIN_HASH + (p + 1) * _PARTITION_SPAN, start)
            array("q", hashes[start:end]).tofile(stream)
            start = end

    def merged(self) -> Iterator[Row[Any]]:
        while len(self._runs) > FAN_IN:
            first, self._runs = self._runs[:FAN_IN], self._runs[FAN_IN:]
            self._new_run(heapq.merge(*map(self._rows, first)), min(n for _, n in first))
            for path, _ in first:
                path.unlink()
        return map(_as_row, map(itemgetter(2), heapq.merge(*map(self._rows, self._runs))))

    def _rows(self, run: tuple[Path, int]) -> Iterator[Entry]:
        stream = run[0].open("rb")
        self._open.append(stream)
        try:
            yield from read_blocks(stream)
        finally:
            stream.close()

    def repeated_hashes(self) -> set[int]:
        repeated: set[int] = set()
        for stream in self._ids:
            stream.close()
            hashes = array("q", Path(stream.name).read_bytes())
            if len(set(hashes)) < len(hashes):
                repeated.update(h for h, n in Counter(hashes).items() if n > 1)
        return repeated

    def close(self) -> None:
        # Held: an interrupt raised again amid the removal (one Python dropped the first
        # time, see convert.cli.interrupts) would leave the rest of the folder behind.
        with signals_held():
            for stream in self._open + self._ids:
                stream.close()
            self._dir.cleanup()


class FeedOrder(Generic[Rendered]):
    """Rows newest first, deduplicated and limited; use as a context manager.

    The first pass (reading every item, spilling if long) runs on construction, so ``newest``
    (the latest published or updated instant of any item, the feed's own date) is known before
    the first byte of the feed is written. Each item becomes a row, holding ``render(item)``,
    at once, so only rows are held, sorted, spilled and yielded.
    """

    def __init__(
        self,
        items: Iterable[Item | Prepared[Rendered]],
        emit: Emit,
        limit: int | None = None,
        run_bytes: int | None = None,  # RUN_BYTES, read when called so tests can lower it
        *,
        render: Callable[[Item], Rendered],
    ) -> None:
        run_bytes = RUN_BYTES if run_bytes is None else run_bytes
        self._emit = emit
        # A limit past sys.maxsize, the most islice takes, is past any count of items.
        self._limit = None if limit is not None and limit > sys.maxsize else limit
        self._spill: _Spill | None = None
        try:
            newest: datetime | None = None
            run: list[Entry] = []
            hashes: list[int] = []  # of the run's ids, to find repeated ones
            append, note = run.append, hashes.append
            size = 0
            inf = math.inf
            for index, item in enumerate(items):
                uid = item.id
                rendered = item.rendered if isinstance(item, Prepared) else render(item)
                row = (uid, item.path, item.url, rendered)
                note(hash(uid))
                published, updated = item.published, item.updated
                if published is not None:
                    append((-published.timestamp(), index, row))
                    if newest is None or published > newest:
                        newest = published
                    if updated is not None and updated > newest:
                        newest = updated
                elif updated is not None:
                    append((-updated.timestamp(), index, row))
                    if newest is None or updated > newest:
                        newest = updated
                else:
                    # Dated items first, newest first; then undated ones. Ties keep input order.
                    append((inf, index, row))
                # The run budget's estimate of what the item holds: overhead plus its long texts.
                size += ITEM_OVERHEAD + len(item.title) + len(item.url or "")
                if item.summary:
                    size += len(item.summary)
                if item.content:
                    size += len(item.content)
                if size >= run_bytes:
                    if self._spill is None:
                        with signals_held():  # an interrupt now would lose track of it
                            self._spill = _Spill()
                    self._spill.add(run, hashes, size)
                    run, hashes, size = [], [], 0
                    append, note = run.append, hashes.append
            self.newest = newest
            if self._spill is None:
                run.sort()
                self._rows: Iterator[Row[Rendered]] = map(_as_row, map(itemgetter(2), run))
                self._repeated = (
                    {h for h, n in Counter(hashes).items() if n > 1}
                    if len(set(hashes)) < len(hashes)
                    else set()
                )
            else:
                if run:
                    self._spill.add(run, hashes, size)
                self._repeated = self._spill.repeated_hashes()
                self._rows = self._spill.merged()
        except BaseException:  # a failure or an interrupt: the spill folder goes too
            if self._spill is not None:
                self._spill.close()
            raise

    def __iter__(self) -> Iterator[Row[Rendered]]:
        if not self._repeated:  # the usual case: nothing to check per item
            return islice(self._rows, self._limit)
        return self._deduplicated()

    def _deduplicated(self) -> Iterator[Row[Rendered]]:
        first_path: dict[str, str] = {}
        written = 0
        limit, repeated = self._limit, self._repeated
        for row in self._rows:
            if limit is not None and written >= limit:
                return
            uid = row.id
            if hash(uid) in repeated:
                if uid in first_path:
                    self._emit(
                        Diagnostic(
                            row.path,
                            None,
                            None,
                            "convert/duplicate-id",
                            Severity.WARNING,
                            f"id {uid} is also the id of {first_path[uid]}: left out",
                        )
                    )
                    continue
                first_path[uid] = row.path
            written += 1
            yield row

    def __enter__(self) -> FeedOrder[Rendered]:
        return self

    def __exit__(self, *_: object) -> None:
        if self._spill is not None:
            self._spill.close()
