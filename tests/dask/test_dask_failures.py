"""Under Dask, what goes wrong ends clearly: a scheduler that is not there or has no workers is
exit 2 at once, a worker killed mid-run costs nothing or stops the run with exit 2, and a
scheduler lost mid-run is one line, never a report that looks complete."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.run import validate_paths, write_report
from tests.dask.helpers import RECORD, convert_run, in_thread, tree_of

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")


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

    def kill_holder(self, timeout: float = 60) -> int:
        """SIGKILL the worker process that is reading the FIFO; return its pid."""
        pids = worker_pids()
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


def dask_report(paths: list[str], cluster: Any) -> tuple[int, str]:
    out = io.StringIO()
    with validate_paths(
        paths, engine="dask", scheduler=cluster.scheduler_address, partition=4
    ) as report:
        write_report("json", report, out)
    return report.exit_code(), out.getvalue()


@needs_proc
def test_a_killed_worker_costs_no_file(doomed_cluster: Any, corpus: Path, tmp_path: Path) -> None:
    hang = Hang(tmp_path)
    paths = [str(hang.path), str(corpus)]
    try:
        runner, outcome = in_thread(lambda: dask_report(paths, doomed_cluster))
        killed = hang.kill_holder()
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
        hang.kill_holder()
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
    dask += ["--partition", "4"]  # a usage error without --engine dask
    args = [str(hang.path), str(corpus), "--to", "json"]
    try:
        runner, outcome = in_thread(lambda: convert_run(*args, "-o", str(tmp_path / "d"), *dask))
        hang.kill_holder()
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


def worker_pids() -> set[int]:
    """The processes below this one: the local cluster's nannies and workers, among them
    the holder. Read from /proc rather than asked of the cluster, since a second client in
    this process, opened while the run's own is busy in another thread, once left the test
    waiting for ever on the lock of distributed's shared event loop as it closed."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text(encoding="utf-8")
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    below: set[int] = set()
    level = {os.getpid()}
    while level:
        level = {pid for pid, parent in parents.items() if parent in level} - below
        below |= level
    return below
