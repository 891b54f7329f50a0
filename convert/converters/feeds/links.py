"""Where an item points, and the id that follows from it.

A record's URLs are made absolute http(s) URLs (joined to ``base_url`` when relative, %-escaped
where a reader could not follow them, an internationalised domain in its ``xn--`` form), or
give the reason they cannot be, which the item builder
turns into a finding. The item's id is a ``urn:uuid`` derived from its URL, so it stays the same
from run to run. Both run once per item, so each has a short route for the usual case: an
absolute URL with nothing to escape is returned after one regex match, and the id is one hash,
without a UUID object.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import NamedTuple
from urllib.parse import quote, urljoin

from convert.converters.feeds.settings import FeedSettings
from convert.diagnostics import FindingKind, Severity
from convert.record import Record
from convert.web_address import (
    WEB_SCHEMES,
    ascii_url,
    is_uri_text,
    scheme_of,
)

FINDINGS = (
    FindingKind(
        "convert/url",
        Severity.WARNING,
        "A URL has no host or port a browser reads, or is not http(s): it is left out.",
    ),
    FindingKind(
        "convert/relative-url",
        Severity.WARNING,
        "A relative URL with no base URL (--base-url) to join it to: left out.",
    ),
)

_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
_ABSOLUTE = re.compile(r"https?://[^/?#]", re.IGNORECASE)
# An absolute URL with nothing to strip, quote or join: what almost every record has, returned
# as it is by one match. Its host is labels of plain characters, the last one not starting with
# a digit (a browser reads a host whose last label is a number as an IPv4 address), and its
# port at most four digits; anything else (a user name, an IP address, an empty label, a
# %-escape, a five-digit port) goes the general route, which reads the host and port as
# web_address does. Possessive, since nothing matched is given back.
_READY_URL = re.compile(
    r"[hH][tT][tT][pP][sS]?://(?:[A-Za-z0-9\-_~!$&'()*+,;=]++\.)*+(?![0-9])"
    r"[A-Za-z0-9\-_~!$&'()*+,;=]++(?::[0-9]{0,4})?+"
    r"(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*+)?+"
)


ready_url = _READY_URL.fullmatch
"""The match when a URL can go into a feed as it is written (the common case), else None."""


def is_absolute(url: str) -> bool:
    """An http(s) URL with a host; a regex, since urlsplit is slow for a per-item check."""
    return _ABSOLUTE.match(url) is not None


class UrlProblem(NamedTuple):
    """Why a URL cannot go into a feed: its finding's rule and a sentence naming the problem."""

    rule: str
    message: str


def web_url(value: object, settings: FeedSettings) -> str | UrlProblem | None:
    """``value`` as an absolute http(s) URL (joined to ``base_url`` if relative), the problem
    that stops it, or ``None`` when there is no value.

    Feed readers follow http(s) links only, so an ``ftp:`` or ``urn:`` address is as unusable
    in an item as a relative one, but for another reason, which the problem names.
    """
    if type(value) is str and ready_url(value):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    # Spaces, control characters and non-ASCII become %-escapes, so the URL is one a reader
    # can follow and XML can carry; characters with a meaning in URLs are kept as written.
    url = value.strip()
    if not is_uri_text(url):
        url = quote(url, safe=_URL_SAFE)
    if is_absolute(url):
        return _readable(url)
    scheme = scheme_of(url)  # one letter is a Windows drive, i.e. a path: ''
    if scheme in WEB_SCHEMES:
        return UrlProblem("convert/url", f"{url!r} has no host")
    if scheme:
        return UrlProblem(
            "convert/url",
            f"{url!r} uses the {scheme}: scheme, not http(s): feed readers open web links only",
        )
    if settings.base_url:
        try:
            joined = urljoin(settings.base_url, url)
        except ValueError as exc:  # a host such as "[broken", in the URL or the base
            return UrlProblem(
                "convert/url",
                f"{url!r} cannot be joined to the base_url {settings.base_url!r} ({exc})",
            )
        if is_absolute(joined):  # "//host/path" brings its own host: the base's is no proof
            return _readable(joined)
    return UrlProblem(
        "convert/relative-url",
        f"{url!r} is a relative URL and there is no base_url (--base-url) to join it to",
    )


def _readable(url: str) -> str | UrlProblem:
    """An absolute URL as a feed writes it (its domain in ASCII), or why no reader opens it."""
    written = ascii_url(url)
    if written is None:
        return UrlProblem("convert/url", f"{url!r} has a host or port no browser reads")
    return written


_URL_NAMESPACE = hashlib.sha1(uuid.NAMESPACE_URL.bytes, usedforsecurity=False)


def uuid5_urn(name: str) -> str:
    """``f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"``, without building a UUID object.

    The same SHA-1 with the version and variant bits set straight in the hex text: this runs
    once per item, and the UUID object's integer round trip cost more than the hash.
    """
    digest = _URL_NAMESPACE.copy()
    digest.update(name.encode())
    h = digest.hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]
    return f"urn:uuid:{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def stable_id(url: str | None, record: Record, title: str) -> str:
    """A ``urn:uuid`` derived from the canonical URL, so the id never changes between runs.

    Without a URL the id comes from the title and the date as written, which also survive
    moving the file; only a record with neither falls back to its path.
    """
    if url:
        seed = url
    elif title or record.meta.get("publishedDateTime"):
        seed = f"artconv:{title}\n{record.meta.get('publishedDateTime')}"
    else:
        seed = f"artconv:path:{record.path}"
    return uuid5_urn(seed)
