"""``artconv convert`` and ``artconv formats``: a thin layer over :mod:`convert.run`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from convert.cli.common import (
    Command,
    FatalError,
    OutputPath,
    config_option,
    count_inputs,
    engine_jobs,
    engine_options,
    exclude_option,
    fatal_errors,
    jobs_option,
    progress,
    rule_options,
    schema_option,
    stdout_failed,
    strict_option,
    write_stdout,
)
from convert.cli.console import around_progress, cannot_write, names_as_bytes
from convert.cli.doc_text import plain_text
from convert.cli.feed_flags import feed_flags
from convert.cli.profile_cmd import profile_options, run_profile
from convert.cli.run_options import checking_settings, nothing_found, site_hint
from convert.limits import MAX_INDENT
from convert.plugins import Discover, _installed

if TYPE_CHECKING:
    from convert.config import Settings
    from convert.run.report import RunReport


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
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
    type=OutputPath(),
    help="Output file (feeds, jsonl) or folder (json and other per-record formats), "
    "or a URL (dask extra). Default: standard output.",
)
@click.option("--validate", is_flag=True, help="Validate first and skip records with errors.")
@schema_option
@strict_option
@rule_options
@feed_flags
@click.option(
    "--indent",
    type=click.IntRange(min=0, max=MAX_INDENT),
    help="JSON indentation in spaces (0: one line). Default: 2, or indent in "
    "[tool.artconv.converters.json].",
)
@click.option(
    "--extractor",
    type=click.Choice(["auto", "builtin", "trafilatura"]),
    metavar="NAME",
    help="Text: what reads scraped HTML pages: auto (default: trafilatura with the html "
    "extra, else ours), builtin (ours: about 12x the pages/s, for corpora) or trafilatura.",
)
@click.option(
    "-O",
    "--option",
    "option_texts",
    multiple=True,
    metavar="KEY=VALUE",
    help="An option the format declares (repeatable), e.g. for a plugin format: -O width=72.",
)
@click.option(
    "--fsync/--no-fsync",
    default=True,
    help="Make each output durable (fsync) before it replaces its target (default). "
    "--no-fsync: faster for outputs that can be made again (half a millisecond a file, "
    "more on a busy disk); each is still written whole or not at all, but a power loss "
    "may leave the last ones empty or missing.",
)
@exclude_option
@jobs_option
@engine_options
@config_option
@profile_options(base_url=False)
def convert(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    validate: bool,
    schema: str | None,
    strict: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fsync: bool,
    exclude: tuple[str, ...],
    force_exclude: bool | None,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    partition: int,
    config: str | None,
    profile: str | None,
    permalink: str | None,
    site_config: str | None,
    option_texts: tuple[str, ...],
    **options: Any,
) -> None:
    """Convert article records to another format.

    PATHS are files, directories (searched recursively for .md, .markdown, .txt, .html, .htm
    and .xhtml files, and those names compressed: .gz, .bz2, .xz, and .zst where Python has
    compression.zstd, read as the text inside), - for standard input, or URLs such as
    s3://bucket/news/ (with the dask extra). Feeds and jsonl write one document; json writes
    one document per record, into the -o folder (mirroring the input tree) or to standard
    output. A name ending in / is a folder. A run in which a path or URL named here does not
    exist writes no -o file (nor URL), leaving one there as it was; one that finds no record
    file leaves one there as it was. Findings go to standard error; --select, --ignore and
    --strict apply to them all, --schema to --validate.

    \b
    Exit status: 0 clean, 1 error-level findings (or warnings with --strict), 2 usage,
    configuration or plugin problems or output that cannot be written (a full disk,
    standard output closed with >&-); 130 Ctrl-C, 143 SIGTERM, 141 the reader of standard
    output went away (a broken pipe: | head -1).

    \b
    Examples:
      artconv convert posts/ --to rss --feed-title News --feed-link https://example.com/ \\
          --feed-url https://example.com/feed.xml -o public/feed.xml
      artconv convert posts/ --to json -o build/json/
      artconv convert story.md --to json --indent 0
      artconv convert pages/ --to text --extractor builtin -o text/ --jobs 4 --no-fsync
    """
    from convert.run.converting import OutputConflictError, convert_paths

    if schema is not None and not validate:
        raise click.UsageError("--schema applies only with --validate")
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
        if option_texts:
            options.update(_agreed(options, _option_texts(fmt, option_texts)))
        site = run_profile(
            settings,
            profile=profile,
            permalink=permalink,
            site_config=site_config,
            feed_base_url=options.get("base_url"),
        )
        try:
            report = convert_paths(
                paths,
                fmt,
                output,
                settings=settings,
                jobs=engine_jobs(engine, jobs, settings),
                validate=validate,
                find=_find(),
                engine=engine,
                scheduler=scheduler,
                partition=partition,
                profile=site,
                fsync=fsync,
                watch=lambda loaded: progress(
                    loaded,
                    "Converting",
                    lambda: count_inputs(paths, settings, output, profile=site),
                ),
                **options,
            )
        except OutputConflictError as exc:
            raise click.UsageError(str(exc)) from exc
        except BrokenPipeError:
            raise  # the reader stopped early: the run ends quietly
        except OSError as exc:
            if output is None:
                raise stdout_failed(exc) from exc
            # A full disk, a read-only folder, a path through a file: the atomic writer has
            # left every output whole (old or new), so one line is all there is to say.
            raise FatalError(cannot_write(exc, _where(exc, output))) from exc
    _report(report, settings, output, lambda: site_hint(paths, site, report))


def _option_texts(fmt: str, texts: tuple[str, ...]) -> dict[str, Any]:
    """``-O`` options in the types the chosen format declares."""
    from convert.converters import get_converter
    from convert.converters._options import parse_option_texts

    converter = get_converter(fmt, _find())
    return parse_option_texts(converter.name, converter.options, texts)


def _agreed(flags: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """``-O`` options, refused where a flag given on the command line (``--indent``,
    ``--extractor``, ...) sets the same option to another value: one of the two would be
    dropped without a word."""
    ctx = click.get_current_context()
    for key, value in given.items():
        if key not in flags or ctx.get_parameter_source(key) is not ParameterSource.COMMANDLINE:
            continue
        if flags[key] != value:
            flag = f"--{key.replace('_', '-')}"
            raise click.UsageError(
                f"{flag} {flags[key]} and -O {key}={value} disagree: give the option once"
            )
    return given


def _find() -> Discover:
    """Entry-point discovery; tests pass fake entry points as ``obj={"find": ...}``."""
    obj = click.get_current_context().obj
    find: Discover = obj.get("find", _installed) if isinstance(obj, dict) else _installed
    return find


def _where(exc: OSError, output: str | None) -> str:
    """The path an ``OSError`` is about, or the ``-o`` target when it names none."""
    if exc.filename is not None:
        return str(exc.filename)
    return str(output) if output is not None else "standard output"


def _report(
    report: RunReport, settings: Settings, output: str | None, hint: Callable[[], str | None]
) -> None:
    """Stream the findings to standard error, in report order; say so when no record file
    was found (as validate does) and when the output was not written (left as it was, or
    not made), then ``hint()`` if it says anything, and exit with the status."""
    from convert.reporters import resolve_format, summary_line
    from convert.run import write_report

    name = resolve_format("auto")
    names_as_bytes(sys.stderr)  # as validate writes them on standard output
    with report:
        write_report(name, report, around_progress(sys.stderr))
    if report.inputs == 0:
        click.echo(nothing_found(settings), err=True)
    if name == "text" and report.counts.total():
        click.echo(summary_line(report), err=True)
    if report.kept is not None:
        click.echo(f"{output} {_kept_as(str(output))}: {report.kept}", err=True)
    said = hint()
    if said is not None:
        click.echo(said, err=True)
    sys.exit(report.exit_code(strict=settings.strict))


def _kept_as(output: str) -> str:
    """What became of an ``-o`` target the run did not write: one that was there is as it
    was, and one that was not is still not there."""
    from convert.run.urls import is_url, url_exists

    there = url_exists(output) if is_url(output) else os.path.lexists(output)
    return "is left as it was" if there else "was not written"


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
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
            f"broken: {i.error}" if i.error else plain_text(i.description),
        )
        for i in infos
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(4)]
    cells = (zip(row, widths, strict=False) for row in rows)
    write_stdout(
        "".join(
            "  ".join(cell.ljust(w) for cell, w in padded) + "  " + row[4] + "\n"
            for padded, row in zip(cells, rows, strict=True)
        )
    )
