"""An excerpt from the body: the text before the generator's excerpt separator, as plain text.

Jekyll's separator is a blank line (the first paragraph) unless the site or the post sets
``excerpt_separator``; Hugo's is ``<!--more-->``; Zola's ``<!-- more -->``. Template tags
(``{% ... %}``, ``{{ ... }}``, Hugo shortcodes) are not text and are removed.
"""

from __future__ import annotations

import re

_TEMPLATE = (("{%", "%}"), ("{{", "}}"))
_COMMENT = (("<!--", "-->"),)
MAX_CHARS = 600


def _drop_spans(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` without each span from an opener to the nearest closer after it, leftmost
    first, as the lazy regexes ``{%.*?%}``, ``{{.*?}}`` and ``<!--.*?-->`` took them, in linear
    time.

    The regex looked for a closer from every opener again, to the end of the text each time one
    was missing (a body of 50,000 unclosed ``{%`` took a minute); here an opener that finds no
    closer ends its kind, as no later opener of that kind can find one either.
    """
    closers = dict(pairs)
    ahead = {opener: text.find(opener) for opener in closers}  # the next opener of each kind
    ahead = {opener: at for opener, at in ahead.items() if at >= 0}
    kept: list[str] = []
    start = 0
    while ahead:
        opener = min(ahead, key=ahead.__getitem__)
        at = ahead[opener]
        end = text.find(closers[opener], at + len(opener))
        if end < 0:
            del ahead[opener]
            continue
        kept.append(text[start:at])
        start = end + len(closers[opener])
        for other, position in list(ahead.items()):  # openers inside the span are not openers
            if position < start:
                found = text.find(other, start)
                if found < 0:
                    del ahead[other]
                else:
                    ahead[other] = found
    kept.append(text[start:])
    return "".join(kept)


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


def excerpt_of(body: str, separator: str, body_format: str) -> str | None:
    """The excerpt a generator would show for ``body``, as one line of plain text; ``None``
    when the body has no separator (or no text before it)."""
    head = _cut(body, separator)
    if head is None:
        return None
    head = _drop_spans(_drop_spans(head, _TEMPLATE), _COMMENT)
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
        from convert.text.markdown import paragraphs

        text = " ".join(paragraphs(head))
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text or None
