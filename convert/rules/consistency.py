"""Consistency rules: fields that are each valid but disagree with one another."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from convert.dates import parse_date
from convert.diagnostics import Diagnostic, Severity
from convert.record import Record
from convert.rules import RuleContext

AMP_FIELDS = ("ampWebUrl", "cdnAmpWebUrl")
_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]*)")


def host_of(url: str) -> str:
    """The lower-case host of an absolute URL ('' when there is none); cheaper than urlsplit."""
    match = _HOST.match(url)
    return match.group(1).lower() if match else ""


class AmpUrl:
    """The AMP addresses should point at the same article as webUrl.

    ``ampWebUrl`` must be on the same site as ``webUrl`` (the AMP cache address
    ``cdnAmpWebUrl`` must embed that site), or readers of the AMP page land elsewhere.
    """

    id: ClassVar[str] = "consistency/amp-url"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        web = record.meta.get("webUrl")
        if not isinstance(web, str) or not web:
            return
        host = host_of(web).removeprefix("www.")
        if not host:
            return
        for name in AMP_FIELDS:
            amp = record.meta.get(name)
            if not isinstance(amp, str) or not amp:
                continue
            amp_host = host_of(amp)
            same_site = amp_host.removeprefix("www.") == host
            if name == "cdnAmpWebUrl":
                same_site = host in amp or host.replace(".", "-") in amp_host
            if not same_site:
                yield context.finding(
                    record,
                    self.id,
                    self.default_severity,
                    f'"{name}" points to {amp_host or "no site"}, not to {host} like "webUrl"',
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


RULES = (AmpUrl, DateOrder)
