"""``artconv import``: feeds in, record files out, findings and exit codes as ``validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from convert.cli.common import Command, FatalError, OutputPath, fatal_errors, write_stdout
from convert.cli.console import cannot_write
from convert.diagnostics import Report
from convert.limits import MAX_FEED_BYTES
from convert.reporters import FORMATS, render, resolve_format, summary_line


@click.command("import", cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True, metavar="FEED|URL|-...")
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=OutputPath(file_okay=False, path_type=Path),
    help="Folder to write the record files into (created if missing).",
)
@click.option(
    "--body",
    type=click.Choice(["markdown", "html"]),
    default="markdown",
    show_default=True,
    help="Convert HTML content to Markdown, or keep it sanitised.",
)
@click.option(
    "--layout",
    type=click.Choice(["flat", "dated"]),
    default="flat",
    show_default=True,
    help="dated: file names start with the publish date.",
)
@click.option(
    "--update", is_flag=True, help="Rewrite entries already imported when the feed's date is newer."
)
@click.option(
    "--limit", type=click.IntRange(min=0), help="At most N entries per feed (default: no limit)."
)
@click.option(
    "--base-url",
    metavar="URL",
    callback=lambda ctx, param, value: _base_url(value),
    help="Resolve relative links against this address instead of the feed's own "
    "(a feed file with site-relative links).",
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=MAX_FEED_BYTES,
    show_default=True,
    help="Refuse feeds larger than this many bytes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=86400),
    callback=lambda _ctx, param, value: _a_number(param, value),
    default=30.0,
    show_default=True,
    help="Seconds to wait for a URL.",
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="How findings are printed.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def import_(
    sources: tuple[str, ...],
    folder: Path,
    body: str,
    layout: str,
    update: bool,
    limit: int | None,
    base_url: str | None,
    max_size: int,
    timeout: float,
    output_format: str,
    strict: bool,
) -> None:
    """Turn RSS, Atom and JSON feeds into article record files.

    FEED is a feed file, an http(s) URL or - for standard input. Each entry becomes one
    record file in the output folder; entries already there (same webUrl or feed id) are
    skipped, or rewritten with --update when the feed has a newer date for them.

    \b
    Exit status: 0 clean, 1 error-level findings (or warnings with --strict),
    2 usage problems, a missing package, an output folder that cannot be made or output
    that cannot be written (standard output closed with >&-); 130 Ctrl-C, 143 SIGTERM,
    141 the reader of standard output went away (a broken pipe: | head -1).

    \b
    Examples:
      artconv import feed.xml -o content/news/
      artconv import https://example.com/feed.json -o news/ --layout dated
      curl -s https://example.com/rss | artconv import - -o news/ --body html
    """
    # Ctrl-C and SIGTERM are handled for every command by the group (exit 130/143, one line).
    _run(
        sources,
        folder,
        body,
        layout,
        update,
        limit,
        max_size,
        timeout,
        output_format,
        strict,
        base_url=base_url,
    )


def _base_url(value: str | None) -> str | None:
    """``--base-url`` as written, or the usage error (exit 2) when it cannot be a base."""
    if value is None:
        return None
    from convert.importers.mapping import web_base

    checked = web_base(value)
    if checked is None:
        raise click.BadParameter(
            f"{value!r} is not an absolute http(s) address", param_hint="'--base-url'"
        )
    return checked


def _a_number(param: click.Parameter, value: float) -> float:
    """``nan`` passes every range check (no comparison holds for it), and no URL can be
    waited for that long: refused as a value out of range is."""
    if value != value:
        raise click.BadParameter(f"{value} is not a number of seconds", param=param)
    return value


def _run(
    sources: tuple[str, ...],
    folder: Path,
    body: str,
    layout: str,
    update: bool,
    limit: int | None,
    max_size: int,
    timeout: float,
    output_format: str,
    strict: bool,
    *,
    base_url: str | None = None,
) -> None:
    from convert.importers import ImportOptions, require_import_extra
    from convert.importers.existing import index_folder
    from convert.importers.reading import read_feed
    from convert.importers.writing import Tally, write_entries

    with fatal_errors():
        require_import_extra()
    if sources.count("-") > 1:
        raise click.UsageError("standard input (-) can be read only once")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a FIFO or device, which click's check lets through
        raise FatalError(cannot_write(exc, folder)) from exc
    except OSError as exc:
        raise FatalError(f"cannot create {folder}: {exc.strerror or exc}") from exc
    options = ImportOptions(
        body="html" if body == "html" else "markdown",
        layout="dated" if layout == "dated" else "flat",
        limit=limit,
        max_bytes=max_size,
        timeout=timeout,
        base_url=base_url,
    )
    report = Report(files=len(sources))
    index = index_folder(folder)
    total = Tally()
    for source in sources:
        shown = "<stdin>" if source == "-" else source
        tally = write_entries(
            read_feed(source, options, report.diagnostics.append),
            index,
            shown,
            update=update,
            emit=report.diagnostics.append,
        )
        total.written += tally.written
        total.updated += tally.updated
        total.skipped += tally.skipped
        total.failed += tally.failed
    name = resolve_format(output_format)
    write_stdout(render(name, report, strict=strict, version=_version()))
    if name == "text":
        click.echo(
            f"{total.written} written, {total.updated} updated, {total.skipped} "
            f"skipped into {folder.as_posix()}; " + summary_line(report),
            err=True,
        )
    sys.exit(report.exit_code(strict=strict))


def _version() -> str:
    from convert.cli import _version as version

    return version()
