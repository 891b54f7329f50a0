"""Which static site a run's files belong to, so a run without a profile can say which to use.

A Jekyll post read as an article record fails for want of ``webUrl``, and its ``date`` and
``layout`` are unknown keys: the findings are right, but the cure is ``--profile jekyll``,
which they do not name. From each of the run's paths the folders above it are looked at
(up to a repository's top) for a generator's configuration, and, for a folder, the folders
a few levels below it (a theme's ``exampleSite/``, a project's ``docs/``). A file is taken
for a site's page only where that generator reads pages from: ``_posts``/``_drafts`` below a
Jekyll ``_config.yml`` (its other folders may hold article records, as aggregator sites
do), ``content`` beside a Hugo or Zola configuration. A ``_posts`` folder is a Jekyll site's
even where no configuration came with it. Only folder entries and the first kilobytes of a
``config.*`` file are read (Hugo and Zola share the name: ``baseURL`` tells Hugo's,
``base_url`` Zola's), so a run pays almost nothing for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

_ABOVE = 12
"""Folders looked at above a path, at most."""

_BELOW = 2
"""Levels of folders looked at below a folder path."""

_FOLDERS_BELOW = 200
"""Folders looked at below one path, at most (a repository of many folders costs no more)."""

_JEKYLL = ("_config.yml", "_config.yaml", "_config.toml")
_JEKYLL_PAGES = frozenset({"_posts", "_drafts"})
_HUGO = tuple(f"hugo.{ext}" for ext in ("toml", "yaml", "yml", "json"))
_SHARED = tuple(f"config.{ext}" for ext in ("toml", "yaml", "yml", "json"))
_HUGO_KEY = re.compile(r"""^\s*["']?baseurl["']?\s*[=:]""", re.I | re.M)
_ZOLA_KEY = re.compile(r"^\s*base_url\s*=", re.M)
_READ = 16_384
"""Bytes of a ``config.*`` file read to tell Hugo's from Zola's: the address comes first."""

_PASSED = frozenset({"node_modules", "public", "_site", "resources", "themes", "vendor"})
"""Folders below a path that hold no site of the user's own (build outputs, dependencies)."""


class Site(NamedTuple):
    """A generator's site that holds a run's files: the profile that reads its pages and the
    configuration to give ``--site-config`` (``None``: none came with the pages)."""

    profile: str
    config: Path | None

    def hint(self) -> str:
        """What to pass to read the files as this site's pages."""
        kind = f"the pages of a {self.profile.title()} site"
        if self.config is None:
            return (
                f"these files look like {kind}; read them as such with --profile "
                f"{self.profile} (and --site-config with the site's configuration, or "
                "--base-url, for their links)"
            )
        config = _shown(self.config)
        return (
            f"these files look like {kind} (its configuration: {config}); read them as "
            f"such with --profile {self.profile} --site-config {config}"
        )


def site_of(paths: Iterable[str]) -> Site | None:
    """The site the first of ``paths`` that lies among a generator's pages belongs to."""
    for given in paths:
        if given == "-" or "://" in given:
            continue
        path = Path(given).absolute()
        try:
            found = _site_above(path)
            if found is None and path.is_dir():
                found = _site_below(path)
        except OSError:  # inside a folder one may not search: whatever it is, it says so
            continue
        if found is not None:
            return found
    return None


def _site_below(top: Path) -> Site | None:
    posts = False
    for folder in _folders_below(top):
        try:
            site = _site_at(folder)
        except OSError:  # a folder one may not search (is_file raises): its neighbours count
            continue
        if site is not None:
            return site
        posts = posts or folder.name in _JEKYLL_PAGES
    return Site("jekyll", None) if posts else None


def _site_above(path: Path) -> Site | None:
    start = path if path.is_dir() else path.parent
    folders = [start, *start.parents][:_ABOVE]
    looked: list[Path] = []
    for depth, folder in enumerate(folders):
        looked.append(folder)
        if depth == 0 and path.is_dir():
            site = _site_at(folder)  # the path is the site's own folder, or no site's
        else:
            between = {part.name for part in folders[:depth]}
            content = folders[depth - 1].name == "content"
            site = _site_at(folder, posts=bool(between & _JEKYLL_PAGES), content=content)
        if site is not None:
            return site
        if _jekyll_config(folder) is not None:
            return None  # a Jekyll site's, but none of its posts (aggregators keep records)
        if (folder / ".git").exists():
            break  # a repository's top: its sites are below it
    if any(folder.name in _JEKYLL_PAGES for folder in looked):
        return Site("jekyll", None)
    return None


def _site_at(
    folder: Path, *, posts: bool | None = None, content: bool | None = None
) -> Site | None:
    """The site whose configuration is in ``folder``, when the path lies among its pages:
    its posts (Jekyll) or its ``content`` (Hugo, Zola); ``None`` where the path is the
    folder itself, and the site's pages need only be there."""
    jekyll = _jekyll_config(folder)
    if jekyll is not None:
        if posts is None:
            posts = any((folder / name).is_dir() for name in _JEKYLL_PAGES)
        return Site("jekyll", jekyll) if posts else None
    if content is None:
        content = (folder / "content").is_dir()
    if not content:
        return None
    for name in _HUGO:
        if (folder / name).is_file():
            return Site("hugo", folder / name)
    if (folder / "config" / "_default").is_dir():
        return Site("hugo", folder / "config")
    if (folder / "zola.toml").is_file():
        return Site("zola", folder / "zola.toml")
    for name in _SHARED:
        kind = _kind_of(folder / name)
        if kind is not None:
            return Site(kind, folder / name)
    return None


def config_in(folder: Path, generator: str) -> bool:
    """Whether ``folder`` holds the configuration of a ``generator`` site (``jekyll``,
    ``hugo``, ``zola``): the folder a walk under that profile takes the site's root for."""
    if generator == "jekyll":
        return _jekyll_config(folder) is not None
    if generator == "hugo" and (
        any((folder / name).is_file() for name in _HUGO)
        or (folder / "config" / "_default").is_dir()
    ):
        return True
    if generator == "zola" and (folder / "zola.toml").is_file():
        return True
    return any(_kind_of(folder / name) == generator for name in _SHARED)


def _jekyll_config(folder: Path) -> Path | None:
    return next((folder / name for name in _JEKYLL if (folder / name).is_file()), None)


def _folders_below(top: Path) -> Iterator[Path]:
    """Folders below ``top``, level by level, ``_BELOW`` levels deep, in name order, hidden
    ones and build outputs passed over; at most ``_FOLDERS_BELOW`` of them."""
    level, seen = [top], 0
    for _ in range(_BELOW):
        deeper = []
        for folder in level:
            try:
                with os.scandir(folder) as entries:
                    names = sorted(
                        entry.name
                        for entry in entries
                        if entry.is_dir(follow_symlinks=False)
                        and not entry.name.startswith(".")
                        and entry.name not in _PASSED
                    )
            except OSError:
                continue
            for name in names:
                if seen == _FOLDERS_BELOW:
                    return
                seen += 1
                yield folder / name
                deeper.append(folder / name)
        level = deeper


def _kind_of(config: Path) -> str | None:
    """``hugo`` or ``zola`` by the address key a ``config.*`` file writes, else ``None``."""
    try:
        with config.open("rb") as stream:
            head = stream.read(_READ).decode("utf-8", "replace")
    except OSError:
        return None
    if _ZOLA_KEY.search(head) and config.suffix == ".toml":
        return "zola"
    if _HUGO_KEY.search(head):
        return "hugo"
    return None


def _shown(path: Path) -> str:
    """``path`` relative to the working folder when it lies below it, else as it is."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
