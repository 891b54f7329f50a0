"""The cleaned-text pipeline: pages and records to plain paragraphs without boilerplate.

``clean_text`` takes a page or body (str or bytes; text, HTML or Markdown) and returns its
title and paragraphs; ``clean_record`` does the same for a :class:`convert.record.Record`.
"""

from __future__ import annotations

from convert.text.pipeline import TRUNCATION, clean_record, clean_text, mark_truncation, sniff

__all__ = ["TRUNCATION", "clean_record", "clean_text", "mark_truncation", "sniff"]
