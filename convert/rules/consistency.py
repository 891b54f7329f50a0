"""Consistency rules: fields that are each valid but disagree with one another, or with what
the places a record is published to can read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from convert.dates import parse_date
from convert.diagnostics import Diagnostic, Severity
from convert.record import Record
from convert.rules import RuleContext
from convert.web_address import (
    WEB_SCHEMES,
    address_of,
    host_of,
    host_problem,
    is_uri_text,
    scheme_of,
    with_slashes,
)

AMP_FIELDS = ("ampWebUrl", "cdnAmpWebUrl")
LINK_FIELDS = ("webUrl", "ampWebUrl", "cdnAmpWebUrl", "originalUrl", "ampUrl", "cdnAmpUrl")
"""The fields a feed item or a reader opens as the article's address (``webUrl`` standing for
:attr:`Record.link_name`: an older record's link is its ``sourceUrl``)."""

_COUNTRY_SECOND_LEVEL = frozenset(
    {"ac", "co", "com", "edu", "gen", "go", "gob", "gov", "gv", "ltd", "mil", "ne", "net"}
    | {"nic", "nom", "or", "org", "plc", "sch"}
)
"""Second-level labels under which a country's domains are registered (bbc.co.uk, abc.net.au)."""

_NUMERIC_HOST = re.compile(r"[0-9.]+|\[.*\]")
_CACHE_PATH = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/?#]*/[cvi]/(?:s/)?([^/?#]+)")
_AMP_CACHE = ".cdn.ampproject.org"


def site_of_host(host: str) -> str:
    """The site a host belongs to, near enough to its registrable domain: the last two labels,
    or three under a country's second level (``amp.scmp.com`` and ``www.scmp.com`` are
    ``scmp.com``, ``media.itpro.co.uk`` is ``itpro.co.uk``). Publishers serve AMP pages from
    another host of their site (``amp.``, ``m.``, ``mobile.``) and link articles through a
    feed host (``feeds.``, ``rss.``), all of which are the same site to a reader. An IP address
    is its own site. Without the public suffix list, hosts under a shared-hosting domain
    (``a.github.io``, ``b.github.io``) count as one site."""
    host = host.lower().rstrip(".")
    if _NUMERIC_HOST.fullmatch(host):
        return host
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _COUNTRY_SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _cached_host(url: str, cache_host: str) -> str:
    """The host an AMP cache address serves: the one its path names (``/c/s/HOST/...``), else
    the one its AMP Cache sub-domain encodes (``news-example-com``: a hyphen for each dot, two
    for a hyphen); a cache address of any other form is judged by its own host."""
    written = _CACHE_PATH.match(url)
    if written and "." in written[1]:
        return written[1].rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if cache_host.endswith(_AMP_CACHE):
        encoded = cache_host.removesuffix(_AMP_CACHE)
        return encoded.replace("--", "\0").replace("-", ".").replace("\0", "-")
    return cache_host


class AmpUrl:
    """The AMP addresses should point at the same article as webUrl.

    ``ampWebUrl`` must be on the same site as ``webUrl``, on any of its hosts (``amp.``,
    ``m.``, ``www.``); the AMP cache address ``cdnAmpWebUrl`` must serve a page of that site.
    Otherwise readers of the AMP page may land on another publisher's article. An aggregator's
    record whose ``webUrl`` is the aggregator's own page keeps the publisher's article in
    ``originalUrl``, and the AMP addresses are that article's: its site counts too. A record of
    the older generation is held to the same rule under its own names (``ampUrl``,
    ``cdnAmpUrl`` and the link in ``sourceUrl``).
    """

    id: ClassVar[str] = "consistency/amp-url"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        link = record.link_name
        web = record.meta.get(link)
        if not isinstance(web, str) or not web:
            return
        host = host_of(web).removeprefix("www.")
        if not host:
            return
        sites = {site_of_host(host)}
        original = record.meta.get("originalUrl")
        if isinstance(original, str) and (original_host := host_of(original)):
            sites.add(site_of_host(original_host))
        for current in AMP_FIELDS:
            name = record.field_name(current)
            amp = record.meta.get(name)
            if not isinstance(amp, str) or not amp:
                continue
            amp_host = host_of(amp)
            served = _cached_host(amp, amp_host) if current == "cdnAmpWebUrl" else amp_host
            if not served or site_of_host(served) not in sites:
                yield context.finding(
                    record,
                    self.id,
                    self.default_severity,
                    f'"{name}" points to {amp_host or "no site"}, not to {host} like "{link}"',
                    pointer=f"/{name}",
                    hint="check that both addresses are the same article",
                )


class DateOrder:
    """updatedDateTime may not be earlier than publishedDateTime."""

    id: ClassVar[str] = "consistency/dates"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        published = parse_date(record.meta.get("publishedDateTime"))
        updated = parse_date(record.meta.get("updatedDateTime"))
        if published is not None and updated is not None and updated < published:
            yield context.finding(
                record,
                self.id,
                self.default_severity,
                "updatedDateTime is earlier than publishedDateTime",
                pointer="/updatedDateTime",
                hint="swap the two dates, or correct one of them",
            )


class WebAddress:
    """The article's addresses should be web addresses a reader can open.

    ``javascript:alert(1)``, ``https:example.com/a``, ``https://exa%20mple.com/`` or
    ``https://news.example:99999/`` is a URI, so the schema takes it, but a feed leaves such
    an item out (``convert/incomplete``, an error) and a browser opens none of them. It is an
    error here too, so that a record the pre-commit hook lets through is one the feed build
    takes. The host and port are held to the rule the feeds apply
    (:func:`convert.web_address.host_problem`), whatever the schema checks, for every address
    written in URI characters (``https://[broken]/``, ``https://h%E3%80%80.example/``); one
    with a raw space or non-ASCII character is the schema's ``uri`` format's to refuse. A
    relative address is left alone, since a profile or ``--base-url`` joins it.
    """

    id: ClassVar[str] = "consistency/web-address"
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        for name in (record.link_name, *LINK_FIELDS[1:]):
            url = record.meta.get(name)
            if not isinstance(url, str) or not (url := url.strip()):
                continue
            # A browser, and so the feeds, read a backslash before the query as a slash.
            url = with_slashes(url)
            scheme, host = scheme_of(url), host_of(url)
            if scheme and scheme not in WEB_SCHEMES:
                problem = f"uses the {scheme}: scheme: readers open http(s) links only"
            elif scheme and not host:  # https:example.com is a URI, with no host
                problem = "has no host: readers cannot open it"
            elif scheme and is_uri_text(url) and (why := host_problem(url)):
                # Characters no URI holds (a space, non-ASCII) are the schema's uri format's to
                # refuse (schema/format), and a feed judges the host once it has escaped them.
                problem = f"has {why} ({address_of(url)!r})"
            else:
                continue
            yield context.finding(
                record,
                self.id,
                self.default_severity,
                f'"{name}" {problem}',
                pointer=f"/{name}",
                hint="give the article's https:// address",
            )


RULES = (AmpUrl, DateOrder, WebAddress)
