"""The per-record half of a conversion, done where the records are read.

Loading a record and converting it is nearly all of a conversion's work; what must happen in
one place is small: merging a feed's rows in order, writing one stream or file, deciding which
of two inputs gets an output file. So the worker processes of ``--jobs N`` and the workers of
a Dask cluster both run :class:`Converting` on each input and send back only its findings and
a small result, in one of three modes:

- :data:`ROWS` (a converter with ``prepare``, into one stream or file): the record's rendered
  row, line or text, which ``write`` takes in place of the record;
- :data:`FILES` (one file per record into a folder): the file written by the worker itself
  (:data:`WRITTEN`), or, where another input may claim it, its bytes (:class:`Rendered`) for
  the process that arbitrates outputs to write or refuse (:mod:`convert.run.claims`);
- :data:`RECORDS` (a converter without ``prepare``): the record itself.

Converter findings come back with the result; those on a file to arbitrate travel inside it
and count only if the file is written, as in one process, where a refused record is never
converted.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from convert.batch import Input
from convert.converters.writing import (
    Rendered,
    fit_to_convert,
    output_path,
    output_refused,
)
from convert.diagnostics import Diagnostic
from convert.record import Record
from convert.run import worker
from convert.run.urls import filesystem, is_url, write_url
from convert.run.worker import CheckSettings

ROWS = "rows"
RECORDS = "records"
FILES = "files"

WRITTEN = "written"
"""A FILES outcome: the worker wrote the record's output."""

Outcome = tuple[list[Diagnostic], list[Diagnostic], Any]
"""An input's findings, its converter's findings, and its output (``None``: not converted)."""


@dataclass(frozen=True)
class ConvertTask:
    """What a worker needs to convert (picklable; the converter goes by its class)."""

    converter: Any
    options: dict[str, Any]
    mode: str  # ROWS, RECORDS or FILES
    folder: str = ""  # FILES written by workers: the output folder, a local path or a URL
    shown: str = ""  # the output folder as the user gave it, which findings name (else folder)
    durable: bool = True  # each output fsynced before its rename (convert_paths' fsync)


class Failed(NamedTuple):
    """A worker could not write an output: the run stops with this error."""

    filename: str
    errno: int | None
    strerror: str


def mode_for(converter: Any, *, folder: bool) -> str:
    """How a run's records come back: files into a folder, else rows when the converter can
    prepare them, else the records."""
    if folder:
        return FILES
    return ROWS if callable(getattr(converter, "prepare", None)) else RECORDS


def place(folder: str, relative: str, extension: str) -> str:
    """Where a record's own file goes below ``folder`` (a path or a URL), as in one process."""
    if is_url(folder):
        local = output_path(Path("/"), relative, extension).as_posix()
        return folder.rstrip("/") + local
    return str(output_path(Path(folder), relative, extension))


class Converting:
    """Load, check and convert one input after another in this process (set up for
    ``settings``), each giving an :data:`Outcome`. In :data:`ROWS` mode one ``prepare``
    generator serves every input, fed a record at a time."""

    def __init__(self, settings: CheckSettings, task: ConvertTask) -> None:
        worker.setup(settings)
        self.settings = settings
        self.task = task
        self.sink: list[Diagnostic] = []
        self.box: list[Record] = []
        self.prepared: Iterator[Any] | None = None
        if task.mode == ROWS:
            self.prepared = task.converter.prepare(
                _fed(self.box), emit=self.sink.append, **task.options
            )

    def __call__(self, item: Input, data: bytes | None = None, arbitrated: bool = True) -> Outcome:
        """``item``'s outcome; in FILES mode, an ``arbitrated`` output comes back as bytes,
        any other is written here."""
        record, found = worker.check(item, data)
        out: Any = None
        if fit_to_convert(record, found, validated=self.settings.validate):
            if self.prepared is not None:
                self.box.append(record)
                out = next(self.prepared)
            elif self.task.mode == RECORDS:
                out = record
            else:
                out = self._write_or_render(item, record, arbitrated)
        emitted = self.sink[:]
        self.sink.clear()
        if isinstance(out, Rendered):  # its findings count only if it is written
            out = out._replace(findings=tuple(emitted))
            emitted = []
        return found, emitted, out

    def close(self) -> None:
        if self.prepared is not None:
            self.prepared.close()  # type: ignore[attr-defined]

    def _write_or_render(self, item: Input, record: Record, arbitrated: bool) -> Any:
        task, emit = self.task, self.sink.append
        target = "" if arbitrated else place(task.folder, item.relative, task.converter.extension)
        local = target if not is_url(target) else _local_path(target)
        try:
            if arbitrated or local is None:
                stream = io.BytesIO()
                task.converter.write([record], stream, emit=emit, **task.options)
                if arbitrated:
                    return Rendered(record.path, stream.getvalue())
                write_url(target, stream.getvalue())  # a store makes the object appear whole
                return WRITTEN
            from convert.atomic import atomic_output

            Path(local).parent.mkdir(parents=True, exist_ok=True)
            with atomic_output(local, durable=task.durable, files_only=True) as out:
                task.converter.write([record], out, emit=emit, **task.options)
            return WRITTEN
        except OSError as exc:
            # Named as one process names it: below the folder as given, where a worker may
            # have been sent it made absolute.
            shown = place(task.shown or task.folder, item.relative, task.converter.extension)
            refused = output_refused(exc, record.path, shown)
            if refused is not None:
                emit(refused)
                return None
            return Failed(str(exc.filename or target), exc.errno, exc.strerror or str(exc))


def _fed(box: list[Record]) -> Iterator[Record]:
    while True:
        yield box.pop()


def _local_path(url: str) -> str | None:
    """The local path of a ``file://`` URL (written atomically as a path); else ``None``."""
    fs, inner = filesystem(url)
    protocols = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return str(inner) if "file" in protocols or "local" in protocols else None


def counted(
    outcomes: Iterable[tuple[Input, Outcome]],
    noted: Callable[[Input, list[Diagnostic]], None],
    emit: Callable[[Diagnostic], None],
) -> Iterator[tuple[Input, Any]]:
    """Each input with its output (``None``: not converted), its findings counted on the way.

    Raises:
        OSError: a worker could not write an output.
    """
    for item, (found, emitted, out) in outcomes:
        noted(item, found)
        for diagnostic in emitted:
            emit(diagnostic)
        if isinstance(out, Failed):
            raise OSError(out.errno, out.strerror, out.filename)
        yield item, out


# Worker processes of a local run: one Converting each, set up as the process starts.

_STATE: dict[str, Converting] = {}


def start(settings: CheckSettings, task: ConvertTask) -> None:
    """Set up a worker process to convert (a pool's initializer)."""
    _STATE["converting"] = Converting(settings, task)


class Sent(NamedTuple):
    """An input sent to a worker process, and whether its file comes back to be arbitrated."""

    item: Input
    arbitrated: bool

    @property
    def display(self) -> str:
        """The input's name, as a lost worker's message gives it."""
        return self.item.display


def convert_input(sent: Sent) -> Outcome:
    """A worker process's outcome for an input; its file, if arbitrated, comes back as bytes
    for the parent process to write or refuse in input order."""
    return _STATE["converting"](sent.item, None, sent.arbitrated)
