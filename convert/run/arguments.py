"""The paths a library run is given, as the runs below it take them."""

from __future__ import annotations

import os
from collections.abc import Iterable

PathArgument = str | os.PathLike[str]


def path_list(paths: PathArgument | Iterable[PathArgument]) -> list[str]:
    """``paths`` as a list of path strings. One path given alone (``"content"``, a
    :class:`~pathlib.Path`) is one path: a string is itself an iterable, of its letters, which
    a run would have looked for as files one by one."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    listed: list[str] = []
    for path in paths:
        if not isinstance(path, str | os.PathLike) or isinstance(path, bytes):
            raise TypeError(f"a path must be str or os.PathLike, not {type(path).__name__}")
        named = os.fspath(path)
        if not isinstance(named, str):
            raise TypeError(f"a path must be str or os.PathLike, not {type(named).__name__}")
        listed.append(named)
    return listed
