"""The signals that stop a run, held while a step must not be cut in two.

SIGINT and SIGTERM end a run; SIGALRM is how the command line raises again an interrupt that
Python dropped (:mod:`convert.cli.interrupts`). Creating a file and recording that it must be
removed, handing signal handlers over, starting a worker pool's threads: each is one step that
none of these may land inside. Blocked, a signal waits and acts when released. Masks belong to
a thread, and a thread started meanwhile inherits the mask, so the pool's threads never take
a signal whose Python handler would then run in the main thread inside a held step.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

REDELIVERY_SIGNAL: int | None = getattr(signal, "SIGALRM", None)
"""The signal that raises a lost interrupt again (None where there is none)."""

STOP_SIGNALS: frozenset[int] = frozenset(
    {signal.SIGINT, signal.SIGTERM} | ({REDELIVERY_SIGNAL} if REDELIVERY_SIGNAL else set())
)

Mask = set[int | signal.Signals] | None
"""A thread's signal mask to restore (None where masks are not supported)."""


def hold() -> Mask:
    """Block the stop signals in this thread; returns the mask to restore."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def release(previous: Mask) -> None:
    """Restore the mask :func:`hold` returned: a signal that came meanwhile acts now."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold the stop signals while the block runs."""
    previous = hold()
    try:
        yield
    finally:
        release(previous)
