"""The record every consumer shares: metadata, body and where they came from. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol

from convert.diagnostics import Diagnostic
from convert.values import Value

FrontMatterKind = Literal["yaml", "toml", "json"]
BodyFormat = Literal["markdown", "html", "text"]
Position = tuple[int, int]

STDIN = "-"
"""The path that names standard input, for one record or a batch alike."""

OLDER_NAMES: Mapping[str, str] = {
    "excerpt": "abstract",
    "ampWebUrl": "ampUrl",
    "cdnAmpWebUrl": "cdnAmpUrl",
}
"""Fields the older generation of the aggregator sites wrote under another name (the schema
marks each such name ``x-older-name-of``). Their records are still published and valid, so
every reader takes the older name's value where the current field is absent."""


class Locator(Protocol):
    """Finds where a metadata value was written; see :mod:`convert.loading.positions`."""

    def __call__(self, pointer: str, *, key: bool = False) -> Position | None: ...


class Source(Value):
    """Where a record came from, and how to find a value's line and column in it.

    ``locate`` maps a JSON pointer into the metadata to a 1-based ``(line, column)`` in the file.
    It is computed lazily from the parsed front matter, so records that validate clean never pay
    for positions.
    """

    __slots__ = ("body_line", "front_matter", "front_matter_line", "locator", "path")
    _uncompared = frozenset({"locator"})
    path: str
    front_matter: FrontMatterKind | None
    front_matter_line: int
    body_line: int
    locator: Locator | None

    def __init__(
        self,
        path: str,
        front_matter: FrontMatterKind | None = None,
        front_matter_line: int = 1,
        body_line: int = 1,
        locator: Locator | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "path", path)
        put(self, "front_matter", front_matter)
        put(self, "front_matter_line", front_matter_line)
        put(self, "body_line", body_line)
        put(self, "locator", locator)

    def locate(self, pointer: str, *, key: bool = False) -> Position | None:
        """The position of the value (or its key) at ``pointer``.

        For a pointer that does not exist, the nearest existing ancestor's position is given;
        the empty pointer gives the opening fence of the front matter.
        """
        if self.locator is None:
            return None
        return self.locator(pointer, key=key)


class Record(Value):
    """An article record: front-matter metadata and a body.

    ``meta`` holds only JSON data (str, int, float, bool, None, list, dict) exactly as written:
    dates stay the strings in the file. ``problems`` are what the loader noticed while reading
    (bad encoding, YAML errors, duplicate keys); validation reports them with its own findings.
    ``intact`` is false when the metadata could not be read at all, so that validation does not
    pile "missing field" findings on top of the one that explains why.
    """

    __slots__ = ("body", "body_format", "intact", "meta", "problems", "source")
    meta: Mapping[str, Any]
    body: str
    source: Source
    body_format: BodyFormat
    problems: tuple[Diagnostic, ...]
    intact: bool

    def __init__(
        self,
        meta: Mapping[str, Any],
        body: str,
        source: Source,
        body_format: BodyFormat = "text",
        problems: tuple[Diagnostic, ...] = (),
        intact: bool = True,
    ) -> None:
        put = object.__setattr__
        put(self, "meta", meta)
        put(self, "body", body)
        put(self, "source", source)
        put(self, "body_format", body_format)
        put(self, "problems", problems)
        put(self, "intact", intact)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def has_front_matter(self) -> bool:
        return self.source.front_matter is not None

    @property
    def site_page(self) -> bool:
        """Whether this is a page a site profile read from a generator's sources (whose
        template tags the generator would have replaced): never for a record as written."""
        return False

    def field_name(self, name: str) -> str:
        """The key that serves as field ``name``: ``name``, or its older name
        (:data:`OLDER_NAMES`) where ``name`` is missing or empty (absent, null, "" or [], as
        the recommended-field check reads it) and the older one is written."""
        older = OLDER_NAMES.get(name)
        if older is not None and self.meta.get(name) in (None, "", []) and older in self.meta:
            return older
        return name

    def field(self, name: str) -> Any:
        """The value of field ``name``, or of its older name (:meth:`field_name`)."""
        return self.meta.get(self.field_name(name))

    @property
    def link_name(self) -> str:
        """The field holding the article's address: ``webUrl``, or ``sourceUrl`` in a record of
        the older generation, which writes neither ``webUrl`` nor ``originalUrl``. A current
        record writes both (null when empty), and its ``sourceUrl`` is the address of its page
        in the sites' JSON API, no link to give the article."""
        meta = self.meta
        if (
            "webUrl" not in meta
            and "originalUrl" not in meta
            and isinstance(meta.get("sourceUrl"), str)
        ):
            return "sourceUrl"
        return "webUrl"

    @property
    def title(self) -> str | None:
        """The metadata title when it is a non-empty string."""
        value = self.meta.get("title")
        return value if isinstance(value, str) and value.strip() else None
