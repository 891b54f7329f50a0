"""Entry points for /work/shared/text-eval/score.py (see README "Cleaned text").

No ``from __future__ import annotations`` here: score.py loads this file by path without
registering it in ``sys.modules``. The classifier's trainer is tools/train_text_classifier.py.
"""

from convert.text import clean_text


def clean(page: str) -> str:
    """Plain-text input (a page as a browser's text copy)."""
    return clean_text(page, kind="text")


def clean_html(page: bytes) -> str:
    """HTML input with the default extractor (trafilatura when installed)."""
    return clean_text(page, kind="html")


def clean_html_builtin(page: bytes) -> str:
    """HTML input with our own lxml extractor only."""
    return clean_text(page, kind="html", extractor="builtin")
