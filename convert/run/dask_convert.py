"""``convert --engine dask``: records loaded, converted and written where they are read.

Each worker loads its partition's records and does the per-record half of the conversion, so
only small results cross the network:

- a feed or JSON Lines (a converter with ``prepare``) gets back each record's rendered row or
  line; the client merges them in input order and writes the one document, as in one process;
- one file per record into a folder goes straight from the worker to the folder, atomically
  (a local folder every worker reaches at the same path, as it reaches local inputs; or a
  store's URL). An output the client must arbitrate (two inputs that would write the same
  file, one that would overwrite an input) comes back as bytes, and the client writes it or
  reports the clash, in input order, as one process would. Into a store only this process can
  reach (``memory://``) every output comes back as bytes and the client writes it.
- anything else (one file, standard output, a converter without ``prepare``) gets back the
  records and writes them here.

Converter findings come back with each record and obey the same policy as in one process.
"""

from __future__ import annotations

import io
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from convert.batch import Input
from convert.converters.writing import fit_to_convert, output_clash, output_path
from convert.diagnostics import Diagnostic
from convert.record import Record
from convert.run import worker
from convert.run.dask_engine import Payload, on_cluster
from convert.run.seen import SpillingSet
from convert.run.urls import filesystem, is_url, process_local, write_url
from convert.run.worker import CheckSettings

ROWS = "rows"
RECORDS = "records"
FILES = "files"


@dataclass(frozen=True)
class ConvertTask:
    """What a worker needs to convert (picklable; the converter goes by its class)."""

    converter: Any
    options: dict[str, Any]
    mode: str  # ROWS, RECORDS or FILES
    folder: str = ""  # FILES: the output folder, a local path or a store's URL


class Bytes(NamedTuple):
    """A record's output rendered on a worker for the client to write (or to refuse)."""

    path: str  # the record's path, which a clash finding names
    data: bytes


class Failed(NamedTuple):
    """A worker could not write an output: the client stops the run with this error."""

    filename: str
    errno: int | None
    strerror: str


WRITTEN = "written"
"""A FILES outcome: the worker wrote the record's output."""

Outcome = tuple[list[Diagnostic], list[Diagnostic], Any]
"""An input's findings, its converter's findings, and its output (``None``: not converted)."""


def place(folder: str, relative: str, extension: str) -> str:
    """Where a record's own file goes below ``folder`` (a path or a URL), as in one process."""
    if is_url(folder):
        local = output_path(Path("/"), relative, extension).as_posix()
        return folder.rstrip("/") + local
    return str(output_path(Path(folder), relative, extension))


def convert_partition(
    settings: CheckSettings, payload: Payload, task: ConvertTask, contested: list[bool]
) -> list[Outcome]:
    """Run on a worker: load, check and convert each input of one partition, in order."""
    worker.setup(settings)
    sink: list[Diagnostic] = []
    box: list[Record] = []
    prepared = None
    if task.mode == ROWS:  # one generator for the partition, fed a record at a time
        prepared = task.converter.prepare(_fed(box), emit=sink.append, **task.options)
    outcomes: list[Outcome] = []
    for (item, data), arbitrated in zip(payload, contested, strict=True):
        record, found = worker.check(item, data)
        out: Any = None
        if fit_to_convert(record, found, validated=settings.validate):
            if prepared is not None:
                box.append(record)
                out = next(prepared)
            elif task.mode == RECORDS:
                out = record
            else:
                out = _write_or_render(task, item, record, sink.append, arbitrated)
        outcomes.append((found, sink[:], out))
        sink.clear()
    if prepared is not None:
        prepared.close()
    return outcomes


def _fed(box: list[Record]) -> Iterator[Record]:
    while True:
        yield box.pop()


def _write_or_render(
    task: ConvertTask,
    item: Input,
    record: Record,
    emit: Callable[[Diagnostic], None],
    arbitrated: bool,
) -> Any:
    target = place(task.folder, item.relative, task.converter.extension)
    local = target if not is_url(target) else _local_path(target)
    try:
        if arbitrated or local is None:
            stream = io.BytesIO()
            task.converter.write([record], stream, emit=emit, **task.options)
            if arbitrated:
                return Bytes(record.path, stream.getvalue())
            write_url(target, stream.getvalue())  # a store makes the object appear whole
            return WRITTEN
        from convert.atomic import atomic_output

        Path(local).parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(local) as out:
            task.converter.write([record], out, emit=emit, **task.options)
        return WRITTEN
    except OSError as exc:
        return Failed(str(exc.filename or target), exc.errno, exc.strerror or str(exc))


def _local_path(url: str) -> str | None:
    """The local path of a ``file://`` URL (written atomically as a path); else ``None``."""
    fs, inner = filesystem(url)
    protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return str(inner) if "file" in protocols or "local" in protocols else None


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
    if folder is not None:
        mode = FILES
    elif converter.collection and callable(getattr(converter, "prepare", None)):
        mode = ROWS
    else:
        mode = RECORDS
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
        every = _counted(outcomes, noted, emit)
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


def _counted(
    outcomes: Iterable[tuple[Input, Outcome]],
    noted: Callable[[Input, list[Diagnostic]], None],
    emit: Callable[[Diagnostic], None],
) -> Iterator[Any]:
    """Each input's output (``None``: not converted), its findings counted on the way."""
    for item, (found, emitted, out) in outcomes:
        noted(item, found)
        for diagnostic in emitted:
            emit(diagnostic)
        if isinstance(out, Failed):
            raise OSError(out.errno, out.strerror, out.filename)
        yield out


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
            elif isinstance(out, Bytes):
                if is_input or os.fsencode(key) in self.written:
                    emit(output_clash(out.path, target, is_input))
                    continue
                _write_bytes(key, out.data)
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
