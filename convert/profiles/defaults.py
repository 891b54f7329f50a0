"""Jekyll's front matter ``defaults``: the values they give a post (or another collection's
document, whose scopes match in the same way, their ``type`` being the collection's name).

A set applies to a post when its scope's ``type`` is ``posts`` (or absent) and its ``path``
is empty, absent, a folder above the post (``_posts/2019``) or the post itself, or a glob
(``_posts/*/``) naming one of those. Jekyll merges the values of every set that applies into
the post's front matter, the post's own values winning (a key the post leaves empty keeps the
default's), and between sets the more specific one: the longer scope path, then at equal
length a typed scope over an untyped one, then the later of two alike. Tables are merged key
by key; anything else is replaced whole. Jekyll 4 also matches a scope path as a plain prefix
(``_posts/2019`` over ``_posts/2019-05-01-x.md``); the folder rule here is the one Jekyll
documents and Jekyll 3 (GitHub Pages) follows.

With ``collections_dir`` set, posts live in ``<collections_dir>/_posts`` and Jekyll matches
scopes against the path below that folder: a scope path written with the folder in front
(``my_collections/_posts``) loses it, one written without it (``_posts``) matches as it is.
A glob is matched against the files below the site's folder, so it must name the folder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

_TYPES = ("posts", "post")  # "post" is the deprecated name Jekyll still reads as posts


class ScopedDefault(NamedTuple):
    """One ``defaults`` set that may apply to posts: its scope path as written, whether the
    scope names a type, and its values."""

    path: str
    typed: bool
    values: Mapping[str, Any]


def post_defaults(defaults: Any, types: tuple[str, ...] = _TYPES) -> tuple[ScopedDefault, ...]:
    """The sets of a site's ``defaults`` that can apply to posts (or to the documents of the
    collection whose ``types`` are given: ``("news",)``), in the file's order.

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
        if kind is not None and str(kind) not in types:
            continue
        path = scope.get("path")
        link = entry["values"].get("permalink")
        if link is not None and not isinstance(link, str):
            raise ValueError(f"defaults: permalink must be a string, not {link!r}")
        values = {str(k): v for k, v in entry["values"].items()}
        sets.append(ScopedDefault(path if isinstance(path, str) else "", kind is not None, values))
    return tuple(sets)


def defaults_for(
    sets: Sequence[tuple[str, bool, Mapping[str, Any]]],
    path: str,
    collections_dir: str = "",
) -> dict[str, Any]:
    """The values the sets give the post at ``path`` (relative to the site's folder,
    ``_posts/2019/2019-05-01-x.md``, or ``<collections_dir>/_posts/...``), merged as Jekyll
    merges them; empty when none applies."""
    folder = collections_folder(collections_dir)
    inner = path[len(folder) + 1 :] if folder and path.startswith(folder + "/") else path
    merged: dict[str, Any] = {}
    winner: tuple[str, bool] | None = None
    for scope, typed, values in sets:
        if not _applies(scope, path, inner, folder):
            continue
        if winner is None or _precedes(winner, (scope, typed)):
            merged = merge(merged, values)
            winner = (scope, typed)
        else:
            merged = merge(values, merged)
    return merged


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` merged into a copy of ``base`` as Jekyll merges front matter: tables key by
    key, an empty (null) value keeping the earlier one, anything else replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if value is None and key in out:
            continue
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


def collections_folder(collections_dir: str) -> str:
    """``collections_dir`` as a path prefix: ``""`` for the site's own folder (``.``)."""
    parts = [p for p in collections_dir.strip().split("/") if p not in ("", ".")]
    return "/".join(parts)


def _applies(scope: str, path: str, inner: str, folder: str) -> bool:
    """Whether ``scope`` names the post at ``path`` (below the site's folder), ``inner`` being
    the same path below ``collections_dir``."""
    if not scope:
        return True
    if "*" in scope:
        pattern = _glob(scope.rstrip("/"))
        parts = path.split("/")
        return any(pattern.fullmatch("/".join(parts[:end])) for end in range(1, len(parts) + 1))
    named = scope.rstrip("/")
    if folder and named.startswith(folder + "/"):
        named = named[len(folder) + 1 :]
    return inner == named or inner.startswith(named + "/")


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
