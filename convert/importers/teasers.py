"""Summaries that are the start of an article cut off, and the lines blogs append to them.

WordPress in summary mode ("For each post in a feed, include: Excerpt") writes no
``content:encoded``, and its ``<description>`` is a teaser: the first words of the post and a
truncation mark (``[&#8230;]``, the ``[&hellip;]`` of ``excerpt_more``, or a theme's own
``[...]`` or ``&hellip;``), often a "Read More..." or "Continue reading" link to the post, and
a footer from an SEO plugin: Yoast's "The post <a>Title</a> appeared first on <a>Blog</a>."
("Der Beitrag ... erschien zuerst auf ..." in German), All in One SEO's "... first appeared
on ...". That is an excerpt, however many paragraphs the link and the footer make, not the
article.

The link and the footer are recognised by what they point at, which holds in every language
and theme: a read-more link goes to the entry's own page; the footer is a paragraph of a few
words around two links, the entry's page and its site's home. Neither is the excerpt's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from convert.importers.bodies import html_to_text, is_article
from convert.importers.preparing import fragment
from convert.importers.tracking import without_tracking

_BLOCKS = ("p", "div")
_BARE = re.compile(r"^[\W_]*$")  # white space, punctuation and arrows: no words
_WORD = re.compile(r"\w+")
_FOOTER_WORDS = 12
"""Words outside its two links that a footer has at most ("The post", "appeared first on":
five in English, six in French)."""
_READ_MORE = re.compile(
    r"^(?:continue(?:\s+reading)?|keep\s+reading|read\s+(?:more|on|the\s+rest|the\s+full|full)"
    r"|more|weiterlesen|mehr\s+lesen|lire\s+la\s+suite|leer\s+m[aá]s|continuar\s+leyendo"
    r"|continua\s+a\s+leggere|leggi\s+tutto|lees\s+verder|leia\s+mais|continue\s+lendo)\b",
    re.IGNORECASE,
)
_READ_MORE_BEFORE = re.compile(
    r"(?:continue\s+reading|keep\s+reading|read\s+more|read\s+the\s+rest(?:\s+of\s+this\s+\w+)?)"
    r"[\s:.…»→-]*$",
    re.IGNORECASE,
)
_ONWARD = re.compile(r"more(?:-\d+)?", re.IGNORECASE)
"""The fragments of a link to where an article goes on after its teaser: WordPress's more tag
(``#more-123``), Blogger's jump link (``#more``)."""
_MARKS = ("…", "...", "#8230;", "hellip;", "#x2026;")  # "&amp;hellip;" too
_TAIL = 1000
"""How far from its end a summary's truncation mark may stand (closing tags, a read-more
link and a tracking image may follow it)."""
_CUT = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]$")
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)$")


@dataclass(frozen=True)
class Summary:
    """A summary without the read-more link and footer it ended with (``html``), and whether
    it is a teaser: the cut-off start of its article."""

    html: str
    teaser: bool


def read_summary(text: str, pages: Collection[str]) -> Summary:
    """``text`` (a summary's HTML) without a trailing footer or read-more link that points at
    one of ``pages`` (the entry's addresses), and whether it is a teaser.

    It is when a read-more link ended it, or when its text ends in a bracketed ellipsis
    (``[…]``, ``[...]``), or in a bare one (``…``, ``...``) and is a single paragraph: an
    article of several may end in an ellipsis, a WordPress excerpt is one paragraph.

    A read-more link alone (no ``#more``, no mark before it) does not cut a summary that is a
    whole article (:func:`~convert.importers.bodies.is_article`): WordPress's excerpts are a
    paragraph or two and its themes put a mark before their link, its more tag and Blogger's
    jump break link ``#more``; a full post may end in a link to itself in any words
    ("Permalink", "Read more about this topic"), and read as a teaser it would lose all but
    its flattened text.
    """
    trimmed, read_more, at_cut = _without_boilerplate(text, pages)
    if read_more and (at_cut or _ends_cut(trimmed) or not is_article(trimmed)):
        return Summary(trimmed, True)
    tail = trimmed[-_TAIL:].lower()
    if not any(mark in tail for mark in _MARKS):  # no parse for the summaries that are none
        return Summary(trimmed, False)
    # Twice unescaped: a feed that escaped its description twice shows "[&hellip;]".
    end = html.unescape(html_to_text(trimmed)[-_TAIL:]).rstrip()
    if _CUT.search(end):
        return Summary(trimmed, True)
    if _ELLIPSIS.search(end) is None or is_article(trimmed):
        return Summary(trimmed, False)
    return Summary(trimmed, _paragraphs(trimmed) <= 1)


def _ends_cut(text: str) -> bool:
    """Whether the HTML ``text`` ends in a truncation mark, bracketed or bare."""
    if not any(mark in text[-_TAIL:].lower() for mark in _MARKS):
        return False
    end = html.unescape(html_to_text(text)[-_TAIL:]).rstrip()
    return _CUT.search(end) is not None or _ELLIPSIS.search(end) is not None


def _paragraphs(text: str) -> int:
    """How many paragraphs of ``text`` hold words (a featured image's paragraph holds none)."""
    root = fragment(text)
    if root is None:
        return 0
    return sum(1 for e in root.iter("p") if _WORD.search(_text(e)))


def _without_boilerplate(text: str, pages: Collection[str]) -> tuple[str, bool, bool]:
    """``text`` without its footer and read-more link, whether a read-more link was there,
    and whether it linked where the article goes on (``#more``); ``text`` itself when it has
    neither."""
    wanted = {_page(page) for page in pages} - {None}
    if not wanted or "<a" not in text.lower():
        return text, False, False
    root = fragment(text)
    if root is None:
        return text, False, False
    base = next(iter(pages))
    changed = read_more = at_cut = False
    for _ in range(2):  # the footer and a read-more paragraph, in either order
        block = _last_block(root)
        if block is None:
            break
        if _is_footer(block, wanted, base):
            _remove(block)
            changed = True
        elif _is_read_more_block(block, wanted, base):
            at_cut = _to_the_cut(block)
            _remove(block)
            changed = read_more = True
        else:
            break
    if not read_more:
        block = _last_block(root)
        anchor = _trailing_read_more(root if block is None else block, wanted, base)
        if anchor is not None:
            at_cut = _to_the_cut(anchor)
            _drop_with_lead_in(anchor)
            changed = read_more = True
    if not changed:
        return text, False, False
    return _inner_html(root), read_more, at_cut


def _to_the_cut(element: Any) -> bool:
    """Whether a link in ``element`` (each to the entry's page) has a fragment: one that
    :func:`_page` let through is where the article goes on (:data:`_ONWARD`)."""
    return any("#" in (a.get("href") or "").rstrip("#") for a in element.iter("a"))


def _page(url: str | None, base: str | None = None) -> str | None:
    """``url`` as the page it opens, for comparing: no scheme, ``www.``, trailing slash or
    tracking parameters (a read-more link may lack what the entry link has). Its fragment stays
    unless it is where the article goes on (:data:`_ONWARD`): ``#comments``, ``#respond`` or
    ``#disqus_thread`` on the entry's page is a link to its comments, which ends whole
    articles too."""
    if not url:
        return None
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = _port(parts)
    address = f"//{host}" + (f":{port}" if port else "") + parts.path.rstrip("/")
    address = without_tracking(address + (f"?{parts.query}" if parts.query else ""))
    onward = not parts.fragment or _ONWARD.fullmatch(parts.fragment) is not None
    return address if onward else f"{address}#{parts.fragment}"


def _port(parts: Any) -> int | None:
    try:
        port = parts.port
    except ValueError:
        return None
    return port if isinstance(port, int) and port not in (80, 443) else None


def _last_block(root: Any) -> Any:
    """The last paragraph or ``div`` of ``root`` when nothing but white space, punctuation,
    line breaks, images (WordPress.com's tracking pixel) and empty paragraphs follow it."""
    for child in reversed(root):
        if not _BARE.match(child.tail or ""):
            return None
        if not isinstance(child.tag, str) or child.tag in ("img", "br"):
            continue  # a comment, a line break or an image
        if child.tag in _BLOCKS and not _WORD.search(_text(child)) and child.find(".//img") is None:
            continue  # an empty paragraph (<p>&nbsp;</p>)
        return child if child.tag in _BLOCKS else None
    return None


def _is_footer(block: Any, pages: set[str | None], base: str) -> bool:
    """An SEO plugin's footer: a few words around two links, the entry's page then the
    home page of its site (``https://site`` or, for a blog in a folder, ``https://site/blog``)."""
    anchors = list(block.iter("a"))
    if len(anchors) != 2:
        return False
    post, home = (_page(a.get("href"), base) for a in anchors)
    if post is None or post not in pages or home is None or "?" in home:
        return False
    if not post.startswith(home + "/"):
        return False
    return len(_WORD.findall(_outside_links(block))) <= _FOOTER_WORDS


def _is_read_more_block(block: Any, pages: set[str | None], base: str) -> bool:
    """A paragraph that is only a link (or two: an arrow beside the words) to the entry's
    page: "Read More...", "Continue reading →", "Weiterlesen", whatever its words."""
    anchors = list(block.iter("a"))
    if not 0 < len(anchors) <= 2 or not _WORD.search(_text(block)):
        return False  # a picture linking the post is no read-more link
    if any(_page(a.get("href"), base) not in pages for a in anchors):
        return False
    return _BARE.match(_outside_links(block)) is not None


def _trailing_read_more(block: Any, pages: set[str | None], base: str) -> Any:
    """The link that ends ``block`` when it goes to the entry's page and reads as a read-more
    link ("Continue reading <span>Title</span>", or "Continue reading <a>Title</a>")."""
    last = block.xpath("(.//a)[last()]")
    anchor = last[0] if last else None
    if anchor is None or _page(anchor.get("href"), base) not in pages:
        return None
    if not _BARE.match(_text_after(anchor, block)):
        return None
    words = _text(anchor)[:_TAIL].strip(" \t\n\r\u00a0:.…»→([")
    if _READ_MORE.match(words) or _READ_MORE_BEFORE.search(_text_before(anchor)[-_TAIL:]):
        return anchor
    return None


def _text(element: Any) -> str:
    return str(element.text_content())


def _outside_links(block: Any) -> str:
    """The text of ``block`` that is not inside a link."""
    return "".join(str(t) for t in block.xpath(".//text()[not(ancestor::a)]"))


def _text_after(element: Any, block: Any) -> str:
    """The text after ``element`` inside ``block``."""
    parts: list[str] = []
    node = element
    while node is not block and node is not None:
        parts.append(node.tail or "")
        for sibling in node.itersiblings():
            parts.append(_text(sibling) if isinstance(sibling.tag, str) else "")
            parts.append(sibling.tail or "")
        node = node.getparent()
    return "".join(parts)


def _text_before(element: Any) -> str:
    """The text right before ``element``: its previous sibling's tail, or its parent's text."""
    previous = element.getprevious()
    if previous is not None:
        return str(previous.tail or "")
    parent = element.getparent()
    return str(parent.text or "") if parent is not None else ""


def _drop_with_lead_in(anchor: Any) -> None:
    """Remove ``anchor`` and a "Continue reading" that leads into it; what followed it was
    only punctuation and goes too."""
    previous = anchor.getprevious()
    parent = anchor.getparent()
    before = previous.tail if previous is not None else parent.text
    before = _READ_MORE_BEFORE.sub("", before or "").rstrip()
    if previous is not None:
        previous.tail = before
    else:
        parent.text = before
    anchor.tail = None
    parent.remove(anchor)


def _remove(block: Any) -> None:
    """Remove ``block`` but keep the text after it (only white space or punctuation)."""
    block.tail = None
    block.getparent().remove(block)


def _inner_html(root: Any) -> str:
    from lxml import html as lxml_html

    head = html.escape(root.text or "", quote=False)
    return head + "".join(
        lxml_html.tostring(child, encoding="unicode", with_tail=True) for child in root
    )
