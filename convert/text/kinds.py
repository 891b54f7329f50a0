"""Which kind of input a page is (HTML, Markdown or plain text), and whether HTML is a whole
page or a fragment: the guesses :func:`convert.text.clean_text` makes when it is not told.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["text", "html", "markdown"]
KINDS: tuple[Kind, ...] = ("text", "html", "markdown")

_HTML_SIGNS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|br|span|article|section|h[1-6]|ul|li|a\s|img\s"
    r"|table|meta|title|script|em|strong|b|i)[\s/>]",
    re.I,
)
_PAGE_SIGNS = re.compile(r"<(?:!doctype|html|body|head)[\s>]", re.I)
_PAGE_SIGNS_BYTES = re.compile(_PAGE_SIGNS.pattern.encode(), re.I)
_PAGE_HEAD_CHARS = 5000  # where a whole page shows its doctype, html, head or body tag
# What a saved page may open with before that: white space, comments, and the elements of a
# head (style sheets, scripts, its title, meta, link and base tags). One labelled page holds
# 51 kB of them before its doctype, and was taken for a fragment. Each is passed over in one
# scan; one left open ends the passing.
_LEADING = (
    r"(?:\s++|<!--.*?-->|<style\b.*?</style\s*>|<script\b.*?</script\s*>"
    r"|<title\b.*?</title\s*>|<(?:meta|link|base)\b[^>]*+>)*+"
)
_LEADING_TEXT = re.compile(_LEADING, re.I | re.S)
_LEADING_BYTES = re.compile(_LEADING.encode(), re.I | re.S)


def whole_page(markup: str | bytes) -> bool:
    """Whether HTML ``markup`` (text, or UTF-8 bytes) is a whole page (boilerplate removal's
    default) rather than a fragment, told by its first _PAGE_HEAD_CHARS characters past what
    it opens with (_LEADING)."""
    if isinstance(markup, bytes):
        leading = _LEADING_BYTES.match(markup)  # matches, if only the empty string
        start = leading.end() if leading else 0
        # A sign within as many bytes is one within as many characters (a character is at
        # least a byte, and the sign's own are ASCII): most pages show one at once, and their
        # head goes undecoded.
        if _PAGE_SIGNS_BYTES.search(markup, start, start + _PAGE_HEAD_CHARS):
            return True
        # A character is at most 4 bytes; one cut at the end of the slice is replaced.
        head = markup[start : start + 4 * _PAGE_HEAD_CHARS].decode("utf-8", "replace")
        return _PAGE_SIGNS.search(head, 0, _PAGE_HEAD_CHARS) is not None
    matched = _LEADING_TEXT.match(markup)
    start = matched.end() if matched else 0
    return _PAGE_SIGNS.search(markup, start, start + _PAGE_HEAD_CHARS) is not None


# Each sign is found in linear time: a class never matches its pattern's own opener, and
# bold is looked for only after the first opener of each line (if any closer follows that
# one, the search has its answer; retrying every later opener was quadratic).
_MD_SIGNS = (
    re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M),
    re.compile(r"\[[^\[\]\n]++\]\([^()\s]++\)"),
    re.compile(r"^\s{0,3}(?:```|~~~)", re.M),
    re.compile(r"^(?>[^\n]*?(?:\*\*|__)(?=\S))\S[^\n]*\S(?:\*\*|__)", re.M),
    re.compile(r"^\s{0,3}>\s", re.M),
    re.compile(r"!\[[^\[\]\n]*+\]\("),
)


def sniff(text: str) -> Kind:
    """Guess the kind of ``text``: HTML when it has tags, Markdown when it has two signs of it.

    Not :func:`convert.loading.sniff_body_format`, on purpose: that one judges a record body
    by its first characters and its file name, which an author's body opens with; this one
    judges whole pages handed to :func:`convert.text.clean_text` with no name, where markup
    may start after junk (PHP warnings, comments) and a text copy may open with "#tag" or
    "* Home".
    On the 848 labelled pages the body sniffer calls 10 HTML pages text and 2 text copies
    Markdown; this one gets all HTML pages right. Records keep the body format the loader
    gave them (:func:`convert.text.clean_record` never sniffs).
    """
    head = text[:20_000]
    if len(_HTML_SIGNS.findall(head)) >= 2 or _PAGE_SIGNS.search(head[:1000]):
        return "html"
    signs = sum(1 for pattern in _MD_SIGNS if pattern.search(head))
    return "markdown" if signs >= 2 else "text"
