"""Bodies to HTML: Markdown rendered by cmarkgfm, HTML kept, plain text escaped.

cmarkgfm is the C reference implementation of CommonMark (cmark-gfm) with GitHub's table,
strikethrough and autolink extensions. It was chosen by measurement over markdown-it-py and
mistune (see the README's performance section and ``benchmarks/bench_content.py``): the same
markup, one to two orders of magnitude faster, and maintained by GitHub with the spec.

Raw HTML inside Markdown is let through (``CMARK_OPT_UNSAFE``) because authors use it for
figures and embeds, and everything rendered here goes through the sanitiser afterwards: that is
where safety is decided, once, for Markdown and HTML bodies alike.
"""

from __future__ import annotations

import html

_EXTENSIONS = ["table", "strikethrough", "autolink"]


def markdown_html(text: str) -> str:
    """CommonMark (plus tables, strikethrough and autolinks) to HTML, raw HTML kept."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    html_text: str = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_UNSAFE, extensions=_EXTENSIONS
    )
    return html_text


def text_html(text: str) -> str:
    """Plain text as paragraphs: blank lines separate them, everything else is escaped."""
    paragraphs = (" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n"))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def render_html(body: str, body_format: str) -> str:
    """``body`` as (not yet sanitised) HTML, by its format; an HTML body is returned as it is."""
    if not body.strip():
        return ""
    if body_format == "html":
        return body
    if body_format == "markdown":
        return markdown_html(body)
    return text_html(body)
