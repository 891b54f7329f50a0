"""The click command group behind ``artconv``: sub-commands are imported only when invoked,
so ``artconv --version`` and ``--help`` start without loading YAML, JSON Schema or lxml."""

from __future__ import annotations

import importlib
from typing import Any

import click

from convert.cli import COMMANDS, _version
from convert.cli.console import CommandError, flush_stdout
from convert.cli.doc_text import plain_help
from convert.cli.interrupts import BROKEN_PIPE_EXIT, interrupts_handled, silence_stdout


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)

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

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the command line; the group's own ``--help`` and ``--version`` print while it
        is parsed, before :meth:`invoke`, so their failures to write are handled here alike."""
        from convert.cli.common import printing_while_parsing

        with printing_while_parsing():
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command and flush its standard output while failures can still be reported:
        a closed pipe ends quietly, any other failure to write is one line and exit 2."""
        from convert.cli.common import FatalError

        try:
            try:
                return super().invoke(ctx)
            finally:
                flush_stdout()
        except BrokenPipeError:
            silence_stdout()
            raise click.exceptions.Exit(BROKEN_PIPE_EXIT) from None
        except CommandError as exc:
            raise FatalError(exc.message) from exc

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from the table so that `--help` imports no sub-command.
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "-V", "--version", prog_name="artconv")
def main() -> None:
    """Validate and convert article records: text files with front matter and a body.

    \b
    Examples:
      artconv validate examples/
      artconv convert examples/ --to rss --feed-title News \\
        --feed-link https://example.com/ -o feed.xml
      artconv convert story.md --to text
    """
