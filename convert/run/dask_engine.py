"""The Dask engine: a run's files checked on the workers of a Dask cluster.

Work goes out in partitions of many inputs (a task per file costs more in scheduling than in
checking), a bounded number at a time, cut from the streamed discovery: the task graph never
holds the corpus. A partition carries paths or URLs, not contents, except for stores only this
process can read (``memory://``), whose bytes travel with it. Each worker process sets up its
own validator on the first partition it meets (compiled validators cannot be pickled) and
sends back the findings of each file; they are yielded here in input order, so the report is
the same bytes as a run in one process. :func:`on_cluster` is the same machinery for any task
over partitions; ``convert`` uses it with its own (see :mod:`convert.run.dask_convert`).

A worker that dies loses nothing: the scheduler runs its partitions again elsewhere. When a
partition cannot be finished (it killed workers too often, the cluster went away), the run
stops with :class:`EngineError` rather than report fewer files.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack, contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from convert.batch import Input
from convert.diagnostics import Diagnostic
from convert.errors import ConfigError, ConvertError
from convert.record import STDIN
from convert.run import worker
from convert.run.report import FileResult
from convert.run.urls import is_url, process_local, read_url
from convert.run.worker import CheckSettings

PARTITION = 1000
"""Files per task: large enough that scheduling is a small share of the work."""

CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a named scheduler, unless Dask's configuration says otherwise. Dask's
own default (30 s) suits a scheduler that is still starting; a run given a wrong address
should say so at once."""

CONNECT_KEY = "distributed.comm.timeouts.connect"
CONNECT_VARIABLE = "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"

Payload = list[tuple[Input, bytes | None]]
Found = tuple[list[Diagnostic], tuple[object, ...]]
R = TypeVar("R")


class EngineError(ConvertError):
    """The cluster could not finish the run; no shorter report is written as if it had."""


def check_partition(settings: CheckSettings, payload: Payload) -> list[Found]:
    """Run on a worker: the findings of each input of one partition, in order, with the
    record's digests for the rules across records."""
    worker.setup(settings)  # once per worker process; later partitions reuse it
    return [worker.findings_and_digests(item, data) for item, data in payload]


def dask_results(
    inputs: Iterator[Input],
    settings: CheckSettings,
    *,
    scheduler: str | None = None,
    workers: int = 0,
    partition: int = PARTITION,
) -> Generator[FileResult, None, None]:
    """Each input with its findings, in input order, checked on a Dask cluster.

    ``scheduler`` is the address of a running scheduler (default: ``DASK_SCHEDULER_ADDRESS``);
    without one, a local cluster of ``workers`` processes (0: one per core) serves the run.
    """
    for item, (found, digests) in on_cluster(
        check_partition, inputs, settings, scheduler=scheduler, workers=workers, partition=partition
    ):
        yield item.display, item.is_file, found, digests


def on_cluster(
    task: Callable[..., list[R]],
    inputs: Iterator[Input],
    settings: CheckSettings,
    *,
    scheduler: str | None = None,
    workers: int = 0,
    partition: int = PARTITION,
    extra: Callable[[list[Input]], tuple[Any, ...]] = lambda part: (),
) -> Generator[tuple[Input, R], None, None]:
    """Each input with what ``task(settings, payload, *extra(part))`` made of it on a worker,
    in input order: partitions are cut (and ``extra`` called) in order, a few ahead of the one
    read."""
    with _Connection(scheduler, workers) as client:
        ahead = 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1
        sent: deque[tuple[list[Input], Any]] = deque()
        parts = _partitions(inputs, partition)
        try:
            while True:
                while len(sent) < ahead and (part := next(parts, None)) is not None:
                    payload = _payload(part, settings.max_size)
                    future = client.submit(task, settings, payload, *extra(part), pure=False)
                    sent.append((part, future))
                if not sent:
                    return
                part, future = sent.popleft()
                yield from zip(part, _result(future, part), strict=True)
        finally:
            client.cancel([future for _, future in sent])


def connect_timeout() -> float:
    """Seconds to wait for the scheduler: Dask's ``distributed.comm.timeouts.connect`` where
    it is configured (a Dask config file, :data:`CONNECT_VARIABLE`, ``dask.config.set``),
    else :data:`CONNECT_TIMEOUT`."""
    import dask.config
    from dask.utils import parse_timedelta

    shipped = dask.config.get(CONNECT_KEY, config=dask.config.merge(*dask.config.defaults))
    chosen = dask.config.get(CONNECT_KEY)
    if chosen == shipped:
        return CONNECT_TIMEOUT
    seconds: float = parse_timedelta(chosen, "s")
    return seconds


def _partitions(inputs: Iterator[Input], size: int) -> Iterator[list[Input]]:
    size = min(size, sys.maxsize)  # the most islice takes; past any count of files anyway
    while part := list(islice(inputs, size)):
        yield part


def _payload(part: list[Input], max_size: int) -> Payload:
    return [(_absolute(item), _local_bytes(item, max_size)) for item in part]


def _absolute(item: Input) -> Input:
    """A local input named from the root: a worker's working folder is not this one's."""
    if item.path == STDIN or is_url(item.path) or Path(item.path).is_absolute():
        return item
    return item.replace(path=str(Path.cwd() / item.path))


def _local_bytes(item: Input, max_size: int) -> bytes | None:
    """The bytes of an input only this process can read; None for what workers read."""
    if item.kind != "file" or not is_url(item.path) or not process_local(item.path):
        return None
    try:
        return read_url(item.path, max_size)
    except (OSError, ValueError):
        return None  # the worker meets the same failure and reports it on the file


def _result(future: Any, part: list[Input]) -> list[Any]:
    try:
        found: list[Any] = future.result()
    except Exception as exc:
        first = part[0].display
        raise EngineError(
            f"the Dask cluster could not check the {len(part)} files from {first} "
            f"({type(exc).__name__}: {exc}); the run is stopped, not reported short"
        ) from exc
    return found


class _Connection:
    """A client of the scheduler at the given address, or of a cluster started for the run."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
        self.workers = workers or os.cpu_count() or 1
        self.stack = ExitStack()

    def __enter__(self) -> Any:
        try:
            import distributed
        except ImportError as exc:
            raise ConfigError(
                "--engine dask needs the dask extra (pip install 'article-convert[dask]')"
            ) from exc
        self.stack.enter_context(_quiet_distributed())
        # distributed has no type hints: its constructors are used as untyped callables.
        client: Any = distributed.Client
        local_cluster: Any = distributed.LocalCluster
        if self.address is None:
            try:  # any free port for the dashboard: 8787 may be another cluster's
                cluster = self.stack.enter_context(
                    local_cluster(
                        n_workers=self.workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=":0",
                    )
                )
                return self.stack.enter_context(client(cluster))
            except Exception as exc:
                self.stack.close()
                raise EngineError(f"cannot start a Dask cluster on this machine: {exc}") from exc
        timeout = connect_timeout()
        try:
            connected = self.stack.enter_context(client(self.address, timeout=timeout))
        except ValueError as exc:  # not an address distributed knows how to read
            self.stack.close()
            raise EngineError(
                f"{self.address} is not a Dask scheduler address ({exc}); "
                "give one like tcp://host:8786 to --scheduler or DASK_SCHEDULER_ADDRESS"
            ) from exc
        except OSError as exc:
            self.stack.close()
            raise EngineError(
                f"no Dask scheduler answered at {self.address} within {timeout:g} s; "
                "start one there (dask scheduler), correct --scheduler or "
                f"DASK_SCHEDULER_ADDRESS, or wait longer with {CONNECT_VARIABLE}=30s"
            ) from exc
        try:  # without a worker, the run would wait for one forever
            connected.wait_for_workers(1, timeout=timeout)
        except TimeoutError as exc:
            self.stack.close()
            raise EngineError(
                f"the Dask scheduler at {self.address} has no workers (none came within "
                f"{timeout:g} s); start some where the inputs can be read "
                f"(dask worker {self.address}), or wait longer with {CONNECT_VARIABLE}=60s"
            ) from exc
        return connected

    def __exit__(self, *exc: object) -> None:
        self.stack.close()


@contextmanager
def _quiet_distributed() -> Iterator[None]:
    """Hold distributed's loggers (which write to standard error themselves) to critical
    messages while a run uses the cluster: a lost worker or scheduler reaches the caller as
    an :class:`EngineError`, not as a traceback amid the report."""
    names = {n for n in logging.root.manager.loggerDict if n.split(".")[0] == "distributed"}
    loggers = [logging.getLogger(name) for name in sorted(names | {"distributed"})]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
