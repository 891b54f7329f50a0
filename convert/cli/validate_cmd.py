"""``artconv validate``: check records and report findings with exit codes scripts can trust."""

from __future__ import annotations

import click

from convert.cli.common import (
    Command,
    FatalError,
    OutputPath,
    config_option,
    engine_options,
    exclude_option,
    jobs_option,
    rule_options,
    schema_option,
    strict_option,
)
from convert.cli.console import CommandError
from convert.cli.profile_cmd import profile_options
from convert.cli.validate_run import run_validate
from convert.reporters import FORMATS

__all__ = ["validate"]


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@schema_option
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="Output format; auto is github under GitHub Actions.",
)
@strict_option
@rule_options
@click.option(
    "-o",
    "--output",
    type=OutputPath(dir_okay=False, writable=True),
    help="Write the report to this file instead of standard output.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes first (see artconv fix).")
@exclude_option
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
    exclude: tuple[str, ...],
    force_exclude: bool | None,
    **profile: str | None,
) -> None:
    """Check article records against the schema and the rules.

    PATHS are files, directories (searched recursively for .md, .markdown, .txt, .html, .htm
    and .xhtml files, and those names compressed: .gz, .bz2, .xz, and .zst where Python has
    compression.zstd, read as the text inside), - for standard input, or URLs such as
    s3://bucket/news/ (with the dask extra).

    \b
    Exit status: 0 clean, 1 error-level findings (or warnings with --strict),
    2 usage, configuration, schema or plugin problems, or output that cannot be written
    (a full disk, standard output closed with >&-); 130 Ctrl-C, 143 SIGTERM, 141 the reader
    of standard output went away (a broken pipe: | head -1).

    \b
    Examples:
      artconv validate examples/
      artconv validate --format json --ignore consistency posts/
      artconv validate --schema my-blog.schema.json content/
    """
    try:
        run_validate(
            paths,
            schema=schema,
            output_format=output_format,
            strict=strict,
            select=select,
            ignore=ignore,
            output=output,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            partition=partition,
            config=config,
            fix=fix,
            exclude=exclude,
            force_exclude=force_exclude,
            **profile,
        )
    except CommandError as exc:
        raise FatalError(exc.message) from exc
