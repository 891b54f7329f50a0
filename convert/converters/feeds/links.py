"""Where an item points, and the id that follows from it.

A record's URLs are made absolute http(s) URLs (joined to ``base_url`` when relative, and
written as RFC 3986 asks: :func:`convert.web_address.written_url`), or give the reason they
cannot be, which the item builder turns into a finding. The item's id is a ``urn:uuid``
derived from its URL, so it stays the same from run to run. Both run once per item, so each
has a short route for the usual case: an absolute URL with nothing to escape is returned
after one regex match, and the id is one hash, without a UUID object.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import NamedTuple
from urllib.parse import urljoin

from convert.converters.feeds.settings import FeedSettings, passing
from convert.diagnostics import FindingKind, Severity
from convert.record import Record
from convert.web_address import (
    WEB_SCHEMES,
    ready_url,
    scheme_of,
    url_problem,
    with_slashes,
    written_url,
)

FINDINGS = (
    FindingKind(
        "convert/url",
        Severity.WARNING,
        "A URL has no host or port a browser reads, is not http(s), or holds a character no"
        " URL can carry (a lone surrogate): it is left out.",
    ),
    FindingKind(
        "convert/relative-url",
        Severity.WARNING,
        "A relative URL, with no base URL to join it to, is left out: pass --base-url URL"
        " (base_url= in the library).",
    ),
)

_ABSOLUTE = re.compile(r"https?://[^/?#]", re.IGNORECASE)


def is_absolute(url: str) -> bool:
    """An http(s) URL with a host; a regex, since urlsplit is slow for a per-item check."""
    return _ABSOLUTE.match(url) is not None


class UrlProblem(NamedTuple):
    """Why a URL cannot go into a feed: its finding's rule, a sentence naming the problem and,
    when an option would solve it, the hint to pass that option."""

    rule: str
    message: str
    hint: str = ""


def web_url(value: object, settings: FeedSettings) -> str | UrlProblem | None:
    """``value`` as an absolute http(s) URL (joined to ``base_url`` if relative), the problem
    that stops it, or ``None`` when there is no value.

    Feed readers follow http(s) links only, so an ``ftp:`` or ``urn:`` address is as unusable
    in an item as a relative one, but for another reason, which the problem names. Backslashes
    before the query are slashes, as a browser reads them (``https:\\\\x.example\\a`` has a
    host; ``..\\a`` joins as ``../a``), before the URL is judged or joined.
    """
    if type(value) is str and ready_url(value):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    url = with_slashes(value.strip())
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
        f"{url!r} is a relative URL and there is no base URL to join it to",
        passing("base_url"),
    )


def _readable(url: str) -> str | UrlProblem:
    """An absolute URL as a feed writes it (:func:`convert.web_address.written_url`), or why
    no reader opens it."""
    written = written_url(url)
    if written is None:
        return UrlProblem("convert/url", f"{url!r} has {url_problem(url)}")
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
