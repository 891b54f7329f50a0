"""The mapping all site profiles share: take each article field from the first front-matter
key that has it, convert it, and remember where it came from.

A generator's profile declares its keys (``SOURCES``) and fills in what only it knows: dates
and slugs in file names, permalinks, drafts. The user's ``[tool.artconv.fields]`` replaces the
keys of any field. The record's mapping is built by a :class:`~convert.profiles.builder.Builder`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from convert.diagnostics import FindingKind, Severity
from convert.loading.compressed import inner_name
from convert.pointer import split_pointer
from convert.profiles.base import FieldDoc, Mapped, ProfileOptions
from convert.profiles.builder import Builder
from convert.profiles.dates import normalise_date
from convert.profiles.excerpts import excerpt_of
from convert.profiles.flags import flag
from convert.profiles.images import map_images
from convert.profiles.paths import section_page
from convert.profiles.texts import non_finite
from convert.profiles.urls import date_tokens, join_url
from convert.record import FrontMatterKind, Record

if TYPE_CHECKING:
    from convert.profiles.walk import SiteContent, WalkScope

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
    FindingKind(
        "profile/untransliterated-slug",
        Severity.WARNING,
        "Zola spells the page's slug in ASCII letters, and the profile cannot tell how it "
        "spells some of them (Chinese, Korean, Arabic...): its link may be wrong.",
    ),
)

DATE_FIELDS = ("publishedDateTime", "updatedDateTime")
LIST_FIELDS = ("topics", "categories")
REQUIRED = ("title", "publishedDateTime", "webUrl")
TEXT_FIELDS = ("title", "excerpt")
"""Fields the generators print as text, whatever YAML read their value as (``title: 2048``)."""


class SiteProfile:
    """Shared mapping of a static site generator's front matter."""

    name: ClassVar[str] = ""
    SOURCES: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    DERIVED: ClassVar[Mapping[str, str]] = {}
    SECTIONS: ClassVar[bool] = False
    """Whether an ``_index`` file is a section's list page (Hugo's, Zola's), which has no date
    of its own: Zola gives a section none, Hugo the newest of its pages'."""
    ALSO: ClassVar[frozenset[str]] = frozenset()
    """Fields whose :attr:`DERIVED` rule applies besides their keys, not in their absence
    (a page its ``draft`` key publishes is still held back by its date)."""
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
    NULL_IS_EMPTY: ClassVar[bool] = False
    """Whether ``null`` front matter is a page with no fields (Jekyll's), not an error (Hugo's)."""
    IMAGES_FROM_HOST: ClassVar[bool] = False
    """Whether the generator joins an image path starting with ``/`` to the site's host, not
    its whole address (Hugo's ``absURL``; :func:`convert.profiles.images.map_images`)."""
    FRONT_MATTER_KEYS: ClassVar[frozenset[str]] = frozenset()
    """The front-matter variables the generator documents beyond the fields the profile reads
    (``layout``, ``permalink``): keys that are fields, not the body's first words, where
    ``artconv fix`` closes an unclosed fence (:func:`convert.fixes.fences.known_keys`)."""
    COMPRESSED: ClassVar[str] = "the generator makes no page of a compressed file"
    """What the generator does with ``post.md.gz``, which this tool reads as the text inside."""

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
            joint = "; also " if target in self.ALSO else "; else "
            text = keys + (joint + derived if keys and derived else derived)
            yield FieldDoc(target, text)

    def walk_scope(self, folder: str, options: ProfileOptions) -> WalkScope | None:
        """Which files of a walk of ``folder`` the generator makes articles of, where the
        walk starts at the site's root or above its content (:mod:`convert.profiles.walk`);
        ``None``: every file, as for a profile that knows no site layout."""
        content = self.site_content(options)
        if content is None:
            return None
        from convert.profiles.walk import walk_scope

        return walk_scope(folder, options, self.name, content)

    def site_content(self, options: ProfileOptions) -> SiteContent | None:
        """The generator's content folders (:class:`convert.profiles.walk.SiteContent`)."""
        return None

    def builder(self, record: Record, options: ProfileOptions) -> Builder:
        """The builder of one record's mapping; a profile that needs the page's place in the
        site, or settings that depend on it, makes them here, once."""
        return Builder(record, options, fold=self.FOLD_KEYS)

    def map(self, record: Record, options: ProfileOptions) -> Mapped:
        build = self.builder(record, options)
        reader = self.date_reader(options)
        for target, keys in self.sources(options).items():
            if target in DATE_FIELDS:
                build.date(target, keys, flags=self.FLAG_DATES, reader=reader)
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
            elif target in TEXT_FIELDS:
                self._text(build, target, keys)
            elif target != "images":  # after the link: a bundle's images are below it
                build.text(target, keys)
        if inner_name(record.path) == record.path:
            self.derive(build)
        else:
            self._compressed(build)
        language = options.default_language
        if "locale" not in build.meta and "locale" not in build.missing and language:
            # A page that names no language is in the site's (Hugo's defaultContentLanguage,
            # Zola's default_language, Jekyll's lang).
            build.put("locale", language, None, "the site's default language")
        if "images" in self.sources(options):
            map_images(build, self.sources(options)["images"], from_host=self.IMAGES_FROM_HOST)
        if "excerpt" not in build.meta:
            own = build.find("excerpt_separator")  # Jekyll lets a post set its own
            separator = (
                own[1]
                if own is not None and isinstance(own[1], str)
                else options.excerpt_separator or self.EXCERPT_SEPARATOR
            )
            excerpt = excerpt_of(record.body, separator, record.body_format, self.name)
            if excerpt:
                build.put("excerpt", excerpt, None, "the body up to " + repr(separator))
        if self.SECTIONS and section_page(record.path):
            # A list page is no dated article: its missing date is no finding of its own.
            build.missing.add("publishedDateTime")
        self._check_required(build)
        meta = {key: build.meta[key] for key in sorted(build.meta, key=lambda k: _ORDER.get(k, 99))}
        return Mapped(
            meta, build.origins, build.problems, frozenset(build.missing), frozenset(build.moot)
        )

    def _compressed(self, build: Builder) -> None:
        """A compressed page is no page to the generator (:attr:`COMPRESSED`): one finding,
        and none for the title and date its file name would have given."""
        build.missing.update(key for key in ("publishedDateTime", "title") if key not in build.meta)
        if "webUrl" not in build.meta:
            build.no_link(self.COMPRESSED, hint="decompress it (gunzip -k FILE) to publish it")

    @staticmethod
    def read_date(value: object, zone: str | None) -> str | None:
        """A front-matter date as the generator reads it, as RFC 3339 (``None``: no date)."""
        return normalise_date(value, zone)

    def date_reader(self, options: ProfileOptions) -> Callable[[object, str | None], str | None]:
        """The reader of this run's front-matter dates: :meth:`read_date`, unless the
        generator reads some dates by the moment it builds."""
        return self.read_date

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

    def shown_text(
        self, value: object, written: str | None, kind: FrontMatterKind | None
    ) -> str | None:
        """The text the generator prints for a number or flag ``value`` of a text field
        (``written``: its YAML text, where known); ``None``: none, the value is kept as it
        is, for the schema to report (:mod:`convert.profiles.texts`)."""
        return None

    def _text(self, build: Builder, target: str, keys: tuple[str, ...]) -> None:
        """A text field, a number or flag in it as the generator prints it where that is the
        text written (``title: 2048`` is the page "2048" to Jekyll and Hugo)."""
        found = build.first(keys)
        if found is None:
            return
        pointer, value = found
        if isinstance(value, str) and self._non_finite(build, target, pointer, value):
            return
        number = None
        if isinstance(value, str) and _yaml(build, "plain_kind", pointer) != "float":
            shown: object = value.strip()  # text, not .inf or .nan kept as text
            number = self.number_read(value) if _unquoted(build, pointer) else None
            if number is not None:
                # Text to the loader, a number to the generator, which prints it otherwise
                # than written (Hugo's `title: 0o17` is "15"): the number stays for the
                # schema's finding, whose hint quotes the text.
                shown = number
        else:
            written = _yaml(build, "written", pointer)
            text = self.shown_text(value, written, build.record.source.front_matter)
            # Shown otherwise than written (Jekyll's `title: NO` is "false", `2.50` "2.5"),
            # the value stays for the schema's finding, whose quoting fix makes the site show
            # what was written.
            surprise = written is not None and text != written.strip()
            shown = value if text is None or surprise else text
            if surprise and written is not None and not isinstance(value, str | bool):
                # Another number to the generator's reader (Jekyll's `12:30` is 45000, to
                # PyYAML 750): the schema's finding names the one the site shows.
                number = self.number_read(written) if _unquoted(build, pointer) else None
                shown = value if number is None else number
        if target == "excerpt" and isinstance(shown, str):
            shown = self.excerpt_text(split_pointer(pointer)[-1], shown)
            if not shown:
                return  # nothing to show: the body's excerpt, as the generator falls back
        build.put(target, shown, pointer)
        if number is not None:
            kind = "int" if isinstance(number, int) else "float"
            build.origins["/" + target] = replace(build.origins["/" + target], read_as=kind)

    def _non_finite(self, build: Builder, target: str, pointer: str, value: str) -> bool:
        """A text field whose value is an infinity or NaN (YAML's ``.inf``, TOML's ``inf``),
        which the loader keeps as its text, JSON having no such number: where the generator
        shows it otherwise than written (Hugo's "+Inf", Jekyll's "Infinity"), reported as
        the schema reports another number in a text field, with the quoting fix. Whether it
        was reported (the value kept as written)."""
        number = non_finite(value) if _kept_number(build, pointer) else None
        kind = build.record.source.front_matter
        text = None if number is None else self.shown_text(number, None, kind)
        if text is None or text == value.strip():
            return False
        build.put(target, value, pointer)
        reader = "TOML" if kind == "toml" else "YAML"
        build.report(
            "schema/type",
            f'"{target}" must be string, not {value.strip()} '
            f"(a number, which {self.name.capitalize()} shows as {text})",
            pointer=pointer,
            hint=f'{reader} reads the unquoted value as a number; quote it: "{value.strip()}"',
        )
        return True

    def number_read(self, written: str) -> int | float | None:
        """The number the generator's YAML reader reads the unquoted ``written`` as, where
        the loader reads text (:mod:`convert.profiles.texts`); ``None``: text to both."""
        return None

    def excerpt_text(self, key: str, text: str) -> str:
        """The excerpt the generator shows for ``text`` written under ``key``: as written,
        unless the generator renders that key (Hugo's ``summary``)."""
        return text

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
            key = next((k for k in tried if not k.startswith(":")), None)  # not ":filename"
            example, date = _EXAMPLES[target]
            build.report(
                "profile/missing",
                f'cannot make "{target}": no {where} in the front matter{also}',
                hint=f"add {build.setting(key, example, date=date)} to the front matter"
                if key
                else "",
            )


_EXAMPLES = {
    "title": ("My article", False),
    "publishedDateTime": ("2024-01-05", True),
    "webUrl": ("https://example.org/my-article/", False),
}
"""A value for each required field, to show in the hint that asks for it."""


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


def _kept_number(build: Builder, pointer: str) -> bool:
    """Whether the loader kept the page's own value at ``pointer`` as text, a number with
    no JSON form (its ``yaml/value-type`` or ``toml/value-type`` finding says so)."""
    return build.written(pointer) and any(
        problem.pointer == pointer and problem.rule in _KEPT_NUMBER
        for problem in build.record.problems
    )


_KEPT_NUMBER = frozenset({"yaml/value-type", "toml/value-type"})


def _unquoted(build: Builder, pointer: str) -> bool:
    """Whether the page's own YAML writes the value at ``pointer`` without quotes."""
    ask = getattr(build.record.source.locator, "unquoted", None)
    return ask is not None and build.written(pointer) and ask(pointer) is True


def _yaml(build: Builder, question: str, pointer: str) -> str | None:
    """What the page's YAML says of its own value at ``pointer``: its ``written`` text or
    its ``plain_kind`` (``None`` for TOML, JSON and the site's defaults)."""
    ask = getattr(build.record.source.locator, question, None)
    answer = ask(pointer) if ask is not None and build.written(pointer) else None
    return answer if isinstance(answer, str) else None


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _plain_name(text: str) -> str:
    """An author's name as text: themes let it be HTML (``<a href="...">Name</a>``), which a
    feed would show as markup."""
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


def stem_of(record: Record) -> str:
    """The file name without its extension."""
    name = record.path.rsplit("/", 1)[-1]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name
