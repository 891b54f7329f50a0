"""An RSS or Atom entry's images and other files, as feedparser lists them.

Images come from Media RSS content and thumbnails, image enclosures and the iTunes image;
other files (a podcast's audio, a video) from enclosures and Media RSS audio and video. Each is
kept once, by its address; what the record makes of them is :mod:`convert.importers.media`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convert.importers.entries import Enclosure, Image, to_int


def string_or_none(value: object) -> str | None:
    """``value`` stripped when it is text with something in it."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def images_of(entry: Mapping[str, Any]) -> tuple[Image, ...]:
    """Media RSS content and thumbnails, image enclosures and the iTunes image, each URL once."""
    found: dict[str, Image] = {}

    def add(url: object, width: object = None, height: object = None, title: object = None) -> None:
        if isinstance(url, str) and url.strip() and url.strip() not in found:
            found[url.strip()] = Image(
                url.strip(), to_int(width), to_int(height), string_or_none(title)
            )

    for media in entry.get("media_content") or []:
        if isinstance(media, Mapping) and is_image(
            media.get("medium"), media.get("type"), media.get("url")
        ):
            add(media.get("url"), media.get("width"), media.get("height"))
    for link in entry.get("enclosures") or []:
        if isinstance(link, Mapping) and is_image(None, link.get("type"), link.get("href")):
            add(link.get("href"))
    for thumb in entry.get("media_thumbnail") or []:
        if isinstance(thumb, Mapping):
            add(thumb.get("url"), thumb.get("width"), thumb.get("height"))
    image = entry.get("image")
    if isinstance(image, Mapping):
        add(image.get("href"))
    return tuple(found.values())


def enclosures_of(entry: Mapping[str, Any]) -> tuple[Enclosure, ...]:
    """The files an entry carries other than images, each URL once: enclosures (RSS's, and
    Atom's ``rel="enclosure"`` links, which feedparser lists with them) first, then Media RSS
    audio and video, which the feed converters write a record's video as. Other Media RSS
    content (YouTube's Flash player) is no file to keep."""
    found: dict[str, Enclosure] = {}

    def add(url: object, media_type: object, length: object, medium: object = None) -> None:
        address = string_or_none(url)
        if address and address not in found:
            found[address] = Enclosure(
                address, string_or_none(media_type), to_int(length), string_or_none(medium)
            )

    for link in entry.get("enclosures") or []:
        if isinstance(link, Mapping) and not is_image(None, link.get("type"), link.get("href")):
            add(link.get("href"), link.get("type"), link.get("length"))
    for media in entry.get("media_content") or []:
        if not isinstance(media, Mapping):
            continue
        medium = str(media.get("medium") or "").lower()
        kind = str(media.get("type") or "").lower()
        if medium in ("audio", "video") or kind.startswith(("audio/", "video/")):
            add(media.get("url"), media.get("type"), media.get("filesize"), medium or None)
    return tuple(found.values())


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def is_image(medium: object, media_type: object, url: object) -> bool:
    """Whether a media item is an image: by its Media RSS medium, else its media type, else
    the file name its URL ends in."""
    if isinstance(medium, str) and medium:
        return medium.lower() == "image"
    if isinstance(media_type, str) and media_type:
        return media_type.lower().startswith("image/")
    return isinstance(url, str) and url.lower().split("?")[0].endswith(_IMAGE_SUFFIXES)
