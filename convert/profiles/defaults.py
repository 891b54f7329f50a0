"""Jekyll's front matter ``defaults``: the ``permalink`` they give a post.

A set applies to a post when its scope's ``type`` is ``posts`` (or absent) and its ``path``
is empty, absent, a folder above the post (``_posts/2019``) or the post itself, or a glob
(``_posts/*/``) naming one of those. Of the sets that apply, Jekyll lets the more specific
one win: the longer scope path, then at equal length a typed scope over an untyped one, then
the later of two alike. The winner is decided over every set that applies, with or without
a ``permalink`` (a later, less specific one cannot override an earlier, more specific one).
A post's own ``permalink`` wins over all of them. Jekyll 4 also matches a scope path as a
plain prefix (``_posts/2019`` over ``_posts/2019-05-01-x.md``); the folder rule here is the
one Jekyll documents and Jekyll 3 (GitHub Pages) follows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

_TYPES = ("posts", "post")  # "post" is the deprecated name Jekyll still reads as posts


class ScopedDefault(NamedTuple):
    """One ``defaults`` set that may apply to posts: its scope path as written, whether the
    scope names a type, and its ``permalink`` (``None`` where it sets none)."""

    path: str
    typed: bool
    permalink: str | None


def post_defaults(defaults: Any) -> tuple[ScopedDefault, ...]:
    """The sets of a site's ``defaults`` that can apply to posts, in the file's order.

    Raises:
        ValueError: a set's ``permalink`` is not a string (the message names it).
    """
    sets: list[ScopedDefault] = []
    for entry in defaults if isinstance(defaults, list) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("values"), Mapping):
            continue  # Jekyll warns of such a set and skips it
        scope = entry.get("scope")
        scope = scope if isinstance(scope, Mapping) else {}
        kind = scope.get("type")
        if kind is not None and str(kind) not in _TYPES:
            continue
        path = scope.get("path")
        link = entry["values"].get("permalink")
        if link is not None and not isinstance(link, str):
            raise ValueError(f"defaults: permalink must be a string, not {link!r}")
        link = link.strip() if isinstance(link, str) and link.strip() else None
        sets.append(ScopedDefault(path if isinstance(path, str) else "", kind is not None, link))
    return tuple(sets) if any(s.permalink for s in sets) else ()


def default_permalink(sets: Sequence[tuple[str, bool, str | None]], path: str) -> str | None:
    """The ``permalink`` the sets give the post at ``path`` (relative to the site's folder,
    ``_posts/2019/2019-05-01-x.md``), or ``None``."""
    found: str | None = None
    winner: tuple[str, bool] | None = None
    for scope, typed, link in sets:
        if not _applies(scope, path):
            continue
        if winner is None or _precedes(winner, (scope, typed)):
            found = link if link is not None else found
            winner = (scope, typed)
        elif found is None:
            found = link  # the winner so far sets none: this one fills it in
    return found


def _applies(scope: str, path: str) -> bool:
    if not scope:
        return True
    if "*" in scope:
        pattern = _glob(scope.rstrip("/"))
        parts = path.split("/")
        return any(pattern.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1))
    folder = scope.rstrip("/")
    return path == folder or path.startswith(folder + "/")


def _precedes(old: tuple[str, bool], new: tuple[str, bool]) -> bool:
    """Whether the ``new`` scope wins over the ``old`` one, as Jekyll decides it."""
    new_length, old_length = len(_sanitised(new[0])), len(_sanitised(old[0]))
    if new_length != old_length:
        return new_length > old_length
    return new[1] or not old[1]


def _sanitised(scope: str) -> str:
    return scope[1:] if scope.startswith("/") else scope


def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as Ruby's ``Dir.glob`` reads it: ``*`` and ``?`` within a folder name, ``**/``
    any folders, ``{a,b}`` either."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        char = pattern[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            end = pattern.find("}", i)
            if end > i:
                out.append("(?:" + "|".join(map(re.escape, pattern[i + 1 : end].split(","))) + ")")
                i = end + 1
                continue
            out.append(re.escape(char))
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out))
