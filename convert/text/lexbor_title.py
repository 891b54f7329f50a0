"""The page's title as the Lexbor reader finds it: as :func:`convert.text.html.page_title`
does with lxml, the first ``<h1>`` a reader sees that does not name the site, else
``og:title``, else ``<title>``.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from convert.text.html_rules import TITLE_FURNITURE, hidden_by, links_home
from convert.text.lexbor_furniture import hidden_attribute
from convert.text.normalise import collapse

_A = LexborHTMLParser("").create_node("a").tag_id
_TITLE_FURNITURE = frozenset(
    LexborHTMLParser("").create_node(tag).tag_id for tag in TITLE_FURNITURE
)


def _names_the_site(heading: LexborNode, text: str) -> bool:
    """Whether the heading's text, ``text``, is all one link to the home page (as
    :func:`convert.text.html._names_the_site` decides it)."""
    for link in heading.traverse():  # a heading holds a few nodes: no selector to parse
        if link.tag_id != _A:
            continue
        attributes = link.attributes
        if links_home(attributes.get("href"), attributes.get("rel")) and (
            collapse(link.text(deep=True)) == text
        ):
            return True
    return False


def _out_of_sight(heading: LexborNode) -> bool:
    """Whether ``heading`` sits in furniture or in an element hidden from sight (as
    :func:`convert.text.html._out_of_sight` decides it). A heading has a score of
    ancestors: each is asked its tag's number, and only one with a ``hidden`` or ``style``
    attribute (none hides without one) is asked more."""
    node: LexborNode | None = heading
    while node is not None:
        if node.tag_id in _TITLE_FURNITURE:
            return True
        attributes = node.attributes
        if ("hidden" in attributes or "style" in attributes) and hidden_by(
            hidden_attribute(attributes),
            None,
            attributes.get("style"),
            attributes.get("id"),
        ):
            return True
        node = node.parent
    return False


def _seen(heading: LexborNode, text: str) -> bool:
    """Whether ``heading``, whose text is ``text``, may be the page's title."""
    return not _names_the_site(heading, text) and not _out_of_sight(heading)


def page_title(tree: LexborHTMLParser) -> str | None:
    """The page's title: its first h1 with text that does not name the site, else og:title,
    else <title>.

    The first h1 is looked for from body on (a selection that stops at the first match):
    the parser never leaves an h1 in head, whose scripts and links the walk then skips."""
    body = tree.body
    first = (tree if body is None else body).css_first("h1")
    if first is not None:
        text = collapse(first.text(deep=True))
        if text and _seen(first, text):
            return text
    for heading in tree.css("h1"):
        text = collapse(heading.text(deep=True))
        if text and _seen(heading, text):
            return text
    for meta in tree.css('meta[property="og:title"]'):
        text = collapse(meta.attributes.get("content") or "")
        if text:
            return text
    for title in tree.css("title"):
        text = collapse(title.text(deep=True))
        if text:
            return text
    return None
