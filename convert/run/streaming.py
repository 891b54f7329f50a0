"""Reports written as the findings arrive, byte for byte what the whole-report renderers write.

Text and GitHub commands are one line per finding, written at once. JSON and SARIF open with
what only the end of a run knows (the status and counts; the rule list and result cap), so
their findings are rendered into a temporary file as they arrive and the document is put
together at the end: memory holds counts, never the findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import groupby
from typing import IO, Any

from convert import reporters
from convert.diagnostics import Diagnostic, Severity
from convert.run.report import RunReport

Suggest = Callable[[list[Diagnostic]], Mapping[Diagnostic, Any]]
"""One file's findings -> the fix (:class:`convert.fixes.Fix`) each would get, if any."""

_MARK = "\u0000findings\u0000"
_COPY = 1 << 16


def write_report(name: str, report: RunReport, out: IO[str], **options: Any) -> None:
    """Write ``report`` (consuming its findings) to ``out`` in format ``name``, as
    ``--format NAME`` writes it: JSON and SARIF with the fix each finding would get, SARIF
    with every rule's summary and this version, unless ``options`` say otherwise
    (``suggest=None``: no fixes)."""
    if name in ("json", "sarif"):
        options.setdefault("suggest", suggested_fixes)
    if name == "sarif":
        options.setdefault("rule_docs", rule_docs())
        options.setdefault("version", _version())
    if name == "text":
        _lines(map(_text_line, report.findings), out)
    elif name == "github":
        _lines(map(_github_line, report.findings), out)
    elif name == "json":
        _write_json(report, out, **options)
    elif name == "sarif":
        _write_sarif(report, out, **options)
    else:
        raise ValueError(f"unknown report format {name!r}")


def suggested_fixes(found: list[Diagnostic]) -> Mapping[Diagnostic, Any]:
    """The fix each of one file's findings would get under the settings the run that found
    them was set up with (:func:`convert.run.worker.current_settings`)."""
    from convert.fixes.run import suggested_fixes as for_file
    from convert.run.worker import current_settings

    path = found[0].path
    fixes: Mapping[Diagnostic, Any] = for_file({path: path}, found, current_settings())
    return fixes


def rule_docs() -> dict[str, tuple[str, Severity]]:
    """Each rule's summary and severity, as SARIF lists the rules a report's findings name."""
    from convert.rules import catalog

    return {
        info.id: (info.summary, info.severity)
        for info in catalog()
        if info.id != "schema/<keyword>"
    }


def _version() -> str:
    from convert import __version__

    return __version__


def _lines(lines: Iterable[str], out: IO[str]) -> None:
    for line in lines:
        out.write(line)


def _text_line(d: Diagnostic) -> str:
    return reporters.render_text_line(d) + "\n"


def _github_line(d: Diagnostic) -> str:
    return reporters.render_github_line(d) + "\n"


def _splice(
    document: Mapping[str, Any], items: IO[str], count: int, out: IO[str], depth: int
) -> None:
    """Write ``document`` as ``json.dumps(..., indent=2)`` would, its one list holding the
    mark replaced by the ``count`` rendered items spooled in ``items``."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    marker = json.dumps(_MARK)
    at = text.index(marker)
    if count == 0:  # an empty list prints as [] on one line
        head = text[:at].rstrip(" \n")
        out.write(head + text[at + len(marker) :].lstrip(" \n"))
        return
    out.write(text[:at])
    items.seek(0)
    while chunk := items.read(_COPY):
        out.write(chunk)
    out.write(text[at + len(marker) :])


def _item(
    value: Mapping[str, Any],
    depth: int,
    first: bool,
    readable: Callable[[Mapping[str, Any]], Any] | None = None,
) -> str:
    """One element of a list ``depth`` levels deep, as ``json.dumps(indent=2)`` places it;
    made ``readable`` (default :func:`convert.reporters.readable`) when it holds a lone
    surrogate (a file name that is no UTF-8), as the whole-report renderers make every
    element."""
    pad = " " * (2 * depth)
    body = json.dumps(value, indent=2, ensure_ascii=False)
    if not body.isascii():
        try:
            body.encode("utf-8")
        except UnicodeEncodeError:
            clean = (readable or reporters.readable)(value)  # JSON's module: loaded here
            body = json.dumps(clean, indent=2, ensure_ascii=False)
    body = body.replace("\n", "\n" + pad)
    return body if first else ",\n" + pad + body


def _with_fixes(
    findings: Iterable[Diagnostic], suggest: Suggest | None
) -> Iterator[tuple[Diagnostic, Any]]:
    """Each finding with its fix (or ``None``); fixes are planned a file at a time, as the
    findings arrive grouped by path, so memory holds one file's findings."""
    if suggest is None:
        for d in findings:
            yield d, None
        return
    for _, group in groupby(findings, key=lambda d: d.path):
        found = list(group)
        fixes = suggest(found)
        for d in found:
            yield d, fixes.get(d)


def _write_json(
    report: RunReport,
    out: IO[str],
    *,
    strict: bool | None = None,
    suggest: Suggest | None = None,
    **_: Any,
) -> None:
    import tempfile  # the text report, what a pre-commit hook prints, needs no spool

    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        count = 0
        for d, fix in _with_fixes(report.findings, suggest):
            shape = d.to_dict()
            if fix is not None:
                shape["fix"] = fix.to_dict()
            spool.write(_item(shape, 2, count == 0, reporters.readable_finding))
            count += 1
        document = {
            "version": reporters.JSON_SHAPE_VERSION,
            "status": "fail" if report.failed(strict=strict) else "pass",
            "summary": {
                "files": report.files,
                "errors": report.count(Severity.ERROR),
                "warnings": report.count(Severity.WARNING),
                "info": report.count(Severity.INFO),
            },
            "diagnostics": [_MARK],
        }
        _splice(document, spool, count, out, 2)


def _write_sarif(
    report: RunReport,
    out: IO[str],
    *,
    rule_docs: Mapping[str, tuple[str, Severity]] | None = None,
    version: str = "0",
    suggest: Suggest | None = None,
    **_: Any,
) -> None:
    import tempfile

    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as raw,
        tempfile.TemporaryFile("w+", encoding="utf-8") as spool,
    ):
        worst: dict[str, Severity] = {}
        total = 0
        for d, fix in _with_fixes(report.findings, suggest):
            sarif_fix = None if fix is None else reporters.sarif_fix(d.path, fix)
            raw.write(
                json.dumps(
                    [
                        d.path,
                        d.line,
                        d.column,
                        d.rule,
                        int(d.severity),
                        d.message,
                        d.pointer,
                        d.hint,
                        sarif_fix,
                    ],  # ASCII: a file name's lone surrogates survive the trip
                )
                + "\n"
            )
            worst[d.rule] = max(worst.get(d.rule, d.severity), d.severity)
            total += 1
        quota = _quota(report, reporters.sarif.SARIF_MAX_RESULTS)
        rules, index = reporters.sarif_rules(worst, rule_docs)
        kept = 0
        raw.seek(0)
        for d, sarif_fix in _read_back(raw):
            if quota[d.severity] <= 0:
                continue
            quota[d.severity] -= 1
            result = reporters.sarif_result(d, index)
            if sarif_fix is not None:
                result["fixes"] = [sarif_fix]
            spool.write(_item(result, 4, kept == 0))
            kept += 1
        run = reporters.sarif_run(rules, [_MARK], version, total - kept)
        document = {
            "$schema": reporters.SARIF_SCHEMA,
            "version": reporters.SARIF_VERSION,
            "runs": [run],
        }
        _splice(document, spool, kept, out, 4)


def _quota(report: RunReport, limit: int) -> dict[Severity, int]:
    """How many findings of each severity the cap keeps: the most severe first, and of the
    last severity that fits only the earliest (the whole-report renderer's choice)."""
    quota = {}
    for severity in sorted(Severity, reverse=True):
        quota[severity] = min(report.count(severity), limit)
        limit -= quota[severity]
    return quota


def _read_back(stream: IO[str]) -> Iterator[tuple[Diagnostic, Any]]:
    for line in stream:
        path, line_no, column, rule, severity, message, pointer, hint, fix = json.loads(line)
        yield (
            Diagnostic(path, line_no, column, rule, Severity(severity), message, pointer, hint),
            fix,
        )
