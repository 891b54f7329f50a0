"""``artconv validate``: check records and report findings with exit codes scripts can trust."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from convert.cli.common import (
    FatalError,
    config_option,
    count_inputs,
    engine_jobs,
    engine_options,
    fatal_errors,
    guard_output,
    jobs_option,
    progress,
    settings_from,
    split_list,
    stdout_failed,
)
from convert.cli.profile_cmd import profile_options, run_profile
from convert.reporters import FORMATS, resolve_format, summary_line


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--schema",
    metavar="NAME|FILE",
    help="A packaged schema name or a JSON Schema file. Default: article.",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Output format; auto is github under GitHub Actions.",
)
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULE",
    help="Report only these rules (ids or prefixes, repeatable or comma-separated).",
)
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not report these rules.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file instead of standard output.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes first (see artconv fix).")
@jobs_option
@engine_options
@config_option
@profile_options()
def validate(
    paths: tuple[str, ...],
    schema: str | None,
    output_format: str,
    strict: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: str | None,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    partition: int,
    config: str | None,
    fix: bool,
    **profile: str | None,
) -> None:
    """Check article records against the schema and the rules.

    PATHS are files, directories (searched recursively for .md, .markdown, .txt and .html
    files), - for standard input, or URLs such as s3://bucket/news/ (with the dask extra).

    \b
    Exit status: 0 clean, 1 error-level findings (or warnings with --strict),
    2 usage, configuration, schema or plugin problems.

    \b
    Examples:
      artconv validate examples/
      artconv validate --format json --ignore consistency posts/
      artconv validate --schema my-blog.schema.json content/
    """
    from convert.run import validate_paths

    name = resolve_format(output_format)
    with fatal_errors():
        settings = settings_from(config).with_options(
            schema=schema,
            strict=strict,
            select=split_list(select) or None,
            ignore=split_list(ignore) or None,
        )
        report = validate_paths(
            paths,
            settings=settings,
            jobs=engine_jobs(engine, jobs, settings),
            engine=engine,
            scheduler=scheduler,
            partition=partition,
            profile=run_profile(settings, **profile),
            fix=fix,
            watch=lambda inputs: progress(
                guard_output(inputs, output), "Validating", lambda: count_inputs(paths, settings)
            ),
        )
        options: dict[str, Any] = {"strict": settings.strict}
        if name == "sarif":
            options.update(rule_docs=_rule_docs(), version=_version())
        if name in ("json", "sarif"):
            options.update(suggest=_suggest)
    with report, fatal_errors():  # an interrupt cancels the workers' pending files at once
        _emit(name, report, output, options)
    if report.inputs == 0:
        click.echo(f"no record files found (looked for {', '.join(settings.extensions)})", err=True)
    if name == "text" and (report.counts.total() or sys.stderr.isatty()):
        click.echo(summary_line(report), err=True)
    sys.exit(report.exit_code())


def _emit(name: str, report: Any, output: str | None, options: dict[str, Any]) -> None:
    """Stream the report to standard output, or atomically to the ``-o`` file."""
    from convert.run import write_report
    from convert.run.urls import is_url, write_url

    if output is None:
        try:
            write_report(name, report, sys.stdout, **options)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise stdout_failed(exc) from exc
        return
    import io

    if is_url(output):
        buffer = io.StringIO()
        write_report(name, report, buffer, **options)
        try:
            write_url(output, buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            raise FatalError(f"cannot write {output}: {exc.strerror or exc}") from exc
        return

    from convert.atomic import atomic_output

    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(output) as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            try:
                write_report(name, report, text, **options)
                text.flush()
            finally:
                text.detach()  # the atomic writer closes the file itself
    except OSError as exc:
        raise FatalError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _suggest(found: list[Any]) -> Any:
    """The fix each of one file's findings would get, for the JSON and SARIF reports."""
    from convert.checking import current_settings
    from convert.fixes.run import suggested_fixes

    path = found[0].path
    return suggested_fixes({path: path}, found, current_settings())


def _rule_docs() -> dict[str, tuple[str, Any]]:
    from convert.rules import catalog

    return {
        info.id: (info.summary, info.severity)
        for info in catalog()
        if info.id != "schema/<keyword>"
    }


def _version() -> str:
    from convert.cli import _version as version

    return version()
