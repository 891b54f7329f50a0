"""The furniture the Lexbor reader takes out of a page's tree before it reads the text:
head, navigation, footers, asides, forms without a paragraph (less one that is the page)
and hidden elements (less a wrapper hidden from screen readers alone that holds the page),
as :func:`convert.text.lxml_furniture.strip_furniture` does with lxml. What is left for the marking
walk to take out is :data:`LATE_DROP`.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from convert.text.html_rules import NESTED_PAGE_CHARS, hidden_by, hidden_from_screen_readers_alone

# Furniture taken out while the elements are marked (one lookup each, made anyway) rather
# than by a walk of the tree per tag: what one labelled page in eight or fewer holds, and
# the elements that hold little or nothing (scripts, styles, frames and inputs).
LATE_DROP = (
    "template", "math", "object", "embed", "canvas", "dialog", "menu", "video", "audio", "map",
    "select", "picture", "script", "style", "iframe", "textarea", "input", "button", "label",
    "noscript", "rt", "rp",
)  # fmt: skip
_BODY = LexborHTMLParser("").create_node("body").tag_id
# The elements that may be hidden (HIDDEN_STYLE needs one of the two words), found by one
# selection: a walk of the tree cost as much as its tests, and most pages style many
# elements, whose attributes cost more to read in Python than to match here.
_MAY_HIDE = '[hidden],[aria-hidden],[style*="display" i],[style*="visibility" i]'
# A form's paragraph outside the furniture of LATE_DROP, which is still in the tree when
# forms are judged.
_LATE_TAGS = ", ".join(LATE_DROP)
_KEPT_PARAGRAPH = f"p:not(:is({_LATE_TAGS}) p)"
_OUTERMOST_LATE = f":is({_LATE_TAGS}):not(:is({_LATE_TAGS}) *)"
# The furniture that holds the most, each tag one walk of the tree, after head (taken out on
# its own) and before the rest (LATE_DROP), so that later walks have less to walk (the same
# elements go in any order).
_DROP = ["nav", "footer", "aside", "svg"]


def hidden_attribute(attributes: dict[str, str | None]) -> str | None:
    """The ``hidden`` attribute's value, ``""`` when bare (Lexbor gives a bare attribute's
    value as None, as an absent one's), None when absent."""
    return (attributes.get("hidden") or "") if "hidden" in attributes else None


def _hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    return hidden_by(
        hidden_attribute(attributes),
        attributes.get("aria-hidden"),
        attributes.get("style"),
        attributes.get("id"),
    )


def _read_chars(node: LexborNode) -> int:
    """Characters of text in ``node`` outside the furniture of LATE_DROP, which is still in
    the tree when forms are judged (the lxml reader has taken it out by then)."""
    late = node.css(_OUTERMOST_LATE)
    return len(node.text_lexbor()) - sum(len(piece.text_lexbor()) for piece in late)


def _forms_to_drop(tree: LexborHTMLParser, forms: list[LexborNode]) -> list[LexborNode]:
    """Of ``forms``, those without a paragraph outside furniture, less a form that is the
    page: one holding at least half of the body's text, as when ASP.NET puts the whole body
    in one (a forum whose posts are lines broken by <br>, with no paragraph, went whole): a
    child of body, or one inside a wrapper holding NESTED_PAGE_CHARS of text at least.

    Every form is judged against the whole body, measured once before any goes; the texts
    are read only where such a form is, rarely (a deeper form's own text, without the
    furniture left out, tells first whether it may be one)."""
    # Most forms hold no paragraph at all, which a plain selection tells in a third of the
    # time of _KEPT_PARAGRAPH's (its selector is parsed again at every call).
    forms = [
        form
        for form in forms
        if form.css_first("p") is None or form.css_first(_KEPT_PARAGRAPH) is None
    ]
    body = tree.body
    if body is None:
        return forms
    # A deeper form's text as read (without furniture) is at most its whole text.
    pages = [
        (form, up.tag_id == _BODY)
        for form in forms
        if (up := form.parent) is not None
        and (up.tag_id == _BODY or len(form.text_lexbor()) >= NESTED_PAGE_CHARS)
    ]
    if not pages:
        return forms
    # A deeper form is read without its furniture before the body is measured for it.
    read = [
        (form, chars)
        for form, in_body in pages
        if (chars := _read_chars(form)) >= NESTED_PAGE_CHARS or in_body
    ]
    if not read:
        return forms
    half = _read_chars(body) / 2
    kept = [form for form, chars in read if chars >= half]
    return [form for form in forms if not any(form is page for page in kept)]


def strip_furniture(tree: LexborHTMLParser) -> None:
    """Remove what never carries article text: as
    :func:`convert.text.lxml_furniture.strip_furniture`, but for the tags of LATE_DROP, which
    :func:`convert.text.html_lexbor._marked_text` takes out."""
    # The parser makes one head, whatever the markup holds (a second <head> is ignored):
    # taken out by the document's own pointer to it, without a walk.
    head = tree.head
    if head is not None:
        head.decompose(recursive=False)
    tree.strip_tags(_DROP)
    # The forms are found by a walk for their tag (Lexbor's selection of them cost more), and
    # those judged furniture go before the elements that may hide are selected, so that none
    # they held is read once they are gone. Each element goes alone, walked backwards (a
    # selection or walk lists an element before what it holds): unlinked, what it holds goes
    # with it without a walk through it.
    for form in reversed(_forms_to_drop(tree, tree.tags("form"))):
        form.decompose(recursive=False)
    # All are judged before any goes, so that the page is measured whole (as lxml's is).
    seen = set()
    hidden = []
    for node in reversed(tree.css(_MAY_HIDE)):  # an element matching two selectors comes twice
        key = node.mem_id
        if key not in seen:
            seen.add(key)
            if _hidden(node):
                hidden.append(node)
    shown = _pages_hidden_from_screen_readers(tree, hidden) if hidden else []
    for node in hidden:
        if not any(node is page for page in shown):
            node.decompose(recursive=False)


def _pages_hidden_from_screen_readers(
    tree: LexborHTMLParser, hidden: list[LexborNode]
) -> list[LexborNode]:
    """Of the ``hidden`` elements, those hidden from screen readers alone
    (:func:`convert.text.html.hidden_from_screen_readers_alone`) that hold at least half of
    the body's text and NESTED_PAGE_CHARS: the page, shown to a reader. The body is measured
    only where such an element's whole text is that long, rarely."""
    body = tree.body
    if body is None:
        return []
    candidates = []
    for node in hidden:
        attributes = node.attributes
        if (
            attributes.get("aria-hidden") == "true"  # what the test below asks first
            and hidden_from_screen_readers_alone(
                hidden_attribute(attributes),
                attributes.get("aria-hidden"),
                attributes.get("style"),
                attributes.get("id"),
            )
            and len(node.text_lexbor()) >= NESTED_PAGE_CHARS
        ):
            candidates.append(node)
    # Each is read without its furniture before the body is: most such wrappers of icons
    # and copies hold scripts rather than text, and then the body need not be measured.
    read = [
        (node, chars) for node in candidates if (chars := _read_chars(node)) >= NESTED_PAGE_CHARS
    ]
    if not read:
        return []
    half = _read_chars(body) / 2
    return [node for node, chars in read if chars >= half]
