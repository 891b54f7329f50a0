"""What a profile is, what it is given, and what it gives back.

A profile turns a site generator's front matter into an article record. The record it gives
back (:class:`MappedRecord`) keeps the user's own front matter beside the mapped one, and for
every mapped field the place it came from (:class:`Origin`), so that a finding about
``publishedDateTime`` can be reported at the user's ``date``, on the user's line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from convert.diagnostics import Diagnostic, Severity
from convert.record import BodyFormat, Position, Record, Source


@dataclass(frozen=True)
class ProfileOptions:
    """Site-wide settings a profile needs besides the file: picklable, for worker processes.

    ``fields`` is the user's own mapping (``[tool.artconv.fields]``): an article field and the
    front-matter keys (or JSON pointers) to take it from, first present wins.
    """

    name: str = "article"
    base_url: str | None = None
    permalink: str | None = None
    # Jekyll's defaults sets that may apply to posts: (scope path, typed, values) in the
    # file's order (convert.profiles.defaults); a permalink they give wins over ``permalink``.
    defaults: tuple[tuple[str, bool, Mapping[str, Any]], ...] = ()
    collections_dir: str = ""  # Jekyll's folder of collections: posts in <it>/_posts
    # Jekyll's collections other than posts: label -> (output, permalink pattern), and the
    # defaults sets that may apply to each one's documents (as ``defaults`` for posts)
    collections: Mapping[str, tuple[bool, str]] = field(default_factory=dict)
    collection_defaults: Mapping[str, tuple[tuple[str, bool, Mapping[str, Any]], ...]] = field(
        default_factory=dict
    )
    section_permalinks: Mapping[str, str] = field(default_factory=dict)
    timezone: str | None = None
    default_language: str | None = None
    excerpt_separator: str | None = None
    site_root: str | None = None  # the site's folder, when known: Jekyll's folder categories
    # Hugo's per-language settings: code -> base_url, section_permalinks, timezone, content_dir
    languages: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Hugo's folders mounted as content (module.mounts, contentDir): (source, target, lang)
    content_mounts: tuple[tuple[str, str, str], ...] = ()
    language_in_subdir: bool = False  # Hugo's defaultContentLanguageInSubdir
    path_lower: bool = True  # Hugo's paths are lower case unless disablePathToLower
    path_accents: bool = True  # Hugo's paths keep accents unless removePathAccents
    ugly_urls: bool | Mapping[str, bool] = False  # Hugo's uglyURLs, or per section
    slugify_paths: str = "on"  # Zola's slugify.paths
    keep_dates: bool = False  # Zola's slugify.paths_keep_dates
    ignored_content: tuple[str, ...] = ()  # Zola's globs of content files it skips
    ignore_files: tuple[str, ...] = ()  # Hugo's expressions of content files it skips
    # Hugo's security.allowContent, the content formats it builds pages of (None: Hugo's own,
    # which refuses HTML and Org)
    allow_content: tuple[str, ...] | None = None
    site_exclude: tuple[str, ...] = ()  # Jekyll's exclude, less its include
    # Zola's taxonomy names by language ("" the default's), where its configuration was read
    taxonomies: Mapping[str, tuple[str, ...]] | None = None
    # Hugo's [frontmatter] date list naming :filename: "first" in it, or after other keys
    filename_dates: str | None = None
    # Hugo's [frontmatter] date list: the keys the page's date is taken from, in that order
    date_keys: tuple[str, ...] = ()
    # Hugo's [frontmatter] publishDate and expiryDate lists, in the same way (empty: Hugo's
    # own); a "date" in them is the page's date, wherever that was taken from
    publish_keys: tuple[str, ...] = ()
    expiry_keys: tuple[str, ...] = ()
    # The instant the site is built at (RFC 3339): a page the generator publishes only from a
    # later date, or no longer after an earlier one, has no page then. None: the clock's time
    # when the page is mapped (a run sets it once, so that all its pages agree).
    build_time: str | None = None
    # What the site's settings have the generator publish besides: "drafts", "future",
    # "expired" (Hugo's buildDrafts, buildFuture, buildExpired; Jekyll's show_drafts and
    # future) and "unpublished" (Jekyll's unpublished: posts with published: false)
    builds: frozenset[str] = frozenset()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Origin:
    """Where a mapped value came from.

    ``pointer`` is a JSON pointer into the user's front matter, or ``None`` when the value was
    derived from something else; ``derived`` then says from what ("the file name", ...).
    """

    pointer: str | None
    derived: str = ""
    # What the generator's YAML reads the unquoted text at ``pointer`` as ("int", "float"),
    # where the loader's reads it as text (Hugo's ``0o17`` is 15): the schema's hint says so
    read_as: str | None = None


@dataclass(frozen=True)
class Mapped:
    """A profile's result for one record: the article metadata, its origins and findings."""

    meta: dict[str, Any]
    origins: dict[str, Origin]
    problems: list[Diagnostic]
    missing: frozenset[str] = frozenset()
    # Finding ids that do not apply as the generator reads the page (a Jekyll post needs no
    # front matter: "frontmatter/missing")
    moot: frozenset[str] = frozenset()


class MappedLocator:
    """Positions of mapped values, looked up where the user wrote them.

    A class rather than a closure, so that records can cross process boundaries (``--jobs``).
    """

    def __init__(self, record: Record, origins: Mapping[str, Origin]) -> None:
        self._inner = record.source.locator
        self._origins = origins

    def __call__(self, pointer: str, *, key: bool = False) -> Position | None:
        if self._inner is None:
            return None
        user = user_pointer(self._origins, pointer)
        return self._inner(user if user is not None else "", key=key)

    def written(self, pointer: str) -> str | None:
        """The text the user wrote for a mapped value (for YAML hints: ``quote it: "NO"``)."""
        return self._ask("written", pointer)

    def plain_kind(self, pointer: str) -> str | None:
        """What YAML read the user's unquoted value as, when not a string (the generator's
        reader where it reads a number the loader took as text)."""
        found = origin_of(self._origins, pointer)
        if found is not None and not found[1] and found[0].read_as is not None:
            return found[0].read_as
        return self._ask("plain_kind", pointer)

    def _ask(self, method: str, pointer: str) -> str | None:
        ask = getattr(self._inner, method, None)
        user = user_pointer(self._origins, pointer)
        if ask is None or user is None:
            return None
        answer = ask(user)
        return answer if isinstance(answer, str) else None


def origin_of(origins: Mapping[str, Origin], pointer: str) -> tuple[Origin, str] | None:
    """The origin of ``pointer`` or of its nearest mapped ancestor, with the rest of the path."""
    probe = pointer
    while True:
        found = origins.get(probe)
        if found is not None:
            return found, pointer[len(probe) :]
        if not probe:
            return None
        probe = probe.rsplit("/", 1)[0]


def user_pointer(origins: Mapping[str, Origin], pointer: str) -> str | None:
    """The pointer in the user's front matter for an article pointer, if it came from there."""
    found = origin_of(origins, pointer)
    if found is None or found[0].pointer is None:
        return None
    return found[0].pointer + found[1]


class MappedRecord(Record):
    """An article record made by a profile from a site's front matter.

    ``original`` is the front matter exactly as written (JSON output keeps it beside ``meta``);
    ``origins`` maps article pointers to where their values came from; ``missing`` names the
    required fields the profile could not derive (it has reported each already); ``moot``
    the finding ids that do not apply to the page as the generator reads it; ``links`` the
    addresses the body's links to other pages of the site stand for, by the reference as
    written (:mod:`convert.profiles.internal_links`), for rendering the body as the site does.
    """

    __slots__ = ("links", "missing", "moot", "original", "origins", "profile")
    original: Mapping[str, Any]
    origins: Mapping[str, Origin]
    profile: str
    missing: frozenset[str]
    moot: frozenset[str]
    links: Mapping[str, str]

    def __init__(
        self,
        meta: Mapping[str, Any],
        body: str,
        source: Source,
        body_format: BodyFormat = "text",
        problems: tuple[Diagnostic, ...] = (),
        intact: bool = True,
        original: Mapping[str, Any] | None = None,
        origins: Mapping[str, Origin] | None = None,
        profile: str = "article",
        missing: frozenset[str] = frozenset(),
        moot: frozenset[str] = frozenset(),
        links: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(meta, body, source, body_format, problems, intact)
        put = object.__setattr__
        put(self, "original", {} if original is None else original)
        put(self, "origins", {} if origins is None else origins)
        put(self, "profile", profile)
        put(self, "missing", missing)
        put(self, "moot", moot)
        put(self, "links", {} if links is None else links)

    @property
    def site_page(self) -> bool:
        return self.profile != "article"


@dataclass(frozen=True)
class FieldDoc:
    """One line of ``artconv profile show``: an article field and where a profile takes it."""

    target: str
    sources: str


@runtime_checkable
class Profile(Protocol):
    """A site generator's conventions. The class docstring's first line is its summary."""

    name: ClassVar[str]

    def describe(self, options: ProfileOptions) -> Iterator[FieldDoc]: ...

    def map(self, record: Record, options: ProfileOptions) -> Mapped: ...


def finding(
    record: Record,
    rule: str,
    message: str,
    *,
    pointer: str = "",
    hint: str = "",
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    """A profile finding, placed at ``pointer`` in the user's front matter."""
    position = record.source.locate(pointer)
    line, column = position if position is not None else (1, 1)
    if not record.has_front_matter:
        line, column = 1, 1
    return Diagnostic(record.path, line, column, rule, severity, message, pointer, hint)
