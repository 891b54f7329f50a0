"""An RSS or Atom entry's images and other files, as feedparser lists them.

Images come from Media RSS content and thumbnails, image enclosures and the iTunes image;
other files (a podcast's audio, a video, a file offered for download) from enclosures and
Media RSS content. Each is kept once, by its address; what the record makes of them is
:mod:`convert.importers.media`'s.
An enclosure FeedBurner rewrote to its redirect is kept at the address the feed's
``feedburner:origEnclosureLink`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from convert.importers.entries import Enclosure, Image, is_web, to_int
from convert.importers.media import is_page_or_player, kind


def string_or_none(value: object) -> str | None:
    """``value`` stripped when it is text with something in it."""
    return value.strip() if isinstance(value, str) and value.strip() else None


def images_of(
    entry: Mapping[str, Any], titles: Mapping[str, str] | None = None
) -> tuple[Image, ...]:
    """Media RSS content and thumbnails, image enclosures and the iTunes image, each URL once.

    A Media RSS image is titled by its ``media:title`` (``titles``, by address:
    :func:`media_titles`), which is where the feed converters write an image's title."""
    found: dict[str, Image] = {}
    titles = titles or {}

    def add(
        url: object, width: object = None, height: object = None, *, media: bool = False
    ) -> None:
        if isinstance(url, str) and url.strip() and url.strip() not in found:
            address = url.strip()
            title = titles.get(address) if media else None
            found[address] = Image(
                address, to_int(width), to_int(height), title, titled_by_media_rss=bool(title)
            )

    for media in entry.get("media_content") or []:
        if isinstance(media, Mapping) and is_image(
            media.get("medium"), media.get("type"), media.get("url")
        ):
            add(media.get("url"), media.get("width"), media.get("height"), media=True)
    for link in enclosure_links(entry):
        if is_image(None, _enclosure_type(link), link.get("href")):
            add(link.get("href"))
    for thumb in entry.get("media_thumbnail") or []:
        if isinstance(thumb, Mapping):
            add(thumb.get("url"), thumb.get("width"), thumb.get("height"))
    image = entry.get("image")
    if isinstance(image, Mapping):
        add(image.get("href"))
    return tuple(found.values())


def enclosures_of(
    entry: Mapping[str, Any], *, atom: bool = False, titles: Mapping[str, str] | None = None
) -> tuple[Enclosure, ...]:
    """The files an entry carries other than images, each URL once: enclosures (RSS's, and
    Atom's ``rel="enclosure"`` links, which feedparser lists with them) first, then Media RSS
    audio and video, which the feed converters write a record's video as, and Media RSS files
    offered for download (:func:`_offered_files`). Other Media RSS content (YouTube's Flash
    player) is no file to keep. Media RSS audio and video is known as an enclosure's is
    (:func:`~convert.importers.media.kind`): by medium, else type, else, for content typed
    as bytes or not at all, the file's name, so a podcast's ``ep.mp3`` a server types
    ``application/octet-stream`` is the entry's audio there too.

    ``atom`` says the enclosures are Atom links, where the feed converters write a download
    record's files (RSS's ``<enclosure>`` they never write: it needs a length), unless the
    link is typed as a page or a player
    (:func:`~convert.importers.media.is_page_or_player`). ``titles``
    are the Media RSS titles of files by address (:func:`media_titles`), which feedparser
    does not keep."""
    found: dict[str, Enclosure] = {}

    def add(enclosure: Enclosure) -> None:
        if enclosure.url not in found:
            found[enclosure.url] = enclosure

    for link in enclosure_links(entry):
        address = string_or_none(link.get("href"))
        media_type = _enclosure_type(link)
        if address and not is_image(None, media_type, address):
            length = to_int(link.get("length"))
            title = string_or_none(link.get("title")) if atom else None
            offered = atom and not is_page_or_player(media_type)
            add(Enclosure(address, media_type, length, title=title, offered=offered))
    for media in entry.get("media_content") or []:
        if not isinstance(media, Mapping):
            continue
        medium = str(media.get("medium") or "").lower()
        media_type = string_or_none(media.get("type"))
        address = string_or_none(media.get("url"))
        if address is None:
            continue
        played = Enclosure(address, media_type, to_int(media.get("filesize")), medium or None)
        if (medium in ("", "audio", "video") and kind(played) != "File") or (
            (media_type or "").lower().startswith(("audio/", "video/"))
        ):
            add(played)
    for enclosure in _offered_files(entry, titles or {}):
        add(enclosure)
    return tuple(found.values())


_MEDIA_FILE_MEDIUMS = ("", "document", "executable")
_SHOWN_SIZES = ("width", "height", "duration")


def _offered_files(entry: Mapping[str, Any], titles: Mapping[str, str]) -> Iterator[Enclosure]:
    """Media RSS content that is a file to download, as the RSS converter writes a download
    record's ``actions``: no medium (or Media RSS's ``document``, ``executable``), no width,
    height or duration (a picture's or player's), and a media type, else a file name, of no
    picture, audio or video, nor of a page or a player (YouTube's Flash ``media:content``)."""
    for media in entry.get("media_content") or []:
        if not isinstance(media, Mapping):
            continue
        medium = str(media.get("medium") or "").lower()
        address = string_or_none(media.get("url"))
        media_type = string_or_none(media.get("type"))
        if (
            address is None
            or medium not in _MEDIA_FILE_MEDIUMS
            or any(media.get(size) not in (None, "") for size in _SHOWN_SIZES)
            or is_page_or_player(media_type)
            or is_image(None, media_type, address)
        ):
            continue
        enclosure = Enclosure(
            address,
            media_type,
            to_int(media.get("filesize")),
            medium or None,
            title=titles.get(address),
            offered=True,
        )
        if kind(enclosure) == "File":
            yield enclosure


def _enclosure_type(link: Mapping[str, Any]) -> str | None:
    """An enclosure's media type, none for ``text/html``: feedparser gives an untyped Atom
    link that type, which says nothing of the file, so its name says what it is."""
    media_type = string_or_none(link.get("type"))
    return None if media_type is not None and media_type.lower() == "text/html" else media_type


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


_MEDIA_RSS = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")


def media_titles(data: bytes) -> dict[str, str]:
    """The ``media:title`` of each Media RSS ``media:content`` in the XML ``data``, by the
    content's address: the name the RSS converter gives a download record's file.

    feedparser reads a ``media:title`` as the entry's title (and keeps the entry's own), so
    the file's title is read here, by lxml without a DTD, entities or the network, and as
    leniently as feedparser reads a feed that is no well-formed XML."""
    if not any(namespace.encode() in data for namespace in _MEDIA_RSS) or _untitled(data):
        return {}
    import io

    from lxml import etree

    found: dict[str, str] = {}
    contents = tuple(f"{{{namespace}}}content" for namespace in _MEDIA_RSS)
    titles = {f"{{{namespace}}}title" for namespace in _MEDIA_RSS}
    try:
        for _, content in etree.iterparse(
            io.BytesIO(data),
            events=("end",),
            tag=contents,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            recover=True,
        ):
            address = string_or_none(content.get("url"))
            title = next((t for t in content if t.tag in titles), None)
            text = _title_text(title) if title is not None else ""
            if address and text and address not in found:
                found[address] = text
            content.clear()
    except (etree.LxmlError, ValueError):
        pass  # the titles read so far; feedparser reports what is wrong with the feed
    return found


_MEDIA_RSS_BOUND = re.compile(
    rb"""xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*["']http://search\.yahoo\.com/mrss/?["']"""
)


def _untitled(data: bytes) -> bool:
    """Whether ``data`` surely holds no Media RSS title: each prefix bound to the namespace
    (``media``) is never written before ``:title``. A feed read one entry at a time is asked
    once an entry, and most Media RSS entries carry pictures and no titles; a parse of each
    cost about 5% of an import. The namespace bound as the default one is read to be sure."""
    prefixes = _MEDIA_RSS_BOUND.findall(data)
    if not prefixes or b"" in prefixes:
        return False
    return not any(b"<" + prefix + b":title" in data for prefix in prefixes)


def _title_text(title: Any) -> str:
    """A ``media:title``'s text: plain unless its ``type`` says HTML, on one line."""
    text = "".join(title.itertext())
    if str(title.get("type") or "").lower() == "html":
        from convert.importers.bodies import html_to_text

        text = html_to_text(text)
    return " ".join(text.split())
