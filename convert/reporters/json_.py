"""The ``json`` format: a documented, versioned shape that scripts can rely on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from convert.diagnostics import Diagnostic, Report, Severity

JSON_SHAPE_VERSION = 1


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
