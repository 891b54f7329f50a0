"""Hugo: ``date``/``lastmod``, ``draft``, ``url``/``slug`` and the section's permalink."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, ClassVar

from convert.profiles.base import ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.common import SiteProfile
from convert.profiles.dates import normalise_date
from convert.profiles.excerpts import markdown_text
from convert.profiles.hugo_dates import hugo_date
from convert.profiles.hugo_links import (
    current_section,
    language_prefix,
    leaf_bundle,
    not_rendered,
    own_url,
    section_pattern,
)
from convert.profiles.hugo_schedule import schedule
from convert.profiles.paths import PagePath, in_site, page_path
from convert.profiles.site_jekyll import posix_language
from convert.profiles.texts import go_text, go_yaml_number
from convert.profiles.urls import (
    expand,
    hugo_file_slug,
    hugo_path,
    hugo_sanitize,
    hugo_urlize,
    split_language,
)
from convert.record import FrontMatterKind, Record

if TYPE_CHECKING:
    from convert.profiles.site_walks import ContentFolders

DEFAULT_PERMALINK = "/:sections/:slugorcontentbasename/"
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
"""A language tag as the article schema takes it (``en``, ``zh-Hant-TW``)."""


class HugoProfile(SiteProfile):
    """Hugo pages: url, slug and section permalinks, drafts, languages from index.fr.md."""

    name: ClassVar[str] = "hugo"
    # hugo 0.168 copied content/posts/hello.md.gz to public/posts/hello.md.gz
    COMPRESSED: ClassVar[str] = "Hugo makes no page of a compressed file; it copies it as it is"
    SOURCES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "title": ("title",),
        "excerpt": ("summary", "description", "excerpt"),
        # Hugo's default [frontmatter] date list: the last two stand in for a missing date.
        "publishedDateTime": ("date", "publishDate", "pubDate", "published", "lastmod", "modified"),
        "updatedDateTime": ("lastmod", "lastMod", "modified", "updated"),
        "webUrl": ("canonicalURL", "canonical", "webUrl"),
        "published": ("draft", "published"),
        "provider": ("author", "authors"),
        "topics": ("tags",),
        "categories": ("categories",),
        "locale": ("language", "lang"),
        "images": ("images", "image", "cover", "featured_image", "featuredImage"),
    }
    LEADING_BLANK_LINES: ClassVar[bool] = True  # its parser skips blank lines before the fence
    SECTIONS: ClassVar[bool] = True
    DERIVED: ClassVar[Mapping[str, str]] = {
        "excerpt": "the body up to <!--more-->",
        "webUrl": "--base-url and the front matter's url, else the section's permalink "
        f"(--permalink, default {DEFAULT_PERMALINK}) with slug or the file name, "
        "under /LANG/ for other languages than the default",
        "locale": "the file name's language (index.fr.md -> fr)",
        "published": "false for a page whose publish date is after the build (unless "
        "buildFuture) or whose expiry date is before it (unless buildExpired)",
    }
    ALSO: ClassVar[frozenset[str]] = frozenset({"published"})
    FOLD_KEYS: ClassVar[bool] = True  # Hugo lower-cases front-matter keys: Title is title
    # Hugo's front matter documentation (its predefined fields), and the taxonomies and
    # image keys of its default configuration and internal templates.
    FRONT_MATTER_KEYS: ClassVar[frozenset[str]] = frozenset(
        {
            "aliases", "build", "cascade", "date", "description", "draft", "expirydate",
            "headless", "iscjklanguage", "keywords", "lastmod", "layout", "linktitle",
            "markup", "menus", "menu", "outputs", "params", "publishdate", "resources",
            "sitemap", "slug", "summary", "title", "translationkey", "type", "url", "weight",
            "tags", "categories", "series", "images", "videos", "audio", "author", "authors",
        }
    )  # fmt: skip
    KEEP_ESCAPES: ClassVar[bool] = True  # a%20b.md is at /a%20b/, not /a%2520b/
    LOOSE_FLAGS: ClassVar[bool] = True  # draft = "true" is a draft to Hugo (cast.ToBool)
    FLAG_DATES: ClassVar[frozenset[str]] = frozenset({"published"})
    IMAGES_FROM_HOST: ClassVar[bool] = True  # absURL "/a.jpg" drops baseURL's path

    @staticmethod
    def read_date(value: object, zone: str | None) -> str | None:
        return hugo_date(value, zone)

    def sources(self, options: ProfileOptions) -> dict[str, tuple[str, ...]]:
        """The keys of each field; the date's in the order of the site's ``[frontmatter]``
        date list where it sets one (``['lastmod', 'publishDate', 'date']``), as Hugo dates
        the page by the first of them present."""
        if not options.date_keys:
            return super().sources(options)
        return {**self.SOURCES, "publishedDateTime": options.date_keys, **options.fields}

    def _published(self, build: Builder, keys: tuple[str, ...]) -> None:
        """Hugo reads ``published`` as the inverse of ``draft``, and only on a page that
        writes no ``draft`` key at all: with both, ``draft`` wins (Hugo warns of it)."""
        if any(str(key).lower() == "draft" for key in build.record.meta):
            keys = tuple(key for key in keys if key.lower() != "published")
        super()._published(build, keys)
        if build.meta.get("published") is False and "drafts" in build.options.builds:
            # hugo 0.168 with buildDrafts = true wrote content/post/x.md (draft: true)
            how = "the site's buildDrafts, which publishes drafts"
            build.put("published", True, None, how)

    def excerpt_text(self, key: str, text: str) -> str:
        """Hugo renders a ``summary`` as Markdown (its ``description`` it shows as written:
        hugo 0.168's og:description was ``A *desc*``)."""
        return markdown_text(text) if key.lower() == "summary" else text

    def shown_text(
        self, value: object, written: str | None, kind: FrontMatterKind | None
    ) -> str | None:
        return go_text(value, written)

    def number_read(self, written: str) -> int | float | None:
        return go_yaml_number(written)

    def site_content(self, options: ProfileOptions) -> ContentFolders:
        """The content folders: not ``themes``, ``layouts``, ``public``, ``static``,
        ``assets`` or the files beside them."""
        from convert.profiles.site_walks import hugo_content

        return hugo_content(options)

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        """The page's place, and a page in a language with its own ``[languages.xx]``
        settings (``baseURL``, ``permalinks``, ``timeZone``) mapped with those, as Hugo
        builds each language."""
        page = _page(record.path, options)
        language = page.language or options.default_language or "en"
        own = options.languages.get(language.lower(), {})
        if own:
            options = replace(
                options,
                base_url=own.get("base_url", options.base_url),
                section_permalinks={
                    **options.section_permalinks,
                    **own.get("section_permalinks", {}),
                },
                timezone=own.get("timezone", options.timezone),
            )
        return Builder(record, options, fold=self.FOLD_KEYS, page=page)

    def derive(self, build: Builder) -> None:
        if not build.record.has_front_matter:
            # hugo 0.168 published content/posts/nofm.md, text alone, at /posts/nofm/ (with
            # no title and the zero date, which the profile reports as missing)
            build.moot.add("frontmatter/missing")
        page = _place(build)
        if "locale" not in build.meta and page.language:
            _locale(build, page.language)
        elif "locale" not in build.meta and "locale" not in build.missing:
            _site_locale(build)
        if build.options.filename_dates:
            self._file_name_date(build, page.name)
        if build.meta.get("published") is not False:  # a draft is not also scheduled
            schedule(build)
        self.derive_link(build)

    @staticmethod
    def _file_name_date(build: Builder, name: str) -> None:
        """Hugo's ``[frontmatter] date = [":filename", ...]``: a name starting with YYYY-MM-DD
        gives the date (first in the list: over the front matter's) and then, the rest, the slug."""
        date = normalise_date(name[:10], build.options.timezone) if len(name) > 10 else None
        if date is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", name[:10]):
            return
        first = build.options.filename_dates == "first"
        if first or "publishedDateTime" not in build.meta:
            build.extra["slug"] = name[10:].strip(" -_")  # only where the name gave the date
            build.missing.discard("publishedDateTime")
            build.problems[:] = [p for p in build.problems if p.pointer != "/date"]
            build.put("publishedDateTime", date, None, f'the file name "{name}"')

    def permalink(self, build: Builder) -> tuple[str, str] | None:
        page = _place(build)
        unrendered = not_rendered(build)
        if unrendered is not None:
            pointer, why = unrendered
            build.no_link(
                f"Hugo renders no page for it (its front matter's {why})",
                pointer=pointer,
                hint=f"remove it, or set {build.setting('/build/render', 'always')}, "
                "for a page of its own",
            )
            return None
        refused = _refused(build)
        if refused is not None:
            allowed = ", ".join(f'"^{t}$"' for t in dict.fromkeys((refused, "text/markdown")))
            build.no_link(
                f'Hugo stops its build on this file: its security.allowContent refuses "{refused}"',
                hint=f"allow it beside the site's other formats (security.allowContent = "
                f"[{allowed}]), or move the file out of the content",
            )
            return None
        pattern = ignored_file(build.record.path, page, build.options.ignore_files)
        if pattern is not None:
            build.no_link(
                f'Hugo skips this file, which the site\'s ignoreFiles pattern "{pattern}" matches',
                hint="remove the pattern from ignoreFiles for a page of its own",
            )
            return None
        bundle = leaf_bundle(build.record.path, page, _languages(build.options))
        if bundle is not None:
            # index.ja.md on a site without Japanese: meant as the bundle's translation
            base, suffix = split_language(page.name)
            hint = (
                f'add "{suffix}" to the site\'s [languages] for a translation of the bundle, '
                "or move the file out of the bundle's folder"
                if base == "index" and suffix
                else "move it out of the bundle's folder, or make it the bundle's index.md"
            )
            build.no_link(
                f"Hugo publishes no page for this file, a resource of the page bundle {bundle}",
                hint=hint,
            )
            return None
        found = build.find("url")
        if found is not None and isinstance(found[1], str):
            return own_url(found[1], page.language, build), "the front matter's url"
        section = page.sections[0] if page.sections else ""
        options = build.options
        pattern = section_pattern(options, section) or options.permalink or DEFAULT_PERMALINK
        lower, accents = options.path_lower, options.path_accents
        # A slug is Hugo's with its hyphens trimmed; an empty one is none, a slug that
        # sanitises to nothing is an empty segment, as is a title so or none at all.
        own = build.find("slug")
        raw = own[1].strip("-") if own is not None and isinstance(own[1], str) else ""
        raw = raw or build.extra.get("slug", "")
        default = pattern == DEFAULT_PERMALINK  # Hugo's own path: sanitised, not urlized
        ugly = options.ugly_urls
        ugly = ugly.get(section, False) if isinstance(ugly, Mapping) else ugly
        if default:  # sanitised with the .html of uglyURLs: "a\u3000" is a-.html
            tail = ".html" if ugly else ""
            slug = (
                hugo_sanitize(raw + tail, lower=lower, accents=accents).removesuffix(tail)
                if raw
                else None
            )
            base = hugo_file_slug(page.name + tail, lower=lower, accents=accents)
            base = base.removesuffix(tail)
        else:
            slug = hugo_urlize(raw, lower=lower, accents=accents) if raw else None
            base = hugo_urlize(page.name, lower=lower, accents=accents)
        title = build.meta.get("title")
        titled = (
            hugo_urlize(title, lower=lower, title=True, accents=accents)
            if isinstance(title, str)
            else ""
        )

        def folder(name: str) -> str:
            """A folder's segment: named as a file is, then urlized in a pattern."""
            named = hugo_file_slug(name, lower=lower, accents=accents)
            return named if default else hugo_urlize(named, lower=lower, accents=accents)

        folders = (
            page.sections
            if default  # Hugo's own paths keep every folder
            else current_section(build.record.path, page)
        )
        values = {
            "section": folder(section) if section else "",
            "sections": "/".join(folder(name) for name in folders),
            "slug": _first(slug, titled),
            "slugorfilename": _first(slug, base),
            "slugorcontentbasename": _first(slug, base),
            "filename": base,
            "contentbasename": base,
            "title": titled,
        }
        if not self.add_date_tokens(build, pattern, values):
            return None
        path = expand(pattern, values)
        if not default:  # cleaned, then .html (uglyURLs) added, then sanitised
            path = hugo_path(path, lower=lower, accents=accents, suffix=".html" if ugly else "")
        elif lower:
            path = path.lower()
        if ugly and not path.endswith(".html"):  # uglyURLs: /posts/my-post.html
            nameless = default and not values["slugorcontentbasename"]  # "!.md" is /.html
            path = path.rstrip("/") + ("/.html" if nameless else ".html")
        elif not ugly and not path.endswith("/"):
            path += "/"  # a pretty URL is a folder, whether the pattern ends in / or not
        return language_prefix(path, page.language, build), f"the permalink {pattern}"


def ignored_file(path: str, page: PagePath, patterns: tuple[str, ...]) -> str | None:
    """The site's ``ignoreFiles`` expression that Hugo finds in the file's absolute path, or
    in that of a folder it is in below the content folder (Hugo skips the folder and all in
    it; the content folder itself it never skips)."""
    if not patterns:
        return None
    file = Path(path).absolute()
    depth = len(page.sections) + (1 if page.bundle else 0)
    candidates = [file.as_posix(), *(p.as_posix() for p in file.parents[:depth])]
    return next(
        (pattern for pattern in patterns if any(re.search(pattern, c) for c in candidates)), None
    )


def _page(path: str, options: ProfileOptions) -> PagePath:
    """The page's place, below its language's ``contentDir`` (``content/de``) where
    ``[languages.xx]`` sets one, or below a folder mounted as content (Docsy's
    ``content/en`` mounted on ``content``): the folders below it are the sections, and it is
    in that language (the mount's ``lang``) unless its file name says another. The file's
    path below the site's folder places it, where the site is known and holds it, whichever
    folder the walk started in (``a.md`` walked in ``content/posts`` is ``posts/a``)."""
    placed = in_site(path, options.site_root, "hugo")
    parts = PurePosixPath(placed or path).parts
    known = _languages(options)
    roots = [
        (str(settings.get("content_dir", "")), "content", code)
        for code, settings in options.languages.items()
    ]
    roots += list(options.content_mounts)
    roots.sort(key=lambda root: -len(PurePosixPath(root[0]).parts))  # the deepest first
    for source, target, code in roots:
        folder = PurePosixPath(source).parts
        if not folder or folder == ("content",):
            continue
        starts = (0,) if placed is not None else range(len(parts) - len(folder), -1, -1)
        for start in starts:
            if parts[start : start + len(folder)] == folder:
                below = "/".join((target, *parts[start + len(folder) :]))
                page = page_path(below, languages=known, placed=True)
                return replace(page, language=page.language or code or None)
    return page_path(placed or path, languages=known, placed=placed is not None)


def _refused(build: Builder) -> str | None:
    """The page's media type where Hugo's ``security.allowContent`` refuses it (by default
    HTML: hugo 0.168 stopped its build on ``content/h.html``, "text/html is not whitelisted
    in policy security.allowContent"), as a walk from the site's root passes it over; read
    on its own, or in a walk of the content, the page says so."""
    from convert.profiles.site_walks import refused_format

    return refused_format(build.record.path, build.options)


def _languages(options: ProfileOptions) -> frozenset[str] | None:
    """The site's languages, where its configuration was read: those of ``[languages]`` and
    the default (``en`` unless ``defaultContentLanguage`` says another). Hugo takes a file-name
    suffix for a language only when it names one of them, whatever its letter case
    (``index.pt-BR.md`` is ``pt-br``'s); without the configuration any suffix may be one."""
    if options.site_root is None:
        return None
    return frozenset({*options.languages, (options.default_language or "en").lower()})


def _locale(build: Builder, language: str) -> None:
    """The page's locale from its language: the language's key, as Hugo names it; where the
    key is no language tag (a demo site's ``l2``), the tag the site gives that language
    (``languageCode`` or ``locale``), else none (not the default language's)."""
    if _TAG.fullmatch(language):
        build.put("locale", language, None, "the file name")
        return
    settings = build.options.languages.get(language.lower(), {})
    code = settings.get("language_code")
    if isinstance(code, str) and _TAG.fullmatch(code):
        build.put("locale", code, None, f'the languageCode of the site\'s language "{language}"')
    else:
        build.missing.add("locale")


def _site_locale(build: Builder) -> None:
    """A page in the default language, naming none of its own, is in the site's locale, as
    Hugo's RSS says (hugo 0.168: ``<language>`` was the ``locale``, else ``languageCode``,
    written as such, ``en-US``, else ``defaultContentLanguage``, else ``en``); a POSIX
    locale's codeset is no part of it (``en_US.UTF-8`` is ``en_US``). Without the site's
    configuration the default language is not known, and the page has no locale."""
    options = build.options
    own = options.languages.get((options.default_language or "en").lower(), {})
    code = posix_language(own.get("language_code"))
    if code is not None:
        build.put("locale", code, None, "the site's locale (languageCode)")
    elif options.default_language is None and options.site_root is not None:
        build.put("locale", "en", None, "Hugo's default language (the site sets none)")


def _first(*values: str | None) -> str:
    """The first value that is set (an empty segment is set)."""
    return next((value for value in values if value is not None), "")


def _place(build: Builder) -> PagePath:
    """The page's place as :meth:`HugoProfile.builder` worked it out (else worked out now)."""
    return build.page or _page(build.record.path, build.options)
