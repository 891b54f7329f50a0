"""Where a file sits in a Jekyll site, and what Jekyll reads from it: a post in ``_posts``, a
draft in ``_drafts``, a document of another of the site's collections, or a file it passes
over (a name starting with ``_ # ~ .``, a post's name without its date); its path below the
site, and its modification time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from convert.profiles.base import ProfileOptions
from convert.profiles.dates import in_zone
from convert.profiles.defaults import collections_folder
from convert.profiles.paths import in_site

_POST_NAME = re.compile(r"\d{2,4}-\d{1,2}-\d{1,2}(?:-.*)?\.[^.]+", re.DOTALL)
"""The names Jekyll reads posts from in ``_posts``: the date, a hyphen, the slug and an
extension (a date without a slug too, ``2019-05-05.md``, as newer Jekyll reads it)."""


DATED_DOCUMENT = re.compile(r"(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)\.[^.]+", re.DOTALL)
"""The names Jekyll dates a collection's document by: the date, a hyphen, the slug and an
extension (``2020-01-01.md``, without a slug, is undated there)."""


def collection_of(path: str, options: ProfileOptions) -> tuple[str, str] | None:
    """``(label, path below collections_dir)`` of a file in one of the site's collections
    other than posts (``_news/sub/x.md``, below the site's ``collections_dir``); ``None``
    for any other file."""
    folder = collections_folder(options.collections_dir)
    if folder:
        if not path.startswith(folder + "/"):
            return None
        path = path[len(folder) + 1 :]
    first, slash, _ = path.partition("/")
    if slash and first.startswith("_") and first[1:] in options.collections:
        return first[1:], path
    return None


def modified_time(path: str, zone: str | None) -> str | None:
    """The file's modification time in the site's time zone (whole seconds), with which
    ``jekyll build --drafts`` dates a draft that has no date; ``None`` for no file."""
    try:
        stamp = int(Path(path).stat().st_mtime)
    except (OSError, ValueError):
        return None
    return in_zone(datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), zone)


def site_path(name: str, options: ProfileOptions) -> str:
    """The post's path below the site's folder (``_posts/2019/2019-05-01-x.md``), as Jekyll
    matches ``defaults`` scopes and reads categories from it, whichever folder the walk
    started in; without the site's folder, from ``_posts`` (or ``_drafts``) on."""
    placed = in_site(name, options.site_root)
    if placed is not None:
        return placed
    path = Path(name)
    parts = path.parts
    for folder in ("_posts", "_drafts"):
        if folder in parts:
            return "/".join(parts[parts.index(folder) :])
    return path.name


def why_skipped(path: str) -> tuple[str, str, str] | None:
    """``(kind, why, hint)`` where Jekyll reads no post (or draft) from the file at ``path``
    in ``_posts`` (or ``_drafts``): a name below that folder starting with ``_ # ~ .``, which
    Jekyll passes over everywhere, or a post's file name that does not start with its date."""
    parts = path.split("/")
    for folder, kind in (("_posts", "post"), ("_drafts", "draft")):
        if folder not in parts[:-1]:
            continue
        below = parts[len(parts) - parts[::-1].index(folder) :]
        special = next((part for part in below if part.startswith(PASSED_OVER)), None)
        if special is not None:
            return kind, *passed_over(special, below[-1])
        if kind == "post" and not _POST_NAME.fullmatch(below[-1]):
            why = "a post's file name is its date, a hyphen and its slug (YYYY-MM-DD-title.md)"
            return kind, why, "rename it to start with its date, or move it out of _posts"
        return None
    return None


PASSED_OVER = ("_", "#", "~", ".")
"""What the names Jekyll passes over below a collection's folder start with."""


def passed_over(special: str, name: str) -> tuple[str, str]:
    """``(why, hint)`` for a file Jekyll reads nothing from because ``special``, the file's
    ``name`` or a folder above it, starts with one of PASSED_OVER."""
    named = "its name" if special == name else f'its folder "{special}"'
    why = f"{named} starts with {special[0]}, and Jekyll passes over such names"
    return why, f"remove the {special[0]} in front of the name to publish it"


def collections_folders(options: ProfileOptions) -> tuple[str, ...]:
    """The site's ``collections_dir`` as folders (none when it is the site's own)."""
    folder = collections_folder(options.collections_dir)
    return tuple(folder.split("/")) if folder else ()


def below(parts: tuple[str, ...], folder: tuple[str, ...]) -> tuple[str, ...]:
    """A path's folders below the site's collections ``folder`` (Jekyll names a post's
    place from there, so the folder itself is no category); as they are when it is
    elsewhere."""
    return parts[len(folder) :] if folder and parts[: len(folder)] == folder else parts
