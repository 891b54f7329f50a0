"""``artconv convert`` and ``artconv formats``: a thin layer over :mod:`convert.conversion`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, BinaryIO

import click

from convert import checking
from convert.batch import Input, file_identity, input_identities, iter_inputs, map_ordered
from convert.checking import CheckSettings, read_stdin
from convert.cli.common import (
    FatalError,
    config_option,
    engine_jobs,
    engine_options,
    fatal_errors,
    jobs_option,
    progress,
    protect_inputs,
    resolve_jobs,
    settings_from,
    stdout_failed,
    write_stdout,
)
from convert.diagnostics import Diagnostic, Report
from convert.plugins import Discover, _installed


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-t",
    "--to",
    "fmt",
    required=True,
    metavar="FORMAT",
    help="Output format (see `artconv formats`).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (feeds, jsonl) or folder (json and other per-record formats). "
    "Default: standard output.",
)
@click.option("--validate", is_flag=True, help="Validate first and skip records with errors.")
@click.option("--feed-title", help="Feed title.")
@click.option("--feed-link", metavar="URL", help="The site the feed belongs to.")
@click.option("--feed-url", metavar="URL", help="Where the feed itself is published.")
@click.option("--feed-description", help="Feed description (default: the title).")
@click.option("--language", metavar="TAG", help="Feed language, e.g. en or en-GB.")
@click.option("--base-url", metavar="URL", help="Make relative URLs absolute against this.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many feed items.")
@click.option(
    "--include-unpublished",
    is_flag=True,
    default=None,
    help="Keep records with published: false in feeds.",
)
@click.option("--indent", type=click.IntRange(min=0), help="JSON indentation (0: one line).")
@jobs_option
@engine_options
@config_option
def convert(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    validate: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    partition: int,
    config: str | None,
    **options: Any,
) -> None:
    """Convert article records to another format.

    PATHS are files, directories (searched recursively) or - for standard input. Feeds and
    jsonl write one document; json writes one document per record, into the -o folder
    (mirroring the input tree) or to standard output. Findings go to standard error.

    \b
    Exit status: 0 clean, 1 error-level findings, 2 usage, configuration or plugin problems.

    \b
    Examples:
      artconv convert posts/ --to rss --feed-title News --feed-link https://example.com/ \\
          --feed-url https://example.com/feed.xml -o public/feed.xml
      artconv convert posts/ --to json -o build/json/
      artconv convert story.md --to json --indent 0
    """
    from convert.conversion import feed_options, fit_to_convert, options_for, write_each
    from convert.converters import get_converter
    from convert.validation import Policy

    report = Report()
    with fatal_errors():
        settings = settings_from(config)
        converter = get_converter(fmt, _find())
        chosen = options_for(converter, feed_options(settings.feed), options)
        inputs = list(_inputs(paths, settings))
        report.files = sum(item.is_file for item in inputs)
        protect_inputs(inputs, output)
        to_file = output is not None and (converter.collection or _single_file(inputs, output))
        if output is not None and to_file and output.is_dir():
            raise click.UsageError(f"{output} is a folder; {fmt} writes one file")
        if output is not None and not to_file and output.exists() and not output.is_dir():
            raise click.UsageError(
                f"{output} is a file; {fmt} writes one file per record, so -o must be a folder"
            )
        check_settings = CheckSettings(
            validate,
            settings.schema,
            settings.select,
            settings.ignore,
            settings.levels,
            settings.max_size,
            read_stdin(inputs, settings.max_size),
        )
        checking.setup(check_settings)  # fail fast (exit 2) on a bad schema or rule plugin
        if engine == "dask":
            from convert.run.dask_engine import dask_checked

            loaded = dask_checked(iter(inputs), check_settings, scheduler=scheduler,
                                  workers=engine_jobs(engine, jobs, settings),
                                  partition=partition)
        else:
            loaded = map_ordered(
                checking.check,
                inputs,
                jobs=resolve_jobs(jobs, settings),
                initializer=checking.setup,
                initargs=(check_settings,),
            )
        # Converter findings obey the same select/ignore/levels as the validator's.
        policy = Policy(settings.select, settings.ignore, settings.levels)

        def emit(diagnostic: Diagnostic) -> None:
            kept = policy.apply(diagnostic)
            if kept is not None:
                report.diagnostics.append(kept)

        def fit() -> Iterator[tuple[Any, str]]:
            for item, (record, found) in zip(
                inputs, progress(loaded, "Converting", len(inputs)), strict=True
            ):
                report.extend(found)
                if fit_to_convert(record, found, validated=validate):
                    yield record, item.relative

        with closing(loaded):  # an interrupt cancels the workers' pending files at once
            try:
                if output is None:
                    _write(converter, (r for r, _ in fit()), sys.stdout.buffer, emit, chosen)
                elif to_file:
                    from convert.atomic import atomic_output

                    output.parent.mkdir(parents=True, exist_ok=True)
                    with atomic_output(output) as stream:
                        _write(converter, (r for r, _ in fit()), stream, emit, chosen)
                else:
                    output.mkdir(parents=True, exist_ok=True)
                    inputs_ids = input_identities(inputs)
                    write_each(fit(), converter, output, emit,
                               lambda path: file_identity(path) in inputs_ids, **chosen)
            except BrokenPipeError:
                raise  # the reader stopped early: the run ends quietly
            except OSError as exc:
                if output is None:
                    raise stdout_failed(exc) from exc
                # A full disk, a read-only folder, a path through a file: the atomic writer has
                # left every output whole (old or new), so one line is all there is to say.
                where = _where(exc, output)
                raise FatalError(f"cannot write {where}: {exc.strerror or exc}") from exc
    _report(report, settings.strict)


def _inputs(paths: tuple[str, ...], settings: Any) -> Iterator[Input]:
    """The inputs in walk order; with URLs among them, in the run layer's text order."""
    from convert.run.urls import is_url

    if any(is_url(path) for path in paths):
        from convert.run.discovery import sorted_inputs

        return sorted_inputs(paths, settings.extensions, settings.exclude)
    return iter_inputs(paths, settings.extensions, settings.exclude)


def _find() -> Discover:
    """Entry-point discovery; tests pass fake entry points as ``obj={"find": ...}``."""
    obj = click.get_current_context().obj
    find: Discover = obj.get("find", _installed) if isinstance(obj, dict) else _installed
    return find


def _where(exc: OSError, output: Path | None) -> str:
    """The path an ``OSError`` is about, or the ``-o`` target when it names none."""
    if exc.filename is not None:
        return str(exc.filename)
    return str(output) if output is not None else "standard output"


def _single_file(inputs: list[Input], output: Path) -> bool:
    """A per-record format writes to a file when one file goes to a path that looks like one."""
    return len(inputs) == 1 and not output.is_dir() and bool(output.suffix)


def _write(converter: Any, records: Any, out: BinaryIO, emit: Any, options: Any) -> None:
    converter.write(records, out, emit=emit, **options)
    out.flush()


def _report(report: Report, strict: bool) -> None:
    from convert.reporters import render, resolve_format, summary_line

    name = resolve_format("auto")
    text = render(name, report, strict=strict)
    if text:
        click.echo(text, nl=False, err=True)
    if name == "text" and report.diagnostics:
        click.echo(summary_line(report), err=True)
    sys.exit(report.exit_code(strict=strict))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
def formats() -> None:
    """List the output formats: name, extension, media type, description and package.

    Built-in formats are described without being imported; a plugin is imported to read its
    description, and a broken one is listed with its error instead.
    """
    from convert.converters._catalog import format_infos

    with fatal_errors():
        infos = format_infos(_find())
    rows = [
        (
            i.name,
            i.extension,
            i.media_type,
            i.distribution,
            f"broken: {i.error}" if i.error else i.description,
        )
        for i in infos
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(4)]
    cells = (zip(row, widths, strict=False) for row in rows)
    write_stdout("".join(
        "  ".join(cell.ljust(w) for cell, w in padded) + "  " + row[4] + "\n"
        for padded, row in zip(cells, rows, strict=True)
    ))
