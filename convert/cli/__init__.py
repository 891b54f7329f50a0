"""The ``artconv`` command line: its table of sub-commands and its entry point.

The click group lives in :mod:`convert.cli.group`; this package imports no click itself, so
that ``artconv validate FILE...`` can run without it (:mod:`convert.cli.quick`).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TYPE_CHECKING, Any

from convert.cli.interrupts import interrupts_handled  # no click: ready before any import

if TYPE_CHECKING:
    from convert.cli.group import LazyGroup, main

__all__ = ["COMMANDS", "LazyGroup", "main", "run"]

COMMANDS: dict[str, tuple[str, str]] = {
    # name: ("module:attribute", one-line help shown by `artconv --help`)
    "validate": ("convert.cli.validate_cmd:validate", "Check article records against the schema."),
    "convert": ("convert.cli.convert_cmd:convert", "Convert records to JSON, feeds or text."),
    "fix": ("convert.cli.fix_cmd:fix", "Apply the safe fixes to records, in place."),
    "formats": ("convert.cli.convert_cmd:formats", "List the output formats."),
    "import": ("convert.cli.import_cmd:import_", "Turn RSS, Atom and JSON feeds into records."),
    "rules": ("convert.cli.info_cmd:rules", "List the validation rules."),
    "schema": ("convert.cli.info_cmd:schema", "Print a packaged schema."),
    "profiles": ("convert.cli.profile_cmd:profiles", "List the site profiles."),
    "profile": ("convert.cli.profile_cmd:profile", "Show what a site profile maps."),
}


def _version() -> str:
    from convert import __version__

    return __version__


def run(*args: Any, **kwargs: Any) -> Any:
    """The ``artconv`` command (and ``python -m convert``).

    ``artconv validate PATH...`` with nothing but paths runs without importing click (see
    :mod:`convert.cli.quick`); every other command line goes to the click group.
    """
    # From the start: Ctrl-C during the imports below is clean too. Called bare, as the
    # program (the script and ``python -m convert``): the process ends with the command.
    if not args and not kwargs:
        _stand_in_for_closed_streams()
    with interrupts_handled(ends_process=not args and not kwargs):
        if not args and not kwargs:
            from convert.cli.quick import plain_validate_paths, validate_quickly

            paths = plain_validate_paths(sys.argv[1:], os.environ)
            if paths is not None:
                validate_quickly(paths)
        from convert.cli.group import main

        return main(*args, prog_name="artconv", **kwargs)


class _ClosedOutput(io.RawIOBase):
    """Standard output started closed (``artconv ... >&-``): the first write fails as
    writing to a closed descriptor does, which the run reports (exit 2); what is written
    after that, the interpreter's last flush of the buffer among it, is dropped quietly."""

    failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if not self.failed:
            self.failed = True
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return len(data)


def _stand_in_for_closed_streams() -> None:
    """Fill descriptors 0-2 that the program started without (Python then sets sys.stdout
    and the rest to None, and every command ended in AttributeError) with the null device,
    so that no file opened later takes one of their numbers, where a stray write to standard
    output or error would land in it. Standard input then reads as empty, standard output
    fails when it is written to, and what goes to standard error is dropped."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:  # the lowest free number: it is fd unless a lower one is free too
                os.dup2(null, fd)
                os.close(null)
        if fd == 0:  # read as empty, as < /dev/null is
            sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)))
        elif fd == 1:
            sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedOutput()), encoding="utf-8")
        else:  # findings and messages go to the null device: the output and status stay
            sys.stderr = io.TextIOWrapper(
                io.FileIO(2, "w", closefd=False),
                encoding="utf-8",
                errors="backslashreplace",
                line_buffering=True,
            )


def __getattr__(name: str) -> Any:
    """``main`` (the click group) and ``LazyGroup`` load click only when asked for."""
    if name in ("main", "LazyGroup"):
        from convert.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
