"""Jekyll's links to other pages of its site, answered as jekyll 4.3.1 writes them.

``{% post_url 2017-03-02-x %}`` and ``{% link _posts/x.md %}`` give the target's address from
the site's root with its ``baseurl`` (``/base/news/2017/03/02/x/``), ``{{ "/docs/" |
relative_url }}`` the path below ``baseurl``, ``| absolute_url`` the whole address, ``{{
site.baseurl }}`` and ``{{ site.url }}`` the settings themselves. A post's or a collection
document's address is the one the profile makes for it; a page's, its ``permalink`` or path.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from convert.profiles.base import ProfileOptions
from convert.profiles.internal_links import (
    PAGE_SUFFIXES,
    Answer,
    Missing,
    Reference,
    Resolver,
    from_root,
)
from convert.profiles.jekyll_files import collection_of
from convert.profiles.urls import JEKYLL_STYLES
from convert.record import Record

_POST_NAME = re.compile(r"((?:[^/]+/)*)(\d+-\d+-\d+-[^/]*)")


def jekyll_answer(
    reference: Reference, record: Record, options: ProfileOptions, resolver: Resolver
) -> Answer:
    base = urlsplit(options.base_url).path.rstrip("/") if options.base_url else None
    kind, target = reference.kind, reference.target
    if kind in ("baseurl", "url", "relative_url", "absolute_url"):
        if base is None or options.base_url is None:
            return None
        origin = options.base_url.rstrip("/").removesuffix(base)
        if kind in ("baseurl", "url"):
            return base if kind == "baseurl" else origin
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target):
            return target  # an address of its own stays
        path = base + "/" + target.lstrip("/")
        return origin + path if kind == "absolute_url" else path
    root = site_folder(record, options, resolver)
    if root is None:
        return None
    if kind == "post_url":
        below = _jekyll_post(root, target, resolver)
        if below is None:
            return Missing(f'no post "{target}" in the site\'s _posts')
    else:
        below = PurePosixPath(target.lstrip("/")).as_posix()
        if not Path(root, below).is_file():
            return Missing(f'no file "{target}" in the site')
        if below != target.removeprefix("/") or (
            target.startswith("/") and not _static(root, below, options)
        ):
            return Missing(
                f'no file "{target}" in the site as Jekyll looks it up (by its path from the '
                f'site\'s folder as written, "{below}"; a "/" before it only for a static file)'
            )
    address = _jekyll_address(root, below, options, resolver)
    return None if address is None else from_root(address, options)


def _jekyll_post(root: str, name: str, resolver: Resolver) -> str | None:
    """The post ``{% post_url name %}`` names, as jekyll 4.3.1 finds it: ``dir/DATE-slug`` in
    ``_posts/dir/`` or ``dir/_posts/``; else (as Jekyll does, with a deprecation warning) the
    post of that name in any ``_posts`` folder."""
    written = _POST_NAME.fullmatch(name.strip().lstrip("/"))
    if written is None:
        return None
    folder, stem = written.group(1), written.group(2)
    candidates = resolver.listing(root, "posts").get(stem, [])
    for below in candidates:
        name = below.rpartition("/")[2]
        if below.endswith((f"_posts/{folder}{name}", f"{folder}_posts/{name}")):
            return below
    return candidates[0] if candidates else None


def _jekyll_address(
    root: str, below: str, options: ProfileOptions, resolver: Resolver
) -> str | None:
    """The address of a Jekyll site's file at ``below`` (its path in the site): a post's or a
    collection document's as the profile maps it; a page's its ``permalink``, else its path
    (``about.md`` at ``/about/`` on a site whose permalinks end in ``/``, else
    ``/about.html``); any other file is copied as it is."""
    file = str(Path(root, below))
    parts = below.split("/")
    if "_posts" in parts or "_drafts" in parts or collection_of(below, options) is not None:
        return resolver.address(file)
    if options.base_url is None:
        return None
    suffix = PurePosixPath(below).suffix
    stem = below[: len(below) - len(suffix)]
    if suffix.lower() not in PAGE_SUFFIXES or not _has_front_matter(file):
        return options.base_url.rstrip("/") + "/" + below
    own = _front_matter_permalink(file)
    if own is None:
        style = (options.permalink or "date").strip()
        pretty = JEKYLL_STYLES.get(style, style).endswith("/")
        folder, _, name = stem.rpartition("/")
        if name == "index":
            own = f"/{folder}/" if folder else "/"
        else:
            own = f"/{stem}/" if pretty else f"/{stem}.html"
    return options.base_url.rstrip("/") + "/" + own.lstrip("/")


def _static(root: str, below: str, options: ProfileOptions) -> bool:
    """Whether the site's file at ``below`` is a static file (no front matter, and no post),
    which ``{% link %}`` finds with a leading "/" too, as its own path has one (jekyll 4.3.1
    stops on ``{% link /about.md %}`` for a page, and on ``./about.md`` for any file)."""
    parts = below.split("/")
    if "_posts" in parts or "_drafts" in parts:
        return False
    return not _has_front_matter(str(Path(root, below)))


def _has_front_matter(file: str) -> bool:
    try:
        with open(file, "rb") as stream:  # noqa: PTH123 - a look at its first bytes
            return stream.read(4).removeprefix(b"\xef\xbb\xbf")[:3] == b"---"
    except OSError:
        return False


def _front_matter_permalink(file: str) -> str | None:
    """A page's own ``permalink:`` (a plain one-line value), as its front matter writes it."""
    from convert.loading import load

    value = load(file).meta.get("permalink")
    return value.strip() if isinstance(value, str) and value.strip() else None


def site_folder(record: Record, options: ProfileOptions, resolver: Resolver) -> str | None:
    """The Jekyll site's folder: the configuration's, else the nearest folder above the
    page with a ``_config.yml``, else the one above its ``_posts``."""
    if options.site_root is not None:
        return options.site_root
    folder = str(Path(record.path).absolute().parent)
    if folder not in resolver.roots:
        resolver.roots[folder] = _config_folder(folder, record.path)
    return resolver.roots[folder]


def _config_folder(folder: str, path: str) -> str | None:
    for probe in (Path(folder), *Path(folder).parents):
        if any((probe / f"_config.{x}").is_file() for x in ("yml", "yaml")):
            return str(probe)
    parts = Path(path).absolute().parts
    for folder_name in ("_posts", "_drafts"):
        if folder_name in parts:
            return str(Path(*parts[: parts.index(folder_name)]))
    return None
