"""``artconv convert`` and ``artconv formats``: a thin layer over :mod:`convert.conversion`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import click

from convert.batch import Input, iter_inputs, map_ordered
from convert.cli.common import (
    config_option,
    fatal_errors,
    jobs_option,
    progress,
    resolve_jobs,
    settings_from,
)
from convert.diagnostics import Diagnostic, Report
from convert.plugins import Discover, _installed

_WORKER: dict[str, Any] = {}


def _init_worker(
    validate: bool,
    schema: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    levels: dict[str, Any],
    max_size: int,
) -> None:
    _WORKER["max_size"] = max_size
    _WORKER["validator"] = None
    if validate:
        from convert.validation import Policy, Validator

        _WORKER["validator"] = Validator(schema, Policy(select, ignore, levels))


def _load(item: Input) -> tuple[Any, list[Diagnostic]]:
    from convert.loading import load

    record = load(item.path, max_bytes=_WORKER["max_size"], display_path=item.display)
    validator = _WORKER["validator"]
    return record, validator(record) if validator else list(record.problems)


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
@config_option
def convert(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    validate: bool,
    jobs: int | None,
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

    report = Report()
    with fatal_errors():
        settings = settings_from(config)
        converter = get_converter(fmt, _find())
        chosen = options_for(converter, feed_options(settings.feed), options)
        inputs = list(iter_inputs(paths, settings.extensions, settings.exclude))
        report.files = len(inputs)
        protected = {Path(i.path).resolve() for i in inputs if i.path != "-"}
        to_file = output is not None and (converter.collection or _single_file(inputs, output))
        if output is not None and to_file and output.resolve() in protected:
            raise click.UsageError(f"{output} is one of the inputs; it is never overwritten")
        if output is not None and to_file and output.is_dir():
            raise click.UsageError(f"{output} is a folder; {fmt} writes one file")
        args = (
            validate,
            settings.schema,
            settings.select,
            settings.ignore,
            dict(settings.levels),
            settings.max_size,
        )
        loaded = map_ordered(
            _load,
            inputs,
            jobs=resolve_jobs(jobs, settings),
            initializer=_init_worker,
            initargs=args,
        )

        def fit() -> Iterator[tuple[Any, str]]:
            for item, (record, found) in zip(
                inputs, progress(loaded, len(inputs), "Converting"), strict=True
            ):
                report.extend(found)
                if fit_to_convert(record, found, validated=validate):
                    yield record, item.relative

        emit = report.diagnostics.append
        if output is None:
            _write(converter, (r for r, _ in fit()), sys.stdout.buffer, emit, chosen)
        elif to_file:
            from convert.atomic import atomic_output

            with atomic_output(output) as stream:
                _write(converter, (r for r, _ in fit()), stream, emit, chosen)
        else:
            output.mkdir(parents=True, exist_ok=True)
            write_each(fit(), converter, output, emit, protected.__contains__, **chosen)
    _report(report, settings.strict)


def _find() -> Discover:
    """Entry-point discovery; tests pass fake entry points as ``obj={"find": ...}``."""
    obj = click.get_current_context().obj
    find: Discover = obj.get("find", _installed) if isinstance(obj, dict) else _installed
    return find


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
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4]
        )
