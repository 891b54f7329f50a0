"""Turning a run's findings into text for people, scripts and CI systems.

``text`` is one finding per line (``path:line:col: severity rule message``); ``json`` has a
stable documented shape; ``github`` prints workflow commands that GitHub Actions shows as
annotations; ``sarif`` is SARIF 2.1.0 for code-scanning upload. ``auto`` picks ``github``
under GitHub Actions and ``text`` elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from convert.diagnostics import Diagnostic, Report, Severity

FormatName = Literal["auto", "text", "json", "github", "sarif"]
FORMATS: tuple[str, ...] = ("auto", "text", "json", "github", "sarif")
JSON_SHAPE_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_MAX_RESULTS = 25_000  # GitHub code scanning keeps at most this many results per run
PROJECT_URL = "https://pypi.org/project/article-convert/"


def resolve_format(name: str, environ: Mapping[str, str] | None = None) -> str:
    """``auto`` becomes ``github`` under GitHub Actions, ``text`` elsewhere."""
    env = os.environ if environ is None else environ
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def position(d: Diagnostic) -> tuple[int, int]:
    """Whole-file findings are shown at 1:1."""
    return (d.line or 1, d.column or 1)


def render_text(report: Report, **_: object) -> str:
    lines = []
    for d in report.sorted():
        line, column = position(d)
        text = f"{d.path}:{line}:{column}: {d.severity.label} {d.rule} {d.message}"
        if d.hint:
            text += f" (hint: {d.hint})"
        lines.append(text)
    return "".join(line + "\n" for line in lines)


def summary_line(report: Report) -> str:
    """``2 errors, 1 warning in 3 files``: printed on standard error after text output."""
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    counts = [plural(report.count(Severity.ERROR), "error"),
              plural(report.count(Severity.WARNING), "warning")]
    if report.count(Severity.INFO):
        counts.append(plural(report.count(Severity.INFO), "note"))
    return f"{', '.join(counts)} in {plural(report.files, 'file')}"


def render_json(report: Report, *, strict: bool = False, **_: object) -> str:
    document = {
        "version": JSON_SHAPE_VERSION,
        "status": "fail" if report.failed(strict=strict) else "pass",
        "summary": {
            "files": report.files,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
        "diagnostics": [d.to_dict() for d in report.sorted()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(report: Report, **_: object) -> str:
    lines = []
    for d in report.sorted():
        line, column = position(d)
        props = (f"file={_escape_property(d.path)},line={line},col={column},"
                 f"title={_escape_property(d.rule)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report, *, rule_docs: Mapping[str, tuple[str, Severity]] | None = None,
                 version: str = "0", **_: object) -> str:
    """SARIF 2.1.0: one run, the rules that were found, one result per finding."""
    findings = report.sorted()
    docs = dict(rule_docs or {})
    rule_ids = sorted({d.rule for d in findings} | set(docs))
    index = {rule: i for i, rule in enumerate(rule_ids)}
    rules = []
    for rule in rule_ids:
        text, level = docs.get(rule, (_default_description(rule), Severity.ERROR))
        rules.append({
            "id": rule,
            "name": rule.replace("/", "-"),
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": _SARIF_LEVEL[level]},
            "helpUri": PROJECT_URL,
        })
    results = []
    for d in findings[:SARIF_MAX_RESULTS]:
        line, column = position(d)
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        results.append({
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _sarif_uri(d.path)},
                "region": {"startLine": line, "startColumn": column},
            }}],
        })
    run: dict[str, object] = {
        "tool": {"driver": {"name": "artconv", "version": version, "informationUri": PROJECT_URL,
                            "rules": rules}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if len(findings) > SARIF_MAX_RESULTS:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [{
            "level": "warning",
            "message": {"text": f"{len(findings) - SARIF_MAX_RESULTS} findings left out: "
                                f"SARIF consumers keep at most {SARIF_MAX_RESULTS}"}}]}]
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _default_description(rule: str) -> str:
    if rule.startswith("schema/"):
        return f"The value breaks the schema keyword '{rule.removeprefix('schema/')}'."
    return rule


def _sarif_uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.removeprefix("./"), safe="/:")


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}


def render(name: str, report: Report, **options: object) -> str:
    """Render ``report`` in the format ``name`` (already resolved from ``auto``)."""
    return RENDERERS[name](report, **options)


def known_formats() -> Sequence[str]:
    return FORMATS
