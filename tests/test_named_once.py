"""A file named more than once (twice, in two spellings, or as well as a folder holding it)
is one file of the run, taken where it is first named: validate, convert and fix agree."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.run import convert_paths, validate_paths
from convert.run.discovery import named_inputs, sorted_inputs
from tests.conftest import SEED_VALID
from tests.scaling import FACTOR, assert_linear

RECORD = SEED_VALID.read_text(encoding="utf-8")
BROKEN = RECORD.replace("title:", "tittle:")  # a finding, and a fix (safe or not) for it
EXTENSIONS = [".md"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("d/a.md", "d/b.md", "d/sub/c.md", "d/.hidden/h.md", "d/n.rst", "e/x.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(RECORD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def shown(paths: list[str], *, exclude: tuple[str, ...] = ()) -> list[str]:
    named = [i.display for i in named_inputs(paths, EXTENSIONS, exclude)]
    in_order = [i.display for i in sorted_inputs(paths, EXTENSIONS, exclude)]
    assert in_order == sorted(named)  # each order has the same files, once each
    return named


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["d/a.md", "d/a.md"], ["d/a.md"]),
        (["./d/a.md", "d/a.md"], ["d/a.md"]),
        (["d/../d/a.md", "d/a.md"], ["d/../d/a.md"]),
        (["d/a.md", "d"], ["d/a.md", "d/b.md", "d/sub/c.md"]),
        (["d", "d/a.md"], ["d/a.md", "d/b.md", "d/sub/c.md"]),
        (["d", "d"], ["d/a.md", "d/b.md", "d/sub/c.md"]),
        (["d", "./d/"], ["d/a.md", "d/b.md", "d/sub/c.md"]),
        (["d/sub", "d"], ["d/sub/c.md", "d/a.md", "d/b.md"]),
        (["d", "d/sub"], ["d/a.md", "d/b.md", "d/sub/c.md"]),
        (["d/sub/c.md", "d/sub", "d"], ["d/sub/c.md", "d/a.md", "d/b.md"]),
        (["missing.md", "./missing.md"], ["missing.md"]),
        (["e", "d/a.md", "e/x.md"], ["e/x.md", "d/a.md"]),
        # a name the walk cannot meet stays an input, to be reported as missing
        (["d", "d/missing.md"], ["d/a.md", "d/b.md", "d/sub/c.md", "d/missing.md"]),
        (["d/missing.md", "d"], ["d/missing.md", "d/a.md", "d/b.md", "d/sub/c.md"]),
    ],
)
def test_each_file_comes_once_where_it_is_first_named(
    site: Path, paths: list[str], expected: list[str]
) -> None:
    assert shown(paths) == expected


def test_a_spelling_from_elsewhere_is_the_same_file(site: Path) -> None:
    absolute = (site / "d" / "a.md").as_posix()
    assert shown([absolute, "d"]) == [absolute, "d/b.md", "d/sub/c.md"]
    assert shown(["d", absolute]) == ["d/a.md", "d/b.md", "d/sub/c.md"]


def test_a_file_the_walk_passes_over_is_still_read_when_named(site: Path) -> None:
    """A hidden folder, another extension or an excluded name is not walked into: named,
    the file is read, once, wherever it comes."""
    expected = ["d/a.md", "d/b.md", "d/sub/c.md", "d/.hidden/h.md", "d/n.rst"]
    assert shown(["d", "d/.hidden/h.md", "d/n.rst", "d/.hidden"]) == expected
    assert shown(["d", "d/sub/c.md"], exclude=("sub/*",)) == ["d/a.md", "d/b.md", "d/sub/c.md"]


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_the_same_file_under_two_names_is_two_inputs(site: Path) -> None:
    """A hard link is another name with its own output: only the same name, however
    spelt, is merged."""
    os.link(site / "d" / "a.md", site / "e" / "y.md")
    assert shown(["d/a.md", "e"]) == ["d/a.md", "e/x.md", "e/y.md"]


@pytest.mark.parametrize(
    "paths",
    [["d/a.md", "d/a.md"], ["./d/a.md", "d/a.md"], ["d/a.md", "d"], ["d", "d/sub", "d/a.md"]],
)
def test_validate_counts_and_reports_a_file_once(site: Path, paths: list[str]) -> None:
    (site / "d" / "a.md").write_text(BROKEN, encoding="utf-8")
    once = CliRunner().invoke(main, ["validate", "--format", "json", "d"])
    again = CliRunner().invoke(main, ["validate", "--format", "json", *paths])
    assert again.exit_code == once.exit_code == 1
    assert again.stdout.count('"d/a.md"') == once.stdout.count('"d/a.md"') >= 1
    summary = json.loads(again.stdout)["summary"]
    assert summary["files"] == (3 if "d" in paths else 1)
    assert summary["errors"] == json.loads(once.stdout)["summary"]["errors"]


def test_convert_writes_a_file_named_twice_once_without_a_clash(site: Path) -> None:
    result = CliRunner().invoke(
        main, ["convert", "--to", "json", "-o", "out", "d/a.md", "./d/a.md", "d/sub", "d"]
    )
    assert result.exit_code == 0, result.output
    assert "output-clash" not in result.output
    written = sorted(p.relative_to(site / "out").as_posix() for p in (site / "out").rglob("*"))
    # d/a.md is named first (out/a.json), d/sub next (out/c.json): d adds only b.md.
    assert written == ["a.json", "b.json", "c.json"]


def test_fix_shows_a_file_named_twice_once(site: Path) -> None:
    spaced = RECORD.replace("DateTime: 2020-02-20T20:00:00Z", "DateTime: 2020-02-20 20:00:00Z")
    (site / "d" / "a.md").write_text(spaced, encoding="utf-8")
    once = CliRunner().invoke(main, ["fix", "--diff", "d/a.md"])
    twice = CliRunner().invoke(main, ["fix", "--diff", "d/a.md", "./d/a.md", "d"])
    assert once.stdout.count("+++ ") == 1
    assert twice.stdout == once.stdout


def test_the_library_runs_take_a_file_named_twice_once(site: Path) -> None:
    with validate_paths(["d/a.md", "./d/a.md", "d"]) as report:
        list(report.findings)
    assert report.files == 3  # a.md, b.md, sub/c.md
    with convert_paths(["d/a.md", "d"], "jsonl", site / "all.jsonl") as converted:
        list(converted.findings)
    assert converted.files == report.files
    lines = (site / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == report.files


def test_many_named_files_and_folders_take_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each folder argument had copied every earlier argument: 8,000 files and 8,000 folders
    took 78 s. A guard against that cost coming back, not a speed figure: 2,000 folders and
    20,000 files cost about 8 times what an eighth of them costs, not 64 times."""
    monkeypatch.chdir(tmp_path)
    folders = [f"f{n}" for n in range(2_000)]
    for name in folders:
        Path(name).mkdir()
    (tmp_path / "f0" / "in.md").write_text(RECORD, encoding="utf-8")
    files = [f"p{n}.md" for n in range(20_000)]  # missing: each is still an input

    def arguments(count: int) -> list[str]:
        return [*files[: 10 * count], *folders[:count]]

    def run(paths: list[str]) -> list[str]:
        return [i.display for i in sorted_inputs(paths, EXTENSIONS)]

    assert len(run(arguments(2_000))) == len(files) + 1
    assert_linear(run, arguments, 2_000 // FACTOR)


@pytest.fixture
def linked(site: Path) -> Path:
    """``a/link`` is a link to ``elsewhere/b``, which holds ``x.md``."""
    (site / "elsewhere" / "b").mkdir(parents=True)
    (site / "elsewhere" / "b" / "x.md").write_text(RECORD, encoding="utf-8")
    (site / "a").mkdir()
    (site / "a" / "link").symlink_to(Path("..") / "elsewhere" / "b", target_is_directory=True)
    return site


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["a", "e", "a/link/x.md"], ["a/link/x.md", "e/x.md"]),
        (["a/link/x.md", "e", "a"], ["a/link/x.md", "e/x.md"]),
        (["a", "e", "a/link"], ["a/link/x.md", "e/x.md"]),
        (["a/link", "e", "a"], ["a/link/x.md", "e/x.md"]),
        (["a", "e", "./a/link/"], ["a/link/x.md", "e/x.md"]),
        # a's walk meets it through the link, which only walking a could foresee: it is
        # taken where named, still once.
        (["a", "e", "elsewhere/b/x.md"], ["e/x.md", "elsewhere/b/x.md"]),
        (["elsewhere/b/x.md", "e", "a"], ["elsewhere/b/x.md", "e/x.md"]),
        (["a", "e", "elsewhere/b"], ["e/x.md", "elsewhere/b/x.md"]),
    ],
)
def test_a_file_reached_through_a_folder_link_comes_once_in_either_order(
    linked: Path, paths: list[str], expected: list[str]
) -> None:
    assert shown(paths) == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("paths", [["d", "d/p.md"], ["d/p.md", "d"]])
def test_a_fifo_named_beside_its_folder_is_read_once_and_not_reported(
    site: Path, paths: list[str]
) -> None:
    """A walk reports a FIFO and reads nothing; named, it is read: it is one input, read,
    whichever comes first."""
    os.mkfifo(site / "d" / "p.md")
    inputs = [(i.display, i.kind) for i in named_inputs(paths, EXTENSIONS)]
    assert [i for i in inputs if i[0] == "d/p.md"] == [("d/p.md", "file")]
    assert len(inputs) == 4  # a.md, b.md, sub/c.md and p.md

    def feed() -> None:
        with (site / "d" / "p.md").open("w", encoding="utf-8") as pipe:
            pipe.write(RECORD)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    with validate_paths(paths) as report:
        list(report.findings)
    writer.join(timeout=10)
    assert report.files == 4
