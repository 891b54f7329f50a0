"""Main-text extraction from HTML pages with trafilatura, when the ``html`` extra is installed.

On the labelled pages trafilatura's extraction beats ours on HTML input (see the README's
figures), but it is a large dependency, so it is optional and our own extractor remains
the fallback. An installed but broken trafilatura (a dependency of its missing, as when
``lxml_html_clean`` is not there) is not a crash either: one warning, then our extractor.
"""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from functools import cache
from types import ModuleType
from typing import Any

INSTALL_HINT = "pip install 'article-convert[html]'"


class ExtractorUnavailableWarning(UserWarning):
    """trafilatura is installed but cannot be imported; the built-in extractor is used."""


@cache
def available() -> bool:
    """Whether trafilatura is installed (checked once, without importing it)."""
    return importlib.util.find_spec("trafilatura") is not None


@cache
def _load() -> ModuleType | Exception:
    """trafilatura, or the error that importing it raised (imported once per process)."""
    try:
        return importlib.import_module("trafilatura")
    except Exception as error:  # any import-time failure of a third-party stack
        return error


@cache
def _warn_once(reason: str) -> None:
    warnings.warn(
        f"trafilatura is installed but cannot be imported ({reason}); using the built-in "
        f"HTML extractor instead. Reinstall the extra to fix it: {INSTALL_HINT}",
        ExtractorUnavailableWarning,
        stacklevel=5,
    )


def _loaded() -> ModuleType | Exception | None:
    """trafilatura, the error importing it raised, or None when it is not installed."""
    return _load() if available() else None


def _reason(failed: Exception | None) -> str:
    return "not installed" if failed is None else f"{type(failed).__name__}: {failed}"


def _error(failed: Exception | None) -> ImportError:
    return ImportError(f"trafilatura cannot be used ({_reason(failed)}): {INSTALL_HINT}")


def unusable() -> ImportError | None:
    """What a caller that requires trafilatura should raise (it is not installed, or cannot
    be imported), or None where it can be used."""
    loaded = _loaded()
    return None if isinstance(loaded, ModuleType) else _error(loaded)


def extract(markup: str, *, required: bool = False) -> list[str] | None:
    """The main text's paragraphs, or None when trafilatura is missing or finds nothing.

    Raises:
        ImportError: ``required`` and trafilatura is not installed or cannot be imported.
    """
    loaded = _loaded()
    if not isinstance(loaded, ModuleType):
        if required:
            raise _error(loaded)
        if loaded is not None:
            _warn_once(_reason(loaded))
        return None
    extracted: Any = loaded.extract(
        markup, include_comments=False, include_tables=True, deduplicate=False
    )
    if not isinstance(extracted, str) or not extracted.strip():
        return None
    return [line for line in extracted.split("\n") if line.strip()]
