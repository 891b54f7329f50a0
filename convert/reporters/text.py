"""The ``text`` format: one finding per line, ``path:line:col: severity rule message``.

Also the position and summary line the other formats and the command line share.
"""

from __future__ import annotations

import re
from typing import Protocol

from convert.diagnostics import Diagnostic, Report, Severity


def position(d: Diagnostic) -> tuple[int, int]:
    """Whole-file findings are shown at 1:1."""
    return (d.line or 1, d.column or 1)


# Characters a terminal acts on rather than shows: C0 and C1 controls but the tab (ESC opens
# sequences that recolour, retitle or clear it), DEL, the line and paragraph separators, and
# the bidirectional overrides and isolates, which reorder what the reader sees.
_UNSHOWN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _one_line(text: str) -> str:
    """Keep one finding on one line, and the reader's terminal as it was: editors,
    pre-commit users and ``grep`` rely on the first, everyone on the second.

    Messages quote values and names from the record, which may hold line breaks and escape
    sequences; each is shown as its Python-style escape.
    """
    return _UNSHOWN.sub(_escape, text)


def render_text_line(d: Diagnostic) -> str:
    """``path:line:col: severity rule message (hint: ...)``."""
    line, column = position(d)
    text = f"{d.path}:{line}:{column}: {d.severity.label} {d.rule} {d.message}"
    if d.hint:
        text += f" (hint: {d.hint})"
    return _one_line(text)


def render_text(report: Report, **_: object) -> str:
    """One finding per line (:func:`render_text_line`)."""
    return "".join(render_text_line(d) + "\n" for d in report.sorted())


class Counted(Protocol):
    """What a summary needs: a whole report or a streamed run's, after its findings."""

    files: int

    def count(self, severity: Severity) -> int: ...


def summary_line(report: Counted) -> str:
    """``2 errors, 1 warning in 3 files``: printed on standard error after text output."""

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = [
        plural(report.count(Severity.ERROR), "error"),
        plural(report.count(Severity.WARNING), "warning"),
    ]
    if report.count(Severity.INFO):
        counts.append(plural(report.count(Severity.INFO), "note"))
    return f"{', '.join(counts)} in {plural(report.files, 'file')}"
