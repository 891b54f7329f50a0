"""``convert --jobs N``: records loaded, converted and written on N worker processes.

Each worker runs the per-record half of the conversion (:mod:`convert.run.per_record`), as a
Dask worker does, so this process does little more than hand out inputs and take results:

- into one stream or file, a converter with ``prepare`` sends back each record's rendered row,
  line or text, which this process merges in input order into the one document (one without
  ``prepare`` sends back the record);
- one file per record into a folder is written by the worker, atomically, unless this process
  must arbitrate it (:class:`convert.run.claims.Claims`: an output another input claimed
  first, or one that would replace an input), decided in input order as inputs go out; such a
  file comes back as bytes and is written, or refused with a finding, here in input order.

Outputs, findings and exit codes are those of one process. Inputs go out in chunks a few ahead
of the one being read (:func:`convert.batch.map_ordered`), so memory does not grow with the run,
and a worker that dies costs nothing: its chunks go to a new one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from convert.batch import Input, map_ordered
from convert.diagnostics import Diagnostic
from convert.run.claims import Claims, take_outcomes
from convert.run.per_record import ConvertTask, Sent, convert_input, mode_for, start
from convert.run.worker import CheckSettings

CLAIMS = 32
"""Inputs whose outputs are claimed at a time (each folder resolved once per lot)."""


def convert_on_workers(
    inputs: Iterator[Input],
    settings: CheckSettings,
    converter: Any,
    options: dict[str, Any],
    emit: Callable[[Diagnostic], None],
    noted: Callable[[Input, list[Diagnostic]], None],
    *,
    output: Path | None,
    to_file: bool,
    stdout: BinaryIO | None,
    protected: Callable[[], Callable[[Path], bool]],
    watch: Callable[[Iterator[Any]], Iterator[Any]] | None,
    workers: int,
    durable: bool = True,
    withhold: Callable[[], str | None] | None = None,
) -> None:
    """Convert ``inputs`` on ``workers`` processes into ``output`` (see the module docstring);
    the findings go to ``noted`` (with the input they are about) and, for the converter's,
    through ``emit``. ``protected()`` tells which paths are inputs, which no output may replace;
    ``durable`` whether the workers fsync what they write; ``withhold`` as
    :func:`convert.run.converting.write_document` takes it.

    Raises:
        WorkerLostError: workers kept dying on the same inputs.
        OSError: an output could not be written.
    """
    # Workers write below the folder made absolute; findings name it as the user gave it,
    # as one process does.
    shown = None if output is None or to_file else str(output)
    folder = None if shown is None else str(Path(shown).absolute())
    mode = mode_for(converter, folder=folder is not None)
    task = ConvertTask(converter, options, mode, folder or "", shown or "", durable)
    claims = Claims(shown, converter.extension, protected)
    pending: deque[Input] = deque()

    def sent() -> Iterator[Sent]:
        while part := list(islice(inputs, CLAIMS)):
            pending.extend(part)
            yield from map(Sent, part, claims.contested(part))

    if folder is not None:
        Path(folder).mkdir(parents=True, exist_ok=True)
    outcomes: Iterator[Any] = map_ordered(
        convert_input, sent(), jobs=workers, initializer=start, initargs=(settings, task)
    )
    if watch is not None:
        outcomes = watch(outcomes)
    with closing(claims), closing(outcomes):  # type: ignore[type-var]  # stops the workers at once
        paired = ((pending.popleft(), outcome) for outcome in outcomes)
        take_outcomes(paired, claims, converter, output, stdout, emit, noted, options, withhold)
