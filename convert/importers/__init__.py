"""Feeds -> article records: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed.

``import_feed`` is the library's way in; ``artconv import`` adds writing into a folder
(:mod:`convert.importers.writing`). The modules each do one step: :mod:`fetching` (files, stdin,
URLs, with limits), :mod:`guard` (hostile XML), :mod:`parsing` and :mod:`jsonfeed` (formats),
:mod:`mapping` (entry -> schema fields), :mod:`dates`, :mod:`bodies` and :mod:`sanitise` (text),
:mod:`naming` (file names), :mod:`rendering` (file text), :mod:`existing` and :mod:`writing`.
"""

from __future__ import annotations

from collections.abc import Iterator

from convert.errors import ConvertError
from convert.importers.reading import Emit, ImportOptions, Layout, ignore, read_feed
from convert.record import Record

__all__ = ["ImportOptions", "import_feed", "require_import_extra"]

EXTRA_MODULES = ("feedparser", "markdownify")
"""The modules of the ``import`` extra (nh3, which it uses too, is a core dependency)."""


class MissingExtraError(ConvertError):
    """The optional packages the importer needs are not installed."""


def require_import_extra() -> None:
    """Fail early, with the install command, when the ``import`` extra is missing.

    Raises:
        MissingExtraError: naming the missing packages.
    """
    import importlib.util

    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(
            f"importing feeds needs {', '.join(missing)}: pip install 'article-convert[import]'"
        )


def import_feed(
    source: str,
    *,
    body: str = "markdown",
    layout: Layout = "flat",
    limit: int | None = None,
    emit: Emit = ignore,
    max_bytes: int | None = None,
    timeout: float | None = None,
    base_url: str | None = None,
) -> Iterator[Record]:
    """The entries of a feed as article records, in feed order.

    Args:
        source: a feed file's path, ``"-"`` for standard input, or an http(s) URL.
        body: ``"markdown"`` converts HTML content to Markdown; ``"html"`` keeps it, sanitised.
        layout: ``"dated"`` starts each record's file name with its publish date.
        limit: at most this many entries, from the top of the feed.
        emit: receives findings (an unreadable or hostile feed, entries without a date, ...).
        max_bytes: refuse larger feeds (default 50 MiB).
        timeout: seconds to wait for a URL (default 30).
        base_url: the address relative links are resolved against, in place of the
            feed's own (a feed read from a file has none).

    Each record's ``path`` is the file name ``artconv import`` would give it.

    Raises:
        MissingExtraError: the ``import`` extra is not installed.
        ValueError: ``body`` is neither format, or ``base_url`` is no absolute http(s) address.
    """
    require_import_extra()
    if body not in ("markdown", "html"):
        raise ValueError(f"body must be 'markdown' or 'html', not {body!r}")
    if base_url is not None:
        from convert.importers.mapping import web_base

        checked = web_base(base_url)
        if checked is None:
            raise ValueError(f"base_url must be an absolute http(s) address, not {base_url!r}")
        base_url = checked
    defaults = ImportOptions()
    options = ImportOptions(
        body="html" if body == "html" else "markdown",
        layout=layout,
        limit=limit,
        max_bytes=defaults.max_bytes if max_bytes is None else max_bytes,
        timeout=defaults.timeout if timeout is None else timeout,
        base_url=base_url,
    )
    for entry in read_feed(source, options, emit):
        for finding in entry.findings:
            emit(finding)
        if entry.record is not None:
            yield entry.record
