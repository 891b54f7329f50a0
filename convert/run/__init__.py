"""Whole runs as library calls: find the files, check or convert them on one or more cores,
and stream the findings in report order.

The command line is a thin layer over this package: it parses options, calls a run, renders
its report and exits.
"""

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
