"""When Hugo publishes a page: not before its publish date (unless ``buildFuture``), nor after
its expiry date (unless ``buildExpired``), at the build's time; the keys of each date as the
site's ``[frontmatter]`` lists them.
"""

from __future__ import annotations

from datetime import datetime

from convert.diagnostics import Severity
from convert.profiles.builder import Builder
from convert.profiles.dates import build_instant, instant_of
from convert.profiles.hugo_dates import hugo_date
from convert.profiles.site_hugo import HUGO_EXPIRY_KEYS, HUGO_PUBLISH_KEYS


def schedule(build: Builder) -> None:
    """Hugo writes no page for a page whose publish date is after the build's time (unless
    ``buildFuture``), nor for one whose expiry date is before it (unless ``buildExpired``):
    hugo 0.168 wrote no public/post/x/ for content/post/x.md with ``date: 2999-01-01``,
    ``publishDate: 2999-01-01`` or ``expiryDate: 2021-01-01``."""
    options = build.options
    now = build_instant(options)
    publish = _hugo_date_of(build, options.publish_keys or HUGO_PUBLISH_KEYS)
    if publish is not None and publish[2] > now and "future" not in options.builds:
        pointer, date, _ = publish
        build.off_schedule(
            "profile/scheduled",
            f"scheduled: Hugo publishes this page on {date}{_named(pointer)}, when the site "
            "is rebuilt after that; until then it has no page",
            pointer=pointer,
            hint="set buildFuture = true in the site's configuration to publish it now",
            severity=Severity.INFO,
        )
        return
    expiry = _hugo_date_of(build, options.expiry_keys or HUGO_EXPIRY_KEYS)
    if expiry is not None and expiry[2] < now and "expired" not in options.builds:
        pointer, date, _ = expiry
        build.off_schedule(
            "profile/expired",
            f"expired: Hugo no longer publishes this page, which expired on {date}"
            f"{_named(pointer)}",
            pointer=pointer,
            hint="remove its expiry date, or set buildExpired = true in the site's "
            "configuration, to publish it",
            severity=Severity.WARNING,
        )


def _hugo_date_of(build: Builder, keys: tuple[str, ...]) -> tuple[str, str, datetime] | None:
    """``(pointer, date, instant)`` of the first of ``keys`` that holds a date, as Hugo takes
    its publish or expiry date: ``date`` is the page's date, wherever that came from (a
    ``lastmod`` standing in for it too); ``published`` may be a flag instead, no date."""
    for key in keys:
        if key.lower() == "date":
            date = build.meta.get("publishedDateTime")
            origin = build.origins.get("/publishedDateTime")
            pointer = origin.pointer if origin is not None and origin.pointer else ""
        else:
            found = build.find(key)
            if found is None:
                continue
            pointer, value = found
            date = hugo_date(value, build.options.timezone)
        instant = instant_of(date) if isinstance(date, str) else None
        if isinstance(date, str) and instant is not None:
            return pointer, date, instant
    return None


def _named(pointer: str) -> str:
    """`` ("publishDate")``: the key a date was written at, where it was."""
    return f' ("{pointer[1:]}")' if pointer else ""
