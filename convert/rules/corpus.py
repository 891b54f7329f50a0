"""Rules across records: what no single file shows, such as the same article under two names.

A corpus rule is a rule (``id``, ``default_severity``, ``check``) with two more methods:

- ``digest(record, context)`` runs where the record is read (in this process or a worker)
  and returns a small, fixed-size, picklable value, or ``None`` when the record has nothing to
  compare. The record itself never leaves its process.
- ``reducer()`` returns an object whose ``add(path, digest)`` the run calls once per file, in
  report order, and which returns that file's findings.

A corpus rule may set ``enabled = False``: it then runs only when ``--select`` or a configured
level names it.

So a run over any number of files holds digests, never records, and the rule works the same
under every engine. A reducer that must remember one entry per file keeps it compact.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any, ClassVar, Protocol, runtime_checkable

from convert.diagnostics import Diagnostic, Severity
from convert.record import Record
from convert.rules import RuleContext


class Reducer(Protocol):
    def add(self, path: str, digest: Any) -> list[Diagnostic]: ...


@runtime_checkable
class CorpusRule(Protocol):
    id: ClassVar[str]
    default_severity: ClassVar[Severity]

    def digest(self, record: Record, context: RuleContext) -> Any: ...

    def reducer(self) -> Reducer: ...


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (``hash()`` is salted per process)."""
    import hashlib  # only when a corpus rule is on: loading OpenSSL slows every start-up

    return int.from_bytes(
        hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )


class DuplicateUrl:
    """Two records share one webUrl: the same article under two file names (off by default).

    Aggregated corpora repeat themselves. The finding is on the later file (in report order)
    and names the first, with the line of its webUrl. Turn the rule on with ``--select
    corpus``, or beside every other rule with a level in the configuration
    (``"corpus/duplicate-url" = "warning"``). Each record sends a 64-bit hash of its webUrl
    and two small numbers back to the run, never the record.
    """

    id: ClassVar[str] = "corpus/duplicate-url"
    default_severity: ClassVar[Severity] = Severity.WARNING
    enabled: ClassVar[bool] = False  # on with --select corpus or a level in the config

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        return iter(())  # nothing to see in one record alone

    def digest(
        self, record: Record, context: RuleContext
    ) -> tuple[int, int, int] | tuple[int, int, int, str] | None:
        """The link's hash and place, and the field's name where it is not webUrl (an older
        record's sourceUrl, :attr:`Record.link_name`)."""
        name = record.link_name
        url = record.meta.get(name)
        if not isinstance(url, str) or not url:
            return None
        position = record.source.locate(f"/{name}")
        line, column = position if position is not None else (0, 0)
        if name == "webUrl":
            return stable_hash(url), line, column
        return stable_hash(url), line, column, name

    def reducer(self) -> FirstSeen:
        return FirstSeen(self.id, self.default_severity)


class FirstSeen:
    """Where each webUrl hash was first seen; every later file with it gets a finding.

    Up to ``IN_MEMORY`` entries live in a dict; past that they move to a private SQLite
    database on disk (an empty file name: SQLite removes it when closed), whose page cache is
    bounded, so memory stays flat however many records the run has.
    """

    IN_MEMORY = 20_000

    def __init__(self, rule: str, severity: Severity) -> None:
        self.rule = rule
        self.severity = severity
        self._first: dict[int, tuple[str, int]] | None = {}
        self._db: Any = None

    def add(self, path: str, digest: Any) -> list[Diagnostic]:
        if digest is None:
            return []
        key, line, column, *named = digest
        name = named[0] if named else "webUrl"
        first = self._remember(key, path, line)
        if first is None or first[0] == path:  # new, or the same file named twice
            return []
        where = f"{first[0]}:{first[1]}" if first[1] else first[0]
        return [
            Diagnostic(
                path,
                line or None,
                column or None,
                self.rule,
                self.severity,
                f'"{name}" is also the link of {where}',  # its webUrl, or an older sourceUrl
                pointer=f"/{name}",
                hint="the same article twice? remove one, or give each its own URL",
            )
        ]

    def _remember(self, key: int, path: str, line: int) -> tuple[str, int] | None:
        """Record ``key`` as first seen at ``path`` unless known; return the earlier entry."""
        if self._first is not None:
            known = self._first.get(key)
            if known is not None:
                return known
            self._first[key] = (path, line)
            if len(self._first) > self.IN_MEMORY:
                self._to_disk()
            return None
        inserted = self._db.execute(
            "INSERT OR IGNORE INTO first VALUES (?, ?, ?)", (key, path, line)
        ).rowcount
        if inserted:
            return None
        row = self._db.execute("SELECT path, line FROM first WHERE hash = ?", (key,)).fetchone()
        return (row[0], row[1])

    def _to_disk(self) -> None:
        import sqlite3

        self._db = sqlite3.connect("", isolation_level=None)
        # Closed with the reducer, whoever drops it: an unclosed connection is a
        # ResourceWarning from Python 3.13 on.
        weakref.finalize(self, self._db.close)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE first (hash INTEGER PRIMARY KEY, path TEXT, line INT)")
        assert self._first is not None
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT INTO first VALUES (?, ?, ?)", ((k, p, n) for k, (p, n) in self._first.items())
        )
        self._first = None


RULES = [DuplicateUrl]
