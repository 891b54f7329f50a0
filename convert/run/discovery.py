"""The files of a run, found as the walk goes, never listed all at once.

Findings are written sorted by path, so a run that writes them as each file finishes must meet
the files in that order. A folder's entries are sorted the way their paths sort as text: a
sub-folder ``a`` comes where ``a/`` does, after ``a.md``. Each path argument yields its files
in that order; :func:`sorted_inputs` merges the arguments by path, so the whole run is in text
order of the paths shown, and :func:`named_inputs` takes them in the order they are named
(a conversion keeps it: JSON Lines lines and feed ties follow it). Only the folders on the
current walk are held, and a folder of more than :data:`LISTING_RUN` entries is sorted in runs
on disk, so even a flat folder of millions of files costs a fixed amount of memory.
"""

from __future__ import annotations

import heapq
import marshal
import os
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from itertools import chain, islice
from pathlib import Path
from typing import IO

from convert.batch import Input, _excluded
from convert.file_kinds import special_kind
from convert.loading.compressed import walked_suffixes
from convert.record import STDIN
from convert.run.overlaps import Named, Overlaps
from convert.run.urls import is_url, url_inputs

LISTING_RUN = 10_000
"""Entries of one folder sorted in memory at a time (about 1 MiB); more go to disk in runs."""

_BLOCK = 256
"""Entries per marshalled block of a run on disk."""

Scope = Callable[[str], Callable[[str], bool] | None]
"""Given a named folder, the test its walk keeps a file by (its path below the folder), or
``None`` to keep every file: a site profile's content (:mod:`convert.run.site_walk`)."""

Entry = tuple[str, str]
"""A folder entry: its sort key (a sub-folder's name ends in a slash) and its kind (empty for
a sub-folder)."""


def sorted_inputs(
    paths: Iterable[str],
    extensions: Sequence[str],
    exclude: Sequence[str] = (),
    *,
    output: str | Path | None = None,
    scope: Scope | None = None,
    force_root: str | None = None,
) -> Iterator[Input]:
    """Every input named by ``paths`` (folders walked), in text order of the paths shown.

    A file named more than once comes once, as its first naming shows it
    (:mod:`convert.run.overlaps`). A folder walked into that is the run's ``output`` folder is
    passed over (see :func:`named_inputs`).
    """
    streams = _streams(paths, extensions, exclude, output, scope, force_root)
    return heapq.merge(*streams, key=_display)


def named_inputs(
    paths: Iterable[str],
    extensions: Sequence[str],
    exclude: Sequence[str] = (),
    *,
    output: str | Path | None = None,
    scope: Scope | None = None,
    force_root: str | None = None,
) -> Iterator[Input]:
    """Every input named by ``paths`` in the order they are named, each folder walked in
    text order of its paths.

    A path that does not exist is still yielded: reading it gives a clear finding, and the
    rest of the batch goes on. A path named explicitly is read whatever it is (a FIFO,
    ``/dev/stdin``), as ``-`` is; standard input comes once, however often it is named, and
    so does any file, where it is first named (:mod:`convert.run.overlaps`).

    A folder met on a walk that is the run's ``output`` folder (``convert . --to text -o out``)
    is not walked: its files are this run's outputs, or an earlier run's, and read as inputs
    they would be converted again into ``out/out/``, one level deeper each run. It may not
    exist yet, or be made while the walk goes on; named itself, it is walked.

    With ``scope``, a walked folder keeps only the files its test keeps (a site profile's
    content, when the folder is the site's root); a file named explicitly is always read,
    unless ``force_root`` (``--force-exclude``: the configuration's folder) holds it to
    ``exclude`` too: it is left out when a walk of a folder at or below ``force_root`` and
    above it would leave it out (:func:`_excluded_below`).
    """
    streams = _streams(paths, extensions, exclude, output, scope, force_root)
    return chain.from_iterable(streams)


def _streams(
    paths: Iterable[str],
    extensions: Sequence[str],
    exclude: Sequence[str],
    output: str | Path | None,
    scope: Scope | None = None,
    force_root: str | None = None,
) -> list[Iterator[Input]]:
    wanted = walked_suffixes(extensions)  # .md, and .md.gz as well: read as the text inside
    skip = _Skipped(output) if output is not None and not is_url(str(output)) else None
    streams: list[Iterator[Input]] = []
    stdin_seen = False
    urls: set[str] = set()
    overlaps = Overlaps(wanted, exclude, skip)
    for raw in paths:
        if raw == STDIN:
            if not stdin_seen:  # standard input can be read only once
                streams.append(iter([Input(STDIN, "<stdin>", "stdin")]))
            stdin_seen = True
            continue
        if is_url(raw):
            if raw not in urls:
                streams.append(url_inputs(raw, wanted, exclude))
            urls.add(raw)
            continue
        root = Path(raw)
        if _named_folder(root):
            keep = scope(raw) if scope is not None else None
            named = overlaps.folder(raw, narrowed=keep is not None)
            if named is not None:
                streams.append(_folder_inputs(root, wanted, exclude, skip, named, keep))
        elif force_root is not None and _excluded_below(raw, exclude, force_root):
            continue
        elif overlaps.file(raw):
            streams.append(iter([Input(raw, root.as_posix(), root.name)]))
    return streams


def _excluded_below(raw: str, exclude: Sequence[str], root: str) -> bool:
    """Whether a walk of some folder between ``root`` and the named file ``raw`` would leave
    it out: a glob matches its path below one of those folders, the file reached as named or
    through its links (``drafts/*`` leaves out ``drafts/a.md``, ``blog/drafts/a.md`` and, run
    from ``drafts/``, ``a.md``). Folders above ``root`` do not count: a glob ``posts/*`` must
    not leave out a whole project kept in someone's ``~/posts/``."""
    if not exclude:
        return False
    written = os.path.abspath(raw)  # noqa: PTH100 (as named: links not followed)
    for place, top in ((written, root), (os.path.realpath(raw), os.path.realpath(root))):
        relative = os.path.relpath(place, top)
        if relative.startswith(".."):
            continue
        parts = Path(relative).as_posix().split("/")
        if any(_excluded("/".join(parts[i:]), exclude) for i in range(len(parts))):
            return True
    return False


def _named_folder(path: Path) -> bool:
    """Whether a named path is a folder to walk; one the system will not look at (a name
    too long, a folder above it without search permission) is taken for a file, whose
    reading then says why, rather than raising here and ending the run."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _display(item: Input) -> str:
    return item.display


class _Skipped:
    """The output folder a walk passes over, known by its device and inode, whatever it is
    called on the walk (a link to it, or ``-o`` a link to a folder elsewhere). It may not exist
    yet, or be made while the walk goes on: until it is found, each folder looks for it."""

    def __init__(self, output: str | Path) -> None:
        self.output = os.fspath(output)
        self.identity: tuple[int, int] | None = None

    def __call__(self, info: os.stat_result) -> bool:
        if self.identity is None:
            try:
                found = os.stat(self.output)  # noqa: PTH116 (a str per folder)
            except OSError:
                return False
            self.identity = (found.st_dev, found.st_ino)
        return (info.st_dev, info.st_ino) == self.identity


def _folder_inputs(
    root: Path,
    wanted: tuple[str, ...],
    exclude: Sequence[str],
    skip: _Skipped | None = None,
    named: Named | None = None,
    keep: Callable[[str], bool] | None = None,
) -> Iterator[Input]:
    """The inputs below a named folder; with ``named``, the files and folders that other
    arguments take are passed over (see :mod:`convert.run.overlaps`), and with ``keep`` the
    files it does not keep."""
    prefix = "" if root.as_posix() == "." else root.as_posix().rstrip("/") + "/"
    covered = named.folders if named is not None else frozenset()
    for relative, kind in _walk(str(root), "", set(), skip, covered):
        if kind == "folder":
            folder = (prefix + relative).rstrip("/") or root.as_posix()
            yield Input(folder, folder, relative, kind)
        elif relative.lower().endswith(wanted) and not _excluded(relative, exclude):
            path = prefix + relative
            if named and named.names and named.named_file(path, relative.rpartition("/")[2]):
                continue
            if keep is not None and not keep(relative):
                continue
            yield Input(path, path, relative, kind)


def _walk(
    folder: str,
    relative: str,
    seen: set[tuple[int, int]],
    skip: _Skipped | None = None,
    covered: Set[tuple[int, int]] = frozenset(),
) -> Iterator[Entry]:
    """Relative posix paths of the files below ``folder`` with their kind, in text order of
    the paths; hidden folders, the ``skip`` folder and the ``covered`` ones (device and
    inode) passed over.

    Linked folders are followed once each (``seen`` holds device and inode), so a link loop
    ends. A folder that cannot be listed is yielded itself, as a ``"folder"`` ending in a slash.
    """
    try:
        info = Path(folder).stat()
        identity = (info.st_dev, info.st_ino)
        if identity in seen or (
            relative and ((skip is not None and skip(info)) or identity in covered)
        ):
            return
        seen.add(identity)
        entries = _listing(folder)
    except OSError:
        yield relative or "./", "folder"
        return
    for key, kind in entries:
        if not kind:  # a folder: its key ends in a slash
            if not key.startswith("."):
                inner = os.path.join(folder, key[:-1])  # noqa: PTH118
                yield from _walk(inner, relative + key, seen, skip, covered)
        else:
            yield relative + key, kind


def _listing(folder: str) -> Iterator[Entry]:
    """The entries of ``folder``, sorted: in memory, or merged from sorted runs on disk."""
    with os.scandir(folder) as scan:
        # Keys and kinds only (not the DirEntry objects).
        entries = ((e.name + "/", "") if _is_dir(e) else (e.name, _kind(e)) for e in scan)
        run = sorted(islice(entries, LISTING_RUN))
        if len(run) < LISTING_RUN:
            return iter(run)
        runs = []
        try:
            while run:
                runs.append(_spill(run))
                run = sorted(islice(entries, LISTING_RUN))
        except BaseException:
            for stream in runs:
                stream.close()
            raise
    return heapq.merge(*map(_read_back, runs))


def _spill(run: list[Entry]) -> IO[bytes]:
    import tempfile  # only a folder of more than a run's entries spills

    stream = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _read_back)
    for start in range(0, len(run), _BLOCK):
        marshal.dump(run[start : start + _BLOCK], stream)
    stream.seek(0)
    return stream


def _read_back(stream: IO[bytes]) -> Iterator[Entry]:
    with stream:
        while True:
            try:
                block: list[Entry] = marshal.load(stream)
            except EOFError:
                return
            yield from block


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _kind(entry: os.DirEntry[str]) -> str:
    """``"file"`` for a regular file, a link to one or a broken link (reading it reports it);
    otherwise what the entry is. ``is_file`` costs no system call for plain entries."""
    try:
        if entry.is_file():
            return "file"
        mode = entry.stat().st_mode
    except OSError:
        return "file"
    return special_kind(mode)
