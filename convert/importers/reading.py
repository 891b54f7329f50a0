"""A feed source -> imported entries: fetch, refuse hostile XML, parse, map, name, render.

Each entry comes out as the exact file text it will be written as, already loaded back into a
:class:`~convert.record.Record` by the same loader ``validate`` uses, so what the library hands
out and what lands on disk cannot differ. Findings go to ``emit`` and name the feed; a feed that
cannot be read is one finding and no entries, never an exception.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import islice
from typing import Literal
from urllib.parse import urljoin

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.importers import fetching
from convert.importers.entries import FeedEntry, FeedInfo
from convert.importers.guard import entity_declaration
from convert.importers.mapping import BodyMode, map_entry
from convert.importers.naming import entry_stem, with_hash
from convert.importers.parsing import FeedSyntaxError
from convert.importers.rendering import render_record
from convert.limits import MAX_FEED_BYTES
from convert.record import Record

FINDINGS = (
    FindingKind("import/unreadable", Severity.ERROR, "A feed file or address cannot be read."),
    FindingKind(
        "import/entities",
        Severity.ERROR,
        "A feed declares XML entities: refused (entity expansion attacks).",
    ),
    FindingKind(
        "import/syntax", Severity.ERROR, "A feed is not well-formed RSS, Atom or JSON Feed."
    ),
    FindingKind(
        "import/malformed",
        Severity.WARNING,
        "A feed breaks its format in a way the importer worked around.",
    ),
    FindingKind("import/empty", Severity.INFO, "A feed has no entries."),
    FindingKind(
        "import/duplicate",
        Severity.INFO,
        "An entry has the link or id of an earlier entry of its feed: skipped (a warning when "
        "the two differ in title or date).",
    ),
)

Emit = Callable[[Diagnostic], None]
Layout = Literal["flat", "dated"]


def ignore(_: Diagnostic) -> None:
    """The default sink when the caller does not want the findings."""


@dataclass(frozen=True)
class ImportOptions:
    """How entries become records; every field has the command line's default."""

    body: BodyMode = "markdown"
    layout: Layout = "flat"
    limit: int | None = None
    max_bytes: int = MAX_FEED_BYTES
    timeout: float = fetching.DEFAULT_TIMEOUT
    base_url: str | None = None
    """The address relative links are resolved against, in place of the feed's own: a feed
    read from a file or standard input has none, and static exports write every link
    site-relative (``<link>/</link>``)."""


@dataclass(frozen=True)
class ImportedEntry:
    """One entry ready to write: its record, its file text and name, and how to recognise it."""

    record: Record | None  # None for an entry that is only there to be reported (a repeat)
    text: str
    name: str
    url: str | None
    entry_id: str | None
    changed: datetime | None
    label: str
    findings: tuple[Diagnostic, ...] = ()
    """What mapping the entry noticed; reported when the entry is used, not when skipped."""
    digest: str | None = None  # what names an entry with neither link nor id
    aliases: tuple[str, ...] = ()
    """Other addresses of the entry an earlier import may have used as its ``webUrl``
    (FeedBurner's redirect, where the feed also gives the article's own address)."""


def read_feed(
    source: str, options: ImportOptions = ImportOptions(), emit: Emit = ignore
) -> Iterator[ImportedEntry]:
    """The entries of the feed at ``source`` (a path, ``-`` or an http(s) URL), in feed order.

    Findings about the feed go to ``emit``; those about one entry travel with it.
    """
    try:
        fetched = fetching.fetch(source, max_bytes=options.max_bytes, timeout=options.timeout)
    except fetching.FetchError as exc:
        emit(
            Diagnostic(
                _display(source),
                None,
                None,
                "import/unreadable",
                Severity.ERROR,
                str(exc),
                hint=exc.hint,
            )
        )
        return
    name = fetched.name
    from convert.importers.jsonfeed import looks_like_json

    # JSON has no entities; its strings may mention "<!ENTITY" freely.
    line = None if looks_like_json(fetched.data) else entity_declaration(fetched.data)
    if line is not None:
        emit(
            Diagnostic(
                name,
                line,
                1,
                "import/entities",
                Severity.ERROR,
                "the feed declares XML entities, which feeds never need and attacks "
                "use (entity expansion, reading local files): refused",
                hint="remove the <!DOCTYPE ...> block if the feed is your own",
            )
        )
        return
    try:
        feed, entries = _parse(fetched, options.base_url)
    except FeedSyntaxError as exc:
        emit(_syntax(name, exc))
        return
    for message in feed.notes:
        emit(Diagnostic(name, None, None, "import/malformed", Severity.WARNING, message))
    if isinstance(entries, list) and not entries:
        emit(Diagnostic(name, None, None, "import/empty", Severity.INFO, "the feed has no entries"))
    try:
        yield from _imported(name, feed, entries, options)
    except FeedSyntaxError as exc:  # a streamed feed that breaks off part way
        emit(_syntax(name, exc))


def _repeat(
    name: str, label: str, first: tuple[int, tuple[object, object]], shown: tuple[object, object]
) -> Diagnostic:
    """The finding for an entry skipped because an earlier one has its link or id.

    A feed that lists an entry twice loses nothing (a note). One that gives several entries,
    with other titles or dates, one link (a FeedBurner feed pointing every item at one
    proxy address, a guid copied from the channel) loses all but the first: a warning that
    names the first, so the loss is seen.
    """
    number, first_shown = first
    if shown == first_shown:
        message = f"{label}: the same link or id as an earlier entry of this feed: skipped"
        return Diagnostic(name, None, None, "import/duplicate", Severity.INFO, message)
    message = (
        f"{label}: skipped: it has the link or id of entry {number}, which the feed gives to "
        "entries with other titles or dates; only the first is imported"
    )
    return Diagnostic(
        name,
        None,
        None,
        "import/duplicate",
        Severity.WARNING,
        message,
        hint="the feed reuses one link for several entries; ask its publisher for permalinks",
    )


def _syntax(name: str, exc: FeedSyntaxError) -> Diagnostic:
    return Diagnostic(
        name,
        exc.line,
        1 if exc.line else None,
        "import/syntax",
        Severity.ERROR,
        str(exc),
        hint="check that the address or file is an RSS, Atom or JSON feed",
    )


def _display(source: str) -> str:
    return "<stdin>" if source == fetching.STDIN else source


def _parse(
    fetched: fetching.Fetched, base_url: str | None = None
) -> tuple[FeedInfo, Iterable[FeedEntry]]:
    from convert.importers.jsonfeed import looks_like_json, parse_json_feed

    location = base_url or fetched.location
    if looks_like_json(fetched.data):
        info, items = parse_json_feed(fetched.data)
        return _placed(info, location), items
    from convert.importers import streaming
    from convert.importers.parsing import parse_xml_feed, windows_1252_as_browsers_read

    data, content_type = windows_1252_as_browsers_read(fetched.data, fetched.content_type)
    if len(data) > streaming.STREAM_FROM:
        streamed = streaming.stream_entries(data, location)
        if streamed is not None:
            return streamed

    return parse_xml_feed(data, location=location, content_type=content_type)


def _placed(info: FeedInfo, location: str | None) -> FeedInfo:
    """A JSON Feed placed at the address it was read from, as feedparser places XML: a
    relative site link is joined to it, and without a site link it is what items' relative
    ``url`` and images are resolved against (Publii writes ``"home_page_url": ""`` and
    ``"url": "/post.html"``)."""
    if not location:
        return info
    link = (info.link or "").strip()
    if not link:
        return replace(info, link=None, base=location)
    try:
        return replace(info, link=urljoin(location, link))
    except ValueError:  # a link no URL parser takes: left for the mapping to report
        return info


def _imported(
    name: str,
    feed: FeedInfo,
    entries: Iterable[FeedEntry],
    options: ImportOptions,
) -> Iterator[ImportedEntry]:
    from convert.loading import loads

    taken: dict[str, str] = {}  # file name -> identity of the entry that has it
    # identity -> the first entry with it: its number, and its title and date to tell a
    # repeat of it from another entry the feed gave the same link or id
    seen: dict[str, tuple[int, tuple[object, object]]] = {}
    suffix = ".html" if options.body == "html" else ".md"
    limit = options.limit
    # A limit past sys.maxsize, the most islice takes, is past any count of entries.
    for entry in islice(entries, None if limit is not None and limit > sys.maxsize else limit):
        label = f"entry {entry.number}"
        found: list[Diagnostic] = []

        def note(
            severity: Severity,
            rule: str,
            message: str,
            label: str = label,
            found: list[Diagnostic] = found,
        ) -> None:
            found.append(Diagnostic(name, None, None, rule, severity, f"{label}: {message}"))

        mapped = map_entry(entry, feed, options.body, note)
        title = mapped.meta.get("title")
        if isinstance(title, str):
            label = f"entry {entry.number} ({title[:60]!r})"
        shown = (title, mapped.meta.get("publishedDateTime"))
        if mapped.identity in seen:
            yield ImportedEntry(
                None,
                "",
                "",
                None,
                None,
                None,
                label,
                (_repeat(name, label, seen[mapped.identity], shown),),
            )
            continue
        seen[mapped.identity] = (entry.number, shown)
        published = mapped.meta.get("publishedDateTime")
        date = None
        if options.layout == "dated":
            date = published[:10] if isinstance(published, str) else "undated"
        stem = entry_stem(
            title if isinstance(title, str) else None,
            mapped.meta.get("webUrl"),
            mapped.identity,
            date,
        )
        if taken.get(stem + suffix, mapped.identity) != mapped.identity:
            stem = with_hash(stem, mapped.identity)
        file_name = stem + suffix
        taken[file_name] = mapped.identity
        text = render_record(mapped.meta, mapped.body, mapped.entry_id, mapped.digest)
        record = loads(text, path=file_name, body_format=mapped.body_format)
        yield ImportedEntry(
            record,
            text,
            file_name,
            mapped.meta.get("webUrl"),
            mapped.entry_id,
            mapped.updated,
            label,
            tuple(found),
            mapped.digest,
            mapped.aliases,
        )
