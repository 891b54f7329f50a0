"""``convert --no-fsync``: outputs that can be made again are written without fsyncs, in this
process and in its workers, and are the same bytes as a durable run's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.dask.helpers import FEED, tree_of, write_mixed_corpus

# The workers are forked from this process, so they see the fsync this test patches.
pytestmark = pytest.mark.usefixtures("forked_workers")


@pytest.fixture
def fsyncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file each fsync of this process or its workers adds a line to (files and folders
    alike: both go through ``os.fsync``)."""
    log = tmp_path / "fsyncs.log"
    log.touch()

    def noted(fd: int) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")

    monkeypatch.setattr(os, "fsync", noted)
    return log


def calls(log: Path) -> int:
    return len(log.read_text("utf-8").splitlines())


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("fmt", "output", "options"),
    [("text", "out", []), ("json", "out", []), ("rss", "feed.xml", FEED)],
)
def test_no_fsync_writes_the_same_outputs_without_a_single_fsync(
    tmp_path: Path, fsyncs: Path, jobs: str, fmt: str, output: str, options: list[str]
) -> None:
    corpus = write_mixed_corpus(tmp_path / "corpus")
    results = {}
    for run in ("--fsync", "--no-fsync"):
        before = calls(fsyncs)
        target = tmp_path / run.strip("-") / output
        args = ["convert", str(corpus), "--to", fmt, "-o", str(target), "--jobs", jobs, run]
        result = CliRunner().invoke(main, [*args, *options])
        written = tree_of(target) if target.is_dir() else {target.name: target.read_bytes()}
        results[run] = (result.exit_code, written, calls(fsyncs) - before)
    durable, quick = results["--fsync"], results["--no-fsync"]
    assert durable[0] == quick[0] == 1  # the corpus holds broken records
    assert quick[1] == durable[1] and len(durable[1]) >= 1
    assert durable[2] >= len(durable[1]) and quick[2] == 0
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_convert_paths_takes_fsync_false(tmp_path: Path, fsyncs: Path) -> None:
    from convert import convert_paths

    corpus = write_mixed_corpus(tmp_path / "corpus")
    with convert_paths([str(corpus)], "json", tmp_path / "out", fsync=False) as report:
        assert report.exit_code() == 1 and len(tree_of(tmp_path / "out")) >= 10
    assert calls(fsyncs) == 0
    convert_paths([str(corpus)], "json", tmp_path / "again").close()
    assert calls(fsyncs) >= 10


def test_a_dask_partition_that_is_not_durable_makes_no_fsync(tmp_path: Path, fsyncs: Path) -> None:
    pytest.importorskip("distributed")
    from convert.batch import Input
    from convert.converters import get_converter
    from convert.run.dask_convert import convert_partition
    from convert.run.per_record import FILES, ConvertTask
    from convert.run.worker import CheckSettings

    corpus = write_mixed_corpus(tmp_path / "corpus")
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())[:4]
    payload = [(Input(str(p), str(p), p.relative_to(corpus).as_posix()), None) for p in files]
    settings = CheckSettings(validate=False)
    for durable, folder in ((False, "quick"), (True, "durable")):
        before = calls(fsyncs)
        task = ConvertTask(get_converter("json"), {}, FILES, str(tmp_path / folder), "", durable)
        convert_partition(settings, payload, task, [False] * len(payload))
        made = calls(fsyncs) - before
        assert made == 0 if not durable else made >= 1
    assert tree_of(tmp_path / "quick") == tree_of(tmp_path / "durable") != {}


def test_a_workers_task_says_whether_it_fsyncs(tmp_path: Path, fsyncs: Path) -> None:
    """Whatever the process it runs in was started from (a spawned worker inherits no block)."""
    from convert.batch import Input
    from convert.converters import get_converter
    from convert.run.per_record import FILES, ConvertTask, Sent, convert_input, start
    from convert.run.worker import CheckSettings

    corpus = write_mixed_corpus(tmp_path / "corpus")
    files = sorted(p for p in corpus.rglob("*.md") if p.is_file())[:3]
    for durable, folder in ((False, "quick"), (True, "durable")):
        task = ConvertTask(get_converter("text"), {}, FILES, str(tmp_path / folder), "", durable)
        start(CheckSettings(validate=False), task)
        before = calls(fsyncs)
        for path in files:
            convert_input(Sent(Input(str(path), str(path), path.name), False))
        made = calls(fsyncs) - before
        assert made == 0 if not durable else made >= len(files)
    assert tree_of(tmp_path / "quick") == tree_of(tmp_path / "durable") != {}
