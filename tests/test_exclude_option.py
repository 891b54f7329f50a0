"""``--exclude GLOB`` on validate, convert and fix: added to the configuration's exclude."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.fixes.test_fix_cli import FIXABLE


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """posts/a.md, drafts/b.md and notes/c.md, each with a finding, and a configuration that
    excludes notes/."""
    for name in ("posts/a.md", "drafts/b.md", "notes/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "artconv.toml").write_text('exclude = ["notes/*"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def named(output: str) -> set[str]:
    return {line.split(":", 1)[0] for line in output.splitlines() if ".md:" in line}


def test_validate_leaves_out_what_the_option_and_the_configuration_exclude(site: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "-f", "text", "."])
    assert named(result.stdout) == {"drafts/b.md", "posts/a.md"}
    result = CliRunner().invoke(main, ["validate", "-f", "text", ".", "--exclude", "drafts/*"])
    assert named(result.stdout) == {"posts/a.md"}
    both = ["--exclude", "drafts/*", "--exclude", "posts/*"]
    result = CliRunner().invoke(main, ["validate", "-f", "text", ".", *both])
    assert result.exit_code == 0 and "no record files found" in result.stderr


def test_convert_leaves_them_out_too(site: Path) -> None:
    args = ["convert", ".", "--to", "json", "-o", "out", "--exclude", "drafts/*"]
    CliRunner().invoke(main, args)
    assert sorted(
        p.relative_to(site / "out").as_posix() for p in (site / "out").rglob("*.json")
    ) == ["posts/a.json"]


def test_fix_leaves_the_excluded_files_as_they_are(site: Path) -> None:
    CliRunner().invoke(main, ["fix", ".", "--exclude", "drafts/*"])
    assert (site / "posts/a.md").read_text("utf-8") != FIXABLE
    assert (site / "drafts/b.md").read_text("utf-8") == FIXABLE
    assert (site / "notes/c.md").read_text("utf-8") == FIXABLE
