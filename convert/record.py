"""The record every consumer shares: metadata, body and where they came from. No I/O here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from convert.diagnostics import Diagnostic

FrontMatterKind = Literal["yaml", "toml", "json"]
BodyFormat = Literal["markdown", "html", "text"]
Position = tuple[int, int]


@dataclass(frozen=True)
class Source:
    """Where a record came from, and how to find a value's line and column in it.

    ``locate`` maps a JSON pointer into the metadata to a 1-based ``(line, column)`` in the file.
    It is computed lazily from the parsed front matter, so records that validate clean never pay
    for positions.
    """

    path: str
    front_matter: FrontMatterKind | None = None
    front_matter_line: int = 1
    body_line: int = 1
    locator: Callable[[str], Position | None] | None = field(
        default=None, repr=False, compare=False
    )

    def locate(self, pointer: str) -> Position | None:
        """The position of the value at ``pointer``, the nearest ancestor's if it is missing."""
        if self.locator is None:
            return None
        return self.locator(pointer)


@dataclass(frozen=True)
class Record:
    """An article record: front-matter metadata and a body.

    ``meta`` holds only JSON data (str, int, float, bool, None, list, dict) exactly as written:
    dates stay the strings in the file. ``problems`` are what the loader noticed while reading
    (bad encoding, YAML errors, duplicate keys); validation reports them with its own findings.
    """

    meta: Mapping[str, Any]
    body: str
    source: Source
    body_format: BodyFormat = "text"
    problems: tuple[Diagnostic, ...] = ()

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def has_front_matter(self) -> bool:
        return self.source.front_matter is not None

    @property
    def title(self) -> str | None:
        """The metadata title when it is a non-empty string."""
        value = self.meta.get("title")
        return value if isinstance(value, str) and value.strip() else None
