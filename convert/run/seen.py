"""A set that moves to a temporary file when it grows: memory stays fixed however many
members it gets.

A run that writes one file per record must know which files are inputs and which outputs it
has written already, so that no output replaces an input or another output. Those are as many
as the records; up to :data:`IN_MEMORY` members live in a Python set, and past that they move
to a temporary SQLite table (connected to ``""``, which SQLite deletes when it is closed).
"""

from __future__ import annotations

import os
import sqlite3
import weakref
from pathlib import Path

IN_MEMORY = 20_000
"""Members held in memory (a few MiB) before the set moves to disk."""


class SpillingSet:
    """An exact set of ``bytes``: ``add`` and ``in``, in memory while small, on disk after."""

    def __init__(self, in_memory: int | None = None) -> None:
        self._limit = IN_MEMORY if in_memory is None else in_memory
        self._members: set[bytes] | None = set()
        self._db: sqlite3.Connection | None = None

    def add(self, member: bytes) -> None:
        if self._members is not None:
            self._members.add(member)
            if len(self._members) > self._limit:
                self._to_disk()
            return
        assert self._db is not None
        self._db.execute("INSERT OR IGNORE INTO members VALUES (?)", (member,))

    def __contains__(self, member: object) -> bool:
        if self._members is not None:
            return member in self._members
        assert self._db is not None
        found = self._db.execute("SELECT 1 FROM members WHERE m = ?", (member,)).fetchone()
        return found is not None

    @property
    def on_disk(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._members = set()

    def _to_disk(self) -> None:
        db = sqlite3.connect("", isolation_level=None)
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE members (m BLOB PRIMARY KEY) WITHOUT ROWID")
        db.execute("BEGIN")  # never committed: the table lives and dies with the connection
        assert self._members is not None
        db.executemany("INSERT INTO members VALUES (?)", ((m,) for m in self._members))
        self._members = None
        self._db = db
        # Closed by close(), or with the set where a caller never calls it: an unclosed
        # connection is a ResourceWarning from Python 3.13 on.
        weakref.finalize(self, db.close)


class PathSet:
    """A :class:`SpillingSet` of paths (as their file-system bytes, which any name has)."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.members = SpillingSet(in_memory)

    def add(self, path: Path, /) -> None:
        self.members.add(os.fsencode(path))

    def __contains__(self, path: object, /) -> bool:
        return isinstance(path, Path) and os.fsencode(path) in self.members

    def close(self) -> None:
        self.members.close()


def identity_key(identity: tuple[int, int]) -> bytes:
    """A file's device and inode as a set member."""
    return b"%d:%d" % identity
