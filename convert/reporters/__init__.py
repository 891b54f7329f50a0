"""Turning a run's findings into text for people, scripts and CI systems.

One module per format: :mod:`.text` is one finding per line (``path:line:col: severity rule
message``); :mod:`.json_` has a stable documented shape; :mod:`.github` prints workflow commands
that GitHub Actions shows as annotations; :mod:`.sarif` is SARIF 2.1.0 for code-scanning upload.
``auto`` picks ``github`` under GitHub Actions and ``text`` elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from convert.lazy import lazy_names

if TYPE_CHECKING:
    from convert.diagnostics import Report
    from convert.reporters import sarif
    from convert.reporters.github import render_github, render_github_line
    from convert.reporters.json_ import (
        JSON_SHAPE_VERSION,
        readable,
        readable_finding,
        readable_path,
        render_json,
    )
    from convert.reporters.renderers import RENDERERS
    from convert.reporters.sarif import (
        PROJECT_URL,
        SARIF_MAX_LOCATIONS,
        SARIF_MAX_RESULTS,
        SARIF_MAX_RULES,
        SARIF_MAX_RUNS,
        SARIF_MAX_UPLOAD_BYTES,
        SARIF_SCHEMA,
        SARIF_VERSION,
        render_sarif,
        sarif_fix,
        sarif_result,
        sarif_rules,
        sarif_run,
    )
    from convert.reporters.text import (
        Counted,
        position,
        render_text,
        render_text_line,
        summary_line,
    )

__all__ = [
    "FORMATS",
    "JSON_SHAPE_VERSION",
    "PROJECT_URL",
    "RENDERERS",
    "SARIF_MAX_LOCATIONS",
    "SARIF_MAX_RESULTS",
    "SARIF_MAX_RULES",
    "SARIF_MAX_RUNS",
    "SARIF_MAX_UPLOAD_BYTES",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "Counted",
    "position",
    "readable",
    "readable_finding",
    "readable_path",
    "render",
    "render_github",
    "render_github_line",
    "render_json",
    "render_sarif",
    "render_text",
    "render_text_line",
    "resolve_format",
    "sarif",
    "sarif_fix",
    "sarif_result",
    "sarif_rules",
    "sarif_run",
    "summary_line",
]

# Each format's module is imported when first used: the one-file validation a pre-commit hook
# runs on every commit loads neither SARIF nor JSON.
_HOMES = {
    "Counted": "convert.reporters.text",
    "JSON_SHAPE_VERSION": "convert.reporters.json_",
    "PROJECT_URL": "convert.reporters.sarif",
    "RENDERERS": "convert.reporters.renderers",
    "SARIF_MAX_LOCATIONS": "convert.reporters.sarif",
    "SARIF_MAX_RESULTS": "convert.reporters.sarif",
    "SARIF_MAX_RULES": "convert.reporters.sarif",
    "SARIF_MAX_RUNS": "convert.reporters.sarif",
    "SARIF_MAX_UPLOAD_BYTES": "convert.reporters.sarif",
    "SARIF_SCHEMA": "convert.reporters.sarif",
    "SARIF_VERSION": "convert.reporters.sarif",
    "position": "convert.reporters.text",
    "readable": "convert.reporters.json_",
    "readable_finding": "convert.reporters.json_",
    "readable_path": "convert.reporters.json_",
    "render_github": "convert.reporters.github",
    "render_github_line": "convert.reporters.github",
    "render_json": "convert.reporters.json_",
    "render_sarif": "convert.reporters.sarif",
    "render_text": "convert.reporters.text",
    "render_text_line": "convert.reporters.text",
    "sarif": "convert.reporters.sarif",
    "sarif_fix": "convert.reporters.sarif",
    "sarif_result": "convert.reporters.sarif",
    "sarif_rules": "convert.reporters.sarif",
    "sarif_run": "convert.reporters.sarif",
    "summary_line": "convert.reporters.text",
}

FORMATS: tuple[str, ...] = ("auto", "text", "json", "github", "sarif")


def resolve_format(name: str, environ: Mapping[str, str] | None = None) -> str:
    """``auto`` becomes ``github`` under GitHub Actions, ``text`` elsewhere."""
    env = os.environ if environ is None else environ
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def render(name: str, report: Report, **options: object) -> str:
    """Render ``report`` in the format ``name`` (already resolved from ``auto``)."""
    from convert.reporters.renderers import RENDERERS

    return RENDERERS[name](report, **options)


if not TYPE_CHECKING:  # mypy reads the imports above, so a misspelt name stays an error
    __getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
