"""Ctrl-C and SIGTERM end a run cleanly: exit 130/143, one line, no traceback from any process,
no temporary file or spill folder left behind, never a hang.

Each run is made to wait on a FIFO named as its last input (an explicitly named FIFO is read,
and nobody writes to this one), so the signal always arrives mid-run, with workers busy: no
timing guesses. Every wait is bounded; each scenario is repeated to catch rare races.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_VALID

REPEATS = 3
TIMEOUT = 30.0


def corpus(folder: Path, count: int = 40) -> list[str]:
    """``count`` copies of the valid seed record, then a FIFO nobody will write to."""
    folder.mkdir(parents=True, exist_ok=True)
    data = SEED_VALID.read_bytes()
    paths = []
    for n in range(count):
        path = folder / f"{n:04d}.md"
        path.write_bytes(data)
        paths.append(str(path))
    fifo = folder / "zz-blocked.md"
    os.mkfifo(fifo)
    return [str(folder), str(fifo)]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def signal_mask(pid: int, field: str) -> int:
    """A signal set of ``/proc/PID/status`` (``SigIgn``, ``SigCgt``) as a bit mask."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next(
        int(line.split()[1], 16) for line in status.splitlines() if line.startswith(field + ":")
    )


def has(mask: int, signum: int) -> bool:
    return bool(mask & (1 << (signum - 1)))


def ready(pid: int, jobs: int) -> bool:
    """The run handles SIGTERM (so its handlers are in place) and, with workers, every worker
    ignores SIGINT: from here on, any interrupt must end the run cleanly."""
    if not has(signal_mask(pid, "SigCgt"), signal.SIGTERM):
        return False
    if jobs <= 1:
        return True
    kids = children(pid)
    return len(kids) >= jobs and all(has(signal_mask(k, "SigIgn"), signal.SIGINT) for k in kids)


def start(
    args: list[str],
    env: dict[str, str] | None = None,
    code: str = "from convert.cli import run; run()",
) -> subprocess.Popen[bytes]:
    # A session of its own, so the test can signal the whole group as a terminal's Ctrl-C does,
    # and Ctrl-C's default disposition, as a command typed at a terminal has: a test run
    # started in the background by a shell (``pytest &``) ignores SIGINT, and a child would
    # inherit that, rightly staying deaf to it.
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(process: subprocess.Popen[bytes], signum: int) -> tuple[int, str]:
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C: every process of the group gets it
    else:
        process.send_signal(signum)  # timeout(1), docker stop: only the parent gets it
    return ended(process, "the interrupted run hung")


def ended(process: subprocess.Popen[bytes], hung: str) -> tuple[int, str]:
    """The exit status and standard error of ``process``, which must end within TIMEOUT
    (else it is killed with its group, and ``hung`` is the failure)."""
    try:
        _, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(hung) from None
    return process.returncode, err.decode()


needs_proc = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")

SIGNALS = [(signal.SIGINT, 130), (signal.SIGTERM, 143)]


@needs_proc
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("signum", "code"), SIGNALS)
def test_an_interrupted_validate_exits_cleanly(
    tmp_path: Path, jobs: int, signum: int, code: int
) -> None:
    inputs = corpus(tmp_path / "c")
    for _ in range(REPEATS):
        process = start(["validate", "--jobs", str(jobs), *inputs])
        wait_for(partial(ready, process.pid, jobs), "the run to be under way")
        kids = children(process.pid)
        assert stop(process, signum) == (code, message(signum))
        wait_for(partial(all_ended, kids), "the workers to end")


@needs_proc
@pytest.mark.parametrize(
    "code",
    [
        "from convert.cli import run; run()",  # nothing but paths: run without click
        "from convert.cli.group import main; main(prog_name='artconv')",  # through click
    ],
    ids=["quick", "click"],
)
@pytest.mark.parametrize(("signum", "exit_code"), SIGNALS)
def test_an_interrupted_plain_validate_exits_cleanly(
    tmp_path: Path, code: str, signum: int, exit_code: int
) -> None:
    inputs = corpus(tmp_path / "c")
    process = start(["validate", *inputs], code=code)
    wait_for(partial(ready, process.pid, 1), "the run to be under way")
    assert stop(process, signum) == (exit_code, message(signum))


def all_ended(pids: list[int]) -> bool:
    """No process of ``pids`` runs any more (ended, or a zombie waiting to be reaped)."""
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            return False
    return True


def message(signum: int) -> str:
    return f"artconv: interrupted by {signal.Signals(signum).name}\n"


@needs_proc
@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("signum", "code"), SIGNALS)
def test_an_interrupted_convert_leaves_no_temporary_file(
    tmp_path: Path, jobs: int, signum: int, code: int
) -> None:
    inputs = corpus(tmp_path / "c")
    out = tmp_path / "public"
    out.mkdir()
    (out / "feed.xml").write_text("old feed")
    for _ in range(REPEATS):
        process = start(
            ["convert", "--to", "rss", "--jobs", str(jobs), "-o", str(out / "feed.xml"), *inputs]
        )
        wait_for(lambda: len(list(out.iterdir())) == 2, "the temporary file")
        wait_for(partial(ready, process.pid, jobs), "the run to be under way")
        assert stop(process, signum) == (code, message(signum))
        assert [p.name for p in out.iterdir()] == ["feed.xml"]
        assert (out / "feed.xml").read_text() == "old feed"


SPILLING = (
    "import convert.converters.feeds.order as order; order.RUN_BYTES = 2048; "
    "from convert.cli import run; run()"
)


@needs_proc
@pytest.mark.parametrize(("signum", "code"), SIGNALS)
def test_an_interrupted_feed_sort_removes_its_spill_folder(
    tmp_path: Path, signum: int, code: int
) -> None:
    inputs = corpus(tmp_path / "c", count=60)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    for _ in range(REPEATS):
        process = start(["convert", "--to", "atom", *inputs], env=env, code=SPILLING)
        wait_for(
            lambda: any(p.name.startswith(".artconv-sort.") for p in scratch.iterdir()),
            "the spill folder",
        )
        wait_for(partial(ready, process.pid, 1), "the run to be under way")
        assert stop(process, signum) == (code, message(signum))
        assert list(scratch.iterdir()) == []


def test_an_interrupt_wrapped_by_python_still_exits_cleanly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A signal during an import can surface as "RuntimeError: Error calling __set_name__",
    raised from our Interrupted: it is still an interrupt, with its exit code and one line."""
    from convert.cli.interrupts import Interrupted, interrupts_handled

    with pytest.raises(SystemExit) as ended, interrupts_handled():
        try:
            raise Interrupted(signal.SIGINT)
        except Interrupted as exc:
            raise RuntimeError("Error calling __set_name__") from exc
    assert ended.value.code == 130
    assert capsys.readouterr().err == "artconv: interrupted by SIGINT\n"


DROPPED_INTERRUPT = """
import os, signal, sys, weakref
from convert.cli.interrupts import interrupts_handled

class Target:
    pass

def callback(_: object) -> None:
    # Inside a weakref callback, as in an import's module-lock callback: Python drops whatever
    # the signal's handler raises here ("Exception ignored in ...").
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(1000):
        pass

def silently() -> None:
    # compile() drops what a handler raises while it folds constants, without a word.
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):
            pass
    except BaseException:
        pass

with interrupts_handled():
    if sys.argv[1] == "weakref":
        target = Target()
        ref = weakref.ref(target, callback)
        del target
    else:
        silently()
    if sys.argv[3] == "except":  # the wait comes while another exception is handled
        try:
            raise OSError("a failure the run handles at length")
        except OSError:
            with open(sys.argv[2], "rb") as blocked:
                blocked.read()
    elif sys.argv[2] != "-":
        with open(sys.argv[2], "rb") as blocked:  # a FIFO nobody writes to
            blocked.read()
"""


@needs_proc
@pytest.mark.parametrize("where", ["weakref", "silently"])
@pytest.mark.parametrize("then", ["blocks", "ends", "blocks in except"])
def test_an_interrupt_that_python_drops_is_raised_again(
    tmp_path: Path, where: str, then: str
) -> None:
    """A signal whose handler runs inside a weakref callback, a ``__del__`` or a compile
    raises into the void; the run must still end once, cleanly, as interrupted: not go on to
    hang on its next read, nor finish as though nothing came."""
    fifo = tmp_path / "blocked"
    os.mkfifo(fifo)
    waits = str(fifo) if then.startswith("blocks") else "-"
    process = start([where, waits, then.rsplit(" ", 1)[-1]], code=DROPPED_INTERRUPT)
    assert ended(process, "the run went on after its interrupt was dropped") == (
        143,
        message(signal.SIGTERM),
    )


def test_a_callers_alarm_survives_an_interrupted_command() -> None:
    """The repeated raising borrows SIGALRM and the real-time timer only while an interrupt
    is pending, then gives back the caller's handler and what was left of its timer."""
    from convert.cli.interrupts import interrupts_handled

    def alarm(signum: int, frame: object) -> None:
        raise AssertionError("the caller's alarm was not due yet")

    before = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, 30.0)
    try:
        with pytest.raises(SystemExit) as ended, interrupts_handled():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler raises here, in the main thread
        assert ended.value.code == 143
        assert signal.getsignal(signal.SIGALRM) is alarm
        assert 25.0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_other_errors_pass_through_the_interrupt_handler() -> None:
    from convert.cli.interrupts import interrupts_handled

    with pytest.raises(RuntimeError, match="a bug"), interrupts_handled():
        raise RuntimeError("a bug")


@needs_proc
@pytest.mark.parametrize(("signum", "code"), SIGNALS)
def test_an_interrupted_import_exits_cleanly(tmp_path: Path, signum: int, code: int) -> None:
    """import is interrupted like every command: the group's handler, one line, 130/143."""
    feed = tmp_path / "feed.xml"
    os.mkfifo(feed)  # the read blocks until the test stops the run
    process = start(["import", str(feed), "-o", str(tmp_path / "out")])
    wait_for(partial(ready, process.pid, 1), "the run to be under way")
    assert stop(process, signum) == (code, message(signum))


def big_corpus(folder: Path, count: int, body_bytes: int) -> list[str]:
    """:func:`corpus` with a long body on every record, so that the workers' results are large
    and a signal often lands while one of them is being sent back through the pool's pipe."""
    inputs = corpus(folder, count=count)
    paragraph = " ".join(["council vote on the new ferry route"] * 20) + "\n\n"
    body = paragraph * (body_bytes // len(paragraph))
    for path in sorted(folder.glob("*.md")):
        if path.is_file():
            path.write_text(path.read_text() + "\n" + body)
    return inputs


@needs_proc
@pytest.mark.parametrize(("signum", "code"), SIGNALS)
def test_workers_stopped_while_sending_large_results_never_hang_the_run(
    tmp_path: Path, signum: int, code: int
) -> None:
    """A worker stopped half-way through sending a result left half a message in the result
    pipe, and the pool's reader waited for the rest forever: the run hung until SIGKILL.
    The signal lands at a random moment while the workers render and send large results."""
    inputs = big_corpus(tmp_path / "c", count=64, body_bytes=400_000)
    out = tmp_path / "public"
    out.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    rng = random.Random()
    for _ in range(5):
        process = start(
            ["convert", "--to", "rss", "--jobs", "2", "-o", str(out / "feed.xml"), *inputs],
            env=env,
        )
        wait_for(partial(ready, process.pid, 2), "the run to be under way")
        time.sleep(rng.uniform(0.0, 0.4))
        assert stop(process, signum) == (code, message(signum))
        assert list(out.iterdir()) == []
        assert list(scratch.iterdir()) == []


WRITING_WORKER = """
import sys, time
from convert.atomic import atomic_output
from convert.run.pool import _start_worker
_start_worker(None, ())
with atomic_output(sys.argv[1]) as stream:
    stream.write(b"half a page")
    print("writing", flush=True)
    time.sleep(60)
"""


@needs_proc
def test_a_worker_ended_by_sigterm_mid_write_removes_its_temporary_file(tmp_path: Path) -> None:
    """Workers write per-record files themselves: one the pool stops with SIGTERM ends with
    SIGTERM's status, and leaves neither the file nor its temporary file behind."""
    with subprocess.Popen(
        [sys.executable, "-c", WRITING_WORKER, str(tmp_path / "page.txt")],
        stdout=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == b"writing\n"
        assert len(list(tmp_path.iterdir())) == 1  # the temporary file
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=TIMEOUT) == -signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def python_handlers(_: object = None) -> dict[str, str]:
    """The signals that have a Python handler in this process (name -> the handler's name),
    and SIGINT when it is ignored."""
    found = {}
    for signum in signal.valid_signals():
        try:
            handler = signal.getsignal(signum)
        except ValueError:
            continue
        if callable(handler):
            found[signal.Signals(signum).name] = getattr(handler, "__name__", repr(handler))
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        found["SIGINT"] = "ignored"
    return found


def test_a_worker_runs_none_of_the_parents_signal_handlers() -> None:
    """A forked worker inherits every handler of the command line's (SIGALRM's, which raises a
    pending interrupt again, among them): it ignores SIGINT, ends on SIGTERM by its own
    handler, and gives every other signal its default action."""
    from convert.batch import map_ordered
    from convert.cli.interrupts import _raise_interrupted, _raise_pending
    from tests.conftest import workers_started_by

    def mine(signum: int, frame: object) -> None:
        raise AssertionError("a handler of the parent's ran")

    ours = {
        signal.SIGINT: _raise_interrupted,
        signal.SIGTERM: _raise_interrupted,
        signal.SIGALRM: _raise_pending,
        signal.SIGUSR1: mine,
        signal.SIGHUP: mine,
    }
    before = {signum: signal.signal(signum, handler) for signum, handler in ours.items()}
    try:
        with workers_started_by("fork"):
            found = list(map_ordered(python_handlers, range(4), jobs=2, chunk=1))
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
    assert found == [{"SIGINT": "ignored", "SIGTERM": "_end_on_sigterm"}] * 4


HELD_WORKER = """
import signal, sys
from convert import atomic
from convert.run import pool
pool._start_worker(None, ())
holds = atomic.hold

def hold_as_sigterm_came_just_before():
    # Python runs a pending handler inside the call that blocks the stop signals.
    held = holds()
    pool._end_on_sigterm(signal.SIGTERM, None)
    return held

atomic.hold = hold_as_sigterm_came_just_before
with atomic.atomic_output(sys.argv[1]) as stream:
    stream.write(b"a page")
print("went on", flush=True)
"""


def test_a_worker_whose_sigterm_runs_as_its_signals_are_held_ends_there(tmp_path: Path) -> None:
    """SIGTERM that comes just before a worker holds the stop signals is handled inside the
    call that holds them: the worker ends there, with SIGTERM's status, before the held step
    makes its temporary file. It went on with SIGTERM pending, made the file after the
    handler had removed what was in flight, and died when the step let the signal through,
    leaving the file behind."""
    process = subprocess.run(
        [sys.executable, "-c", HELD_WORKER, str(tmp_path / "page.txt")],
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert (process.returncode, process.stdout, process.stderr) == (-signal.SIGTERM, b"", b"")
    assert list(tmp_path.iterdir()) == []


SWAPPING_WORKER = """
import os, signal
from convert.run import pool
pool._start_worker(None, ())
swap = signal.signal

def watched(signum, handler):
    if (signum, handler) == (signal.SIGTERM, signal.SIG_DFL):
        blocked = signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, ())
        print("blocked" if blocked else "open", flush=True)
    return swap(signum, handler)

signal.signal = watched
os.kill(os.getpid(), signal.SIGTERM)
print("went on", flush=True)
"""


def test_a_worker_ending_on_sigterm_blocks_it_while_the_handler_changes_hands() -> None:
    """The pool is stopped twice over (SIGTERM from the run, terminate() from the executor),
    and a second SIGTERM that came between ``signal.signal``'s look at the pending signals
    and its change to the default action was reported by Python with a traceback on
    standard error ("OSError: Signal 15 ignored due to race condition", seen in CI). SIGTERM
    is blocked while the handler changes hands, so none can come in between."""
    process = subprocess.run(
        [sys.executable, "-c", SWAPPING_WORKER], capture_output=True, timeout=TIMEOUT
    )
    assert (process.returncode, process.stdout, process.stderr) == (
        -signal.SIGTERM,
        b"blocked\n",
        b"",
    )


INTERRUPTED_IMPORT = """
import os, signal, sys
from convert.cli.interrupts import interrupts_handled
from convert.schema import _compile

class Interrupting:
    # Ctrl-C lands while jsonschema_rs is being imported.
    def find_spec(self, name, path, target=None):
        if name == "jsonschema_rs":
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):
                pass
        return None

sys.meta_path.insert(0, Interrupting())
try:
    with interrupts_handled():
        _compile({"type": "object"}, "test")
finally:
    print("imported" if "jsonschema_rs" in sys.modules else "not imported")
"""


def test_an_interrupt_waits_for_the_schema_engines_import() -> None:
    """Interrupted inside its first import, the schema engine's extension panics with a
    traceback of its own; the interrupt is held until the import is done, then ends the run."""
    process = start([], code=INTERRUPTED_IMPORT)
    out, err = process.communicate(timeout=TIMEOUT)
    assert (process.returncode, err.decode()) == (130, message(signal.SIGINT))
    assert out.decode().strip() == "imported"


IGNORING = """
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)  # started in the background: `artconv ... &`
from convert.cli import run
run()
"""


@needs_proc
def test_a_run_started_with_sigint_ignored_keeps_ignoring_it(tmp_path: Path) -> None:
    """A shell starts background jobs with SIGINT ignored, so that Ctrl-C at the terminal
    does not reach them: the run must not take it back; SIGTERM still ends it cleanly."""
    inputs = corpus(tmp_path / "c")
    process = start(["validate", *inputs], code=IGNORING)
    wait_for(partial(ready, process.pid, 1), "the run to be under way")
    os.kill(process.pid, signal.SIGINT)
    time.sleep(0.3)
    assert process.poll() is None
    assert stop(process, signal.SIGTERM) == (143, message(signal.SIGTERM))


def test_a_nested_run_leaves_interrupts_to_the_outer_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from convert.cli.interrupts import Interrupted, interrupts_handled

    with pytest.raises(SystemExit) as ended, interrupts_handled():
        handler = signal.getsignal(signal.SIGINT)
        with interrupts_handled():
            assert signal.getsignal(signal.SIGINT) is handler
            raise Interrupted(signal.SIGINT)
    assert ended.value.code == 130
    assert capsys.readouterr().err == "artconv: interrupted by SIGINT\n"


def test_the_alarm_handler_is_put_back_with_the_alarm_stopped_and_held(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once the command has caught its interrupt, SIGALRM gets its handler back (the default
    action, here) with our repeating alarm stopped and the signal held: the alarm had run on
    until after the swap, and one firing in between ended the process by SIGALRM, or, come
    just before, was reported by Python with a traceback as "ignored due to race
    condition"."""
    from convert.cli.interrupts import _raise_interrupted, _raise_pending, interrupts_handled

    swaps: list[tuple[bool, bool]] = []
    swap = signal.signal

    def watched(signum: int, handler: Any) -> Any:
        if signum == signal.SIGALRM and handler is not _raise_pending:
            held = signal.SIGALRM in signal.pthread_sigmask(signal.SIG_BLOCK, ())
            stopped = signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
            swaps.append((held, stopped))
        return swap(signum, handler)

    monkeypatch.setattr(signal, "signal", watched)
    with pytest.raises(SystemExit) as ended, interrupts_handled():
        _raise_interrupted(signal.SIGINT, None)  # as the signal would: the alarm is armed
    assert ended.value.code == 130
    assert capsys.readouterr().err == "artconv: interrupted by SIGINT\n"
    assert swaps == [(True, True)]
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL


SIGNALLED_AGAIN_AT_EXIT = """
import atexit, os, signal, sys, time
from convert.cli import interrupts, run

def again():  # the last exit handler to run: the interpreter's own shutdown comes next
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.2)

atexit.register(again)
install = interrupts._install

def install_then_interrupt():  # the signal waits, held, until the run is under way
    installed = install()
    os.kill(os.getpid(), signal.SIGINT)
    return installed

interrupts._install = install_then_interrupt
sys.argv = ["artconv", "rules"]
run()
"""


def test_a_second_signal_while_the_interrupted_program_exits_changes_nothing() -> None:
    """The handlers put back met a second Ctrl-C during the exit with a KeyboardInterrupt
    traceback, and the interpreter's shutdown with the signal's default action (-2)."""
    process = start([], code=SIGNALLED_AGAIN_AT_EXIT)
    assert ended(process, "the exit hung") == (130, message(signal.SIGINT))


def test_a_caller_that_goes_on_gets_its_handlers_back_after_an_interrupt() -> None:
    from convert.cli.interrupts import Interrupted, interrupts_handled

    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(SystemExit), interrupts_handled():
        raise Interrupted(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before


def test_an_interrupt_that_broke_an_import_still_ends_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C during the start-up imports can leave a module half made (Python 3.13's pathlib
    was, and importing the console module after it raised NameError): the message is then
    written without it, and the exit status is still the signal's."""
    from convert.cli import interrupts

    monkeypatch.setitem(sys.modules, "convert.cli.console", None)  # importing it fails
    with pytest.raises(SystemExit) as ended:
        interrupts._exit_interrupted(interrupts.Interrupted(signal.SIGINT))
    assert ended.value.code == 130
    assert capfd.readouterr().err == "artconv: interrupted by SIGINT\n"
