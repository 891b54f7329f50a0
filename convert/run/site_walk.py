"""A run's folder walks under a site profile: its content only, and one note for the rest.

A profile may tell, for a walked folder, which of its files the generator makes articles of
(``walk_scope``, :mod:`convert.profiles.walk`); a profile without it (a plugin's, ``article``)
has every file read, as before. The files passed over are only counted, by why, as the walk
streams past them, and the run ends with one info-level note that says how many and why
(``profile/passed-over``), so nothing is left out unsaid and nothing is an error.

A run given no site configuration (``--site-config``, ``site-config``) reads the one its
named paths find (:func:`found_site`): the configuration that tells a walk where the site's
root is also holds what the generator publishes from it (Jekyll's collections and
``exclude``, Hugo's ``ignoreFiles``, Zola's ``ignored_content``) and the site's address and
language. A file named alone (as a pre-commit hook names the staged files) finds the site
its folder is in, as a walk of that folder would, and is read whatever the site's
``exclude`` says, as a named file always is. One the run cannot read is a warning at its
line (``profile/site-config``), and the run goes on as it would without it; paths of
several sites get no site's (``profile/sites``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from convert.diagnostics import Diagnostic, FindingKind, Severity

PASSED_OVER = "profile/passed-over"
SITE_CONFIG = "profile/site-config"
SITES = "profile/sites"

FINDINGS = (
    FindingKind(
        PASSED_OVER,
        Severity.INFO,
        "A walk of a site's folder passed over files the generator makes no article of "
        "(layouts, built output, pages, static files); named, they are read.",
    ),
    FindingKind(
        SITE_CONFIG,
        Severity.WARNING,
        "The site's configuration found for the named folders and files (none was named with "
        "--site-config) cannot be read (broken, too large, a setting of the wrong kind); the "
        "run goes on without it.",
    ),
    FindingKind(
        SITES,
        Severity.INFO,
        "The named folders and files belong to several sites, so no site's configuration was "
        "read; --site-config names the one to read.",
    ),
)

Keep = Callable[[str], bool]
"""Whether a walk keeps the file at a path below the walked folder."""


class SiteWalk:
    """The walks of one run under the profile of ``options`` (a
    :class:`convert.profiles.ProfileOptions`, or ``None`` for records as written): call it
    with a named folder for the test its walk keeps files by (``None``: every file), and
    ask :meth:`notes` once the walks are over."""

    def __init__(self, options: Any, found: Sequence[Diagnostic] = ()) -> None:
        self._options = options
        self._found = list(found)  # what finding the site's configuration came to
        self._scope_of: Callable[[str, Any], Any] | None = None
        if options is not None:
            from convert.profiles import get_profile

            self._scope_of = getattr(get_profile(options.name), "walk_scope", None)
        self.passed = 0
        self.reasons: dict[str, int] = {}  # a handful of words, whatever the walk's size
        self._where: str | None = None
        self._phrase = ""

    def __call__(self, folder: str) -> Keep | None:
        if self._scope_of is None:
            return None
        scope = self._scope_of(folder, self._options)
        if scope is None:
            return None
        shown = Path(folder).as_posix()

        def keep(relative: str) -> bool:
            why: str | None = scope.passed_over(relative)
            if why is None:
                return True
            self.passed += 1
            self.reasons[why] = self.reasons.get(why, 0) + 1
            if self._where is None:
                self._where, self._phrase = shown, scope.phrase
            return False

        return keep

    def notes(self) -> list[Diagnostic]:
        """The run's one note on the files its walks passed over (none when none was), after
        what :func:`found_site` had to say."""
        if not self.passed or self._where is None:
            return list(self._found)
        files = "file" if self.passed == 1 else "files"
        message = (
            f"passed over {self.passed} {files} {self._phrase} ({', '.join(self.reasons)}); "
            "name them to check them anyway"
        )
        note = Diagnostic(self._where, None, None, PASSED_OVER, Severity.INFO, message)
        return [*self._found, note]


def found_site(options: Any, paths: Iterable[str]) -> tuple[Any, list[Diagnostic]]:
    """``options`` with the configuration of the site the run's named folders and files are
    in (a folder's :func:`convert.profiles.walk.site_root`, the one its walk is scoped by; a
    file's folder's), read as ``--site-config`` reads it, and what there is to say about it:
    a configuration that cannot be read (the options as they were, and a warning), or paths
    of several sites (a note). ``options`` that have a site already (``--site-config``), or
    none, are kept. A hook names thousands of files in a few folders: each folder is
    searched from once, and the site's configuration is read once.
    """
    if options is None or options.site_root is not None:
        return options, []
    from convert.profiles.walk import GENERATORS, SiteRoots
    from convert.run.urls import is_url

    if options.name not in GENERATORS:
        return options, []
    root_of = SiteRoots(options.name)
    roots: dict[Path, str] = {}
    for path in paths:
        if path == "-" or is_url(path):
            continue
        try:
            folder = _folder_of(path)
        except OSError:  # not there, or not to be looked at: the run says so
            continue
        try:
            root = root_of(folder)
        except (OSError, RuntimeError):  # a folder one may not search: the walk says so
            continue
        if root is not None:
            roots.setdefault(root, path)
    if len(roots) > 1:
        shown = ", ".join(_shown(root) for root in roots)
        message = (
            f"the named paths are in {len(roots)} {options.name} sites ({shown}); no site's "
            "configuration was read"
        )
        hint = "validate one site at a time, or name the configuration with --site-config"
        first = roots[next(iter(roots))]
        return options, [Diagnostic(first, None, None, SITES, Severity.INFO, message, hint=hint)]
    if not roots:
        return options, []
    return _read_site(options, next(iter(roots)))  # once, whatever the paths' number


def _folder_of(path: str) -> str:
    """``path`` when it is a folder, else the folder of the named file, whose site is the
    one that folder is in; one look at the path, as the run takes before reading it.

    Raises:
        OSError: the path is not there (the run says so), or cannot be looked at.
    """
    given = Path(path)
    return path if stat.S_ISDIR(given.stat().st_mode) else str(given.parent)


def _read_site(options: Any, root: Path) -> tuple[Any, list[Diagnostic]]:
    """``options`` over the configuration in the site's ``root``, or as they are with a
    warning where it cannot be read."""
    from convert.errors import ConfigError
    from convert.profiles.settings import with_site
    from convert.profiles.site import config_file, read_site_config
    from convert.profiles.site_files import SiteConfigError

    try:
        return with_site(options, read_site_config(root, options.name)), []
    except SiteConfigError as exc:
        where, line, column, why = exc.path, exc.line, exc.column, exc.reason
    except (ConfigError, OSError) as exc:  # a setting of the wrong kind, named in the message
        try:
            where = config_file(root, options.name)
        except (ConfigError, OSError):  # pragma: no cover - the walk found it there
            where = root
        line, column, why = None, None, str(exc).removeprefix(f"{where}: ")
    message = f"the site's configuration cannot be read, so the run goes on without it: {why}"
    hint = "fix it, or name the settings to read with --site-config"
    return options, [
        Diagnostic(_shown(where), line, column, SITE_CONFIG, Severity.WARNING, message, hint=hint)
    ]


def _shown(path: Path) -> str:
    """``path`` from the working folder where it lies below it, else as it is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path.as_posix()
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
