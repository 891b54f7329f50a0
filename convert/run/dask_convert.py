"""``convert --engine dask``: records loaded, converted and written where they are read.

Each worker loads its partition's records and does the per-record half of the conversion, so
only small results cross the network:

- a feed, JSON Lines, or records into one stream or file (a converter with ``prepare``) gets
  back each record's rendered row, line or text; the client merges them in input order and
  writes the one document, as in one process;
- one file per record into a folder goes straight from the worker to the folder, atomically
  (a local folder every worker reaches at the same path, as it reaches local inputs; or a
  store's URL). An output the client must arbitrate (two inputs that would write the same
  file, one that would overwrite an input) comes back as bytes, and the client writes it or
  reports the clash, in input order, as one process would. Into a store only this process can
  reach (``memory://``) every output comes back as bytes and the client writes it.
- a converter without ``prepare`` into one stream or file gets back the records and writes
  them here.

Converter findings come back with each record and obey the same policy as in one process. The
per-record step is the one the worker processes of ``--jobs N`` run
(:mod:`convert.run.per_record`).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO

from convert.batch import Input
from convert.converters.writing import Rendered, output_clash
from convert.diagnostics import Diagnostic
from convert.run.dask_engine import Payload, on_cluster
from convert.run.per_record import (
    WRITTEN,
    Converting,
    ConvertTask,
    Outcome,
    counted,
    mode_for,
    place,
)
from convert.run.seen import SpillingSet
from convert.run.urls import is_url, process_local, write_url
from convert.run.worker import CheckSettings


def convert_partition(
    settings: CheckSettings, payload: Payload, task: ConvertTask, contested: list[bool]
) -> list[Outcome]:
    """Run on a worker: load, check and convert each input of one partition, in order."""
    converting = Converting(settings, task)
    try:
        return [
            converting(item, data, arbitrated)
            for (item, data), arbitrated in zip(payload, contested, strict=True)
        ]
    finally:
        converting.close()


def convert_on_cluster(
    inputs: Iterator[Input],
    settings: CheckSettings,
    converter: Any,
    options: dict[str, Any],
    emit: Callable[[Diagnostic], None],
    noted: Callable[[Input, list[Diagnostic]], None],
    *,
    output: Path | str | None,
    to_file: bool,
    stdout: BinaryIO | None,
    protected: Callable[[], Callable[[Path], bool]],
    watch: Callable[[Iterator[Any]], Iterator[Any]] | None,
    scheduler: str | None,
    workers: int,
    partition: int,
) -> None:
    """Convert ``inputs`` on a Dask cluster into ``output`` (see the module docstring); the
    findings go to ``noted`` (with the input they are about) and, for the converter's,
    through ``emit``. ``protected()``
    tells which paths are inputs, which no output may replace.

    Raises:
        EngineError: the cluster could not finish the run.
        OSError: an output could not be written.
    """
    folder = None if output is None or to_file else str(output)
    mode = mode_for(converter, folder=folder is not None)
    # A worker's working folder is not this one's: it gets the output folder from the root.
    sent = folder if folder is None or is_url(folder) else str(Path(folder).absolute())
    task = ConvertTask(converter, options, mode, sent or "")
    claims = _Claims(folder, converter.extension, protected)
    outcomes: Iterator[Any] = on_cluster(
        convert_partition,
        inputs,
        settings,
        scheduler=scheduler,
        workers=workers,
        partition=partition,
        extra=lambda part: (task, claims.contested(part)),
    )
    if watch is not None:
        outcomes = watch(outcomes)
    with closing(claims), closing(outcomes):  # type: ignore[type-var]
        every = (out for _, out in counted(outcomes, noted, emit))
        if folder is not None:
            claims.settle(every, emit)
            return
        from convert.run.converting import _write

        kept = (out for out in every if out is not None)
        if output is None:
            out = stdout if stdout is not None else sys.stdout.buffer
            _write(converter, kept, out, emit, options)
            return
        from convert.atomic import atomic_output

        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(output) as stream:
            _write(converter, kept, stream, emit, options)


class _Claims:
    """Which outputs the client must arbitrate, decided in input order as partitions go out:
    the second input to claim a file, an output that is an input, and every output into a
    store only this process reaches. The outputs claimed and written are as many as the
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
                _write_bytes(key, out.data)
                for finding in out.findings:
                    emit(finding)
                self.written.add(os.fsencode(key))

    def close(self) -> None:
        """Let the sets go (and their temporary files, if they spilled)."""
        self.claimed.close()
        self.written.close()


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
    with atomic_output(target) as stream:
        stream.write(data)
