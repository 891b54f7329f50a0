"""The files of a run in report order, found as the walk goes, never listed all at once.

Findings are written sorted by path, so a run that writes them as each file finishes must meet
the files in that order. A folder's entries are sorted the way their paths sort as text: a
sub-folder ``a`` comes where ``a/`` does, after ``a.md``. Each path argument yields its files
in that order, and the arguments are merged by path, so the whole run is in text order of the
paths shown while only the folders on the current walk are held.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from convert.batch import Input, _excluded, _kind
from convert.record import STDIN
from convert.run.urls import is_url, url_inputs


def sorted_inputs(
    paths: Iterable[str], extensions: Sequence[str], exclude: Sequence[str] = ()
) -> Iterator[Input]:
    """Every input named by ``paths`` (folders walked), in text order of the paths shown.

    The same input named twice comes twice, one after the other; readers merge them.
    """
    wanted = tuple(e.lower() for e in extensions)
    streams: list[Iterator[Input]] = []
    stdin_seen = False
    for raw in paths:
        if raw == STDIN:
            if not stdin_seen:
                streams.append(iter([Input(STDIN, "<stdin>", "stdin")]))
            stdin_seen = True
            continue
        if is_url(raw):
            streams.append(url_inputs(raw, wanted, exclude))
            continue
        root = Path(raw)
        if root.is_dir():
            streams.append(_folder_inputs(root, wanted, exclude))
        else:
            streams.append(iter([Input(raw, root.as_posix(), root.name)]))
    return heapq.merge(*streams, key=_display)


def _display(item: Input) -> str:
    return item.display


def _folder_inputs(root: Path, wanted: tuple[str, ...], exclude: Sequence[str]) -> Iterator[Input]:
    prefix = "" if root.as_posix() == "." else root.as_posix().rstrip("/") + "/"
    for relative, kind in _walk(str(root), "", set()):
        if kind == "folder":
            folder = (prefix + relative).rstrip("/") or root.as_posix()
            yield Input(folder, folder, relative, kind)
        elif relative.lower().endswith(wanted) and not _excluded(relative, exclude):
            yield Input(prefix + relative, prefix + relative, relative, kind)


def _walk(folder: str, relative: str, seen: set[tuple[int, int]]) -> Iterator[tuple[str, str]]:
    """As :func:`convert.batch._walk`, but in text order of the resulting paths."""
    try:
        info = Path(folder).stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            # Names and kinds only (not the DirEntry objects): a folder of a million files
            # is held as a million short strings while it is walked.
            entries = [(e.name + "/", "") if _is_dir(e) else (e.name, _kind(e)) for e in scan]
    except OSError:
        yield relative or "./", "folder"
        return
    entries.sort()
    for key, kind in entries:
        if not kind:  # a folder: its key ends in a slash
            if not key.startswith("."):
                yield from _walk(os.path.join(folder, key[:-1]), relative + key, seen)  # noqa: PTH118
        else:
            yield relative + key, kind


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
