"""The feed flags of ``artconv convert``, made from the feed options' one definition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from convert.converters.feeds.settings import OPTIONS, FeedOption

F = TypeVar("F", bound=Callable[..., Any])


def _flag(option: FeedOption) -> Callable[[F], F]:
    spelling = option.spelling
    details: dict[str, Any] = {"help": spelling.help}
    if spelling.metavar:
        details["metavar"] = spelling.metavar
    if option.kind is bool:
        details.update(is_flag=True, default=None)  # None: the config or default decides
    elif spelling.choices:
        details["type"] = click.Choice(list(spelling.choices))
    elif option.kind is int:
        details["type"] = click.IntRange(min=spelling.minimum)
    return click.option(option.flag, **details)


def feed_flags(command: F) -> F:
    """Add a flag for every feed option, in the order the options are defined."""
    for option in reversed(OPTIONS):
        command = _flag(option)(command)
    return command
