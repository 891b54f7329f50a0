"""The mapping all site profiles share: take each article field from the first front-matter
key that has it, convert it, and remember where it came from.

A generator's profile declares its keys (``SOURCES``) and fills in what only it knows: dates
and slugs in file names, permalinks, drafts. The user's ``[tool.artconv.fields]`` replaces the
keys of any field.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

from convert.diagnostics import FindingKind, Severity
from convert.pointer import escape_token, split_pointer
from convert.profiles.base import FieldDoc, Mapped, Origin, ProfileOptions, finding
from convert.profiles.dates import normalise_date
from convert.profiles.defaults import merge
from convert.profiles.excerpts import excerpt_of
from convert.profiles.flags import flag
from convert.profiles.images import map_images
from convert.profiles.paths import PagePath
from convert.profiles.urls import date_tokens, join_url
from convert.record import Record

FINDINGS = (
    FindingKind(
        "profile/missing",
        Severity.ERROR,
        "A site profile cannot make a required field (title, date or link) of a page.",
    ),
    FindingKind(
        "profile/bad-date",
        Severity.ERROR,
        "A date in the front matter or the file name is not a date a profile can read.",
    ),
    FindingKind(
        "profile/scheduled",
        Severity.INFO,
        "The generator publishes the page only from a date after the build's: until the site "
        "is rebuilt then, it has no page.",
    ),
    FindingKind(
        "profile/expired",
        Severity.WARNING,
        "The page's expiry date has passed at the build's time: the generator no longer "
        "publishes it.",
    ),
)

DATE_FIELDS = ("publishedDateTime", "updatedDateTime")
LIST_FIELDS = ("topics", "categories")
REQUIRED = ("title", "publishedDateTime", "webUrl")
DEFAULTS = "the site's defaults"
DATE_HINT = "write it as YYYY-MM-DD HH:MM:SS +ZZZZ or RFC 3339, e.g. 2024-05-01T09:30:00+02:00"


def lookup(meta: Mapping[str, Any], key: str, *, fold: bool = False) -> tuple[str, Any] | None:
    """``(pointer, value)`` of a key (or a JSON pointer) in the front matter, if present.

    With ``fold`` a key matches whatever its letter case (``Title`` for ``title``), as Hugo
    reads front matter; an exact match still wins, and the pointer names the key as written.
    """
    if key.startswith("/"):
        value: Any = meta
        tokens: list[str] = []
        for part in split_pointer(key):
            if isinstance(value, dict) and (name := _key(value, part, fold)) is not None:
                value = value[name]
                tokens.append(escape_token(name))
            elif isinstance(value, list) and _is_index(part) and int(part) < len(value):
                value = value[int(part)]
                tokens.append(part)
            else:
                return None
        pointer = "/" + "/".join(tokens)
    elif (name := _key(meta, key, fold)) is not None:
        value, pointer = meta[name], "/" + escape_token(name)
    else:
        return None
    if value is None or value == "" or value == []:
        return None
    return pointer, value


def _key(mapping: Mapping[str, Any], key: str, fold: bool) -> str | None:
    """The key of ``mapping`` that ``key`` names: itself, else (with ``fold``) the first key
    equal to it but for letter case."""
    if key in mapping:
        return key
    if fold:
        lowered = key.lower()
        for name in mapping:
            if isinstance(name, str) and name.lower() == lowered:
                return name
    return None


def _is_index(part: str) -> bool:
    """A pointer token that names a list element: ASCII digits (``"²".isdigit()`` is true)."""
    return part.isascii() and part.isdigit()


class Builder:
    """The article metadata being built for one record, with origins and findings."""

    def __init__(
        self,
        record: Record,
        options: ProfileOptions,
        *,
        fold: bool = False,
        page: PagePath | None = None,
        defaults: Mapping[str, Any] | None = None,
    ) -> None:
        self.record = record
        self.options = options
        self.fold = fold  # keys match whatever their letter case (Hugo)
        # The values the site's configuration gives the page (Jekyll's defaults), under its
        # own; ``front`` is the front matter the generator sees, the two merged.
        self.defaults: Mapping[str, Any] = defaults or {}
        self.front: Mapping[str, Any] = (
            merge(self.defaults, record.meta) if self.defaults else record.meta
        )
        # The page's place in the site, where the profile needs it (Hugo, Zola): worked out
        # once per record, as the language, the date and the link all ask for it.
        self.page = page
        self.meta: dict[str, Any] = {}
        self.origins: dict[str, Origin] = {}
        self.problems: list[Any] = []
        self.missing: set[str] = set()
        self.extra: dict[str, str] = {}  # what a profile works out on the way (slugs)
        self.moot: set[str] = set()  # finding ids that do not apply as the generator reads it

    def put(self, target: str, value: Any, pointer: str | None, derived: str = "") -> None:
        self.meta[target] = value
        self.origins["/" + target] = self.origin(pointer, derived)

    def find(self, key: str) -> tuple[str, Any] | None:
        """``(pointer, value)`` of ``key`` in the front matter as the generator sees it (the
        site's defaults under the page's own), if present."""
        return lookup(self.front, key, fold=self.fold)

    def written(self, pointer: str) -> bool:
        """Whether the value at ``pointer`` (as :meth:`find` gives it) is the page's own, not
        one the site's defaults gave it."""
        return not self.defaults or lookup(self.record.meta, pointer) is not None

    def origin(self, pointer: str | None, derived: str = "") -> Origin:
        """Where a value found at ``pointer`` came from: the page's key, or the site's
        defaults, which have no line in the page to report a finding at."""
        if pointer is not None and not self.written(pointer):
            return Origin(None, DEFAULTS)
        return Origin(pointer, derived)

    def first(self, keys: tuple[str, ...]) -> tuple[str, Any] | None:
        for key in keys:
            found = self.find(key)
            if found is not None:
                return found
        return None

    def report(
        self,
        rule: str,
        message: str,
        *,
        pointer: str = "",
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        pointer = pointer if not pointer or self.written(pointer) else ""
        self.problems.append(
            finding(self.record, rule, message, pointer=pointer, hint=hint, severity=severity)
        )

    def no_link(self, why: str, *, hint: str, pointer: str = "") -> None:
        """The page has no link: the generator publishes no page for it (``why``), which is
        its one ``profile/missing`` finding, and no other is made for the missing link."""
        self.missing.add("webUrl")
        self.report("profile/missing", f'cannot make "webUrl": {why}', pointer=pointer, hint=hint)

    def off_schedule(
        self, rule: str, message: str, *, pointer: str, hint: str, severity: Severity
    ) -> None:
        """The generator writes no page for it at the build's time (a scheduled or expired
        page): it is unpublished, and has no link unless its front matter gives one; the
        finding (not a ``profile/missing``) says when and why."""
        if self.meta.get("published") is not False:
            self.put("published", False, None, "the build's time")
        if "webUrl" not in self.meta:
            self.missing.add("webUrl")
        self.report(rule, message, pointer=pointer, hint=hint, severity=severity)

    def date(
        self,
        target: str,
        keys: tuple[str, ...],
        *,
        flags: frozenset[str] = frozenset(),
        reader: Callable[[object, str | None], str | None] = normalise_date,
    ) -> None:
        """The first of ``keys`` as a date, read by the generator's ``reader``; a key named in
        ``flags`` that holds a yes/no value instead is passed over (Hugo's ``published`` is a
        date or a flag)."""
        for key in keys:
            found = self.find(key)
            if found is None:
                continue
            pointer, value = found
            normal = reader(value, self.options.timezone)
            if normal is None and key.lower() in flags and flag(value, loose=True) is not None:
                continue
            self._date(target, pointer, value, normal)
            return

    def _date(self, target: str, pointer: str, value: Any, normal: str | None) -> None:
        if normal is not None:
            self.put(target, normal, pointer)
            return
        name = split_pointer(pointer)[-1]
        self.report(
            "profile/bad-date",
            f'"{name}" is not a date: {value!r}',
            pointer=pointer,
            hint=DATE_HINT,
        )
        self.missing.add(target)

    def text(self, target: str, keys: tuple[str, ...]) -> None:
        found = self.first(keys)
        if found is not None:
            pointer, value = found
            self.put(target, value.strip() if isinstance(value, str) else value, pointer)

    def words(
        self,
        target: str,
        keys: tuple[str, ...],
        *,
        split: frozenset[str] = frozenset(),
        first_only: bool = False,
    ) -> None:
        """A list field from several keys, each element keeping its own origin: ``split``
        names the keys whose text is a list written with spaces; ``first_only``, the field is
        the first present key's alone."""
        items: list[str] = []
        for key in keys:
            found = self.find(key)
            if found is None or (first_only and found[1] is None):
                continue
            pointer, value = found
            values = value if isinstance(value, list) else [value]
            for index, item in enumerate(values):
                where = f"{pointer}/{index}" if isinstance(value, list) else pointer
                if isinstance(item, bool) or not isinstance(item, str | int | float):
                    continue
                # Jekyll reads "categories: jekyll update" as two; a list item stays one.
                whole = key in split and isinstance(value, str)
                parts = str(item).split() if whole else [str(item)]
                for part in parts:
                    part = part.strip()
                    if part and part not in items:
                        self.origins[f"/{target}/{len(items)}"] = self.origin(where)
                        items.append(part)
            if first_only:
                break
        if items:
            self.meta[target] = items
            self.origins.setdefault("/" + target, Origin(None, "several keys"))


class SiteProfile:
    """Shared mapping of a static site generator's front matter."""

    name: ClassVar[str] = ""
    SOURCES: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    DERIVED: ClassVar[Mapping[str, str]] = {}
    SPLIT_KEYS: ClassVar[frozenset[str]] = frozenset()
    """Keys whose text is a list written with spaces (Jekyll's ``categories: jekyll update``)."""
    FIRST_KEY_ONLY: ClassVar[frozenset[str]] = frozenset()
    """List fields read from the first of their keys present alone, not from all of them."""
    EXCERPT_SEPARATOR: ClassVar[str] = "<!--more-->"
    LOOSE_FLAGS: ClassVar[bool] = False
    """Whether ``draft = "true"`` (a string, or 1/0) is a flag, as Hugo reads it
    (:func:`convert.profiles.flags.flag`)."""
    FLAG_DATES: ClassVar[frozenset[str]] = frozenset()
    """Date keys that may hold a yes/no flag instead (Hugo's ``published``): no date then."""
    FOLD_KEYS: ClassVar[bool] = False
    """Whether front-matter keys match whatever their letter case (Hugo lower-cases them)."""
    KEEP_ESCAPES: ClassVar[bool] = False
    """Whether a ``%XX`` in a page's path is kept as it is (Hugo's), not escaped again."""
    DOCUMENT_END_CLOSES: ClassVar[bool] = False
    """Whether the generator ends YAML front matter at a ``...`` line as well as ``---``."""
    LEADING_BLANK_LINES: ClassVar[bool] = False
    """Whether the generator finds the opening fence after blank lines (Hugo, Zola)."""

    def sources(self, options: ProfileOptions) -> dict[str, tuple[str, ...]]:
        return {**self.SOURCES, **options.fields}

    def describe(self, options: ProfileOptions) -> Iterator[FieldDoc]:
        sources = self.sources(options)
        for target in dict.fromkeys((*sources, *self.DERIVED)):
            keys = ", ".join(
                f"{key} (true: unpublished)" if key == "draft" else key
                for key in sources.get(target, ())
            )
            derived = self.DERIVED.get(target, "")
            text = keys + ("; else " + derived if keys and derived else derived)
            yield FieldDoc(target, text)

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        """The builder of one record's mapping; a profile that needs the page's place in the
        site, or settings that depend on it, makes them here, once."""
        return Builder(record, options, fold=self.FOLD_KEYS)

    def map(self, record: Record, options: ProfileOptions) -> Mapped:
        build = self.builder(record, options)
        for target, keys in self.sources(options).items():
            if target in DATE_FIELDS:
                build.date(target, keys, flags=self.FLAG_DATES, reader=self.read_date)
            elif target in LIST_FIELDS:
                build.words(
                    target,
                    keys,
                    split=self.SPLIT_KEYS,
                    first_only=target in self.FIRST_KEY_ONLY,
                )
            elif target == "published":
                self._published(build, keys)
            elif target == "provider":
                self._authors(build, keys)
            elif target == "webUrl":
                self._link(build, keys)
            elif target != "images":  # after the link: a bundle's images are below it
                build.text(target, keys)
        self.derive(build)
        language = options.default_language
        if "locale" not in build.meta and "locale" not in build.missing and language:
            # A page that names no language is in the site's (Hugo's defaultContentLanguage,
            # Zola's default_language, Jekyll's lang).
            build.put("locale", language, None, "the site's default language")
        if "images" in self.sources(options):
            map_images(build, self.sources(options)["images"])
        if "excerpt" not in build.meta:
            own = build.find("excerpt_separator")  # Jekyll lets a post set its own
            separator = (
                own[1]
                if own is not None and isinstance(own[1], str)
                else options.excerpt_separator or self.EXCERPT_SEPARATOR
            )
            excerpt = excerpt_of(record.body, separator, record.body_format)
            if excerpt:
                build.put("excerpt", excerpt, None, "the body up to " + repr(separator))
        self._check_required(build)
        meta = {key: build.meta[key] for key in sorted(build.meta, key=lambda k: _ORDER.get(k, 99))}
        return Mapped(
            meta, build.origins, build.problems, frozenset(build.missing), frozenset(build.moot)
        )

    @staticmethod
    def read_date(value: object, zone: str | None) -> str | None:
        """A front-matter date as the generator reads it, as RFC 3339 (``None``: no date)."""
        return normalise_date(value, zone)

    def derive(self, build: Builder) -> None:
        """Fill in what the front matter did not say (dates, links, titles from file names)."""

    def permalink(self, build: Builder) -> tuple[str, str] | None:
        """The page's path on the site and how it was made, or ``None`` (reported) when it
        cannot be made."""
        return None

    @classmethod
    def add_date_tokens(cls, build: Builder, pattern: str, values: dict[str, str]) -> bool:
        """Put the page's date tokens (``:year``, ``:month``, ...) into ``values``; ``False``
        (reported) when ``pattern`` needs a date the page does not have."""
        date = build.meta.get("publishedDateTime")
        if isinstance(date, str):
            values.update(date_tokens(date))
            return True
        if any(f":{token}" in pattern for token in ("year", "month", "day")):
            cls.undated_link(build, pattern)
            return False
        return True

    @staticmethod
    def undated_link(build: Builder, pattern: str) -> None:
        """Report a permalink that needs the date of a page that has none (unless the date
        was reported already: one finding for one cause)."""
        build.missing.add("webUrl")
        if "publishedDateTime" in build.missing:
            return
        build.report(
            "profile/missing",
            f'cannot make "webUrl": the permalink {pattern} needs '
            "the page's date, and it has none",
            hint="set the date, or pass --permalink with a pattern without a date",
        )

    def derive_link(self, build: Builder) -> None:
        if "webUrl" in build.meta or "webUrl" in build.missing:
            return
        made = self.permalink(build)
        if made is None:
            return
        path, how = made
        base = build.options.base_url
        if not base:
            build.missing.add("webUrl")
            build.report(
                "profile/missing",
                f"no link: the page would be at {path}, but the site's address is not known",
                hint="pass --base-url https://your.site/ (or set base-url in [tool.artconv.feed])",
            )
            return
        link = join_url(base, path, keep_escapes=self.KEEP_ESCAPES)
        build.put("webUrl", link, None, f"--base-url and {how}")

    def _published(self, build: Builder, keys: tuple[str, ...]) -> None:
        for key in keys:
            found = build.find(key)
            value = None if found is None else flag(found[1], loose=self.LOOSE_FLAGS)
            if found is None or value is None:
                continue
            pointer = found[0]
            draft = split_pointer(pointer)[-1].lower() == "draft"
            build.put("published", (not value) if draft else value, pointer)
            return

    @staticmethod
    def _authors(build: Builder, keys: tuple[str, ...]) -> None:
        names: list[str] = []
        pointer = ""
        for key in keys:
            found = build.find(key)
            if found is None:
                continue
            pointer, value = found
            for item in value if isinstance(value, list) else [value]:
                name = item.get("name") if isinstance(item, dict) else item
                name = _plain_name(name) if isinstance(name, str) else None
                if name and name not in names:
                    names.append(name)
            if names:
                break
        if names:
            build.put("provider", {"name": names[0], "authors": names}, pointer)

    @staticmethod
    def _link(build: Builder, keys: tuple[str, ...]) -> None:
        found = build.first(keys)
        if found is None or not isinstance(found[1], str):
            return
        pointer, value = found
        base = build.options.base_url
        if "://" not in value and base:
            build.put("webUrl", join_url(base, value), pointer)
        else:
            build.put("webUrl", value.strip(), pointer)

    def _check_required(self, build: Builder) -> None:
        for target in REQUIRED:
            if target in build.meta or target in build.missing:
                continue
            build.missing.add(target)
            tried = self.sources(build.options).get(target, ())
            where = " or ".join(f'"{key}"' for key in tried) or "no key"
            derived = self.DERIVED.get(target)
            also = f", nor from {derived}" if derived else ""
            build.report(
                "profile/missing",
                f'cannot make "{target}": no {where} in the front matter{also}',
                hint=f"add {tried[0]}: to the front matter" if tried else "",
            )


_ORDER = {
    name: i
    for i, name in enumerate(
        (
            "title",
            "excerpt",
            "publishedDateTime",
            "updatedDateTime",
            "webUrl",
            "published",
            "provider",
            "topics",
            "categories",
            "locale",
            "images",
        )
    )
}


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _plain_name(text: str) -> str:
    """An author's name as text: themes let it be HTML (``<a href="...">Name</a>``), which a
    feed would show as markup."""
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


def build_instant(options: ProfileOptions) -> datetime:
    """The instant the site is built at: the options' ``build_time``, else the clock's."""
    if options.build_time is None:
        return datetime.now(UTC)
    instant = instant_of(options.build_time)
    if instant is None:
        raise ValueError(f"the build time {options.build_time!r} is not an RFC 3339 date-time")
    return instant


@functools.lru_cache(maxsize=1024)
def instant_of(date: str) -> datetime | None:
    """An RFC 3339 date-time (as the profiles write dates) as an instant to compare."""
    try:
        instant = datetime.fromisoformat(date)
    except ValueError:
        return None
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def stem_of(record: Record) -> str:
    """The file name without its extension."""
    name = record.path.rsplit("/", 1)[-1]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name
