"""The atomic writer: all or nothing, and the previous output survives a failure."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from convert import atomic
from convert.atomic import NotRegularFileError, atomic_output, write_atomic


def test_writes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_failure_keeps_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half a fee")
        raise RuntimeError("converter crashed")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_keeps_the_mode_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"x")
    target.chmod(0o640)
    write_atomic(target, b"y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")
    write_atomic(link, b"new")
    assert link.is_symlink() and (tmp_path / "made.json").read_bytes() == b"new"


def test_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    """Like ``-o /dev/stdout``: a rename would turn the special file into a regular one."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_files_only_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    """Opening a FIFO nobody reads would wait for ever: the refusal comes first (this test
    would hang, not fail, were the FIFO opened)."""
    fifo = tmp_path / "a.json"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError) as refused, atomic_output(fifo, files_only=True):
        pytest.fail("the block must not run")
    assert (refused.value.kind, refused.value.filename) == ("a FIFO", str(fifo))
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_dev_stdout_on_a_pipe_is_written_to(tmp_path: Path) -> None:
    """``-o /dev/stdout`` in a pipeline: the link's own target (``pipe:[N]``) names no file,
    so the pipe it stands for is what is written, not a temporary file beside that name."""
    read_end, write_end = os.pipe()
    try:
        write_atomic(f"/proc/self/fd/{write_end}", b"<rss/>")
        assert os.read(read_end, 100) == b"<rss/>"
    finally:
        os.close(read_end)
        os.close(write_end)


def test_an_interrupt_once_the_temporary_file_is_made_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal noted before the write held the signals runs its handler at the next line of
    Python, which can be inside ``mkstemp``, after it made the file and before its name is
    returned."""
    import tempfile

    made = tempfile.mkstemp

    def interrupted(**kwargs: str) -> tuple[int, str]:
        fd, _ = made(**kwargs)
        os.close(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, "mkstemp", interrupted)
    (tmp_path / "feed.xml").write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt), atomic_output(tmp_path / "feed.xml"):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_remove_in_flight_removes_the_files_being_written(tmp_path: Path) -> None:
    """What a worker ending on SIGTERM calls: the files under way go, the written ones stay.
    (The worker then ends; a writer that went on would find its temporary file gone.)"""
    from convert.atomic import remove_in_flight

    write_atomic(tmp_path / "done.txt", b"done")
    with pytest.raises(FileNotFoundError), atomic_output(tmp_path / "page.txt") as stream:
        stream.write(b"half a page")
        assert len(list(tmp_path.iterdir())) == 2
        remove_in_flight()
        assert [p.name for p in tmp_path.iterdir()] == ["done.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["done.txt"]


def _recorded_syncs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    synced: list[Path] = []
    monkeypatch.setattr(atomic, "_fsync_folder", synced.append)
    return synced


def test_each_rename_is_synced_unless_the_syncs_are_deferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = _recorded_syncs(monkeypatch)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_atomic(tmp_path / "a" / "one.txt", b"1")
    assert synced == [(tmp_path / "a").resolve()]
    synced.clear()
    with atomic.folder_syncs_deferred():
        for name in ("a/two.txt", "b/three.txt", "a/four.txt"):
            write_atomic(tmp_path / name, b"x")
        assert synced == []  # not yet: once each, when the block ends
    assert sorted(synced) == [(tmp_path / "a").resolve(), (tmp_path / "b").resolve()]
    assert (tmp_path / "a" / "four.txt").read_bytes() == b"x"


def test_deferred_syncs_are_made_when_the_block_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = _recorded_syncs(monkeypatch)
    with pytest.raises(KeyboardInterrupt), atomic.folder_syncs_deferred():
        write_atomic(tmp_path / "done.txt", b"x")
        raise KeyboardInterrupt
    assert synced == [tmp_path.resolve()]


def test_a_thread_defers_only_its_own_syncs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = _recorded_syncs(monkeypatch)
    other = tmp_path / "other"
    other.mkdir()
    with atomic.folder_syncs_deferred():
        thread = threading.Thread(target=write_atomic, args=(other / "t.txt", b"x"))
        thread.start()
        thread.join()
        assert synced == [other.resolve()]  # the other thread synced at once
        write_atomic(tmp_path / "mine.txt", b"x")
        assert synced == [other.resolve()]
    assert synced == [other.resolve(), tmp_path.resolve()]


def test_a_workers_chunk_syncs_each_folder_once_before_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.run.pool import _map_chunk

    synced = _recorded_syncs(monkeypatch)

    def write(name: str) -> int:
        write_atomic(tmp_path / name, name.encode())
        return len(synced)

    assert _map_chunk(write, ["1.txt", "2.txt", "3.txt"]) == [0, 0, 0]
    assert synced == [tmp_path.resolve()]


def test_one_process_writing_records_syncs_each_folder_once_a_lot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.atomic import SYNC_LOT
    from convert.converters import get_converter
    from convert.converters.writing import write_each
    from convert.record import Record, Source

    synced = _recorded_syncs(monkeypatch)
    records = [
        (Record({"title": f"Story {n}"}, "Text.", Source(f"{n}.md", "yaml")), f"{n}.md")
        for n in range(SYNC_LOT + 3)
    ]
    written = write_each(records, get_converter("json"), tmp_path, lambda d: None, lambda p: False)
    assert written == SYNC_LOT + 3
    assert synced == [tmp_path.resolve()] * 2  # after the first lot, and at the end
    synced.clear()
    write_atomic(tmp_path / "after.json", b"x")  # outside a block: synced at once
    assert synced == [tmp_path.resolve()]


def test_an_import_syncs_its_folder_once_a_lot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.atomic import SYNC_LOT
    from convert.importers.existing import FolderIndex
    from convert.importers.reading import read_feed
    from convert.importers.writing import write_entries

    items = "".join(
        f"<item><title>Story {n}</title><link>https://example.com/{n}</link>"
        f"<description>Text {n}.</description></item>"
        for n in range(SYNC_LOT + 2)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    source = tmp_path / "feed.xml"
    source.write_text(feed, encoding="utf-8")
    out = tmp_path / "posts"
    out.mkdir()
    synced = _recorded_syncs(monkeypatch)
    entries = read_feed(str(source))
    tally = write_entries(entries, FolderIndex(out), "feed.xml", update=False, emit=print)
    assert tally.written == SYNC_LOT + 2
    assert synced == [out.resolve()] * 2


def test_a_fix_syncs_its_folder_once_a_lot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from convert.atomic import SYNC_LOT
    from convert.cli import main

    posts = tmp_path / "posts"
    posts.mkdir()
    for n in range(SYNC_LOT + 2):  # a title YAML reads as a boolean: quoted by the fix
        (posts / f"{n:03}.md").write_text(f"---\ntitle: NO\nexcerpt: Story {n}.\n---\nText.\n")
    synced = _recorded_syncs(monkeypatch)
    CliRunner().invoke(main, ["fix", str(posts)])
    assert all(p.read_text().startswith('---\ntitle: "NO"') for p in posts.iterdir())
    assert synced == [posts.resolve()] * 2  # after the first lot, and at the end


def test_a_block_that_ends_after_one_opened_later_ends_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generator's block ends when the generator does, which may be after a block its
    consumer opened meanwhile has ended: each block keeps and syncs its own folders."""
    synced = _recorded_syncs(monkeypatch)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()

    def writes() -> Iterator[None]:
        with atomic.folder_syncs_deferred():
            yield
            write_atomic(first / "late.txt", b"x")
            yield

    generator = writes()
    with atomic.folder_syncs_deferred():
        write_atomic(second / "mine.txt", b"x")
        next(generator)  # the generator's block opens inside this one and outlives it
    assert synced == [second.resolve()]
    next(generator)
    generator.close()
    assert synced == [second.resolve(), first.resolve()]
    write_atomic(first / "after.txt", b"x")  # no block left open: synced at once
    assert synced == [second.resolve(), first.resolve(), first.resolve()]


def test_the_host_name_is_read_once_however_many_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    asked: list[int] = []

    def gethostname() -> str:
        asked.append(1)
        return "build.example"

    monkeypatch.setattr(socket, "gethostname", gethostname)
    atomic._host.cache_clear()
    try:
        for n in range(3):
            write_atomic(tmp_path / f"{n}.txt", b"x")
        assert atomic.temp_prefix("a.txt").endswith("@build-example.")
        assert len(asked) == 1
    finally:
        atomic._host.cache_clear()


def _recorded_file_syncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The descriptors fsynced for a file's data (folders go through ``_fsync_folder``)."""
    synced: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", synced.append)
    return synced


def test_a_block_that_is_not_durable_syncs_neither_files_nor_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _recorded_syncs(monkeypatch)
    files = _recorded_file_syncs(monkeypatch)
    with atomic.folder_syncs_deferred(durable=False):
        write_atomic(tmp_path / "one.txt", b"1")
        with atomic.folder_syncs_deferred(every=1):  # an inner block keeps the choice
            write_atomic(tmp_path / "two.txt", b"2")
    assert (folders, files) == ([], [])
    assert (tmp_path / "two.txt").read_bytes() == b"2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.txt", "two.txt"]
    write_atomic(tmp_path / "three.txt", b"3")  # outside it, durable again
    assert len(files) == 1 and folders == [tmp_path.resolve()]


def test_a_write_may_say_for_itself_whether_it_is_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _recorded_syncs(monkeypatch)
    files = _recorded_file_syncs(monkeypatch)
    with atomic_output(tmp_path / "quick.txt", durable=False) as stream:
        stream.write(b"x")
    assert (folders, files) == ([], [])
    with (
        atomic.folder_syncs_deferred(durable=False),
        atomic_output(tmp_path / "kept.txt", durable=True) as stream,
    ):
        stream.write(b"y")
    assert len(files) == 1 and folders == [tmp_path.resolve()]


def test_an_undurable_write_that_fails_still_keeps_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"before")
    with pytest.raises(RuntimeError), atomic_output(target, durable=False) as stream:
        stream.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failure_to_write_names_the_target_not_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "cannot write out/.a.json.4982@host.ffee3o7f.tmp" named a file the user never asked
    # for, and a full disk (no file named at all) named only the -o folder.
    import errno
    import tempfile

    target = tmp_path / "a.json"
    with pytest.raises(OSError) as caught, atomic_output(target) as stream:
        stream.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(target)
    assert caught.value.errno == errno.ENOSPC

    def refused(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}x8f3{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(PermissionError) as denied, atomic_output(target):
        pass
    assert denied.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_about_another_file_keeps_its_name(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught, atomic_output(tmp_path / "a.json"):
        raise FileNotFoundError(2, "No such file or directory", str(tmp_path / "input.md"))
    assert caught.value.filename == str(tmp_path / "input.md")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root gives files away"
)
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    # As sed -i keeps them: root fixing a user's record (or writing a web server's feed) had
    # made it root's, and with mode 640 its owner could no longer read it.
    target = tmp_path / "post.md"
    target.write_bytes(b"old")
    os.chown(target, 65534, 65534)
    target.chmod(0o640)
    write_atomic(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert target.read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "chown"), reason="no owners to keep")
def test_a_user_who_cannot_give_the_file_away_keeps_its_group_if_it_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "post.md"
    target.write_bytes(b"old")
    info = target.stat()
    owner, group = info.st_uid + 1, info.st_gid + 1  # as if another's, in a group of ours
    real_stat = Path.stat

    def seen(self: Path, **kwargs: bool) -> os.stat_result:
        got = real_stat(self, **kwargs)
        if self == target:
            fields = list(got)
            fields[4:6] = [owner, group]
            return os.stat_result(fields)
        return got

    calls: list[tuple[int, int]] = []

    def chown(path: object, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        if uid != -1:
            raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(Path, "stat", seen)
    monkeypatch.setattr(os, "chown", chown)
    write_atomic(target, b"new")
    assert calls == [(owner, group), (-1, group)]
    assert target.read_bytes() == b"new"


def _xattrs_or_skip(path: Path) -> None:
    """Skip where this platform or file system keeps no extended attributes."""
    if not hasattr(os, "setxattr"):
        pytest.skip("no extended attributes on this platform")
    try:
        os.setxattr(path, "user.probe", b"1")
        os.removexattr(path, "user.probe")
    except OSError as exc:
        pytest.skip(f"this file system keeps no user attributes: {exc}")


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX access ACL as Linux stores it in ``system.posix_acl_access``: version 2, then
    (tag, permissions, id) entries in tag order."""
    import struct

    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


_ANY = 0xFFFFFFFF  # the id of an entry that names no one (owner, group, mask, other)
# rw- owner, rw- for user 4321, r-- group, rw- mask, --- other
_SHARED = _acl((0x01, 6, _ANY), (0x02, 6, 4321), (0x04, 4, _ANY), (0x10, 6, _ANY), (0x20, 0, _ANY))


def test_a_replaced_file_keeps_its_extended_attributes_and_acl(tmp_path: Path) -> None:
    """Only the mode and owner were copied: an xattr (a note, a Finder tag, a backup
    tool's mark) and the POSIX ACL that shared the file with a colleague were gone."""
    target = tmp_path / "post.md"
    target.write_bytes(b"old")
    _xattrs_or_skip(target)
    os.setxattr(target, "user.note", b"keep")
    os.setxattr(target, "user.empty", b"")
    try:
        os.setxattr(target, "system.posix_acl_access", _SHARED)
    except OSError as exc:
        pytest.skip(f"this file system keeps no POSIX ACLs: {exc}")
    mode = stat.S_IMODE(target.stat().st_mode)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.getxattr(target, "user.note") == b"keep"
    assert os.getxattr(target, "user.empty") == b""
    assert os.getxattr(target, "system.posix_acl_access") == _SHARED
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_an_attribute_the_new_file_refuses_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "post.md"
    target.write_bytes(b"old")
    _xattrs_or_skip(target)
    os.setxattr(target, "user.a", b"1")
    os.setxattr(target, "user.b", b"2")
    real = os.setxattr

    def refuse_a(path: object, name: str, value: bytes, *args: object, **kwargs: object) -> None:
        if name == "user.a":
            raise OSError(95, "Operation not supported", str(path))
        real(path, name, value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "setxattr", refuse_a)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listxattr(target) == ["user.b"]


def test_a_file_without_an_acl_gets_none_from_its_folder(tmp_path: Path) -> None:
    """A folder's default ACL is for files made there: the file replaced had none, so its
    new text does not start sharing it."""
    target = tmp_path / "post.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    _xattrs_or_skip(target)
    try:
        os.setxattr(tmp_path, "system.posix_acl_default", _SHARED)
    except OSError as exc:
        pytest.skip(f"this file system keeps no POSIX ACLs: {exc}")
    write_atomic(target, b"new")
    assert "system.posix_acl_access" not in os.listxattr(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
