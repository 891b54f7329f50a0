"""An allow-list sanitiser for article HTML (nh3, the binding of the Rust ammonia library).

Feed readers render item content as HTML, often inside their own page, so content is cleaned
with an allow-list before it goes into any feed: article markup (headings, paragraphs, lists,
links, images, tables, code, quotes, emphasis) stays; everything else goes. Scripts, styles,
frames, SVG, MathML, forms and their controls are removed with their content; event handlers,
``style`` and every attribute not listed are dropped; URLs keep only the http, https and mailto
schemes, so ``javascript:`` and ``data:`` URLs (in any case or encoding: the parser decodes
them before the scheme is checked) are removed.

Relative ``href`` and ``src`` values are made absolute against the record's link, because feed
readers and feed-to-email services ignore ``xml:base`` and show broken images otherwise.
ammonia joins them while it cleans, with a cleaner built for the base URL: that costs about a
fifth more per document than one shared cleaner, and half as much as joining them in Python
over the cleaned output (measured with ``benchmarks/bench_content.py``).

Every ``href`` and ``src`` is written as the feeds write their own links
(:func:`convert.web_address.written_url`: an internationalised domain in its ``xn--`` form,
not %-escaped as the Markdown renderer leaves it, and whatever a URL cannot hold escaped), by
ammonia's attribute filter; one whose host no reader opens loses its address, as ammonia
takes it from a host it cannot parse. The filter is a Python call per attribute, which costs
about a tenth more CPU time on a whole feed of the benchmark's 2 KB Markdown bodies, seventeen
links each (``bench_feeds.py --bodies``, "ours-full", 5,000 records: 1.25 s before, 1.37 s).
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache, partial
from typing import Any

from convert.web_address import WEB_SCHEMES, read_on_page, ready_link, scheme_of, written_url

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
    "pre": {"class"},  # language classes some sites put on the block (lang-js) ...
    "div": {"class"},  # ... or on its wrapper (highlight-source-go)
    "time": {"datetime"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
# What a browser's URL parser strips around a URL (C0 controls and space) and takes out of it.
_AROUND_URL = "".join(map(chr, range(0x21)))
_INSIDE_URL = str.maketrans("", "", "\t\n\r")


def written_link(element: str, attribute: str, value: str, page_scheme: str = "") -> str | None:
    """An ``href`` or ``src`` as the feeds write links (None: it goes, since no reader opens
    its host, or nothing tells where it leads); other attributes, and ``mailto:`` addresses,
    as they are.

    The value is first read as a browser reads an http(s) one (spaces and controls around it
    and line breaks in it dropped here, a backslash before the query a slash where every link
    is written), so the link goes where it went. Relative references are written here too,
    before ammonia joins them to the base, so that a bare ``%`` or a second ``@`` is escaped
    as in an absolute link. An http(s) URL without ``//`` after its scheme (``https:x.example``)
    is read as on the page at the base, whose scheme is ``page_scheme``
    (:func:`convert.web_address.read_on_page`): relative to it with the same scheme, so it is
    joined like any relative link, and with a host after the scheme otherwise; without a page
    it goes, as relative links do.
    """
    if attribute not in _URL_ATTRIBUTES or ready_link(value):
        return value
    url = value.strip(_AROUND_URL).translate(_INSIDE_URL)
    scheme = scheme_of(url)
    if scheme:
        if scheme not in WEB_SCHEMES:
            return value
        read = read_on_page(url, page_scheme)
        if read is None:
            return None
        url = read
    return written_url(url)


@cache
def _options(page_scheme: str = "") -> dict[str, Any]:
    return {
        "tags": set(TAGS),
        "clean_content_tags": set(REMOVED_WITH_CONTENT),
        "attributes": {tag: set(names) for tag, names in ATTRIBUTES.items()},
        "url_schemes": set(URL_SCHEMES),
        "strip_comments": True,
        "attribute_filter": partial(written_link, page_scheme=page_scheme),
    }


@cache
def _denying_cleaner() -> Any:
    import nh3

    return nh3.Cleaner(**_options(), url_relative="deny")


def sanitise_html(markup: str, base: str | None) -> str:
    """``markup`` cleaned by the allow-list, with relative links and images joined to ``base``.

    Without ``base`` (or with one ammonia cannot parse), relative URLs are removed: a reader
    has nothing to resolve them against.
    """
    if not markup:
        return ""
    import nh3

    cleaner = _denying_cleaner()
    if base is not None:
        page = scheme_of(base)
        with suppress(ValueError):  # a base ammonia cannot parse: relative URLs go
            cleaner = nh3.Cleaner(
                **_options(page if page in WEB_SCHEMES else ""),
                url_relative=("rewrite_with_base", base),
            )
    clean: str = cleaner.clean(markup)
    return clean
