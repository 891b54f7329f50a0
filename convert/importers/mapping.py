"""One feed entry -> the metadata and body of an article record.

Field names are the article schema's: ``title``, ``excerpt``, ``publishedDateTime`` and
``updatedDateTime`` (RFC 3339, the feed's own offset), ``webUrl``, ``provider {name, domain,
authors}`` from the feed, ``topics`` from categories, ``images`` with their sizes, ``locale``.
``webUrl`` loses the tracking parameters feed generators append (:mod:`tracking`), and is
the article's own address where FeedBurner gives it beside its redirect.
An entry's first video enclosure makes it a video (``type: video``, ``originalUrl``); the
files it offers for download are its ``actions`` (``type: download`` when it carries nothing
else); its other files are links after the body (:mod:`media`). A field the feed does not have
is left out rather than invented, with a finding where the schema needs it. The summary is the
excerpt and the content the body; an entry with only a summary has no body, unless that
summary is HTML holding a whole article (many generators put the post in RSS's
``<description>``): then it is the body, and there is no excerpt. A summary that is the cut-off
start of its article (WordPress in summary mode) is an excerpt however long, and an excerpt
loses the read-more link and the "appeared first on" footer blogs end it with (:mod:`teasers`),
and the picture it opens with is the record's image (:mod:`featured`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from convert.content.nesting import MAX_DEPTH, too_nested
from convert.content.sanitise import sanitise_html
from convert.diagnostics import FindingKind, Severity
from convert.importers.bodies import (
    escape_markup,
    html_to_markdown,
    html_to_text,
    is_article,
    text_to_html,
)
from convert.importers.dates import read_feed_date
from convert.importers.entries import (
    Enclosure,
    FeedDateText,
    FeedEntry,
    FeedInfo,
    Image,
    Text,
    content_digest,
    is_web,
)
from convert.importers.escaping import without_marks
from convert.importers.featured import is_among, lead_image
from convert.importers.media import actions, placed, with_files
from convert.importers.preparing import prepare_html
from convert.importers.teasers import read_summary
from convert.importers.tracking import without_tracking
from convert.web_address import ascii_domain, host_problem, with_slashes, written_url

FINDINGS = (
    FindingKind(
        "import/date",
        Severity.WARNING,
        "An entry's date cannot be read as written (or was read with a guess).",
    ),
    FindingKind(
        "import/no-title",
        Severity.WARNING,
        "An entry has no title (the start of its text stands in, when there is one).",
    ),
    FindingKind("import/no-date", Severity.WARNING, "An entry has no publish date."),
    FindingKind(
        "import/nested-body",
        Severity.WARNING,
        "An entry's content nests its elements deeper than a body can be converted: the record"
        " is written without it.",
    ),
    FindingKind(
        "import/no-link",
        Severity.WARNING,
        "An entry has no http(s) link, so the record has no webUrl.",
    ),
)

BodyMode = Literal["markdown", "html"]
Note = Callable[[Severity, str, str], None]
"""``note(severity, rule, message)``: how the mapping reports what it could not carry over."""

_DOMAIN = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_LOCALE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TITLE_FROM_TEXT = 100


@dataclass(frozen=True)
class Mapped:
    """An entry as record content, plus what later steps need to name and place it."""

    meta: dict[str, Any]
    body: str
    body_format: Literal["markdown", "html", "text"]
    identity: str  # webUrl, else the entry id, else the digest of its content
    entry_id: str | None
    published: datetime | None
    updated: datetime | None
    digest: str | None = None  # content_digest, for an entry with neither link nor id
    aliases: tuple[str, ...] = ()  # other addresses of the entry (FeedBurner's redirect)


def clean(text: str) -> str:
    """Control characters (other than tab and line breaks) out: YAML cannot hold them."""
    return _CONTROL.sub("", text)


def absolute(url: str | None, base: str | None) -> str | None:
    """``url`` joined to ``base`` when relative; ``None`` when it still is not http(s)."""
    if not url:
        return None
    # Backslashes before the query are slashes to a browser, so they are before the join too.
    url = with_slashes(clean(url).strip())
    if not is_web(url) and base and is_web(base):
        try:
            url = urljoin(base, url)
        except ValueError:  # "https://[broken" and the like: not a usable address
            return None
    if url.startswith("//"):
        url = "https:" + url  # protocol-relative, with no page to take the scheme from
    # Written as the feeds write links (RFC 3986's characters, the domain in ASCII), so that the
    # schema's uri format and the validator's host rule take it; None for a host no one opens.
    return written_url(url) if is_web(url) else None


def web_base(url: str) -> str | None:
    """``url`` as written when it can be a base for relative links: an absolute http(s)
    address a browser opens; ``None`` otherwise (relative, ``ftp:``, ``javascript:``)."""
    text = with_slashes(clean(url).strip())
    return absolute(text, None) if is_web(text) else None


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, in the ASCII form the schema's pattern wants."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = ascii_domain(host.removeprefix("www."))
    return host if host is not None and _DOMAIN.match(host) else None


def _plain(text: Text | None) -> str | None:
    if text is None:
        return None
    value = html_to_text(text.value) if text.html else text.value.strip()
    return clean(value) or None


def _date(date: FeedDateText | None, label: str, note: Note) -> tuple[str | None, datetime | None]:
    if date is None:
        return None, None
    read = read_feed_date(date.raw, date.parsed)
    if read.note:
        note(
            Severity.WARNING if read.unreadable else Severity.INFO,
            "import/date",
            f"{label} {read.note}",
        )
    return read.value, read.moment


MARKDOWN_DEPTH = 256
"""The deepest nesting converted to Markdown: markdownify walks the tree recursively, and past
some 400 elements deep Python's stack ends it (a RecursionError lost the whole import)."""


def _body(
    content: Text | None, mode: BodyMode, base: str | None, note: Note
) -> tuple[str, Literal["markdown", "html", "text"]]:
    if content is None or not content.value.strip():
        return "", "markdown"
    if content.html:
        deepest = MAX_DEPTH if mode == "html" else MARKDOWN_DEPTH
        problem = too_nested(content.value, deepest)
        if problem is not None:
            # A feed's content built to nest thousands deep also takes the sanitiser minutes.
            note(Severity.WARNING, "import/nested-body", f"the content is left out: {problem}")
            return "", "markdown"
    if not content.html:
        text = clean(content.value).strip()
        if mode == "markdown":
            # Plain text in a Markdown file: "<p>" must stay the four characters it is.
            return escape_markup(text), "markdown"
        return text_to_html(text), "html"
    if mode == "html":
        return clean(
            sanitise_html(prepare_html(without_marks(content.value)), base)
        ).strip(), "html"
    return clean(html_to_markdown(content.value, base)), "markdown"


def _image(image: Image, base: str | None) -> dict[str, Any] | None:
    url = absolute(image.url, base)
    if url is None:  # relative with nothing to resolve it against, or not an address at all
        return None
    item: dict[str, Any] = {"url": url}
    if image.width is not None:
        item["width"] = image.width
    if image.height is not None:
        item["height"] = image.height
    if image.title:
        item["title"] = clean(image.title)
    return item


def map_entry(entry: FeedEntry, feed: FeedInfo, mode: BodyMode, note: Note) -> Mapped:
    """The record content of ``entry``; ``note`` hears about everything left out or guessed."""
    base = feed.link or feed.base
    meta: dict[str, Any] = {}
    title = _plain(entry.title)
    summary, content = entry.summary, entry.content
    link, aliases = _links(entry, base)
    lead: Image | None = None
    if summary is not None and summary.html:
        pages = [page for page in (link, *aliases, entry.id) if page and is_web(page)]
        read = read_summary(summary.value, pages)
        if content is None and not read.teaser and is_article(summary.value):
            summary, content = None, summary
        else:
            summary = Text(read.html, html=True)
            lead = lead_image(read.html)  # the excerpt is text: its picture would be lost
    excerpt = _plain(summary)
    body, body_format = _body(content, mode, link or base, note)
    if title is None:
        source = excerpt or _plain(content) or ""
        source = " ".join(source.split())
        if source:
            title = (
                source
                if len(source) <= TITLE_FROM_TEXT
                else (source[: TITLE_FROM_TEXT - 1].rstrip() + "…")
            )
            note(
                Severity.INFO,
                "import/no-title",
                f"no title: the start of the text stands in: {title!r}",
            )
        else:
            note(Severity.WARNING, "import/no-title", "no title and no text to take one from")
    if title:
        meta["title"] = title
    if excerpt:
        meta["excerpt"] = excerpt
    published, published_at = _date(entry.published, "publish date", note)
    updated, updated_at = _date(entry.updated, "update date", note)
    if published:
        meta["publishedDateTime"] = published
    else:
        note(
            Severity.WARNING,
            "import/no-date",
            "no publish date: the record gets none (the schema requires one)",
        )
    if updated and updated != published:
        meta["updatedDateTime"] = updated
    entry_id = clean(entry.id).strip() if entry.id else None
    if link is None and entry_id and is_web(entry_id):
        link = written_url(entry_id)  # an Atom id or RSS guid that is a permalink
    if link:
        link = without_tracking(link)
        meta["webUrl"] = link
    video, files, downloads = placed(entry.enclosures, lambda url: absolute(url, link or base))
    images = _images(entry, lead, link or base)
    offered = _actions(downloads, images)
    if video or ((files or offered) and not link):
        # The schema's link for a video, and for an item with no page of its own (RSS
        # items need no <link>: a podcast episode may be its audio file alone).
        meta["originalUrl"] = video or [*(f.url for f in files), *(a["url"] for a in offered)][0]
    if video:
        meta["type"] = "video"
    elif offered and not files:
        meta["type"] = "download"  # an item that offers files and carries no other
    if files:
        body_format = "html" if mode == "html" else "markdown"
        body = with_files(body, files, body_format)
    if not link:
        _no_link(entry.link, meta.get("originalUrl"), base, note)
    provider = _provider(feed, link, entry)
    if provider:
        meta["provider"] = provider
    topics = [clean(tag) for tag in entry.tags if clean(tag).strip()]
    if topics:
        meta["topics"] = topics
    if images:
        meta["images"] = images
    if offered:
        meta["actions"] = offered
    if feed.language and _LOCALE.match(feed.language):
        meta["locale"] = feed.language
    digest = None if link or entry_id else content_digest(entry)
    identity = link or entry_id or f"digest:{digest}"
    return Mapped(
        meta,
        body,
        body_format,
        identity,
        entry_id,
        published_at,
        updated_at or published_at,
        digest,
        aliases,
    )


def _images(entry: FeedEntry, lead: Image | None, base: str | None) -> list[dict[str, Any]]:
    """The entry's images, and first the one its excerpt opened with (``lead``) unless they
    hold that picture already."""
    images = [i for i in (_image(image, base) for image in entry.images) if i]
    featured = _image(lead, base) if lead is not None else None
    if featured and not is_among(featured["url"], (i["url"] for i in images)):
        images.insert(0, featured)  # the picture the site shows the post by
    return images


def _actions(downloads: list[Enclosure], images: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The record's ``actions``: the files the entry offers, titled as the feed titles them,
    less any the images hold."""
    titled = [replace(d, title=clean(d.title).strip() or None) if d.title else d for d in downloads]
    return actions(titled, {image["url"] for image in images})


def _links(entry: FeedEntry, base: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The entry's address (without tracking parameters), and the other one the feed gives
    it, under which an earlier import may have recorded it.

    FeedBurner feeds link every entry to a redirect (``feedproxy.google.com/~r/...``, dead
    since 2022) and give the article's own address in ``feedburner:origLink``, often with
    ``utm_`` parameters of FeedBurner's own: that address is the entry's, where it is an
    absolute http(s) one. Each redirect is unique to its entry, so a record written under it
    is the same entry."""
    link = absolute(entry.link, base)
    link = without_tracking(link) if link else None
    original = absolute(entry.original_link, None) if entry.original_link else None
    if original is None:
        return link, ()
    original = without_tracking(original)
    return original, (link,) if link and link != original else ()


def _no_link(written: str | None, original: str | None, base: str | None, note: Note) -> None:
    """The warning for an entry with no usable link: why the feed's is none, and whether
    its enclosure's ``originalUrl`` links the record (the schema then needs no ``webUrl``).

    A site-relative link (``/2021/01/02/post/``) in a feed file that names no site of its own
    is the common case, and the one the user can mend: the warning says to give the site's
    address with ``--base-url``. A protocol-relative link (``//host/post``) was read as https
    already, so only its host can be wrong, and no base address would change that."""
    shown = advice = ""
    if written:
        text = with_slashes(clean(written).strip())
        if _relative(text) and not (base and is_web(base)):
            problem = "is relative and the feed gives no site address to join it to"
            advice = "; pass the site's address as --base-url https://SITE/"
        else:
            why = host_problem("https:" + text if text.startswith("//") else text)
            problem = f"has {why}" if why else "is not an http(s) address a browser opens"
        shown = f" ({written!r} {problem})"
    need = "its enclosure, originalUrl, links it" if original else "the schema requires one"
    note(
        Severity.WARNING,
        "import/no-link",
        f"no link{shown}: the record has no webUrl ({need}){advice}",
    )


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _relative(url: str) -> bool:
    """Whether ``url`` is a relative reference that joins to a path of a site: no scheme and
    no ``//`` authority of its own (RFC 3986, section 4.2)."""
    return bool(url) and not url.startswith("//") and _SCHEME.match(url) is None


def _provider(feed: FeedInfo, link: str | None, entry: FeedEntry) -> dict[str, Any] | None:
    domain = domain_of(feed.link) or domain_of(link)
    name = clean(feed.title).strip() if feed.title else None
    name = name or domain
    if not name:
        return None
    provider: dict[str, Any] = {"name": name}
    if domain:
        provider["domain"] = domain
    authors = []
    for author in entry.authors:
        party: dict[str, Any] = {"name": clean(author.name)}
        if author.url and (url := absolute(author.url, feed.link)):
            party["url"] = url
        authors.append(party)
    if authors:
        provider["authors"] = authors
    return provider
