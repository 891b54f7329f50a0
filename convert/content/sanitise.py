"""An allow-list sanitiser for article HTML (nh3, the binding of the Rust ammonia library).

Feed readers render item content as HTML, often inside their own page, so content is cleaned
with an allow-list before it goes into any feed: article markup (headings, paragraphs, lists,
links, images, tables, code, quotes, emphasis) stays; everything else goes. Scripts, styles,
frames, SVG, MathML, forms and their controls are removed with their content; event handlers,
``style`` and every attribute not listed are dropped; URLs keep only the http, https and mailto
schemes, so ``javascript:`` and ``data:`` URLs (in any case or encoding: the parser decodes
them before the scheme is checked) are removed.

Relative ``href`` and ``src`` values are made absolute against the record's link, because feed
readers and feed-to-email services ignore ``xml:base`` and show broken images otherwise. nh3
can rewrite them while it cleans, but only with a cleaner built per base URL (about a third
slower per document than one shared cleaner); ammonia's output is regular (attribute values
always double-quoted, ``<`` in text always escaped), so the few relative URLs are joined in one
pass over the cleaned output instead.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any
from urllib.parse import urljoin

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
        "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
        "u", "ul",
    }
)  # fmt: skip
"""Article markup. Never: svg, math, iframe, object, embed, script, style, form controls."""

REMOVED_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "iframe", "frame", "frameset", "noframes", "object",
        "embed", "applet", "svg", "math", "noscript", "noembed", "textarea", "select",
        "button", "title", "head",
    }
)  # fmt: skip
"""Elements whose text is not article text (code, styles, fallbacks, form controls)."""

ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "code": {"class"},  # language-python, from fenced code
    "time": {"datetime"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# An href or src inside a tag of the cleaned output: text never holds a raw "<", so a match
# always starts in a real tag.
_URL_ATTRIBUTE = re.compile(r'(<(?:a|img)\s[^>]*?\b(?:href|src)=")([^"]*)"')
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


@cache
def _cleaner(deny_relative: bool) -> Any:
    import nh3

    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        url_relative="deny" if deny_relative else "pass_through",
    )


def sanitise_html(markup: str, base: str | None) -> str:
    """``markup`` cleaned by the allow-list, with relative links and images joined to ``base``.

    Without ``base``, relative URLs are removed: a reader has nothing to resolve them against.
    """
    if not markup:
        return ""
    clean: str = _cleaner(base is None).clean(markup)
    if base is None or ('href="' not in clean and 'src="' not in clean):
        return clean

    def join(match: re.Match[str]) -> str:
        url = match[2]
        if _HAS_SCHEME.match(url):
            return match[0]
        joined = urljoin(base, html.unescape(url))
        return f'{match[1]}{joined.replace("&", "&amp;").replace(chr(34), "&quot;")}"'

    return _URL_ATTRIBUTE.sub(join, clean)
