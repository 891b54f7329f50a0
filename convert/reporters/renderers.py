"""Every report format's renderer by name, for the formats chosen at run time."""

from __future__ import annotations

from collections.abc import Callable

from convert.reporters.github import render_github
from convert.reporters.json_ import render_json
from convert.reporters.sarif import render_sarif
from convert.reporters.text import render_text

RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
