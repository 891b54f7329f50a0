"""article-convert: validate article records and convert them to JSON, feeds and cleaned text.

The public API is imported lazily, so ``import convert`` (and the ``artconv`` start-up that
depends on it) stays cheap until a function is actually used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from convert.lazy import lazy_names

if TYPE_CHECKING:
    from convert.converters import get_converter
    from convert.converters.writing import convert
    from convert.diagnostics import Diagnostic, Report, Severity
    from convert.fixes import Fix, available_fixes, fix
    from convert.importers import import_feed
    from convert.loading import load, loads
    from convert.record import Record, Source
    from convert.run import RunReport, convert_paths, validate_paths
    from convert.text import clean_text
    from convert.validation import validate

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "Fix",
    "Record",
    "Report",
    "RunReport",
    "Severity",
    "Source",
    "available_fixes",
    "clean_text",
    "convert",
    "convert_paths",
    "fix",
    "get_converter",
    "import_feed",
    "load",
    "loads",
    "validate",
    "validate_paths",
]

_HOMES = {
    "Diagnostic": "convert.diagnostics",
    "Report": "convert.diagnostics",
    "Severity": "convert.diagnostics",
    "Fix": "convert.fixes",
    "available_fixes": "convert.fixes",
    "fix": "convert.fixes",
    "Record": "convert.record",
    "Source": "convert.record",
    "clean_text": "convert.text",
    "convert": "convert.converters.writing",
    "get_converter": "convert.converters",
    "import_feed": "convert.importers",
    "load": "convert.loading",
    "loads": "convert.loading",
    "validate": "convert.validation",
    "RunReport": "convert.run",
    "validate_paths": "convert.run",
    "convert_paths": "convert.run",
}


if not TYPE_CHECKING:  # mypy reads the imports above, so a misspelt name stays an error
    __getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
