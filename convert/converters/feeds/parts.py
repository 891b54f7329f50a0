"""The parts of a record a feed item carries beyond its title, link and dates.

Authors, tags, language, videos, the media types of files and the article body as sanitised
HTML: each read leniently (real records write ``null``, strings where lists are expected,
parties as strings or objects) and reduced to the plain values the three feed formats print
alike: each text without the characters XML cannot carry (NUL and the other C0 controls),
taken out before it is judged blank, so that no format writes an empty author or tag and
JSON Feed carries no character the XML feeds drop.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from convert.converters.feeds.xml import xml_text

if TYPE_CHECKING:
    from mimetypes import MimeTypes


class Video(NamedTuple):
    url: str
    media_type: str | None  # None when the address does not say (a player page, say)


class Download(NamedTuple):
    """A file a download record offers (its ``actions``): shown as an attachment, typed only
    when its address names a type."""

    url: str
    title: str | None
    media_type: str | None


# Media types by file extension, for video addresses that name a file. Anything else (a
# YouTube watch page) has no known type, and no type is invented for it.
_VIDEO_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "mov": "video/quicktime",
    "m3u8": "application/vnd.apple.mpegurl",
    "mpd": "application/dash+xml",
}
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{2,5})(?:[?#]|$)")


def _names(value: object) -> list[str]:
    """Author names from a string, a party ``{name: ...}`` or a list of either."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str):
            name = " ".join((name if name.isprintable() else xml_text(name)).split())
            if name:
                names.append(name)
    return names


def authors(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """The record's own ``author``/``authors``, then ``provider.authors``, each once; the
    provider's name when none is given, since a feed reader shows a source either way."""
    provider = meta.get("provider")
    provider = provider if isinstance(provider, dict) else {}
    found: list[str] = []
    # Runs for every item: absent and null values (nearly all records) cost a lookup each.
    for value in (meta.get("author"), meta.get("authors"), provider.get("authors")):
        if value:
            found += _names(value)
    if not found:
        name = provider.get("name")
        if not isinstance(name, str):
            return ()
        name = " ".join((name if name.isprintable() else xml_text(name)).split())
        return (name,) if name else ()
    return tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)


def tags(meta: Mapping[str, Any]) -> tuple[str, ...]:
    """``topics``, ``tags``, ``categories``, then the single ``category``: each tag once, in
    order.

    Runs for every item, so the tags are gathered in one loop, without a call or a list per
    field, and a printable text (nearly all) is known clean by one scan in C.
    """
    found: list[str] = []
    get = meta.get
    for key in ("topics", "tags", "categories", "category"):
        value = get(key)
        if not value:
            continue
        if isinstance(value, str):
            value = (value,)
        elif not isinstance(value, list):
            continue
        for v in value:
            if isinstance(v, str) and (text := (v if v.isprintable() else xml_text(v)).strip()):
                found.append(text)
    return tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)


def _language_key(tag: str) -> str:
    return tag.replace("_", "-").lower()


def language(meta: Mapping[str, Any], feed_language: str | None) -> str | None:
    """The record's ``locale`` as a language tag (``en_US`` -> ``en-US``) when it is not the
    feed's own language (compared without regard to case); else ``None``."""
    locale = meta.get("locale")
    if not isinstance(locale, str) or not re.fullmatch(
        r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*", locale
    ):
        return None
    if feed_language and _language_key(locale) == _language_key(feed_language):
        return None
    return locale.replace("_", "-")


def video_type(url: str) -> str | None:
    """The media type a video address names by its extension, or ``None``."""
    match = _EXTENSION.search(url.split("://", 1)[-1].partition("/")[2])
    return _VIDEO_TYPES.get(match[1].lower()) if match else None


def file_type(url: str) -> str | None:
    """The media type a file's address names by its extension, from Python's own table (not
    the machine's, so every machine writes the same feed), or ``None``: a compressed file
    (``.tar.gz``), or an extension the table does not know (``.msapp``), is left untyped."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
    media_type, encoding = _python_types().guess_type(path, strict=False)
    return None if encoding else media_type


@cache
def _python_types() -> MimeTypes:
    """Python's media-type table alone (``MimeTypes()`` reads no file of the machine's)."""
    from mimetypes import MimeTypes

    return MimeTypes()


def videos(meta: Mapping[str, Any], original_url: str | None) -> tuple[Video, ...]:
    """A video record's ``originalUrl`` as its video (``type: video`` in the schema)."""
    if meta.get("type") != "video" or not original_url:
        return ()
    return (Video(original_url, video_type(original_url)),)
