"""An excerpt from the body: the text before the generator's excerpt separator, as plain text.

Jekyll's separator is a blank line (the first paragraph) unless the site or the post sets
``excerpt_separator``; Hugo's is ``<!--more-->``; Zola's ``<!-- more -->``. The template tags
the generator replaces (Liquid's, Hugo's and Zola's shortcodes) are not text and are removed;
what its escapes show as written stays.
"""

from __future__ import annotations

import re

from convert.text.spans import COMMENTS, drop_spans, liquid_blocks, without_template_tags

MAX_CHARS = 600


def _cut(body: str, separator: str) -> str | None:
    if separator == "\n\n":
        stripped = body.lstrip("\n")
        return stripped.split("\n\n", 1)[0] if stripped.strip() else None
    if separator in body:
        return body.split(separator, 1)[0]
    # Hugo and Zola accept the separator with or without the inner spaces.
    loose = re.compile(r"<!--\s*more\s*-->") if "more" in separator else None
    if loose is not None:
        match = loose.search(body)
        if match:
            return body[: match.start()]
    return None


def _closed_blocks(head: str) -> str:
    """``head`` with the raw and comment blocks it leaves open closed, innermost first, as
    Jekyll closes the block tags an excerpt cuts through: a comment running past the first
    blank line hides the excerpt's text, a raw block shows it as written (tags inside a raw
    block are its text, and open nothing)."""
    opened: list[str] = []
    for _ in liquid_blocks(head, opened):
        pass
    return head + "".join(f"{{% end{kind} %}}" for kind in reversed(opened))


def excerpt_of(
    body: str, separator: str, body_format: str, generator: str | None = None
) -> str | None:
    """The excerpt ``generator`` would show for ``body``, as one line of plain text; ``None``
    when the body has no separator (or no text before it)."""
    head = _cut(body, separator)
    if head is None:
        return None
    if generator == "jekyll":
        head = _closed_blocks(head)
    head = drop_spans(without_template_tags(head, generator), COMMENTS)
    if body_format == "html":
        from lxml import etree, html

        try:
            text = (
                etree.tostring(html.fromstring(head), method="text", encoding="unicode")
                if head.strip()
                else ""
            )
        except Exception:  # lxml refuses some fragments; the tags then stay as text
            text = head
    else:
        text = _markdown_text(head)
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text or None


def markdown_text(source: str) -> str:
    """Markdown the generator renders, as one line of plain text: Hugo's ``summary`` front
    matter, which its RSS shows rendered (hugo 0.168: ``A **bold** claim`` was ``A
    <strong>bold</strong> claim``), read as the body's excerpt is, HTML comments dropped.
    Its shortcodes are text, not tags: Hugo does not run them there (hugo 0.168 showed
    ``{{< x >}}`` in the summary as written)."""
    return " ".join(_markdown_text(drop_spans(source, COMMENTS)).split())


def _markdown_text(source: str) -> str:
    from convert.text.markdown import paragraphs

    return " ".join(paragraphs(source))
