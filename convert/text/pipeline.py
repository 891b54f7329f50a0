"""From a page or a record to cleaned text: title, blank line, paragraphs.

The input kind (told, or guessed by :mod:`convert.text.kinds`) decides how paragraphs are
found (HTML blocks by :mod:`convert.text.html_paragraphs`, Markdown blocks, text lines);
boilerplate removal then applies to whole web pages only. A record body that an author wrote
is kept whole: dropping its short paragraphs as "furniture" would lose text, and it has none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from convert.text import markdown
from convert.text.decode import decode_utf8
from convert.text.html_paragraphs import EXTRACTORS as EXTRACTORS
from convert.text.html_paragraphs import Extractor as Extractor
from convert.text.html_paragraphs import clean_html, clean_utf8_html
from convert.text.joining import Settled, join_page, page_parts, settle, settle_page
from convert.text.kinds import KINDS as KINDS
from convert.text.kinds import Kind as Kind
from convert.text.kinds import sniff as sniff
from convert.text.normalise import collapse, repair, repair_settled
from convert.text.plain import classify_scored
from convert.text.segments import text_pieces
from convert.text.spans import as_the_site_shows
from convert.text.title import infer_title

TRUNCATION = "…"
_TRUNCATION_MARKS = ("...", "…", "[…]", "[...]")


def _text_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each collapsed to one line (hard wraps joined)."""
    return [p for p in (collapse(block) for block in re.split(r"\n\s*\n", text)) if p]


def _clean_page_text(text: str) -> tuple[str | None, list[str]]:
    """Boilerplate removal over a plain-text page; returns the inferred title and kept lines.

    A huge page is repaired and judged piece by piece (:mod:`convert.text.segments`), its
    title found in the first piece.
    """
    title: str | None = None
    kept: list[str] = []
    settled = True
    for number, piece in enumerate(text_pieces(text)):
        repaired, clean = repair_settled(piece)
        settled = settled and clean
        page, keep, _ = classify_scored(repaired.split("\n"))
        if number == 0:
            title = infer_title(page.texts, page.words, keep)
        kept.extend(page.collapsed(keep))
    return title, Settled(kept) if settled else kept


def clean_text(
    source: str | bytes,
    *,
    kind: Kind | None = None,
    boilerplate: bool | None = None,
    extractor: Extractor = "auto",
) -> str:
    """Clean ``source`` to text: the title (when known), a blank line, then the paragraphs.

    ``kind`` is sniffed when None. ``boilerplate`` (default: on for plain text and whole HTML
    pages, off for HTML fragments and Markdown) removes navigation, comments, notices and other
    page furniture. For HTML pages ``extractor="auto"`` uses trafilatura when the ``html``
    extra is installed and our own lxml extractor otherwise. Never raises on bad input text.

    Raises:
        TypeError: ``source`` is neither str nor bytes.
        ValueError: ``kind`` or ``extractor`` is not one of the names above.
    """
    _check_arguments(source, kind, extractor)
    return join_page(*_clean(source, kind=kind, boilerplate=boilerplate, extractor=extractor))


def _check_arguments(source: object, kind: object, extractor: object) -> None:
    """Fail fast and clearly on a wrong call: these are the caller's bugs, not bad pages."""
    if not isinstance(source, str | bytes):
        raise TypeError(f"clean_text() takes the page as str or bytes, not {type(source).__name__}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"clean_text(kind={kind!r}): kind must be one of {', '.join(KINDS)}")
    _check_extractor("clean_text", extractor)


def _check_extractor(caller: str, extractor: object) -> None:
    """A bad name is a ValueError; ``"trafilatura"`` where it cannot be used an ImportError
    whatever the input, which a fragment or a text page would otherwise hide until a whole
    page came."""
    if extractor not in EXTRACTORS:
        raise ValueError(
            f"{caller}(extractor={extractor!r}): extractor must be one of {', '.join(EXTRACTORS)}"
        )
    if extractor == "trafilatura":
        from convert.text import traf

        failed = traf.unusable()
        if failed is not None:
            raise failed


def _clean(
    source: str | bytes,
    *,
    kind: Kind | None,
    boilerplate: bool | None,
    extractor: Extractor,
) -> tuple[str | None, list[str]]:
    """Title and paragraphs of ``source``, not yet settled: the one cleaning path behind both
    :func:`clean_text` and :func:`clean_record`, which settle and join its result once.

    Markdown is repaired whole before it is parsed and its paragraphs are settled again
    after: not twice the same work, since removing markup can expose text to repair (an
    entity split by a tag, ``&<b>amp</b>;``), and the parse has always seen repaired text.
    """
    if isinstance(source, bytes):
        if kind == "html":
            found = clean_utf8_html(source, boilerplate, extractor)
            if found is not None:
                return found
        text, utf8 = decode_utf8(source)
    else:
        text, utf8 = source, False
    if kind is None:
        kind = sniff(text)
    if kind == "html":
        raw = source if utf8 and isinstance(source, bytes) else None
        return clean_html(text, boilerplate, extractor, raw)
    if kind == "text" and boilerplate is not False:
        return _clean_page_text(text)
    if kind == "markdown":
        return None, markdown.paragraphs(repair(markdown.keep_backslashes_literal(text)))
    text = repair(text)
    return None, _text_paragraphs(text)


def mark_truncation(excerpt: str) -> str:
    """An excerpt cut short (ending in "..." or "…") ends in exactly one "…", no space before."""
    # str methods, not ``\s*(?:...)\s*$``: that regex retried every run of spaces from
    # each of its positions (seconds on an excerpt of spaces).
    end = excerpt.rstrip()
    mark = next((m for m in _TRUNCATION_MARKS if end.endswith(m)), None)
    trimmed = end[: -len(mark)].rstrip() if mark else excerpt
    return trimmed + TRUNCATION if trimmed != excerpt and trimmed else excerpt


def _meta_text(meta: Mapping[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` with text, cleaned. YAML reads ``title: 2024`` as a number, which
    the author meant as text, so numbers count (booleans do not: ``title: yes`` is a slip)."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return collapse(repair(value))
    return None


def clean_record(record: Any, *, extractor: Extractor = "auto") -> str:
    """The cleaned text of a :class:`convert.record.Record`.

    With front matter, the body is the author's and is kept whole; without, the record is a
    scraped page and gets boilerplate removal and an inferred title. A record with no body
    gives its title and excerpt (a truncated excerpt marked with a final "…"). ``extractor``
    is as :func:`clean_text` takes it, for a scraped HTML page.

    Raises:
        ValueError: ``extractor`` is not one of EXTRACTORS.
    """
    _check_extractor("clean_record", extractor)
    meta: Mapping[str, Any] = record.meta if isinstance(record.meta, Mapping) else {}
    title = _meta_text(meta, "title", "headline", "name")
    body: str = record.body or ""
    kind: Kind = record.body_format if record.body_format in KINDS else "text"
    scraped = not meta
    if getattr(record, "site_page", False):  # its generator replaces its template tags
        templates = getattr(record, "profile", None) or True
        body = as_the_site_shows(body, kind, templates, getattr(record, "links", None))
    if body.strip():
        found, paragraphs = settle_page(
            *_clean(body, kind=kind, boilerplate=scraped, extractor=extractor)
        )
        parts = page_parts(found, paragraphs)
        if title is None:
            return "\n\n".join(parts)
        return "\n\n".join(page_parts(settle(title), parts))  # parts are settled already
    excerpt = _meta_text(meta, "excerpt", "abstract", "description", "summary")
    return join_page(title, [mark_truncation(excerpt)] if excerpt else [])
