"""``artconv fix``: apply the safe fixes in place, show them as a diff, report what is left."""

from __future__ import annotations

import sys

import click

from convert.cli.common import (
    Command,
    config_option,
    exclude_option,
    fatal_errors,
    stdout_writes,
    write_stdout,
)
from convert.cli.console import names_as_bytes
from convert.cli.profile_cmd import profile_options, run_profile
from convert.cli.run_options import checking_settings, site_hint
from convert.fixes.files import FileFix
from convert.reporters import summary_line
from convert.run.ordered import OrderedFindings
from convert.run.report import RunReport
from convert.run.streaming import write_report


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff (the findings left to standard error), which "
    "patch -p0 and git apply -p0 apply; write nothing.",
)
@click.option(
    "--unsafe-fixes",
    "unsafe",
    is_flag=True,
    help="Also apply unsafe fixes (rename a misspelt key, drop an equal duplicate).",
)
@click.option(
    "--schema",
    metavar="NAME|FILE",
    help="A packaged schema name or a JSON Schema file. Default: article.",
)
@click.option("--select", multiple=True, metavar="RULE", help="Fix and report only these rules.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not fix or report these rules.")
@click.option("--strict", is_flag=True, default=None, help="Remaining warnings fail too.")
@click.option(
    "--changes-only",
    is_flag=True,
    help="Exit 1 only when a file changed or a fix could not be written, not for findings "
    "left (for the hook).",
)
@exclude_option
@config_option
@profile_options()
def fix(
    paths: tuple[str, ...],
    diff: bool,
    unsafe: bool,
    schema: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    changes_only: bool,
    exclude: tuple[str, ...],
    force_exclude: bool | None,
    config: str | None,
    **profile: str | None,
) -> None:
    """Apply the fixes for what validation finds, editing only the spans at fault.

    Comments, key order, quoting, blank lines, line endings and the body stay as they were.
    Standard input (-) is fixed to standard output (as it came when nothing is fixed), and
    the findings left go to standard error; compressed standard input is not fixed
    (fix/compressed says so). `artconv rules -v` says which rules have a fix and whether it
    is safe.

    \b
    Exit status: 0 nothing changed and no error-level findings left (warnings may be),
    1 a file was changed (or, with --diff, would be), a fix could not be written to its file
    (fix/unwritable: read-only, a full disk; fix/input-changed), or error-level findings
    remain (or warnings, with --strict; with --changes-only only a change or a fix not
    written counts), 2 usage or configuration problems or output that cannot be written
    (standard output closed with >&-); 130 Ctrl-C, 143 SIGTERM, 141 the reader of standard
    output went away (a broken pipe: | head -1).

    \b
    Examples:
      artconv fix posts/
      artconv fix --diff posts/
      artconv fix --unsafe-fixes posts/hello.md
    """
    from convert.fixes.run import FixSettings, fix_inputs
    from convert.record import STDIN
    from convert.run.discovery import named_inputs
    from convert.run.site_walk import SiteWalk, found_site
    from convert.run.worker import read_stdin

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
        site, found = found_site(run_profile(settings, **profile), paths)
        fix_settings = FixSettings(
            settings.schema,
            settings.select,
            settings.ignore,
            settings.levels,
            settings.max_size,
            site,
        )
        from_stdin = STDIN in paths
        names_as_bytes(sys.stdout)  # diffs and findings name files that may be no UTF-8
        names_as_bytes(sys.stderr)
        stdin = read_stdin(paths, settings.max_size)
        walk = SiteWalk(site, found)  # a site's root: its content alone, as validate reads it
        results = fix_inputs(
            named_inputs(
                paths,
                settings.extensions,
                settings.exclude,
                scope=walk,
                force_root=settings.force_root(),
            ),
            fix_settings,
            unsafe=unsafe,
            write=not diff,
            stdin=stdin,
        )
        tally = _Tally(diff, stdin)
        for result in results:
            tally.add(result)
    report = RunReport(
        tally.left.results(), strict=settings.strict, files=tally.files, notes=walk.notes
    )
    with report:
        if not diff and not from_stdin:
            with stdout_writes():
                write_report("text", report, sys.stdout)
        else:  # standard output carries the diff or the fixed text: what is left goes beside it
            write_report("text", report, sys.stderr)
    verb = "would fix" if diff else "fixed"
    click.echo(
        f"{verb} {tally.fixed} finding{'s' * (tally.fixed != 1)} in {tally.changed} "
        f"file{'s' * (tally.changed != 1)}; left: {summary_line(report)}",
        err=True,
    )
    hint = site_hint(paths, site, report)
    if hint is not None:
        click.echo(hint, err=True)
    failed = report.failed(strict=settings.strict) and not changes_only
    sys.exit(1 if tally.changed or tally.unwritten or failed else 0)


_NOT_WRITTEN = frozenset({"fix/unwritable", "fix/input-changed"})
"""The findings of a fixed text that did not reach its file."""


class _Tally:
    """What a fix run has done so far; each file's text is dropped once it is written or
    shown, and the findings left go to a spool on disk, so memory does not grow with the
    number of files."""

    def __init__(self, diff: bool, stdin: bytes | None = None) -> None:
        self.diff = diff
        self.stdin = stdin  # what standard input gave, up to one byte past the size limit
        self.files = self.changed = self.fixed = 0
        # Files whose fixes could not be written: the hook (--changes-only) must fail for
        # them too, or it would pass with nothing fixed.
        self.unwritten = 0
        self.left = OrderedFindings()

    def add(self, result: FileFix) -> None:
        self.files += result.is_file
        self.unwritten += any(d.rule in _NOT_WRITTEN for d in result.remaining)
        self.left.begin(result.path)
        self.left.extend(result.remaining)
        if result.changed:
            self.changed += 1
            self.fixed += len(result.applied)
            if self.diff:
                write_stdout(result.diff())
            elif result.path == "<stdin>":
                write_stdout(result.after)
        elif result.path == "<stdin>" and not self.diff:
            _pass_through(self.stdin or b"")


def _pass_through(data: bytes) -> None:
    """Standard input that is not fixed goes to standard output as it came, as a filter's
    does (``artconv fix - < a.md > b.md`` must never leave ``b.md`` empty): the bytes read,
    then, past the size limit, the rest of the stream, a block at a time."""
    out = sys.stdout.buffer
    with stdout_writes():
        sys.stdout.flush()  # anything written as text goes first
        out.write(data)
        while block := sys.stdin.buffer.read(1 << 16):
            out.write(block)
