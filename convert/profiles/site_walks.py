"""The content of a Jekyll, Hugo and Zola site, for a walk of its folder
(:mod:`convert.profiles.walk`).

Jekyll makes posts of the files in ``_posts`` (at the site's root, below ``collections_dir``,
or below a category folder: ``blog/_posts``), of ``_drafts`` where ``show_drafts`` is set,
and documents of its other collections' files that have front matter, where the collection
has an ``output``. It passes over what the site's ``exclude`` names, and every other folder
whose name starts with ``_ . # ~``
(``_layouts``, ``_includes``, its own ``_site``), and a file elsewhere is a page (with front
matter: no post, and jekyll-feed lists posts only) or a static file copied as it is. Hugo's
articles are the files below its content folders (``content``, ``contentDir``, the
languages' and the mounts' folders), Zola's those below ``content``; their themes, layouts,
templates, output and static files are not content. Within the content, a file of no page
format (``notes.txt``: Hugo copies it as it is, Zola keeps it as an asset) is none either, nor
one the site's own ``ignoreFiles`` (Hugo) or ``ignored_content`` (Zola) skips, nor (Hugo) one
of a format its ``security.allowContent`` refuses, HTML unless the site allows it.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from convert.profiles.base import ProfileOptions
from convert.profiles.internal_links import PAGE_SUFFIXES
from convert.profiles.jekyll_files import PASSED_OVER, collections_folders
from convert.profiles.paths import PagePath
from convert.profiles.walk import has_front_matter

_JEKYLL_NAMES = {"_layouts": "layouts", "_includes": "includes", "_sass": "sass", "_data": "data"}
"""What Jekyll's own folders are called in the note (others by their name: ``_site``)."""

_JEKYLL_EXCLUDED = frozenset({"node_modules", "vendor"})
"""Folders Jekyll's default ``exclude`` leaves out of the site (dependencies)."""

_PAGE_FOLDERS = ("_posts", "_drafts")


class JekyllContent:
    """A Jekyll site's posts, drafts (with ``show_drafts``) and collection documents."""

    phrase = "the jekyll site publishes no post from"

    def __init__(self, options: ProfileOptions) -> None:
        self.folder = collections_folders(options)
        self.collections = options.collections
        self.drafts = "drafts" in options.builds
        self.excluded = options.site_exclude

    def above(self, folder: tuple[str, ...]) -> bool:
        """The folders above ``collections_dir``, and below it any that a category's
        ``_posts`` may be in: not Jekyll's own (``_layouts``), nor posts or a collection, nor
        one the site's ``exclude`` names (walked on its own, it is read whole)."""
        if self.excluded and folder and _excluded(folder, self.excluded):
            return False
        if len(folder) < len(self.folder) and self.folder[: len(folder)] == folder:
            return True
        below = self._below(folder)
        if below is None or any(name in below for name in _PAGE_FOLDERS):
            return False
        if not below:
            return True
        return not any(part.startswith(PASSED_OVER) for part in below) and (
            below[0] not in _JEKYLL_EXCLUDED
        )

    def reason(self, parts: tuple[str, ...], path: Path) -> str | None:
        if self.excluded and _excluded(parts, self.excluded):
            return "exclude"
        folders = parts[:-1]
        below = self._below(folders)
        if below is not None:
            for name in _PAGE_FOLDERS:
                if name in below:
                    above = below[: below.index(name)]
                    if not any(part.startswith(PASSED_OVER) for part in above):
                        if name == "_drafts" and not self.drafts:
                            return "drafts (without show_drafts)"
                        return None
            if below and below[0].startswith("_") and below[0][1:] in self.collections:
                if not self.collections[below[0][1:]][0]:
                    return "collections without output"
                return None if has_front_matter(path) else "static files"
        special = next((part for part in folders if part.startswith(PASSED_OVER)), None)
        if special is not None:
            return _JEKYLL_NAMES.get(special, special)
        if folders and folders[0] in _JEKYLL_EXCLUDED:
            return folders[0]
        return "pages" if has_front_matter(path) else "static files"

    def _below(self, folders: tuple[str, ...]) -> tuple[str, ...] | None:
        """The folders below ``collections_dir``; ``None`` for those outside it."""
        if folders[: len(self.folder)] != self.folder:
            return None
        return folders[len(self.folder) :]


_HUGO_PAGES = PAGE_SUFFIXES
"""Hugo's content formats that a walk reads (Markdown, HTML); its others it reads not."""

_HUGO_MEDIA_TYPES = {
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".mdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
"""The media type Hugo takes each of its page formats as, for ``security.allowContent``."""

HUGO_ALLOW_CONTENT = ("! ^text/html$", "! ^text/org$")
"""Hugo's own ``security.allowContent`` (hugo 0.168): every format but HTML and Org."""

_ZOLA_PAGES = (".md",)
"""Zola makes pages of Markdown alone; another file in its content is an asset."""

Skipped = Callable[[tuple[str, ...], Path], str | None]
"""The site's own setting that skips a content file (``parts`` below the content folder
first, then the file), or ``None``."""


def _excluded(parts: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """Whether an ``exclude`` pattern leaves the file out, as Jekyll tests each entry it
    reads (below the site's root): a glob that matches the file or a folder it is in (``*``
    across ``/`` too), or a plain start of its path (``notes`` leaves out ``notes/``, and
    ``notes.md`` and ``notesx/`` with it, as Jekyll does)."""
    whole = "/".join(parts)
    candidates = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    return any(
        whole.startswith(pattern) or any(fnmatch.fnmatchcase(c, pattern) for c in candidates)
        for pattern in patterns
    )


class ContentFolders:
    """A site whose articles are the files below its content folders (Hugo, Zola), in one
    of its page formats (``suffixes``) and not skipped by its own settings (``skipped``)."""

    def __init__(
        self,
        generator: str,
        folders: tuple[tuple[str, ...], ...],
        suffixes: tuple[str, ...] = _HUGO_PAGES,
        skipped: Skipped | None = None,
    ) -> None:
        self.phrase = f"the {generator} site makes no page of"
        self.folders = folders
        self.suffixes = suffixes
        self.skipped = skipped

    def above(self, folder: tuple[str, ...]) -> bool:
        return self._inside(folder) is None and any(
            len(folder) < len(own) and own[: len(folder)] == folder for own in self.folders
        )

    def reason(self, parts: tuple[str, ...], path: Path) -> str | None:
        own = self._inside(parts[:-1])
        if own is not None:
            if not parts[-1].lower().endswith(self.suffixes):
                return "non-page files"
            return None if self.skipped is None else self.skipped(parts[len(own) :], path)
        if len(parts) == 1:
            return "files beside the content"
        return "content, which a mount replaces" if parts[0] == "content" else parts[0]

    def _inside(self, folder: tuple[str, ...]) -> tuple[str, ...] | None:
        """The content folder that ``folder`` is in (or is), the deepest where they nest."""
        found = [own for own in self.folders if folder[: len(own)] == own]
        return max(found, key=len) if found else None


def content_allowed(media_type: str, policy: tuple[str, ...]) -> bool:
    """Whether Hugo's ``security.allowContent`` ``policy`` lets it build pages of
    ``media_type``, as hugo 0.168 reads it: ``none`` allows none; an expression after ``! ``
    found in the type refuses it, whatever else allows it; else one without allows what it
    is found in, and a policy of refusals alone allows the rest (an empty one, nothing).
    Blank entries count for nothing."""
    policy = tuple(p.strip() for p in policy if p.strip())
    if "none" in policy:
        return False
    refusals = [p[2:] for p in policy if p.startswith("! ")]
    allowed = [p for p in policy if not p.startswith("! ")]
    if any(re.search(p, media_type) for p in refusals):
        return False
    if any(re.search(p, media_type) for p in allowed):
        return True
    return bool(refusals) and not allowed


def refused_format(name: str, options: ProfileOptions) -> str | None:
    """The media type of the file ``name`` where the site's ``security.allowContent`` (else
    Hugo's own) refuses it, on which hugo 0.168 stops its build; ``None`` for a format it
    builds pages of, or none of its page formats."""
    media_type = _HUGO_MEDIA_TYPES.get(PurePosixPath(name).suffix.lower())
    policy = HUGO_ALLOW_CONTENT if options.allow_content is None else options.allow_content
    if media_type is None or content_allowed(media_type, policy):
        return None
    return media_type


def hugo_content(options: ProfileOptions) -> ContentFolders:
    """Hugo's content: ``content``, or instead the site's ``contentDir`` and the folders
    ``module.mounts`` mount as content (a mount replaces Hugo's own, as hugo 0.168 builds no
    page of ``content/`` then); and each language's ``contentDir`` (within the site). A file
    of a format ``security.allowContent`` refuses (by default HTML: hugo 0.168 stops its
    build on ``content/posts/a.html``, "text/html is not whitelisted") is none of its pages."""
    named = [source for source, _, _ in options.content_mounts] or ["content"]
    named += [str(own.get("content_dir", "")) for own in options.languages.values()]
    patterns = options.ignore_files

    def skipped(below: tuple[str, ...], path: Path) -> str | None:
        media_type = refused_format(below[-1], options)
        if media_type is not None:
            return f"{media_type} files, which security.allowContent refuses"
        if not patterns:
            return None
        from convert.profiles.hugo import ignored_file

        page = PagePath(sections=below[:-1], name=below[-1], language=None, bundle=False)
        return "ignoreFiles" if ignored_file(str(path), page, patterns) else None

    return ContentFolders("hugo", _folders(named), skipped=skipped)


def zola_content(options: ProfileOptions) -> ContentFolders:
    """Zola's content: the Markdown files in the ``content`` folder beside its
    configuration, less those its ``ignored_content`` globs match."""
    patterns = options.ignored_content

    def skipped(below: tuple[str, ...], path: Path) -> str | None:
        from convert.profiles.zola_skips import ignored_by

        return "ignored_content" if ignored_by(str(path), patterns) else None

    return ContentFolders("zola", _folders(["content"]), _ZOLA_PAGES, skipped if patterns else None)


def _folders(names: list[str]) -> tuple[tuple[str, ...], ...]:
    """Folders below the site's root as parts; one outside it (``../x``, absolute) or the
    root itself is left out, as a walk of the site never meets it as content."""
    found: list[tuple[str, ...]] = []
    for name in names:
        path = PurePosixPath(name)
        parts = tuple(part for part in path.parts if part != ".")
        if not parts or path.is_absolute() or ".." in parts or parts in found:
            continue
        found.append(parts)
    return tuple(found)
