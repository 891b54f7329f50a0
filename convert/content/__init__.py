"""Article bodies as HTML a feed reader can show safely: rendered, sanitised, links absolute.

``article_html(body, body_format, base)`` is the whole path: Markdown is rendered with
pyromark (pulldown-cmark), HTML is kept, plain text is escaped into paragraphs
(:mod:`.render`); the result is cleaned with an allow-list sanitiser and its relative links and
images are made absolute against ``base`` (:mod:`.sanitise`). Markup nested deeper than a
browser nests it is refused before the sanitiser parses it (:mod:`.nesting`), since the
parser's time grows with the square of the depth.
"""

from __future__ import annotations

from collections.abc import Mapping

from convert.content.nesting import MAX_DEPTH, TooNested, too_nested
from convert.content.render import render_html
from convert.content.sanitise import sanitise_html


class NestingError(ValueError):
    """A body whose markup the sanitiser would take too long to parse (:mod:`.nesting`)."""

    def __init__(self, problem: TooNested) -> None:
        super().__init__(str(problem))
        self.problem = problem


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

    Raises :class:`NestingError` for markup (written, or rendered from Markdown) whose
    elements nest more than :data:`MAX_DEPTH` deep.
    """
    markup = render_html(body, body_format, templates, links)
    problem = too_nested(markup)
    if problem is not None:
        raise NestingError(problem)
    return sanitise_html(markup, base)


__all__ = [
    "MAX_DEPTH",
    "NestingError",
    "article_html",
    "render_html",
    "sanitise_html",
    "too_nested",
]
