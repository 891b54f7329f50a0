"""``artconv validate FILE...`` without click: the pre-commit hook's call, paid on every commit.

Importing click costs about a third of a one-record validation. A command line that is
``validate`` followed by nothing but paths (or ``--`` and paths) has only one reading, so it is
run here, by the same function the click command calls (:func:`run_validate`) with the
options' defaults, under the same handling of interrupts, closed pipes and output failures.
Anything else (an option, ``-`` for standard input, ``--help``, no path at all, shell
completion) goes to click, which parses and reports it as always.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

COMPLETION_VARIABLE = "_ARTCONV_COMPLETE"
"""Set by click's shell completion scripts: such a run must reach click."""


def plain_validate_paths(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[str, ...] | None:
    """The paths of ``validate PATH...`` (no option anywhere), or ``None`` for click to parse."""
    if COMPLETION_VARIABLE in environ or len(argv) < 2 or argv[0] != "validate":
        return None
    paths = argv[1:]
    if paths[0] == "--":
        paths = paths[1:]
    elif any(arg.startswith("-") for arg in paths):
        return None
    return tuple(paths) or None


def validate_quickly(paths: tuple[str, ...]) -> None:
    """Run ``artconv validate PATHS`` as the click command would, and exit."""
    from convert.cli.console import command_run
    from convert.cli.validate_run import run_validate

    with command_run():
        run_validate(paths)
