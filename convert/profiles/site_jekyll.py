"""What a Jekyll site's ``_config.yml`` says beyond the settings all generators share: its
address (``url`` or ``production_url``, and ``baseurl``), the posts' permalink, ``defaults``,
``collections`` and ``collections_dir``, a theme's ``locale``, and ``future``,
``unpublished`` and ``show_drafts``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError
from convert.profiles.site_files import site_address, text_setting

_JEKYLL_BUILDS = (("show_drafts", "drafts"), ("future", "future"), ("unpublished", "unpublished"))
"""Jekyll's settings that publish posts it otherwise skips, and what they publish."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def posix_language(value: str | None) -> str | None:
    """The language of a Jekyll theme's ``locale``, the site's or a page's (Minimal Mistakes
    writes ``en-US``; sites write ``en_US`` and ``ko_KR.utf8`` too): the tag before a POSIX
    locale's codeset (``.utf8``) or modifier (``@euro``); ``None`` when that names no
    language (``C``)."""
    if value is None:
        return None
    tag = re.split(r"[.@]", value, maxsplit=1)[0]
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None


def jekyll_address(data: Mapping[str, Any], where: Path) -> str | None:
    """The site's address: ``url`` (Jekyll-Bootstrap sites name it ``production_url``) with
    ``baseurl`` after it."""
    url = text_setting(data, where, "url", "production_url")
    return site_address(url, text_setting(data, where, "baseurl"))


def read_jekyll(data: Mapping[str, Any], where: Path, found: dict[str, Any]) -> None:
    """The posts' and the other collections' permalinks and defaults, the settings that
    publish what Jekyll otherwise skips, and its ``exclude`` less ``include``, where the file
    sets them."""
    _jekyll_permalinks(data, where, found)
    # Ruby's truth, as Jekyll tests them: anything but nil and false (future: 0 too)
    builds = {what for key, what in _JEKYLL_BUILDS if _ruby_true(data.get(key))}
    if builds:
        found["builds"] = frozenset(builds)
    listed, included = data.get("exclude"), data.get("include")
    if isinstance(listed, list):  # what a walk of the site's root passes over
        kept = included if isinstance(included, list) else []
        excluded = tuple(p for p in listed if isinstance(p, str) and p and p not in kept)
        if excluded:
            found["site_exclude"] = excluded


def _jekyll_permalinks(data: Mapping[str, Any], where: Path, found: dict[str, Any]) -> None:
    """The posts' permalink: ``collections.posts.permalink`` over the site's ``permalink``
    (Jekyll fills the first from the second only where it is unset), and the ``defaults``
    sets that can apply to posts, each post's own values found when it is mapped."""
    collections = data.get("collections")
    posts = collections.get("posts") if isinstance(collections, Mapping) else None
    own = text_setting(posts, where, "permalink") if isinstance(posts, Mapping) else None
    permalink = own or text_setting(data, where, "permalink")
    if permalink is not None:
        found["permalink"] = permalink
    from convert.profiles.defaults import post_defaults

    try:
        sets = post_defaults(data.get("defaults"))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    if sets:
        found["defaults"] = sets
    folder = text_setting(data, where, "collections_dir")
    if folder is not None:
        found["collections_dir"] = folder
    style = text_setting(data, where, "permalink") or "date"
    others = _jekyll_collections(collections, style, where)
    if others:
        found["collections"] = others
        try:
            own_sets = {label: post_defaults(data.get("defaults"), (label,)) for label in others}
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
        found["collection_defaults"] = {label: sets for label, sets in own_sets.items() if sets}


def _ruby_true(value: Any) -> bool:
    """Ruby's truth: anything but nil and false, ``0`` and ``""`` too (``0 == False`` in
    Python, so not a membership test)."""
    return value is not None and value is not False


def _jekyll_collections(collections: Any, style: str, where: Path) -> dict[str, tuple[bool, str]]:
    """The site's collections other than posts: label -> (whether Jekyll writes their pages,
    the permalink their documents get). A collection's own ``permalink`` is taken as written;
    without one it is ``/:collection/:path`` with the ending of the site's style (``/`` for
    ``pretty`` or a pattern ending in one, ``:output_ext`` for ``date``, ``ordinal``, ``none``
    or a pattern ending in it). A list of names (``collections: [news]``) sets no output."""
    if isinstance(collections, list):
        collections = {str(name): {} for name in collections}
    if not isinstance(collections, Mapping):
        return {}
    ending = (
        "/"
        if style == "pretty" or style.endswith("/")
        else ":output_ext"
        if style in ("date", "ordinal", "none") or style.endswith(":output_ext")
        else ""
    )
    found: dict[str, tuple[bool, str]] = {}
    for label, settings in collections.items():
        if str(label) == "posts":
            continue
        settings = settings if isinstance(settings, Mapping) else {}
        output = _ruby_true(settings.get("output"))  # output: 0 writes the pages
        own = text_setting(settings, where, "permalink")
        found[str(label)] = (output, own or "/:collection/:path" + ending)
    return found
