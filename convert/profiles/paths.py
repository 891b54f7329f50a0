"""Where a page sits in its site: the folders below ``content/`` (Hugo, Zola) or above
``_posts/`` (Jekyll), the file's slug and its language suffix.

A generator places a page by the file's path below the site's folder, whichever folder a
walk started in and whatever the working folder: a walk of ``content/posts`` shows the file
as ``a.md``, which is still the page ``posts/a`` (:func:`in_site`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from convert.profiles.urls import split_language
from convert.record import STDIN


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


def in_site(path: str, site_root: str | None, generator: str = "") -> str | None:
    """The file's path below the site's folder (posix: ``content/posts/a.md``), where the
    site is known and the file is in it; else ``None``, and the path as shown is all there
    is to place the page by. ``site_root`` is the folder of the site's configuration (for
    Hugo maybe its ``config/`` or ``config/_default/`` folder, whose site is above it)."""
    if site_root is None or path == STDIN:
        return None
    try:
        below = Path(path).resolve().relative_to(_site_folder(site_root, generator))
    except (OSError, RuntimeError, ValueError):  # outside the site, or no file to resolve
        return None
    return below.as_posix()


def _site_folder(site_root: str, generator: str) -> Path:
    """The site's folder, resolved: the configuration's own, or for Hugo the one above its
    configuration folder."""
    given = Path(site_root).resolve()
    return _hugo_site(given) if generator == "hugo" else given


def _hugo_site(given: Path) -> Path:
    """The site of Hugo's configuration folder (``config/`` or ``config/_default/``) named
    as its configuration, else ``given`` itself."""
    if given.name == "_default" and given.parent.name == "config":
        return given.parents[1]
    if given.name == "config" and (given / "_default").is_dir():
        return given.parent
    return given


def page_path(
    path: str,
    root: str = "content",
    languages: Collection[str] | None = None,
    *,
    placed: bool = False,
) -> PagePath:
    """The page's place below the last ``root`` folder of ``path`` (or its own folder); in
    a path ``placed`` below the site's folder (:func:`in_site`), below its first folder
    where that is ``root`` (a section may be called ``content`` too).

    ``languages`` are the site's language codes in lower case, where its configuration is
    known: a file-name suffix that names none of them is part of the page's name, as Hugo and
    Zola read it (``node.js.md`` is the page ``node.js``; ``index.de.md`` on a site without
    German is no bundle's index)."""
    parts = PurePosixPath(path).parts
    below = content_parts(parts, root, placed=placed)
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


def content_parts(parts: tuple[str, ...], root: str, *, placed: bool) -> tuple[str, ...]:
    """The parts of a path below its content folder ``root``: a site's first folder where
    the path is ``placed`` below the site's folder, else the last folder of that name, else
    the file and its folder (all a page can be placed by)."""
    if placed and parts[:1] == (root,):
        return parts[1:]
    if root in parts:
        return parts[len(parts) - parts[::-1].index(root) :]
    return parts[-2:]
