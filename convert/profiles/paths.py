"""Where a page sits in its site: the folders below ``content/`` (Hugo, Zola) or above
``_posts/`` (Jekyll), the file's slug and its language suffix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from convert.profiles.urls import split_language


@dataclass(frozen=True)
class PagePath:
    """A content file's place: ``sections`` (folders), ``name`` (its own slug source),
    ``language`` (``index.fr.md`` -> ``fr``) and whether it is a bundle's ``index``."""

    sections: tuple[str, ...]
    name: str
    language: str | None
    bundle: bool


def page_path(path: str, root: str = "content") -> PagePath:
    """The page's place below the last ``root`` folder of ``path`` (or its own folder)."""
    parts = PurePosixPath(path).parts
    below = parts[len(parts) - parts[::-1].index(root) :] if root in parts else parts[-2:]
    stem, language = split_language(PurePosixPath(below[-1]).stem if below else "")
    folders = tuple(below[:-1])
    if stem in ("index", "_index") and folders:
        return PagePath(folders[:-1], folders[-1], language, True)
    return PagePath(folders, stem, language, False)
