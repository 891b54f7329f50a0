"""``validate --engine dask``: the same bytes as a run in one process, from local folders and
fsspec URLs, with the scheduler named, taken from the environment or started for the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.run import sorted_inputs, validate_paths
from tests.dask.helpers import EXTENSIONS, run, sixty_records_on_a_terminal

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_engine_writes_the_same_bytes(cluster: Any, corpus: Path, fmt: str) -> None:
    alone = run("validate", "-f", fmt, str(corpus))
    assert alone[0] == 1 and alone[1].count("hostile/") >= 7
    two = run("validate", "-f", fmt, "--jobs", "2", str(corpus))
    dask = run(
        "validate",
        "-f",
        fmt,
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        "--partition",
        "4",
        str(corpus),
    )
    assert two == alone
    assert dask == alone


def test_rules_across_records_run_under_dask(cluster: Any, corpus: Path) -> None:
    alone = run("validate", "-f", "json", "--select", "corpus,yaml", str(corpus))
    assert alone[1].count('"corpus/duplicate-url"') == 2  # the seed's URL in three files
    assert (
        run(
            "validate",
            "-f",
            "json",
            "--select",
            "corpus,yaml",
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition",
            "4",
            str(corpus),
        )
        == alone
    )


def test_memory_urls_in_and_out(cluster: Any, memory_corpus: str, corpus: Path) -> None:
    code, local = run("validate", "-f", "json", memory_corpus)
    assert code == 1 and f'"{memory_corpus}hostile/binary.md"' in local
    # The same findings as for the same files on disk, named by their URLs.
    assert local == run("validate", "-f", "json", str(corpus))[1].replace(
        str(corpus) + "/", memory_corpus
    )
    code, shown = run(
        "validate",
        "-f",
        "json",
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        "--partition",
        "3",
        memory_corpus,
        "-o",
        "memory://reports/run.json",
    )
    assert (code, shown) == (1, "")
    assert fsspec.filesystem("memory").cat("/reports/run.json").decode() == local


def test_urls_are_found_in_the_order_of_the_local_walk(corpus: Path, memory_corpus: str) -> None:
    local = [i.relative for i in sorted_inputs([str(corpus)], EXTENSIONS)]
    remote = [i.relative for i in sorted_inputs([memory_corpus], EXTENSIONS)]
    assert remote == local and "skipped.md" not in " ".join(local)
    named = [corpus.as_uri() + "/a.md", str(corpus / "x")]
    shown = [i.display for i in sorted_inputs(named, EXTENSIONS)]
    assert shown == sorted(shown) and shown[-1] == "file://" + str(corpus) + "/a.md"


def test_a_partition_past_sys_maxsize_holds_every_file(corpus: Path) -> None:
    from convert.run.dask_engine import _partitions

    inputs = list(sorted_inputs([str(corpus)], EXTENSIONS))
    assert list(_partitions(iter(inputs), 2**64)) == [inputs]


def test_scheduler_address_from_the_environment(
    cluster: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    before = set(cluster.scheduler.clients)
    assert run("validate", "--engine", "dask", str(corpus)) == run("validate", str(corpus))
    assert len(before) == len(set(cluster.scheduler.clients))  # its client has left again


def test_without_an_address_a_cluster_is_started_for_the_run(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    assert run("validate", "--engine", "dask", "--jobs", "1", "-f", "json", str(corpus)) == run(
        "validate", "-f", "json", str(corpus)
    )


def test_relative_paths_reach_workers_from_the_root(
    cluster: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.run.dask_engine import _payload

    monkeypatch.chdir(corpus)
    sent = _payload(list(sorted_inputs(["a", "-"], EXTENSIONS)), 1000)
    assert [(i.path, i.display) for i, _ in sent] == [
        ("-", "<stdin>"),
        (str(corpus / "a/a.md"), "a/a.md"),
        (str(corpus / "a/b.md"), "a/b.md"),
    ]
    assert run(
        "validate",
        "-f",
        "json",
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        "a",
        "x",
    ) == run("validate", "-f", "json", "a", "x")


def test_the_progress_bar_counts_dask_runs_too(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.cli import common

    terminal = sixty_records_on_a_terminal(tmp_path, monkeypatch)
    with validate_paths(
        [str(tmp_path)],
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition=7,
        finished=lambda results: common.progress(results, "Validating", 60),
    ) as report:
        assert list(report.findings) == []
    assert report.files == 60
    assert "Validating" in terminal.getvalue() and "100%" in terminal.getvalue()


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_the_command_line_draws_the_progress_bar_under_dask(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:

    from convert.cli import run_options

    terminal = sixty_records_on_a_terminal(tmp_path, monkeypatch, run_options)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "7"]
    more = ["--to", "jsonl"] if command == "convert" else []
    result = CliRunner().invoke(main, [command, str(tmp_path), *more, *dask])
    assert result.exit_code == 0
    label = "Validating" if command == "validate" else "Converting"
    assert label in terminal.getvalue() and "100%" in terminal.getvalue()
    assert command == "validate" or result.stdout.count("\n") == 60
