"""What makes a URL a web address a reader can open, read the same way by the rules that warn
about a record's links and by the feeds that leave such an item out.

The host and port are held to what a browser's URL parser (the WHATWG URL Standard) takes for
an http(s) URL: the user info ends at the authority's last ``@``; a bracketed host is an IPv6
address; a domain, its %-escapes read as UTF-8 and mapped as IDNA maps it (approximated by
NFKC: a full-width space becomes a space), holds no forbidden domain code point; a domain
whose last label is a number is an IPv4 address; a port is digits up to 65535.

Regexes and string methods rather than :func:`urllib.parse.urlsplit`: these run once per
record or feed item, and importing nothing heavy keeps ``artconv validate FILE`` quick to
start (``ipaddress`` and ``unicodedata`` are imported only for the hosts that need them).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

WEB_SCHEMES = ("http", "https")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# The authority of an absolute URL: up to the first character that ends it.
_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://([^/?#]*)")
# What no domain may hold once its %-escapes are read and it is mapped: a browser refuses such
# a host (the URL Standard's forbidden domain code points), so no reader could open the link.
_FORBIDDEN_DOMAIN = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
# What IDNA refuses outright, by general category, among what NFKC leaves: controls,
# surrogates, private use, unassigned code points and the spaces and separators NFKC keeps.
_DISALLOWED = frozenset(("Cc", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"))
_MAX_PORT = 65535
# The characters a URI may hold (RFC 3986's unreserved and reserved ones, and "%"); others (a
# space, non-ASCII) must be %-escaped, as the feeds escape them before they judge a host.
_URI_TEXT = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def is_uri_text(url: str) -> bool:
    """Whether ``url`` holds only characters a URI may hold, so that it needs no escaping."""
    return _URI_TEXT.fullmatch(url) is not None


def scheme_of(url: str) -> str:
    """The lower-case scheme of a URL ('' for a relative one, or a Windows drive letter)."""
    found = _SCHEME.match(url)
    return found[1].lower() if found and len(found[1]) > 1 else ""


def host_of(url: str) -> str:
    """The lower-case host of an absolute URL as written ('' when there is none): after the
    authority's last ``@``, before its port (an IPv6 address whole, brackets and all)."""
    found = _AUTHORITY.match(url)
    return _split_port(found[1])[0].lower() if found else ""


def address_of(url: str) -> str:
    """The host and port of an absolute URL as written, its user info left out ('' when
    there is no authority): what a finding about them shows."""
    found = _AUTHORITY.match(url)
    return found[1][found[1].rfind("@") + 1 :] if found else ""


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def site_of(url: str) -> str:
    """``scheme://host[:port]/`` of an absolute URL, lower-case and without the user info
    ('' when there is no authority): what tells one site from another. The scheme's default
    port, or an empty one, is no port, as browsers read it: ``https://h.example:443/`` is
    ``https://h.example/``."""
    found = _AUTHORITY.match(url)
    if found is None:
        return ""
    scheme = scheme_of(url)
    host, port = _split_port(found[1].lower())
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    return f"{scheme}://{host}/"


def readable_host(url: str) -> bool:
    """Whether an absolute URL's host and port are ones a browser reads.

    ``https://exa%20mple.com/``, ``https://[broken]/``, ``https://h.example:99999/`` and
    ``https://h\u3000.example/`` have none; ``https://u@v@h.example/`` has ``h.example``.
    A URL with no authority (no ``//``) is not judged here.
    """
    found = _AUTHORITY.match(url)
    return found is None or _mapped_host(*_split_port(found[1])) is not None


def _mapped_host(host: str, port: str | None) -> str | None:
    """The host as a browser looks it up (an IPv6 address as written, a domain mapped), or
    None when it refuses the host or the port."""
    if port is not None and not _port_ok(port):
        return None
    if host.startswith("["):
        return host if host.endswith("]") and _ipv6_ok(host[1:-1]) else None
    return _mapped_domain(host)


def _split_port(authority: str) -> tuple[str, str | None]:
    """The host and the port (``None`` when no ``:`` follows the host) of an authority."""
    hostport = authority[authority.rfind("@") + 1 :]
    if hostport.startswith("["):  # a colon inside the brackets is the address's
        end = hostport.find("]") + 1 or len(hostport)
        rest = hostport[end:]
        if rest.startswith(":"):
            return hostport[:end], rest[1:]
        return hostport, None  # text after "]" stays in the host, which it spoils
    host, colon, port = hostport.partition(":")
    return host, port if colon else None


def _port_ok(port: str) -> bool:
    # "" is no port (the scheme's default); int() would take "+1", " 1" or "١".
    return port == "" or (port.isascii() and port.isdigit() and int(port) <= _MAX_PORT)


def _ipv6_ok(address: str) -> bool:
    if "%" in address:  # a zone id: the standard has none, though ipaddress takes one
        return False
    import ipaddress

    try:
        ipaddress.IPv6Address(address)
    except ValueError:
        return False
    return True


def _mapped_domain(host: str) -> str | None:
    """A domain as a browser maps it before looking it up (its %-escapes read as UTF-8,
    non-ASCII mapped), or None when a browser refuses it."""
    if "%" in host:  # invalid UTF-8 becomes U+FFFD, which IDNA refuses
        host = unquote(host, errors="replace")
    if not host.isascii():
        import unicodedata

        # NFKC and lower case approximate UTS 46's mapping; UTS 46 maps the ideographic full
        # stop, which NFKC keeps, to a dot.
        host = unicodedata.normalize("NFKC", host).replace("\u3002", ".").lower()
        if "\ufffd" in host or any(unicodedata.category(c) in _DISALLOWED for c in host):
            return None
    if not host or _FORBIDDEN_DOMAIN.search(host) is not None:
        return None
    return host if not _ends_in_number(host) or _ipv4_ok(host) else None


_MAX_LABEL = 63  # bytes of a DNS label


def ascii_domain(host: str) -> str | None:
    """``host``, a domain, in the ASCII form DNS looks up: each label that is not ASCII
    after the browser's mapping as ``xn--`` and its Punycode (RFC 3492); None when a browser
    refuses the domain or a label is too long for DNS. An ASCII domain without %-escapes is
    returned as written.

    Non-transitional, as browsers are since 2017: ``ß`` and ``ς`` stay themselves. Python's
    ``idna`` codec (IDNA 2003) maps ``straße.example`` to ``strasse.example``, another domain.
    """
    if _written_ascii(host):
        return host
    mapped = _mapped_domain(host)
    return None if mapped is None else _punycode(mapped)


def _written_ascii(host: str) -> bool:
    return host.isascii() and "%" not in host


def _punycode(mapped: str) -> str | None:
    """A mapped domain's labels that are not ASCII as ``xn--`` and their Punycode; None when
    a label is then too long for DNS."""
    labels = [
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in mapped.split(".")
    ]
    return None if any(len(label) > _MAX_LABEL for label in labels) else ".".join(labels)


def ascii_url(url: str) -> str | None:
    """An absolute URL with its domain in the ASCII form DNS looks up (:func:`ascii_domain`),
    as RFC 3986 asks of those who write URLs, or None when a browser reads no host or port in
    it (:func:`readable_host`): what a writer of links needs, with the host parsed and mapped
    once. A domain that is ASCII already, or too long for DNS once converted, stays as it is
    written."""
    found = _AUTHORITY.match(url)
    if found is None:
        return url
    authority = found[1]
    host, port = _split_port(authority)
    mapped = _mapped_host(host, port)
    if mapped is None:
        return None
    if host.startswith("[") or _written_ascii(host):
        return url
    converted = _punycode(mapped)
    if converted is None or converted == host:
        return url
    hostport = converted if port is None else f"{converted}:{port}"
    at = authority.rfind("@") + 1
    return f"{url[: found.start(1)]}{authority[:at]}{hostport}{url[found.end(1) :]}"


def _labels(host: str) -> list[str]:
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":  # one trailing dot is the root's
        labels.pop()
    return labels


def _ends_in_number(host: str) -> bool:
    """Whether a browser reads ``host`` as an IPv4 address: its last label is a number."""
    last = _labels(host)[-1]
    if last.isascii() and last.isdigit():  # "09" too, which no IPv4 parse takes
        return True
    return _ipv4_number(last) is not None


def _ipv4_ok(host: str) -> bool:
    """The URL Standard's IPv4 parser: up to four numbers (decimal, 0x hex, 0 octal), each
    but the last under 256, the last filling the bytes left."""
    labels = _labels(host)
    if len(labels) > 4:
        return False
    numbers = [_ipv4_number(label) for label in labels]
    if any(n is None for n in numbers):
        return False
    *leading, last = (n for n in numbers if n is not None)
    return all(n <= 255 for n in leading) and last < 256 ** (5 - len(numbers))


def _ipv4_number(text: str) -> int | None:
    if not text or not text.isascii():
        return None
    radix = 10
    if text[:2] in ("0x", "0X"):
        text, radix = text[2:], 16
    elif len(text) > 1 and text[0] == "0":
        text, radix = text[1:], 8
    if not text:
        return 0
    try:
        return int(text, radix) if text.isalnum() else None
    except ValueError:
        return None
