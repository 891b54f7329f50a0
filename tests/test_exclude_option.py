"""``--exclude GLOB`` on validate, convert and fix: added to the configuration's exclude."""

from __future__ import annotations

import json
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


@pytest.fixture
def forced(site: Path) -> Path:
    """The site with ``force-exclude = true`` configured over ``exclude = ["drafts/*"]``."""
    (site / "artconv.toml").write_text(
        'exclude = ["drafts/*"]\nforce-exclude = true\n', encoding="utf-8"
    )
    return site


def test_no_force_exclude_reads_a_named_file_the_configuration_holds_to_the_globs(
    forced: Path,
) -> None:
    args = ["validate", "-f", "text", "drafts/b.md", "posts/a.md"]
    result = CliRunner().invoke(main, args)
    assert named(result.stdout) == {"posts/a.md"}  # the configuration's force-exclude
    result = CliRunner().invoke(main, [*args, "--no-force-exclude"])
    assert result.exit_code == 1 and named(result.stdout) == {"drafts/b.md", "posts/a.md"}
    result = CliRunner().invoke(main, [*args, "--no-force-exclude", "--force-exclude"])
    assert named(result.stdout) == {"posts/a.md"}  # the last of the two wins, as click has it


def test_no_force_exclude_on_convert_and_fix(forced: Path) -> None:
    base = ["convert", "drafts/b.md", "posts/a.md", "--to", "jsonl"]
    result = CliRunner().invoke(main, base)
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == ["posts/a.md"]
    result = CliRunner().invoke(main, [*base, "--no-force-exclude"])
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == ["drafts/b.md", "posts/a.md"]
    CliRunner().invoke(main, ["fix", "drafts/b.md"])
    assert (forced / "drafts/b.md").read_text("utf-8") == FIXABLE
    CliRunner().invoke(main, ["fix", "drafts/b.md", "--no-force-exclude"])
    assert (forced / "drafts/b.md").read_text("utf-8") != FIXABLE


def _option_rows(command: str) -> dict[str, tuple[int, str]]:
    """Each option line of ``artconv COMMAND --help`` (80 columns) that starts an option:
    its first column's text -> (the column its help starts in, that help's first line)."""
    import re

    shown = CliRunner().invoke(main, [command, "--help"], terminal_width=80).stdout
    rows = {}
    for line in shown.splitlines():
        found = re.match(r"  (-\S+(?: \S+)*?)(  +)(\S.*)", line)
        if found:
            rows[found[1]] = (found.end(2), found[3])
    return rows


@pytest.mark.parametrize("command", ["validate", "convert", "fix"])
def test_help_shows_the_pair_in_the_column_the_other_options_share(command: str) -> None:
    """``--[no-]force-exclude``, its help beside it where every other option's help starts:
    ``--force-exclude / --no-force-exclude`` is wider than the column (30 at most), and
    would have widened it or had its help start on a line of its own."""
    rows = _option_rows(command)
    column, first = rows["--[no-]force-exclude"]
    assert first.startswith("Hold files named on the command line")
    assert {where for where, _ in rows.values()} == {column}
    assert not any("/ --no-force-exclude" in option for option in rows)
