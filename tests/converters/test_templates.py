"""Item templates print exactly what lxml's writer prints for the same namespaced elements.

Templates carry undeclared prefixes (``dc:creator``) so that one ``xf.write`` per item does not
repeat namespace declarations. Each test rebuilds the filled template as real namespaced
elements, opened and closed one by one through the writer, and compares the bytes.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from convert.converters import atom, rss
from convert.converters._items import Image, Item
from convert.converters._xml import MAX_TEMPLATES, Templates, fill, template, xml_text

texts = st.text().map(xml_text)
maybe = st.none() | texts.filter(bool)
images = st.builds(
    Image,
    st.just("https://example.com/a.jpg?x=1&y=2"),
    st.none() | st.integers(0, 5000),
    st.none() | st.integers(0, 5000),
    maybe,
)
items = st.builds(
    Item,
    st.just("urn:uuid:0b5b8a6e-4d6c-5e1e-9f0e-3c2a1b0d9e8f"),
    st.none() | st.just("https://example.com/a?b=1&c=<2>"),
    texts,
    maybe,
    maybe,
    st.booleans(),
    st.none() | st.just(datetime(2024, 2, 29, 23, 59, tzinfo=UTC)),
    st.none() | st.just(datetime(2024, 3, 1, tzinfo=UTC) + timedelta(seconds=1)),
    st.lists(texts, max_size=2).map(tuple),
    st.lists(texts.filter(bool), max_size=3, unique=True).map(tuple),
    st.lists(images, max_size=2).map(tuple),
    st.just("posts/a.md"),
)


def _plain(xf: Any, node: Any, nsmap: dict[str | None, str]) -> None:
    """``node`` and its children through the writer, with real namespaces: the plain way."""
    prefix, _, local = node.tag.rpartition(":")
    namespace = nsmap.get(prefix or None)
    with xf.element(f"{{{namespace}}}{local}" if namespace else local, dict(node.attrib)):
        if node.text:
            xf.write(node.text)
        for child in node:
            _plain(xf, child, nsmap)


def _both_ways(element: Any, root: str, nsmap: dict[str | None, str]) -> tuple[bytes, bytes]:
    printed = []
    for way in ("template", "plain"):
        out = io.BytesIO()
        with etree.xmlfile(out, encoding="utf-8") as xf, xf.element(root, nsmap=nsmap):
            if way == "template":
                xf.write(element)
            else:
                _plain(xf, element, nsmap)
                xf.write("\n")
        printed.append(out.getvalue())
    return printed[0], printed[1]


@settings(max_examples=200, deadline=None)
@given(items)
def test_an_rss_item_template_prints_what_the_writer_prints(item: Item) -> None:
    _, _, _, shape, item_texts, values = rss._row(item)
    element = fill(Templates(rss._markup)[shape], item_texts, values)
    ours, plain = _both_ways(element, "rss", rss.NSMAP)
    assert ours == plain
    assert b"xmlns" not in ours[ours.index(b">") :]  # declared once, on the root


@settings(max_examples=200, deadline=None)
@given(items)
def test_an_atom_entry_template_prints_what_the_writer_prints(item: Item) -> None:
    _, _, _, shape, entry_texts, values = atom._row(item)
    entry_texts = tuple("2024-01-01T00:00:00Z" if t is None else t for t in entry_texts)
    element = fill(Templates(atom._markup)[shape], entry_texts, values)
    nsmap = atom.NSMAP_NO_LANG
    ours, plain = _both_ways(element, f"{{{atom.ATOM}}}feed", nsmap)
    assert ours == plain
    assert b"xmlns" not in ours[ours.index(b">") :]


def test_a_template_finds_its_slots_in_document_order() -> None:
    made = template('<a><b>$</b><c x="$" y="1" z="$"><d>$</d></c><e/></a>')
    assert [node.tag for node in made.texts] == ["b", "d"]
    assert [(node.tag, name) for node, name in made.attributes] == [("c", "x"), ("c", "z")]
    element = fill(made, ["1 < 2", "&"], ["\"q\"", "z"])
    assert etree.tostring(element) == (
        b'<a><b>1 &lt; 2</b><c x="&quot;q&quot;" y="1" z="z"><d>&amp;</d></c><e></e></a>\n'
    )


def test_a_template_refuses_too_few_or_too_many_values() -> None:
    made = template("<a><b>$</b></a>")
    with pytest.raises(ValueError):
        fill(made, [], [])
    with pytest.raises(ValueError):
        fill(made, ["x", "y"], [])


def test_the_template_cache_stays_bounded() -> None:
    made: list[int] = []
    templates = Templates(lambda shape: made.append(shape) or "<a>$</a>")
    for shape in range(MAX_TEMPLATES * 2 + 1):
        templates[shape]
        templates[shape]  # a second use of a shape is served from the cache
    assert len(templates) <= MAX_TEMPLATES
    assert made == list(range(MAX_TEMPLATES * 2 + 1))
