"""Sniffing a body's markup (HTML, Markdown or plain text) from its start and the file name."""

from __future__ import annotations

import re

from convert.loading.compressed import inner_name
from convert.record import BodyFormat

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
"""File names read as HTML (a saved web page, or a record whose body is HTML); an XHTML page
is read as HTML too."""


def after_xml_declaration(head: str) -> str:
    """``head`` (left-stripped) past an XML declaration (``<?xml version="1.0"?>``) and the
    white space after it: an XHTML page opens with one before its doctype or ``<html>``."""
    if head.startswith("<?xml"):
        end = head.find("?>")
        if end >= 0:
            return head[end + 2 :].lstrip()
    return head


_HTML_START = (
    "<p",
    "<div",
    "<h1",
    "<h2",
    "<h3",
    "<article",
    "<section",
    "<ul",
    "<ol",
    "<figure",
    "<blockquote",
    "<table",
    "<html",
    "<!doctype",
    "<body",
    "<span",
    "<img",
    "<a ",
)


# Markdown's own syntax, which an HTML body does not write: an ATX heading, a list item or a
# fence at a line's start, a link's "](", strong emphasis.
_MARKDOWN_SIGNS = re.compile(
    r"^(?:#{1,6}[ \t]|[-*+][ \t]+\S|\d{1,9}[.)][ \t]|```|~~~)|\]\(|\*\*\S", re.M
)


def sniff_body_format(body: str, path: str = "") -> BodyFormat:
    """Guess the body's markup from its start and the file name.

    HTML when the body opens with a block tag (the aggregator sites write HTML bodies in .md
    files), unless a .md file's body also writes Markdown syntax: a post that opens with an
    ``<img>`` or a ``<div>`` and goes on in Markdown is Markdown, as every generator and
    CommonMark render it. Otherwise Markdown for .md files or Markdown syntax; plain text
    otherwise. A compressed file is named by the name inside (``a.md.gz``: .md).
    """
    head = after_xml_declaration(body[:400].lstrip())[:200].lower()
    lowered = inner_name(path).lower()
    if head.startswith(_HTML_START):
        if lowered.endswith((".md", ".markdown")) and _writes_markdown(body):
            return "markdown"
        return "html"
    if lowered.endswith(HTML_SUFFIXES):
        return "html"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if head.startswith(("#", "- ", "* ", "> ", "```")) or "](" in body[:2000]:
        return "markdown"
    return "text"


# Elements whose text is code or data, not the author's prose: "def f(**kwargs)" in a <pre>
# is no Markdown.
_VERBATIM = re.compile(r"<(pre|code|script|style|textarea|kbd|samp)\b", re.IGNORECASE)


def _writes_markdown(body: str) -> bool:
    """Whether ``body`` writes Markdown syntax outside the elements that hold code, found in
    one forward pass: each verbatim element is skipped to its end tag (to the end of the
    text when it has none)."""
    signs = _MARKDOWN_SIGNS.finditer(body)
    sign = next(signs, None)
    if sign is None:
        return False
    lowered: str | None = None
    pos = 0
    while sign is not None:
        opened = _VERBATIM.search(body, pos, sign.start() + 1)
        if opened is None:
            return True
        if lowered is None:
            lowered = body.lower()
        end = lowered.find(f"</{opened[1].lower()}", opened.end())
        if end < 0:
            return False
        pos = end
        while sign is not None and sign.start() < end:
            sign = next(signs, None)
    return False
