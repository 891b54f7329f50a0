"""Zola: TOML ``date``/``updated``, ``path`` or the slug, ``[taxonomies]``, ``draft``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, ClassVar

from convert.diagnostics import Severity
from convert.profiles.base import ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.common import SiteProfile
from convert.profiles.dates import normalise_date, zola_file_name_date
from convert.profiles.paths import PagePath, content_parts, in_site, page_path, section_page
from convert.profiles.texts import zola_text
from convert.profiles.zola_skips import (
    ignored_by,
    section_file,
    undefined_taxonomy,
    unknown_section_key,
    unsortable,
)
from convert.profiles.zola_slug import zola_slug, zola_unspelled
from convert.record import STDIN, FrontMatterKind, Record

if TYPE_CHECKING:
    from convert.profiles.site_walks import ContentFolders

_PATH_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{1,2})/(\d{1,2})(?:/|$)")


class ZolaProfile(SiteProfile):
    """Zola pages: path or section/slug links, dates in file names or path, taxonomies."""

    name: ClassVar[str] = "zola"
    # zola 0.22 copied content/blog/hello.md.gz to public/blog/hello.md.gz
    COMPRESSED: ClassVar[str] = "Zola makes no page of a compressed file; it copies it as it is"
    SOURCES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "title": ("title",),
        "excerpt": ("description", "summary", "/extra/excerpt"),
        "publishedDateTime": ("date",),
        "updatedDateTime": ("updated",),
        "webUrl": ("/extra/canonical_url", "/extra/canonical"),
        "published": ("draft",),
        "provider": ("authors", "/extra/author"),
        "topics": ("/taxonomies/tags",),
        "categories": ("/taxonomies/categories",),
        "locale": ("/extra/lang",),
        "images": ("/extra/images", "/extra/image", "/extra/cover", "/extra/social_media_card"),
    }
    LEADING_BLANK_LINES: ClassVar[bool] = True  # its parser skips blank lines before the fence
    SECTIONS: ClassVar[bool] = True
    DERIVED: ClassVar[Mapping[str, str]] = {
        "excerpt": "the body up to <!-- more -->",
        "publishedDateTime": "the file name's date (2024-01-31-title.md or 2024-01-31_title.md),"
        " else a YYYY/MM/DD in path",
        "webUrl": "--base-url and path, else /LANG/section/slug/ (slug, else the file name)",
        "locale": "the file name's language (page.fr.md -> fr)",
    }
    EXCERPT_SEPARATOR: ClassVar[str] = "<!-- more -->"
    # Zola's page and section front matter documentation.
    FRONT_MATTER_KEYS: ClassVar[frozenset[str]] = frozenset(
        {
            "title", "description", "date", "updated", "weight", "draft", "slug", "path",
            "aliases", "authors", "in_search_index", "template", "taxonomies", "extra",
            "sort_by", "paginate_by", "paginate_path", "paginate_reversed",
            "insert_anchor_links", "render", "redirect_to", "transparent", "page_template",
            "generate_feeds",
        }
    )  # fmt: skip

    def shown_text(
        self, value: object, written: str | None, kind: FrontMatterKind | None
    ) -> str | None:
        return zola_text(value, written, kind)

    def site_content(self, options: ProfileOptions) -> ContentFolders:
        """``content``: not ``templates``, ``public``, ``static``, ``themes`` or the files
        beside them."""
        from convert.profiles.site_walks import zola_content

        return zola_content(options)

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        return Builder(record, options, fold=self.FOLD_KEYS, page=_place(record.path, options))

    def derive(self, build: Builder) -> None:
        page = build.page or _place(build.record.path, build.options)
        date, written, rest = zola_file_name_date(page.name, build.options.timezone)
        # slugify.paths_keep_dates: the date stays in the slug (and still dates the page)
        build.extra["slug"] = page.name if build.options.keep_dates else rest
        if "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing:
            self._date(build, date, written)
        if "locale" not in build.meta and page.language:
            build.put("locale", page.language, None, "the file name")
        elif _unset_language(build):
            # A site whose configuration sets no default_language is in Zola's, English.
            build.put("locale", "en", None, "Zola's default language (the site sets none)")
        self.derive_link(build)

    @staticmethod
    def _date(build: Builder, date: str | None, written: str | None) -> None:
        name = PurePosixPath(build.record.path).name
        if date is not None:
            build.put("publishedDateTime", date, None, f'the file name "{name}"')
            return
        if written is not None:
            build.missing.add("publishedDateTime")
            build.report(
                "profile/bad-date",
                f'the date in the file name "{name}" is not a real day: {written}',
                hint="rename the file, or set date in the front matter",
            )
            return
        found = build.find("path")
        match = _PATH_DATE.search(found[1]) if found and isinstance(found[1], str) else None
        if found is not None and match is not None:
            date = normalise_date("-".join(match.groups()), build.options.timezone)
            if date is not None:
                build.put("publishedDateTime", date, found[0])

    def permalink(self, build: Builder) -> tuple[str, str] | None:
        page = build.page or _place(build.record.path, build.options)
        foreign = _foreign_language(build.record.path, build.options)
        if foreign is not None:
            build.no_link(
                f"Zola stops on this file, whose name names the language "
                f'"{foreign}" (after its first dot), which the site does not configure',
                hint=f'add "{foreign}" to the site\'s [languages], or rename the file',
            )
            return None
        unknown = unknown_section_key(build)
        if unknown is not None:
            build.no_link(
                f'Zola stops on this section, whose front matter has "{unknown}", '
                "which a section's front matter cannot have",
                pointer="/" + unknown,
                hint=f'remove "{unknown}", or move it under [extra]',
            )
            return None
        undefined = undefined_taxonomy(build, page)
        if undefined is not None:
            where = f"[languages.{page.language}] " if page.language else ""
            build.no_link(
                f'Zola stops on this page, whose taxonomy "{undefined}" '
                "the site does not define for its language",
                pointer="/taxonomies",
                hint=f'add {{name = "{undefined}"}} to the site\'s {where}taxonomies',
            )
            return None
        pattern = ignored_by(build.record.path, build.options.ignored_content)
        if pattern is not None:
            build.no_link(
                f"Zola skips this file, which the site's ignored_content "
                f'pattern "{pattern}" matches',
                hint="remove the pattern from ignored_content for a page of its own",
            )
            return None
        render = build.find("render")
        if render is not None and render[1] is False:
            # Zola 0.19's page render = false: no folder, no page at its permalink.
            build.no_link(
                "Zola renders no page for it (its render is false)",
                pointer=render[0],
                hint=f"remove {build.setting('render', False)} for a page of its own",
            )
            return None
        unsorted = unsortable(build, page)
        if unsorted is not None:
            sort_by, needs = unsorted
            build.no_link(
                f"Zola renders no page for it (its section sorts by "
                f"{sort_by}, and it has no {needs})",
                hint=f"set {needs}, or change the section's sort_by",
            )
            return None
        language = page.language
        default = (build.options.default_language or "en").lower()
        prefix = f"/{language.lower()}" if language and language.lower() != default else ""
        found = build.find("path")
        if found is not None and isinstance(found[1], str):
            # Zola takes path as written, without a language prefix.
            return f"/{found[1].strip().strip('/')}/", "the front matter's path"
        sections = "".join(f"/{s}" for s in page.sections)
        if section_page(build.record.path):
            # A section is at its folders as written (the root section at /): no slug.
            own_folder = f"/{page.name}" if page.bundle else ""
            return f"{prefix}{sections}{own_folder}/", "the section's folders"
        found = build.find("slug")
        own = found if found is not None and isinstance(found[1], str) else None
        slug = own[1] if own is not None else build.extra["slug"]
        strategy = build.options.slugify_paths
        if strategy == "on":
            _unspelled(build, slug, own[0] if own is not None else "")
        # Folder names stay as written; only the page's own slug is slugified.
        own_slug = _slug(slug, strategy)
        if own_slug:
            return f"{prefix}{sections}/{own_slug}/", "section/slug"
        # A slug with no letter or digit is none: the page takes its folder's path, where Zola
        # stops the build if the folder is a section (the content root always is).
        if not page.sections or _in_section(build, page):
            build.no_link(
                f'Zola stops the build: the slug "{slug}" has no letter or digit, so the '
                "page's path is its section's",
                pointer=own[0] if own is not None else "",
                hint='give the page a slug (slug = "...") with letters or digits',
            )
            return None
        return f"{prefix}{sections}/", "section/slug"


def _unspelled(build: Builder, slug: str, pointer: str) -> None:
    """Say so where Zola spells the slug in ASCII letters as the profile cannot (Chinese,
    Japanese, Korean, Arabic, Hebrew, emoji...: its spellings come from dictionaries), so
    the link made may be one Zola does not publish."""
    unspelled = zola_unspelled(slug)
    if not unspelled:
        return
    where = "its slug" if pointer else "the page's name"
    build.report(
        "profile/untransliterated-slug",
        f'the link may not be where Zola publishes the page: Zola spells {where} "{slug}" '
        f'in ASCII letters, and the profile cannot tell how it spells "{unspelled}"',
        pointer=pointer,
        hint='give the page a slug (slug = "...") or path in ASCII letters',
        severity=Severity.WARNING,
    )


def _place(path: str, options: ProfileOptions) -> PagePath:
    """The page's place as Zola reads its file name, where the site's languages are known.

    Zola reads a language only on a site with others than the default, and only after the
    name's first dot (``v0.10.fr`` names ``10.fr``). A suffix that is the default language
    stays in the name (``post.en`` is the page ``post-en``), and so does it in a bundle's
    ``index.en``, which is then a page of its own beside the bundle's folder, as any
    ``index.*`` is on a site of one language. The file's path below the site's folder places
    it, whichever folder the walk started in (``a.md`` walked in ``content/blog`` is
    ``blog/a``)."""
    languages = _languages(options)
    if languages is None:
        return page_path(path)  # the site unknown: a suffix that looks like a language
    placed = in_site(path, options.site_root)
    below = content_parts(PurePosixPath(placed or path).parts, "content", placed=bool(placed))
    stem = PurePosixPath(below[-1]).stem if below else ""
    folders = tuple(below[:-1])
    first = stem.split(".")[0]
    bundle = bool(folders) and first == "index"
    name, language = stem, None
    default = options.default_language or "en"
    others = languages - {default.lower()}
    base, dot, suffix = stem.partition(".")
    if dot and suffix != default and suffix.lower() in others:
        name, language = base, suffix
    if bundle:  # its folder is no section; only a page named index has the folder's files
        own = name == "index"
        return PagePath(folders[:-1], folders[-1] if own else name, language, own)
    if first == "_index" and folders:  # a section: at its folder, whatever its name's rest
        return PagePath(folders[:-1], folders[-1], language, True)
    return PagePath(folders, name, language, False)


def _foreign_language(path: str, options: ProfileOptions) -> str | None:
    """The language a file name names after its first dot on a site of several languages,
    where the site has no such language: Zola stops the build on it (``v0.10.fr.md`` names
    ``10.fr``, ``node.js.md`` names ``js``)."""
    languages = _languages(options)
    if not languages:
        return None
    default = options.default_language or "en"
    _, dot, suffix = PurePosixPath(path).stem.partition(".")
    if not dot or suffix == default or suffix.lower() in languages - {default.lower()}:
        return None
    return suffix


def _unset_language(build: Builder) -> bool:
    """Whether the page has no language of its own on a site read without
    ``default_language``."""
    if build.options.site_root is None or build.options.default_language:
        return False
    return "locale" not in build.meta and "locale" not in build.missing


def _languages(options: ProfileOptions) -> frozenset[str] | None:
    """The languages a file name may name, where the site's configuration was read: none on
    a site without ``[languages]`` besides the default one (Zola then reads no language in
    file names, so ``node.js.md`` is the page ``node-js``), else those and the default."""
    if options.site_root is None:
        return None
    default = (options.default_language or "en").lower()
    others = frozenset(options.languages) - {default}
    return others | {default} if others else frozenset()


def _slug(text: str, strategy: str) -> str:
    """The page's slug as Zola's ``slugify.paths`` makes it: ``on`` slugifies (letters in
    ASCII, :func:`~convert.profiles.zola_slug.zola_slug`), ``safe`` only
    drops what a file name cannot hold (``<>:"/\\|?*``, and spaces and dots at the end),
    ``off`` keeps it as written."""
    if strategy == "off":
        return text
    if strategy == "safe":
        return re.sub(r'[<>:"/\\|?*]', "", text.rstrip(" ."))
    return zola_slug(text)


def _in_section(build: Builder, page: PagePath) -> bool:
    """Whether the page's folder is a section: it holds the ``_index`` page of the page's
    language, as Zola reads it."""
    if build.record.path == STDIN:
        return False
    try:
        return section_file(build, page).is_file()
    except OSError:
        return False
