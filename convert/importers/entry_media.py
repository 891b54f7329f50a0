"""An RSS or Atom entry's images and other files, as feedparser lists them.

Images come from Media RSS content and thumbnails, image enclosures and the iTunes image;
other files (a podcast's audio, a video) from enclosures and Media RSS audio and video. Each is
kept once, by its address; what the record makes of them is :mod:`convert.importers.media`'s.
An enclosure FeedBurner rewrote to its redirect is kept at the address the feed's
``feedburner:origEnclosureLink`` gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from convert.importers.entries import Enclosure, Image, is_web, to_int


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
    for link in enclosure_links(entry):
        if is_image(None, link.get("type"), link.get("href")):
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

    for link in enclosure_links(entry):
        if not is_image(None, link.get("type"), link.get("href")):
            add(link.get("href"), link.get("type"), link.get("length"))
    for media in entry.get("media_content") or []:
        if not isinstance(media, Mapping):
            continue
        medium = str(media.get("medium") or "").lower()
        kind = str(media.get("type") or "").lower()
        if medium in ("audio", "video") or kind.startswith(("audio/", "video/")):
            add(media.get("url"), media.get("type"), media.get("filesize"), medium or None)
    return tuple(found.values())


def enclosure_links(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The entry's enclosures (RSS's, Atom's ``rel="enclosure"`` links), the first one on a
    FeedBurner host at the address ``feedburner:origEnclosureLink`` gives, when that is an
    http(s) address.

    FeedBurner rewrote one enclosure per item to a counting redirect
    (``feedproxy.google.com/~r/Show/~5/.../episode.mp3``) and kept the file's own address in
    that element; the redirects died with the service in 2022, the files did not."""
    links = [link for link in entry.get("enclosures") or [] if isinstance(link, Mapping)]
    original = string_or_none(entry.get("feedburner_origenclosurelink"))
    if original is None or not is_web(original):
        return links
    for number, link in enumerate(links):
        if _is_feedburner(link.get("href")):
            return [*links[:number], {**link, "href": original}, *links[number + 1 :]]
    return links


def _is_feedburner(url: object) -> bool:
    """Whether ``url`` is on one of FeedBurner's hosts (``feedproxy.google.com``,
    ``feeds.feedburner.com`` and the like)."""
    host = _host(url)
    return (
        host == "feedproxy.google.com"
        or host == "feedburner.com"
        or host.endswith(".feedburner.com")
    )


def _host(url: object) -> str:
    if not isinstance(url, str):
        return ""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def is_image(medium: object, media_type: object, url: object) -> bool:
    """Whether a media item is an image: by its Media RSS medium, else its media type, else
    the file name its URL ends in."""
    if isinstance(medium, str) and medium:
        return medium.lower() == "image"
    if isinstance(media_type, str) and media_type:
        return media_type.lower().startswith("image/")
    return isinstance(url, str) and url.lower().split("?")[0].endswith(_IMAGE_SUFFIXES)
