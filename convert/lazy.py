"""Names a package exports but imports only on first use.

A package's ``__init__`` that imported everything it exports would make every command pay for
every module: ``artconv validate`` on one file, run by a pre-commit hook on each commit, would
load the feed writers and the SARIF reporter it never uses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str], exported: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``: each name of ``homes`` is
    imported from the module it maps to when first asked for, then kept in the package. A
    name mapped to ``package.name`` is that submodule."""
    listed = sorted(set(exported))

    def attribute(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(home)
        value = module if home == f"{package}.{name}" else getattr(module, name)
        setattr(sys.modules[package], name, value)
        return value

    def names() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(listed))

    return attribute, names
