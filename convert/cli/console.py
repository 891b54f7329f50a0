"""Writing to the terminal and failing with exit code 2, without click.

``artconv validate FILE...``, what the pre-commit hook runs on every commit, takes a path that
never imports click (see :mod:`convert.cli.quick`); its command body uses these helpers, and so
does the click path, so both print the same bytes. :func:`echo` writes text as ``click.echo``
does on the streams Python sets up (an ANSI colour code is dropped when the stream is no
terminal); click's re-encoding of a stream configured as ASCII is the one thing it leaves out.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, cast

from convert.cli.interrupts import BROKEN_PIPE_EXIT, interrupts_handled, silence_stdout
from convert.errors import ConvertError

_ANSI_CODE = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


class CommandError(Exception):
    """A configuration, schema, plugin or output failure: ``Error: ...`` and exit code 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def echo(message: str, *, err: bool = False) -> None:
    """Write one line to standard output (or error) at once."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw)
        return
    text = message + "\n"
    if not _is_terminal(stream):
        text = _ANSI_CODE.sub("", text)
    elif _BAR:  # a message during a run ends it (an interrupt, an error): the bar stays above
        _end_progress()
    stream.write(text)
    stream.flush()


class ProgressBar:
    """``Label  [#######-----]   42%  00:00:07`` on a terminal, kept below what is written.

    The bar is one line redrawn in place after a carriage return; a finding written to the
    same terminal meanwhile landed on that line, after the bar. Output written through
    :func:`around_progress` clears the bar first and draws it again below a finished line.
    """

    WIDTH = 36
    REDRAW_SECONDS = 0.1

    def __init__(self, label: str, total: int, stream: IO[str]) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream
        self.done = 0
        self._started = self._drawn_at = time.monotonic()
        self._shown = 0  # characters of the bar on the screen (0: none)
        self._ended = False

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._drawn_at >= self.REDRAW_SECONDS or self.done >= self.total:
            self._drawn_at = now
            self.draw()

    def line(self) -> str:
        import shutil

        done = min(self.done, self.total)  # the count was taken by a walk of its own
        room = shutil.get_terminal_size().columns - len(self.label) - 20
        width = max(0, min(self.WIDTH, room))
        filled = width * done // self.total
        percent = 100 * done // self.total
        text = f"{self.label}  [{'#' * filled}{'-' * (width - filled)}]  {percent:3d}%"
        elapsed = time.monotonic() - self._started
        if 0 < done < self.total and elapsed >= 1:
            left = int(elapsed / done * (self.total - done))
            text += f"  {left // 3600:02d}:{left // 60 % 60:02d}:{left % 60:02d}"
        return text

    def draw(self) -> None:
        if self._ended:
            return
        text = self.line()
        self.stream.write("\r" + text + " " * max(0, self._shown - len(text)))
        self.stream.flush()
        self._shown = len(text)

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def end(self) -> None:
        """Leave the bar as it stands on a line of its own, never to be drawn again."""
        if self._ended:
            return
        self.draw()
        self.stream.write("\n")
        self.stream.flush()
        self._shown = 0
        self._ended = True


_BAR: list[ProgressBar] = []
"""The bar on the terminal now, if any."""


@contextmanager
def progress_shown(bar: ProgressBar) -> Iterator[ProgressBar]:
    """Show ``bar`` while the block runs, and end its line when the block ends."""
    _BAR.append(bar)
    bar.draw()
    try:
        yield bar
    finally:
        if bar in _BAR:
            _BAR.remove(bar)
        bar.end()


def _end_progress() -> None:
    """End the bar's line where it stands: a message comes (an interrupt, an error)."""
    while _BAR:
        _BAR.pop().end()


class _AroundProgress:
    """A text stream's writes, each made with the progress bar out of the way."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not _BAR:
            return self._stream.write(text)
        bar = _BAR[-1]
        bar.clear()
        written = self._stream.write(text)
        if text.endswith("\n"):  # a line finished: the bar goes below it
            self._stream.flush()
            bar.draw()
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def around_progress(stream: IO[str]) -> IO[str]:
    """``stream``, or on a terminal a stream whose writes never land on a progress bar's line
    (the bar is cleared before and drawn again after each line)."""
    if not _is_terminal(stream):  # the bar is on the terminal, the lines go elsewhere
        return stream
    return cast("IO[str]", _AroundProgress(stream))


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except Exception:  # a replaced stream may not answer at all
        return False


def names_as_bytes(stream: Any) -> None:
    """Have ``stream`` write the surrogates of a file name that is no UTF-8 as the bytes they
    stand for (``os.fsdecode``), as Python's own standard output does under a C or UTF-8
    locale; a strict one (another UTF-8 locale) raised UnicodeEncodeError on such a name,
    and standard error wrote it as ``caf\\udce9.md``, a name no shell opens. Any other
    character the stream cannot encode is written as an escape, never an error."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", None) in _REPLACED:
        reconfigure(errors=_register_names_as_bytes())


_REPLACED = ("strict", "backslashreplace", "surrogateescape")
_NAMES_AS_BYTES = "artconv.names-as-bytes"


def _register_names_as_bytes() -> str:
    import codecs

    try:
        codecs.lookup_error(_NAMES_AS_BYTES)
    except LookupError:
        codecs.register_error(_NAMES_AS_BYTES, _name_bytes)
    return _NAMES_AS_BYTES


def _name_bytes(error: UnicodeError) -> tuple[str | bytes, int]:
    """The bytes a file name's surrogates stand for (as ``surrogateescape`` writes them),
    else a backslash escape (as ``backslashreplace`` does)."""
    import codecs

    assert isinstance(error, UnicodeEncodeError)
    bad = error.object[error.start : error.end]
    if all(0xDC80 <= ord(char) <= 0xDCFF for char in bad):
        return bytes(ord(char) - 0xDC00 for char in bad), error.end
    return codecs.backslashreplace_errors(error)


@contextmanager
def fatal_errors() -> Iterator[None]:
    """Turn the library's fatal exceptions into a one-line message and exit code 2."""
    try:
        yield
    except ConvertError as exc:
        raise CommandError(str(exc)) from exc


def cannot_write(exc: OSError, where: object) -> str:
    """``cannot write WHERE: why``, for an output that failed; a file standing where a folder
    was to be made is said so in words (the system's own were "File exists")."""
    from pathlib import Path  # here: the start-up imports are what Ctrl-C may interrupt

    named = None if exc.filename is None else Path(os.fsdecode(exc.filename))
    if exc.errno == errno.EEXIST and named is not None and not named.is_dir():
        return f"cannot write into {named}: it is a file, not a folder"
    return f"cannot write {where}: {exc.strerror or exc}"


def stdout_failed(exc: OSError) -> CommandError:
    """The error for a failed write to standard output; what is still buffered is dropped so
    that the interpreter's last flush cannot print a second, raw error."""
    silence_stdout()
    return CommandError(f"cannot write standard output: {exc.strerror or exc}")


@contextmanager
def stdout_writes() -> Iterator[None]:
    """Write to standard output in the block, flushed at its end, so a failure is reported
    while we can.

    A closed pipe (``| head``) passes up as ``BrokenPipeError`` and ends the run quietly; any
    other failure (a full disk behind ``> file``) is a :class:`CommandError`, one line and
    exit 2.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from exc


def flush_stdout() -> None:
    """Flush standard output while a failure can still be reported (:func:`stdout_writes`)."""
    with stdout_writes():
        pass


@contextmanager
def command_run() -> Iterator[None]:
    """Run a command body outside click as click runs it: interrupts exit 130/143, output is
    flushed at the end, a closed pipe ends quietly, a failure is ``Error: ...`` and exit 2."""
    with interrupts_handled():
        try:
            try:
                yield
            finally:
                flush_stdout()
        except BrokenPipeError:
            silence_stdout()
            sys.exit(BROKEN_PIPE_EXIT)
        except CommandError as exc:
            echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)
