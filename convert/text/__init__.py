"""The cleaned-text pipeline: pages and records to plain paragraphs without boilerplate.

``clean_text`` takes a page or body (str or bytes; text, HTML or Markdown) and returns its
title and paragraphs; ``clean_record`` does the same for a :class:`convert.record.Record`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from convert.lazy import lazy_names

if TYPE_CHECKING:
    from convert.text.pipeline import (
        TRUNCATION,
        clean_record,
        clean_text,
        mark_truncation,
        sniff,
    )

__all__ = ["TRUNCATION", "clean_record", "clean_text", "mark_truncation", "sniff"]

# The pipeline (numpy, the classifier's weights, the HTML readers) is imported on first use:
# a profile's excerpt and a feed's Markdown need only the light modules of this package.
if not TYPE_CHECKING:  # mypy reads the imports above, so a misspelt name stays an error
    __getattr__, __dir__ = lazy_names(
        __name__, dict.fromkeys(__all__, "convert.text.pipeline"), __all__
    )
