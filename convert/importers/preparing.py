"""Feed HTML prepared before the sanitiser and markdownify see it.

Code blocks keep their language, read from the usual class names (``language-python``,
``lang-js``, ``highlight-source-go``, ...), from ``data-lang`` and from the wrappers
highlighters write, and written where the sanitiser keeps it; a block whose lines are numbered
in a table (Rouge, Chroma, Pygments) becomes the code alone, since the sanitiser drops the
classes that tell such a table from a table of data; and tracking images go.
"""

from __future__ import annotations

import re
from typing import Any

_TAG = re.compile(r"<[A-Za-z!/?]")
_LANGUAGE_CLASS = re.compile(
    r"^(?:language-|lang-|highlight-source-|highlight-|brush:)([A-Za-z0-9_+#.-]+)$"
)
# Classes on a <code> that name no language: Pandoc's "sourceCode python", highlight.js's
# "hljs", Quarto's "code-with-copy". A single other word there is the language (Octopress
# writes <code class="ruby">, Pandoc <code class="sourceCode python">).
_NOT_LANGUAGES = frozenset(
    {"sourcecode", "hljs", "highlight", "code-with-copy", "chroma", "nohighlight", "line"}
)
_BARE_LANGUAGE = re.compile(r"^[a-z][a-z0-9+#-]{0,30}$")
_LINE_NUMBERS = re.compile(r"\s*+(?:\d++\s*+)++")  # possessive: linear on a long gutter
# A width or height of one pixel: the mark of a tracking image.
_ONE_PIXEL = re.compile(r"""(?:width|height)\s*=\s*["']?\s*1\s*(?:px)?\s*["'\s/>]""")


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds tags (entities alone do not make it HTML worth parsing)."""
    return _TAG.search(text) is not None


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


def fragment(text: str) -> Any:
    """``text`` parsed by lxml inside a ``<div>``, or ``None`` when it has no tags or cannot
    be parsed."""
    if not looks_like_html(text):
        return None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def prepare_html(text: str) -> str:
    """``text`` with each code block's language written as a ``language-`` class on its
    ``<code>``, where the sanitiser keeps it, each line-numbered code table replaced by its
    code, each ``<br>`` inside a block a newline, and one-pixel images left out: the tracking
    beacons Medium, WordPress.com and FeedBurner append to every item, which as Markdown
    images are addresses readers fetch and broken pictures where shown.

    The language may be on the block, its ``<code>`` (also as ``data-lang``, as Zola writes
    it) or a wrapper up to three levels out (Rouge's ``<div class="language-ruby
    highlighter-rouge">``). A numbered table is one row of two cells, the first holding only
    digits in a ``<pre>``, the second the code in a ``<pre>``.
    """
    lowered = text.lower()
    beacons = "<img" in lowered and _ONE_PIXEL.search(lowered) is not None
    if "<pre" not in lowered and not beacons:
        return text
    root = fragment(text)
    if root is None:
        return text
    from lxml import html as lxml_html

    if beacons:
        for img in list(root.iter("img")):
            if _pixels(img.get("width")) == _pixels(img.get("height")) == 1:
                img.drop_tree()  # its tail stays
    for pre in list(root.iter("pre")):
        for br in list(pre.iter("br")):
            # A line break inside code is a newline (Eleventy's Prism plugin and Hexo end lines
            # with <br>); markdownify would write a hard break, two spaces the fence keeps.
            br.tail = "\n" + (br.tail or "")
            br.drop_tag()
    for table in list(root.iter("table")):
        _unnumber(table)
    for pre in list(root.iter("pre")):
        language = _language_around(pre)
        if language:
            code = pre.find("code")
            target = code if code is not None else pre
            target.set("class", f"language-{language}")
    inner = str(lxml_html.tostring(root, encoding="unicode", method="html"))
    return inner[len("<div>") : -len("</div>")]


def _pixels(value: str | None) -> int | None:
    """An HTML width or height in pixels (``1``, ``1px``), else ``None``."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:px)?\s*", value or "")
    return int(match.group(1)) if match else None


def _unnumber(table: Any) -> None:
    from lxml import etree

    rows = [row for row in table.iter("tr")]
    if len(rows) != 1:
        return
    cells = [cell for cell in rows[0] if cell.tag in ("td", "th")]
    if len(cells) != 2:
        return
    gutter, code_cell = cells
    numbers = next(gutter.iter("pre"), None)
    code_pre = next(code_cell.iter("pre"), None)
    if numbers is None or code_pre is None:
        return
    if not _LINE_NUMBERS.fullmatch(gutter.text_content()):
        return
    language = _language_around(code_pre) or _language_around(table)
    block = etree.Element("pre")
    code = etree.SubElement(block, "code")
    code.text = code_pre.text_content()
    if language:
        code.set("class", f"language-{language}")
    # Rouge wraps its table in the <pre><code> of an unnumbered block: replace that too.
    target = table
    parent = table.getparent()
    if parent is not None and parent.tag == "code":
        outer = parent.getparent()
        if outer is not None and outer.tag == "pre":
            target = outer
    block.tail = target.tail
    holder = target.getparent()
    if holder is not None:
        holder.replace(target, block)


def _language_around(element: Any) -> str | None:
    """The language a code block's markup names, from the block outwards.

    The block and its ``<code>`` name it by class, ``data-lang`` or ``lang``; a wrapper up to
    three levels out only by a highlighter's class (``highlight-source-go``, Rouge's
    ``language-ruby`` beside ``highlighter-rouge``, Hexo's ``highlight js``): a wrapper's
    ``lang`` is the language of its prose.
    """
    for node in (element.find("code"), element):
        if node is None:
            continue
        for attribute in ("data-lang", "lang"):
            value = (node.get(attribute) or "").strip()
            if value and _BARE_LANGUAGE.match(value.lower()):
                return value
        classes = (node.get("class") or "").split()
        for name in classes:
            match = _LANGUAGE_CLASS.match(name)
            if match:
                return match.group(1)
        if node.tag == "code":
            words = [c for c in classes if c.lower() not in _NOT_LANGUAGES]
            if len(words) == 1 and _BARE_LANGUAGE.match(words[0]):
                return words[0]
    ancestor = element.getparent()
    for _ in range(3):
        if ancestor is None:
            break
        classes = (ancestor.get("class") or "").split()
        rouge = "highlighter-rouge" in classes
        for name in classes:
            match = _LANGUAGE_CLASS.match(name)
            if match and (rouge or name.startswith("highlight-")):
                return match.group(1)
        # Hexo's highlight.js wrapper: <figure class="highlight js">.
        others = [c for c in classes if c != "highlight"]
        if "highlight" in classes and len(others) == 1 and _BARE_LANGUAGE.match(others[0]):
            return others[0]
        ancestor = ancestor.getparent()
    return None
