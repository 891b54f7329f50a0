"""``artconv profiles``, ``artconv profile show NAME``, and the profile options of validate
and convert."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from convert.cli.common import (
    Command,
    Group,
    config_option,
    fatal_errors,
    settings_from,
    write_stdout,
)
from convert.cli.doc_text import plain_text
from convert.cli.run_options import run_profile as run_profile  # moved there (click-free)

F = TypeVar("F", bound=Callable[..., Any])


def profile_options(*, base_url: bool = True) -> Callable[[F], F]:
    """``--profile``, ``--permalink`` (and ``--base-url`` where the command has none yet)."""

    def decorate(func: F) -> F:
        func = click.option(
            "--site-config",
            type=click.Path(exists=True),
            metavar="FILE",
            help="The generator's configuration (_config.yml, hugo.toml, config.toml) for the "
            "site's address, permalinks, time zone and language (default: the one found at or "
            "above each named folder, or a named file's folder).",
        )(func)
        func = click.option(
            "--permalink",
            metavar="PATTERN",
            help="Permalink pattern or Jekyll style (date, pretty, ordinal, weekdate, none).",
        )(func)
        if base_url:
            func = click.option(
                "--base-url",
                metavar="URL",
                help="The site's address, for the links a profile makes (with --profile only).",
            )(func)
        return click.option(
            "--profile",
            metavar="NAME",
            help="Read front matter as this site generator writes it: article (default), "
            "jekyll, hugo, zola (see `artconv profiles`).",
        )(func)

    return decorate


@click.command(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
def profiles() -> None:
    """List the site profiles: name, package and what each reads."""
    from convert.profiles import profile_specs, summary

    with fatal_errors():
        specs = profile_specs()
    width = max(len(name) for name in specs)
    for name, spec in sorted(specs.items()):
        try:
            from convert.profiles import get_profile

            text = plain_text(summary(get_profile(name)))
        except Exception as exc:  # a broken plugin is listed with its error
            text = f"broken: {exc}"
        write_stdout(f"{name.ljust(width)}  {spec.distribution}  {text}\n")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def profile() -> None:
    """Show what a site profile maps."""


@profile.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name")
@config_option
def show(name: str, config: str | None) -> None:
    """Print where profile NAME takes each article field from.

    Fields set in [tool.artconv.fields] are shown as they replace the profile's own keys.
    """
    from convert.profiles import ProfileOptions, get_profile, summary

    with fatal_errors():
        settings = settings_from(config)
        found = get_profile(name)
        options = ProfileOptions(name, fields=dict(settings.fields))
        docs = list(found.describe(options))
    described = plain_text(summary(found)) or "(no description)"  # a plugin's may have none
    lines = [f"{name}: {described}"]
    width = max((len(doc.target) for doc in docs), default=0)
    lines += [f"  {doc.target.ljust(width)}  <- {doc.sources}" for doc in docs]
    write_stdout("".join(line + "\n" for line in lines))
