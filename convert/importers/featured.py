"""The picture a summary opens with: a post's featured image, kept when the summary is text.

WordPress themes and plugins put the post's featured image before the words of the feed's
excerpt: a bare ``<img class="webfeedsFeaturedVisual wp-post-image" ...>`` (Feedly's
convention), ``<p><img ...></p>``, the image inside the first paragraph, or wrapped in a link
to the post. A summary read as the excerpt is plain text, which has no place for it, so the
picture becomes one of the record's ``images``, as Media RSS content would have made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from convert.importers.entries import Image, to_int
from convert.importers.preparing import fragment

_WORD = re.compile(r"\w")
_SIZED = re.compile(r"-\d{1,5}x\d{1,5}(?=\.[A-Za-z0-9]{1,5}$)")
"""The size WordPress names an image's smaller copies by (``photo-300x200.jpg``)."""


def lead_image(text: str) -> Image | None:
    """The image the HTML ``text`` opens with, before any word of it; ``None`` when it opens
    with words, has no image, or its first image is a one-pixel tracking image."""
    if "<img" not in text.lower():
        return None
    root = fragment(text)
    if root is None:
        return None
    first = next(root.iter("img"), None)
    if first is None or _words_before(first):
        return None
    url = first.get("src")
    if not isinstance(url, str) or not url.strip():
        return None
    width, height = _pixels(first.get("width")), _pixels(first.get("height"))
    if width == 1 or height == 1:  # a beacon (Medium, WordPress.com), no picture
        return None
    return Image(url.strip(), width, height)


def _words_before(element: Any) -> bool:
    """Whether any text before ``element`` in its fragment holds a word."""
    return any(_WORD.search(str(text)) for text in element.xpath("preceding::text()"))


def _pixels(value: object) -> int | None:
    """An HTML width or height (``150``, ``150px``) in pixels, else ``None``."""
    if not isinstance(value, str):
        return None
    return to_int(value.strip().removesuffix("px"))


def is_among(url: str, urls: Iterable[str]) -> bool:
    """Whether ``url`` is the picture of one of ``urls``: the same address, or the same file
    in another of the sizes WordPress makes (``photo-150x150.jpg`` beside ``photo.jpg``), as a
    feed gives the full image in Media RSS and the teaser a thumbnail of it."""
    picture = _picture(url)
    return any(_picture(other) == picture for other in urls)


def _picture(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = _SIZED.sub("", parts.path)
    return f"{(parts.hostname or '').lower()}{path}?{parts.query}"
