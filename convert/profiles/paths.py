"""Where a page sits in its site: the folders below ``content/`` (Hugo, Zola) or above
``_posts/`` (Jekyll), the file's slug and its language suffix."""

from __future__ import annotations

from collections.abc import Collection
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


def section_page(path: str) -> bool:
    """Whether ``path`` is a section's list page (``_index.md``, ``_index.fr.md``), which Hugo
    and Zola read for a folder: no dated article of its own."""
    return PurePosixPath(path).name.startswith("_index.")


def page_path(
    path: str, root: str = "content", languages: Collection[str] | None = None
) -> PagePath:
    """The page's place below the last ``root`` folder of ``path`` (or its own folder).

    ``languages`` are the site's language codes in lower case, where its configuration is
    known: a file-name suffix that names none of them is part of the page's name, as Hugo and
    Zola read it (``node.js.md`` is the page ``node.js``; ``index.de.md`` on a site without
    German is no bundle's index)."""
    parts = PurePosixPath(path).parts
    below = parts[len(parts) - parts[::-1].index(root) :] if root in parts else parts[-2:]
    stem, language = language_suffix(PurePosixPath(below[-1]).stem if below else "", languages)
    folders = tuple(below[:-1])
    if stem in ("index", "_index") and folders:
        return PagePath(folders[:-1], folders[-1], language, True)
    return PagePath(folders, stem, language, False)


def language_suffix(stem: str, languages: Collection[str] | None) -> tuple[str, str | None]:
    """``index.fr`` -> ``("index", "fr")``: the file name's language, where the site's
    ``languages`` (lower case) are known one of them whatever its form (Hugo takes any key,
    ``l2`` or ``zh-hant-tw``), else a suffix that looks like a language code."""
    if languages is None:
        return split_language(stem)
    base, dot, suffix = stem.rpartition(".")
    if dot and base and suffix.lower() in languages:
        return base, suffix
    return stem, None
