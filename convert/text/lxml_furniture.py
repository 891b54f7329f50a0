"""The furniture the lxml reader takes out of a page's tree before it reads the text:
what never holds the article (:data:`convert.text.html_rules.DROP`), forms without a
paragraph (less one that is the page) and hidden elements (less a wrapper hidden from screen
readers alone that holds the page), as :mod:`convert.text.lexbor_furniture` does with Lexbor.
An element taken out leaves its tail, which is its parent's text.
"""

from __future__ import annotations

import re

from lxml import etree

from convert.text.html_rules import (
    DROP,
    NESTED_PAGE_CHARS,
    SHADOW_ROOT_ATTRIBUTES,
    hidden_by,
    hidden_from_screen_readers_alone,
)

# What lxml refuses to set as text (XML 1.0 has no such character), though libxml2's HTML
# parser reads it into the tree: the ones Python counts as white space (which the lines are
# split at), and the rest, which repair removes from the text later anyway.
_NOT_XML_SPACE = re.compile("[\x0b\x0c\x1c-\x1f]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\ud800-\udfff\ufffe\uffff]")


def _settable(text: str) -> str:
    """``text`` as lxml will set it, read the same by what comes after."""
    return _NOT_XML.sub("", _NOT_XML_SPACE.sub(" ", text))


def _hidden(el: etree._Element) -> bool:
    return hidden_by(el.get("hidden"), el.get("aria-hidden"), el.get("style"), el.get("id"))


def _pages_hidden_from_screen_readers(
    root: etree._Element, hidden: list[etree._Element]
) -> list[etree._Element]:
    """Of the ``hidden`` elements, those hidden from screen readers alone that hold at least
    half of the body's text (and NESTED_PAGE_CHARS): the page, shown to a reader (as
    :func:`convert.text.lexbor_furniture._pages_hidden_from_screen_readers`)."""
    candidates = [
        el
        for el in hidden
        if hidden_from_screen_readers_alone(
            el.get("hidden"), el.get("aria-hidden"), el.get("style"), el.get("id")
        )
        and _chars(el) >= NESTED_PAGE_CHARS
    ]
    body = next(root.iter("body"), None) if candidates else None
    if body is None:
        return []
    half = _chars(body) / 2
    return [el for el in candidates if _chars(el) >= half]


def _chars(el: etree._Element) -> int:
    return sum(map(len, el.itertext()))


def _forms_to_drop(root: etree._Element) -> list[etree._Element]:
    """The forms without a paragraph, less a form that is the page: one holding at least half
    of the body's text (a child of body, or one deeper holding NESTED_PAGE_CHARS), all judged
    against the body measured once (as :func:`convert.text.lexbor_furniture._forms_to_drop`)."""
    forms = [el for el in root.iter("form") if el.find(".//p") is None]
    pages = [
        form
        for form in forms
        if (up := form.getparent()) is not None
        and (up.tag == "body" or _chars(form) >= NESTED_PAGE_CHARS)
    ]
    if not pages:
        return forms
    body = next(root.iter("body"), None)
    half = _chars(body) / 2 if body is not None else 0.0
    kept = [form for form in pages if _chars(form) >= half]
    return [form for form in forms if not any(form is page for page in kept)]


def strip_furniture(root: etree._Element) -> None:
    """Remove elements that never carry article text, in place."""
    # A shadow root's template (libxml2 reads what it holds as its children) stays as an
    # element of no tag's: its text is read where it stands.
    for template in root.iter("template"):
        if any(name in template.attrib for name in SHADOW_ROOT_ATTRIBUTES):
            template.tag = "shadow-root"
    etree.strip_elements(root, *DROP, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    # Forms go too, except one wrapping the article (ASP.NET pages put the whole body in one).
    for form in _forms_to_drop(root):
        _remove(form)
    # Only elements with one of the telling attributes can be hidden: XPath finds them in C
    # instead of a Python test of every element.
    found = root.xpath("//*[@hidden or @aria-hidden or @style]")
    candidates = found if isinstance(found, list) else []
    hidden = [el for el in candidates if isinstance(el, etree._Element) and _hidden(el)]
    shown = _pages_hidden_from_screen_readers(root, hidden)
    for el in hidden:
        if not any(el is page for page in shown):
            _remove(el)


def _remove(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail, which is text of the parent, not of the element."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = _settable((prev.tail or "") + tail)
        else:
            parent.text = _settable((parent.text or "") + tail)
