"""A search that only goes forward, for readers that ask one pattern again and again."""

from __future__ import annotations

import re


class Ahead:
    """The first match of a pattern at or after a position that only grows: a match is kept
    until the position passes it, and a pattern found nowhere is not looked for again, so the
    text is scanned once however often it is asked (readers of hostile pages ask it at every
    opener, and a fresh search each time would be quadratic)."""

    __slots__ = ("_found", "_pattern", "_searched", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._found: re.Match[str] | None = None
        self._searched = False

    def at(self, pos: int) -> re.Match[str] | None:
        found = self._found
        if self._searched and (found is None or found.start() >= pos):
            return found
        self._found = self._pattern.search(self._text, pos)
        self._searched = True
        return self._found
