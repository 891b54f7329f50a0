"""Article bodies as HTML a feed reader can show safely: rendered, sanitised, links absolute.

``article_html(body, body_format, base)`` is the whole path: Markdown is rendered with
pyromark (pulldown-cmark), HTML is kept, plain text is escaped into paragraphs
(:mod:`.render`); the result is cleaned with an allow-list sanitiser and its relative links and
images are made absolute against ``base`` (:mod:`.sanitise`).
"""

from __future__ import annotations

from collections.abc import Mapping

from convert.content.render import render_html
from convert.content.sanitise import sanitise_html


def article_html(
    body: str,
    body_format: str,
    base: str | None,
    *,
    templates: bool | str = False,
    links: Mapping[str, str] | None = None,
) -> str:
    """``body`` as sanitised HTML with absolute links (``""`` for an empty body).

    ``body_format`` is the record's: ``"markdown"``, ``"html"`` or ``"text"`` (anything else is
    read as text). ``base`` is the URL relative ``href``/``src`` values are joined to; without
    one they are dropped, since a feed reader has nothing to resolve them against.
    ``templates``: the body is a site generator's page (the generator's name, or True for
    any), whose template tags go (outside code and its escapes) as it would have replaced
    them; a tag that links to another page of the site is the address ``links`` gives for it,
    and a link whose target has no answer keeps only its text.
    """
    return sanitise_html(render_html(body, body_format, templates, links), base)


__all__ = ["article_html", "render_html", "sanitise_html"]
