"""Feed HTML as record text: Markdown bodies, plain-text excerpts and titles.

Markdown comes from markdownify over the sanitised HTML, told to escape what Markdown would
otherwise read as markup: a feed that wrote ``&lt;script&gt;`` meant the text "<script>", and
without escaping the Markdown would hold a live tag. Code blocks keep their language, read from
the usual class names, ``data-lang`` and the wrappers highlighters write, as
:mod:`.preparing` reads them before the sanitiser drops them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from typing import Any

from convert.content.sanitise import sanitise_html
from convert.importers.blocks import ready_for_markdown
from convert.importers.escaping import MARK, NOT_XML, mark, settle, without_marks
from convert.importers.preparing import code_language, fragment, looks_like_html, prepare_html

_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_HEADINGS = tuple(f"h{level}" for level in range(1, 7))
# Block elements that only an article holds, not the excerpt of one.
_ARTICLE_BLOCKS = (*_HEADINGS, "pre", "table", "ul", "ol", "blockquote", "dl")
ARTICLE_PARAGRAPHS = 3
"""An HTML summary with this many paragraphs or more is the article itself."""

_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    *_HEADINGS,
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "table",
    "hr",
    "td",
    "th",
    "dt",
    "dd",
    "caption",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
)


def html_to_text(text: str) -> str:
    """Readable plain text of an HTML fragment: tags dropped, entities decoded.

    Text without tags is only unescaped, so its line breaks survive; with tags, blocks are
    separated by single spaces and runs of white space collapse, as a browser shows them.
    """
    if not looks_like_html(text):
        return html.unescape(text).strip()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return _SPACE.sub(" ", html.unescape(re.sub(r"<[^>]*>", " ", text))).strip()
    # A <title> inside the HTML (a page pasted into a description) is never shown.
    etree.strip_elements(root, "script", "style", "template", "title", with_tail=False)
    for element in root.iter(*_BLOCKS):
        # Blocks are set apart on both sides; inline elements run on as a browser shows them:
        # "<a>star</a>." is "star.", not "star .", and "<b>W</b>ord" is "Word". A control
        # character the parser kept (lxml then refuses the text back) is not shown either.
        element.text = " " + NOT_XML.sub("", element.text or "")
        element.tail = " " + NOT_XML.sub("", element.tail or "")
    return _SPACE.sub(" ", "".join(root.itertext())).strip()


_LIVE_MARKUP = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")


def escape_markup(text: str) -> str:
    """Plain text made safe to put in Markdown: what could start a tag or an entity is
    backslash-escaped (``<b>`` -> ``\\<b>``), everything else is left as written."""
    return _LIVE_MARKUP.sub(lambda m: "\\" + m.group(0), text)


def text_to_html(text: str) -> str:
    """Plain text as HTML paragraphs (one per blank-line block), every character escaped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join(f"<p>{html.escape(block, quote=False)}</p>" for block in blocks)


def is_article(text: str) -> bool:
    """Whether the HTML ``text`` is a whole article rather than an excerpt: it has headings,
    lists, code, tables or quotes, or ``ARTICLE_PARAGRAPHS`` paragraphs. Generators that write
    no ``content:encoded`` (Quarto, python-feedgen, RSS for Node, hand-written Jekyll
    templates) put the post in RSS's ``<description>``; a summary is a paragraph or two."""
    root = fragment(text)
    if root is None:
        return False
    if next(root.iter(*_ARTICLE_BLOCKS), None) is not None:
        return True
    return sum(1 for _ in root.iter("p")) >= ARTICLE_PARAGRAPHS


def html_to_markdown(text: str, base: str | None = None) -> str:
    """Markdown for the (untrusted) HTML ``text``, sanitised first (relative links joined to
    ``base``, or dropped without one), escaped where Markdown would read markup
    (:mod:`.escaping`)."""
    cleaned = sanitise_html(ready_for_markdown(prepare_html(without_marks(text))), base)
    markdown = _converter()(
        heading_style="ATX",
        bullets="-",
        sup_symbol="<sup>",  # Markdown has none: the HTML element, as CommonMark allows
        sub_symbol="<sub>",
        code_language_callback=code_language,
    ).convert(cleaned)
    return settle(_BLANK_LINES.sub("\n\n", markdown).strip())


@cache
def _converter() -> Any:
    """markdownify's converter, with its escaping left to :mod:`.escaping` (it marks what may
    need a backslash; the whole document decides), and images that say what they are.

    The sanitiser drops a relative ``src`` it has no base to join to (a feed read from a file
    whose site address it never states), and markdownify would still write ``![alt]()``: an
    image of nothing, which Markdown readers show as a broken image or as the bare brackets;
    such an image is its alt text. An image's alt text is escaped as text is: markdownify
    writes it as it is, so ``]`` ended the image and ``*`` emphasised. In a table cell or a
    heading an image stays an image (markdownify writes its alt text alone there).

    Bold, italics and strikethrough whose delimiters CommonMark would not read as such
    (``**zoom (map)**d3``: a closing run after punctuation and before a letter closes
    nothing, and readers see the asterisks) are written as the HTML elements instead.
    A code block holding a fence gets a longer one; a ``|`` in code in a table cell is
    escaped, since GitHub's tables split cells there.
    """
    from markdownify import MarkdownConverter

    base: Any = MarkdownConverter  # untyped: its hooks are looked up by name

    class Converter(base):  # type: ignore[misc]
        def escape(self, text: str, parent_tags: set[str]) -> str:
            return mark(text, parent_tags) if text else ""

        def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
            href = el.get("href")
            if href and not el.get("title") and text.replace(MARK, "") == href.strip():
                return f"<{href.strip()}>"  # an address shown as itself: an autolink
            return str(super().convert_a(el, text, parent_tags))

        def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
            written = str(super().convert_pre(el, text, parent_tags))
            runs = re.findall(r"`{3,}", text)
            if not runs:
                return written
            # A fence inside the code would close the block: the fence is longer than any.
            fence = "`" * (max(map(len, runs)) + 1)
            head, _, rest = written.partition("```")
            body, _, tail = rest.rpartition("```")
            return head + fence + body + fence + tail

        def convert_code(self, el: Any, text: str, parent_tags: set[str]) -> str:
            written = str(super().convert_code(el, text, parent_tags))
            if "_noformat" not in parent_tags and parent_tags & {"td", "th"}:
                # GitHub's tables split cells at every "|", inside code too, unless escaped.
                written = written.replace("|", "\\|")
            return written

        def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
            alt = el.attrs.get("alt") or ""
            src = (el.attrs.get("src") or "").strip()
            if not src:
                return mark(alt, parent_tags)
            if "_inline" in parent_tags:
                # In a table cell or heading too, where markdownify writes only the alt text
                # (old layout tables hold a post's pictures); a "|" would end the cell.
                src = src.replace("|", "%7C")
                parent_tags = parent_tags - {"_inline"}
            el.attrs["src"] = src
            el.attrs["alt"] = mark(alt, parent_tags | {"a"})  # its "]" would end the image
            return str(super().convert_img(el, text, parent_tags))

    def delimited(tag: str) -> Any:
        """The converter of an inline element, written as HTML where its Markdown delimiters
        could not open or close it."""

        def convert(self: Any, el: Any, text: str, parent_tags: set[str]) -> str:
            written = str(getattr(base, f"convert_{el.name}")(self, el, text, parent_tags))
            core = text.strip()
            if "_noformat" in parent_tags or not core or written.strip() == core:
                return written
            # white space inside the element is written outside its delimiters
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            if _can_open(core[0], lead or _before(el)) and _can_close(
                core[-1], trail or _after(el)
            ):
                return written
            return f"{lead}<{tag}>{core}</{tag}>{trail}"

        return convert

    for name, tag in _EMPHASIS.items():
        setattr(Converter, f"convert_{name}", delimited(tag))
    return Converter


_EMPHASIS = {
    "b": "strong",
    "strong": "strong",
    "em": "em",
    "i": "em",
    "del": "del",
    "s": "del",
}


def _punctuation(char: str) -> bool:
    """Punctuation as CommonMark's flanking rules mean it (Unicode P and S categories); a
    mark stands for a character that may be escaped, which is punctuation either way."""
    return char == MARK or unicodedata.category(char)[0] in "PS"


def _can_open(first: str, before: str) -> bool:
    """Whether a delimiter run before ``first`` and after ``before`` is left-flanking."""
    return not _punctuation(first) or not before or before.isspace() or _punctuation(before)


def _can_close(last: str, after: str) -> bool:
    """Whether a delimiter run after ``last`` and before ``after`` is right-flanking."""
    return not _punctuation(last) or not after or after.isspace() or _punctuation(after)


def _before(el: Any) -> str:
    """The character the Markdown has before ``el`` ("a", a letter, where another element
    stands there: its Markdown is not known yet)."""
    previous = el.previous_sibling
    if previous is None:
        return ""
    if isinstance(previous, str):
        return previous[-1:]
    return "a"


def _after(el: Any) -> str:
    """The character the Markdown has after ``el``, as :func:`_before`."""
    following = el.next_sibling
    if following is None:
        return ""
    if isinstance(following, str):
        return following[:1]
    return "a"
