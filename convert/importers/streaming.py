"""Large XML feeds one entry at a time, so memory follows the largest entry, not the feed.

feedparser builds the whole feed in Python objects (about 15 times the feed's size). Past
``STREAM_FROM`` bytes, lxml's pull parser walks the document instead, without loading a DTD,
resolving entities or touching the network, and each ``<item>``/``<entry>`` is handed to
feedparser as a small feed of its own: the root and channel as written (namespaces, ``xml:base``,
version), what precedes the first entry, and that one entry. So every entry is read
by the same rules as in a small feed, and each is freed as soon as it has been read. (What
came before the first entry, the feed's head, is read once, by feedparser too.)

A document that is not well-formed before its first entry goes back to feedparser whole, whose
lenient parser copes with it; an error after entries have been read is reported with its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from convert.importers.entries import FeedEntry, FeedInfo
from convert.importers.parsing import FeedSyntaxError, entries_of, head_of

STREAM_FROM = 4 * 1024 * 1024
_ENTRY_NAMES = {"item", "entry"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_CHUNK = 64 * 1024
"""Bytes handed to the parser at a time: the events of each are read before the next."""


class _Walk:
    """The events of one document, start and end of each element, with the path of open
    elements."""

    def __init__(self, data: bytes) -> None:
        self.events = _events(data)
        self.path: list[Any] = []


def _events(data: bytes) -> Iterator[tuple[str, Any]]:
    """The document's events as it is parsed, those before a syntax error included.

    A pull parser fed a chunk at a time, rather than ``iterparse``: from lxml 6.2, iterparse
    raises a syntax error before it yields the events of the chunk it was read in, so the
    entries just before a feed breaks off were lost (with lxml 6.1 they came first). A pull
    parser keeps its events when it fails, in every version.

    Raises:
        XMLSyntaxError: once every event before the error is yielded.
    """
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
            yield from parser.read_events()
        parser.close()
    except etree.XMLSyntaxError:
        yield from parser.read_events()
        raise
    yield from parser.read_events()


def stream_entries(
    data: bytes,
    location: str | None = None,
) -> tuple[FeedInfo, Iterator[FeedEntry]] | None:
    """The feed's head and an iterator of its entries, or ``None`` when the document should be
    read whole (not well-formed before its first entry, or no entries at all)."""
    from lxml import etree

    walk = _Walk(data)
    try:
        first = _to_first_entry(walk)
    except etree.XMLSyntaxError:
        return None
    if first is None:
        return None
    root = walk.path[0]
    container = walk.path[-2] if len(walk.path) > 2 else None
    info = head_of(_one_entry_feed(root, container, None), location)
    return info, _entries(walk, first, root, container, location)


def _to_first_entry(walk: _Walk) -> Any | None:
    """Advance to the start of the first entry, at depth 2 (RDF, Atom) or 3 (RSS channel)."""
    for event, element in walk.events:
        if event == "start":
            walk.path.append(element)
            if _local(element.tag) in _ENTRY_NAMES and len(walk.path) in (2, 3):
                return element
        else:
            walk.path.pop()
    return None


def _entries(
    walk: _Walk, first: Any, root: Any, container: Any | None, location: str | None
) -> Iterator[FeedEntry]:
    from lxml import etree

    entry_depth = len(walk.path)
    number = 0
    pending: Any | None = first
    try:
        for event, element in walk.events:
            if event == "start":
                walk.path.append(element)
                if (
                    pending is None
                    and len(walk.path) == entry_depth
                    and _local(element.tag) in _ENTRY_NAMES
                ):
                    pending = element
                continue
            walk.path.pop()
            if pending is None or element is not pending:
                continue
            number += 1
            yield from entries_of(_one_entry_feed(root, container, element), location, start=number)
            pending = None
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        raise FeedSyntaxError(
            f"the feed breaks off after entry {number}: {exc.msg}", line
        ) from None
    # The end of the document: walk.events is exhausted.


def _one_entry_feed(root: Any, container: Any | None, entry: Any | None) -> bytes:
    """A feed holding the head of the document and ``entry`` alone (or only the head)."""
    from lxml import etree

    mini_root = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    parent = mini_root
    if container is not None:
        parent = etree.SubElement(mini_root, container.tag, dict(container.attrib))
    head_owner = container if container is not None else root
    for child in head_owner:
        if child is entry or _local(child.tag) in _ENTRY_NAMES:
            break
        if isinstance(child.tag, str):  # the head: title, link, RSS 1.0's <channel>, ...
            parent.append(_copy(child))
    if entry is not None:
        parent.append(_copy(entry))
    return etree.tostring(mini_root, encoding="utf-8", xml_declaration=True)


def _copy(element: Any) -> Any:
    from copy import deepcopy

    copied = deepcopy(element)
    copied.tail = None
    return copied
