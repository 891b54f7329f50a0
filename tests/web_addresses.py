"""Addresses whose host or port a browser's URL parser (the WHATWG URL Standard) refuses or
reads, or whose domain DNS cannot hold, shared by the tests of the feeds, which leave such an
item out, and of the ``consistency/web-address`` rule, which refuses it too: both hold them to
one function."""

from __future__ import annotations

BROWSER_REFUSES = [
    "https://[broken]/a",  # brackets that hold no IPv6 address
    "https://[fe80::1%25eth0]/a",  # a zone id, which ipaddress would take
    "https://h.example:abc/a",  # a port that is not digits
    "https://h.example:65536/a",  # a port out of range
    "https://h\u3000.example/a",  # a full-width space, which IDNA maps to a space
    "https://h%E3%80%80.example/a",  # the same, %-escaped
    "https://h\uff0fx.example/a",  # a full-width solidus, mapped to "/"
    "https://h%FF.example/a",  # an escape that is no UTF-8
    "https://example.123/a",  # a last label that is a number: no IPv4 address
]

BROWSER_READS = [
    "https://u@v@h.example/a",  # the user info ends at the last "@": the host is h.example
    "https://h.example:65535/a",
    "https://h.example:/a",  # an empty port is the scheme's default
    "https://[2001:db8::1]:8080/a",
    "https://192.0.2.1/a",
    "https://b\u00fccher.example/a",
]

DNS_REFUSES = [
    "https://b%C3%BC" + "c" * 59 + ".example/a",  # one label of 68 bytes once in Punycode
    "https://" + "a" * 64 + ".example/a",  # one of 64 as written
    "https://" + "a." * 126 + "ab/a",  # 254 bytes in all
]
"""A browser parses these (the URL Standard leaves the DNS length unchecked); no resolver
looks them up."""
