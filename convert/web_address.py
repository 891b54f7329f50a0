"""What makes a URL a web address a reader can open, and how a link is written: read the same
way by the rules that warn about a record's links, by the feeds that leave such an item out or
write its links, by the content of their items and by the importer.

The host and port are held to what a browser's URL parser (the WHATWG URL Standard) takes for
an http(s) URL: the user info ends at the authority's last ``@``; a bracketed host is an IPv6
address; a domain, its %-escapes read as UTF-8 and mapped as IDNA maps it (approximated by
NFKC: a full-width space becomes a space), holds no forbidden domain code point; a domain
whose last label is a number is an IPv4 address; a port is digits up to 65535. A domain must
also fit DNS once in ASCII (labels of 63 bytes, 253 in all), which browsers leave to the
resolver: a link it cannot look up opens nothing.

Regexes and string methods rather than :func:`urllib.parse.urlsplit`: these run once per
record or feed item, and importing nothing heavy keeps ``artconv validate FILE`` quick to
start (``ipaddress`` and ``unicodedata`` are imported only for the hosts that need them).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, unquote

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
    """Whether an absolute URL's host and port are ones a reader can open (:func:`host_problem`).

    ``https://exa%20mple.com/``, ``https://[broken]/``, ``https://h.example:99999/`` and
    ``https://h\u3000.example/`` have none; ``https://u@v@h.example/`` has ``h.example``.
    A URL with no authority (no ``//``) is not judged here.
    """
    return not host_problem(url)


NO_BROWSER = "a host or port no browser reads"
LABEL_TOO_LONG = "a domain label longer than DNS allows (63 bytes, counted in ASCII, xn--)"
NAME_TOO_LONG = "a domain longer than DNS allows (253 bytes, counted in ASCII, xn--)"


def host_problem(url: str) -> str:
    """Why no reader opens an absolute URL's host and port ('' when one can, or when the URL has
    no authority): :data:`NO_BROWSER` when a browser refuses them, :data:`LABEL_TOO_LONG` or
    :data:`NAME_TOO_LONG` when a browser reads the domain but DNS has no room for it. Browsers do
    not check the length (the URL Standard leaves UTS 46's VerifyDnsLength off), so such a link
    parses and then fails to resolve: it is no more an address than one a browser refuses.
    """
    found = _AUTHORITY.match(url)
    if found is None:
        return ""
    form = _host_form(*_split_port(found[1]))
    return form.why if isinstance(form, _Refused) else ""


_SURROGATE = re.compile("[\ud800-\udfff]")


def url_problem(url: str) -> str:
    """Why :func:`written_url` cannot write ``url`` ('' when it can): a lone surrogate, which
    no URL can carry (only a library caller can pass one: the loaders refuse them), or its
    host's problem (:func:`host_problem`)."""
    surrogate = _SURROGATE.search(url)
    if surrogate is not None:
        return (
            f"a lone surrogate (U+{ord(surrogate[0]):04X}), which UTF-8 cannot encode and"
            " so no URL can carry"
        )
    return host_problem(url)


class _Refused(NamedTuple):
    why: str


def _host_form(host: str, port: str | None) -> str | _Refused:
    """The host as it is looked up (an IPv6 address and an ASCII domain as written, any other
    domain mapped and in its ``xn--`` form), or why it cannot be."""
    if port is not None and not _port_ok(port):
        return _Refused(NO_BROWSER)
    if host.startswith("["):
        return host if host.endswith("]") and _ipv6_ok(host[1:-1]) else _Refused(NO_BROWSER)
    mapped = _mapped_domain(host)
    if mapped is None:
        return _Refused(NO_BROWSER)
    if _ends_in_number(mapped):  # an IPv4 address, which DNS never sees
        return mapped
    form = host if _written_ascii(host) else _punycode(mapped)
    labels = _labels(form)
    if any(len(label) > _MAX_LABEL for label in labels):
        return _Refused(LABEL_TOO_LONG)
    if len(".".join(labels)) > _MAX_NAME:
        return _Refused(NAME_TOO_LONG)
    return form


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
_MAX_NAME = 253  # bytes of a domain name written with dots, less the root's


def ascii_domain(host: str) -> str | None:
    """``host``, a domain, in the ASCII form DNS looks up: each label that is not ASCII
    after the browser's mapping as ``xn--`` and its Punycode (RFC 3492); None when a browser
    refuses the domain or it is too long for DNS (:func:`host_problem`). An ASCII domain
    without %-escapes is returned as written.

    Non-transitional, as browsers are since 2017: ``ß`` and ``ς`` stay themselves. Python's
    ``idna`` codec (IDNA 2003) maps ``straße.example`` to ``strasse.example``, another domain.
    """
    form = _host_form(host, None)
    return None if isinstance(form, _Refused) else form


def _written_ascii(host: str) -> bool:
    return host.isascii() and "%" not in host


def _punycode(mapped: str) -> str:
    """A mapped domain's labels that are not ASCII as ``xn--`` and their Punycode."""
    return ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in mapped.split(".")
    )


# A URI reference's parts (RFC 3986, appendix B): scheme, authority, path, query, fragment.
_REFERENCE = re.compile(
    r"(?:([A-Za-z][A-Za-z0-9+.\-]*):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL
)
# What each part may hold besides unreserved characters and %-escapes (RFC 3986, 3.2.1, 3.3,
# 3.4, 3.5): "%" is kept, for escapes stay escapes; a "%" that starts none is escaped first.
_USER_SAFE = "!$&'()*+,;=:%"
_PATH_SAFE = _USER_SAFE + "@/"
_QUERY_SAFE = _PATH_SAFE + "?"
_STRAY_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


# What RFC 3986 lets a path, a query or a fragment hold as it is ("%" only to start an escape).
_PCHARS = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]++|%[0-9A-Fa-f]{2})"
_QCHARS = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]++|%[0-9A-Fa-f]{2})"
# An http(s) URL with nothing to escape and an ASCII domain: what almost every
# record has, taken as it is after one match. Its host is labels of plain characters, 1 to 63
# of them, 253 in all, the last not starting with a digit (a browser reads a host whose last
# label is a number as an IPv4 address), and its port at most four digits; anything else (a
# user name, an IP address, an empty label, a %-escape, a five-digit port) goes the general
# route. Possessive, since nothing matched is given back.
_READY_URL = re.compile(
    r"https?://(?=[^/?#:]{1,253}+(?![^/?#:]))"
    r"(?:[A-Za-z0-9\-_~!$&'()*+,;=]{1,63}+\.)*+(?![0-9])[A-Za-z0-9\-_~!$&'()*+,;=]{1,63}+"
    rf"(?::[0-9]{{0,4}})?+(?:/(?:/|{_PCHARS})*+)?+(?:\?{_QCHARS}*+)?+(?:#{_QCHARS}*+)?+"
)

ready_url = _READY_URL.fullmatch
"""The match when an http(s) URL is written as :func:`written_url` would write it and its host
is one a reader opens (the usual case, checked by one regex), else None."""

# A relative reference with no host (not "//") and no scheme (no ":" in its first segment) and
# nothing to escape: the usual link in an article's body, written as it is.
_READY_REFERENCE = rf"(?!//)(?![^/?#]*:)(?:/|{_PCHARS})*+(?:\?{_QCHARS}*+)?+(?:#{_QCHARS}*+)?+"

ready_link = re.compile(f"{_READY_URL.pattern}|{_READY_REFERENCE}").fullmatch
"""The match when a link (an http(s) URL as for :func:`ready_url`, or a relative reference with
nothing to escape) is written as :func:`written_url` would write it, else None: one regex for
the links of an article's body."""


_BEFORE_QUERY = re.compile(r"[^?#]*")


def with_slashes(url: str) -> str:
    """``url`` with each backslash before its query or fragment read as a slash, as a browser
    reads an http(s) URL, or a reference without a scheme (which links here are resolved
    against an http(s) address).

    The URL Standard reads ``\\`` as ``/`` in a special scheme's slashes, authority and path
    (an "invalid-reverse-solidus" validation error, not a failure): ``https:\\\\x.example\\a``
    opens ``https://x.example/a``. A URL of another scheme (``mailto:``, ``urn:``, a one-letter
    one such as ``C:``) keeps its backslashes, as the standard keeps them there; those in the
    query and fragment are characters of their own, which :func:`written_url` escapes.
    """
    if "\\" not in url:
        return url
    scheme = _SCHEME.match(url)
    if scheme is not None and scheme[1].lower() not in WEB_SCHEMES:
        return url
    return _BEFORE_QUERY.sub(lambda head: head[0].replace("\\", "/"), url, count=1)


def read_on_page(url: str, page_scheme: str) -> str | None:
    """An http(s) URL whose scheme no ``//`` follows (``https:x.example/a``), as a browser's
    URL parser reads it in a page of ``page_scheme`` ("http" or "https"; "" when the page is
    unknown): None when nothing tells where it goes. Any other URL is returned as it is.

    The URL Standard reads such a URL relative to the page when the schemes are the same
    (``https:x.example/a`` in ``https://news.example/p/1`` is ``https://news.example/p/x.example/a``),
    so it is returned as the relative reference it is (``./`` before a first segment that
    holds a ``:``); with another scheme it takes what follows for the host, as it does with no
    page at all: ``http:x.example/a`` is ``http://x.example/a``. Backslashes count as slashes.
    """
    url = with_slashes(url)
    scheme = scheme_of(url)
    if scheme not in WEB_SCHEMES:
        return url
    rest = url[len(scheme) + 1 :]
    if rest.startswith("//"):
        return url
    if not page_scheme:
        return None
    if scheme != page_scheme:
        return f"{scheme}://{rest.lstrip('/')}"
    return f"./{rest}" if ":" in _SEGMENT_END.split(rest, 1)[0] else rest


_SEGMENT_END = re.compile("[/?#]")


def written_url(url: str) -> str | None:
    """A URL (or a relative reference) as RFC 3986 asks those who write one, or None when the
    host or port is no one a reader opens, or it holds a lone surrogate (:func:`url_problem`):
    the one form the feeds, the content of their items and the importer write links in.

    Backslashes before the query are first read as a browser reads them (:func:`with_slashes`):
    ``https://x.example\\a`` is written ``https://x.example/a``, where a browser goes, not left
    out for a host that holds a backslash.

    The scheme is in lower case and the domain in its ASCII form (:func:`ascii_domain`), not
    %-escaped, which resolvers that do not convert domains would look up as written (RFC 3986,
    3.2.2). Whatever a part cannot hold is %-escaped: a space or non-ASCII character as UTF-8,
    a ``%`` that starts no escape as ``%25`` (``%ZZ`` is ``%25ZZ``), every ``@`` of the user
    info but the last as ``%40`` (as a browser's URL parser writes it), ``[`` and ``]`` outside
    the host, a second ``#``. Escaping rather than leaving the link out keeps what publishers
    write: a bare ``%`` is the character itself (``/100%-sure``), which a browser sends
    unescaped and servers such as Apache refuse (400 Bad Request), and parsers held to RFC
    3986 (Go's ``net/url``) refuse the URL whole.
    """
    return url if ready_link(url) else _rewritten(with_slashes(url))


def _rewritten(url: str) -> str | None:
    if _SURROGATE.search(url) is not None:  # %-escaping would fail to encode it as UTF-8
        return None
    parts = _REFERENCE.fullmatch(url)
    assert parts is not None  # every part is optional
    scheme, authority, path, query, fragment = parts.groups()
    written = [f"{scheme.lower()}:" if scheme is not None else ""]
    if authority is not None:
        host, port = _split_port(authority)
        form = _host_form(host, port)
        if isinstance(form, _Refused):
            return None
        at = authority.rfind("@")
        user = f"{_escaped(authority[:at], _USER_SAFE)}@" if at >= 0 else ""
        written.append(f"//{user}{form}" if port is None else f"//{user}{form}:{port}")
    written.append(_escaped(path, _PATH_SAFE))
    if query is not None:
        written.append(f"?{_escaped(query, _QUERY_SAFE)}")
    if fragment is not None:
        written.append(f"#{_escaped(fragment, _QUERY_SAFE)}")
    return "".join(written)


def _escaped(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


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
