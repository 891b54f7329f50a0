"""The Dask engine: the same bytes as a run in one process, on a process-based cluster (threads
would hide a validator that cannot travel between processes), from local folders and fsspec
URLs; and a worker killed mid-run either costs nothing or stops the run with exit 2."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.run import sorted_inputs, validate_paths, write_report
from tests.conftest import SEED_SCRAPED, SEED_VALID

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

RECORD = SEED_VALID.read_text(encoding="utf-8")
BOMB = "a0: &a0 [1,2,3,4,5,6,7,8,9]\n" + "".join(
    f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)
EXTENSIONS = [".md", ".markdown", ".txt", ".html"]


def mixed_corpus() -> dict[str, bytes]:
    """Valid, invalid and hostile records, with names whose text order is not a plain walk's."""
    files = {
        "a.md": RECORD,
        "a/b.md": RECORD.replace("webUrl", "webUrI"),
        "a/a.md": "---\ntitle: [unclosed\n---\n",
        "x/z.md": RECORD.replace("title:", "tittle:"),
        "x-y/q.md": "no front matter at all\n",
        "x-y/r.txt": RECORD,
        "b.markdown": "",
        "scraped.txt": SEED_SCRAPED.read_text(encoding="utf-8"),
        "hostile/bomb.md": "---\n" + BOMB + "---\n",
        "hostile/deep.md": "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "hostile/self.md": "---\na: &x [*x]\n---\n",
        "hostile/dup.md": "---\ntitle: a\ntitle: b\n---\nbody\n",
        ".hidden/skipped.md": RECORD,
    }
    raw = {name: text.encode("utf-8") for name, text in files.items()}
    raw["hostile/binary.md"] = bytes(range(256)) * 4
    raw["hostile/latin1.md"] = "---\ntitle: caf\xe9\n---\n".encode("latin-1")
    raw["hostile/nul.md"] = b"---\ntitle: a\x00b\n---\n"
    for n in range(12):  # enough files for several partitions
        text = RECORD.replace("title:", f"subtitle: n{n}\ntitle:")
        text = text.replace("/21145584/", f"/many-{n}/")
        raw[f"many/{n:02}.md"] = text.encode()
    return raw


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """One process-based cluster for the module: starting one costs seconds."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "corpus"
    for name, data in mixed_corpus().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.fixture
def memory_corpus() -> Iterator[str]:
    fs = fsspec.filesystem("memory")
    for name, data in mixed_corpus().items():
        fs.pipe(f"/corpus/{name}", data)
    yield "memory://corpus/"
    fs.rm("/", recursive=True)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


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


def unused_port() -> int:
    """A local port nobody listens on (bound for a moment, then let go)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_an_unreachable_scheduler_is_exit_2_at_once(corpus: Path, command: str) -> None:
    """The wait is short and configured as Dask's own: a wrong address is reported in about
    a second here (Dask's default wait would be 30 s), naming the address and the fixes."""
    import dask.config

    address = f"tcp://127.0.0.1:{unused_port()}"
    args = [command, "--engine", "dask", "--scheduler", address, str(corpus / "a.md")]
    args += ["--to", "jsonl"] if command == "convert" else []
    started = time.monotonic()
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, args)
    assert time.monotonic() - started < 15
    assert result.exit_code == 2 and result.stdout == ""
    assert f"no Dask scheduler answered at {address} within 1 s" in result.stderr
    assert "dask scheduler" in result.stderr and "DASK_SCHEDULER_ADDRESS" in result.stderr
    assert "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT" in result.stderr


def test_a_scheduler_without_workers_is_exit_2_not_a_wait_forever(corpus: Path) -> None:
    import dask.config

    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as bare:
        args = ["validate", "--engine", "dask", "--scheduler", bare.scheduler_address]
        with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
            result = CliRunner().invoke(main, [*args, str(corpus / "a.md")])
        assert not bare.scheduler.clients.keys() - {"fire-and-forget"}  # the client has left
    assert result.exit_code == 2 and result.stdout == ""
    assert f"the Dask scheduler at {bare.scheduler_address} has no workers" in result.stderr
    assert f"dask worker {bare.scheduler_address}" in result.stderr


def test_the_wait_for_a_scheduler_is_short_unless_dask_is_told_otherwise() -> None:
    import dask.config

    from convert.run.dask_engine import CONNECT_TIMEOUT, connect_timeout

    assert connect_timeout() == CONNECT_TIMEOUT == 5
    with dask.config.set({"distributed.comm.timeouts.connect": "45s"}):
        assert connect_timeout() == 45


def test_a_scheduler_address_dask_cannot_read_is_exit_2(corpus: Path) -> None:
    args = ["validate", "--engine", "dask", "--scheduler", "carrier-pigeon://loft"]
    result = CliRunner().invoke(main, [*args, str(corpus / "a.md")])
    assert result.exit_code == 2
    assert "carrier-pigeon://loft is not a Dask scheduler address" in result.stderr
    assert "tcp://host:8786" in result.stderr


class Hang:
    """A FIFO among the inputs: the worker that reads it blocks until this test lets it go,
    so the test kills the worker that is busy with that partition at that moment (not one
    that may have finished its work, nor one that has not started).

    How the holder is found: a non-blocking open for writing succeeds only once a reader has
    the FIFO open, and the holder's ``/proc/PID/fd`` then links to it. Whatever happens, the
    FIFO is let go at the end, so no worker stays blocked in it.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / "stuck.md"
        os.mkfifo(self.path)
        self.writer: int | None = None

    def kill_holder(self, cluster: Any, timeout: float = 60) -> int:
        """SIGKILL the worker process that is reading the FIFO; return its pid."""
        pids = worker_pids(cluster)
        deadline = time.monotonic() + timeout
        self.wait_for_reader(timeout)
        while time.monotonic() < deadline:
            for pid in pids:
                if self._holds(pid):
                    os.kill(pid, signal.SIGKILL)
                    os.close(self.writer)  # before any retry can open it again
                    self.writer = None
                    # The kill is not instant: until the process has ended, a writer would
                    # still meet the dying reader and lose what it writes.
                    while not _ended(pid) and time.monotonic() < deadline:
                        time.sleep(0.02)
                    return pid
            time.sleep(0.02)
        raise AssertionError("no worker process holds the FIFO")

    def wait_for_reader(self, timeout: float = 60) -> None:
        """Return once a worker has opened the FIFO (it then waits in its read)."""
        deadline = time.monotonic() + timeout
        while self.writer is None:
            try:
                self.writer = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: no reader yet
                if time.monotonic() > deadline:
                    raise AssertionError("no worker opened the FIFO") from None
                time.sleep(0.02)

    def _holds(self, pid: int) -> bool:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            return False
        for fd in fds:
            with contextlib.suppress(OSError):
                if fd.readlink() == self.path.resolve():
                    return True
        return False

    def feed(self) -> None:
        """Write the record for the next reader (blocks until one opens the FIFO)."""
        with self.path.open("w", encoding="utf-8") as pipe:
            pipe.write(RECORD)

    def release(self) -> None:
        """Let any reader still blocked in the FIFO go, and replace it with the record."""
        if self.writer is not None:
            os.close(self.writer)
            self.writer = None
        with contextlib.suppress(OSError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
        self.path.unlink(missing_ok=True)
        self.path.write_text(RECORD, encoding="utf-8")


def _ended(pid: int) -> bool:
    """Whether a process has ended, every thread of it: a process whose main thread is a
    zombie may still have threads exiting, which hold its files (here: the FIFO) open."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        threads = len(list(Path(f"/proc/{pid}/task").iterdir()))
    except OSError:
        return True  # reaped
    return state in ("Z", "X") and threads <= 1


needs_proc = pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/fd").is_dir(), reason="finds the FIFO's reader in /proc"
)


@pytest.fixture
def doomed_cluster(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A cluster of its own for a test that kills a worker, so no other test meets what a
    kill leaves (a worker being restarted); ``allowed_failures`` as the test asks."""
    allowed = getattr(request, "param", 3)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        scheduler_kwargs={"allowed_failures": allowed},
    ) as local:
        yield local


def dask_report(paths: list[str], cluster: Any) -> tuple[int, str]:
    out = io.StringIO()
    with validate_paths(
        paths, engine="dask", scheduler=cluster.scheduler_address, partition=4
    ) as report:
        write_report("json", report, out)
    return report.exit_code(), out.getvalue()


def in_thread(work: Any) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []
    runner = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    runner.start()
    return runner, outcome


@needs_proc
def test_a_killed_worker_costs_no_file(doomed_cluster: Any, corpus: Path, tmp_path: Path) -> None:
    hang = Hang(tmp_path)
    paths = [str(hang.path), str(corpus)]
    try:
        runner, outcome = in_thread(lambda: dask_report(paths, doomed_cluster))
        killed = hang.kill_holder(doomed_cluster)
        hang.feed()  # the partition, run again on another worker, reads the record now
        runner.join(120)
    finally:
        hang.release()
    with validate_paths(paths) as alone:
        expected = io.StringIO()
        write_report("json", alone, expected)
    assert outcome == [(alone.exit_code(), expected.getvalue())]
    assert expected.getvalue().count('"path"') > 20
    with distributed.Client(doomed_cluster, set_as_default=False) as client:
        assert killed not in client.run(os.getpid).values()


@needs_proc
@pytest.mark.parametrize("doomed_cluster", [0], indirect=True)  # the first loss is final
def test_a_partition_that_cannot_finish_stops_the_run_with_exit_2(
    doomed_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    hang = Hang(tmp_path)
    args = ["validate", "-f", "json", "--engine", "dask", "--partition", "4"]
    args += ["--scheduler", doomed_cluster.scheduler_address, str(hang.path), str(corpus)]
    try:
        runner, outcome = in_thread(lambda: CliRunner().invoke(main, args))
        hang.kill_holder(doomed_cluster)
        runner.join(120)
    finally:
        hang.release()
    result = outcome[0]
    assert result.exit_code == 2
    # The first partition in input order that the killed worker held (it may have queued
    # one before the FIFO's) is the one named.
    assert re.search(r"the Dask cluster could not check the [1-4] files from /", result.output)
    assert "KilledWorker" in result.output and "not reported short" in result.output
    assert result.stdout == ""  # no report at all rather than a shorter one


@needs_proc
def test_a_killed_worker_costs_no_converted_file(
    doomed_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    """Workers write the per-record files: the partition run again after a kill writes the
    same files, and none is missing or refused as a clash."""
    hang = Hang(tmp_path)
    dask = ["--engine", "dask", "--scheduler", doomed_cluster.scheduler_address]
    args = [str(hang.path), str(corpus), "--to", "json", "--partition", "4"]
    try:
        runner, outcome = in_thread(lambda: convert_run(*args, "-o", str(tmp_path / "d"), *dask))
        hang.kill_holder(doomed_cluster)
        hang.feed()
        runner.join(120)
    finally:
        hang.release()
    alone = convert_run(*args, "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and "convert/output-clash" not in alone[2]
    code, shown, errors = outcome[0]
    assert (code, shown, errors.replace("/d/", "/alone/")) == alone
    assert tree_of(tmp_path / "d") == tree_of(tmp_path / "alone")
    assert "stuck.json" in tree_of(tmp_path / "d") and len(tree_of(tmp_path / "d")) > 20


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@needs_proc
def test_a_scheduler_lost_mid_run_is_one_line_and_exit_2(
    doomed_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    """distributed logs the lost connection to standard error itself (a traceback, without
    this guard); the run's one line says what happened instead."""
    hang = Hang(tmp_path)
    kept = Kept()
    loggers = [logging.getLogger(name) for name in ("distributed", "distributed.client")]
    for logger in loggers:
        logger.addHandler(kept)
    args = ["validate", "-f", "json", "--engine", "dask", "--partition", "4"]
    args += ["--scheduler", doomed_cluster.scheduler_address, str(hang.path), str(corpus)]
    try:
        runner, outcome = in_thread(lambda: CliRunner().invoke(main, args))
        hang.wait_for_reader()
        with distributed.Client(doomed_cluster, set_as_default=False) as client:
            client.shutdown()
        runner.join(120)
    finally:
        hang.release()
        for logger in loggers:
            logger.removeHandler(kept)
    result = outcome[0]
    assert result.exit_code == 2 and result.stdout == ""
    assert "scheduler-connection-lost" in result.stderr and "not reported short" in result.stderr
    assert [r.getMessage() for r in kept.records if r.levelno >= logging.WARNING] == []


def worker_pids(cluster: Any) -> set[int]:
    with distributed.Client(cluster, set_as_default=False) as client:
        return set(client.run(os.getpid).values())


FEED = [
    "--feed-title",
    "News",
    "--feed-link",
    "https://example.com/",
    "--feed-url",
    "https://example.com/feed",
]


def convert_run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl"])
def test_every_engine_converts_to_the_same_bytes(cluster: Any, corpus: Path, fmt: str) -> None:
    options = [*FEED] if fmt != "jsonl" else []
    alone = convert_run(str(corpus), "--to", fmt, *options)
    assert alone[0] == 1 and alone[1].count(b"/many-") >= 12
    assert "hostile/binary.md" in alone[2]
    assert convert_run(str(corpus), "--to", fmt, *options, "--jobs", "2") == alone
    assert (
        convert_run(
            str(corpus),
            "--to",
            fmt,
            *options,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition",
            "4",
        )
        == alone
    )


def tree_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_per_record_outputs_are_the_same_files(
    cluster: Any, corpus: Path, tmp_path: Path, fmt: str
) -> None:
    runs = {
        "alone": [],
        "two": ["--jobs", "2"],
        "dask": ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"],
    }
    outcomes = {
        name: convert_run(str(corpus), "--to", fmt, "-o", str(tmp_path / name), *more)
        for name, more in runs.items()
    }
    trees = {name: tree_of(tmp_path / name) for name in runs}
    extension = {"json": ".json", "text": ".txt"}[fmt]
    assert len(trees["alone"]) >= 20 and f"many/07{extension}" in trees["alone"]
    assert trees["two"] == trees["alone"] and trees["dask"] == trees["alone"]
    assert outcomes["two"] == outcomes["alone"] and outcomes["dask"] == outcomes["alone"]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_records_sent_back_are_written_the_same(
    cluster: Any, corpus: Path, tmp_path: Path, fmt: str
) -> None:
    """Per-record formats into one stream or one file: the workers send the records back."""
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", fmt)
    assert alone[0] == 1 and alone[1].count(b"Facebook will now pay you") >= 12
    assert convert_run(str(corpus), "--to", fmt, *dask) == alone
    one = str(corpus / "many" / "03.md")
    alone = convert_run(one, "--to", fmt, "-o", str(tmp_path / f"alone.{fmt}"))
    assert convert_run(one, "--to", fmt, "-o", str(tmp_path / f"dask.{fmt}"), *dask) == alone
    written = (tmp_path / f"alone.{fmt}").read_bytes()
    assert (tmp_path / f"dask.{fmt}").read_bytes() == written and b"pay you" in written


def test_convert_reads_memory_urls(cluster: Any, memory_corpus: str) -> None:
    alone = convert_run(memory_corpus, "--to", "rss", *FEED)
    assert alone[0] == 1 and alone[1].count(b"/many-") >= 12
    assert f"{memory_corpus}hostile/binary.md" in alone[2]
    assert (
        convert_run(
            memory_corpus,
            "--to",
            "rss",
            *FEED,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition",
            "4",
        )
        == alone
    )


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_counts_dask_runs_too(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.cli import common

    for n in range(60):
        (tmp_path / f"{n:02}.md").write_text(RECORD, encoding="utf-8")
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(common.sys, "stderr", terminal)
    with validate_paths(
        [str(tmp_path)],
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition=7,
        watch=lambda items: common.progress(items, "Validating", 60),
    ) as report:
        assert list(report.findings) == []
    assert report.files == 60
    assert "Validating" in terminal.getvalue() and "100%" in terminal.getvalue()


@pytest.mark.parametrize("command", ["validate", "convert"])
def test_the_command_line_draws_the_progress_bar_under_dask(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from types import SimpleNamespace

    from convert.cli import run_options

    for n in range(60):
        (tmp_path / f"{n:02}.md").write_text(RECORD, encoding="utf-8")
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(run_options, "sys", SimpleNamespace(stderr=terminal))
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "7"]
    more = ["--to", "jsonl"] if command == "convert" else []
    result = CliRunner().invoke(main, [command, str(tmp_path), *more, *dask])
    assert result.exit_code == 0
    label = "Validating" if command == "validate" else "Converting"
    assert label in terminal.getvalue() and "100%" in terminal.getvalue()
    assert command == "validate" or result.stdout.count("\n") == 60


def test_convert_writes_memory_urls(cluster: Any, memory_corpus: str, tmp_path: Path) -> None:
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    fs = fsspec.filesystem("memory")
    alone = convert_run(memory_corpus, "--to", "atom", *FEED)
    sent = convert_run(memory_corpus, "--to", "atom", *FEED, *dask, "-o", "memory://out/f.xml")
    assert sent == (alone[0], b"", alone[2])
    assert fs.cat("/out/f.xml") == alone[1]
    local = convert_run(memory_corpus, "--to", "json", "-o", str(tmp_path / "json"))
    sent = convert_run(memory_corpus, "--to", "json", *dask, "-o", "memory://out/json/")
    assert sent == local
    written = {name[len("/out/json/") :]: fs.cat(name) for name in fs.find("/out/json")}
    assert written == tree_of(tmp_path / "json") and "hostile/dup.json" in written


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


def test_workers_render_feed_rows_and_lines(
    cluster: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items are built and rendered on the workers: this process only merges rows."""
    from convert.converters import jsonl
    from convert.converters.feeds import document

    expected = {fmt: convert_run(str(corpus), "--to", fmt, *FEED) for fmt in ("rss", "jsonfeed")}
    expected["jsonl"] = convert_run(str(corpus), "--to", "jsonl")

    def nowhere(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a record was converted in the client")

    monkeypatch.setattr(document, "build_item", nowhere)
    monkeypatch.setattr(jsonl, "encode_record", nowhere)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    for fmt, alone in expected.items():
        options = FEED if fmt != "jsonl" else []
        assert convert_run(str(corpus), "--to", fmt, *options, *dask) == alone


def clashing_corpus(root: Path) -> Path:
    """Inputs whose outputs collide: two records for one json file, the first of them
    unreadable (so the second is written), and three for another, all readable."""
    for name, text in {
        "p/a.html": "---\ntitle: [unclosed\n---\n",
        "p/a.markdown": RECORD,
        "p/a.txt": RECORD.replace("title:", "tittle:"),
        "q/b.md": RECORD,
        "q/b.txt": RECORD.replace("/21145584/", "/other/"),
        "q/b.html": RECORD,
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_workers_write_per_record_files_and_the_client_settles_clashes(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import convert.atomic

    source = clashing_corpus(tmp_path / "in")
    alone = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and alone[2].count("convert/output-clash") == 3
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]
    sent = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]
    # Unclashed outputs are written by the worker processes: with this process unable to
    # write any file, only the ones it must arbitrate are missing.
    real = convert.atomic.atomic_output
    refused: list[str] = []

    def refuse(path: Any) -> Any:
        refused.append(Path(path).relative_to(tmp_path / "workers").as_posix())
        return real(tmp_path / "elsewhere.json")

    monkeypatch.setattr(convert.atomic, "atomic_output", refuse)
    convert_run(str(source), "--to", "json", "-o", str(tmp_path / "workers"), *dask)
    assert refused == ["p/a.json"]  # a.markdown's, written after the unreadable a.html
    assert set(tree_of(tmp_path / "workers")) == {"q/b.json"}


def test_an_output_over_an_input_is_refused_on_every_engine(cluster: Any, tmp_path: Path) -> None:
    source = clashing_corpus(tmp_path / "in")
    before = tree_of(source)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]
    alone = convert_run(str(source), "--to", "text", "-o", str(source))
    assert alone[2].count("is one of the inputs") == 5 and tree_of(source) == before
    assert convert_run(str(source), "--to", "text", "-o", str(source), *dask) == alone
    assert tree_of(source) == before


def test_workers_write_to_file_urls(cluster: Any, corpus: Path, tmp_path: Path) -> None:
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "alone"))
    url = (tmp_path / "url").as_uri() + "/"
    assert convert_run(str(corpus), "--to", "json", "-o", url, *dask) == alone
    assert tree_of(tmp_path / "url") == tree_of(tmp_path / "alone")


def test_a_worker_that_cannot_write_stops_the_run_with_exit_2(
    cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    for name in ("alone", "dask"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "many").write_text("a file where a folder goes\n", encoding="utf-8")
    alone = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "alone"))
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    sent = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert alone[0] == sent[0] == 2 and "cannot write" in alone[2]
    assert sent[2] == alone[2].replace("/alone/", "/dask/")


def test_the_progress_bar_counts_dask_conversions(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.cli import common
    from convert.run import convert_paths

    for n in range(60):
        (tmp_path / f"{n:02}.md").write_text(RECORD, encoding="utf-8")
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(common.sys, "stderr", terminal)
    out = io.BytesIO()
    report = convert_paths(
        [str(tmp_path)],
        "jsonl",
        stdout=out,
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition=7,
        watch=lambda items: common.progress(items, "Converting", 60),
    )
    with report:
        assert list(report.findings) == []
    assert report.files == 60 and out.getvalue().count(b"\n") == 60
    assert "Converting" in terminal.getvalue() and "100%" in terminal.getvalue()


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl"])
def test_prepared_rows_write_the_same_document_as_records(
    corpus: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a worker prepares, written by the client, is the feed the records make: with
    duplicate ids, a limit, and the sort spilled to disk."""
    import pickle

    import convert
    from convert.converters.feeds import order

    monkeypatch.setattr(order, "RUN_BYTES", 4000)  # spill every few items
    names = [p for p in sorted(corpus.rglob("*.md")) if not {"hostile", ".hidden"} & set(p.parts)]
    records = [convert.load(p) for p in names]
    records += records[:3]  # the same ids again
    converter = convert.get_converter(fmt)
    options = {} if fmt == "jsonl" else {"feed_title": "News", "limit": 14}
    direct, found = io.BytesIO(), []
    converter.write(records, direct, emit=found.append, **options)
    prepared_found: list[Any] = []
    rows = list(converter.prepare(records, emit=prepared_found.append, **options))
    assert len(rows) == len(records)  # one per record, None for one left out
    assert fmt == "jsonl" or None in rows
    sent = pickle.loads(pickle.dumps([row for row in rows if row is not None]))
    merged = io.BytesIO()
    converter.write(sent, merged, emit=prepared_found.append, **options)
    assert merged.getvalue() == direct.getvalue() and direct.getvalue().count(b"many-") >= 12
    assert sorted(map(repr, prepared_found)) == sorted(map(repr, found))


def test_a_relative_output_folder_reaches_workers_from_the_root(
    cluster: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", "json", "-o", "alone")
    assert convert_run(str(corpus), "--to", "json", "-o", "dask", *dask) == alone
    assert tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")


def twin_roots(root: Path, count: int = 10) -> list[str]:
    """Two folders with the same names, so that each output is claimed once from each, a
    whole walk apart: in the first, every third record cannot be read (so its twin in the
    second is the one written), the rest are written first and their twins refused."""
    for n in range(count):
        text = RECORD.replace("/21145584/", f"/twin-{n}/")
        (root / "one").mkdir(parents=True, exist_ok=True)
        (root / "two").mkdir(parents=True, exist_ok=True)
        first = "---\ntitle: [unclosed\n---\n" if n % 3 == 0 else text
        (root / "one" / f"{n:02}.md").write_text(first, encoding="utf-8")
        (root / "two" / f"{n:02}.md").write_text(text.replace("title:", "tittle:"), "utf-8")
    return [str(root / "one"), str(root / "two")]


def test_clashes_are_settled_across_partitions(cluster: Any, tmp_path: Path) -> None:
    sources = twin_roots(tmp_path / "in")
    alone = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and alone[2].count("convert/output-clash") == 6
    assert len(tree_of(tmp_path / "alone")) == 10
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "3"]
    sent = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]


def test_the_sets_that_settle_clashes_spill_to_disk(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory does not grow with the outputs: past its budget (here 4 members) each set of
    outputs the client keeps moves to a temporary file, and the outcome is the same."""
    from convert.run import dask_convert, seen

    sources = twin_roots(tmp_path / "in")
    alone = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "alone"))
    spilled: list[str] = []

    class Watched(seen.SpillingSet):
        def _to_disk(self) -> None:
            super()._to_disk()
            spilled.append("set")

    monkeypatch.setattr(seen, "IN_MEMORY", 4)
    monkeypatch.setattr(dask_convert, "SpillingSet", Watched)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "3"]
    sent = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert spilled == ["set", "set"]  # the outputs claimed, then those written
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]
