"""The ``sarif`` format: SARIF 2.1.0 for code-scanning upload, within its limits."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from convert.diagnostics import Diagnostic, Report, Severity
from convert.reporters.text import position

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
    from convert.reporters.json_ import readable

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
        results.append(readable(result))  # a message quoting a name that is no UTF-8
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
    # The bytes of the name: a name that is no UTF-8 holds surrogates (os.fsdecode).
    return quote(os.fsencode(path.removeprefix("./")), safe="/")
