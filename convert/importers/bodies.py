"""Feed HTML as record text: Markdown bodies, plain-text excerpts and titles.

Markdown comes from markdownify over the sanitised HTML, told to escape what Markdown would
otherwise read as markup: a feed that wrote ``&lt;script&gt;`` meant the text "<script>", and
without escaping the Markdown would hold a live tag. Code blocks keep their language, read from
the usual class names (``language-python``, ``lang-js``, ``highlight-source-go``, ...).
"""

from __future__ import annotations

import html
import re
from typing import Any

from convert.content.sanitise import sanitise_html

_TAG = re.compile(r"<[A-Za-z!/?]")
_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LANGUAGE_CLASS = re.compile(
    r"^(?:language-|lang-|highlight-source-|highlight-|brush:)([A-Za-z0-9_+#.-]+)$"
)
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
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


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds tags (entities alone do not make it HTML worth parsing)."""
    return _TAG.search(text) is not None


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
        # "<a>star</a>." is "star.", not "star .", and "<b>W</b>ord" is "Word".
        element.text = " " + (element.text or "")
        element.tail = " " + (element.tail or "")
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


def code_language(element: Any) -> str | None:
    """The language of a ``<pre>`` block from its own, its ``<code>``'s or its wrapper's class."""
    candidates = [element, element.find("code"), element.parent]
    for node in candidates:
        if node is None or not hasattr(node, "get"):
            continue
        for attribute in ("data-lang", "lang"):
            value = node.get(attribute)
            if isinstance(value, str) and value.strip():
                return value.strip()
        classes = node.get("class") or []
        for name in classes if isinstance(classes, list) else str(classes).split():
            match = _LANGUAGE_CLASS.match(name)
            if match:
                return match.group(1)
    return None


def html_to_markdown(text: str, base: str | None = None) -> str:
    """Markdown for the (untrusted) HTML ``text``, sanitised first (relative links joined to
    ``base``, or dropped without one)."""
    cleaned = sanitise_html(text, base)
    markdown = _converter()(
        heading_style="ATX",
        bullets="-",
        escape_misc=True,
        escape_asterisks=True,
        escape_underscores=True,
        code_language_callback=code_language,
    ).convert(cleaned)
    return _BLANK_LINES.sub("\n\n", markdown).strip()


def _converter() -> Any:
    """markdownify's converter, except that an image left without an address is its alt text.

    The sanitiser drops a relative ``src`` it has no base to join to (a feed read from a file
    whose site address it never states), and markdownify would still write ``![alt]()``: an
    image of nothing, which Markdown readers show as a broken image or as the bare brackets.
    """
    from markdownify import MarkdownConverter

    base: Any = MarkdownConverter  # untyped: its hooks are looked up by name

    class Converter(base):  # type: ignore[misc]
        def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
            if not (el.attrs.get("src") or "").strip():
                return str(self.escape(el.attrs.get("alt") or "", parent_tags))
            return str(super().convert_img(el, text, parent_tags))

    return Converter
