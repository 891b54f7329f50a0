"""Why Zola writes no page for a file that has front matter: a taxonomy the site does not
define for the page's language (Zola stops on it), a pattern of the site's
``ignored_content``, or a section that sorts by something the page lacks.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from pathlib import Path

from convert.loading import load
from convert.profiles.builder import Builder
from convert.profiles.dates import zola_file_name_date
from convert.profiles.paths import PagePath, section_page

# What a page needs for its section's sort_by to place it; Zola renders none it cannot place.
_SORT_NEEDS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "update_date": ("updated", "date"),
    "weight": ("weight",),
    "title": ("title",),
}


def unsortable(build: Builder, page: PagePath) -> tuple[str, str] | None:
    """``(sort_by, what the page lacks)`` where its section sorts by something the page does
    not have: Zola leaves such a page out of the section and writes no page for it. Only the
    section whose ``_index.md`` (``_index.fr.md`` for a French page) is in the page's folder
    counts; a transparent one's pages are its parent's too, and a folder without one holds
    orphans, which Zola renders. One stat per page, the section read once while unchanged."""
    if build.options.site_root is None:
        return None
    if section_page(build.record.path):
        return None  # a section is no page of its own
    sort_by, transparent = _section_sorting(section_file(build, page))
    needs = _SORT_NEEDS.get(sort_by)
    if transparent or needs is None:
        return None
    for key in needs:
        if build.find(key) is not None:
            return None
        if key == "date" and zola_file_name_date(page.name, None)[1] is not None:
            return None
    return sort_by, " or ".join(needs)


def section_file(build: Builder, page: PagePath) -> Path:
    """Where the ``_index`` page of the page's section would be: in its folder (a bundle's
    parent folder), for the page's language (``_index.fr.md`` for a French page)."""
    file = Path(build.record.path)
    folder = file.parent.parent if file.name.split(".")[0] == "index" else file.parent
    default = build.options.default_language or "en"
    language = page.language
    name = "_index.md" if not language or language == default else f"_index.{language}.md"
    return folder / name


def _section_sorting(path: Path) -> tuple[str, bool]:
    """A section file's ``sort_by`` (``none`` where it sets none, or there is no such file)
    and whether it is transparent: read once while the file is unchanged (its modification
    time), as the Hugo profile lists a folder."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return "none", False
    return _read_sorting(str(path), stamp)


@functools.lru_cache(maxsize=4096)
def _read_sorting(path: str, changed: int) -> tuple[str, bool]:
    meta = load(path).meta
    sort_by = meta.get("sort_by")
    return sort_by if isinstance(sort_by, str) else "none", meta.get("transparent") is True


# The keys of a section's front matter, which zola 0.22 reads strictly: it stops the build on
# any other ("unknown field"), where a page's unknown keys it passes over.
_SECTION_KEYS = frozenset(
    {
        "title", "description", "sort_by", "weight", "draft", "template", "paginate_by",
        "paginate_reversed", "paginate_path", "insert_anchor_links", "render", "redirect_to",
        "in_search_index", "transparent", "page_template", "aliases", "generate_feeds", "extra",
    }
)  # fmt: skip


def unknown_section_key(build: Builder) -> str | None:
    """The first key of a section's (``_index.md``) front matter that Zola does not know."""
    if not section_page(build.record.path):
        return None
    return next((str(key) for key in build.record.meta if key not in _SECTION_KEYS), None)


def undefined_taxonomy(build: Builder, page: PagePath) -> str | None:
    """The first taxonomy the page lists that its language does not define, where the site's
    configuration was read (Zola stops the build on it, even for an empty list)."""
    defined = build.options.taxonomies
    found = build.find("taxonomies")
    if defined is None or found is None or not isinstance(found[1], Mapping):
        return None
    default = (build.options.default_language or "en").lower()
    language = (page.language or "").lower()
    names = defined.get("" if language in ("", default) else language, ())
    return next((str(name) for name in found[1] if name not in names), None)


def ignored_by(path: str, patterns: tuple[str, ...]) -> str | None:
    """The site's ``ignored_content`` pattern that matches the file, as Zola matches it:
    against the file's whole path, ``*`` across folders too, with ``?``, ``[...]`` and
    ``{a,b}``."""
    if not patterns:
        return None
    whole = Path(path).resolve().as_posix()
    return next((p for p, rule in _globs(patterns) if rule.fullmatch(whole)), None)


@functools.lru_cache(maxsize=8)
def _globs(patterns: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each pattern with its expression, made once per site."""
    return tuple((p, re.compile(_glob(p))) for p in patterns)


def _glob(pattern: str) -> str:
    """A glob as a regular expression: ``{a,b}`` alternatives (not nested), the rest as
    :func:`fnmatch.translate` reads it, whose ``*`` also crosses ``/`` as Zola's globs do."""
    return "|".join(f"(?:{fnmatch.translate(each)})" for each in _braces(pattern))


def _braces(pattern: str) -> list[str]:
    """``a{b,c}d`` -> ``[abd, acd]``; each brace group in turn."""
    match = re.search(r"\{([^{}]*)\}", pattern)
    if match is None:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [x for option in match.group(1).split(",") for x in _braces(head + option + tail)]
