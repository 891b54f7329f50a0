"""Where Jekyll publishes a post or another collection's document: its permalink pattern
(its own, the defaults', its collection's or the site's style) with Jekyll's placeholders
filled in: the slug, categories, collection, path and the date in the site's time zone.
"""

from __future__ import annotations

import re
from datetime import datetime

from convert.profiles.base import ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.common import SiteProfile, stem_of
from convert.profiles.dates import in_zone
from convert.profiles.jekyll_files import collections_folders, site_path
from convert.profiles.urls import (
    JEKYLL_STYLES,
    date_tokens,
    expand,
    jekyll_slug,
    jekyll_title_slug,
)

_TOKEN = re.compile(r":([a-z_]+)")
_DATE_TOKENS = frozenset(
    {
        *("year", "month", "day", "hour", "minute", "second", "i_day", "i_month"),
        *("short_year", "y_day", "short_month", "long_month", "short_day", "long_day"),
        *("week", "w_year", "w_day"),
    }
)
"""Jekyll's placeholders of a document's date."""


def link_values(build: Builder, collection: str) -> dict[str, str]:
    """The permalink placeholders a post and another collection's document share: its slug
    (the front matter's, else the file name's) as Jekyll slugs it, its categories and its
    collection's name."""
    own = build.find("slug")
    slug = own[1] if own is not None and isinstance(own[1], str) else build.extra["slug"]
    categories = build.meta.get("categories", [])
    return {
        "title": jekyll_title_slug(slug),
        "slug": jekyll_slug(slug),
        "name": jekyll_slug(stem_of(build.record)),
        "output_ext": ".html",
        "categories": "/".join(dict.fromkeys(c.lower() for c in categories)),
        "slugified_categories": "/".join(dict.fromkeys(jekyll_slug(c) for c in categories)),
        "collection": collection,
    }


def _cleaned_path(name: str, options: ProfileOptions) -> str:
    """Jekyll's ``:path`` of a post: its path below the site without its extension, the
    posts' folder (``_posts``, below ``collections_dir``) taken out of it where it first
    appears (``blog/_posts/2021-01-03-a.md`` is ``blog//2021-01-03-a``)."""
    path = site_path(name, options)
    folder, _, file = path.rpartition("/")
    stem = file.rpartition(".")[0] if "." in file.lstrip(".") else file
    path = f"{folder}/{stem}" if folder else stem
    posts = "/".join((*collections_folders(options), "_posts"))
    return path.replace(posts, "", 1).rstrip(".")


def post_link(build: Builder) -> tuple[str, str] | None:
    """The post's path: its front matter's ``permalink`` (or the defaults') as written,
    with its tokens filled in, as Jekyll takes a post's own permalink as the URL (a
    named style such as ``pretty`` there is the path ``/pretty``); else the site's
    pattern, where Jekyll expands a named style."""
    found = build.find("permalink")
    written = found[1].strip() if found is not None and isinstance(found[1], str) else ""
    style = (build.options.permalink or "date").strip()
    pattern = written or JEKYLL_STYLES.get(style, style)
    values = link_values(build, "posts")
    if ":path" in pattern:
        values["path"] = _cleaned_path(build.record.path, build.options)
    if not add_date_tokens(build, pattern, values):
        return None
    path = expand(pattern, values)
    if not values["title"]:  # 2019-05-05.md: no slug, so no empty last segment either
        path = path.replace("/.html", ".html").replace("//", "/")
    return path, f"the permalink {pattern}"


def document_link(build: Builder, label: str) -> tuple[str, str] | None:
    """A collection document's path: its front matter's ``permalink`` (or the defaults'
    for its collection) as written, else the collection's, with Jekyll's placeholders of
    a document filled in. Jekyll dates a document without a date the moment it builds,
    so a pattern with a date token gives no link for one."""
    found = build.find("permalink")
    written = found[1].strip() if found is not None and isinstance(found[1], str) else ""
    pattern = written or build.options.collections[label][1]
    relative = build.extra["relative"]
    cleaned = relative.rpartition(".")[0] if "." in relative.rpartition("/")[2] else relative
    values = link_values(build, label)
    values["path"] = cleaned.replace(f"_{label}", "", 1).rstrip(".")
    if isinstance(build.meta.get("publishedDateTime"), str):
        add_date_tokens(build, pattern, values)
    elif any(token.rstrip("_") in _DATE_TOKENS for token in _TOKEN.findall(pattern)):
        SiteProfile.undated_link(build, pattern)  # reported with the missing date
        return None
    path = expand(pattern, values).replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", path), f"the permalink {pattern}"


def add_date_tokens(build: Builder, pattern: str, values: dict[str, str]) -> bool:
    """The date tokens of the post's date in the site's time zone (``timezone``, else UTC,
    as GitHub Pages builds): Jekyll moves every date there before it makes the permalink,
    so ``2020-01-01 02:00:00 +0100`` is at ``/2019/12/31/`` on a New York site."""
    date = build.meta.get("publishedDateTime")
    if not isinstance(date, str):
        return SiteProfile.add_date_tokens(build, pattern, values)
    local = in_zone(date, build.options.timezone)
    values.update(date_tokens(local))
    # Jekyll's :w_year and :w_day: the ISO week's year and day of the week (Monday is 1).
    year, _, day = datetime.fromisoformat(local[:10]).isocalendar()
    values.update(w_year=f"{year:04d}", w_day=str(day))
    return True
