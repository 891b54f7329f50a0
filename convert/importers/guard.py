"""Refusing XML that declares entities, before any parser sees it.

Entity declarations are how hostile feeds attack a reader: nested entities expand a few
hundred bytes into gigabytes ("billion laughs"), one large entity referenced many times does the
same quadratically, and ``SYSTEM`` entities ask the parser to read local files or URLs. Feeds have
no need for them. feedparser drops most declarations itself, but its check looks only at the
text before the first ``<`` followed by a letter, so a comment such as ``<!-- <a> -->`` ahead of
the DOCTYPE hands the whole DTD to expat, whose own limit then depends on the expat version. We
look for a declaration anywhere outside comments and CDATA sections instead, in the document's
own encoding, and refuse the feed with one finding.
"""

from __future__ import annotations

import codecs
import re

_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)
_INERT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.DOTALL)

_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _markup_text(data: bytes) -> str:
    """The document as text good enough to find markup in.

    UTF-16 and UTF-32 are decoded; everything else XML allows is ASCII-compatible for markup
    characters, so Latin-1 maps each byte to one character and never fails.
    """
    for mark, encoding in _WIDE:
        if data.startswith(mark):
            return data.decode(encoding, errors="replace")
    return data.decode("latin-1")


def entity_declaration(data: bytes) -> int | None:
    """The 1-based line of the first entity declaration in ``data``, or ``None`` if none.

    Comments and CDATA sections are blanked first (keeping their line breaks, so the line is
    right), since text in them declares nothing.
    """
    if b"ENTITY" not in data.upper() and b"E\x00N\x00" not in data.upper():
        return None
    text = _markup_text(data)
    text = _INERT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    match = _DECLARATION.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1
