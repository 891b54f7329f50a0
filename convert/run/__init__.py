"""Whole runs as library calls: find the files, check or convert them on one or more cores,
and stream the findings in report order.

The command line is a thin layer over this package: it parses options, calls a run, renders
its report and exits. Names are imported on first use, so a validation run never loads the
conversion side (and the reverse).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from convert.lazy import lazy_names

if TYPE_CHECKING:
    from convert.run.converting import OutputConflictError, convert_paths
    from convert.run.discovery import sorted_inputs
    from convert.run.report import RunReport
    from convert.run.streaming import write_report
    from convert.run.validating import validate_paths

__all__ = [
    "OutputConflictError",
    "RunReport",
    "convert_paths",
    "sorted_inputs",
    "validate_paths",
    "write_report",
]

_HOMES = {
    "OutputConflictError": "convert.run.converting",
    "convert_paths": "convert.run.converting",
    "sorted_inputs": "convert.run.discovery",
    "RunReport": "convert.run.report",
    "write_report": "convert.run.streaming",
    "validate_paths": "convert.run.validating",
}


if not TYPE_CHECKING:  # mypy reads the imports above, so a misspelt name stays an error
    __getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
