"""Running a profile over loaded records, and reporting findings where the user wrote things.

:func:`mapper` is what a run calls once; :meth:`Mapper.apply` turns each loaded record into
the article record a profile makes of it, and :meth:`Mapper.restore` moves findings about
mapped fields back to the user's own keys (a bad ``date`` is reported at ``date``, on its line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from convert.diagnostics import Diagnostic, Severity, sort_diagnostics
from convert.loading.compressed import inner_name
from convert.loading.front_matter import NULL_FRONT_MATTER
from convert.loading.split import Split, split_front_matter
from convert.pointer import split_pointer
from convert.profiles import get_profile
from convert.profiles.base import MappedLocator, MappedRecord, ProfileOptions, origin_of
from convert.profiles.internal_links import GENERATORS, Resolver, resolve
from convert.record import BodyFormat, Record

_BLANK_THEN_FENCE = re.compile(r"(?:[ \t]*\n)+(?:---|\+\+\+)[ \t]*\n")


class FenceRules(TypedDict):
    """How a generator finds front matter: the keyword arguments of the loader's split."""

    document_end_closes: bool
    leading_blank_lines: bool


class Mapper:
    """One profile with its options, applied to every record of a run."""

    def __init__(self, options: ProfileOptions) -> None:
        self.options = options
        self.profile = get_profile(options.name)
        self._resolver: Resolver | None = None

    def apply(self, record: Record, *, links: bool = True) -> Record:
        """The article record the profile makes of ``record`` (unreadable ones stay as they are),
        with the addresses of its links to other pages (``links``: :meth:`_links`)."""
        if record.source.front_matter is None:
            record = self._read_as_the_site_does(record)
            if not record.intact:
                return record
        elif not record.intact and getattr(self.profile, "NULL_IS_EMPTY", False):
            record = _null_read_as_empty(record)
        result = self.profile.map(record, self.options)
        answers, broken = self._links(record, result.meta) if links else ({}, [])
        source = record.source.replace(locator=MappedLocator(record, result.origins))
        return MappedRecord(
            result.meta,
            record.body,
            source,
            _as_the_site_renders(record),
            record.problems + tuple(result.problems) + tuple(broken),
            record.intact,
            original=record.meta,
            origins=result.origins,
            profile=self.options.name,
            missing=result.missing,
            moot=result.moot,
            links=answers,
        )

    def _links(
        self, record: Record, meta: Mapping[str, Any]
    ) -> tuple[dict[str, str], list[Diagnostic]]:
        """The addresses the body's links to other pages stand for, each target mapped as this
        run maps pages, once (:mod:`convert.profiles.internal_links`); the page's own address
        (``meta``'s) is kept for the pages that link to it."""
        if self.options.name not in GENERATORS:
            return {}, []
        if self._resolver is None:
            self._resolver = Resolver(self._address_of)
        address = meta.get("webUrl")
        self._resolver.remember(record.path, address if isinstance(address, str) else None)
        if "{" not in record.body and "@/" not in record.body:
            return {}, []
        return resolve(record, self.options.name, self.options, self._resolver)

    def _address_of(self, path: str) -> str | None:
        """The link of the page at ``path`` as this run maps it (its own links unread)."""
        from convert.loading import load

        mapped = self.apply(load(path), links=False)
        address = mapped.meta.get("webUrl") if mapped.intact else None
        return address if isinstance(address, str) else None

    def fence_rules(self, text: str) -> FenceRules:
        """The generator's own fence rules for ``text`` (BOM-less, ``\\n`` line endings), as
        keyword arguments of :func:`~convert.loading.loads` and ``split_front_matter``: Jekyll
        closes front matter at ``...``; Hugo and Zola find an opening ``---`` or ``+++`` fence
        after blank lines. The loader and ``artconv fix`` both split by these."""
        return FenceRules(
            document_end_closes=getattr(self.profile, "DOCUMENT_END_CLOSES", False),
            leading_blank_lines=getattr(self.profile, "LEADING_BLANK_LINES", False)
            and bool(_BLANK_THEN_FENCE.match(text)),
        )

    def split(self, text: str) -> Split:
        """Front matter and body of ``text`` as the generator finds them."""
        return split_front_matter(text, **self.fence_rules(text))

    def _read_as_the_site_does(self, record: Record) -> Record:
        """``record`` (read with no front matter) read again with the generator's own fence
        rules (:meth:`fence_rules`). What the site builds is no error under its profile."""
        rules = self.fence_rules(record.body)
        if not any(p.rule == "frontmatter/unclosed" for p in record.problems):
            rules["document_end_closes"] = False  # nothing for "..." to close
        if not any(rules.values()):
            return record
        from convert.loading import loads

        again = loads(record.body, path=record.path, **rules)
        kept = tuple(p for p in record.problems if p.rule == "file/bom")
        return again.replace(problems=kept + again.problems) if kept else again

    def restore(self, record: Record, findings: Iterable[Diagnostic]) -> list[Diagnostic]:
        """``findings`` with pointers and field names moved back into the user's front matter.

        A required field the profile already reported as missing is not reported twice.
        """
        if not isinstance(record, MappedRecord):
            return list(findings)
        own = set(record.problems)
        return sort_diagnostics(
            moved
            for moved in (d if d in own else _move(record, d) for d in findings)
            if moved is not None and moved.rule not in record.moot
        )


def _as_the_site_renders(record: Record) -> BodyFormat:
    """The body's format as the generator reads it: every generator renders a ``.md`` page as
    Markdown, raw HTML in it included, so a post that opens with a ``<div>`` is Markdown
    however the loader sniffed it (:func:`convert.loading.sniff_body_format`)."""
    if record.body_format == "html" and inner_name(record.path).lower().endswith(
        (".md", ".markdown")
    ):
        return "markdown"
    return record.body_format


def _null_read_as_empty(record: Record) -> Record:
    """``record`` with its ``null`` front matter read as no fields, as Jekyll builds the page;
    any other reason it could not be read stands."""
    others = tuple(p for p in record.problems if p.message != NULL_FRONT_MATTER)
    if len(others) != len(record.problems) - 1 or any(p.severity is Severity.ERROR for p in others):
        return record
    return record.replace(meta={}, problems=others, intact=True)


def _move(record: MappedRecord, diagnostic: Diagnostic) -> Diagnostic | None:
    if diagnostic.rule == "schema/required" and any(
        f'"{name}"' in diagnostic.message for name in record.missing
    ):
        return None
    if not diagnostic.pointer:
        return diagnostic
    found = origin_of(record.origins, diagnostic.pointer)
    if found is None:
        return diagnostic
    origin, rest = found
    if origin.pointer is None:
        message = f"{diagnostic.message} (made from {origin.derived})"
        return diagnostic.replace(message=message)
    pointer = origin.pointer + rest
    mapped_name = (split_pointer(diagnostic.pointer) or [""])[-1]
    user_name = (split_pointer(pointer) or [""])[-1]
    message = diagnostic.message.replace(f'"{mapped_name}"', f'"{user_name}"', 1)
    return diagnostic.replace(pointer=pointer, message=message)


def mapper(options: ProfileOptions | None) -> Mapper | None:
    """The mapper for a run, or ``None`` when records are taken as written (nothing to do).

    Raises:
        PluginError: the profile is unknown or its plugin is broken.
    """
    if options is None or (options.name == "article" and not options.fields):
        return None
    return Mapper(options)
