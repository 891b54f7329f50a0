"""A conversion's findings in report order, kept on disk rather than in memory.

A conversion learns most findings file by file, as each record is read and converted, and
those of a run over folders arrive in report order (path, then line, column and rule). Some
come later or out of turn: a feed knows of a repeated id only when it writes its items newest
first, after every record has been read; its own findings (no site link) name the feed, not a
file; and files named out of text order come out of it. The report must still list them all
in report order, so each file's findings are written to a temporary file as the next file
begins, those out of turn are sorted in runs of :data:`RUN_SIZE` (on disk past that), and the
report merges them once the run is over. Memory holds one file's findings and one run.
"""

from __future__ import annotations

import heapq
import json
import tempfile
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import IO

from convert.diagnostics import Diagnostic, Severity
from convert.run.report import FileResult

RUN_SIZE = 20_000
"""Findings out of turn sorted in memory before they go to disk as one sorted run."""


class OrderedFindings:
    """Collects a conversion's findings (:meth:`begin` each file, :meth:`add` findings) and
    gives them back in report order, a file at a time (:meth:`results`)."""

    def __init__(self, run_size: int | None = None) -> None:
        self._run_size = RUN_SIZE if run_size is None else run_size
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._runs: list[IO[str]] = []
        self._current: str | None = None
        self._last: str | None = None  # the path of the last group in the spool
        self._group: list[Diagnostic] = []
        self._late: list[Diagnostic] = []

    def begin(self, path: str) -> None:
        """The file ``path`` is next: the findings of the one before are complete."""
        if path != self._current:
            self._flush()
            self._current = path

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic.path == self._current:
            self._group.append(diagnostic)
        else:
            self._out_of_turn(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def results(self) -> Iterator[FileResult]:
        """The findings of each path in report order (consumes them; closes the spool)."""
        self._flush()
        self._current = None
        streams = [_read_back(self._spool), *map(_read_back, self._runs)]
        streams.append(iter(sorted(self._late, key=Diagnostic.sort_key)))
        self._late = []
        merged = heapq.merge(*streams, key=Diagnostic.sort_key)
        try:
            for path, group in groupby(merged, key=_path):
                yield path, False, list(group), ()
        finally:
            self.close()

    def close(self) -> None:
        for stream in (self._spool, *self._runs):
            stream.close()

    def _flush(self) -> None:
        group, self._group = self._group, []
        if not group or self._current is None:
            return
        if self._last is not None and self._current < self._last:
            for diagnostic in group:  # a file named out of text order
                self._out_of_turn(diagnostic)
            return
        group.sort(key=Diagnostic.sort_key)
        self._spool.writelines(map(_line, group))
        self._last = self._current

    def _out_of_turn(self, diagnostic: Diagnostic) -> None:
        self._late.append(diagnostic)
        if len(self._late) >= self._run_size:
            run = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            self._runs.append(run)
            run.writelines(map(_line, sorted(self._late, key=Diagnostic.sort_key)))
            self._late = []


def _path(diagnostic: Diagnostic) -> str:
    return diagnostic.path


def _line(d: Diagnostic) -> str:
    fields = [d.path, d.line, d.column, d.rule, int(d.severity), d.message, d.pointer, d.hint]
    return json.dumps(fields) + "\n"  # ASCII: a name's lone surrogates survive the trip


def _read_back(stream: IO[str]) -> Iterator[Diagnostic]:
    stream.seek(0)
    for text in stream:
        path, line, column, rule, severity, message, pointer, hint = json.loads(text)
        yield Diagnostic(path, line, column, rule, Severity(severity), message, pointer, hint)
