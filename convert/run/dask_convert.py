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

from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO

from convert.atomic import folder_syncs_deferred
from convert.batch import Input
from convert.diagnostics import Diagnostic
from convert.run.claims import Claims, take_outcomes
from convert.run.dask_engine import Payload, on_cluster
from convert.run.per_record import Converting, ConvertTask, Outcome, mode_for
from convert.run.urls import is_url
from convert.run.worker import CheckSettings


def convert_partition(
    settings: CheckSettings, payload: Payload, task: ConvertTask, contested: list[bool]
) -> list[Outcome]:
    """Run on a worker: load, check and convert each input of one partition, in order."""
    converting = Converting(settings, task)
    try:
        # One sync per output folder, before the partition ends (none for a run not durable).
        with folder_syncs_deferred(durable=task.durable):
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
    durable: bool = True,
    withhold: Callable[[], str | None] | None = None,
) -> None:
    """Convert ``inputs`` on a Dask cluster into ``output`` (see the module docstring); the
    findings go to ``noted`` (with the input they are about) and, for the converter's,
    through ``emit``. ``protected()``
    tells which paths are inputs, which no output may replace; ``durable`` whether the workers
    fsync what they write; ``withhold`` as :func:`convert.run.converting.write_document`
    takes it.

    Raises:
        EngineError: the cluster could not finish the run.
        OSError: an output could not be written.
    """
    folder = None if output is None or to_file else str(output)
    mode = mode_for(converter, folder=folder is not None)
    # A worker's working folder is not this one's: it gets the output folder from the root.
    sent = folder if folder is None or is_url(folder) else str(Path(folder).absolute())
    task = ConvertTask(converter, options, mode, sent or "", folder or "", durable)
    claims = Claims(folder, converter.extension, protected)
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
        at = None if output is None else Path(output)
        take_outcomes(outcomes, claims, converter, at, stdout, emit, noted, options, withhold)
