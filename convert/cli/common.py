"""Pieces shared by the sub-commands: fatal-error handling, settings, progress."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

import click

from convert.cli import console
from convert.cli.doc_text import plain_help
from convert.cli.run_options import (  # moved there (click-free), still imported from here
    PROGRESS_THRESHOLD as PROGRESS_THRESHOLD,
)
from convert.cli.run_options import count_inputs as count_inputs
from convert.cli.run_options import engine_jobs as engine_jobs
from convert.cli.run_options import guard_output as guard_output
from convert.cli.run_options import progress as progress
from convert.cli.run_options import resolve_jobs as resolve_jobs
from convert.cli.run_options import settings_from as settings_from
from convert.cli.run_options import split_list as split_list
from convert.errors import ConvertError
from convert.limits import MAX_JOBS

F = TypeVar("F", bound=Callable[..., Any])


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


@contextmanager
def stdout_writes() -> Iterator[None]:
    """:func:`console.stdout_writes` for a click command: its failure is a :class:`FatalError`."""
    try:
        with console.stdout_writes():
            yield
    except console.CommandError as exc:
        raise FatalError(exc.message) from exc


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output now (:func:`stdout_writes`)."""
    with stdout_writes():
        click.echo(text, nl=False)


def stdout_failed(exc: OSError) -> FatalError:
    """The error for a failed write to standard output (the message of the click-free one)."""
    return FatalError(console.stdout_failed(exc).message)


@contextmanager
def printing_while_parsing() -> Iterator[None]:
    """``--help`` and ``--version`` print while the command line is parsed, before a
    command's body or the group's invoke could catch a failed write: a closed pipe ends the
    run quietly, any other failure is one line and exit 2, as for the rest of the output."""
    from convert.cli.interrupts import BROKEN_PIPE_EXIT, silence_stdout

    try:
        yield
    except BrokenPipeError:
        silence_stdout()
        raise click.exceptions.Exit(BROKEN_PIPE_EXIT) from None
    except OSError as exc:
        raise stdout_failed(exc) from exc


class OutputPath(click.Path):
    """A ``-o`` path: an empty one (``-o "$OUT"`` with the variable unset) is refused, where
    it had been taken for the working folder; so is a name ending in ``/`` where no folder
    may go (``validate -o reports/``): it names a folder, as ``cp`` and ``mv`` read it, and
    had been written as a file named ``reports``."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail("an empty name names no file or folder", param, ctx)
        if isinstance(value, str) and not self.dir_okay and value.endswith(("/", os.sep)):
            # Worded as click words an existing folder here.
            name = click.format_filename(value)
            self.fail(f"{self.name.title()} {name!r} is a directory.", param, ctx)
        return super().convert(value, param, ctx)


class Command(click.Command):
    """A sub-command whose ``--help`` fails to write as the rest of its output does, and
    shows its docstring without Sphinx markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with printing_while_parsing():
            return super().parse_args(ctx, args)


class Group(click.Group):
    """A group of sub-commands (``artconv profile``) whose ``--help`` fails and reads alike."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        with printing_while_parsing():
            return super().parse_args(ctx, args)


class OnOffFlag(click.Option):
    """A flag with its off switch (``--NAME/--no-NAME``), shown in ``--help`` as
    ``--[no-]NAME``: the pair spelt out (``--force-exclude / --no-force-exclude``) is wider
    than the column the other options share, and would either widen that column for every
    option or put this option's help on a line of its own."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        name = self.opts[0].removeprefix("--")
        if record is None or [*self.opts, *self.secondary_opts] != [f"--{name}", f"--no-{name}"]:
            return record  # any other spelling is shown as click shows it
        return f"--[no-]{name}", record[1]


def exclude_option(func: F) -> F:
    func = click.option(
        "--force-exclude/--no-force-exclude",
        cls=OnOffFlag,
        default=None,
        help="Hold files named on the command line to the exclude globs too, as the pre-commit "
        "hooks do: one is left out when a walk of a folder above it (within the "
        "configuration's folder) would leave it out, so exclude = ['drafts/*'] leaves out a "
        "staged drafts/a.md or blog/drafts/a.md. Default: the configuration's force-exclude, "
        "else off; --no-force-exclude turns a configured one off.",
    )(func)
    return click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Leave out the files below a folder argument whose path matches GLOB "
        "(repeatable; added to the configuration's exclude), e.g. 'drafts/*'.",
    )(func)


def given(name: str) -> bool:
    """Whether the current command's parameter ``name`` was given on the command line (not
    left to its default)."""
    source = click.get_current_context().get_parameter_source(name)
    return source is click.core.ParameterSource.COMMANDLINE


def schema_option(func: F) -> F:
    return click.option(
        "--schema",
        metavar="NAME|FILE",
        help="A packaged schema name or a JSON Schema file. Default: article.",
    )(func)


def strict_option(func: F) -> F:
    return click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")(func)


def rule_options(func: F) -> F:
    """``--select`` and ``--ignore``, read by :func:`convert.cli.run_options.checking_settings`."""
    func = click.option(
        "--ignore", multiple=True, metavar="RULE", help="Do not report these rules."
    )(func)
    return click.option(
        "--select",
        multiple=True,
        metavar="RULE",
        help="Report only these rules (ids or prefixes, repeatable or comma-separated).",
    )(func)


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
        type=click.IntRange(min=0, max=MAX_JOBS),
        default=None,
        help="Worker processes (0 = one per core). Default: 1, or jobs in the config.",
    )(func)


def engine_options(command: F) -> F:
    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        # A run meant for a cluster must not run here without a word, nor a tuning knob
        # be passed over silently; the configuration's values may stay (one file serves
        # every run), so only the command line's count.
        if kwargs.get("engine") != "dask":
            if kwargs.get("scheduler") is not None:
                raise click.UsageError("--scheduler applies only with --engine dask")
            if given("partition"):
                raise click.UsageError("--partition applies only with --engine dask")
        return command(*args, **kwargs)

    func = cast(F, checked)
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
