"""Ending a run cleanly on Ctrl-C and SIGTERM, and when standard output goes away.

SIGINT and SIGTERM raise :class:`Interrupted` in the main thread. It is a ``BaseException``, so
no ``except Exception`` swallows it, and as it unwinds the run every ``with`` block tidies up: the
atomic writer removes its temporary file, a feed's sort removes its spill folder, the worker pool
cancels pending work and shuts down. The command then exits 130 (SIGINT) or 143 (SIGTERM) with one
line on standard error, so scripts can tell "interrupted" from "errors found". A second signal
during that clean-up ends the process at once, still without a traceback.

Python can lose what a signal's handler raises: inside a weakref callback, a ``__del__`` or a
garbage-collector callback it is printed as "Exception ignored in ..." and dropped, and while
source is compiled (a lazy import with no cached bytecode) it is dropped without a word; the
handler runs wherever the interpreter happens to be. So a signal is not taken as handled until
the command itself has caught its :class:`Interrupted`: until then a repeating ``SIGALRM``
(which also breaks a blocking read) raises it again wherever the run is, except while an
:class:`Interrupted` is already unwinding, and a run that ends meanwhile still exits as
interrupted. A signal sent once, as ``timeout`` and ``docker stop`` do, is never lost.

A reader that stops early (``artconv validate big/ | head -1``) closes the pipe: the run ends
quietly with 141, what a shell reports for a program ended by SIGPIPE. Any other failure to write
standard output (``> /dev/full``) is one line and exit 2, like every output failure.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from convert.stop_signals import REDELIVERY_SIGNAL, hold, release

BROKEN_PIPE_EXIT = 128 + signal.SIGPIPE


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; unwinding the run cleans up on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


REDELIVERY_SECONDS = 0.05
"""How often an :class:`Interrupted` is raised again until the command has caught it."""


class _Pending:
    """The signal taken but not yet seen by the command, and the alarm state it displaced."""

    signum: int | None = None
    alarm_handler: Any = None
    alarm_timer: tuple[float, float] = (0.0, 0.0)
    armed_at = 0.0


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    # From now on a second signal ends the process at once: clean-up is already under way.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _exit_now)
    if _Pending.signum is None:
        _Pending.signum = signum
        if REDELIVERY_SIGNAL is not None:
            _Pending.alarm_handler = signal.signal(REDELIVERY_SIGNAL, _raise_pending)
            _Pending.alarm_timer = signal.setitimer(
                signal.ITIMER_REAL, REDELIVERY_SECONDS, REDELIVERY_SECONDS
            )
            _Pending.armed_at = time.monotonic()
    raise Interrupted(signum)


def _raise_pending(signum: int, frame: FrameType | None) -> None:
    """Raise the pending interrupt again, but not while it is already unwinding (an
    ``except``, ``finally`` or ``__exit__`` handling it runs now), where a second one would
    cut its clean-up short."""
    if _interrupted_cause(sys.exc_info()[1]) is None:
        _raise_if_pending()


def _raise_if_pending() -> None:
    if _Pending.signum is not None:
        raise Interrupted(_Pending.signum)


def _settle_pending() -> bool:
    """The command has seen its interrupt (or ended): stop raising it and put back the alarm
    the run found, a caller's timer with what was left of it. Whether one was pending.

    The handler changes hands with the stop signals held, once our timer is stopped and an
    alarm of ours already sent is taken off: an alarm in between met the default action put
    back, which ends the process, or, come just before, Python's report of a signal with no
    handler left ("ignored due to race condition"), a traceback on standard error."""
    if _Pending.signum is None:
        return False
    _Pending.signum = None  # first: an alarm that fires from here on does nothing
    if REDELIVERY_SIGNAL is None:
        return True
    held = hold()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _take_signals([REDELIVERY_SIGNAL])
        signal.signal(REDELIVERY_SIGNAL, _handler_or_default(_Pending.alarm_handler))
        delay, interval = _Pending.alarm_timer
        if delay:
            delay = max(delay - (time.monotonic() - _Pending.armed_at), 1e-6)
        signal.setitimer(signal.ITIMER_REAL, delay, interval)
    finally:
        release(held)
    return True


def _take_signals(waiting: list[int]) -> list[int]:
    """Take off the signals of ``waiting`` held and pending in this process, in order."""
    taken: list[int] = []
    if hasattr(signal, "sigtimedwait"):
        while (info := signal.sigtimedwait(waiting, 0)) is not None:
            taken.append(info.si_signo)
    return taken


def _handler_or_default(handler: Any) -> Any:
    """A handler to put back: one set from C reads as None, which cannot be set again."""
    return signal.SIG_DFL if handler is None else handler


def _take_late(alarm_too: bool) -> int | None:
    """Take off a stop signal that came while the handlers were being put back (and our
    alarm's, when it ran), so that releasing them does not deliver it to the caller's."""
    waiting: list[int] = [signal.SIGINT, signal.SIGTERM]
    if alarm_too and REDELIVERY_SIGNAL is not None:
        waiting.append(REDELIVERY_SIGNAL)
    late = [signum for signum in _take_signals(waiting) if signum != REDELIVERY_SIGNAL]
    return late[0] if late else None


def _quiet_unraisable(previous: Any) -> Any:
    """A :data:`sys.unraisablehook` that drops an :class:`Interrupted` Python could not raise
    (it is raised again, see above) instead of printing it, and hands on everything else."""

    def hook(unraisable: Any) -> None:
        if _interrupted_cause(unraisable.exc_value) is None:
            previous(unraisable)

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


_depth = [0]
"""How many runs handle interrupts now: a nested one (the command inside ``run()``) leaves
them to the outermost."""


@contextmanager
def interrupts_handled(*, ends_process: bool = False) -> Iterator[None]:
    """Run a command with SIGINT and SIGTERM turned into clean, quiet exits 130 and 143.

    ``ends_process``: the caller is the program, which exits when the command does. Once an
    interrupted command has cleaned up, the exit it chose (130 or 143) is under way, and a
    further Ctrl-C is ignored until the process has gone: the handler put back met one with
    a KeyboardInterrupt traceback, and while the interpreter shuts down (tens of
    milliseconds, once numpy and lxml are loaded) it puts back the default action of any
    handled signal, which killed the process (-2). An ignored signal it leaves ignored.
    SIGTERM gets its handler back, so that a supervisor can still end a stuck exit. A caller
    that goes on after the command gets its own handlers back."""
    if _depth[0]:
        yield
        return
    held = hold()  # until the handlers are in place and the run is inside the try below
    _depth[0] += 1
    installed = _install()
    unraisable_hook = sys.unraisablehook
    if installed:
        sys.unraisablehook = _quiet_unraisable(unraisable_hook)
    ended_interrupted = False
    try:
        try:
            release(held)
            yield
        except BrokenPipeError:
            _raise_if_pending()
            silence_stdout()
            sys.exit(BROKEN_PIPE_EXIT)
        except Exception as exc:
            # A signal that lands while Python runs a hook of its own (a class body's
            # __set_name__ during an import) comes out wrapped in another exception.
            interrupted = _interrupted_cause(exc)
            if interrupted is None:
                _raise_if_pending()
                raise
            raise interrupted from None
        except SystemExit:
            _raise_if_pending()  # an exit of the run's own, ahead of a lost interrupt
            raise
        _raise_if_pending()
    except Interrupted as exc:
        ended_interrupted = True
        _settle_pending()
        _exit_interrupted(exc)
    finally:
        hold()
        try:
            alarm_ran = _settle_pending()
            sys.unraisablehook = unraisable_hook
            for sig, previous in installed.items():
                signal.signal(sig, _handler_or_default(previous))
            late = _take_late(alarm_ran or ended_interrupted)
            # Kept through the interpreter's exit. SIGTERM keeps its own handler: a stop signal
            # from a supervisor should still end a stuck exit.
            exiting = ends_process and (ended_interrupted or late is not None)
            if exiting and signal.SIGINT in installed:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        finally:
            _depth[0] -= 1
            release(held)
        if late is not None and not ended_interrupted:
            _exit_interrupted(Interrupted(late))  # a signal during the run's last steps


def _exit_interrupted(exc: Interrupted) -> None:
    message = f"artconv: interrupted by {signal.Signals(exc.signum).name}"
    try:
        from convert.cli.console import echo  # it imports this module
    except Exception:
        # module half made (Python 3.13's pathlib was, and importing it again raised NameError)
        os.write(2, (message + "\n").encode())
    else:
        echo(message, err=True)
    sys.exit(exc.exit_code)


def _interrupted_cause(exc: BaseException | None) -> Interrupted | None:
    """The :class:`Interrupted` an exception (if any) was raised from, if any."""
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
            if signal.getsignal(sig) is not signal.SIG_IGN:  # `artconv ... &` keeps ignoring
                installed[sig] = signal.signal(sig, _raise_interrupted)
    except ValueError:
        pass
    return installed
