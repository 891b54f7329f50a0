"""Installed entry points of our plugin groups, read straight from the package metadata folders.

``importlib.metadata`` does the same job in general: it imports the ``email`` parser, wraps every
distribution on ``sys.path`` and parses each one's metadata. For the few lines a one-record
``artconv validate`` needs, that cost more than the validation itself, and the hook pays it on
every commit. Here each ``sys.path`` folder is listed once per process, and only the
``entry_points.txt`` files that mention a ``convert.`` group are parsed. As in
``importlib.metadata``, the first distribution of a name along ``sys.path`` wins. Zipped
``sys.path`` entries are not searched (plugins are installed packages, not eggs).
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
from typing import NamedTuple

GROUP_PREFIX = "convert."


# Named tuples rather than frozen dataclasses: defining a dataclass costs about a millisecond
# of start-up, and this module is read on every run.
class Distribution(NamedTuple):
    name: str


class FoundEntryPoint(NamedTuple):
    """What the registries read of an entry point: its name, ``module:attr`` and package."""

    name: str
    value: str
    group: str
    dist: Distribution


def normalise(name: str) -> str:
    """A distribution name as packaging compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def entry_points(group: str) -> list[FoundEntryPoint]:
    """The installed entry points of ``group`` (one of ours), in ``sys.path`` order."""
    return [ep for ep in _ours(tuple(sys.path)) if ep.group == group]


@cache
def _ours(path: tuple[str, ...]) -> tuple[FoundEntryPoint, ...]:
    """Every entry point in a ``convert.*`` group, found once per process (per ``sys.path``)."""
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for folder in path:
        try:
            names = sorted(os.listdir(folder or "."))  # noqa: PTH208
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = normalise(name.rpartition(".")[0].partition("-")[0])
            if dist in seen:
                continue
            seen.add(dist)
            meta = os.path.join(folder or ".", name)  # noqa: PTH118 - start-up path, no pathlib
            try:
                with open(os.path.join(meta, "entry_points.txt"), encoding="utf-8") as f:  # noqa: PTH118, PTH123
                    text = f.read()
            except OSError:
                continue
            if f"[{GROUP_PREFIX}" in text:
                found.extend(_parse(text, _display_name(meta, dist)))
    return tuple(found)


def _parse(text: str, dist: str) -> list[FoundEntryPoint]:
    """The entries of ``[convert.*]`` sections of an ``entry_points.txt`` (an INI file)."""
    found = []
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif group.startswith(GROUP_PREFIX) and "=" in line:
            name, _, value = line.partition("=")
            found.append(FoundEntryPoint(name.strip(), value.strip(), group, Distribution(dist)))
    return found


def _display_name(meta: str, fallback: str) -> str:
    """The ``Name:`` the distribution gives itself (read only for packages with our plugins)."""
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(meta, file), encoding="utf-8") as f:  # noqa: PTH118, PTH123
                for line in f:
                    if line.startswith("Name:"):
                        return line[5:].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return fallback
