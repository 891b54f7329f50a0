"""The ``artconv`` command group.

Sub-commands live in their own modules and are imported only when invoked, so ``artconv
--version`` and ``--help`` start without loading YAML, JSON Schema or lxml.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from convert.cli.interrupts import BROKEN_PIPE_EXIT, interrupts_handled, silence_stdout

COMMANDS: dict[str, tuple[str, str]] = {
    # name: ("module:attribute", one-line help shown by `artconv --help`)
    "validate": ("convert.cli.validate_cmd:validate", "Check article records against the schema."),
    "convert": ("convert.cli.convert_cmd:convert", "Convert records to JSON, feeds or text."),
    "fix": ("convert.cli.fix_cmd:fix", "Apply the safe fixes to records, in place."),
    "formats": ("convert.cli.convert_cmd:formats", "List the output formats."),
    "import": ("convert.cli.import_cmd:import_", "Turn RSS, Atom and JSON feeds into records."),
    "rules": ("convert.cli.info_cmd:rules", "List the validation rules."),
    "schema": ("convert.cli.info_cmd:schema", "Print a packaged schema."),
    "profiles": ("convert.cli.profile_cmd:profiles", "List the site profiles."),
    "profile": ("convert.cli.profile_cmd:profile", "Show what a site profile maps."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, _, attribute = entry[0].partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Every command runs with Ctrl-C and SIGTERM mapped to clean exits 130 and 143."""
        with interrupts_handled():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command and flush its standard output while failures can still be reported:
        a closed pipe ends quietly, any other failure to write is one line and exit 2."""
        try:
            try:
                return super().invoke(ctx)
            finally:
                _flush_stdout()
        except BrokenPipeError:
            silence_stdout()
            raise click.exceptions.Exit(BROKEN_PIPE_EXIT) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from the table so that `--help` imports no sub-command.
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        from convert.cli.common import stdout_failed

        raise stdout_failed(exc) from exc


def _version() -> str:
    from convert import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "-V", "--version", prog_name="artconv")
def main() -> None:
    """Validate and convert article records: text files with front matter and a body.

    \b
    Examples:
      artconv validate examples/
      artconv convert examples/ --to rss --feed-title "News" -o feed.xml
      artconv convert story.md --to text
    """


def run(*args: Any, **kwargs: Any) -> Any:
    """Entry point for ``python -m convert``."""
    return main(*args, prog_name="artconv", **kwargs)
