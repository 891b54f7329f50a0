"""Pieces shared by the sub-commands: fatal-error handling, settings, progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from convert.batch import Input, file_identity
from convert.cli.interrupts import silence_stdout
from convert.config import Settings, load_settings, load_settings_file
from convert.errors import ConvertError

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

PROGRESS_THRESHOLD = 50
"""Runs over fewer files finish before a progress bar would help."""


class FatalError(click.ClickException):
    """A configuration, schema or plugin failure: exit code 2, like a usage error."""

    exit_code = 2


@contextmanager
def fatal_errors() -> Iterator[None]:
    """Turn the library's fatal exceptions into a one-line message and exit code 2."""
    try:
        yield
    except ConvertError as exc:
        raise FatalError(str(exc)) from exc


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output now, so a failure is reported while we can.

    A closed pipe (``| head``) passes up as ``BrokenPipeError`` and ends the run quietly; any
    other failure (a full disk behind ``> file``) is one line and exit 2.
    """
    try:
        click.echo(text, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from exc


def stdout_failed(exc: OSError) -> FatalError:
    """The error for a failed write to standard output; what is still buffered is dropped so
    that the interpreter's last flush cannot print a second, raw error."""
    silence_stdout()
    return FatalError(f"cannot write standard output: {exc.strerror or exc}")


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``("a", "b", "c")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def settings_from(config: str | None) -> Settings:
    """The settings of the nearest config file, or of ``--config FILE``."""
    if config is None:
        return load_settings()
    return load_settings_file(Path(config))


def progress(items: Iterable[T], label: str, length: int | Callable[[], int]) -> Iterator[T]:
    """Iterate ``items`` with a progress bar on an interactive terminal, silently otherwise.

    ``length`` may be a function, called only on a terminal: counting a streamed run's files
    takes a walk of its own, which pipes and CI never pay for.
    """
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    if not interactive:
        yield from items
        return
    total = length() if callable(length) else length
    if total < PROGRESS_THRESHOLD:
        yield from items
        return
    with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
        yield from bar


def count_inputs(paths: Iterable[str], settings: Settings) -> int:
    """How many inputs a run over ``paths`` meets (for the progress bar)."""
    from convert.run.discovery import sorted_inputs

    return sum(1 for _ in sorted_inputs(paths, settings.extensions, settings.exclude))


def guard_output(inputs: Iterable[Input], output: str | Path | None) -> Iterator[Input]:
    """Pass ``inputs`` on, refusing (exit 2) an ``output`` that is one of them: inputs are
    never overwritten. One identity check per input, as the run streams."""
    target = None if output is None or str(output) == "-" else file_identity(output)
    if target is None:
        yield from inputs
        return
    for item in inputs:
        if item.path != "-" and file_identity(item.path) == target:
            raise click.UsageError(f"{output} is one of the inputs; it is never overwritten")
        yield item


def config_option(func: F) -> F:
    return click.option(
        "--config",
        type=click.Path(dir_okay=False, exists=True),
        help="Read settings from this file instead of the nearest pyproject.toml/artconv.toml.",
    )(func)


def jobs_option(func: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=None,
        help="Worker processes (0 = one per core). Default: 1, or jobs in the config.",
    )(func)


def engine_options(func: F) -> F:
    func = click.option(
        "--partition",
        type=click.IntRange(min=1),
        default=1000,
        show_default=True,
        metavar="N",
        help="With --engine dask: files per task sent to a worker.",
    )(func)
    func = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the scheduler, e.g. tcp://host:8786. Default: "
        "DASK_SCHEDULER_ADDRESS, or a cluster on this machine for the run.",
    )(func)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: this process or --jobs processes; dask: a Dask cluster (dask extra).",
    )(func)


def engine_jobs(engine: str, jobs: int | None, settings: Settings) -> int:
    """Worker processes: under Dask, a started cluster has one per core unless --jobs says."""
    if engine == "dask" and jobs is None:
        return 0
    return resolve_jobs(jobs, settings)


def resolve_jobs(jobs: int | None, settings: Settings) -> int:
    value = settings.jobs if jobs is None else jobs
    return (os.cpu_count() or 1) if value == 0 else value
