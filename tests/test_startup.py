"""Start-up stays cheap: the hook runs on every commit, so the command group must not pull in
the heavy libraries before a sub-command needs them.

The check runs ``python -X importtime -m convert ...`` in a fresh interpreter, the exact path
a user takes, and reads the modules it imported from the importtime report on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# The parsers, validators and XML stack: each costs tens of milliseconds to import.
HEAVY = ("yaml", "jsonschema", "jsonschema_rs", "lxml", "frontmatter", "ftfy",
         "charset_normalizer")


def imported_modules(*args: str) -> set[str]:
    """Every module a fresh ``python -m convert ARGS`` imported."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIMPORTTIME"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "convert", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    modules = set()
    for line in result.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    return modules


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == heavy or m.startswith(heavy + ".") for heavy in HEAVY))


def test_importtime_report_is_read() -> None:
    """Guards the parser above: a test of absence is worthless if nothing is ever found."""
    modules = imported_modules("--version")
    assert {"convert", "convert.cli", "click"} <= modules


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("validate", "--help")])
def test_cli_start_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    assert heavy_in(imported_modules(*args)) == []


def test_a_validate_run_does_import_them() -> None:
    """The other side of the fence: the check above would pass vacuously if ``heavy_in``
    could not recognise these modules."""
    seed = Path(__file__).resolve().parent.parent / "examples" / "valid" / "markdown-body.md"
    assert {"yaml", "jsonschema_rs"} <= set(heavy_in(imported_modules("validate", str(seed))))
