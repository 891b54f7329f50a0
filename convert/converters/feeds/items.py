"""The one item model rss, atom and jsonfeed render: built once per record, here.

Building the item is where every feed decision lives, so the three formats cannot drift apart:
which fields are public (internal ones such as ``secured``, ``quality`` and ``heat`` have no slot
here, so they can never leak), which URLs are kept (made absolute by ``links``, or dropped with a
finding), which records are left out, and what a record without a readable date becomes. Findings
go to ``emit`` with the record's path and, when the loader knows it, the line of the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from convert.content import MAX_DEPTH, NestingError, article_html
from convert.converters import Emit
from convert.converters.feeds import parts
from convert.converters.feeds.links import UrlProblem, stable_id, web_url
from convert.converters.feeds.parts import Download, Video
from convert.converters.feeds.settings import FeedSettings, passing
from convert.converters.feeds.xml import xml_text
from convert.dates import parse_date
from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.record import Record
from convert.web_address import ready_url

FINDINGS = (
    FindingKind(
        "convert/incomplete",
        Severity.ERROR,
        "A record lacks a title, an http(s) link or a readable date: no feed item.",
    ),
    FindingKind(
        "convert/no-item",
        Severity.INFO,
        "A page its site profile gives no title, link or date (a section's list page, or one"
        " the profile reported) has no feed item.",
    ),
    FindingKind(
        "convert/unpublished",
        Severity.INFO,
        "A record with published: false is left out of the feed.",
    ),
    FindingKind(
        "convert/date",
        Severity.WARNING,
        "An updatedDateTime that cannot be read is left out of the feed item.",
    ),
    FindingKind(
        "convert/nested-body",
        Severity.WARNING,
        "A body whose elements nest deeper than browsers nest them (512) is left out of the"
        " feed item.",
    ),
)


class Image(NamedTuple):
    url: str
    width: int | None
    height: int | None
    title: str | None


class Item(NamedTuple):
    """What a feed says about one record. A tuple, so it pickles small when a sort spills."""

    id: str
    url: str | None
    title: str
    summary: str | None  # the excerpt, plain text
    content: str | None  # the body as sanitised HTML with absolute links, when there is one
    body_format: str  # the body's own format: "markdown", "html" or "text"
    published: datetime
    updated: datetime | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]  # topics, tags, categories, then the category; no repeats
    images: tuple[Image, ...]
    path: str
    body: str = ""  # the body as written, for formats that also carry text (JSON Feed)
    language: str | None = None  # the record's locale, when it is not the feed's language
    videos: tuple[Video, ...] = ()
    # A site page's generator ("jekyll", "hugo", "zola"; True for any), whose template tags
    # the body still holds: what carries text of the body reads it as the content does.
    templates: bool | str = False
    downloads: tuple[Download, ...] = ()
    # The addresses of the body's links to other pages of the site, by the tag as written
    # (a profile's answers, :mod:`convert.profiles.internal_links`)
    links: tuple[tuple[str, str], ...] = ()
    # The media type of what ``url`` opens, where it is known (a download's .csv is no page):
    # what Atom's alternate link says it is, or nothing.
    link_type: str | None = "text/html"


def finding(
    record: Record, rule: str, severity: Severity, message: str, pointer: str = ""
) -> Diagnostic:
    """A converter finding about ``record``, positioned at ``pointer`` when the loader knows it."""
    where = record.source.locate(pointer) if pointer else None
    line, column = where if where else (None, None)
    return Diagnostic(record.path, line, column, rule, severity, message, pointer)


def absolute_url(
    value: object, record: Record, pointer: str, settings: FeedSettings, emit: Emit
) -> str | None:
    """``value`` as an absolute http(s) URL, or ``None`` with a warning naming the problem."""
    url = web_url(value, settings)
    if isinstance(url, UrlProblem):
        problem = finding(record, url.rule, Severity.WARNING, f"{url.message}: left out", pointer)
        emit(problem.replace(hint=url.hint) if url.hint else problem)
        return None
    return url


def _date(record: Record, key: str, emit: Emit) -> datetime | str | None:
    """The date at ``key``; a sentence saying why it cannot be read; ``None`` when absent.

    The rule is the schema's date-time format (convert.dates): a date validation rejects is
    not read here either, and the other way round.
    """
    raw = record.meta.get(key)
    if raw is None:
        return None
    moment = parse_date(raw)
    if moment is None:
        return f"{key} {raw!r} is not an RFC 3339 date with a time zone"
    return moment


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _images(record: Record, settings: FeedSettings, emit: Emit) -> tuple[Image, ...]:
    images = record.meta.get("images")
    if not isinstance(images, list):
        return ()
    found = []
    for i, image in enumerate(images):
        if not isinstance(image, dict):
            continue
        url = image.get("url")
        if not (type(url) is str and ready_url(url)):  # else the usual URL, taken as it is
            url = absolute_url(url, record, f"/images/{i}/url", settings, emit)
        if url:
            title = image.get("title")
            if title is not None:
                title = _text(title)
            width, height = image.get("width"), image.get("height")
            found.append(
                Image(
                    url,
                    width if type(width) is int and width >= 0 else _int(width),
                    height if type(height) is int and height >= 0 else _int(height),
                    title,
                )
            )
    return tuple(found)


def _downloads(record: Record, settings: FeedSettings, emit: Emit) -> tuple[Download, ...]:
    """The files of the record's download ``actions`` (those of no other type), each address
    made absolute or left out with a finding, as an image's is."""
    actions = record.meta.get("actions")
    if not isinstance(actions, list):
        return ()
    found = []
    for i, action in enumerate(actions):
        if not isinstance(action, dict) or action.get("type") not in ("download", None):
            continue
        url = absolute_url(action.get("url"), record, f"/actions/{i}/url", settings, emit)
        if url:
            found.append(Download(url, _text(action.get("title")), parts.file_type(url)))
    return tuple(found)


def _link(
    record: Record, settings: FeedSettings, emit: Emit
) -> tuple[str | UrlProblem | None, bool]:
    """The item's link: ``webUrl`` (or an older record's ``sourceUrl``,
    :attr:`Record.link_name`), else ``originalUrl`` (videos carry that, see the schema); and
    whether it is the article's own page, which ``originalUrl``, a video or a file, is not.

    When ``webUrl`` is unusable and ``originalUrl`` stands in, a warning names the problem;
    when neither serves, the problem of the first one given is returned.
    """
    web = web_url(record.meta.get(record.link_name), settings)
    if isinstance(web, str):
        return web, True
    original = web_url(record.meta.get("originalUrl"), settings)
    if isinstance(original, str) and isinstance(web, UrlProblem):
        message = f"webUrl {web.message}: the item links to originalUrl instead"
        emit(finding(record, web.rule, Severity.WARNING, message, "/webUrl"))
    return (original, False) if isinstance(original, str) else (web or original, True)


def _leave_out(
    record: Record,
    url: str | UrlProblem | None,
    title: str | None,
    published: datetime | str | None,
    emit: Emit,
) -> None:
    """One error per thing an item cannot be written without: a title, a link, a date.

    RSS 2.0 and RFC 4287 both need them (an Atom entry with neither a link nor content is
    invalid, and one without a real date would be dated 1970), so the record is left out
    rather than written as a broken item.

    A field a site profile could not give the page (``missing`` of its mapped record) it
    reported already, or the page needs none (a section's list page): a note says the page
    has no item, where an error would report one cause twice.
    """
    meta = record.meta
    problems: list[tuple[str, str, str, str]] = []
    if not title:
        where = "/title" if "title" in meta else ""
        problems.append(("title", "no title", where, "add a title to the front matter"))
    if not isinstance(url, str):
        link = record.link_name
        key = link if link in meta or "originalUrl" not in meta else "originalUrl"
        if isinstance(url, UrlProblem):
            fix = "give an absolute http(s) URL" + (f", or {url.hint}" if url.hint else "")
            problems.append((key, f"{key} {url.message}", f"/{key}", fix))
        else:
            problems.append(("webUrl", "no link", "", "add webUrl (or originalUrl for a video)"))
    if not isinstance(published, datetime):
        where = "/publishedDateTime" if "publishedDateTime" in meta else ""
        problem = published or "no publishedDateTime"
        problems.append(
            ("publishedDateTime", problem, where, "use RFC 3339, e.g. 2020-02-20T20:00:00Z")
        )
    given_none: frozenset[str] = getattr(record, "missing", frozenset())
    profile = getattr(record, "profile", "site")
    for field, problem, pointer, hint in problems:
        if field in given_none:
            message = f"left out of the feed: the {profile} profile gives the page no {field}"
            emit(finding(record, "convert/no-item", Severity.INFO, message, pointer))
            continue
        message = f"left out of the feed: {problem}"
        emit(
            finding(record, "convert/incomplete", Severity.ERROR, message, pointer).replace(
                hint=hint
            )
        )


def build_item(record: Record, settings: FeedSettings, emit: Emit) -> Item | None:
    """The feed item for ``record``, or ``None`` when it is left out: unpublished (a note), or
    lacking a title, an http(s) link or a readable date (errors)."""
    meta = record.meta
    if meta.get("published") is False and not settings.include_unpublished:
        emit(
            finding(
                record,
                "convert/unpublished",
                Severity.INFO,
                "left out of the feed: published is false",
                "/published",
            ).replace(hint=f"{passing('include_unpublished')} to keep it")
        )
        return None
    get = meta.get
    url = get("webUrl")
    page = True  # the link is the article's own web page
    if not (type(url) is str and ready_url(url)):  # else the usual URL, taken as it is
        url, page = _link(record, settings, emit)
    published = _date(record, "publishedDateTime", emit)
    title = record.title
    if title and not title.isprintable():
        title = xml_text(title).strip()
    if not (isinstance(url, str) and title and isinstance(published, datetime)):
        _leave_out(record, url, title, published, emit)
        return None
    updated = _date(record, "updatedDateTime", emit) if "updatedDateTime" in meta else None
    if isinstance(updated, str):
        emit(
            finding(
                record, "convert/date", Severity.WARNING, f"{updated}: left out", "/updatedDateTime"
            )
        )
        updated = None
    excerpt = None
    if settings.content != "none":
        excerpt = record.field("excerpt")
        if type(excerpt) is str:  # cleaned as _text does, without its call (once per item)
            if not excerpt.isprintable():
                excerpt = xml_text(excerpt)
            excerpt = excerpt.strip() or None
        else:
            excerpt = _text(excerpt)
    body = record.body
    content = None
    templates: bool | str = False
    links: Mapping[str, str] | None = None
    if body and settings.content == "full":
        # A site's page: its generator's template tags go, as it would have replaced them.
        if record.site_page:
            templates = getattr(record, "profile", True)
            links = getattr(record, "links", None)
        content = _content(record, url, templates, links, emit)
    videos: tuple[Video, ...] = ()
    kind = get("type")
    if kind == "video" and (original := get("originalUrl")) is not None:
        videos = parts.videos(meta, _string_url(web_url(original, settings)))
    # Made as the tuple it is: Item's own constructor, a Python function, cost a quarter of a
    # microsecond more, some 4% of building an item without a body (the tests check the fields).
    return _new_item(
        Item,
        (
            stable_id(url, record, title),
            url,
            title.strip(),
            excerpt,
            content,
            record.body_format,
            published,
            updated,
            parts.authors(meta),
            parts.tags(meta),
            _images(record, settings, emit) if "images" in meta else (),
            record.path,
            body if content else "",
            parts.language(meta, settings.language),
            videos,
            templates if content else False,
            _downloads(record, settings, emit) if "actions" in meta else (),
            tuple(links.items()) if content and links else (),
            "text/html" if page and kind != "download" else _link_type(url, kind),
        ),
    )


_new_item = tuple.__new__


def _link_type(url: str, kind: object) -> str | None:
    """What an item's link opens, as far as it is known (:attr:`Item.link_type`), when it is
    not an article's ``webUrl``, which is its web page (``text/html``, decided without a call).

    A download's link may be the file itself (a ``.csv``), so only its name can tell, and a
    name that tells nothing leaves it untyped. A video's ``originalUrl`` is a file its name
    types (``.mp4``), else a player page, as the Atom writer takes a video address without a
    type for one.
    """
    if kind == "download":
        return parts.file_type(url)
    return parts.file_type(url) or "text/html"


def _content(
    record: Record,
    url: str,
    templates: bool | str,
    links: Mapping[str, str] | None,
    emit: Emit,
) -> str | None:
    """The body as the item's HTML, or None (with a warning) when its markup nests too deep
    for the sanitiser to parse in time: the item keeps its title, link and excerpt."""
    try:
        body, body_format = record.body, record.body_format
        content = article_html(body, body_format, url, templates=templates, links=links)
    except NestingError as exc:
        message = f"the body is left out of the feed item: {exc}"
        emit(
            Diagnostic(
                record.path,
                record.source.body_line,
                None,
                "convert/nested-body",
                Severity.WARNING,
                message,
                hint="close the body's elements, or nest them as a page would be read:"
                f" browsers build no element deeper than {MAX_DEPTH}",
            )
        )
        return None
    return xml_text(content) or None  # what the XML feeds would write, so JSON Feed too


def _text(value: object) -> str | None:
    """A text field as every format writes it: without the characters XML cannot carry (NUL
    and the other C0 controls, which JSON could), stripped; None when nothing is left."""
    if not isinstance(value, str):
        return None
    if not value.isprintable():
        value = xml_text(value)
    return value.strip() or None


def _string_url(url: str | UrlProblem | None) -> str | None:
    return url if isinstance(url, str) else None
