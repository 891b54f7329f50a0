"""A run's findings as a stream, with the counts and the exit status they add up to.

A run never holds all its findings: they pass through here as each file finishes, already in
report order (path, then line, column and rule), and only the counts stay. The same file named
twice is reported once, as before streaming.
"""

from __future__ import annotations

import pickle
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from convert.diagnostics import Diagnostic, Severity, sort_diagnostics

FileResult = tuple[str, bool, list[Diagnostic], tuple[object, ...]]
"""One finished input: its display path, whether it counts as a file, its findings, and its
digests for the rules across records."""

Corpus = Callable[[str, tuple[object, ...]], list[Diagnostic]]
"""Turns one file's digests into its findings across records, in report order."""


class RunReport:
    """Iterate ``findings`` once (it drives the run); ``files``, ``count`` and ``exit_code``
    describe what has gone past, so read them after the findings. Asked for first, the
    counts run the rest of the run themselves, and its findings wait in a temporary file for
    ``findings`` to give them (memory holds none of them either way).

    Use as a context manager (or call ``close``) to stop the run early: pending work in
    worker processes is cancelled.
    """

    def __init__(
        self,
        results: Iterable[FileResult],
        *,
        strict: bool = False,
        close: Callable[[], None] | None = None,
        corpus: Corpus | None = None,
        files: int = 0,
        notes: Callable[[], list[Diagnostic]] | None = None,
        kept: str | None = None,
        inputs: int | None = None,
    ) -> None:
        self._results = results
        self._notes = notes  # the run's own findings, known once its files are all met
        self._corpus = corpus
        self._close = close
        self.strict = strict
        self.files = files  # counted beforehand by a run that has read every file already
        # Why a conversion left its output file as it was (None: written as asked).
        self.kept = kept
        # Files and unreadable folders alike: 0 means nothing was found. A conversion has
        # counted them (its findings come grouped by path, not by input).
        self.inputs = 0 if inputs is None else inputs
        self._counting = inputs is None
        self.counts: Counter[Severity] = Counter()
        self.error_rules: set[str] = set()  # the rules of error findings (a few ids at most)
        self._started = False  # the run's stream is being (or has been) read
        self._given = False  # ``findings`` has been handed out
        self._spool: IO[bytes] | None = None  # findings the counts read before they were
        self._closing: weakref.finalize[[], RunReport] | None = None  # closes the spool with it

    @property
    def findings(self) -> Iterator[Diagnostic]:
        if self._given:
            raise RuntimeError("a run's findings can be read only once")
        self._given = True
        if self._spool is not None:
            # The reader owns the file now (closed at its end, or when it is dropped), so
            # that the findings outlive a report dropped while they are read.
            if self._closing is not None:
                self._closing.detach()
            spool, self._spool = self._spool, None
            return _read_back(spool)
        self._started = True
        return self._stream()

    def __iter__(self) -> Iterator[Diagnostic]:
        return self.findings

    def _stream(self) -> Iterator[Diagnostic]:
        group: list[Diagnostic] = []
        current: str | None = None
        for display, is_file, found, digests in self._results:
            self.files += is_file
            self.inputs += self._counting
            if display != current:
                yield from self._flush(group)
                group, current = [], display
            group.extend(found)
            if digests and self._corpus is not None:
                group.extend(self._corpus(display, digests))
        yield from self._flush(group)
        if self._notes is not None:
            yield from self._flush(self._notes())

    def _settle(self) -> None:
        """Counts asked for before the findings were read: read them now, into a temporary
        file that ``findings`` gives back."""
        if self._started or self._given:
            return
        import tempfile

        self._started = True
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for ``findings``
        try:
            for diagnostic in self._stream():
                pickle.dump(diagnostic, spool, pickle.HIGHEST_PROTOCOL)
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        self._spool = spool
        # A report dropped with its findings unread (a script that wants the exit code
        # alone) closes its file as it goes, without a warning that it was left open.
        self._closing = weakref.finalize(self, spool.close)

    def _flush(self, group: list[Diagnostic]) -> Iterator[Diagnostic]:
        for diagnostic in sort_diagnostics(group):
            self.counts[diagnostic.severity] += 1
            if diagnostic.severity is Severity.ERROR:
                self.error_rules.add(diagnostic.rule)
            yield diagnostic

    def count(self, severity: Severity) -> int:
        self._settle()
        return self.counts[severity]

    def failed(self, *, strict: bool | None = None) -> bool:
        self._settle()
        strict = self.strict if strict is None else strict
        threshold = Severity.WARNING if strict else Severity.ERROR
        return any(n for severity, n in self.counts.items() if severity >= threshold)

    def exit_code(self, *, strict: bool | None = None) -> int:
        """0 when clean, 1 when there are errors (or warnings under ``strict``)."""
        return 1 if self.failed(strict=strict) else 0

    @property
    def status(self) -> str:
        return "fail" if self.failed() else "pass"

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        if self._close is not None:
            self._close()

    def __enter__(self) -> RunReport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _read_back(spool: IO[bytes]) -> Iterator[Diagnostic]:
    """The findings a spool holds, in the order they were written; the spool goes with them."""
    with spool:
        while True:
            try:
                found: Diagnostic = pickle.load(spool)  # our own temporary file
            except EOFError:
                return
            yield found
