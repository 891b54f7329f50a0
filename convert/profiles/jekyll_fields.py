"""What Jekyll makes of a post's (or document's) fields beyond their keys: the file name's
date, unquoted YAML times, categories from the folders and the site's defaults, the
locale's language, an empty ``published``, and the schedule the site's settings and the
build's time give it.
"""

from __future__ import annotations

import re

from convert.diagnostics import Severity
from convert.pointer import split_pointer
from convert.profiles.base import Origin
from convert.profiles.builder import DEFAULTS, Builder
from convert.profiles.dates import build_instant, instant_of, normalise_date
from convert.profiles.jekyll_files import below, collections_folders
from convert.profiles.paths import in_site
from convert.profiles.site_jekyll import posix_language

_YAML_TIME = re.compile(r"-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?")
"""A YAML timestamp without an offset, as Ruby's YAML reader resolves an unquoted value."""


def file_date(build: Builder, name: str, date: str | None, written: str | None) -> None:
    """The date of the file's name where the front matter gives none (a finding where
    the name's date is no real day)."""
    needed = "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing
    if needed and date is not None:
        build.put("publishedDateTime", date, None, f'the file name "{name}"')
    elif needed and written is not None:
        build.missing.add("publishedDateTime")
        zero = int(written.split("-")[0]) == 0
        why = "has the year 0, which no feed date can carry" if zero else "is not a real day"
        build.report(
            "profile/bad-date",
            f'the date in the file name "{name}" {why}: {written}',
            hint="rename the file, or set date: in the front matter",
        )


def unreadable_categories(build: Builder) -> bool:
    """Whether the post's ``categories`` is a number, a flag or a mapping: Jekyll cannot
    join it to the categories of the post's folders ("no implicit conversion of Integer
    into Array"), warns that it could not read the file and publishes the post without
    its front matter, dated the day it builds, at a link no one can tell beforehand."""
    value = build.record.meta.get("categories")
    if value is None or isinstance(value, str | list):
        return False
    kind = (
        "a flag"
        if isinstance(value, bool)
        else "a mapping"
        if isinstance(value, dict)
        else "a number"
    )
    build.no_link(
        f'Jekyll cannot read this front matter, as its "categories" '
        f"is {kind}, not text or a list; it publishes the post without its front matter, "
        "dated the day it builds",
        pointer="/categories",
        hint="quote it, or make it a list",
    )
    return True


def yaml_times(build: Builder) -> None:
    """Jekyll's YAML reader takes an unquoted date-time without an offset
    (``date: 2020-01-01 02:00:00``) as UTC, as YAML defines the timestamp, and shows it in
    the site's time zone; quoted, or without seconds, it is text, which Jekyll reads as the
    site's wall-clock time (as the profile reads every date)."""
    unquoted = getattr(build.record.source.locator, "unquoted", None)
    if unquoted is None:  # not YAML front matter
        return
    for target in ("publishedDateTime", "updatedDateTime"):
        origin = build.origins.get("/" + target)
        if origin is None or origin.pointer is None:  # not the post's own key
            continue
        keys = split_pointer(origin.pointer)
        value = build.record.meta.get(keys[0]) if len(keys) == 1 else None
        if isinstance(value, str) and _YAML_TIME.fullmatch(value) and unquoted(origin.pointer):
            build.meta[target] = normalise_date(value, None) or build.meta[target]


def read_locale(build: Builder) -> None:
    """A page's ``locale`` read as the site's is: ``ko_KR.utf8`` is ``ko_KR``, a POSIX
    locale's codeset or modifier being no part of its language. A value that names no
    language is left as written, for the schema to report at the page's key."""
    locale = build.meta.get("locale")
    language = posix_language(locale) if isinstance(locale, str) else None
    if language is not None:
        build.meta["locale"] = language


def categories(build: Builder) -> None:
    """Jekyll's categories: the folders between the site's root (or its
    ``collections_dir``) and ``_posts/``, by the file's path below the site's folder
    whichever folder the walk started in, then the ``categories`` of the site's defaults,
    then the post's own. A post's own list does not replace the defaults' one (Jekyll
    joins the two), so the defaults' are put back in front of it."""
    above: tuple[str, ...] = ()
    placed = in_site(build.record.path, build.options.site_root)
    folders = tuple(placed.split("/")[:-1]) if placed is not None else ()
    if "_posts" in folders:
        above = below(folders, collections_folders(build.options))
        above = above[: above.index("_posts")] if "_posts" in above else ()
    # The post's own key, even an empty list, replaces the defaults' in the merged front
    # matter; a null one keeps them there.
    own = build.record.meta.get("categories") is not None
    inherited = build.defaults.get("categories") if own else None
    if isinstance(inherited, str):
        inherited = inherited.split()  # Jekyll splits a string of categories at spaces
    inherited = [str(c) for c in inherited] if isinstance(inherited, list) else []
    if not above and not inherited:
        return
    given = list(build.meta.get("categories", []))
    written = [build.origins.pop(f"/categories/{i}") for i in range(len(given))]
    folder = Origin(None, "the folder above _posts")
    default = Origin(None, DEFAULTS)
    merged: list[str] = []
    pairs = [
        *((name, folder) for name in above),
        *((name, default) for name in inherited),
        *zip(given, written, strict=True),
    ]
    for name, origin in pairs:
        if name not in merged:
            build.origins[f"/categories/{len(merged)}"] = origin
            merged.append(name)
    build.meta["categories"] = merged
    build.origins.setdefault("/categories", Origin(None, "several keys"))


def nil_published(build: Builder) -> None:
    """Jekyll publishes a post or document whose ``published`` is true or absent: an empty
    one is nil, and it is not published."""
    if "published" not in build.meta and build.front.get("published", True) is None:
        why = "an empty published, which Jekyll reads as nil"
        build.put("published", False, "/published", why)


def schedule(build: Builder) -> None:
    """What the site's settings and the build's time make of the post: ``show_drafts``
    publishes drafts and ``unpublished`` posts with ``published: false``; a post (or another
    collection's document) dated after the build is skipped unless ``future``, as Jekyll 4
    does ("Skipping: _posts/... has a future date"; jekyll 4.3.1 wrote no
    _site/2999/01/01/x.html for _posts/2999-01-01-x.md)."""
    builds = build.options.builds
    origin = build.origins.get("/published")
    if build.meta.get("published") is False and origin is not None:
        drafted = origin.derived == "the _drafts folder"
        if "drafts" in builds if drafted else "unpublished" in builds:
            setting = "show_drafts" if drafted else "unpublished"
            build.put("published", True, None, f"the site's {setting}")
    date = build.meta.get("publishedDateTime")
    if build.meta.get("published") is False or "future" in builds or not isinstance(date, str):
        return
    instant = instant_of(date)
    if instant is None or instant <= build_instant(build.options):
        return
    dated = build.origins.get("/publishedDateTime")
    pointer = dated.pointer if dated is not None and dated.pointer else ""
    build.off_schedule(
        "profile/scheduled",
        f"scheduled: Jekyll publishes this post on {date}, when the site is rebuilt after "
        "that; until then it skips it as one with a future date",
        pointer=pointer,
        hint="set future: true in _config.yml to publish it now",
        severity=Severity.INFO,
    )
