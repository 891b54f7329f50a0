"""Work mapped over worker processes in input order, surviving a worker that dies.

A worker can die without a word to this process: the kernel's out-of-memory killer sends it
SIGKILL, a C extension crashes it. The standard pool then fails every pending chunk with
``BrokenProcessPool``; worse, when the worker died half-way through sending a result, the
pool's reader waits for the rest of that message forever, since this process holds a write end
of the result pipe, and the run hangs. So this process watches its workers itself while it
waits for a chunk (a dead worker's sentinel becomes ready), stops the pool, and sends the chunks
that were in flight to a new one: the results, and so the run's output, are what they would have
been. A pool lost :data:`RETRIES` times over without a chunk finishing in between stops the run
with :class:`WorkerLostError` instead: a file that kills its worker every time is not tried
forever, and a report is never silently short.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.connection import wait
from typing import Any, TypeVar

from convert.atomic import folder_syncs_deferred, remove_in_flight
from convert.errors import ConvertError
from convert.stop_signals import STOP_SIGNALS, hold, release

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 4
"""Chunks per worker sent ahead of the one being read."""
RETRIES = 2
"""Pools that may be lost in a row (no chunk finishing in between) before the run stops."""
WATCH_SECONDS = 0.25
"""How often the workers are looked at while a chunk is awaited."""
PARENT_WATCH_SECONDS = 0.5
"""How often a worker without the parent-death signal looks whether its parent is there."""
PARENT_GONE_GRACE = 5.0
"""How long a worker whose parent died may take over ending cleanly before it is killed."""


class WorkerLostError(ConvertError):
    """Worker processes kept dying on the same work; the run stopped rather than go short."""


class _LostError(Exception):
    """The pool lost a worker; what is in flight must be sent again."""


def map_on_workers(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., Any] | None,
    initargs: tuple[Any, ...],
    chunk: int,
) -> Generator[R, None, None]:
    """``map(func, items)`` in input order on ``jobs`` processes (see ``convert.batch``)."""
    iterator = iter(items)
    sent: deque[tuple[list[T], Future[list[R]]]] = deque()
    watch = _Workers(jobs, initializer, initargs)
    losses = 0

    def send() -> None:
        part = list(islice(iterator, chunk))
        if part:
            sent.append((part, watch.submit(func, part)))

    try:
        for _ in range(AHEAD * jobs):
            send()
        while sent:
            part, future = sent[0]
            try:
                results = watch.result(future)
            except _LostError:
                losses += 1
                how = watch.lost()
                if losses > RETRIES:
                    raise WorkerLostError(
                        f"worker processes died {losses} times in a row before the files from "
                        f"{_describe(part[0])} onwards were done (the last {how}): the run is "
                        "stopped rather than reported short"
                    ) from None
                watch.restart()
                parts = [again for again, _ in sent]
                sent.clear()
                sent.extend((again, watch.submit(func, again)) for again in parts)
                continue
            sent.popleft()
            losses = 0
            send()  # before the caller takes its time over these results
            yield from results
    except BaseException:
        watch.stop()
        raise
    finally:
        watch.shutdown()


def _describe(item: object) -> str:
    return str(getattr(item, "display", item))


class _Workers:
    """The current pool, the processes it started, and a new pool when one is lost."""

    def __init__(
        self, jobs: int, initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]
    ) -> None:
        self._args = (jobs, initializer, initargs)
        self._processes: dict[int, Any] = {}
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        jobs, initializer, initargs = self._args
        # Workers are started by the thread that submits (see ``submit``): Linux's
        # parent-death signal comes when that thread ends, which is the process's end only
        # for the main thread.
        parent = (os.getpid(), threading.current_thread() is threading.main_thread())
        return ProcessPoolExecutor(
            jobs, initializer=_start_worker, initargs=(initializer, initargs, parent)
        )

    def submit(self, func: Callable[[T], R], part: list[T]) -> Future[list[R]]:
        # Workers start inside submit: with the stop signals blocked until a worker has
        # set its own handling, no signal can reach one that still runs ours.
        blocked = hold()
        try:
            future = self.pool.submit(_map_chunk, func, part)
        except BrokenProcessPool as exc:  # lost since the last look: found when awaited
            future = Future()
            future.set_exception(exc)
        finally:
            release(blocked)
        self._processes.update(getattr(self.pool, "_processes", None) or {})
        return future

    def result(self, future: Future[list[R]]) -> list[R]:
        """The chunk's results; :class:`_LostError` when a worker died before they came."""
        while True:
            try:
                return future.result(timeout=WATCH_SECONDS)
            except BrokenProcessPool as exc:
                raise _LostError from exc
            except TimeoutError:
                if self._dead():
                    raise _LostError from None

    def _dead(self) -> bool:
        sentinels = []
        for process in list(self._processes.values()):
            with contextlib.suppress(ValueError):  # closed: it is gone already
                sentinels.append(process.sentinel)
        return bool(wait(sentinels, timeout=0))

    def lost(self) -> str:
        """Stop the pool that lost a worker; says how that worker ended."""
        self.stop()
        self.shutdown()
        ended = [p.exitcode for p in self._processes.values() if p.exitcode is not None]
        # The pool stops the others with SIGTERM; the one that died first ended otherwise.
        first = [code for code in ended if code != -signal.SIGTERM] or ended
        return _ending(first[0] if first else None)

    def restart(self) -> None:
        self._processes = {}
        self.pool = self._new_pool()

    def stop(self) -> None:
        _stop(self.pool)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _ending(exitcode: int | None) -> str:
    if exitcode is None:
        return "ended"
    if exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode == signal.SIGKILL:
            return f"was killed by {name}, perhaps for lack of memory"
        return f"was killed by {name}"
    return f"exited with status {exitcode}"


def _map_chunk(func: Callable[[T], R], part: list[T]) -> list[R]:
    """``func`` over one chunk in a worker; the folders of the outputs it wrote are synced
    once each, before the chunk's results go back (:func:`convert.atomic.folder_syncs_deferred`)."""
    with folder_syncs_deferred():
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


def _start_worker(
    initializer: Callable[..., Any] | None,
    initargs: tuple[Any, ...],
    parent: tuple[int, bool] | None = None,
) -> None:
    """A worker ignores SIGINT (the parent decides), dies quietly on SIGTERM, and runs no
    handler of the parent's: a forked worker inherits them all (the command line's SIGALRM,
    which raises an interrupt again, among them), and one of them raising in a worker would
    print a traceback. It also ends when its parent dies (:func:`_end_with_parent`). The
    stop signals are still held here (:meth:`_Workers.submit`)."""
    _drop_inherited_handlers()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_on_sigterm)
    if parent is not None:
        _end_with_parent(*parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if initializer is not None:
        initializer(*initargs)


def _end_with_parent(parent: int, from_main_thread: bool) -> None:
    """Have this worker get SIGTERM, and so end as a stopped worker does, soon after the
    process that started the pool dies.

    A parent killed outright (SIGKILL from the out-of-memory killer) stops nobody: its
    workers waited for work for ever, holding its open files (a temporary output, a spill
    file) as they were forked with them. Linux sends the signal the moment the parent goes
    (``PR_SET_PDEATHSIG``; only when a main thread started the worker, since the signal
    follows the starting thread); elsewhere a thread of the worker looks at its parent
    process every :data:`PARENT_WATCH_SECONDS`. ``parent`` is the pool's process; a worker
    a fork server started has the server as parent, which ends with that process.
    """
    signalled = from_main_thread and _parent_death_signal(signal.SIGTERM)
    watched = os.getppid()  # taken first: a parent that dies after the look below changes it
    if watched != parent and not _alive(parent):  # it died before the signal was set
        os.kill(os.getpid(), signal.SIGTERM)  # held until the worker is ready for it
        return
    if not signalled:
        # Started while the stop signals are held, the thread keeps them blocked: they go to
        # the main thread, whose handler ends the worker.
        threading.Thread(target=_watch_parent, args=(watched,), daemon=True).start()


def _parent_death_signal(signum: int) -> bool:
    """Ask Linux for ``signum`` when this process's parent ends; whether it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        return bool(libc.prctl(pr_set_pdeathsig, signum, 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no C library to load, or no prctl in it
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # there, but another user's: a number used again
        return True
    return True


def _watch_parent(parent: int) -> None:
    """Wait until this worker's parent process is gone (it is given another parent), then
    stop the worker as the pool does; kill it when it cannot end within a few seconds."""
    while os.getppid() == parent:
        time.sleep(PARENT_WATCH_SECONDS)
    # To the main thread itself: a signal to the process might be taken by this thread
    # and leave the main thread blocked where it waits.
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)
    time.sleep(PARENT_GONE_GRACE)
    os.kill(os.getpid(), signal.SIGKILL)


def _drop_inherited_handlers() -> None:
    """Give every signal with a Python handler its default action back."""
    for signum in signal.valid_signals():
        try:
            handler = signal.getsignal(signum)
        except ValueError:  # a number this platform does not define
            continue
        if callable(handler):
            signal.signal(signum, signal.SIG_DFL)


def _end_on_sigterm(signum: int, frame: object) -> None:
    """End the worker as SIGTERM's default does (the pool reads that exit status), once the
    files it is writing are removed: workers write outputs themselves, and nothing would
    unwind their ``atomic_output`` blocks.

    A worker being stopped has nothing left to tell anyone: its standard error goes to the
    null device first, so that neither the rest of what it was writing nor anything raised
    while it ends reaches the terminal."""
    _silence_stderr()
    try:
        remove_in_flight()
    finally:
        _die_of_sigterm()


def _silence_stderr() -> None:
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


def _die_of_sigterm() -> None:
    """Die of SIGTERM now, with SIGTERM blocked while its handler changes hands.

    The pool is stopped twice over (this process sends SIGTERM, and the executor terminates
    its workers, twice as of Python 3.13), so a second SIGTERM often comes while the first is
    handled. One that came between ``signal.signal``'s look at the pending signals and its
    change of handler was found pending with no Python handler left, and Python reported it,
    with a traceback on standard error: "OSError: Signal 15 ignored due to race condition".
    Blocked, it waits and, the default action in place, ends the worker when let through.

    Python also runs the handlers still pending inside ``pthread_sigmask`` and
    ``signal.signal``, and one that raised would end this one half-way: each step is tried
    again. Unblocking matters on its own too: Python runs this handler inside the very call
    of :func:`~convert.stop_signals.hold` that blocks SIGTERM, when it came just before, and
    the worker went on into the held step (making a temporary file this handler could no
    longer remove) until the step let SIGTERM through."""
    sigterm = {signal.SIGTERM}
    for _ in range(8):
        with contextlib.suppress(BaseException):
            signal.pthread_sigmask(signal.SIG_BLOCK, sigterm)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, sigterm)
    os._exit(128 + signal.SIGTERM)  # not reached: SIGTERM ended the process above
