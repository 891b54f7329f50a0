"""The pipeline every feed format shares: options -> items -> order -> feed head.

rss, atom and jsonfeed differ only in how they print a head and an item; everything that decides
*what* goes in the feed happens here and in ``items``/``order``, once.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic

from convert.converters import Emit, ignore
from convert.converters._options import check_options
from convert.converters.feeds.items import Item, build_item
from convert.converters.feeds.order import FeedOrder, Prepared, Rendered, Row
from convert.converters.feeds.settings import FEED_OPTIONS, FeedSettings, passing
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.record import Record
from convert.web_address import site_of

FINDINGS = (
    FindingKind(
        "convert/feed-link",
        Severity.WARNING,
        "The feed has no site link: --feed-link URL (feed_link= in the library) is not given,"
        " no base URL, site address or feed URL tells one, and its items are not all on one"
        " site.",
    ),
    FindingKind(
        "convert/feed-url",
        Severity.INFO,
        "The feed has no self link: pass --feed-url URL (feed_url= in the library).",
    ),
)

FEED_PATH = "<feed>"
"""The path findings about the feed as a whole carry."""


@dataclass(frozen=True)
class FeedHead:
    """What a feed says about itself, settled before its first item is written."""

    title: str
    link: str | None  # the site
    self_url: str | None  # the feed's own address
    description: str
    language: str | None
    updated: datetime | None  # newest item date; never the wall clock
    id: str
    authored: bool = False  # there are items, and every one names its own author


def prepare_rows(
    name: str,
    declared: Mapping[str, type],
    records: Iterable[Record],
    emit: Emit,
    options: Mapping[str, Any],
    render: Callable[[Item], Rendered],
) -> Iterator[Prepared[Rendered] | None]:
    """Each record's item, rendered, or ``None`` for a record left out (with its findings sent
    to ``emit``): the per-record half of a feed, which can run anywhere.

    Raises:
        ConverterError: an unknown or mistyped option.
    """
    settings = FeedSettings.from_options(check_options(name, declared, options))
    for record in records:
        item = build_item(record, settings, emit)
        yield (
            None
            if item is None
            else Prepared(
                item.id,
                item.path,
                item.url,
                item.title,
                item.summary,
                item.content,
                item.published,
                item.updated,
                render(item),
                bool(item.authors),
            )
        )


class FeedFormat(Generic[Rendered]):
    """What the feed formats share: the feed options, and :meth:`prepare`, which renders each
    record's item with the format's ``render``. A format adds its names and ``write``."""

    name: ClassVar[str]
    collection: ClassVar[bool] = True
    options: ClassVar[Mapping[str, type]] = FEED_OPTIONS

    @staticmethod
    def render(item: Item) -> Rendered:
        """The item as the format prints it, cleaned and formatted once."""
        raise NotImplementedError

    def prepare(
        self, records: Iterable[Record], *, emit: Emit = ignore, **options: Any
    ) -> Iterator[Prepared[Rendered] | None]:
        """Each record's rendered item (``None`` when left out), for ``write`` to take in
        place of the record: the per-record work, done where the records are read."""
        return prepare_rows(self.name, self.options, records, emit, options, self.render)


class _Sites:
    """The sites (scheme, host and port) of a feed's items, as far as telling one from
    several: the first few are named, and nothing more is kept however long the feed is."""

    NAMED = 3  # the sites a finding names

    def __init__(self) -> None:
        self.names: list[str] = []
        self.prefix = ""  # the last item's URL up to its path: the same prefix, the same site

    @property
    def several(self) -> bool:
        return len(self.names) > 1

    def add(self, url: str | None) -> None:
        if not url or len(self.names) > self.NAMED:
            return
        prefix = self.prefix
        if prefix and url.startswith(prefix) and url[len(prefix) : len(prefix) + 1] in _ENDS:
            return  # the usual case: one comparison, no parsing
        site = site_of(url)
        self.prefix = url[: url.find("/", url.find("//") + 2) % (len(url) + 1)]
        if site and site not in self.names:
            self.names.append(site)


_ENDS = ("", "/", "?", "#")


def _built(
    records: Iterable[Record | Prepared[Rendered]],
    settings: FeedSettings,
    emit: Emit,
    sites: _Sites,
    authors: _Authors,
) -> Iterator[Item | Prepared[Rendered]]:
    for record in records:
        if type(record) is Prepared:
            sites.add(record.url)
            if not record.authored:
                authors.unnamed = True
            yield record
        elif (item := build_item(record, settings, emit)) is not None:  # type: ignore[arg-type]
            sites.add(item.url)
            if not item.authors:
                authors.unnamed = True
            yield item


class _Authors:
    """Whether some item of a feed names no author of its own (before ``--limit``: a feed
    author where the written entries might need none is valid, the other way round not)."""

    def __init__(self) -> None:
        self.unnamed = False


def _no_site_link(message: str) -> Diagnostic:
    return Diagnostic(
        FEED_PATH,
        None,
        None,
        "convert/feed-link",
        Severity.WARNING,
        message,
        hint=f"{passing('feed_link')}, or set link in [tool.artconv.feed]",
    )


def _site_link(settings: FeedSettings, sites: _Sites) -> str | None:
    """The feed's site link, the same in every format: the best address known, in order.

    ``feed_link`` (or ``link`` in the configuration; a site profile's address comes as
    ``feed_link`` when neither it nor ``base_url`` is given, see
    :func:`~convert.converters.feeds.settings.with_site_link`); ``base_url``; the one site
    every item is on; else the root of ``feed_url``, the host the feed is published on. The
    items' site comes first: a feed served from a feed host or a CDN
    (``https://feeds.example/news.xml``) belongs to the site its articles are on. ``None``
    when none of these is known: items on several sites (aggregated records) would each name
    a third party's site as the feed's own, and a feed with no items has none.
    """
    if settings.feed_link or settings.base_url:
        return settings.feed_link or settings.base_url
    if len(sites.names) == 1:
        return sites.names[0]
    return site_of(settings.feed_url) or None if settings.feed_url else None


def _head(
    settings: FeedSettings,
    first: Row[Any] | None,
    newest: datetime | None,
    sites: _Sites,
    authors: _Authors,
    emit: Emit,
) -> FeedHead:
    link = _site_link(settings, sites)
    if link is None and sites.several:
        # Aggregated records: any one item's site would name a third party as the feed's own.
        named = ", ".join(sites.names[: _Sites.NAMED])
        more = ", ..." if len(sites.names) > _Sites.NAMED else ""
        emit(
            _no_site_link(
                f"the feed's items come from several sites ({named}{more}),"
                " none of them the feed's own: it has no site link"
            )
        )
    elif link is None:
        emit(_no_site_link("the feed has no site link"))
    if settings.feed_url is None:
        emit(
            Diagnostic(
                FEED_PATH,
                None,
                None,
                "convert/feed-url",
                Severity.INFO,
                "the feed has no self link",
                hint=passing("feed_url"),
            )
        )
    seed = settings.feed_url or link or f"artconv:feed:{settings.feed_title}"
    return FeedHead(
        title=settings.feed_title,
        link=link,
        self_url=settings.feed_url,
        description=settings.feed_description or settings.feed_title,
        language=settings.language,
        updated=newest,
        id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}",
        authored=first is not None and not authors.unnamed,
    )


@contextmanager
def open_feed(
    name: str,
    declared: Mapping[str, type],
    records: Iterable[Record | Prepared[Rendered]],
    emit: Emit,
    options: Mapping[str, Any],
    render: Callable[[Item], Rendered],
) -> Iterator[tuple[FeedHead, Iterator[Row[Rendered]]]]:
    """Check options, build and order the items, and settle the head.

    Each item is rendered (``render(item)``) as soon as it is built: what the format prints,
    cleaned and formatted once, is what is sorted (spilled, if long) and yielded in a
    :class:`Row`, so the writer does no per-item preparation of its own. ``records`` may hold
    :class:`Prepared` items in place of records: they are taken as they are.

    Raises:
        ConverterError: an unknown or mistyped option.
    """
    settings = FeedSettings.from_options(check_options(name, declared, options))
    sites, authors = _Sites(), _Authors()
    built = _built(records, settings, emit, sites, authors)
    with FeedOrder(built, emit, settings.limit, render=render) as order:
        items = iter(order)
        first = next(items, None)
        head = _head(settings, first, order.newest, sites, authors, emit)
        yield head, itertools.chain((first,) if first else (), items)
