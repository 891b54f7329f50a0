"""The fix value: a text edit at a known place, the finding it answers and whether it is safe.

A fix never re-serialises anything: it replaces the characters from ``start`` to ``end`` of the
file's text (line endings, comments and quoting elsewhere stay as they were).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from convert.diagnostics import Diagnostic


@dataclass(frozen=True)
class Region:
    """A 1-based span as editors and SARIF count it: start inclusive, end exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` with ``replacement`` to answer ``finding``.

    ``safe`` fixes keep the meaning a YAML 1.1 reader (the one the loader uses) gives the
    record, or only make a reader see what the author wrote; unsafe ones change a value or a
    key name and wait for ``--unsafe-fixes``.
    """

    start: int
    end: int
    replacement: str
    safe: bool
    finding: Diagnostic
    description: str
    region: Region
    also_at: tuple[str, ...] = ()
    """Pointers besides its finding's where the edit can bring a finding (a renamed key's new
    name): a new finding there is blamed on this fix."""

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a fix, as the json reporter prints it."""
        region = self.region
        return {
            "description": self.description,
            "safe": self.safe,
            "replacement": self.replacement,
            "start": {"line": region.start_line, "column": region.start_column},
            "end": {"line": region.end_line, "column": region.end_column},
        }


def region_of(text: str, start: int, end: int) -> Region:
    """The 1-based line/column span of ``text[start:end]`` (columns count code points)."""

    def point(offset: int) -> tuple[int, int]:
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return Region(*point(start), *point(end))


def non_overlapping(fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes that can be applied together: on overlap the first one planned wins."""
    kept: list[Fix] = []
    for candidate in fixes:
        if all(_apart(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _apart(a: Fix, b: Fix) -> bool:
    if a.start == a.end == b.start == b.end:
        return False  # two insertions at one point: their order would be a guess
    return a.end <= b.start or b.end <= a.start


def apply_edits(text: str, fixes: Sequence[Fix]) -> str:
    """``text`` with every fix applied; ``fixes`` must not overlap."""
    parts: list[str] = []
    position = 0
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        parts.append(text[position : fix.start])
        parts.append(fix.replacement)
        position = fix.end
    parts.append(text[position:])
    return "".join(parts)
