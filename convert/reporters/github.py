"""The ``github`` format: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from convert.diagnostics import Diagnostic, Report, Severity
from convert.reporters.text import position


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
