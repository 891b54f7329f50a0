"""``artconv validate FILE...`` without click: the pre-commit hook's call, paid on every commit.

Importing click costs about a third of a one-record validation. A command line that is
``validate`` followed by nothing but paths (or ``--`` and paths, after an optional
``--force-exclude``) has only one reading, so it is
run here, by the same function the click command calls (:func:`run_validate`) with the
options' defaults, under the same handling of interrupts, closed pipes and output failures.
Anything else (an option, ``-`` for standard input, ``--help``, no path at all, shell
completion) goes to click, which parses and reports it as always.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

COMPLETION_VARIABLE = "_ARTCONV_COMPLETE"
"""Set by click's shell completion scripts: such a run must reach click."""


FORCE_EXCLUDE = "--force-exclude"
"""The one option taken here, a flag: the pre-commit hooks pass it with the staged files."""


def plain_validate_paths(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[str, ...] | None:
    """The paths of ``validate [--force-exclude] PATH...`` (no other option), or ``None`` for
    click to parse; ``--force-exclude`` stays first among them (see :func:`validate_quickly`)."""
    if COMPLETION_VARIABLE in environ or len(argv) < 2 or argv[0] != "validate":
        return None
    args = list(argv[1:])
    force = args[0] == FORCE_EXCLUDE
    if force:
        del args[0]
    if args and args[0] == "--":
        args = args[1:]
    elif any(arg.startswith("-") for arg in args):
        return None
    if not args:
        return None
    return (FORCE_EXCLUDE, *args) if force else tuple(args)


def validate_quickly(paths: tuple[str, ...]) -> None:
    """Run ``artconv validate [--force-exclude] PATHS`` as the click command would, and
    exit."""
    from convert.cli.console import command_run
    from convert.cli.validate_run import run_validate

    force = bool(paths) and paths[0] == FORCE_EXCLUDE
    with command_run():
        run_validate(paths[1:] if force else paths, force_exclude=True if force else None)
