"""``artconv validate``: check records and report findings with exit codes scripts can trust."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import click

from convert import checking
from convert.batch import iter_inputs, map_ordered
from convert.checking import CheckSettings, read_stdin
from convert.cli.common import (
    FatalError,
    config_option,
    fatal_errors,
    jobs_option,
    progress,
    protect_inputs,
    resolve_jobs,
    settings_from,
    split_list,
    write_stdout,
)
from convert.diagnostics import Report
from convert.reporters import FORMATS, render, resolve_format, summary_line


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option("--schema", metavar="NAME|FILE",
              help="A packaged schema name or a JSON Schema file. Default: article.")
@click.option("-f", "--format", "output_format", type=click.Choice(FORMATS), default="auto",
              show_default=True, help="Output format; auto is github under GitHub Actions.")
@click.option("--strict", is_flag=True, default=None, help="Fail on warnings too.")
@click.option("--select", multiple=True, metavar="RULE",
              help="Report only these rules (ids or prefixes, repeatable or comma-separated).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not report these rules.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@jobs_option
@config_option
def validate(paths: tuple[str, ...], schema: str | None, output_format: str,
             strict: bool | None, select: tuple[str, ...], ignore: tuple[str, ...],
             output: str | None, jobs: int | None, config: str | None) -> None:
    """Check article records against the schema and the rules.

    PATHS are files, directories (searched recursively for .md, .markdown, .txt and .html
    files) or - for standard input.

    \b
    Exit status: 0 clean, 1 error-level findings (or warnings with --strict),
    2 usage, configuration, schema or plugin problems.

    \b
    Examples:
      artconv validate examples/
      artconv validate --format json --ignore consistency posts/
      artconv validate --schema my-blog.schema.json content/
    """
    with fatal_errors():
        settings = settings_from(config).with_options(
            schema=schema, strict=strict, select=split_list(select) or None,
            ignore=split_list(ignore) or None)
        inputs = list(iter_inputs(paths, settings.extensions, settings.exclude))
        if not inputs:
            click.echo(f"no record files found (looked for {', '.join(settings.extensions)})",
                       err=True)
        protect_inputs(inputs, output)
        check_settings = CheckSettings(
            True, settings.schema, settings.select, settings.ignore, settings.levels,
            settings.max_size, read_stdin(inputs, settings.max_size))
        checking.setup(check_settings)  # fail fast (exit 2) on a bad schema or rule plugin
        report = Report(files=sum(item.is_file for item in inputs))
        results = map_ordered(checking.findings, inputs, jobs=resolve_jobs(jobs, settings),
                              initializer=checking.setup, initargs=(check_settings,))
        with closing(results):  # an interrupt cancels the workers' pending files at once
            for found in progress(results, len(inputs), "Validating"):
                report.extend(found)
        rule_docs = _rule_docs() if output_format == "sarif" else None
    name = resolve_format(output_format)
    text = render(name, report, strict=settings.strict, rule_docs=rule_docs,
                  version=_version() if name == "sarif" else "")
    _emit(text, output)
    if name == "text" and (report.diagnostics or sys.stderr.isatty()):
        click.echo(summary_line(report), err=True)
    sys.exit(report.exit_code(strict=settings.strict))


def _emit(text: str, output: str | None) -> None:
    if output is None:
        write_stdout(text)
        return
    from convert.atomic import write_atomic

    try:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise FatalError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _rule_docs() -> dict[str, tuple[str, Any]]:
    from convert.rules import catalog

    return {info.id: (info.summary, info.severity) for info in catalog()
            if info.id != "schema/<keyword>"}


def _version() -> str:
    from convert.cli import _version as version

    return version()
