"""Getting a feed's bytes from a file, standard input or an http(s) URL, within limits.

A feed is read whole before it is parsed, so every source is capped: a file or response past
``max_bytes`` is refused rather than read to the end, and a URL that does not answer within
``timeout`` seconds is given up. Failures are :class:`FetchError`, whose message names the source
and says what to do; the caller turns it into a finding, so the rest of a batch goes on.
"""

from __future__ import annotations

import http.client
import socket
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from convert.limits import MAX_FEED_BYTES

STDIN = "-"
DEFAULT_TIMEOUT = 30.0
USER_AGENT = "article-convert (feed import)"
_CHUNK = 1 << 16


class FetchError(Exception):
    """The source could not be read; the message is one sentence for the user."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Fetched:
    """A feed's bytes and what the transport said about them.

    ``location`` is the URL the bytes finally came from (after redirects), used to resolve
    relative links; ``content_type`` is the HTTP header, which may name the charset.
    """

    name: str
    data: bytes
    location: str | None = None
    content_type: str | None = None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(
    source: str, *, max_bytes: int = MAX_FEED_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> Fetched:
    """Read ``source``: a path, ``-`` for standard input, or an http(s) URL.

    Raises:
        FetchError: unreadable, too large, offline, an HTTP error or a timeout.
    """
    if is_url(source):
        return _fetch_url(source, max_bytes, timeout)
    if source == STDIN:
        return Fetched("<stdin>", _read_capped(sys.stdin.buffer, max_bytes, "<stdin>"))
    path = Path(source)
    try:
        with path.open("rb") as stream:
            data = _read_capped(stream, max_bytes, source)
    except IsADirectoryError:
        raise FetchError(
            f"{source} is a directory, not a feed", hint="name the feed file itself"
        ) from None
    except OSError as exc:
        raise FetchError(f"cannot read {source}: {exc.strerror or exc}") from None
    return Fetched(path.as_posix(), data)


def _read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, max_bytes + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"{name} is larger than the limit of {max_bytes:,} bytes",
                hint="raise the limit with --max-size if the feed really is this large",
            )
    return b"".join(parts)


def _fetch_url(url: str, max_bytes: int, timeout: float) -> Fetched:
    try:
        # Inside the try: making the request parses the URL ("http://[broken" is a ValueError).
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
            },
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"{url} is {int(length):,} bytes, over the limit of {max_bytes:,}",
                    hint="raise the limit with --max-size",
                )
            data = _read_capped(response, max_bytes, url)
            return Fetched(url, data, response.geturl(), response.headers.get("Content-Type"))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise FetchError(
                f"{url} did not answer within {timeout:g} s",
                hint="try again later or raise --timeout",
            ) from None
        raise FetchError(
            f"cannot reach {url}: {reason}", hint="check the address and the network connection"
        ) from None
    except TimeoutError:
        raise FetchError(
            f"{url} did not answer within {timeout:g} s", hint="try again later or raise --timeout"
        ) from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        # http.client's own errors (a host it refuses, a body cut short) are no OSError.
        raise FetchError(f"cannot fetch {url}: {exc}") from None
