"""Ending a run cleanly on Ctrl-C and SIGTERM, and when standard output goes away.

SIGINT and SIGTERM raise :class:`Interrupted` in the main thread. It is a ``BaseException``, so
no ``except Exception`` swallows it, and as it unwinds the run every ``with`` block tidies up: the
atomic writer removes its temporary file, a feed's sort removes its spill folder, the worker pool
cancels pending work and shuts down. The command then exits 130 (SIGINT) or 143 (SIGTERM) with one
line on standard error, so scripts can tell "interrupted" from "errors found". A second signal
during that clean-up ends the process at once, still without a traceback.

Python drops an exception raised inside a weakref callback, a ``__del__`` or a garbage-collector
callback ("Exception ignored in ..."), and a signal's handler runs wherever the interpreter
happens to be, an import's module-lock callback included. Such a lost :class:`Interrupted` is
caught by :data:`sys.unraisablehook` and raised again in the run itself a moment later, from a
one-shot ``SIGALRM`` (which also breaks a blocking read): a signal sent once, as ``timeout`` and
``docker stop`` do, is never lost.

A reader that stops early (``artconv validate big/ | head -1``) closes the pipe: the run ends
quietly with 141, what a shell reports for a program ended by SIGPIPE. Any other failure to write
standard output (``> /dev/full``) is one line and exit 2, like every output failure.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

BROKEN_PIPE_EXIT = 128 + signal.SIGPIPE


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; unwinding the run cleans up on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


REDELIVERY_SIGNAL: int | None = getattr(signal, "SIGALRM", None)
"""The signal that raises a lost :class:`Interrupted` again (None where there is none)."""

REDELIVERY_DELAY = 0.001
"""Seconds from a lost :class:`Interrupted` to raising it again."""

_lost: list[int] = []
"""The signal of an :class:`Interrupted` that Python dropped and that is yet to be raised again."""

_alarm_before: list[Any] = []
"""The redelivery signal's handler before it was taken over, to restore."""


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    # From now on a second signal ends the process at once: clean-up is already under way.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_now)
    raise Interrupted(signum)


def _raise_lost(signum: int, frame: FrameType | None) -> None:
    if _lost:
        raise Interrupted(_lost[0])


def _note_unraisable(previous: Any) -> Any:
    """A :data:`sys.unraisablehook` that keeps a dropped :class:`Interrupted` for raising again,
    quietly, and hands every other exception to ``previous``."""

    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Interrupted) or REDELIVERY_SIGNAL is None:
            previous(unraisable)
            return
        if not _lost:
            _lost.append(unraisable.exc_value.signum)
            _alarm_before.append(signal.signal(REDELIVERY_SIGNAL, _raise_lost))
        signal.setitimer(signal.ITIMER_REAL, REDELIVERY_DELAY)

    return hook


def _exit_now(signum: int, frame: FrameType | None) -> None:
    os._exit(128 + signum)


def silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's final flush of
    what is still buffered for a closed or full stream cannot print a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no real file descriptor (a test's captured stream)
        pass


@contextmanager
def interrupts_handled() -> Iterator[None]:
    """Run a command with SIGINT and SIGTERM turned into clean, quiet exits 130 and 143."""
    installed = _install()
    unraisable_hook = sys.unraisablehook
    if installed:
        sys.unraisablehook = _note_unraisable(unraisable_hook)
    try:
        yield
    except Interrupted as exc:
        _exit_interrupted(exc)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(BROKEN_PIPE_EXIT)
    except Exception as exc:
        # A signal that lands while Python runs a hook of its own (a class body's __set_name__
        # during an import) comes out wrapped in another exception.
        interrupted = _interrupted_cause(exc)
        if interrupted is None:
            raise
        _exit_interrupted(interrupted)
    finally:
        if _lost and REDELIVERY_SIGNAL is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(REDELIVERY_SIGNAL, _alarm_before.pop())
            _lost.clear()
        sys.unraisablehook = unraisable_hook
        for sig, previous in installed.items():
            signal.signal(sig, previous)


def _exit_interrupted(exc: Interrupted) -> None:
    from convert.cli.console import echo  # it imports this module

    name = signal.Signals(exc.signum).name
    echo(f"artconv: interrupted by {name}", err=True)
    sys.exit(exc.exit_code)


def _interrupted_cause(exc: BaseException) -> Interrupted | None:
    """The :class:`Interrupted` an exception was raised from, if any."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, Interrupted):
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _install() -> dict[int, Any]:
    """Install the handlers (only the main thread may; elsewhere, e.g. under a test runner's
    thread, signals keep their defaults)."""
    installed: dict[int, Any] = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            installed[sig] = signal.signal(sig, _raise_interrupted)
    except ValueError:
        pass
    return installed
