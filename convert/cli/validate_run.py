"""The body of ``artconv validate``, free of click.

The click command (:mod:`convert.cli.validate_cmd`) parses the options and calls
:func:`run_validate`; ``artconv validate FILE...`` with nothing but paths calls it directly
(:mod:`convert.cli.quick`). The keyword defaults here are the options' defaults: a test holds
them to what click passes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

from convert.cli.console import (
    CommandError,
    around_progress,
    cannot_write,
    echo,
    fatal_errors,
    names_as_bytes,
    stdout_writes,
)
from convert.cli.run_options import (
    checking_settings,
    count_inputs,
    engine_jobs,
    guard_output,
    nothing_found,
    progress,
    run_profile,
    site_hint,
)
from convert.reporters import resolve_format, summary_line


def run_validate(
    paths: tuple[str, ...],
    *,
    schema: str | None = None,
    output_format: str = "auto",
    strict: bool | None = None,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    output: str | None = None,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    partition: int = 1000,
    config: str | None = None,
    fix: bool = False,
    exclude: tuple[str, ...] = (),
    force_exclude: bool | None = None,
    **profile: str | None,
) -> NoReturn:
    """Validate ``paths``, write the report and exit with the run's exit code.

    Raises:
        CommandError: a configuration, schema, plugin or output failure (exit code 2).
    """
    from convert.run import validate_paths

    name = resolve_format(output_format)
    with fatal_errors():
        settings = checking_settings(
            config,
            schema=schema,
            strict=strict,
            select=select,
            ignore=ignore,
            exclude=exclude,
            force_exclude=force_exclude,
        )
        site = run_profile(settings, **profile)
        report = validate_paths(
            paths,
            settings=settings,
            jobs=engine_jobs(engine, jobs, settings),
            engine=engine,
            scheduler=scheduler,
            partition=partition,
            profile=site,
            fix=fix,
            watch=lambda inputs: guard_output(inputs, output),
            finished=lambda results: progress(
                results, "Validating", lambda: count_inputs(paths, settings, profile=site)
            ),
        )
        options: dict[str, Any] = {"strict": settings.strict}
    with report, fatal_errors():  # an interrupt cancels the workers' pending files at once
        _emit(name, report, output, options)
    if report.inputs == 0:
        echo(nothing_found(settings), err=True)
    if name == "text" and (report.counts.total() or sys.stderr.isatty()):
        echo(summary_line(report), err=True)
    hint = site_hint(paths, site, report)
    if hint is not None:
        echo(hint, err=True)
    sys.exit(report.exit_code())


def _emit(name: str, report: Any, output: str | None, options: dict[str, Any]) -> None:
    """Stream the report to standard output, or atomically to the ``-o`` file."""
    from convert.run import write_report
    from convert.run.urls import is_url, write_url

    if output is None:
        with stdout_writes():
            names_as_bytes(sys.stdout)
            write_report(name, report, around_progress(sys.stdout), **options)
        return
    import io

    if is_url(output):
        buffer = io.StringIO()
        write_report(name, report, buffer, **options)
        try:
            write_url(output, buffer.getvalue().encode("utf-8", "surrogateescape"))
        except OSError as exc:
            raise CommandError(cannot_write(exc, output)) from exc
        return

    from convert.atomic import atomic_output

    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(output) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
            try:
                write_report(name, report, text, **options)
                text.flush()
            finally:
                text.detach()  # the atomic writer closes the file itself
    except OSError as exc:
        raise CommandError(cannot_write(exc, output)) from exc
