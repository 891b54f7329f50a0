"""Jekyll: ``date: 2026-07-16 05:08:11 +0000`` or the file name's date, permalink styles."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from convert.profiles.base import ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.common import SiteProfile, stem_of
from convert.profiles.dates import build_instant, file_name_date, site_zone
from convert.profiles.defaults import defaults_for
from convert.profiles.jekyll_dates import ruby_date
from convert.profiles.jekyll_fields import (
    categories,
    file_date,
    nil_published,
    read_locale,
    schedule,
    unreadable_categories,
    yaml_times,
)
from convert.profiles.jekyll_files import (
    DATED_DOCUMENT,
    PASSED_OVER,
    collection_of,
    modified_time,
    passed_over,
    site_path,
    why_skipped,
)
from convert.profiles.jekyll_permalinks import add_date_tokens, document_link, post_link
from convert.profiles.texts import psych_number, ruby_text
from convert.profiles.urls import titleize
from convert.record import FrontMatterKind, Record

if TYPE_CHECKING:
    from convert.profiles.site_walks import JekyllContent


class JekyllProfile(SiteProfile):
    """Jekyll posts: dates and slugs from YYYY-MM-DD-title.md, permalink styles, _drafts."""

    name: ClassVar[str] = "jekyll"
    # jekyll 4.3.1 on _posts/2020-01-02-hello.md.gz: "Error: could not read file ...: invalid
    # byte sequence in UTF-8", and no _site at all
    COMPRESSED: ClassVar[str] = (
        "Jekyll cannot read a compressed file: its build stops on it (invalid byte sequence in "
        "UTF-8)"
    )
    SOURCES: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "title": ("title",),
        "excerpt": ("excerpt", "description", "summary"),
        "publishedDateTime": ("date",),
        "updatedDateTime": ("last_modified_at", "updated", "modified"),
        "webUrl": ("canonical_url", "webUrl"),
        "published": ("published",),
        "provider": ("author", "authors"),
        "topics": ("tag", "tags"),
        "categories": ("categories", "category"),
        "locale": ("lang", "locale"),
        "images": ("image", "images", "/header/og_image", "/header/image", "/header/teaser"),
    }
    DERIVED: ClassVar[Mapping[str, str]] = {
        "title": "the file name (2024-01-31-my-post.md -> My Post)",
        "excerpt": "the body's first paragraph (or up to excerpt_separator)",
        "publishedDateTime": "the file name's date (YYYY-MM-DD-title.md)",
        "webUrl": "--base-url and the permalink (front matter permalink, else --permalink, "
        "else the site's defaults for the post's folder, else collections.posts.permalink, "
        "else the site's permalink, else the date style "
        "/:categories/:year/:month/:day/:title:output_ext); a document of another "
        "collection: its permalink, else its collection's, else /:collection/:path",
        "published": "false for files in _drafts/ (unless show_drafts) and for a post dated "
        "after the build (unless future)",
    }
    # Jekyll splits the plural keys' text at spaces and keeps a singular one whole
    # ("category: Web Development" is one); a post's tags are its "tag" when it has one, else
    # its "tags", while its categories are those of both keys.
    ALSO: ClassVar[frozenset[str]] = frozenset({"published"})
    SPLIT_KEYS: ClassVar[frozenset[str]] = frozenset({"categories", "tags"})
    FIRST_KEY_ONLY: ClassVar[frozenset[str]] = frozenset({"topics"})
    EXCERPT_SEPARATOR: ClassVar[str] = "\n\n"
    DOCUMENT_END_CLOSES: ClassVar[bool] = True
    # Jekyll's front matter documentation, and the keys of the plugins GitHub Pages runs
    # (jekyll-seo-tag, jekyll-feed, jekyll-redirect-from, jekyll-sitemap).
    FRONT_MATTER_KEYS: ClassVar[frozenset[str]] = frozenset(
        {
            "layout", "permalink", "published", "date", "category", "categories", "tags",
            "excerpt_separator", "render_with_liquid", "title", "excerpt", "description",
            "image", "author", "lang", "last_modified_at", "redirect_from", "redirect_to",
            "sitemap", "canonical_url", "seo",
        }
    )  # fmt: skip
    NULL_IS_EMPTY: ClassVar[bool] = True  # jekyll 4.3.1 merges front matter only when not nil

    @staticmethod
    def read_date(value: object, zone: str | None) -> str | None:
        """A date as Jekyll reads it: Ruby's ``Time.parse`` takes ``2016-01-11 00:10:00 PST``."""
        return ruby_date(value, zone)

    def date_reader(self, options: ProfileOptions) -> Callable[[object, str | None], str | None]:
        """Ruby's ``Time.parse`` completes a date without a year (``Mar 12``) with the year
        of the moment it runs, in the site's time zone (Jekyll sets ``TZ`` to it)."""
        year = build_instant(options).astimezone(site_zone(options.timezone)).year
        return partial(ruby_date, year=year)

    def shown_text(
        self, value: object, written: str | None, kind: FrontMatterKind | None
    ) -> str | None:
        return ruby_text(value, written)

    def number_read(self, written: str) -> int | float | None:
        return psych_number(written)

    def site_content(self, options: ProfileOptions) -> JekyllContent:
        """Posts, drafts where the site shows them, collection documents: not the site's
        layouts, includes, ``_site``, pages or static files."""
        from convert.profiles.site_walks import JekyllContent

        return JekyllContent(options)

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        """The post's front matter as Jekyll sees it: the values of the site's ``defaults``
        that apply to it, under its own. A document of another of the site's collections
        gets the sets scoped to its collection's type, and is marked as such."""
        defaults = None
        found = None
        if options.defaults or options.collections:
            path = site_path(record.path, options)
            found = collection_of(path, options) if options.collections else None
            sets = options.collection_defaults.get(found[0], ()) if found else options.defaults
            if sets:
                defaults = defaults_for(sets, path, options.collections_dir)
        build = Builder(record, options, fold=self.FOLD_KEYS, defaults=defaults)
        if found is not None:
            build.extra["collection"], build.extra["relative"] = found
        return build

    def derive(self, build: Builder) -> None:
        record = build.record
        yaml_times(build)
        if "collection" in build.extra:
            self._derive_document(build)
            return
        place = site_path(record.path, build.options)  # where the walk started is no matter
        skipped = why_skipped(place)
        if skipped is not None:
            self._not_a_post(build, *skipped)
            return
        if unreadable_categories(build):
            return
        folders = place.split("/")[:-1]
        if not record.has_front_matter and ("_posts" in folders or "_drafts" in folders):
            # jekyll 4.3.1 reads a post without front matter all the same (its title and
            # date from the file name): _posts/2020-01-02-x.md -> _site/2020/01/02/x.html;
            # elsewhere such a file is copied as it is
            build.moot.add("frontmatter/missing")
        name = record.path.rsplit("/", 1)[-1]
        date, written, rest = file_name_date(stem_of(record), build.options.timezone, rollover=True)
        if written is None:
            rest = stem_of(record)
        needed = "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing
        file_date(build, name, date, written)
        if needed and written is None and "_drafts" in folders:
            modified = modified_time(record.path, build.options.timezone)
            if modified is not None:
                how = "the file's modification time, a draft's date in Jekyll"
                build.put("publishedDateTime", modified, None, how)
        build.extra["slug"] = rest
        categories(build)
        if "title" not in build.meta and rest:
            build.put("title", titleize(rest), None, f'the file name "{name}"')
        if "published" not in build.meta and "_drafts" in folders:
            build.put("published", False, None, "the _drafts folder")
        nil_published(build)
        schedule(build)
        read_locale(build)
        self.derive_link(build)

    def _derive_document(self, build: Builder) -> None:
        """A document of a collection other than posts, as Jekyll reads one: dated by its
        front matter or by a file name ``YYYY-MM-DD-slug.ext`` (the folders' names never
        count), titled after the file's slug, with no categories from its folders, at the
        collection's permalink, and with no page at all where the collection's ``output``
        is not true."""
        label, relative = build.extra["collection"], build.extra["relative"]
        below = relative.split("/")[1:]
        name = below[-1]
        # Jekyll passes over a name below the collection's folder, or a file's, starting
        # with one of these, and a backup file; a folder deeper down is read.
        special = next((p for p in (below[0], name) if p.startswith(PASSED_OVER)), None)
        if special is not None or name.endswith("~"):
            if special is None:
                why, hint = "its name ends with ~, a backup's", "rename it to publish it"
            else:
                why, hint = passed_over(special, name)
            self._not_a_post(build, "document", why, hint)
            return
        if not build.record.has_front_matter:
            # jekyll 4.3.1 copied _news/x.md without front matter to _site/news/x.md
            wanted = ("publishedDateTime", "title")
            build.missing.update(target for target in wanted if target not in build.meta)
            build.no_link(
                "Jekyll copies a collection's file without front matter as a static file, "
                "not a page",
                hint="add front matter (two --- lines will do) to make it a document",
            )
            return
        if unreadable_categories(build):
            # Jekyll publishes it untitled, dated the day it builds: one finding for that.
            wanted = ("publishedDateTime", "title")
            build.missing.update(target for target in wanted if target not in build.meta)
            return
        dated = DATED_DOCUMENT.fullmatch(name)
        if dated is not None:
            date, written, _ = file_name_date(dated.group(1), build.options.timezone, rollover=True)
            slug = dated.group(2)
            file_date(build, name, date, written)
        else:
            slug = name.rpartition(".")[0] if "." in name else name
        slug = slug.rstrip(".")
        build.extra["slug"] = slug
        if "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing:
            build.missing.add("publishedDateTime")
            build.report(
                "profile/missing",
                'cannot make "publishedDateTime": no "date" in the front matter, nor a file '
                "name starting with one (YYYY-MM-DD-title.md); Jekyll dates such a document "
                "the moment it builds",
                hint="set date: in the front matter, or start the file name with it",
            )
        categories(build)
        if "title" not in build.meta and slug:
            build.put("title", titleize(slug), None, f'the file name "{name}"')
        nil_published(build)
        read_locale(build)
        output, _ = build.options.collections[label]
        if output or "webUrl" in build.meta:
            schedule(build)
            self.derive_link(build)
            return
        build.no_link(
            f"Jekyll writes no page for the documents of the collection "
            f'"{label}", as its output is not true',
            hint=f"set output: true under collections.{label} in _config.yml to publish them",
        )

    def _not_a_post(self, build: Builder, kind: str, why: str, hint: str) -> None:
        """A file in ``_posts`` or ``_drafts`` Jekyll reads no post from (``notes.md``,
        ``_drafts/_template.md``): it publishes no page for it, which is the one finding,
        rather than a missing date, title and link."""
        name = build.record.path.rsplit("/", 1)[-1]
        wanted = ("webUrl", "publishedDateTime", "title")
        build.missing.update(target for target in wanted if target not in build.meta)
        build.report(
            "profile/missing",
            f'cannot make "webUrl": Jekyll reads no {kind} from "{name}": {why}',
            hint=hint,
        )
        if "published" not in build.meta and kind == "draft":
            build.put("published", False, None, "the _drafts folder")
        categories(build)
        read_locale(build)

    @classmethod
    def add_date_tokens(cls, build: Builder, pattern: str, values: dict[str, str]) -> bool:
        """The date tokens of the post's date in the site's time zone, as Jekyll fills them
        in (:func:`convert.profiles.jekyll_permalinks.add_date_tokens`)."""
        return add_date_tokens(build, pattern, values)

    def permalink(self, build: Builder) -> tuple[str, str] | None:
        """The post's path (:func:`~convert.profiles.jekyll_permalinks.post_link`), or another
        collection's document's (:func:`~convert.profiles.jekyll_permalinks.document_link`)."""
        label = build.extra.get("collection")
        if label is not None:
            return document_link(build, label)
        return post_link(build)
