"""Which files of a folder walk a site generator makes articles of.

A user who validates a site names its folder (``artconv validate --profile jekyll .``), and
the walk meets the site's layouts, includes, built output, pages and static files beside its
posts: read as posts, each would be a row of errors about a date and a link it never had.
A profile answers, for a walk that starts at the site's root or anywhere above its content,
which of the files are content (:class:`SiteContent`). A walk that starts elsewhere is not
narrowed: inside the content (``_posts/``, ``content/``), or in a folder named for itself
(``_layouts/``, ``themes/``); nor is a file named on its own.

The site's root is the folder of ``--site-config``, else the nearest folder at or above the
walked one that holds the generator's configuration (:func:`site_root`), which a run then
reads as ``--site-config`` would (:func:`convert.run.site_walk.found_site`). Every answer
is made from the file's path, and at most its first bytes (:func:`has_front_matter`), so a
walk stays a stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from convert.profiles.base import ProfileOptions
from convert.profiles.detect import config_in

_ABOVE = 12
"""Folders looked at above a walked folder for the site's configuration, at most."""

_FENCE = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n")
"""A front matter's opening line, as Jekyll looks for it (``---``, blanks, a line break)."""

OUTSIDE = "files outside the site"
"""Why a file below a walked folder above the site, but not in the site, is passed over."""


class SiteContent(Protocol):
    """A generator's content, by paths below the site's root given as their parts."""

    @property
    def phrase(self) -> str:
        """What the passed-over files are, after "passed over N files" ("the jekyll site
        publishes no post from")."""
        ...

    def above(self, folder: tuple[str, ...]) -> bool:
        """Whether ``folder`` (below the site's root) may hold content below it, and is not
        itself inside the content: a walk of it keeps the content alone."""
        ...

    def reason(self, parts: tuple[str, ...], path: Path) -> str | None:
        """``None`` for a file the generator makes an article of, else why not, in a word
        or two ("layouts", "pages"); ``path`` is the file, for a look at its first bytes."""
        ...


@dataclass(frozen=True)
class WalkScope:
    """The walk of one named folder under a site profile: its files are tested against the
    site's content by their place below the site's root.

    ``prefix`` is the walked folder's place below the root (empty at the root itself);
    ``above`` the root's place below the walked folder, when the walk starts above the site.
    """

    content: SiteContent
    folder: str
    prefix: tuple[str, ...] = ()
    above: tuple[str, ...] = ()

    @property
    def phrase(self) -> str:
        return self.content.phrase

    def passed_over(self, relative: str) -> str | None:
        """Why the file at ``relative`` (posix, below the walked folder) is no article of
        the site; ``None`` for one that is."""
        parts = tuple(relative.split("/"))
        if self.above:
            if parts[: len(self.above)] != self.above:
                return OUTSIDE
            parts = parts[len(self.above) :]
        else:
            parts = self.prefix + parts
        return self.content.reason(parts, Path(self.folder, relative))


def walk_scope(
    folder: str, options: ProfileOptions, generator: str, content: SiteContent
) -> WalkScope | None:
    """The scope of a walk of ``folder`` on the ``generator``'s site, or ``None`` where the
    walk is taken as it is: the folder is not at the site's root nor above its content, or
    no site is known for it (no ``--site-config``, and no configuration at or above it)."""
    try:
        here = Path(folder).resolve()
        root = _site_root(here, options, generator)
    except (OSError, RuntimeError):  # a folder one may not search: the walk says so itself
        return None
    if root is None:
        return None
    below = _parts_below(here, root)
    if below is not None:
        narrowed = not below or content.above(below)
        return WalkScope(content, folder, below) if narrowed else None
    above = _parts_below(root, here)
    if above is None:
        return None  # a configuration of another site than the walked folder's
    return WalkScope(content, folder, above=above)


def has_front_matter(path: Path) -> bool:
    """Whether the file opens with a front matter's ``---`` line: a page or document to
    Jekyll, where one without is a static file copied as it is."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return False
    return _FENCE.match(head) is not None


def _site_root(here: Path, options: ProfileOptions, generator: str) -> Path | None:
    """The folder of ``--site-config`` (a Hugo ``config/`` folder's site is the one above
    it), else the site :func:`site_root` finds for ``here``."""
    if options.site_root is not None:
        given = Path(options.site_root).resolve()
        candidates = [given, *list(given.parents)[:2]]
        return next((c for c in candidates if config_in(c, generator)), given)
    return site_root(here, generator)


GENERATORS = ("jekyll", "hugo", "zola")
"""The generators whose configuration tells a walk where their site's root is."""


def site_root(folder: str | Path, generator: str) -> Path | None:
    """The nearest folder at or above ``folder`` with the ``generator``'s configuration,
    resolved; ``None`` for another generator, and where a repository's top (``.git``) or
    :data:`_ABOVE` folders come first, as a site above them is not the folder's.

    Raises:
        OSError, RuntimeError: a folder that cannot be resolved or searched.
    """
    return SiteRoots(generator)(folder)


_SITE, _TOP, _NEITHER = "site", "top", ""
"""What one folder is to the search up the tree: a site's root, a repository's top, neither."""


class SiteRoots:
    """:func:`site_root` for the many paths of one run: each folder is resolved once and
    looked at (its configuration, its ``.git``) once, so a hook run that names thousands of
    files in a few folders costs a dictionary look-up a file past its first in a folder, and
    folders that share parents stop the search at the first one already seen."""

    def __init__(self, generator: str) -> None:
        self._generator = generator
        self._named: dict[str, Path | None] = {}  # a folder as named: its site's root
        self._kind: dict[Path, str] = {}  # a resolved folder: what it is to the search

    def __call__(self, folder: str | Path) -> Path | None:
        """The root :func:`site_root` finds for ``folder``.

        Raises:
            OSError, RuntimeError: a folder that cannot be resolved or searched.
        """
        if self._generator not in GENERATORS:
            return None
        key = str(folder)
        if key not in self._named:
            here = Path(folder).resolve()
            self._named[key] = self._search(here)
        return self._named[key]

    def _search(self, here: Path) -> Path | None:
        for found in [here, *here.parents][:_ABOVE]:
            kind = self._kind.get(found)
            if kind is None:
                kind = self._look(found)
                self._kind[found] = kind
            if kind == _SITE:
                return found
            if kind == _TOP:
                return None  # a repository's top: a site above it is not this one's
        return None

    def _look(self, folder: Path) -> str:
        if config_in(folder, self._generator):
            return _SITE
        return _TOP if (folder / ".git").exists() else _NEITHER


def _parts_below(path: Path, root: Path) -> tuple[str, ...] | None:
    """The parts of ``path`` below ``root`` (empty for the root itself), ``None`` when it
    is not below it."""
    try:
        return path.relative_to(root).parts
    except ValueError:
        return None
