"""Writing output files so that a failure never leaves a half-written or missing file.

Output goes to a temporary file in the target's own folder (so the final rename never crosses a
file system), is flushed and fsynced, and then renamed over the target in one step. If anything
fails before the rename, the temporary file is removed and the previous output is untouched.
A new file gets the usual permissions (0666 minus the umask); a replaced file keeps its mode.

A symlink is followed first, so its target is replaced and the link stays a link. A target that
exists but is not a regular file (``/dev/stdout``, a FIFO, a terminal) cannot be replaced by a
rename without destroying it, so it is written directly: there is nothing to keep intact there.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder, so best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` only when the ``with`` block ends without error.

    Raises:
        OSError: the folder cannot be written, or the rename fails.
    """
    target = Path(path).resolve()  # a symlink's target is what gets replaced, not the link
    folder = target.parent
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with target.open("wb") as direct:  # a device or FIFO: renaming over it would replace it
            yield direct
            direct.flush()
        return
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(mode)
        temp.replace(target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_output(path) as stream:
        stream.write(data)
