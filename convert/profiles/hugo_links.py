"""Where Hugo publishes a page, besides its permalink pattern: whether it renders one at all
(``build.render``, ``headless``, a leaf bundle's resource), the folders ``:sections`` names,
the section's ``[permalinks]`` pattern, a page's own ``url``, and the ``/LANG/`` prefix.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from convert.profiles.base import ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.flags import flag
from convert.profiles.paths import PagePath, language_suffix
from convert.profiles.urls import hugo_file_slug

_CONTENT_SUFFIXES = frozenset(
    {".md", ".markdown", ".mdown", ".html", ".htm", ".org", ".ad", ".adoc", ".asciidoc"}
    | {".pandoc", ".pdc", ".rst"}
)
"""Hugo's content formats: an ``index`` file of one of them makes its folder a leaf bundle."""


def not_rendered(build: Builder) -> tuple[str, str] | None:
    """``(pointer, why)`` where the front matter tells Hugo to render no page, which then has
    no permalink: ``build.render`` (or the older ``_build.render``) ``"never"`` or false
    (``"link"`` still gives a permalink), or ``headless: true``."""
    for key in ("/build/render", "/_build/render"):
        found = build.find(key)
        if found is None:
            continue
        pointer, value = found
        if value is False or (isinstance(value, str) and value.strip().lower() == "never"):
            written = "false" if value is False else f'"{value}"'
            return pointer, f"{pointer[1:].replace('/', '.')} is {written}"
    found = build.find("headless")
    if found is not None and flag(found[1], loose=True):
        return found[0], "headless is true"
    return None


def current_section(path: str, page: PagePath) -> tuple[str, ...]:
    """The folders of the page's section as ``:sections`` gives them: the deepest folder above
    the page with an ``_index`` file (a folder without one is no section to Hugo), else the
    top one, which always is; where the file is not on disk, all its folders."""
    file = Path(path)
    if not file.is_file() or not page.sections:
        return page.sections
    folder = file.parent.parent if page.bundle else file.parent
    for depth in range(len(page.sections), 1, -1):
        if any(name.startswith("_index.") for name in _index_files(str(folder))):
            return page.sections[:depth]
        folder = folder.parent
    return page.sections[:1]


def leaf_bundle(path: str, page: PagePath, languages: frozenset[str] | None) -> str | None:
    """The index file of the leaf bundle (a folder with ``index.md``, or ``index.LANG.md`` in
    one of the site's ``languages``) that the file at ``path`` sits in, at any depth, where
    the file is on disk: Hugo takes such a content file for a resource of the bundle's page
    and publishes no page of its own for it."""
    file = Path(path)
    if not file.is_file():
        return None
    folder = file.parent.parent if page.bundle else file.parent
    for _ in page.sections:
        for name in _index_files(str(folder)):
            stem = name.rsplit(".", 1)[0]
            is_index = name.startswith("index.") and language_suffix(stem, languages)[0] == "index"
            if is_index and name != file.name:
                return str(folder / name)
        folder = folder.parent
    return None


def _index_files(folder: str) -> tuple[str, ...]:
    """The names of the content files named ``index.*`` or ``_index.*`` in ``folder``, in
    order: each folder listed once while it is unchanged (its modification time says when a
    file came or went), where each page's look had listed its folder again (quadratic in a
    folder of thousands of posts: 5,000 took 13 s instead of 1.4 s)."""
    try:
        changed = Path(folder).stat().st_mtime_ns
    except OSError:
        return ()
    return _listed_index_files(folder, changed)


@functools.lru_cache(maxsize=4096)
def _listed_index_files(folder: str, changed: int) -> tuple[str, ...]:
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name.startswith(("index.", "_index."))
                and "." + entry.name.rsplit(".", 1)[-1] in _CONTENT_SUFFIXES
            ]
    except OSError:
        return ()
    return tuple(sorted(names))


def section_pattern(options: ProfileOptions, section: str) -> str | None:
    """The ``[permalinks]`` pattern of the section: its key names the section as Hugo does,
    whatever the letter case (``my-sec`` or ``My-Sec`` is the folder ``My Sec``'s, ``Big`` the
    folder ``big``'s; ``My Sec`` is no section's)."""
    patterns = options.section_permalinks
    if section in patterns and section == hugo_file_slug(section):  # the common case
        return patterns[section]
    name = hugo_file_slug(section)
    return next((v for k, v in patterns.items() if k.lower() == name), None)


def own_url(url: str, language: str | None, build: Builder) -> str:
    """The path a page's ``url`` gives, as Hugo publishes it: a folder (``/about`` is
    ``/about/``) unless its last segment has an extension (``/2009/01/post.html``); from the
    site's root when it starts with ``/``, else below the page's language's ``/LANG/``."""
    url = url.strip()
    if "://" in url:
        return url
    if not url.endswith("/") and "." not in url.rsplit("/", 1)[-1]:
        url += "/"
    return url if url.startswith("/") else language_prefix("/" + url, language, build)


def language_prefix(path: str, language: str | None, build: Builder) -> str:
    """Pages in another language than the site's default live under ``/LANG/``, and so do the
    default language's with ``defaultContentLanguageInSubdir``; a language with a ``baseURL``
    of its own is a site of its own, without the prefix."""
    options = build.options
    default = (options.default_language or "en").lower()
    language = (language or default).lower()
    if "://" in path or options.languages.get(language, {}).get("base_url"):
        return path
    if language != default or options.language_in_subdir:
        return f"/{language}/{path.lstrip('/')}"
    return path
