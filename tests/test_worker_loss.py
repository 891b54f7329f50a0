"""A worker process that dies without a word (SIGKILL from the out-of-memory killer, a crash)
never hangs a ``--jobs`` run nor shortens its report: the chunks in flight go to a new pool and
the output is what it would have been, or, when workers keep dying on the same files, the run
stops with exit 2 and one line saying so.

The library tests make a worker die at a chosen moment from inside (``os._exit``), including
half-way through sending its result; the command-line tests kill workers from outside with
SIGKILL, as the kernel does, while a FIFO holds the run open so that it is surely mid-run.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_VALID
from tests.dask.helpers import tree_of
from tests.test_interrupts import TIMEOUT, all_ended, children, needs_proc, ready, wait_for

# The library tests patch the environment of this process for the workers to read.
pytestmark = pytest.mark.usefixtures("forked_workers")

MARKER = "ARTCONV_TEST_DIE_ONCE"


def _die_once(how: str) -> None:
    """End this worker, the first time only (a marker file records that it happened)."""
    marker = Path(os.environ[MARKER])
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return
    if how == "mid-send":
        _half_a_result()
    os._exit(3)


def _half_a_result() -> None:
    """Write the start of a 10 MB message to the pool's result pipe, as a worker stopped
    half-way through sending a large result leaves it."""
    import gc
    from multiprocessing.queues import SimpleQueue

    queue: Any = next(o for o in gc.get_objects() if isinstance(o, SimpleQueue))
    if queue._wlock is not None:
        queue._wlock.acquire()  # held, as by a worker that dies while sending
    os.write(queue._writer.fileno(), struct.pack("!i", 10_000_000) + b"x" * 4096)


def square_dying_at_70(how: str, n: int) -> int:
    if n == 70:
        _die_once(how)
    return n * n


def square_always_dying_at_70(n: int) -> int:
    if n == 70:
        os._exit(3)
    return n * n


@contextmanager
def bounded() -> Iterator[None]:
    """Fail the test, rather than hang it, when the run inside takes longer than TIMEOUT."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError("the run hung after a worker died")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("how", ["exit", "mid-send"])
def test_a_worker_that_dies_once_costs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    from convert.batch import map_ordered

    monkeypatch.setenv(MARKER, str(tmp_path / "died"))
    items = list(range(200))
    with bounded():
        found = list(map_ordered(partial(square_dying_at_70, how), items, jobs=2, chunk=8))
    assert (tmp_path / "died").exists()  # the worker did die
    assert found == [n * n for n in items]


def test_workers_that_keep_dying_on_the_same_chunk_stop_the_run() -> None:
    from convert.batch import map_ordered
    from convert.run.pool import RETRIES, WorkerLostError

    with pytest.raises(WorkerLostError) as raised, bounded():
        list(map_ordered(square_always_dying_at_70, range(200), jobs=2, chunk=8))
    message = str(raised.value)
    # The files not done yet start at the chunk that kills, or at one lost with it.
    first = re.search(r"died (\d+) times in a row before the files from (\d+) onwards", message)
    assert first is not None and int(first[1]) == RETRIES + 1 and int(first[2]) <= 64
    assert "exited with status 3" in message
    assert "stopped rather than reported short" in message


# The command line: SIGKILL from outside, mid-run.


def corpus(folder: Path, count: int = 80) -> tuple[list[str], Path]:
    """``count`` records (every fifth with a finding) and, last, a FIFO the test feeds."""
    folder.mkdir(parents=True)
    data = SEED_VALID.read_bytes()
    for n in range(count):
        body = data if n % 5 else data.replace(b"title:", b"titel:", 1)
        (folder / f"{n:04d}.md").write_bytes(body)
    fifo = folder / "zz-last.md"
    os.mkfifo(fifo)
    return [str(folder), str(fifo)], fifo


_started: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_run_outlives_its_test() -> Iterator[None]:
    """A test that fails half-way leaves no run waiting on its FIFO."""
    yield
    while _started:
        process = _started.pop()
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start(args: list[str], folder: Path) -> subprocess.Popen[bytes]:
    """Run ``artconv ARGS`` with its output in files (a full pipe would stall it)."""
    with (folder / "out").open("wb") as out, (folder / "err").open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "convert", *args],
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    _started.append(process)
    return process


def reader_of(pids: list[int]) -> int | None:
    """The process of ``pids`` blocked opening the FIFO (nobody writes to it yet)."""
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/wchan").read_text() == "wait_for_partner":
                return pid
        except OSError:
            continue
    return None


def feed(fifo: Path) -> None:
    """Write the last record into the FIFO (opening waits for its reader)."""
    with fifo.open("wb") as pipe:
        pipe.write(SEED_VALID.read_bytes())


def finish(process: subprocess.Popen[bytes], folder: Path) -> tuple[int, bytes, str]:
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise AssertionError("the run hung after a worker died") from None
    return process.returncode, (folder / "out").read_bytes(), (folder / "err").read_text()


def killed_mid_run(
    args: list[str], fifo: Path, victim: str, folder: Path
) -> tuple[int, bytes, str]:
    """Run ``args``, SIGKILL a worker (the FIFO's reader or the other one) once the run is
    surely under way, then let the run end by feeding the FIFO to the new pool's reader."""
    process = start(args, folder)
    wait_for(partial(ready, process.pid, 2), "the run to be under way")
    wait_for(lambda: reader_of(children(process.pid)) is not None, "the FIFO's reader")
    kids = children(process.pid)
    blocked = reader_of(kids)
    target = blocked if victim == "reader" else next(k for k in kids if k != blocked)
    assert target is not None
    os.kill(target, signal.SIGKILL)
    wait_for(partial(all_ended, kids), "the lost pool's workers to end")
    wait_for(lambda: reader_of(children(process.pid)) is not None, "a new worker's read")
    feed(fifo)
    return finish(process, folder)


@needs_proc
@pytest.mark.parametrize("victim", ["reader", "other"])
@pytest.mark.parametrize(
    "command",
    [["validate", "-f", "json"], ["convert", "--to", "jsonl"]],
    ids=["validate", "convert"],
)
def test_a_worker_killed_mid_run_leaves_the_output_unchanged(
    tmp_path: Path, command: list[str], victim: str
) -> None:
    inputs, fifo = corpus(tmp_path / "c")
    clean = start([*command, "--jobs", "2", *inputs], tmp_path)
    feed(fifo)
    expected = finish(clean, tmp_path)
    assert expected[0] in (0, 1) and expected[1]  # a report or an output to compare

    killed = killed_mid_run([*command, "--jobs", "2", *inputs], fifo, victim, tmp_path)
    assert killed == expected


@needs_proc
def test_a_worker_killed_mid_run_leaves_the_files_per_record_unchanged(tmp_path: Path) -> None:
    """Workers write the files per record themselves: those of the chunks a lost pool had in
    hand are written again by the new one, and the folder is the one an undisturbed run
    writes (the FIFO's record, last, included)."""
    inputs, fifo = corpus(tmp_path / "c")
    for run in ("clean", "killed"):
        (tmp_path / run).mkdir()
    command = ["convert", "--to", "json", "--jobs", "2", *inputs, "-o"]
    clean = start([*command, str(tmp_path / "clean" / "json")], tmp_path / "clean")
    feed(fifo)
    expected = finish(clean, tmp_path / "clean")
    assert expected[0] == 0 and len(tree_of(tmp_path / "clean" / "json")) == 81

    run = [*command, str(tmp_path / "killed" / "json")]
    killed = killed_mid_run(run, fifo, "reader", tmp_path / "killed")
    assert killed == expected
    assert tree_of(tmp_path / "killed" / "json") == tree_of(tmp_path / "clean" / "json")
    assert not list((tmp_path / "killed" / "json").rglob("*.tmp"))  # no half-written file left


@needs_proc
@pytest.mark.parametrize(
    "command", [["validate"], ["convert", "--to", "rss", "-o"]], ids=["validate", "convert"]
)
def test_workers_killed_again_and_again_stop_the_run_with_exit_2(
    tmp_path: Path, command: list[str]
) -> None:
    """Every worker that opens the FIFO is killed: the run gives up after a few new pools,
    with one line naming the files and how the worker ended, writes no feed and leaves no
    worker behind."""
    inputs, _ = corpus(tmp_path / "c")
    public = tmp_path / "public"
    public.mkdir()
    if command[-1] == "-o":
        command = [*command, str(public / "feed.xml")]
    process = start([*command, "--jobs", "2", *inputs], tmp_path)
    killed: list[int] = []
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        reader = reader_of(children(process.pid))
        if reader is not None and reader not in killed:
            os.kill(reader, signal.SIGKILL)
            killed.append(reader)
        time.sleep(0.02)
    code, _, err = finish(process, tmp_path)
    # Standard error whole in every message: a stray line from a worker is the failure to see.
    assert "Traceback" not in err, err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("Error: worker processes died 3 times"), err
    named = re.search(r"before the files from (\S+) onwards were done \(the last was", err)
    assert named is not None and Path(named[1]).parent == tmp_path / "c", err
    assert named[1] <= str(tmp_path / "c" / "0064.md"), err  # the FIFO's chunk, or one with it
    assert "killed by SIGKILL, perhaps for lack of memory" in err, err
    assert list(public.iterdir()) == []
    wait_for(partial(all_ended, killed), "the workers to end")


# The other way round: the run itself is killed (the out-of-memory killer picks the biggest
# process) and its workers must not stay behind, holding its files open, for ever.

NO_PARENT_DEATH_SIGNAL = (
    "import convert.run.pool as pool; pool._parent_death_signal = lambda *_: False; "
    "from convert.cli import run; run()"
)
"""The command line without Linux's parent-death signal: the portable watch must do."""


def run_killed(args: list[str], folder: Path, code: str | None) -> list[int]:
    """Start ``artconv ARGS`` (through ``code`` when given), SIGKILL it once its workers
    are at work (one blocked on the FIFO, the other waiting for work), and return them."""
    command = [sys.executable, *(["-c", code] if code else ["-m", "convert"]), *args]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _started.append(process)
    wait_for(partial(ready, process.pid, 2), "the run to be under way")
    wait_for(lambda: reader_of(children(process.pid)) is not None, "the FIFO's reader")
    kids = children(process.pid)
    process.kill()
    process.wait()
    return kids


@needs_proc
@pytest.mark.parametrize("code", [None, NO_PARENT_DEATH_SIGNAL], ids=["pdeathsig", "watch"])
@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["convert", "--to", "rss", "-o", "feed.xml"],
        ["convert", "--to", "json", "-o", "out"],
    ],
    ids=["validate", "feed", "per-record"],
)
def test_workers_end_soon_after_the_run_is_killed(
    tmp_path: Path, command: list[str], code: str | None
) -> None:
    inputs, _ = corpus(tmp_path / "c")
    args = [str(tmp_path / arg) if arg in ("feed.xml", "out") else arg for arg in command]
    kids = run_killed([*args, "--jobs", "2", *inputs], tmp_path, code)
    assert len(kids) == 2
    deadline = time.monotonic() + 5
    while not all_ended(kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [kid for kid in kids if not all_ended([kid])]
    for kid in left:  # not to outlive the test either
        os.kill(kid, signal.SIGKILL)
    assert not left, "workers outlived the run they worked for"
    # What the workers were writing themselves is removed as they end.
    assert not list(tmp_path.glob("out/**/*.tmp"))
