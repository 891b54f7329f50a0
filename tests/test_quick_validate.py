"""``artconv validate PATH...`` (the pre-commit hook's call) runs without click, and says
exactly what the click command says: same standard output, standard error and exit code."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from convert.cli.quick import plain_validate_paths
from convert.cli.run_options import run_profile
from convert.cli.validate_run import run_validate
from tests.test_startup import modules_at_exit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VALID = EXAMPLES / "valid" / "markdown-body.md"
# The click command, reached without the quick path's check of the command line.
THROUGH_CLICK = "from convert.cli.group import main; main(prog_name='artconv')"


def outcome(command: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    result = subprocess.run(command, capture_output=True, cwd=cwd, timeout=60, check=False)
    return result.returncode, result.stdout, result.stderr


def both_paths(args: list[str], cwd: Path) -> tuple[tuple[int, bytes, bytes], ...]:
    """``python -m convert validate ARGS`` (quick) and the same through click."""
    quick = outcome([sys.executable, "-m", "convert", "validate", *args], cwd)
    click = outcome([sys.executable, "-c", THROUGH_CLICK, "validate", *args], cwd)
    return quick, click


CASES = {
    "one valid record": [str(VALID)],
    "one invalid record": [str(EXAMPLES / "invalid" / "bad-values.md")],
    "several files": [
        str(VALID),
        str(EXAMPLES / "invalid" / "duplicate-keys.md"),
        str(EXAMPLES / "000_007fd1d52a2fa7d2.txt"),
    ],
    "a folder": [str(EXAMPLES)],
    "a missing file among good ones": [str(VALID), "missing.md"],
    "paths after --": ["--", str(EXAMPLES / "valid")],
    "relative paths": ["records"],
    "a folder without records": ["empty"],
    "force-exclude, the hooks' call": ["--force-exclude", "records/a.md", "records/b.md"],
    "force-exclude and --": ["--force-exclude", "--", "records/b.md"],
}


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "a.md").write_bytes(VALID.read_bytes())
    (tmp_path / "records" / "b.md").write_text("---\ntitle: 5\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return tmp_path


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_the_quick_path_prints_what_click_prints(args: list[str], workdir: Path) -> None:
    quick, click = both_paths(args, workdir)
    assert quick == click
    assert quick[1] or quick[2] or quick[0] == 0  # something was said, or the run was clean


CONFIGS = {
    "strict from pyproject": ("pyproject.toml", "[tool.artconv]\nstrict = true\n", 1),
    "rule levels from artconv.toml": (
        "artconv.toml",
        '[rules]\n"schema/required" = "off"\n"schema/type" = "off"\n',
        0,
    ),
    "extensions": ("artconv.toml", 'extensions = [".rst"]\n', 0),
    "a misspelt key (exit 2)": ("artconv.toml", "extentions = ['.md']\n", 2),
    "a missing schema (exit 2)": ("artconv.toml", 'schema = "missing.json"\n', 2),
}


def test_force_exclude_holds_named_files_to_the_exclude_globs_on_both_paths(
    workdir: Path,
) -> None:
    """pre-commit names each staged file: ``exclude`` (globs on paths below a folder walked)
    leaves out a named one only with ``--force-exclude``, as ruff's hook does."""
    (workdir / "artconv.toml").write_text('exclude = ["records/b*"]\n', encoding="utf-8")
    args = ["records/a.md", "./records/b.md"]
    assert both_paths(args, workdir)[0][0] == 1  # b.md's title is a number
    quick, click = both_paths(["--force-exclude", *args], workdir)
    assert quick == click and quick[0] == 0, quick
    # every file named excluded: the run says why it found none
    quick, click = both_paths(["--force-exclude", "records/b.md"], workdir)
    assert quick == click and quick[0] == 0
    assert b"--force-exclude holds the files named to exclude" in quick[2]
    # or with force-exclude in the configuration
    (workdir / "artconv.toml").write_text(
        'exclude = ["records/b*"]\nforce-exclude = true\n', encoding="utf-8"
    )
    quick, click = both_paths(args, workdir)
    assert quick == click and quick[0] == 0, quick


@pytest.mark.parametrize(("name", "text", "code"), CONFIGS.values(), ids=CONFIGS.keys())
def test_config_files_apply_on_the_quick_path(
    name: str, text: str, code: int, workdir: Path
) -> None:
    (workdir / name).write_text(text, encoding="utf-8")
    quick, click = both_paths(["records"], workdir)
    assert quick == click
    assert quick[0] == code, quick[2]
    if code == 2:
        assert quick[2].startswith(b"Error: ")


def test_a_plain_validate_does_not_import_click(tmp_path: Path) -> None:
    modules = modules_at_exit(tmp_path, "validate", str(VALID))
    assert "convert.run.validating" in modules  # the run did happen
    assert not {m for m in modules if m == "click" or m.startswith("click.")}


def test_an_option_goes_through_click(tmp_path: Path) -> None:
    """The other side of the fence above: the check could not fail if click never showed."""
    modules = modules_at_exit(tmp_path, "validate", "-f", "text", str(VALID))
    assert "click" in modules


@pytest.mark.parametrize(
    ("argv", "paths"),
    [
        (["validate", "a.md"], ("a.md",)),
        (["validate", "--force-exclude", "a.md"], ("--force-exclude", "a.md")),
        (["validate", "--force-exclude", "--", "-a.md"], ("--force-exclude", "-a.md")),
        (["validate", "--force-exclude"], None),  # click says a path is missing
        (["validate", "a.md", "--force-exclude"], None),  # anywhere else: click reads it
        (["validate", "a.md", "b/"], ("a.md", "b/")),
        (["validate", "--", "-odd.md", "--"], ("-odd.md", "--")),
        (["validate"], None),  # click says a path is missing
        (["validate", "--"], None),
        (["validate", "-"], None),  # standard input
        (["validate", "a.md", "--strict"], None),
        (["validate", "-f", "json", "a.md"], None),
        (["validate", "--help"], None),
        (["validate", "a.md", "-h"], None),
        (["convert", "a.md"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_only_a_command_line_of_paths_takes_the_quick_path(
    argv: list[str], paths: tuple[str, ...] | None
) -> None:
    assert plain_validate_paths(argv, {}) == paths


def test_shell_completion_goes_to_click() -> None:
    assert (
        plain_validate_paths(["validate", "a.md"], {"_ARTCONV_COMPLETE": "bash_complete"}) is None
    )


def test_the_defaults_of_the_quick_path_are_what_click_passes() -> None:
    """The quick path calls ``run_validate(paths)``: its keyword defaults must be the values
    click gives the command when no option is set."""
    from convert.cli.validate_cmd import validate

    context = validate.make_context("validate", ["a.md"])
    passed = dict(context.params)
    assert passed.pop("paths") == ("a.md",)
    defaults = {
        name: parameter.default
        for function in (run_validate, run_profile)
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.default is not inspect.Parameter.empty
    }
    assert passed == {name: defaults[name] for name in passed}
    assert set(passed) >= set(inspect.signature(run_validate).parameters) - {"paths", "profile"}


def test_the_installed_script_takes_the_quick_path(tmp_path: Path) -> None:
    """The ``artconv`` script runs :func:`convert.cli.run`, the function that decides."""
    script = Path(sys.executable).with_name("artconv")
    if not script.exists():
        pytest.skip("no artconv script next to this interpreter")
    listing = tmp_path / "modules.txt"
    code = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write('\\n'.join(sys.modules)))\n"
        f"sys.argv = [{str(script)!r}, *sys.argv[1:]]\n"
        f"runpy.run_path({str(script)!r}, run_name='__main__')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "validate", str(VALID)],
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    assert "click" not in listing.read_text().split("\n")
