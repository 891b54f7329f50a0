"""The README's commands are the ones CI runs, and its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def shell_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, re.S)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()
    test_command = next(b for b in shell_blocks() if "pytest" in b)
    assert ci_lines[-1] == test_command


def test_readme_run_command_installs_and_validates_the_examples() -> None:
    run_command = shell_blocks()[0]
    assert "pip install ." in run_command and run_command.endswith("artconv validate examples/")


def test_readme_shows_real_output_for_the_bad_values_example() -> None:
    expected = (ROOT / "examples" / "invalid" / "bad-values.expected").read_text("utf-8")
    shown = [
        line for line in README.splitlines() if line.startswith("examples/invalid/bad-values.md:")
    ]
    assert shown and all(line in expected.splitlines() for line in shown)


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    from convert.config import load_settings_file

    block = re.search(r"```toml\n(\[tool\.artconv\]\n.*?)```", README, re.S)
    assert block is not None
    (tmp_path / "pyproject.toml").write_text(block.group(1))
    settings = load_settings_file(tmp_path / "pyproject.toml")
    assert settings.levels and settings.feed["title"] == "Example News"
    assert settings.converters == {"json": {"indent": 0}}
