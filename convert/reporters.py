"""Turning a run's findings into text for people, scripts and CI systems.

``text`` is one finding per line (``path:line:col: severity rule message``); ``json`` has a
stable documented shape; ``github`` prints workflow commands that GitHub Actions shows as
annotations; ``sarif`` is SARIF 2.1.0 for code-scanning upload. ``auto`` picks ``github``
under GitHub Actions and ``text`` elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from convert.diagnostics import Diagnostic, Report, Severity

FORMATS: tuple[str, ...] = ("auto", "text", "json", "github", "sarif")
JSON_SHAPE_VERSION = 1
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
PROJECT_URL = "https://pypi.org/project/article-convert/"

# GitHub code scanning rejects SARIF files past these hard limits ("SARIF results exceed one or
# more limits", docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/
# results-exceed-limit): 20 runs per file, 25,000 results per run (only the 5,000 most severe
# are shown), 25,000 rules per run, 1,000 locations per result (100 shown). The upload itself
# may be at most 10 MB gzip-compressed (".../troubleshooting-sarif-uploads/file-too-large").
# We write one run, one location per result and one rule per rule id, so only the result
# count can reach a limit; past it the least severe findings are left out and the run says so.
SARIF_MAX_RUNS = 20
SARIF_MAX_RESULTS = 25_000
SARIF_MAX_RULES = 25_000
SARIF_MAX_LOCATIONS = 1_000
SARIF_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def resolve_format(name: str, environ: Mapping[str, str] | None = None) -> str:
    """``auto`` becomes ``github`` under GitHub Actions, ``text`` elsewhere."""
    env = os.environ if environ is None else environ
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def position(d: Diagnostic) -> tuple[int, int]:
    """Whole-file findings are shown at 1:1."""
    return (d.line or 1, d.column or 1)


def _one_line(text: str) -> str:
    """Keep one finding on one line: editors, pre-commit users and ``grep`` rely on it.

    Messages can quote values from the record, and a value may hold line breaks.
    """
    return text.replace("\r", "\\r").replace("\n", "\\n")


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


def render_json(
    report: Report,
    *,
    strict: bool = False,
    fixes: Mapping[Diagnostic, Any] | None = None,
    **_: object,
) -> str:
    """The documented, versioned shape scripts can rely on (bump ``version`` on any change).

    A finding with a fix (``fixes``: finding -> :class:`convert.fixes.Fix`) carries it as
    ``"fix"``; findings without one have no such key, so version 1 readers are unaffected.
    """
    document = {
        "version": JSON_SHAPE_VERSION,
        "status": "fail" if report.failed(strict=strict) else "pass",
        "summary": {
            "files": report.files,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
        "diagnostics": [_with_fix(d, fixes) for d in report.sorted()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _with_fix(d: Diagnostic, fixes: Mapping[Diagnostic, Any] | None) -> dict[str, object]:
    shape = d.to_dict()
    fix = fixes.get(d) if fixes else None
    if fix is not None:
        shape["fix"] = fix.to_dict()
    return shape


# Workflow-command escaping as GitHub's own toolkit does it (escapeData/escapeProperty in
# github.com/actions/toolkit packages/core/src/command.ts): in the message '%', CR and LF; in
# property values also ':' and ','. '%' goes first so that the escapes
# themselves are not escaped again. Without this a value holding a newline could start a
# command of its own on the next line.
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github_line(d: Diagnostic) -> str:
    """One ``::error``/``::warning``/``::notice`` workflow command."""
    line, column = position(d)
    props = (
        f"file={_escape_property(d.path)},line={line},col={column},title={_escape_property(d.rule)}"
    )
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    return f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(message)}"


def render_github(report: Report, **_: object) -> str:
    """One workflow command per finding (:func:`render_github_line`)."""
    return "".join(render_github_line(d) + "\n" for d in report.sorted())


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(
    report: Report,
    *,
    rule_docs: Mapping[str, tuple[str, Severity]] | None = None,
    version: str = "0",
    fixes: Mapping[Diagnostic, Any] | None = None,
    **_: object,
) -> str:
    """SARIF 2.1.0 for code scanning: one run, its rules, one result per finding.

    Args:
        report: the findings of the run.
        rule_docs: rule id -> (one-line description, default severity) for every known rule,
            so the driver lists rules even when they found nothing.
        version: the tool version recorded in ``tool.driver.version``.
        fixes: finding -> :class:`convert.fixes.Fix`, written as SARIF ``fixes``.
    """
    findings = report.sorted()
    kept = _most_severe(findings, SARIF_MAX_RESULTS)
    worst: dict[str, Severity] = {}
    for d in findings:
        worst[d.rule] = max(worst.get(d.rule, d.severity), d.severity)
    rules, index = sarif_rules(worst, rule_docs)
    results = []
    for d in kept:
        result = sarif_result(d, index)
        fix = fixes.get(d) if fixes else None
        if fix is not None:
            result["fixes"] = [sarif_fix(d.path, fix)]
        results.append(result)
    run = sarif_run(rules, results, version, len(findings) - len(kept))
    document = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def sarif_rules(
    worst: Mapping[str, Severity],
    rule_docs: Mapping[str, tuple[str, Severity]] | None,
) -> tuple[list[dict[str, object]], dict[str, int]]:
    """The driver's rules (every documented rule and every rule that found something) and
    each rule id's index among them."""
    docs = dict(rule_docs or {})
    rule_ids = sorted(set(worst) | set(docs))
    index = {rule: i for i, rule in enumerate(rule_ids)}
    rules: list[dict[str, object]] = []
    for rule in rule_ids:
        text, level = docs.get(rule, (_default_description(rule), worst.get(rule, Severity.ERROR)))
        rules.append(
            {
                "id": rule,
                "name": rule.replace("/", "-"),
                "shortDescription": {"text": text},
                "defaultConfiguration": {"level": _SARIF_LEVEL[level]},
                "helpUri": PROJECT_URL,
            }
        )
    return rules, index


def sarif_result(d: Diagnostic, index: Mapping[str, int]) -> dict[str, object]:
    """One SARIF result for finding ``d``."""
    line, column = position(d)
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    result: dict[str, object] = {
        "ruleId": d.rule,
        "ruleIndex": index[d.rule],
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _sarif_uri(d.path)},
                    "region": {"startLine": line, "startColumn": column},
                }
            }
        ],
    }
    if d.pointer:
        # Where in the metadata, for tools that read it; code scanning ignores it.
        result["properties"] = {"pointer": d.pointer}
    return result


def sarif_run(
    rules: list[dict[str, object]], results: list[Any], version: str, left_out: int
) -> dict[str, object]:
    """The one run of the document; ``left_out`` findings did not fit the result cap."""
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "artconv",
                "version": version,
                "informationUri": PROJECT_URL,
                "rules": rules,
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if left_out:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "level": "warning",
                        "message": {
                            "text": f"{left_out} less severe findings left out: code scanning "
                            f"accepts at most {SARIF_MAX_RESULTS} results per run"
                        },
                    }
                ],
            }
        ]
    return run


def sarif_fix(path: str, fix: Any) -> dict[str, object]:
    """A SARIF ``fix`` object: the fix's replacement of its region."""
    region = fix.region
    return {
        "description": {"text": fix.description + ("" if fix.safe else " (unsafe)")},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _sarif_uri(path)},
                "replacements": [
                    {
                        "deletedRegion": {
                            "startLine": region.start_line,
                            "startColumn": region.start_column,
                            "endLine": region.end_line,
                            "endColumn": region.end_column,
                        },
                        "insertedContent": {"text": fix.replacement},
                    }
                ],
            }
        ],
    }


def _most_severe(findings: list[Diagnostic], limit: int) -> list[Diagnostic]:
    """The ``limit`` most severe findings, still in their sorted (path, position) order.

    Cutting a sorted list at ``limit`` would drop errors in late files in favour of warnings
    in early ones; code scanning also ranks by severity when it shows only some results.
    """
    if len(findings) <= limit:
        return findings
    ranked = sorted(range(len(findings)), key=lambda i: (-findings[i].severity, i))[:limit]
    return [findings[i] for i in sorted(ranked)]


def _default_description(rule: str) -> str:
    if rule.startswith("schema/"):
        return f"The value breaks the schema keyword '{rule.removeprefix('schema/')}'."
    return rule


def _sarif_uri(path: str) -> str:
    """A relative path stays a relative URI reference (code scanning resolves it against the
    repository root); an absolute path becomes a ``file:`` URI, as SARIF wants absolute URIs."""
    from pathlib import PurePosixPath, PureWindowsPath
    from urllib.parse import quote

    if PurePosixPath(path).is_absolute():
        return PurePosixPath(path).as_uri()
    if PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    return quote(path.removeprefix("./"), safe="/")


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}


def render(name: str, report: Report, **options: object) -> str:
    """Render ``report`` in the format ``name`` (already resolved from ``auto``)."""
    return RENDERERS[name](report, **options)
