"""Bodies to HTML: Markdown rendered by pyromark, HTML kept, plain text escaped.

pyromark binds pulldown-cmark, the Rust CommonMark parser (with GitHub's tables and
strikethrough switched on). It was chosen by measurement over cmarkgfm, markdown-it-py and
mistune (docs/performance.md; ``benchmarks/bench_content.py``): several times faster
than cmarkgfm and about a hundred times faster than the two pure-Python parsers, and unlike
cmarkgfm with extensions, whose Python wrapper never frees the parsed document (about 27 KB
per call), its memory stays flat over any number of documents.

Raw HTML inside Markdown is let through, as CommonMark says, because authors use it for
figures and embeds; everything rendered here goes through the sanitiser afterwards, which is
where safety is decided, once, for Markdown and HTML bodies alike.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

# A task list's box as pulldown-cmark writes it: the sanitiser lets no form control through,
# so it is shown as the mark it is (ballot box, with a check when done).
_TASK_BOX = re.compile(r'<input disabled="" type="checkbox"( checked="")?/>\n?')


def markdown_html(
    text: str, templates: bool | str = False, links: Mapping[str, str] | None = None
) -> str:
    """CommonMark (plus tables, strikethrough, footnotes, definition and task lists, as
    kramdown and goldmark read them) to HTML, raw HTML kept. With ``templates`` (a page a
    site profile read: its generator's name, "jekyll", "hugo" or "zola", or True for any),
    the generator's template tags go outside code and its escapes, since it would have
    replaced them; other Markdown keeps its braces as text. ``links``: the addresses a
    profile found for the page's links to other pages
    (:func:`~convert.text.spans.as_the_site_shows`)."""
    import pyromark

    from convert.text.spans import as_the_site_shows

    options = (
        pyromark.Options.ENABLE_TABLES
        | pyromark.Options.ENABLE_STRIKETHROUGH
        | pyromark.Options.ENABLE_FOOTNOTES
        | pyromark.Options.ENABLE_DEFINITION_LIST
        | pyromark.Options.ENABLE_TASKLISTS
    )
    text = as_the_site_shows(text, "markdown", templates, links)
    rendered = pyromark.html(text, options=options)
    if "<input" not in rendered:
        return rendered
    return _TASK_BOX.sub(lambda m: "\u2611 " if m.group(1) else "\u2610 ", rendered)


def text_html(text: str) -> str:
    """Plain text as paragraphs: blank lines separate them, everything else is escaped."""
    paragraphs = (" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n"))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def render_html(
    body: str,
    body_format: str,
    templates: bool | str = False,
    links: Mapping[str, str] | None = None,
) -> str:
    """``body`` as (not yet sanitised) HTML, by its format; an HTML body is returned as it is
    (``templates``: as :func:`markdown_html` takes it; a site's HTML page loses its
    generator's tags too, as Jekyll runs Liquid and Hugo its shortcodes over it)."""
    if not body.strip():
        return ""
    if body_format == "html":
        if templates:
            from convert.text.spans import as_the_site_shows

            return as_the_site_shows(body, "html", templates, links)
        return body
    if body_format == "markdown":
        return markdown_html(body, templates, links)
    return text_html(body)
