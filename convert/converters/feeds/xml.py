"""What both XML feeds need: forbidden characters removed, escaping, leaves for the feed head,
and a way to stream items rendered ahead of time into lxml's incremental writer.

lxml refuses control characters and lone surrogates outright, and a feed that failed halfway
would be worse than one missing a stray control character, so every string is cleaned on its way
out: an item's texts once, by the item builder (``xml_text``, before a text is judged blank, and
for JSON Feed too), the head's by ``leaf``. The document itself (declaration, root, namespace
declarations, channel or feed head, and closing tags) is written with lxml's incremental writer
(``etree.xmlfile``), which keeps nothing, so memory stays flat however long the feed is.

Items are the hot path: a feed of 100,000 items is a million elements. Each item is rendered
once, while the feed's items are read, into the one line of XML it prints, escaped exactly as
libxml2 escapes (the tests compare the bytes with lxml's own for any cleaned text), and not
scanned for what XML forbids a second time: that was a fifth of an RSS item's rendering.
That line is what the feed order sorts, spills and hands back, and the writer passes it through
between its own output (``write_rendered``). Elements opened through lxml cost a Python-to-C
round trip each; rendered lines cost a string format.
Namespaced items (``dc:creator``, ``media:content``) use the prefixes the root declares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from convert.converters.feeds.items import Image
    from convert.converters.feeds.parts import Download, Video

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

XmlWriter = Any
"""lxml's ``_IncrementalFileWriter``, which lxml's stubs do not export."""

LINES_PER_WRITE = 256
"""Rendered items joined into one write to the output stream."""


_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))
"""The C0 controls XML 1.0 forbids; no other character encodes to these bytes in UTF-8."""


def _valid(text: str) -> bool:
    """Whether ``text`` is valid XML, by scans in C rather than the regex.

    Printable text (no control, format, surrogate or unassigned characters) always is, and
    ``isprintable`` stops at the first line break, which every article body has: those take
    the byte route, where deleting the forbidden controls changes nothing in valid text.
    Beyond them XML forbids only lone surrogates (which do not encode) and U+FFFE/U+FFFF.
    """
    if text.isprintable():
        return True
    try:
        data = text.encode()
    except UnicodeEncodeError:
        return False
    if len(data.translate(None, _CONTROL)) != len(data):
        return False
    return text.isascii() or (b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry.

    The regex only runs when the scans of ``_valid`` find something: most texts skip it.
    """
    return text if _valid(text) else _NOT_XML.sub("", text)


def xml_escape(text: str) -> str:
    """``text``, cleaned already (``xml_text``, as every text of an item is), as element
    content, the way libxml2 writes it: ``& < >`` and carriage returns as references.

    It runs for every text of every item, so the replacing is skipped after scans in C when, as
    for most texts, there is nothing to replace.
    """
    if "&" in text or "<" in text or ">" in text or "\r" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace("\r", "&#13;")
    return text


def xml_markup(text: str) -> tuple[str, str, str]:
    """Element content holding markup (an article's HTML) already cleaned (``xml_text``), as
    the three strings to write: a CDATA section when it can be one, else ``xml_escape``'s text.

    Both give a reader the same text; the section needs no replacing of every ``<``, ``>`` and
    ``&`` in a long body, and XML forbids only "]]>" inside it (a carriage return would be
    normalised away, so a text with one is escaped instead). Three parts, so that a body of
    kilobytes is copied once, when the item's parts are joined. No second scan for what XML
    forbids: for a body of 3 KB it took about 2 us, 5% of the item.
    """
    if "]]>" in text or "\r" in text:
        return "", xml_escape(text), ""
    return "<![CDATA[", text, "]]>"


def escape_attribute(value: str) -> str:
    """A double-quoted attribute value (cleaned already) as libxml2 writes it: ``xml_escape``
    plus ``"``, tab and line feed, so that a reader gets the value back unnormalised."""
    text = xml_escape(value)
    if '"' in text or "\n" in text or "\t" in text:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def leaf(
    xf: XmlWriter, tag: str, text: str | None, attrib: Mapping[str, str] | None = None
) -> None:
    """Write ``<tag attrib>text</tag>`` and a line break, with cleaned text and attributes.

    One element per line keeps feeds readable and their golden files reviewable in a diff.
    """
    clean = {k: xml_text(v) for k, v in attrib.items()} if attrib else {}
    with xf.element(tag, clean):
        if text:
            xf.write(xml_text(text))
    xf.write("\n")


def media_content(images: Iterable[Image]) -> str:
    """``media:content`` elements (Media RSS) for ``images``: both XML feeds print them alike.

    Image URLs are absolute URLs made safe by the item builder, and sizes are integers; only
    titles are free text.
    """
    parts = []
    for url, width, height, title in images:
        parts.append(f'<media:content url="{escape_attribute(url)}" medium="image"')
        if width is not None:
            parts.append(f' width="{width}"')
        if height is not None:
            parts.append(f' height="{height}"')
        if title is not None:
            parts.append(f"><media:title>{xml_escape(title)}</media:title>")
            parts.append("</media:content>")
        else:
            parts.append("></media:content>")
    return "".join(parts)


def media_videos(videos: Iterable[Video]) -> str:
    """``media:content medium="video"`` elements, typed only when the address names a type."""
    parts = []
    for url, media_type in videos:
        typed = f' type="{media_type}"' if media_type else ""
        parts.append(f'<media:content url="{escape_attribute(url)}"{typed} medium="video">')
        parts.append("</media:content>")
    return "".join(parts)


def media_files(downloads: Iterable[Download]) -> str:
    """``media:content`` elements for files offered for download, typed only when the address
    names a type, titled when the record titles them."""
    parts = []
    for url, title, media_type in downloads:
        typed = f' type="{escape_attribute(media_type)}"' if media_type else ""
        parts.append(f'<media:content url="{escape_attribute(url)}"{typed}>')
        if title:
            parts.append(f"<media:title>{xml_escape(title)}</media:title>")
        parts.append("</media:content>")
    return "".join(parts)


def write_rendered(xf: XmlWriter, out: BinaryIO, lines: Iterable[str]) -> None:
    """Write rendered items at the writer's current place, several to one ``out.write``.

    The writer's buffer is flushed first, so everything it wrote comes before the items, and
    what it writes next comes after them.
    """
    xf.flush()
    lines = iter(lines)
    while batch := "".join(islice(lines, LINES_PER_WRITE)):
        out.write(batch.encode())
