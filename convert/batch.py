"""Finding the files of a run and mapping work over them, in order, on one or more cores.

Directories are walked recursively (hidden folders skipped, files filtered by extension);
files named explicitly are always taken. Work runs in worker processes when ``jobs > 1``;
results come back in input order so output stays stable.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

STDIN = "-"

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Input:
    """One file of a run: where to read it, how to name it, and where it sits in its tree.

    ``relative`` is the path below the directory argument it was found in (the file name for
    files given directly); converters that write one file per record mirror it.
    """

    path: str
    display: str
    relative: str


def iter_inputs(paths: Iterable[str], extensions: Sequence[str],
                exclude: Sequence[str] = ()) -> Iterator[Input]:
    """Every input named by ``paths``, directories expanded, in a stable order.

    A path that does not exist is still yielded: reading it gives a clear finding, and the
    rest of the batch goes on.
    """
    wanted = tuple(e.lower() for e in extensions)
    stdin_seen = False
    for raw in paths:
        if raw == STDIN:
            if not stdin_seen:  # standard input can be read only once
                yield Input(STDIN, "<stdin>", "stdin")
            stdin_seen = True
            continue
        root = Path(raw)
        if root.is_dir():
            prefix = "" if root.as_posix() == "." else root.as_posix().rstrip("/") + "/"
            for relative in _walk(str(root), "", set()):
                if relative.endswith("/"):
                    folder = (prefix + relative).rstrip("/") or root.as_posix()
                    yield Input(folder, folder, relative)
                    continue
                if not relative.lower().endswith(wanted) or _excluded(relative, exclude):
                    continue
                yield Input(prefix + relative, prefix + relative, relative)
        else:
            yield Input(raw, root.as_posix(), root.name)


def _walk(folder: str, relative: str, seen: set[tuple[int, int]]) -> Iterator[str]:
    """Relative posix paths of the files below ``folder``: sorted, hidden folders skipped.

    Linked folders are followed once each (``seen`` holds device and inode), so a link loop
    ends. A folder that cannot be listed is yielded itself: reading it gives a clear finding.
    """
    try:
        info = Path(folder).stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        yield relative or "./"  # the trailing slash marks a folder that could not be listed
        return
    for entry in entries:
        name = relative + entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.name.startswith("."):
                yield from _walk(entry.path, name + "/", seen)
        else:
            yield name


def _excluded(relative: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(relative, p) for p in patterns)


def file_identity(path: str | Path) -> tuple[int, int] | None:
    """Device and inode of an existing file, the same for every spelling of it and its links."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def input_identities(inputs: Iterable[Input]) -> set[tuple[int, int]]:
    """The identities of the input files, so that no output can overwrite one of them.

    One stat per input: resolving every path would cost one per path component.
    """
    found = (file_identity(item.path) for item in inputs if item.path != STDIN)
    return {identity for identity in found if identity is not None}


def map_ordered(func: Callable[[T], R], items: Iterable[T], *, jobs: int = 1,
                initializer: Callable[..., Any] | None = None,
                initargs: tuple[Any, ...] = (), chunk: int = 32) -> Iterator[R]:
    """``map(func, items)`` in input order, on ``jobs`` worker processes when above one.

    Items are submitted a bounded window at a time, so a huge batch never sits in memory.
    ``func`` and ``initializer`` must be importable top-level functions.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # only runs with workers pay for it

    iterator = iter(items)
    with ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs) as pool:
        while True:
            window = list(islice(iterator, chunk * jobs * 4))
            if not window:
                return
            yield from pool.map(func, window, chunksize=chunk)
