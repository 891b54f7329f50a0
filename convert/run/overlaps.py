"""Path arguments that name the same files: each file is taken once, where first named.

``validate a.md a.md``, ``./a.md a.md``, ``a.md posts/`` with ``a.md`` in ``posts/``, or
``posts/ posts/2024/``: read twice, a file's findings were counted twice and its output
refused as "already written by another input". A set of every path met would grow with the
corpus, so the arguments are compared with one another instead, before any walk: they are
already in memory, and only they can overlap (a walk meets each of its files once).

- An argument naming the same path as an earlier one, however spelt, is dropped.
- A folder or file that an earlier folder's walk reaches, also through a folder link that
  the argument names (``a`` then ``a/link/x.md``), is dropped (it is not reached
  through a hidden folder or the run's output folder, nor, for a file, when the walk would
  pass it over for its extension or an ``exclude`` pattern: named, it is read).
- A walk narrowed to a site's content (``validate --profile jekyll .``) drops nothing named
  after it: the file or folder is read where named, and the walk passes over it (below), so
  ``. _layouts/x.html`` reads the layout the walk alone would leave out.
- A folder's walk passes over the folders and files that other arguments take, before it
  or after it: all are classified before any walk starts. So a FIFO, which a walk reports
  without reading it, is read once where named, whichever comes first, and a file that a
  walk meets only through a link to elsewhere (``a`` holding a link to ``b``, then
  ``b/x.md``) comes once, where named, since only walking ``a`` would tell.

The same file is the same name: paths are compared once their folders are resolved (links
and ``..`` followed), not their last part, so a link or a hard link to a file is an input
of its own, as it is on a walk, with its own output.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from convert.batch import _excluded

Skip = Callable[[os.stat_result], bool]
"""Whether a folder met on a walk is the run's output folder (see ``discovery._Skipped``)."""


class Named:
    """What the arguments name, kept as they are classified: every walk passes over these.

    One instance is shared by every walk, and the walks are lazy, so each sees all the
    arguments, those after its folder too: a file a walk would report without reading it (a
    FIFO) is read once where named, whichever comes first, and a file or folder that a walk
    reaches only through a link to elsewhere is not met twice either.
    """

    def __init__(self) -> None:
        self.folders: set[tuple[int, int]] = set()
        """Device and inode of each folder walked for its own argument."""
        self.files: set[str] = set()
        """The resolved path of each file read for its own argument."""
        self.names: set[str] = set()
        """Their last parts, so that a walk resolves only the paths that may be one of them."""

    def named_file(self, path: str, name: str) -> bool:
        """Whether the walk's file ``path`` (last part ``name``) is read for an argument."""
        return name in self.names and _resolved(path) in self.files


class Overlaps:
    """The arguments seen so far, to tell each next one whether an earlier one covers it."""

    def __init__(self, wanted: tuple[str, ...], exclude: Sequence[str], skip: Skip | None) -> None:
        self.wanted = wanted
        self.exclude = exclude
        self.skip = skip
        self.folders: dict[str, tuple[int, int] | None] = {}  # resolved path: device, inode
        self.narrowed: set[str] = set()  # the resolved folders whose walk a site narrows
        self.named = Named()
        self.real: dict[str, str] = {}  # each folder as spelt, resolved once (a hook's
        # thousands of files share a few folders, and resolving one costs a call per part)

    def folder(self, raw: str, *, narrowed: bool = False) -> Named | None:
        """What a folder's walk passes over; ``None``: an earlier folder covers it whole (or
        it is named again). ``narrowed``: the walk keeps only a site's content."""
        real = os.path.realpath(raw)
        if real in self.folders or self._reached(real, folder=True):
            return None
        spelt = os.path.abspath(raw)  # noqa: PTH100
        if real != spelt and self._reached_as_named(raw, real, folder=True):
            return None
        identity = self.folders[real] = _identity(real)
        if narrowed:
            self.narrowed.add(real)
        if identity is not None:
            self.named.folders.add(identity)
        return self.named

    def file(self, raw: str) -> bool:
        """Whether a named file is read here: not named before, nor met on an earlier walk."""
        folder, name = os.path.split(os.path.abspath(raw))  # noqa: PTH100
        real_folder = self._real_folder(folder)
        real = os.path.join(real_folder, name)  # noqa: PTH118
        if real in self.named.files or self._reached(real, folder=False):
            return False
        if real_folder != folder and self._reached_as_named(raw, real, folder=False):
            return False
        self.named.files.add(real)
        self.named.names.add(name)
        return True

    def _reached(self, real: str, *, folder: bool) -> bool:
        """Whether the walk of an earlier folder argument meets the resolved path ``real``."""
        if not self.folders:
            return False
        parts: list[str] = []
        here = real
        while True:
            above, name = os.path.split(here)
            if above == here:
                return False
            parts.append(name)
            here = above
            if here in self.folders:
                return self._walk_meets(here, parts[::-1], real, folder=folder)

    def _reached_as_named(self, raw: str, real: str, *, folder: bool) -> bool:
        """Whether the walk of an earlier folder argument meets ``raw`` (resolved: ``real``)
        through a link to a folder that ``raw`` names: a walk follows links, so ``a/link/x.md``
        is on the walk of ``a`` though ``link`` leads elsewhere. Each folder above ``raw``, as
        it is spelt, is resolved (once) and compared."""
        if not self.folders:
            return False
        parts = list(Path(os.getcwd(), raw).parts)  # noqa: PTH109 (drops "." parts)
        below: list[str] = []
        while len(parts) > 1:
            name = parts.pop()
            if name == "..":  # a walk only goes down
                return False
            below.append(name)
            top = self._real_folder(os.path.join(*parts))  # noqa: PTH118
            if top in self.folders:
                return self._walk_meets(top, below[::-1], real, folder=folder)
        return False

    def _real_folder(self, folder: str) -> str:
        """``folder`` resolved, once for each spelling."""
        real = self.real.get(folder)
        if real is None:
            real = self.real[folder] = os.path.realpath(folder)
        return real

    def _walk_meets(self, top: str, parts: list[str], real: str, *, folder: bool) -> bool:
        """Whether the walk of ``top`` goes down ``parts`` to ``real`` (as ``discovery._walk``
        does)."""
        folders = parts if folder else parts[:-1]
        if top in self.narrowed or any(part.startswith(".") for part in folders):
            return False
        if self.skip is not None:
            here = top
            for part in folders:
                here = os.path.join(here, part)  # noqa: PTH118
                try:
                    if self.skip(os.stat(here)):  # noqa: PTH116
                        return False
                except OSError:
                    return False
        if folder:
            return True
        try:  # a FIFO or device named is read; the walk only reports it
            if not stat.S_ISREG(os.stat(real).st_mode):  # noqa: PTH116
                return False
        except OSError:  # no file the walk can meet: named, it is reported as missing
            return False
        relative = "/".join(parts)
        return relative.lower().endswith(self.wanted) and not _excluded(relative, self.exclude)


def _resolved(path: str) -> str:
    """``path`` absolute, its folder's links and ``..`` resolved, its last part as named."""
    folder, name = os.path.split(os.path.abspath(path))  # noqa: PTH100
    return os.path.join(os.path.realpath(folder), name)  # noqa: PTH118


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return (info.st_dev, info.st_ino)
