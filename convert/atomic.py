"""Writing output files so that a failure never leaves a half-written or missing file.

Output goes to a temporary file in the target's own folder (so the final rename never crosses a
file system), is flushed and fsynced, and then renamed over the target in one step. If anything
fails before the rename, the temporary file is removed and the previous output is untouched.
A block of writes may give up the fsyncs (``folder_syncs_deferred(durable=False)``, for
outputs that can be made again): each rename is still atomic for every reader and against the
run's own failure, but a power loss may leave recent outputs empty or missing.
A new file gets the usual permissions (0666 minus the umask); a replaced file keeps its mode,
its owner and group as far as the user may give them, and its extended attributes and ACL.

A symlink is followed first, so its target is replaced and the link stays a link. A target that
exists but is not a regular file (``/dev/stdout``, a FIFO, a terminal) cannot be replaced by a
rename without destroying it, so it is written directly: there is nothing to keep intact there.
Named by the user, a FIFO waits for its reader, as a shell's ``> fifo`` does. Where the name
was not the user's own choice (one output per record below a folder), waiting could last for
ever and a rename would take the FIFO from whoever made it: ``files_only`` refuses such a
target (:class:`NotRegularFileError`) without opening it.

A worker process ended by SIGTERM does not unwind, so it removes the files it has under way
(:func:`remove_in_flight`) before it ends. A process killed outright (SIGKILL, a power cut)
cannot remove its temporary file. So the name
carries the writer's host and process id (``.feed.xml.4711@build1.k2j9x.tmp``): the next write of
the same target removes the temporary files of its own host whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import socket
import stat
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from convert.file_kinds import special_kind
from convert.stop_signals import hold, release


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def process_gone(pid: int) -> bool:
    """Whether no process ``pid`` exists on this host (a live one owned by another user counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it exists, it is just not ours
        return False
    return False


@functools.cache
def _host() -> str:
    """This host's name as it may appear in a file name: read once a process (every output
    names its temporary file with it)."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", socket.gethostname())[:32] or "host"


TEMP_STEM_BYTES = 120
"""The most of a target's name a temporary name repeats: the rest of it (process, host, random
part) takes up to 55 bytes, and a name near the file system's 255 would otherwise make the
temporary name too long to create although the target's own name is not."""


def temp_prefix(stem: str) -> str:
    """The start of this process's temporary names for ``stem``: ``.stem.<pid>@<host>.``, the
    stem cut to :data:`TEMP_STEM_BYTES`."""
    encoded = os.fsencode(stem)
    if len(encoded) > TEMP_STEM_BYTES:
        cut = encoded[:TEMP_STEM_BYTES]
        try:
            stem.encode()
        except UnicodeEncodeError:  # not UTF-8: its bytes are kept, as the target's name has them
            stem = os.fsdecode(cut)
        else:  # a character cut in two is left out
            stem = cut.decode("utf-8", "ignore")
    return f".{stem}.{os.getpid()}@{_host()}."


_OWNED = re.compile(r"\..+\.(\d+)@([A-Za-z0-9_-]+)\.[a-z0-9_]+(?:\.tmp)?")


def left_by_dead_process(name: str) -> bool:
    """Whether ``name`` is a temporary name (see :func:`temp_prefix`) of a dead process here.

    Names of live processes or of other hosts (a shared folder) are not: their writer may still
    be running.
    """
    match = _OWNED.fullmatch(name)
    return match is not None and match[2] == _host() and process_gone(int(match[1]))


_SWEPT: set[Path] = set()
"""Folders this process has already swept: one listing per folder, however many files go there."""


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files that dead processes of this host left in ``folder``."""
    removed: list[Path] = []
    if folder in _SWEPT:
        return removed
    _SWEPT.add(folder)
    try:
        with os.scandir(folder) as scan:
            names = [e.name for e in scan if e.name.endswith(".tmp") and e.name.startswith(".")]
    except OSError:
        return removed
    for name in names:
        if left_by_dead_process(name):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
                removed.append(folder / name)
    return removed


_IN_FLIGHT: set[tuple[Path, str]] = set()
"""Folder and name prefix (:func:`temp_prefix`) of each temporary file this process is writing
now. Noted before the file is created: an interrupt can land inside ``mkstemp`` after it has
made the file and before its name is known."""


def remove_in_flight() -> None:
    """Remove the temporary files of the writes this process has under way: for a process
    about to end on a signal without unwinding (a worker process on SIGTERM)."""
    for folder, prefix in list(_IN_FLIGHT):
        _remove_temporary(folder, prefix)


def _remove_temporary(folder: Path, prefix: str) -> None:
    names: list[str] = []
    with contextlib.suppress(OSError), os.scandir(folder) as scan:
        names = [e.name for e in scan if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    for name in names:
        with contextlib.suppress(OSError):
            (folder / name).unlink()


SYNC_LOT = 32
"""Renames between two syncs of their folders in a long loop of writes
(``folder_syncs_deferred(every=SYNC_LOT)``)."""


@dataclass(eq=False)
class _Deferral:
    """One :func:`folder_syncs_deferred` block: the folders it owes a sync, and its renames.
    Blocks are told apart by identity (two may owe the same)."""

    every: int | None
    durable: bool = True
    folders: set[Path] = field(default_factory=set)
    renames: int = 0

    def sync(self) -> None:
        for folder in sorted(self.folders):
            _fsync_folder(folder)
        self.folders.clear()


_local = threading.local()


def _deferrals() -> list[_Deferral]:
    """This thread's open :func:`folder_syncs_deferred` blocks, innermost last."""
    stack: list[_Deferral] | None = getattr(_local, "deferrals", None)
    if stack is None:
        stack = _local.deferrals = []
    return stack


@contextlib.contextmanager
def folder_syncs_deferred(
    every: int | None = None, *, durable: bool | None = None
) -> Iterator[None]:
    """Within the block, each output's folder is fsynced once, when the block ends (and, with
    ``every``, after each ``every`` renames), rather than after each rename (0.15 to 0.2 ms a
    folder sync on a local disk, as long as writing a small output).

    Each file's data is still fsynced before its rename, so a crash never leaves a half-written
    file; a rename not yet made durable is at worst undone (the file before, or none). Callers
    end the block before they report the batch done. Per thread: threads that write in
    parallel defer only their own.

    ``durable=False`` gives up the fsyncs of files and folders alike within the block (about
    half a millisecond an output on a quiet local disk, several on a busy one), for outputs
    that can be made again; ``None`` keeps what the enclosing block chose (durable outside
    any)."""
    stack = _deferrals()
    deferral = _Deferral(every, _durable() if durable is None else durable)
    stack.append(deferral)
    try:
        yield
    finally:
        # Its own entry, not the innermost: a generator's block (fix_inputs) may end after a
        # block its consumer opened later.
        stack.remove(deferral)
        deferral.sync()


def _durable() -> bool:
    """Whether this thread's writes are fsynced, as its innermost block says."""
    stack = _deferrals()
    return stack[-1].durable if stack else True


def _sync_folder_of_rename(folder: Path) -> None:
    stack = _deferrals()
    if not stack:
        _fsync_folder(folder)
        return
    deferral = stack[-1]
    deferral.folders.add(folder)
    deferral.renames += 1
    if deferral.every and deferral.renames % deferral.every == 0:
        deferral.sync()


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class NotRegularFileError(OSError):
    """An output's name is taken by something that is not a regular file (a FIFO, a socket,
    a device, a folder), which a ``files_only`` write neither opens nor replaces."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EEXIST, f"{kind} stands at this name", path)
        self.kind = kind


@contextlib.contextmanager
def atomic_output(
    path: str | Path, *, durable: bool | None = None, files_only: bool = False
) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` only when the ``with`` block ends without error.

    ``durable`` (default: as the enclosing :func:`folder_syncs_deferred` block says, else
    true): whether the data and the rename are fsynced. ``files_only``: a target that is
    not a regular file is refused rather than written into.

    Raises:
        NotRegularFileError: with ``files_only``, the target is not a regular file.
        OSError: the folder cannot be written, or the rename fails.
    """
    given = Path(path)
    try:
        # Through the path as given: /dev/stdout on a pipe resolves to "pipe:[N]", no file.
        info: os.stat_result | None = given.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if files_only:
            raise NotRegularFileError(str(given), "a " + special_kind(info.st_mode))
        with given.open("wb") as direct:  # a device or FIFO: renaming over it would replace it
            yield direct
            direct.flush()
        return
    target = given.resolve()  # a symlink's target is what gets replaced, not the link
    folder = target.parent
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    remove_stale(folder)
    # Between creating the file and entering the block that removes it, an interrupt (SIGINT
    # or SIGTERM raising in this thread) would leave it behind: hold the signals until then.
    held = hold()
    writing = (folder, temp_prefix(target.name))
    _IN_FLIGHT.add(writing)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=writing[1], suffix=".tmp", dir=folder)
        stream = os.fdopen(fd, "wb")
    except BaseException as exc:
        _remove_temporary(*writing)  # an interrupt may have come once the file was made
        _IN_FLIGHT.discard(writing)
        release(held)
        if isinstance(exc, OSError):
            _name_target(exc, given, writing[1])
        raise
    temp = Path(temp_name)
    sync = _durable() if durable is None else durable
    try:
        release(held)  # a signal that came meanwhile raises here, where it is cleaned up
        with stream:
            yield stream
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        if info is not None:
            _keep_owner(temp, info)
        temp.chmod(mode)
        if info is not None:
            _keep_attributes(target, temp)
        temp.replace(target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            _name_target(exc, given, writing[1])
        raise
    finally:
        _IN_FLIGHT.discard(writing)
    if sync:
        _sync_folder_of_rename(folder)


def _keep_owner(temp: Path, info: os.stat_result) -> None:
    """Give the new file the owner and group of the one it replaces, as ``sed -i`` does:
    root fixing a user's record (or writing a web server's feed) had made it root's, which
    with mode 640 its owner could no longer read. Only root may give a file away; anyone
    may keep its group if they belong to it; else it stays as made."""
    chown = getattr(os, "chown", None)
    if chown is None or (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid in (info.st_uid, -1):
        try:
            chown(temp, uid, info.st_gid)
            return
        except OSError:
            continue


_ACCESS_ACL = "system.posix_acl_access"


def _keep_attributes(old: Path, new: Path) -> None:
    """Give the new file the extended attributes of the one it replaces (user notes, a
    backup tool's marks, the POSIX ACL, which Linux keeps as ``system.posix_acl_access``),
    as ``cp -a`` and ``sed -i`` keep them; and no ACL where the old file had none, though
    the folder's default ACL gave the new one an ACL when it was made.

    Best effort, one attribute at a time: a platform without extended attributes has none
    to keep, and a file system or a security module may refuse an attribute (``trusted.*``
    for a user who is not root, an SELinux label): the new text is written all the same,
    as it is by ``cp -a`` and ``sed -i``, which warn and go on. Set after the mode, which
    the ACL's mask entry replaces with the old file's own.
    """
    listxattr = getattr(os, "listxattr", None)
    if listxattr is None:
        return
    try:
        names = listxattr(old)
    except OSError:  # no attributes on this file system, or not ours to read
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(new, name, os.getxattr(old, name))
    if _ACCESS_ACL not in names:
        with contextlib.suppress(OSError):
            os.removexattr(new, _ACCESS_ACL)


def _name_target(exc: OSError, given: Path, prefix: str) -> None:
    """Have an error about the temporary file (``.a.json.<pid>@<host>.x.tmp``, a name the
    user never asked for) or about no file (a full disk) name the output it was for; one
    about another file keeps its name."""
    named = exc.filename
    if named is None or Path(os.fsdecode(named)).name.startswith(prefix):
        exc.filename = str(given)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_output(path) as stream:
        stream.write(data)
