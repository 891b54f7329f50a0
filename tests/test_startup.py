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
HEAVY = ("yaml", "jsonschema", "jsonschema_rs", "lxml", "frontmatter", "ftfy", "charset_normalizer")


def imported_modules(*args: str, exit_code: int = 0) -> set[str]:
    """Every module a fresh ``python -m convert ARGS`` imported."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIMPORTTIME"}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "convert", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == exit_code, result.stderr
    modules = set()
    for line in result.stderr.splitlines():
        # "import time: self [us] | cumulative | imported package"
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    return modules


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(
        m for m in modules if any(m == heavy or m.startswith(heavy + ".") for heavy in HEAVY)
    )


def test_importtime_report_is_read() -> None:
    """Guards the parser above: a test of absence is worthless if nothing is ever found."""
    modules = imported_modules("--version")
    assert {"convert", "convert.cli", "click"} <= modules


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("validate", "--help")])
def test_cli_start_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    assert heavy_in(imported_modules(*args)) == []


def test_a_validate_run_does_import_them(tmp_path: Path) -> None:
    """The other side of the fence: the check above would pass vacuously if ``heavy_in``
    could not recognise these modules. A record with a schema finding needs jsonschema-rs to
    word it (a clean one does not: see test_one_clean_record_needs_no_jsonschema_rs)."""
    record = tmp_path / "bad.md"
    record.write_text("---\ntitle: 5\n---\nBody.\n", encoding="utf-8")
    modules = imported_modules("validate", str(record), exit_code=1)
    assert {"yaml", "jsonschema_rs"} <= set(heavy_in(modules))


# What validating one clean record never needs: the schema engine (the quick check vouches for
# the record), conversion, fixes, imports, profiles, the text and HTML stack, the spools of the
# JSON and SARIF reports, Dask, importlib.metadata (entry points are read directly), and the
# modules only a finding or an option needs.
NOT_FOR_ONE_CLEAN_RECORD = (
    "jsonschema_rs",
    "jsonschema",
    "lxml",
    "convert.converters",
    "convert.converters.writing",
    "convert.run.converting",
    "convert.fixes",
    "convert.importers",
    "convert.profiles.base",
    "convert.text",
    "convert.content",
    "convert.reporters.sarif",  # and the other formats a plain validate does not print
    "convert.reporters.json_",
    "convert.reporters.github",
    "tempfile",
    "shutil",
    "dask",
    "fsspec",
    "importlib.metadata",
    "hashlib",  # the corpus rules, off by default
    "difflib",  # the "did you mean" of a misspelling
    "dataclasses",  # the path's value types are convert.values.Value classes
    "inspect",  # what dataclasses would bring along (with dis, ast and tokenize)
)


def modules_at_exit(tmp_path: Path, *args: str, exit_code: int = 0) -> set[str]:
    """Every module in ``sys.modules`` when a fresh ``artconv ARGS`` ends. Unlike the
    importtime report, this also sees modules imported with ``importlib.import_module``."""
    listing = tmp_path / "modules.txt"
    script = (
        "import atexit, os, sys, runpy\n"
        "listing = os.environ['MODULE_LISTING']\n"
        "atexit.register(lambda: open(listing, 'w').write('\\n'.join(sys.modules)))\n"
        "sys.argv = ['artconv', *sys.argv[1:]]\n"
        "runpy.run_module('convert', run_name='__main__')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        env={**os.environ, "MODULE_LISTING": str(listing)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == exit_code, result.stderr
    return set(listing.read_text().split("\n"))


def test_one_clean_record_loads_only_what_validating_it_needs(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "examples" / "valid" / "markdown-body.md"
    modules = modules_at_exit(tmp_path, "validate", str(seed))
    # The run really happened: these are what it does need.
    assert {"yaml", "convert.run.validating", "convert.rules.schema_rules"} <= modules
    unwanted = sorted(
        m
        for m in modules
        if any(m == name or m.startswith(name + ".") for name in NOT_FOR_ONE_CLEAN_RECORD)
    )
    assert unwanted == []


def test_a_finding_does_load_the_schema_engine(tmp_path: Path) -> None:
    """The other side of the fence above, for the helper that reads ``sys.modules``."""
    record = tmp_path / "bad.md"
    record.write_text("---\ntitle: 5\n---\nBody.\n", encoding="utf-8")
    modules = modules_at_exit(tmp_path, "validate", "-f", "json", str(record), exit_code=1)
    assert {"jsonschema_rs", "tempfile"} <= modules


def test_one_clean_record_needs_no_jsonschema_rs() -> None:
    seed = Path(__file__).resolve().parent.parent / "examples" / "valid" / "markdown-body.md"
    modules = imported_modules("validate", str(seed))
    assert "yaml" in modules
    assert "jsonschema_rs" not in modules


def test_our_entry_point_reader_finds_what_importlib_metadata_finds() -> None:
    """The fast reader of the metadata folders against the standard library's, on this
    installation (which holds our own built-ins under both groups)."""
    from importlib.metadata import entry_points as standard

    from convert.entrypoints import entry_points

    for group in ("convert.rules", "convert.converters"):
        ours = sorted((e.name, e.value, e.dist.name) for e in entry_points(group))
        theirs = sorted(
            (e.name, e.value, e.dist.name if e.dist else "") for e in standard(group=group)
        )
        assert ours == theirs
        assert ours  # the installed package declares its built-ins in both groups


def test_a_plugin_package_on_the_path_is_found_with_its_own_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert.entrypoints import entry_points

    meta = tmp_path / "Slug_Rules-1.2.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Metadata-Version: 2.1\nName: Slug.Rules\nVersion: 1.2\n\n")
    (meta / "entry_points.txt").write_text(
        "[console_scripts]\nslug = slug:main\n\n[convert.rules]\n; a comment\n"
        "slugs = slug_rules:RULES\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = [(e.name, e.value, e.dist.name) for e in entry_points("convert.rules")]
    assert ("slugs", "slug_rules:RULES", "Slug.Rules") in found
    assert all(e.group == "convert.rules" for e in entry_points("convert.rules"))


def test_one_validate_run_sets_up_once_and_discovers_plugins_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from convert import entrypoints, validation
    from convert.cli import main
    from convert.run import worker

    seed = Path(__file__).resolve().parent.parent / "examples" / "valid" / "markdown-body.md"
    built: list[object] = []
    real_init = validation.Validator.__init__

    def counting_init(self: validation.Validator, *args: object, **kwargs: object) -> None:
        built.append(self)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation.Validator, "__init__", counting_init)
    monkeypatch.setattr(worker, "_STATE", {})
    entrypoints._ours.cache_clear()
    result = CliRunner().invoke(main, ["validate", str(seed), str(seed)])
    assert result.exit_code == 0, result.output
    assert len(built) == 1
    assert entrypoints._ours.cache_info().misses == 1
