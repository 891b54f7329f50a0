"""A run's folder walks under a site profile: its content only, and one note for the rest.

A profile may tell, for a walked folder, which of its files the generator makes articles of
(``walk_scope``, :mod:`convert.profiles.walk`); a profile without it (a plugin's, ``article``)
has every file read, as before. The files passed over are only counted, by why, as the walk
streams past them, and the run ends with one info-level note that says how many and why
(``profile/passed-over``), so nothing is left out unsaid and nothing is an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from convert.diagnostics import Diagnostic, FindingKind, Severity

PASSED_OVER = "profile/passed-over"

FINDINGS = (
    FindingKind(
        PASSED_OVER,
        Severity.INFO,
        "A walk of a site's folder passed over files the generator makes no article of "
        "(layouts, built output, pages, static files); named, they are read.",
    ),
)

Keep = Callable[[str], bool]
"""Whether a walk keeps the file at a path below the walked folder."""


class SiteWalk:
    """The walks of one run under the profile of ``options`` (a
    :class:`convert.profiles.ProfileOptions`, or ``None`` for records as written): call it
    with a named folder for the test its walk keeps files by (``None``: every file), and
    ask :meth:`notes` once the walks are over."""

    def __init__(self, options: Any) -> None:
        self._options = options
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
        """The run's one note on the files its walks passed over (none when none was)."""
        if not self.passed or self._where is None:
            return []
        files = "file" if self.passed == 1 else "files"
        message = (
            f"passed over {self.passed} {files} {self._phrase} ({', '.join(self.reasons)}); "
            "name them to check them anyway"
        )
        return [Diagnostic(self._where, None, None, PASSED_OVER, Severity.INFO, message)]
