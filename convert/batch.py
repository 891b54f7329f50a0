"""The inputs of a run and mapping work over them, in order, on one or more cores.

Folders are walked by :mod:`convert.run.discovery`. Work runs in worker processes when
``jobs > 1``; results come back in input order so output stays stable.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Generator, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from convert.values import Value

T = TypeVar("T")
R = TypeVar("R")


class Input(Value):
    """One file of a run: where to read it, how to name it, and where it sits in its tree.

    ``relative`` is the path below the directory argument it was found in (the file name for
    files given directly); converters that write one file per record mirror it. ``kind`` is
    ``"file"`` for what is read, ``"folder"`` for a folder that could not be listed, and the
    kind of a special file met while walking (``"FIFO"``, ``"socket"``, ``"device"``): those
    are reported, never read, since reading a FIFO nobody writes would wait forever.
    """

    __slots__ = ("display", "kind", "path", "relative")
    path: str
    display: str
    relative: str
    kind: str

    def __init__(
        self,
        path: str,
        display: str,
        relative: str,
        kind: str = "file",
    ) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "display", display)
        put(self, "relative", relative)
        put(self, "kind", kind)

    @property
    def is_file(self) -> bool:
        """Whether this input counts as a file of the run (an unlistable folder does not)."""
        return self.kind != "folder"


def _excluded(relative: str, patterns: Sequence[str]) -> bool:
    """Whether a glob matches ``relative`` or, for a compressed file, its name inside: a user
    who excludes ``*.html`` means pages, ``page.html.gz`` as well, and ``*.gz`` still names
    the compressed ones."""
    if not patterns:
        return False
    # Here, not at the top: the loading package is no part of a start (artconv --version).
    from convert.loading.compressed import inner_name

    inner = inner_name(relative)
    names = (relative,) if inner == relative else (relative, inner)
    return any(fnmatch.fnmatch(name, p) for p in patterns for name in names)


def file_identity(path: str | Path) -> tuple[int, int] | None:
    """Device and inode of an existing file, the same for every spelling of it and its links."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple[Any, ...] = (),
    chunk: int = 32,
) -> Generator[R, None, None]:
    """``map(func, items)`` in input order, on ``jobs`` worker processes when above one.

    Items go to the workers in chunks of ``chunk``, a few chunks per worker ahead of the one
    being read, and a new chunk is sent as each finished one is taken: the workers never wait
    for the caller between windows, and a huge batch never sits in memory. ``func`` and
    ``initializer`` must be importable top-level functions, and ``func`` may run more than
    once on an item: the chunks in flight when a worker dies are sent again
    (:mod:`convert.run.pool`).

    Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only this process should
    act on it. When the caller stops early (an interrupt, an error, ``close()``), pending work is
    cancelled and the pool shut down before the exception goes on; callers close the iterator
    (``contextlib.closing``) so that this happens at once, not when it is garbage-collected.

    Raises:
        WorkerLostError: workers kept dying on the same chunk (``convert.run.pool``).
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    from convert.run.pool import map_on_workers  # only runs with workers pay for the pool

    yield from map_on_workers(
        func, items, jobs=jobs, initializer=initializer, initargs=initargs, chunk=chunk
    )
