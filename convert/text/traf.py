"""Main-text extraction from HTML pages with trafilatura, when the ``html`` extra is installed.

On the labelled pages trafilatura's extraction beats ours on HTML input (see the README's
figures), but it is a large dependency, so it is optional and our lxml extractor remains
the fallback.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import Any


@cache
def available() -> bool:
    """Whether trafilatura can be imported (checked once, without importing it)."""
    return importlib.util.find_spec("trafilatura") is not None


def extract(markup: str, *, required: bool = False) -> list[str] | None:
    """The main text's paragraphs, or None when trafilatura is missing or finds nothing.

    Raises:
        ImportError: ``required`` and trafilatura is not installed.
    """
    if not available():
        if required:
            raise ImportError("trafilatura is missing: pip install 'article-convert[html]'")
        return None
    import trafilatura

    extracted: Any = trafilatura.extract(
        markup, include_comments=False, include_tables=True, deduplicate=False
    )
    if not isinstance(extracted, str) or not extracted.strip():
        return None
    return [line for line in extracted.split("\n") if line.strip()]
