"""The ``json`` format: a documented, versioned shape that scripts can rely on."""

from __future__ import annotations

import json
import re
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
    So is ``"rawPath"``, only on a finding about a file whose name is no UTF-8
    (:func:`readable_finding`).
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
        "diagnostics": [readable_finding(_with_fix(d, fixes)) for d in report.sorted()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _with_fix(d: Diagnostic, fixes: Mapping[Diagnostic, Any] | None) -> dict[str, object]:
    shape = d.to_dict()
    fix = fixes.get(d) if fixes else None
    if fix is not None:
        shape["fix"] = fix.to_dict()
    return shape


_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


def readable(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD.

    A file name that is no UTF-8 is decoded with lone surrogates standing for its bytes
    (``os.fsdecode``), and a message may quote one; written as they are, they are no UTF-8,
    and escaped (``"\\udce9"``) they are JSON that many readers refuse or garble.
    """
    if isinstance(value, str):
        return _SURROGATE.sub(_REPLACEMENT, value)
    if isinstance(value, dict):
        return {key: readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable(item) for item in value]
    return value


def readable_finding(shape: Mapping[str, Any]) -> dict[str, Any]:
    """A finding's JSON shape (:meth:`Diagnostic.to_dict`) as valid Unicode
    (:func:`readable`); a ``path`` that is no UTF-8 is given exactly as well, in
    ``rawPath`` right after it (:func:`readable_path`), so that no name is lost to U+FFFD."""
    clean: dict[str, Any] = readable(dict(shape))
    path = shape.get("path")
    exact = readable_path(path)[1] if isinstance(path, str) else None
    if exact is None:
        return clean
    placed: dict[str, Any] = {}
    for key, item in clean.items():
        placed[key] = item
        if key == "path":
            placed["rawPath"] = exact
    return placed


def readable_path(path: str) -> tuple[str, str | None]:
    """A file name as the JSON documents write it: ``path`` with U+FFFD for each byte that is
    no UTF-8, and ``rawPath``, the exact name, or ``None`` when ``path`` lost nothing.

    ``rawPath`` is the name's bytes percent-encoded (``caf%E9.md``), as SARIF writes a URI:
    ASCII that every reader takes, and ``urllib.parse.unquote_to_bytes`` gives the bytes
    back. A lone surrogate no file name decodes to (``os.fsdecode`` only makes
    U+DC80..U+DCFF) has no bytes to give: such a name has no ``rawPath``.
    """
    shown = readable(path)
    if shown == path:
        return path, None
    return shown, _raw_path(path)


def _raw_path(path: str) -> str | None:
    """The bytes of a file name decoded with ``surrogateescape``, percent-encoded; ``None``
    for surrogates no file name decodes to."""
    from urllib.parse import quote

    try:
        data = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return None
    return quote(data, safe="/")
