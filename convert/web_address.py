"""What makes a URL a web address a reader can open, read the same way by the rules that warn
about a record's links and by the feeds that leave such an item out.

Regexes rather than :func:`urllib.parse.urlsplit`: these run once per record or feed item, and
importing nothing heavy keeps ``artconv validate FILE`` quick to start.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

WEB_SCHEMES = ("http", "https")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# The host of an absolute URL: after any user name, before any port (an IPv6 address whole,
# its brackets closed before the path; an unclosed one is read up to the bracket).
_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:]*)")
# What no host may hold once its %-escapes are read: a browser refuses such a host (the WHATWG
# URL standard's forbidden host code points), so no reader could open the link.
_UNREADABLE_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")


def scheme_of(url: str) -> str:
    """The lower-case scheme of a URL ('' for a relative one, or a Windows drive letter)."""
    found = _SCHEME.match(url)
    return found[1].lower() if found and len(found[1]) > 1 else ""


def host_of(url: str) -> str:
    """The lower-case host of an absolute URL as written ('' when there is none)."""
    found = _HOST.match(url)
    return found[1].lower() if found else ""


def readable_host(url: str) -> bool:
    """Whether an absolute URL's host is one a browser reads: its %-escapes decoded, no space,
    control character or URL delimiter (``https://exa%20mple.com/`` has none)."""
    found = _HOST.match(url)
    if found is None or (found[1].startswith("[") and found[1].endswith("]")):  # IPv6, closed
        return True
    host = unquote(found[1], errors="surrogateescape")
    return bool(host) and _UNREADABLE_HOST.search(host) is None
