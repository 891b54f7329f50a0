"""Odd files and odd outputs: FIFOs and unreadable folders while walking, stale temporary files
of killed runs, and standard output that is full or closed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from convert.atomic import remove_stale, temp_prefix, write_atomic
from convert.converters.feeds import order as feed_order
from convert.run.discovery import sorted_inputs
from tests.conftest import SEED_VALID

RECORD = SEED_VALID.read_bytes()


def artconv(
    *args: str, stdout: int | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        input=stdin,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )


@pytest.fixture
def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


# --- FIFOs and folders met while walking ------------------------------------------------------


def test_a_fifo_in_a_walked_folder_is_a_finding_and_never_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(RECORD)
    os.mkfifo(tmp_path / "b.md")  # reading it would wait for a writer forever
    result = artconv("validate", "--jobs", "2", str(tmp_path))
    lines = result.stdout.decode().splitlines()
    assert lines == [
        f"{tmp_path.as_posix()}/b.md:1:1: warning file/not-regular not a regular "
        "file (a FIFO): not read (hint: name it on the command line to read it, "
        "as - is read)"
    ]
    assert result.returncode == 0
    assert "in 2 files" in result.stderr.decode()


def test_a_named_fifo_and_dev_stdin_are_read_like_dash(tmp_path: Path) -> None:
    fifo = tmp_path / "named.md"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "convert", "validate", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    fifo.write_bytes(RECORD)  # opens for writing: returns once the run reads it
    out, _ = process.communicate(timeout=60)
    assert (process.returncode, out) == (0, b"")
    result = artconv("validate", "/dev/stdin", stdin=b"---\ntitle: [unclosed\n---\n")
    assert result.returncode == 1
    assert result.stdout.startswith(b"/dev/stdin:3:1: error yaml/syntax ")


def test_an_unreadable_folder_is_reported_as_a_folder_and_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from convert.cli import main

    (tmp_path / "a.md").write_bytes(RECORD)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_bytes(RECORD)
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path: str) -> object:  # root reads any folder, so refuse the way chmod 000 does
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    inputs = list(sorted_inputs([str(tmp_path)], [".md"]))
    assert [(i.relative, i.kind, i.is_file) for i in inputs] == [
        ("a.md", "file", True),
        ("locked/", "folder", False),
    ]
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.stdout == (
        f"{tmp_path.as_posix()}/locked:1:1: error file/unreadable cannot read the folder: "
        "Permission denied (hint: give the folder read and search permission, or leave it out)\n"
    )
    assert result.stderr == "1 error, 0 warnings in 1 file\n"
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "command", [["validate"], ["convert", "--to", "jsonl"], ["fix"], ["fix", "--diff"]]
)
def test_a_folder_whose_files_cannot_be_looked_at_ends_the_run_with_its_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # After a run with errors, the hint that names a site's profile looks for the site's
    # configuration in the folders walked: one without search permission (chmod 000) made
    # that look raise PermissionError, a traceback after the report.
    from click.testing import CliRunner

    from convert.cli import main

    (tmp_path / "a.md").write_bytes(b"---\ntitle: [unclosed\n---\n")
    (tmp_path / "locked").mkdir()
    locked = str(tmp_path / "locked")
    real_scandir, real_stat = os.scandir, os.stat

    def scandir(path: str) -> object:  # root reads any folder, so refuse the way chmod 000 does
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    def stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(locked + os.sep):
            raise PermissionError(13, "Permission denied", path)
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    result = CliRunner().invoke(main, [*command, str(tmp_path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "locked:1:1: error file/unreadable cannot read the folder" in result.output
    assert "a.md:3:1: error yaml/syntax" in result.output


# --- output names the file system refuses -----------------------------------------------------


def test_a_target_name_near_the_limit_is_written_atomically(tmp_path: Path) -> None:
    """The temporary name repeats the target's only in part, so a legal name stays writable."""
    name = "é" * 100 + "a" * 50 + ".json"  # 255 bytes: the most a name may have
    write_atomic(tmp_path / name, b"whole")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert (tmp_path / name).read_bytes() == b"whole"


def test_a_cut_temporary_name_is_still_known_as_this_process(tmp_path: Path) -> None:
    prefix = temp_prefix("é" * 127 + ".json")
    assert len(os.fsencode(prefix)) < 200 and prefix.startswith(".é")
    assert prefix.endswith(f".{os.getpid()}@{prefix.rsplit('@', 1)[1]}")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_name_too_long_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, jobs: str
) -> None:
    """``.md`` -> ``.json`` takes a 252-byte stem past the 255 a name may have: that record
    is not written, with an error naming it; the others are."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    long_name = "a" * 252 + ".md"
    for name in (long_name, "b.md", "c.md"):
        (inputs / name).write_bytes(RECORD)
    out = tmp_path / "out"
    result = artconv("convert", str(inputs), "--to", "json", "-o", str(out), "--jobs", jobs)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert sorted(p.name for p in out.iterdir()) == ["b.json", "c.json"]
    assert err.count("convert/output-name") == 1
    assert f"in/{long_name}:" in err and "a name of 257 bytes" in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_path_too_long_is_named_as_a_path(tmp_path: Path, jobs: str) -> None:
    """Each name fits, but -o's path and the input's folders together pass the 4,095 bytes a
    path may have: the finding says so, not that a short name is too long."""
    folders = "/".join(["d" * 200] * 15)
    (tmp_path / "in" / folders).mkdir(parents=True)
    (tmp_path / "in" / folders / "x.md").write_bytes(RECORD)
    (tmp_path / "in" / "y.md").write_bytes(RECORD)
    out = tmp_path.joinpath(*["o" * 200] * 6)
    out.mkdir(parents=True)
    target_bytes = len(os.fsencode(out / folders / "x.json"))
    assert target_bytes > 4095  # the case under test
    result = artconv("convert", str(tmp_path / "in"), "--to", "json", "-o", str(out), "-j", jobs)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert [p.name for p in out.iterdir()] == ["y.json"]
    assert err.count("convert/output-name") == 1
    assert f"(a path of {target_bytes} bytes; most take 4,095)" in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_contested_output_name_too_long_is_refused_for_each_claimant(
    tmp_path: Path, jobs: str
) -> None:
    """Two inputs claim one output: a worker tries the first, the run's own process the
    second (it settles contested outputs); the name fails both, each with its finding."""
    stem = "a" * 251  # .txt: 255 bytes, .json: 256
    for suffix in (".md", ".txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{stem}{suffix}").write_bytes(RECORD)
    out = tmp_path / "out"
    result = artconv("convert", str(tmp_path / "in"), "--to", "json", "-o", str(out), "-j", jobs)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.count("convert/output-name") == 2 and "output-clash" not in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_or_folder_at_an_output_name_is_a_finding_and_the_run_goes_on(
    tmp_path: Path, jobs: str
) -> None:
    """Writing into a FIFO nobody reads would wait forever, and renaming over it would take
    it from whoever made it: the record is refused with a finding naming the output, and
    the FIFO (or folder) is left as it was."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (inputs / name).write_bytes(RECORD)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "a.json")
    (out / "c.json").mkdir()
    result = artconv("convert", str(inputs), "--to", "json", "-o", str(out), "--jobs", jobs)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err.count("convert/output-not-regular") == 2, err
    assert f"{out.as_posix()}/a.json is a FIFO" in err
    assert f"{out.as_posix()}/c.json is a folder" in err
    assert stat.S_ISFIFO((out / "a.json").lstat().st_mode) and (out / "c.json").is_dir()
    assert (out / "b.json").is_file()
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]


# --- temporary files of killed runs -----------------------------------------------------------


def test_temporary_names_carry_the_process_id() -> None:
    assert temp_prefix("feed.xml").startswith(f".feed.xml.{os.getpid()}@")


def test_a_later_write_removes_temporary_files_of_dead_processes(
    tmp_path: Path, dead_pid: int
) -> None:
    prefix = temp_prefix("feed.xml").replace(f".{os.getpid()}@", f".{dead_pid}@")
    stale = tmp_path / f"{prefix}k2j9x0ab.tmp"
    live = tmp_path / f"{temp_prefix('feed.xml')}zz9x0abc.tmp"  # this process: still running
    other_host = tmp_path / f".feed.xml.{dead_pid}@elsewhere.k2j9x0ab.tmp"
    unrelated = tmp_path / ".feed.xml.notes.tmp"
    for path in (stale, live, other_host, unrelated):
        path.write_text("partial")
    write_atomic(tmp_path / "feed.xml", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [live.name, other_host.name, unrelated.name, "feed.xml"]
    )
    assert remove_stale(tmp_path) == []  # each folder is swept once per process


def test_a_long_name_not_in_utf_8_keeps_its_temporary_files_known(
    tmp_path: Path, dead_pid: int
) -> None:
    """A Latin-1 name cut to fit keeps its bytes: read as UTF-8 they were all left out, and a
    temporary name with no stem (``..4711@host.x.tmp``) was never known as a dead writer's."""
    name = os.fsdecode("é".encode("latin-1") * 130 + b".json")
    prefix = temp_prefix(name)
    assert os.fsencode(prefix).startswith(b"." + "é".encode("latin-1") * 120 + b".")
    stale = tmp_path / (prefix.replace(f".{os.getpid()}@", f".{dead_pid}@") + "k2j9x0ab.tmp")
    stale.write_bytes(b"partial")
    write_atomic(tmp_path / name, b"whole")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_later_spill_removes_spill_folders_of_dead_processes(
    tmp_path: Path, dead_pid: int
) -> None:
    mine = temp_prefix(feed_order.SPILL_NAME)
    stale = tmp_path / (mine.replace(f".{os.getpid()}@", f".{dead_pid}@") + "abcd1234")
    live = tmp_path / (mine + "abcd1234")
    for folder in (stale, live):
        folder.mkdir()
        (folder / "0.run").write_bytes(b"x")
    assert feed_order.remove_stale_spills(str(tmp_path)) == [stale]
    assert [p.name for p in tmp_path.iterdir()] == [live.name]


def test_an_interrupted_first_pass_removes_the_spill_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.converters.feeds import rss
    from convert.converters.feeds.items import Item, build_item
    from convert.converters.feeds.settings import FeedSettings
    from convert.loading import loads

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    record = loads(RECORD, path="a.md")

    item = build_item(record, FeedSettings.from_options({}), lambda d: None)
    assert item is not None

    def items() -> Iterator[Item]:
        for n in range(50):
            yield item._replace(id=str(n))
        assert [p.name[:14] for p in tmp_path.iterdir()] == [".artconv-sort."]  # it spilled
        raise KeyboardInterrupt  # what Ctrl-C raises mid-run

    with pytest.raises(KeyboardInterrupt):
        feed_order.FeedOrder(items(), lambda d: None, run_bytes=2048, render=rss._render)
    assert list(tmp_path.iterdir()) == []


class Stop(BaseException):
    """What the tests' SIGINT handler raises (an interrupt raised again, as the command line's
    redelivery does)."""


@pytest.fixture
def sigint_stops() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):
        pytest.skip("needs signal masks")

    def stop(signum: int, frame: object) -> None:
        raise Stop

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupting(removal: Callable[..., None]) -> Callable[..., None]:
    """``removal`` with a SIGINT sent to this thread as it starts: it lands amid the
    removal unless the removal holds it."""

    def interrupted(*args: object) -> None:
        # To this thread: a signal sent to the process may go to a thread an earlier test
        # left running, which does not hold it (the command line's own threads do).
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        removal(*args)

    return interrupted


def test_an_interrupt_during_a_finished_sorts_clean_up_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sigint_stops: None
) -> None:
    """A lost interrupt is raised again wherever the run is, the normal path's clean-up
    included: the spill folder's removal must not be cut in two by it."""
    from convert.converters.feeds import rss
    from convert.converters.feeds.items import build_item
    from convert.converters.feeds.settings import FeedSettings
    from convert.loading import loads

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    item = build_item(loads(RECORD, path="a.md"), FeedSettings.from_options({}), lambda d: None)
    assert item is not None
    order = feed_order.FeedOrder(
        (item._replace(id=str(n)) for n in range(50)),
        lambda d: None,
        run_bytes=2048,
        render=rss._render,
    )
    assert order._spill is not None
    spill_dir = order._spill._dir
    monkeypatch.setattr(spill_dir, "cleanup", _interrupting(spill_dir.cleanup))
    with pytest.raises(Stop), order:
        assert len(list(order)) == 50
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_after_an_upload_leaves_no_staged_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sigint_stops: None
) -> None:
    import tempfile

    from convert.run import urls

    uploaded: list[str] = []
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setattr(urls, "write_url", lambda url, data: uploaded.append(url))
    removal = _interrupting(tempfile.TemporaryDirectory.cleanup)
    monkeypatch.setattr(tempfile.TemporaryDirectory, "cleanup", removal)
    with pytest.raises(Stop), urls.staged_output("s3://bucket/out", collection=False) as staged:
        (staged.path / "a.json").write_bytes(b"{}")
    assert uploaded == ["s3://bucket/out/a.json"]
    assert list(tmp_path.iterdir()) == []


# --- standard output that cannot be written ---------------------------------------------------

COMMANDS = [
    ("validate",),  # nothing but paths: the run that does not go through click
    ("validate", "-f", "text"),
    ("validate", "-f", "json"),
    ("validate", "-f", "github"),
    ("validate", "-f", "sarif"),
    ("convert", "--to", "jsonl"),
    ("convert", "--to", "rss"),
    ("rules",),
    ("rules", "--json"),
    ("schema",),
    ("formats",),
    ("--help",),  # the group's own options print while the command line is parsed
    ("--version",),
    ("convert", "--help"),  # a command's own, while its part of the line is parsed
    ("fix", "--diff", "--unsafe-fixes"),
    ("profiles",),
    ("profile", "show", "hugo"),
    ("import", "--format", "json"),
]


@pytest.fixture(scope="module")
def findings_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Records with findings, so every report has something to write."""
    folder = tmp_path_factory.mktemp("corpus")
    broken = RECORD.replace(b"webUrl", b"webUrI")
    for n in range(300):
        (folder / f"{n:03d}.md").write_bytes(broken)
    items = "".join(f"<item><title>{n}</title></item>" for n in range(300))  # no link, no date
    (folder / "feed.xml").write_text(f"<rss><channel><title>F</title>{items}</channel></rss>")
    return folder


def args_for(command: tuple[str, ...], corpus: Path) -> list[str]:
    if command[0] == "import":
        return [*command, str(corpus / "feed.xml"), "-o", str(corpus.parent / "imported")]
    if command[0] in ("validate", "convert", "fix") and "--help" not in command:
        return [*command, str(corpus)]
    return list(command)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_full_standard_output_is_one_line_and_exit_2(
    command: tuple[str, ...], findings_corpus: Path
) -> None:
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        result = artconv(*args_for(command, findings_corpus), stdout=full.fileno())
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "Error: cannot write standard output: No space left on device\n" in err
    assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_quietly(command: tuple[str, ...], findings_corpus: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone, like `| head -1` after its line
    try:
        result = artconv(*args_for(command, findings_corpus), stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, b"")


@pytest.mark.parametrize("command", [["validate"], ["convert", "--to", "jsonl"], ["fix"]])
def test_a_named_socket_is_said_to_be_one(tmp_path: Path, command: list[str]) -> None:
    # Opening a socket fails with ENXIO, "No such device or address", about a file that is
    # plainly there.
    import socket

    path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = artconv(*command, str(path))
    shown = result.stdout if command != ["convert", "--to", "jsonl"] else result.stderr
    assert (
        f"{path.as_posix()}:1:1: error file/unreadable cannot read the file: it is a socket, "
        "not a file"
    ).encode() in shown
    assert result.returncode == 1


def _closed_stdout(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``artconv ARGS >&-``: the program starts with no standard output at all."""
    return subprocess.run(
        [sys.executable, "-m", "convert", *args],
        input=stdin,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "BAD"],
        ["validate", "--format", "json", "BAD"],
        ["convert", "--to", "jsonl", "GOOD"],
        ["fix", "--diff", "FIXABLE"],
        ["rules"],
    ],
)
def test_a_closed_standard_output_is_an_error_when_there_is_something_to_write(
    tmp_path: Path, args: list[str]
) -> None:
    # Python starts with sys.stdout None when descriptor 1 is closed: every command ended in
    # a traceback (AttributeError) and exit 1, the status of findings.
    paths = {"BAD": b"---\ntitle: [unclosed\n---\n", "GOOD": RECORD}
    paths["FIXABLE"] = RECORD.replace(b'title: "', b'title: NO\nx: "', 1)
    for name, data in paths.items():
        (tmp_path / f"{name}.md").write_bytes(data)
    given = [str(tmp_path / f"{a}.md") if a in paths else a for a in args]
    result = _closed_stdout(*given)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert result.stderr.splitlines()[-1] == (
        b"Error: cannot write standard output: Bad file descriptor"
    )
    assert result.returncode == 2


def test_a_closed_standard_output_is_no_matter_with_nothing_to_write(tmp_path: Path) -> None:
    # And no file opened later takes its descriptor, where a stray write would land in it.
    (tmp_path / "a.md").write_bytes(RECORD)
    feed = tmp_path / "feed.xml"
    result = _closed_stdout("validate", str(tmp_path / "a.md"))
    assert (result.returncode, result.stderr) == (0, b"")
    result = _closed_stdout("convert", "--to", "rss", str(tmp_path / "a.md"), "-o", str(feed))
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert feed.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("command", [["validate", "-"], ["convert", "--to", "jsonl", "-"]])
def test_a_closed_standard_input_reads_as_empty(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "convert", *command],
        capture_output=True,
        preexec_fn=lambda: os.close(0),
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert b"<stdin>" in result.stdout + result.stderr
    assert result.returncode in (0, 1)


@pytest.mark.parametrize(
    "command",
    [["validate"], ["validate", "--fix"], ["convert", "--to", "jsonl"], ["fix"], ["fix", "--diff"]],
)
def test_a_named_path_the_system_cannot_look_at_is_a_finding(
    tmp_path: Path, command: list[str]
) -> None:
    # A name longer than the file system takes (or one in a folder without search
    # permission) made the look at whether it is a folder raise: a traceback, no report.
    (tmp_path / "a.md").write_bytes(RECORD)
    long = tmp_path / ("x" * 300 + ".md")
    result = artconv(*command, str(long), str(tmp_path / "a.md"))
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    shown = result.stderr if command[0] == "convert" else result.stdout + result.stderr
    finding = f"{long.as_posix()}:1:1: error file/unreadable cannot read the file: "
    assert (finding + "File name too long").encode() in shown
    assert result.returncode == 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "BAD"], 1),
        (["convert", "--to", "jsonl", "BAD"], 0),
        (["fix", "--diff", "BAD"], 1),
    ],
)
def test_a_closed_standard_error_leaves_the_output_and_the_status(
    tmp_path: Path, args: list[str], code: int
) -> None:
    # With descriptor 2 closed, sys.stderr was None: the progress check and the findings on
    # standard error raised AttributeError, nothing reached standard output, and exit was 1.
    bad = tmp_path / "BAD.md"
    bad.write_bytes(RECORD.replace(b'title: "', b'title: NO\nx: "', 1))
    given = [str(bad) if a == "BAD" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-m", "convert", *given],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
        timeout=60,
        check=False,
    )
    assert result.returncode == code
    assert result.stdout  # the findings, the record or the diff
