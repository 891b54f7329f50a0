"""The HTML that imported records keep: feed markup cleaned by nh3 (the ammonia sanitiser).

Feed content is written by strangers and ends up in pages, so scripts, styles, event handlers,
``javascript:`` links and unknown elements go, while the structure an article needs (headings,
lists, quotes, tables, figures, code with its language class) stays. This is the one call the
importer makes into nh3; a shared project-wide sanitiser can replace it without other changes.
"""

from __future__ import annotations

from typing import Any

_CODE_ATTRIBUTES = {"class", "lang", "data-lang"}


def sanitize_html(html: str) -> str:
    """``html`` with only safe elements, attributes and URL schemes left.

    Beyond nh3's defaults, ``class``/``lang`` survive on ``pre``, ``code`` and their wrappers so
    that code blocks keep their language, and images keep their size.
    """
    import nh3

    attributes: dict[str, Any] = {
        tag: set(values) for tag, values in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag in ("pre", "code", "div", "span"):
        attributes[tag] = attributes.get(tag, set()) | _CODE_ATTRIBUTES
    attributes["img"] = attributes.get("img", set()) | {"src", "alt", "title", "width", "height"}
    return nh3.clean(html, attributes=attributes, link_rel="noopener noreferrer",
                     url_schemes={"http", "https", "mailto"})
