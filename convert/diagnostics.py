"""Findings as values: severity, the finding itself, and the per-run report with its exit code."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator

from convert.values import Value


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read ``"error"``, ``"warning"`` or ``"info"`` (any case)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}: use error, warning or info") from None


class Diagnostic(Value):
    """One finding about one file.

    ``line`` and ``column`` are 1-based; ``None`` means the finding is about the whole file.
    ``pointer`` is a JSON pointer into the record's metadata when the finding is about a value.
    """

    __slots__ = ("column", "hint", "line", "message", "path", "pointer", "rule", "severity")
    path: str
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    message: str
    pointer: str
    hint: str

    def __init__(
        self,
        path: str,
        line: int | None,
        column: int | None,
        rule: str,
        severity: Severity,
        message: str,
        pointer: str = "",
        hint: str = "",
    ) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "line", line)
        put(self, "column", column)
        put(self, "rule", rule)
        put(self, "severity", severity)
        put(self, "message", message)
        put(self, "pointer", pointer)
        put(self, "hint", hint)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.path, self.line or 0, self.column or 0, self.rule, self.pointer, self.message)

    def to_dict(self) -> dict[str, object]:
        """The stable JSON shape of a finding (documented in the README)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "pointer": self.pointer,
            "hint": self.hint,
        }


class FindingKind(Value):
    """One kind of finding: its id, default level and a one-line summary.

    Each module that emits findings declares its kinds in a module-level ``FINDINGS`` tuple
    beside the code that emits them; :mod:`convert.rules.catalogue` gathers them, so
    ``artconv rules``, SARIF's rule list and the ``--select``/``--ignore`` check agree.
    """

    __slots__ = ("id", "origin", "severity", "summary")
    id: str
    severity: Severity
    summary: str
    origin: str

    def __init__(
        self, id: str, severity: Severity, summary: str, origin: str = "article-convert"
    ) -> None:
        put = object.__setattr__
        put(self, "id", id)
        put(self, "severity", severity)
        put(self, "summary", summary)
        put(self, "origin", origin)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort findings by file, position and rule, dropping exact repeats."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


class Report:
    """Everything a run found, plus how many files it looked at.

    The exit-code policy lives here so the library and the command line agree on it.
    """

    __slots__ = ("diagnostics", "files")

    def __init__(self, diagnostics: list[Diagnostic] | None = None, files: int = 0) -> None:
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.files = files

    def __eq__(self, other: object) -> bool:
        if type(other) is not Report:
            return NotImplemented
        return self.diagnostics == other.diagnostics and self.files == other.files

    __hash__ = None  # type: ignore[assignment]  # mutable, as a plain dataclass is

    def __repr__(self) -> str:
        return f"Report(diagnostics={self.diagnostics!r}, files={self.files!r})"

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sort_diagnostics(self.diagnostics)

    def count(self, severity: Severity) -> int:
        """Findings of ``severity``, exact repeats counted once (as they are printed)."""
        return sum(1 for d in set(self.diagnostics) if d.severity is severity)

    def failed(self, *, strict: bool = False) -> bool:
        threshold = Severity.WARNING if strict else Severity.ERROR
        return any(d.severity >= threshold for d in self.diagnostics)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when clean, 1 when there are errors (or warnings under ``strict``)."""
        return 1 if self.failed(strict=strict) else 0

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())
