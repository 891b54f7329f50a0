"""An entry's enclosures in its record: a podcast's audio, a video, a download, any other file.

The article schema has a place for one video, ``type: video`` with the video's address in
``originalUrl``, which the feed converters write back as the item's video (Media RSS in RSS,
an enclosure link in Atom, an attachment in JSON Feed): the first video of an entry goes
there. It has a place for the files a download record offers, ``actions``, which the feed
converters write as Media RSS content with no medium, an Atom enclosure link and a JSON Feed
attachment: a file that is no audio, video or picture, written in one of those places
(:attr:`~convert.importers.entries.Enclosure.offered`), goes there. It has none for audio or
other files (an RSS ``<enclosure>``, podcasts' and WordPress's element), and inventing a field
would make records that other tools do not read. So every other enclosure becomes a link at
the end of the body, named by its kind, format and size (``[Audio (MP3, 39.4 MB)](https://...)``):
a reader sees it, the record validates, and the feeds the record is converted to carry it in
the content.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from convert.importers.entries import Enclosure

_FORMATS = {
    "audio/mpeg": "MP3",
    "audio/mp3": "MP3",
    "audio/mpeg3": "MP3",
    "audio/x-mpeg": "MP3",
    "audio/x-mp3": "MP3",
    "audio/mp4": "M4A",
    "audio/m4a": "M4A",
    "audio/x-m4a": "M4A",
    "audio/aac": "AAC",
    "audio/x-aac": "AAC",
    "audio/ogg": "OGG",
    "audio/opus": "OPUS",
    "audio/wav": "WAV",
    "audio/x-wav": "WAV",
    "audio/flac": "FLAC",
    "video/mp4": "MP4",
    "video/x-m4v": "M4V",
    "video/webm": "WEBM",
    "video/ogg": "OGV",
    "video/quicktime": "MOV",
    "application/pdf": "PDF",
    "application/epub+zip": "EPUB",
    "application/zip": "ZIP",
}
"""Media types by the name people know their format by (a file's usual extension)."""
_AUDIO_EXTENSIONS = frozenset({"mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac"})
_VIDEO_EXTENSIONS = frozenset({"mp4", "m4v", "webm", "ogv", "mov"})
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,5})$")
_SUBTYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,30}")
_SMALLEST = 1000
"""Lengths below this are the placeholders generators write when they do not know one (the
RSS spec requires ``length``: ``0`` and ``1`` are common); no audio, video or document is
that small, so no size is shown for them."""


def _media_type(enclosure: Enclosure) -> str:
    return (enclosure.media_type or "").split(";")[0].strip().lower()


def _extension(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    match = _EXTENSION.search(path)
    return match.group(1).lower() if match else ""


_BYTES = frozenset({"application/octet-stream", "binary/octet-stream"})
"""Media types that say a file is bytes and nothing of what kind: servers that know no better
send them for podcasts' audio, and the feed converters write them for a file of no known type."""


_PAGES_AND_PLAYERS = frozenset(
    {"text/html", "application/xhtml+xml", "application/x-shockwave-flash"}
)
"""Media types of a page to read or a player to watch in (YouTube's Flash ``media:content``):
what a reader opens, not a file a reader saves."""


def is_page_or_player(media_type: str | None) -> bool:
    """Whether ``media_type`` (parameters aside) is a page's or a player's: such a file is
    never one offered for download, in whichever feed format it comes. Every reader asks
    this one question, so RSS, Atom and JSON Feed draw the line alike."""
    return (media_type or "").split(";")[0].strip().lower() in _PAGES_AND_PLAYERS


def kind(enclosure: Enclosure) -> Literal["Audio", "Video", "File"]:
    """Audio, video or another file: by the Media RSS medium, else the media type (one that
    says more than bytes), else the extension of the file the URL names."""
    medium = (enclosure.medium or "").lower()
    media_type = _media_type(enclosure)
    if medium in ("audio", "video"):
        return "Audio" if medium == "audio" else "Video"
    if media_type and media_type not in _BYTES:
        major = media_type.partition("/")[0]
        return "Audio" if major == "audio" else "Video" if major == "video" else "File"
    extension = _extension(enclosure.url)
    if extension in _AUDIO_EXTENSIONS:
        return "Audio"
    return "Video" if extension in _VIDEO_EXTENSIONS else "File"


def _format(enclosure: Enclosure) -> str | None:
    """The format's usual name: known media types by name, else the file's extension, else
    the media type's subtype (without ``x-``) when it is a plain word."""
    media_type = _media_type(enclosure)
    if media_type in _FORMATS:
        return _FORMATS[media_type]
    extension = _extension(enclosure.url)
    if extension:
        return extension.upper()
    subtype = media_type.partition("/")[2].removeprefix("x-")
    return subtype.upper() if _SUBTYPE.fullmatch(subtype) else None


_LARGEST = 10**15
"""Lengths above this (1000 TB) are no file's: a generator's garbage, so no size is shown."""


def _size(length: int | None) -> str | None:
    """``length`` bytes in decimal units with one decimal, as podcast apps show sizes."""
    if length is None or not _SMALLEST <= length <= _LARGEST:
        return None
    value = float(length)
    for unit in ("KB", "MB", "GB"):
        value /= 1000
        if round(value, 1) < 1000:
            return f"{value:.1f} {unit}"
    return f"{value / 1000:.1f} TB"


def file_label(enclosure: Enclosure) -> str:
    """How the body names a file: ``Audio (MP3, 39.4 MB)``, ``File (PDF)``, ``File``."""
    details = [d for d in (_format(enclosure), _size(enclosure.length)) if d]
    named = kind(enclosure)
    return f"{named} ({', '.join(details)})" if details else named


class Placed(NamedTuple):
    """Where an entry's enclosures go in its record."""

    video: str | None
    """The first video's address: the record's video."""
    files: list[Enclosure]
    """Files linked after the body: audio, other videos, files no download was offered as."""
    downloads: list[Enclosure]
    """The files the entry offers for download: the record's ``actions``."""


def placed(enclosures: Iterable[Enclosure], absolute: Callable[[str], str | None]) -> Placed:
    """The first video, the downloads and the other files, each with the absolute URL
    ``absolute`` gives it and each once; one it finds no web address for is left out.

    A download is a file that is no audio or video (pictures are the record's images
    already), written where the feed converters write a download record's files
    (:attr:`Enclosure.offered`)."""
    video: str | None = None
    files: list[Enclosure] = []
    downloads: list[Enclosure] = []
    seen: set[str] = set()
    for enclosure in enclosures:
        url = absolute(enclosure.url)
        if url is None or url in seen:
            continue
        seen.add(url)
        named = kind(enclosure)
        if video is None and named == "Video":
            video = url
        elif enclosure.offered and named == "File":
            downloads.append(replace(enclosure, url=url))
        else:
            files.append(replace(enclosure, url=url))
    return Placed(video, files, downloads)


_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
"""A run of RFC 3986's characters: an address the importer writes lies inside one."""
_WEB_START = re.compile(r"https?://")
_INSIDE_ENDS = ")'"
"""The characters that end a link target (``(url)``, ``'url'``) and may be in one too."""
_INSIDE_END = re.compile(f"[{_INSIDE_ENDS}]")
_MOST_INSIDE = 16
"""How many of those an address's end is looked for among; no real address holds more."""


def _links_in(body: str, urls: Collection[str]) -> set[str]:
    """Those of ``urls`` that ``body`` has whole: as a link's target (``(url)``, ``<url>``,
    ``"url"``, ``'url'``) or bare, not merely the start of a longer address.

    One pass over the body: an address starts where ``http://`` or ``https://`` does, lies in
    a run of RFC 3986's characters, and ends at the run's end (before ``>``, ``"``, a space
    or the body's end) or at a ``)`` or ``'`` inside it: one of the first after its start, as
    many as the addresses hold but at most ``_MOST_INSIDE``, so that a body of brackets costs
    no more than one of words. An address of another shape is searched for on its own."""
    found: set[str] = set()
    sought: set[str] = set()
    for url in urls:
        if _WEB_START.match(url) and _URL_CHARACTERS.fullmatch(url):
            sought.add(url)
        elif re.search(re.escape(url) + r"""(?=[)>"'\s]|$)""", body):
            found.add(url)
    if not sought:
        return found
    lengths = {len(url) for url in sought}
    longest = max(lengths)
    inside = min(_MOST_INSIDE, 1 + max(sum(map(url.count, _INSIDE_ENDS)) for url in sought))
    for run in _URL_CHARACTERS.finditer(body):
        begin, end = run.span()
        if body.find("http", begin, end) < 0:
            continue
        whole = end == len(body) or body[end] in '>"' or body[end].isspace()
        ends = [m.start() for m in _INSIDE_END.finditer(body, begin, end)]
        for start in _WEB_START.finditer(body, begin, end):
            at = start.start()
            first = bisect.bisect_right(ends, at)
            stops = ends[first : first + inside]
            if whole:
                stops.append(end)
            for stop in stops:
                if stop - at > longest:
                    break
                if stop - at in lengths and body[at:stop] in sought:
                    found.add(body[at:stop])
    return found


def with_files(
    body: str, files: Iterable[Enclosure], body_format: Literal["markdown", "html", "text"]
) -> str:
    """``body`` with a link to each file it does not link already, one paragraph each, after
    the text. The URLs are absolute and written in RFC 3986's characters, so they need no
    escaping in Markdown beyond angle brackets around one with parentheses."""
    files = list(files)
    linked = _links_in(body, {form for f in files for form in (f.url, html.escape(f.url))})
    paragraphs = []
    for enclosure in files:
        url = enclosure.url
        if url in linked or html.escape(url) in linked:
            continue
        label = file_label(enclosure)
        if body_format == "html":
            paragraphs.append(f'<p><a href="{html.escape(url)}">{label}</a></p>')
        else:
            target = f"<{url}>" if "(" in url or ")" in url else url
            paragraphs.append(f"[{label}]({target})")
    if not paragraphs:
        return body
    if body_format == "html":
        return body + "".join(paragraphs)
    return "\n\n".join([body.rstrip("\n"), *paragraphs] if body.strip() else paragraphs)


def actions(downloads: Iterable[Enclosure], taken: Collection[str]) -> list[dict[str, str]]:
    """The record's ``actions`` for the files it offers, in the schema's shape (``url``,
    ``type: download``, ``title`` where the feed names the file), less those whose address
    ``taken`` holds (the record's images and video have them already)."""
    found: list[dict[str, str]] = []
    for enclosure in downloads:
        if enclosure.url in taken:
            continue
        action = {"url": enclosure.url, "type": "download"}
        if enclosure.title:
            action["title"] = enclosure.title
        found.append(action)
    return found
