"""Which per-record outputs the process that runs the workers must settle itself.

Workers write each record's own file where no other input can claim it; the few outputs one
process would decide about in input order (a file two inputs would both write, one that would
replace an input) come back as bytes and are written, or refused with a finding, here. Claims
are noted in input order as inputs go out (the ``--jobs N`` workers, a cluster's partitions),
so the outcome is the one of a run in one process, whatever order the workers finish in.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from convert.batch import Input
from convert.converters.writing import Rendered, output_clash, output_refused
from convert.diagnostics import Diagnostic
from convert.run.per_record import WRITTEN, Outcome, counted, place
from convert.run.seen import SpillingSet
from convert.run.urls import is_url, process_local, write_url


class Claims:
    """Which outputs this process must arbitrate, decided in input order as inputs go out to
    the workers: the second input to claim a file, an output that is an input, and every output
    into a store only this process reaches. The outputs claimed and written are as many as the
    records, so both are kept in a :class:`SpillingSet`, whose memory stays fixed."""

    def __init__(
        self, folder: str | None, extension: str, protected: Callable[[], Callable[[Path], bool]]
    ) -> None:
        self.folder = folder
        self.extension = extension
        # Noting the inputs walks them all: only a local folder of outputs needs it.
        local = folder is not None and not is_url(folder)
        self.protected = protected() if local else (lambda path: False)
        self.everything = folder is not None and is_url(folder) and process_local(folder)
        self.claimed = SpillingSet()  # outputs of inputs sent so far
        self.written = SpillingSet()  # outputs written so far, by a worker or by this process
        self.pending: deque[tuple[str, str, bool]] = deque()  # sent inputs' outputs, in order

    def contested(self, part: list[Input]) -> list[bool]:
        """Whether the client arbitrates each output of a partition about to go out."""
        if self.folder is None:
            return [False] * len(part)
        flags = []
        folders: dict[str, str] = {}
        for item in part:
            target = place(self.folder, item.relative, self.extension)
            key = target if is_url(target) else _resolved(target, folders)
            is_input = not is_url(key) and self.protected(Path(key))
            member = os.fsencode(key)
            flags.append(self.everything or is_input or member in self.claimed)
            self.claimed.add(member)
            self.pending.append((key, target, is_input))
        return flags

    def settle(self, outputs: Iterator[Any], emit: Callable[[Diagnostic], None]) -> None:
        """Take each input's outcome in input order: note what its worker wrote, and write
        (or refuse with a finding, as one process would) what came back."""
        for out in outputs:
            key, target, is_input = self.pending.popleft()
            if out == WRITTEN:
                self.written.add(os.fsencode(key))
            elif isinstance(out, Rendered):
                if is_input or os.fsencode(key) in self.written:
                    emit(output_clash(out.path, target, is_input))
                    continue
                try:
                    _write_bytes(key, out.data)
                except OSError as exc:
                    refused = output_refused(exc, out.path, target)
                    if refused is None:
                        raise
                    emit(refused)
                    continue
                for finding in out.findings:
                    emit(finding)
                self.written.add(os.fsencode(key))

    def close(self) -> None:
        """Let the sets go (and their temporary files, if they spilled)."""
        self.claimed.close()
        self.written.close()


def take_outcomes(
    outcomes: Iterable[tuple[Input, Outcome]],
    claims: Claims,
    converter: Any,
    output: Path | None,
    stdout: BinaryIO | None,
    emit: Callable[[Diagnostic], None],
    noted: Callable[[Input, list[Diagnostic]], None],
    options: dict[str, Any],
    withhold: Callable[[], str | None] | None = None,
) -> None:
    """What the process running the workers (``--jobs N`` or a Dask client) does with each
    input's outcome, in input order: count its findings, then settle its file into the folder
    (``claims``) or add its row to the one document written to ``output`` or ``stdout``.

    Raises:
        OSError: an output could not be written, here or by a worker.
    """
    every = (out for _, out in counted(outcomes, noted, emit))
    if claims.folder is not None:
        claims.settle(every, emit)
        return
    from convert.run.converting import write_document

    kept = (out for out in every if out is not None)
    write_document(converter, kept, output, stdout, emit, options, withhold)


def _resolved(target: str, folders: dict[str, str]) -> str:
    """The real path of ``target`` (as ``Path.resolve`` gives it), each of ``folders`` resolved
    once: the outputs of a partition share a few folders, and resolving walks every part."""
    folder, name = os.path.split(target)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    joined = os.path.join(real, name)  # noqa: PTH118  (strings: no Path per output)
    return os.path.realpath(joined) if os.path.islink(joined) else joined  # noqa: PTH114


def _write_bytes(target: str, data: bytes) -> None:
    if is_url(target):
        write_url(target, data)
        return
    from convert.atomic import atomic_output

    Path(target).parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target, files_only=True) as stream:
        stream.write(data)
