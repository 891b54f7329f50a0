"""What both XML feeds need: forbidden characters removed, leaves for the feed head, and item
templates that lxml's incremental writer prints in one call.

lxml refuses control characters and lone surrogates outright, and a feed that failed halfway
would be worse than one missing a stray control character, so every string is cleaned on its way
out. Everything is written straight to lxml's incremental writer (``etree.xmlfile``) and nothing
is kept: that is what keeps memory flat however long the feed is, and it lets namespace prefixes
declared once on the root serve every item.

Items are the hot path. Opening and closing each of an item's dozen elements through the writer
costs a Python-to-C round trip apiece, so each item is instead a prepared element, filled in and
handed to ``xf.write`` whole, which serialises it in C. One prepared element serves every item of
the same *shape* (which optional elements it has, how many authors, tags and images), so an item
costs only its text and attribute assignments and one write.

A prepared element cannot carry namespaced children in the ordinary way: lxml would declare
their namespaces again on every item it writes. So templates are parsed from markup with the
prefixes left undeclared (``<dc:creator>``), in libxml2's recovering mode, which keeps such a
name as it is written; inside the root that declares ``dc`` the bytes are exactly those the
writer would print for the namespaced element (the tests compare them). Only markup made here
from a shape goes through that parser, never a record's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, NamedTuple

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (see report)

from convert.converters._items import Image

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

XmlWriter = Any
"""lxml's ``_IncrementalFileWriter``, which lxml's stubs do not export."""

SLOT = "$"
"""Marks, in a template's markup, a text or an attribute value that each item fills in."""
MAX_TEMPLATES = 256
"""Templates kept at once; a feed with more shapes than this starts the cache again."""

_TEMPLATE_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)


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


class Template(NamedTuple):
    """A prepared item and where its values go: texts and attribute values in document order."""

    element: Any
    texts: tuple[Any, ...]
    attributes: tuple[tuple[Any, str], ...]


def template(markup: str) -> Template:
    """The prepared element for ``markup``, whose ``$`` texts and attribute values are slots.

    Elements left empty get an empty text, so they print as ``<tag></tag>`` like the writer's
    own elements; the item ends with a line break, one item a line.
    """
    element = etree.fromstring(markup, _TEMPLATE_PARSER)
    texts, attributes = [], []
    for node in element.iter():
        attributes += [(node, name) for name, value in node.attrib.items() if value == SLOT]
        if node.text == SLOT:
            texts.append(node)
        elif len(node) == 0:
            node.text = ""
    element.tail = "\n"
    return Template(element, tuple(texts), tuple(attributes))


class Templates(dict[Hashable, Template]):
    """Templates by item shape, made from ``markup(shape)`` the first time a shape is seen."""

    def __init__(self, markup: Callable[[Any], str]) -> None:
        super().__init__()
        self._markup = markup

    def __missing__(self, shape: Hashable) -> Template:
        if len(self) >= MAX_TEMPLATES:  # bounded even when every item has its own shape
            self.clear()
        made = self[shape] = template(self._markup(shape))
        return made


def fill(prepared: Template, texts: Iterable[str], values: Iterable[str]) -> Any:
    """``prepared``'s element with ``texts`` and attribute ``values`` in place, ready to write."""
    for node, text in zip(prepared.texts, texts, strict=True):
        node.text = text
    for (node, name), value in zip(prepared.attributes, values, strict=True):
        node.set(name, value)
    return prepared.element


class MediaSlots(NamedTuple):
    """An item's images as template slots: a kind per image (its shape), and what fills them."""

    kinds: tuple[int, ...]
    titles: tuple[str, ...]
    values: tuple[str, ...]


_WIDTH, _HEIGHT, _TITLE = 1, 2, 4


def media_slots(images: Iterable[Image]) -> MediaSlots:
    """What ``media_markup`` needs to print ``images``: both XML feeds print images alike."""
    kinds: list[int] = []
    titles: list[str] = []
    values: list[str] = []
    for url, width, height, title in images:
        kind = 0
        values.append(url)
        if width is not None:
            kind |= _WIDTH
            values.append(str(width))
        if height is not None:
            kind |= _HEIGHT
            values.append(str(height))
        if title is not None:
            kind |= _TITLE
            titles.append(xml_text(title))
        kinds.append(kind)
    return MediaSlots(tuple(kinds), tuple(titles), tuple(values))


def media_markup(kind: int) -> str:
    """Template markup for one image of ``kind``: ``media:content``, with ``media:title``."""
    width = ' width="$"' if kind & _WIDTH else ""
    height = ' height="$"' if kind & _HEIGHT else ""
    title = "<media:title>$</media:title>" if kind & _TITLE else ""
    return f'<media:content url="$" medium="image"{width}{height}>{title}</media:content>'
