"""The inputs of a run and mapping work over them, in order, on one or more cores.

Folders are walked by :mod:`convert.run.discovery`. Work runs in worker processes when
``jobs > 1``; results come back in input order so output stays stable.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from convert.values import Value

T = TypeVar("T")
R = TypeVar("R")


class Input(Value):
    """One file of a run: where to read it, how to name it, and where it sits in its tree.

    ``relative`` is the path below the directory argument it was found in (the file name for
    files given directly); converters that write one file per record mirror it. ``kind`` is
    ``"file"`` for what is read, ``"folder"`` for a folder that could not be listed, and the
    kind of a special file met while walking (``"FIFO"``, ``"socket"``, ``"device"``): those
    are reported, never read, since reading a FIFO nobody writes would wait forever.
    """

    __slots__ = ("display", "kind", "path", "relative")
    path: str
    display: str
    relative: str
    kind: str

    def __init__(
        self,
        path: str,
        display: str,
        relative: str,
        kind: str = "file",
    ) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "display", display)
        put(self, "relative", relative)
        put(self, "kind", kind)

    @property
    def is_file(self) -> bool:
        """Whether this input counts as a file of the run (an unlistable folder does not)."""
        return self.kind != "folder"


def _excluded(relative: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(relative, p) for p in patterns)


def file_identity(path: str | Path) -> tuple[int, int] | None:
    """Device and inode of an existing file, the same for every spelling of it and its links."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    chunk: int = 32,
) -> Generator[R, None, None]:
    """``map(func, items)`` in input order, on ``jobs`` worker processes when above one.

    Items go to the workers in chunks of ``chunk``, a few chunks per worker ahead of the one
    being read, and a new chunk is sent as each finished one is taken: the workers never wait
    for the caller between windows, and a huge batch never sits in memory. ``func`` and
    ``initializer`` must be importable top-level functions.

    Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only this process should
    act on it. When the caller stops early (an interrupt, an error, ``close()``), pending work is
    cancelled and the pool shut down before the exception goes on; callers close the iterator
    (``contextlib.closing``) so that this happens at once, not when it is garbage-collected.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    from concurrent.futures import Future, ProcessPoolExecutor  # only runs with workers pay

    iterator = iter(items)
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(initializer, initargs))
    sent: deque[Future[list[R]]] = deque()

    def send() -> None:
        part = list(islice(iterator, chunk))
        if not part:
            return
        # Workers start inside submit: with the stop signals blocked until a worker has
        # set its own handling, no signal can reach one that still runs ours.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
        try:
            sent.append(pool.submit(_map_chunk, func, part))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    try:
        for _ in range(AHEAD * jobs):
            send()
        while sent:
            results = sent.popleft().result()
            send()  # before the caller takes its time over these results
            yield from results
    except BaseException:
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


AHEAD = 4
"""Chunks per worker sent ahead of the one being read."""


def _map_chunk(func: Callable[[T], R], part: list[T]) -> list[R]:
    return [func(item) for item in part]


def _stop(pool: Any) -> None:
    """Stop the workers now: a worker stuck in a file (a slow network share, a FIFO nobody
    writes) is ended with SIGTERM, on which it exits quietly, rather than waited for."""
    # The pool then finds its workers gone and its manager thread ends, which the caller's
    # shutdown(wait=True) waits for: an interpreter exiting while that thread still tidies up
    # can print a stray error from the standard library.
    workers = list(getattr(pool, "_processes", None) or {})  # pid -> process, as of 3.11
    for pid in workers:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    _let_results_end(pool)


def _let_results_end(pool: Any) -> None:
    """Close this process's copy of the write end of the pool's result pipe.

    A worker ended half-way through sending a large result leaves half a message in the pipe.
    The pool's manager thread, reading it, would wait for the rest forever, and the caller's
    shutdown with it, since a pipe reports its end only once every write end is closed and
    this process holds one. Closed here, the read ends as soon as the workers are gone: the
    pool counts itself broken and shuts down. Nothing in this process writes to that pipe.
    """
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _start_worker(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    """A worker ignores SIGINT (the parent decides) and dies quietly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if initializer is not None:
        initializer(*initargs)
