"""What both HTML readers (lxml's in :mod:`convert.text.html`, Lexbor's in
:mod:`convert.text.html_lexbor`) decide alike: which elements are furniture, blocks and
paragraph-like blocks, what hides an element from a reader, which template is a shadow root,
which link goes home, and the shape of the places they report for each line.

Kept in one place so that a machine without selectolax cleans pages as one with it does.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

DROP = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "nav", "aside", "footer", "button", "select", "input", "textarea",
    "label", "dialog", "menu", "head", "video", "audio", "picture", "map", "rt", "rp",
)  # fmt: skip
# A ruby's annotations (<rt>: the reading set above a word, furigana or pinyin; <rp>: the
# brackets shown where ruby is not) go too: read inline, each annotated word came twice,
# once in kanji and once in kana ("東京とうきょう"), and a children's or learners' page in
# Japanese annotates most of its words.
BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class Nesting(NamedTuple):
    """Where a page's lines sit among its block elements, numbered in document order from 1
    (0 is the page itself): the number of the block holding each block (-1 for the page),
    and of the innermost block holding each line (-1 for a blank line)."""

    parents: list[int]
    owners: list[int]


# React's streamed segments: rendered hidden at the end of the body, then shown by the page's
# own script as soon as it runs (React 18 and later; Next.js pages are often all of it). Read
# where they stand: dropped as hidden, such a page came out empty.
STREAMED_SEGMENT = re.compile(r"S:[0-9a-f]+")


def hidden_by(
    attribute: str | None, aria_hidden: str | None, style: str | None, id_: str | None
) -> bool:
    """Whether an element with these attributes (``hidden`` as given, None when absent) is
    hidden from readers, as both readers decide it.

    ``hidden="until-found"`` is no hiding from a reader: the browser shows the element as soon
    as a search or a link reaches what it holds, and collapsed sections use it so that they
    can be (a mobile Wikipedia article's sections past the first; dropped, it kept the lead
    alone)."""
    if (
        attribute is not None
        and attribute.strip().lower() != "until-found"
        and not (id_ and STREAMED_SEGMENT.fullmatch(id_))
    ):
        return True
    return aria_hidden == "true" or bool(style and HIDDEN_STYLE.search(style))


def hidden_from_screen_readers_alone(
    attribute: str | None, aria_hidden: str | None, style: str | None, id_: str | None
) -> bool:
    """Whether an element with these attributes is hidden by ``aria-hidden="true"`` alone:
    from screen readers, not from sight. Most such elements are icons and copies of text
    shown elsewhere, but a page whose script opens a dialog, or reveals the article with an
    animation, marks the wrapper of the whole page so while it does, and taken as hidden, the
    page came out empty."""
    return aria_hidden == "true" and not hidden_by(attribute, None, style, id_)


# Text an element inside others must hold to be measured as the page (a form, or a wrapper
# hidden from screen readers alone): a form around the page need not be a child of body (a
# wrapper div often holds it), but most forms and hidden elements are small, and measuring
# the body against each would cost every page that has a search box or an icon.
NESTED_PAGE_CHARS = 500

SHADOW_ROOT_ATTRIBUTES = ("shadowrootmode", "shadowroot")  # the second as Chrome first read it


def shadow_root(attributes: Container[str]) -> bool:
    """Whether a template with these attributes is a declarative shadow root: the parser
    attaches what it holds to its parent as the tree the parent shows (web components
    rendered on the server, Lit's among them). A template's content is otherwise never
    shown, and is furniture; read as such, all of such a page came out empty."""
    return any(name in attributes for name in SHADOW_ROOT_ATTRIBUTES)


# Where a preformatted block's paragraphs part (a line of nothing but white space between).
BLANK_LINE = re.compile(r"\n\s*\n")

# Where a link goes to a site's home page: its root or index page, on this host or named.
_HOME_HREF = re.compile(r"(?:(?:https?:)?//[^/?#]+)?(?:/|\./|/?index\.[a-z]{3,5})?", re.I)


def links_home(href: str | None, rel: str | None) -> bool:
    """Whether a link with these attributes goes to the site's home page: ``rel="home"``, or
    an address that is the site's root or index page (an empty one is this page)."""
    if rel is not None and "home" in rel.lower().split():
        return True
    href = (href or "").strip()
    return bool(href) and _HOME_HREF.fullmatch(href) is not None


# Where a heading is no title of the page: furniture that goes whole (a menu's "Menu").
TITLE_FURNITURE = frozenset(["nav", "aside", "footer", "template"])

PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "figure",
        "ul",
        "ol",
        "dl",
    ]
)
LINK_DENSITY_MAX = 0.8  # a line over 80% link text is navigation, whatever it says
