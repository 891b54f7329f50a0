"""What both XML feeds need: forbidden characters removed, and a leaf writer for ``xmlfile``.

lxml refuses control characters and lone surrogates outright, and a feed that failed halfway
would be worse than one missing a stray control character, so every string is cleaned on its way
out. Elements are written straight to lxml's incremental writer (``etree.xmlfile``) and never kept:
that is what keeps memory flat however long the feed is, and it lets namespace prefixes declared
once on the root serve every item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from convert.converters._items import Image

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

XmlWriter = Any
"""lxml's ``_IncrementalFileWriter``, which lxml's stubs do not export."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry.

    Printable text (no control, format, surrogate or unassigned characters, a check done in C)
    is always valid XML, so the regex only runs for the rest: most titles skip it.
    """
    return text if text.isprintable() else _NOT_XML.sub("", text)


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


def media_content(image: Image) -> tuple[dict[str, str], str | None]:
    """An image as ``(media:content attributes, media:title text or None)``, ready to write.

    Both XML feeds print images alike; the attributes are a dict so a row can hand them to
    ``xf.element`` as they are (marshal keeps a dict's order through a spill).
    """
    attrib = {"url": image.url, "medium": "image"}
    if image.width is not None:
        attrib["width"] = str(image.width)
    if image.height is not None:
        attrib["height"] = str(image.height)
    return attrib, xml_text(image.title) if image.title else None
