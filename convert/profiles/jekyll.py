"""Jekyll: ``date: 2026-07-16 05:08:11 +0000`` or the file name's date, permalink styles."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

from convert.diagnostics import Severity
from convert.pointer import split_pointer
from convert.profiles.base import Origin, ProfileOptions
from convert.profiles.builder import DEFAULTS, Builder
from convert.profiles.common import SiteProfile, stem_of
from convert.profiles.dates import (
    build_instant,
    file_name_date,
    in_zone,
    instant_of,
    normalise_date,
)
from convert.profiles.defaults import collections_folder, defaults_for
from convert.profiles.jekyll_dates import ruby_date
from convert.profiles.site_jekyll import posix_language
from convert.profiles.urls import (
    JEKYLL_STYLES,
    date_tokens,
    expand,
    jekyll_slug,
    jekyll_title_slug,
    titleize,
)
from convert.record import Record

_YAML_TIME = re.compile(r"-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?")
"""A YAML timestamp without an offset, as Ruby's YAML reader resolves an unquoted value."""
_POST_NAME = re.compile(r"\d{2,4}-\d{1,2}-\d{1,2}(?:-.*)?\.[^.]+", re.DOTALL)
"""The names Jekyll reads posts from in ``_posts``: the date, a hyphen, the slug and an
extension (a date without a slug too, ``2019-05-05.md``, as newer Jekyll reads it)."""


_DATED_DOCUMENT = re.compile(r"(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)\.[^.]+", re.DOTALL)
"""The names Jekyll dates a collection's document by: the date, a hyphen, the slug and an
extension (``2020-01-01.md``, without a slug, is undated there)."""
_TOKEN = re.compile(r":([a-z_]+)")
_DATE_TOKENS = frozenset(
    {
        *("year", "month", "day", "hour", "minute", "second", "i_day", "i_month"),
        *("short_year", "y_day", "short_month", "long_month", "short_day", "long_day"),
        *("week", "w_year", "w_day"),
    }
)
"""Jekyll's placeholders of a document's date."""


def _link_values(build: Builder, collection: str) -> dict[str, str]:
    """The permalink placeholders a post and another collection's document share: its slug
    (the front matter's, else the file name's) as Jekyll slugs it, its categories and its
    collection's name."""
    own = build.find("slug")
    slug = own[1] if own is not None and isinstance(own[1], str) else build.extra["slug"]
    categories = build.meta.get("categories", [])
    return {
        "title": jekyll_title_slug(slug),
        "slug": jekyll_slug(slug),
        "name": jekyll_slug(stem_of(build.record)),
        "output_ext": ".html",
        "categories": "/".join(dict.fromkeys(c.lower() for c in categories)),
        "slugified_categories": "/".join(dict.fromkeys(jekyll_slug(c) for c in categories)),
        "collection": collection,
    }


def _collection_of(path: str, options: ProfileOptions) -> tuple[str, str] | None:
    """``(label, path below collections_dir)`` of a file in one of the site's collections
    other than posts (``_news/sub/x.md``, below the site's ``collections_dir``); ``None``
    for any other file."""
    folder = collections_folder(options.collections_dir)
    if folder:
        if not path.startswith(folder + "/"):
            return None
        path = path[len(folder) + 1 :]
    first, slash, _ = path.partition("/")
    if slash and first.startswith("_") and first[1:] in options.collections:
        return first[1:], path
    return None


class JekyllProfile(SiteProfile):
    """Jekyll posts: dates and slugs from YYYY-MM-DD-title.md, permalink styles, _drafts."""

    name: ClassVar[str] = "jekyll"
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
    SPLIT_KEYS: ClassVar[frozenset[str]] = frozenset({"categories", "tags"})
    FIRST_KEY_ONLY: ClassVar[frozenset[str]] = frozenset({"topics"})
    EXCERPT_SEPARATOR: ClassVar[str] = "\n\n"
    DOCUMENT_END_CLOSES: ClassVar[bool] = True

    @staticmethod
    def read_date(value: object, zone: str | None) -> str | None:
        """A date as Jekyll reads it: Ruby's ``Time.parse`` takes ``2016-01-11 00:10:00 PST``."""
        return ruby_date(value, zone)

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        """The post's front matter as Jekyll sees it: the values of the site's ``defaults``
        that apply to it, under its own. A document of another of the site's collections
        gets the sets scoped to its collection's type, and is marked as such."""
        defaults = None
        found = None
        if options.defaults or options.collections:
            path = _site_path(record.path, options)
            found = _collection_of(path, options) if options.collections else None
            sets = options.collection_defaults.get(found[0], ()) if found else options.defaults
            if sets:
                defaults = defaults_for(sets, path, options.collections_dir)
        build = Builder(record, options, fold=self.FOLD_KEYS, defaults=defaults)
        if found is not None:
            build.extra["collection"], build.extra["relative"] = found
        return build

    def derive(self, build: Builder) -> None:
        record = build.record
        self._yaml_times(build)
        if "collection" in build.extra:
            self._derive_document(build)
            return
        skipped = _skipped(record.path)
        if skipped is not None:
            self._not_a_post(build, *skipped)
            return
        if self._unreadable_categories(build):
            return
        folders = record.path.split("/")[:-1]
        if not record.has_front_matter and ("_posts" in folders or "_drafts" in folders):
            # jekyll 4.3.1 reads a post without front matter all the same (its title and
            # date from the file name): _posts/2020-01-02-x.md -> _site/2020/01/02/x.html;
            # elsewhere such a file is copied as it is
            build.moot.add("frontmatter/missing")
        name = record.path.rsplit("/", 1)[-1]
        date, written, rest = file_name_date(stem_of(record), build.options.timezone)
        if written is None:
            rest = stem_of(record)
        needed = "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing
        self._file_date(build, name, date, written)
        if needed and written is None and "_drafts" in record.path.split("/")[:-1]:
            modified = _modified(record.path, build.options.timezone)
            if modified is not None:
                how = "the file's modification time, a draft's date in Jekyll"
                build.put("publishedDateTime", modified, None, how)
        build.extra["slug"] = rest
        self._categories(build)
        if "title" not in build.meta and rest:
            build.put("title", titleize(rest), None, f'the file name "{name}"')
        if "published" not in build.meta and "_drafts" in record.path.split("/"):
            build.put("published", False, None, "the _drafts folder")
        _nil_published(build)
        _schedule(build)
        self._locale(build)
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
        special = next((p for p in (below[0], name) if p.startswith(_PASSED_OVER)), None)
        if special is not None or name.endswith("~"):
            if special is None:
                why, hint = "its name ends with ~, a backup's", "rename it to publish it"
            else:
                why, hint = _passed_over(special, name)
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
        if self._unreadable_categories(build):
            # Jekyll publishes it untitled, dated the day it builds: one finding for that.
            wanted = ("publishedDateTime", "title")
            build.missing.update(target for target in wanted if target not in build.meta)
            return
        dated = _DATED_DOCUMENT.fullmatch(name)
        if dated is not None:
            date, written, _ = file_name_date(dated.group(1), build.options.timezone)
            slug = dated.group(2)
            self._file_date(build, name, date, written)
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
        self._categories(build)
        if "title" not in build.meta and slug:
            build.put("title", titleize(slug), None, f'the file name "{name}"')
        _nil_published(build)
        self._locale(build)
        output, _ = build.options.collections[label]
        if output or "webUrl" in build.meta:
            _schedule(build)
            self.derive_link(build)
            return
        build.no_link(
            f"Jekyll writes no page for the documents of the collection "
            f'"{label}", as its output is not true',
            hint=f"set output: true under collections.{label} in _config.yml to publish them",
        )

    @staticmethod
    def _file_date(build: Builder, name: str, date: str | None, written: str | None) -> None:
        """The date of the file's name where the front matter gives none (a finding where
        the name's date is no real day)."""
        needed = "publishedDateTime" not in build.meta and "publishedDateTime" not in build.missing
        if needed and date is not None:
            build.put("publishedDateTime", date, None, f'the file name "{name}"')
        elif needed and written is not None:
            build.missing.add("publishedDateTime")
            zero = int(written.split("-")[0]) == 0
            why = "has the year 0, which no feed date can carry" if zero else "is not a real day"
            build.report(
                "profile/bad-date",
                f'the date in the file name "{name}" {why}: {written}',
                hint="rename the file, or set date: in the front matter",
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
        self._categories(build)
        self._locale(build)

    @staticmethod
    def _unreadable_categories(build: Builder) -> bool:
        """Whether the post's ``categories`` is a number, a flag or a mapping: Jekyll cannot
        join it to the categories of the post's folders ("no implicit conversion of Integer
        into Array"), warns that it could not read the file and publishes the post without
        its front matter, dated the day it builds, at a link no one can tell beforehand."""
        value = build.record.meta.get("categories")
        if value is None or isinstance(value, str | list):
            return False
        kind = (
            "a flag"
            if isinstance(value, bool)
            else "a mapping"
            if isinstance(value, dict)
            else "a number"
        )
        build.no_link(
            f'Jekyll cannot read this front matter, as its "categories" '
            f"is {kind}, not text or a list; it publishes the post without its front matter, "
            "dated the day it builds",
            pointer="/categories",
            hint="quote it, or make it a list",
        )
        return True

    @staticmethod
    def _yaml_times(build: Builder) -> None:
        """Jekyll's YAML reader takes an unquoted date-time without an offset
        (``date: 2020-01-01 02:00:00``) as UTC, as YAML defines the timestamp, and shows it in
        the site's time zone; quoted, or without seconds, it is text, which Jekyll reads as the
        site's wall-clock time (as the profile reads every date)."""
        unquoted = getattr(build.record.source.locator, "unquoted", None)
        if unquoted is None:  # not YAML front matter
            return
        for target in ("publishedDateTime", "updatedDateTime"):
            origin = build.origins.get("/" + target)
            if origin is None or origin.pointer is None:  # not the post's own key
                continue
            keys = split_pointer(origin.pointer)
            value = build.record.meta.get(keys[0]) if len(keys) == 1 else None
            if isinstance(value, str) and _YAML_TIME.fullmatch(value) and unquoted(origin.pointer):
                build.meta[target] = normalise_date(value, None) or build.meta[target]

    @staticmethod
    def _locale(build: Builder) -> None:
        """A page's ``locale`` read as the site's is: ``ko_KR.utf8`` is ``ko_KR``, a POSIX
        locale's codeset or modifier being no part of its language. A value that names no
        language is left as written, for the schema to report at the page's key."""
        locale = build.meta.get("locale")
        language = posix_language(locale) if isinstance(locale, str) else None
        if language is not None:
            build.meta["locale"] = language

    @staticmethod
    def _categories(build: Builder) -> None:
        """Jekyll's categories: the folders between the site's root (or its
        ``collections_dir``) and ``_posts/``, then the ``categories`` of the site's defaults,
        then the post's own. A post's own list does not replace the defaults' one (Jekyll
        joins the two), so the defaults' are put back in front of it."""
        above: tuple[str, ...] = ()
        root = build.options.site_root
        if root is not None and "_posts" in build.record.path.split("/"):
            try:
                folders = Path(build.record.path).resolve().relative_to(Path(root).resolve())
            except (OSError, ValueError):  # not below the site's folder
                folders = None
            if folders is not None and "_posts" in folders.parts:
                above = _below(folders.parts, _collections_folder(build.options))
                above = above[: above.index("_posts")] if "_posts" in above else ()
        # The post's own key, even an empty list, replaces the defaults' in the merged front
        # matter; a null one keeps them there.
        own = build.record.meta.get("categories") is not None
        inherited = build.defaults.get("categories") if own else None
        if isinstance(inherited, str):
            inherited = inherited.split()  # Jekyll splits a string of categories at spaces
        inherited = [str(c) for c in inherited] if isinstance(inherited, list) else []
        if not above and not inherited:
            return
        given = list(build.meta.get("categories", []))
        written = [build.origins.pop(f"/categories/{i}") for i in range(len(given))]
        folder = Origin(None, "the folder above _posts")
        default = Origin(None, DEFAULTS)
        merged: list[str] = []
        pairs = [
            *((name, folder) for name in above),
            *((name, default) for name in inherited),
            *zip(given, written, strict=True),
        ]
        for name, origin in pairs:
            if name not in merged:
                build.origins[f"/categories/{len(merged)}"] = origin
                merged.append(name)
        build.meta["categories"] = merged
        build.origins.setdefault("/categories", Origin(None, "several keys"))

    @classmethod
    def add_date_tokens(cls, build: Builder, pattern: str, values: dict[str, str]) -> bool:
        """The date tokens of the post's date in the site's time zone (``timezone``, else UTC,
        as GitHub Pages builds): Jekyll moves every date there before it makes the permalink,
        so ``2020-01-01 02:00:00 +0100`` is at ``/2019/12/31/`` on a New York site."""
        date = build.meta.get("publishedDateTime")
        if not isinstance(date, str):
            return super().add_date_tokens(build, pattern, values)
        local = in_zone(date, build.options.timezone)
        values.update(date_tokens(local))
        # Jekyll's :w_year and :w_day: the ISO week's year and day of the week (Monday is 1).
        year, _, day = datetime.fromisoformat(local[:10]).isocalendar()
        values.update(w_year=f"{year:04d}", w_day=str(day))
        return True

    def _document_link(self, build: Builder, label: str) -> tuple[str, str] | None:
        """A collection document's path: its front matter's ``permalink`` (or the defaults'
        for its collection) as written, else the collection's, with Jekyll's placeholders of
        a document filled in. Jekyll dates a document without a date the moment it builds,
        so a pattern with a date token gives no link for one."""
        found = build.find("permalink")
        written = found[1].strip() if found is not None and isinstance(found[1], str) else ""
        pattern = written or build.options.collections[label][1]
        relative = build.extra["relative"]
        cleaned = relative.rpartition(".")[0] if "." in relative.rpartition("/")[2] else relative
        values = _link_values(build, label)
        values["path"] = cleaned.replace(f"_{label}", "", 1).rstrip(".")
        if isinstance(build.meta.get("publishedDateTime"), str):
            self.add_date_tokens(build, pattern, values)
        elif any(token.rstrip("_") in _DATE_TOKENS for token in _TOKEN.findall(pattern)):
            self.undated_link(build, pattern)  # reported with the missing date
            return None
        path = expand(pattern, values).replace("..", "/").replace("./", "")
        return re.sub("/{2,}", "/", path), f"the permalink {pattern}"

    def permalink(self, build: Builder) -> tuple[str, str] | None:
        """The post's path: its front matter's ``permalink`` (or the defaults') as written,
        with its tokens filled in, as Jekyll takes a post's own permalink as the URL (a
        named style such as ``pretty`` there is the path ``/pretty``); else the site's
        pattern, where Jekyll expands a named style."""
        label = build.extra.get("collection")
        if label is not None:
            return self._document_link(build, label)
        found = build.find("permalink")
        written = found[1].strip() if found is not None and isinstance(found[1], str) else ""
        style = (build.options.permalink or "date").strip()
        pattern = written or JEKYLL_STYLES.get(style, style)
        values = _link_values(build, "posts")
        if ":path" in pattern:
            values["path"] = _cleaned_path(build.record.path, build.options)
        if not self.add_date_tokens(build, pattern, values):
            return None
        path = expand(pattern, values)
        if not values["title"]:  # 2019-05-05.md: no slug, so no empty last segment either
            path = path.replace("/.html", ".html").replace("//", "/")
        return path, f"the permalink {pattern}"


def _nil_published(build: Builder) -> None:
    """Jekyll publishes a post or document whose ``published`` is true or absent: an empty
    one is nil, and it is not published."""
    if "published" not in build.meta and build.front.get("published", True) is None:
        why = "an empty published, which Jekyll reads as nil"
        build.put("published", False, "/published", why)


def _schedule(build: Builder) -> None:
    """What the site's settings and the build's time make of the post: ``show_drafts``
    publishes drafts and ``unpublished`` posts with ``published: false``; a post (or another
    collection's document) dated after the build is skipped unless ``future``, as Jekyll 4
    does ("Skipping: _posts/... has a future date"; jekyll 4.3.1 wrote no
    _site/2999/01/01/x.html for _posts/2999-01-01-x.md)."""
    builds = build.options.builds
    origin = build.origins.get("/published")
    if build.meta.get("published") is False and origin is not None:
        drafted = origin.derived == "the _drafts folder"
        if "drafts" in builds if drafted else "unpublished" in builds:
            setting = "show_drafts" if drafted else "unpublished"
            build.put("published", True, None, f"the site's {setting}")
    date = build.meta.get("publishedDateTime")
    if build.meta.get("published") is False or "future" in builds or not isinstance(date, str):
        return
    instant = instant_of(date)
    if instant is None or instant <= build_instant(build.options):
        return
    dated = build.origins.get("/publishedDateTime")
    pointer = dated.pointer if dated is not None and dated.pointer else ""
    build.off_schedule(
        "profile/scheduled",
        f"scheduled: Jekyll publishes this post on {date}, when the site is rebuilt after "
        "that; until then it skips it as one with a future date",
        pointer=pointer,
        hint="set future: true in _config.yml to publish it now",
        severity=Severity.INFO,
    )


def _modified(path: str, zone: str | None) -> str | None:
    """The file's modification time in the site's time zone (whole seconds), with which
    ``jekyll build --drafts`` dates a draft that has no date; ``None`` for no file."""
    try:
        stamp = int(Path(path).stat().st_mtime)
    except (OSError, ValueError):
        return None
    return in_zone(datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), zone)


def _cleaned_path(name: str, options: ProfileOptions) -> str:
    """Jekyll's ``:path`` of a post: its path below the site without its extension, the
    posts' folder (``_posts``, below ``collections_dir``) taken out of it where it first
    appears (``blog/_posts/2021-01-03-a.md`` is ``blog//2021-01-03-a``)."""
    path = _site_path(name, options)
    folder, _, file = path.rpartition("/")
    stem = file.rpartition(".")[0] if "." in file.lstrip(".") else file
    path = f"{folder}/{stem}" if folder else stem
    posts = "/".join((*_collections_folder(options), "_posts"))
    return path.replace(posts, "", 1).rstrip(".")


def _site_path(name: str, options: ProfileOptions) -> str:
    """The post's path below the site's folder (``_posts/2019/2019-05-01-x.md``), as Jekyll
    matches ``defaults`` scopes against it; without the site's folder, from ``_posts`` (or
    ``_drafts``) on."""
    path = Path(name)
    root = options.site_root
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except (OSError, ValueError):  # not below the site's folder
            pass
    parts = path.parts
    for folder in ("_posts", "_drafts"):
        if folder in parts:
            return "/".join(parts[parts.index(folder) :])
    return path.name


def _skipped(path: str) -> tuple[str, str, str] | None:
    """``(kind, why, hint)`` where Jekyll reads no post (or draft) from the file at ``path``
    in ``_posts`` (or ``_drafts``): a name below that folder starting with ``_ # ~ .``, which
    Jekyll passes over everywhere, or a post's file name that does not start with its date."""
    parts = path.split("/")
    for folder, kind in (("_posts", "post"), ("_drafts", "draft")):
        if folder not in parts[:-1]:
            continue
        below = parts[len(parts) - parts[::-1].index(folder) :]
        special = next((part for part in below if part.startswith(_PASSED_OVER)), None)
        if special is not None:
            return kind, *_passed_over(special, below[-1])
        if kind == "post" and not _POST_NAME.fullmatch(below[-1]):
            why = "a post's file name is its date, a hyphen and its slug (YYYY-MM-DD-title.md)"
            return kind, why, "rename it to start with its date, or move it out of _posts"
        return None
    return None


_PASSED_OVER = ("_", "#", "~", ".")
"""What the names Jekyll passes over below a collection's folder start with."""


def _passed_over(special: str, name: str) -> tuple[str, str]:
    """``(why, hint)`` for a file Jekyll reads nothing from because ``special``, the file's
    ``name`` or a folder above it, starts with one of _PASSED_OVER."""
    named = "its name" if special == name else f'its folder "{special}"'
    why = f"{named} starts with {special[0]}, and Jekyll passes over such names"
    return why, f"remove the {special[0]} in front of the name to publish it"


def _collections_folder(options: ProfileOptions) -> tuple[str, ...]:
    """The site's ``collections_dir`` as folders (none when it is the site's own)."""
    folder = collections_folder(options.collections_dir)
    return tuple(folder.split("/")) if folder else ()


def _below(parts: tuple[str, ...], folder: tuple[str, ...]) -> tuple[str, ...]:
    """A path's folders below the site's collections ``folder`` (Jekyll names a post's
    place from there, so the folder itself is no category); as they are when it is
    elsewhere."""
    return parts[len(folder) :] if folder and parts[: len(folder)] == folder else parts
