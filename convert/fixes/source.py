"""The text a fix edits, with a map from the loader's positions to offsets in that text.

The loader reads a BOM-less text with ``\\n`` line endings; fixes edit the file as it is. Both
have the same lines and columns (a ``\\r`` only ends a line, a BOM only precedes line 1), so a
YAML node's line and column lead straight to an offset in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from yaml.nodes import Node

from convert.diagnostics import Diagnostic
from convert.fixes.edits import Fix, region_of
from convert.loading.split import Split, split_front_matter
from convert.loading.yaml_reader import YamlDocument, read_yaml

BOM = "\ufeff"
Splitter = Callable[[str], Split]
"""BOM-less text with ``\\n`` line endings -> its front matter and body, by the rules of the
reader the findings came from (a site profile finds front matter after blank lines, or closed
by ``...``): a fix must see the front matter where the findings point."""
_AFTER_LINE_FEED = re.compile("(?<=\n)")


def file_lines(text: str) -> list[str]:
    """The text's lines with their endings, split at line feeds only.

    ``str.splitlines`` also splits at U+2028, NEL and form feeds, which are characters inside
    a line to every editor and to the loader's positions.
    """
    return [line for line in _AFTER_LINE_FEED.split(text) if line]


@dataclass(frozen=True)
class KnownKeys:
    """The top-level keys the findings' reader takes for fields: the schema's properties, and
    under a site profile the keys it maps. A line that starts with one of them is front
    matter; one with any other key (``Note: the minister resigned.``) may be body text.

    ``fold``: keys match in any letter case (Hugo lower-cases them); ``by`` names the
    knower in a hint ("the schema", "the schema or the hugo profile").
    """

    names: frozenset[str]
    fold: bool = False
    by: str = "the schema"

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        return (key.casefold() if self.fold else key) in self.names


@dataclass
class FixSource:
    """One record's text, split and (for YAML) composed once for all the fixes planned on it.

    ``known``: the keys the findings' reader knows (None: the article schema's); ``declined``
    collects, by finding, why a planner left a finding it answers (the hint to give instead).
    """

    text: str
    splitter: Splitter = split_front_matter
    known: KnownKeys | None = None
    line_starts: list[int] = field(init=False)
    declined: dict[Diagnostic, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        starts = [0]
        index = self.text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = self.text.find("\n", index + 1)
        self.line_starts = starts

    @property
    def bom(self) -> int:
        return 1 if self.text.startswith(BOM) else 0

    @cached_property
    def newline(self) -> str:
        """The file's own line ending, for lines a fix adds."""
        return "\r\n" if "\r\n" in self.text else "\n"

    @cached_property
    def split(self) -> Split:
        return self.splitter(self.text[self.bom :].replace("\r\n", "\n"))

    @cached_property
    def yaml(self) -> YamlDocument | None:
        """The composed YAML front matter, or None when it is not YAML or cannot be read."""
        split = self.split
        if split.kind != "yaml":
            return None
        doc = read_yaml(split.front_matter, split.front_matter_line + 1)
        return doc if doc.root is not None and doc.data is not None else None

    def offset(self, line: int, column: int) -> int | None:
        """The offset of a 1-based file line and column, or None when there is no such line."""
        if not 1 <= line <= len(self.line_starts):
            return None
        start = self.line_starts[line - 1] + (self.bom if line == 1 else 0)
        return start + column - 1

    def node_offsets(self, node: Node) -> tuple[int, int] | None:
        """Where a front-matter node starts and ends in the text."""
        fence = self.split.front_matter_line
        start = self.offset(fence + 1 + node.start_mark.line, node.start_mark.column + 1)
        end = self.offset(fence + 1 + node.end_mark.line, node.end_mark.column + 1)
        if start is None or end is None:
            return None
        return start, end

    def node(self, pointer: str) -> tuple[Node | None, Node | None]:
        """The key node and value node at ``pointer``, when it exists exactly."""
        doc = self.yaml
        if doc is None:
            return None, None
        key, node, found = doc.node_at(pointer)
        return (key, node) if found == pointer else (None, None)

    def line_end(self, offset: int) -> int:
        """The offset of the line break that ends the line holding ``offset`` (or the end)."""
        index = self.text.find("\n", offset)
        if index == -1:
            return len(self.text)
        return index - 1 if index > 0 and self.text[index - 1] == "\r" else index

    def make(
        self,
        start: int,
        end: int,
        replacement: str,
        *,
        safe: bool,
        finding: Diagnostic,
        description: str,
        also_at: tuple[str, ...] = (),
    ) -> Fix:
        """A fix over ``text[start:end]`` with its region computed."""
        region = region_of(self.text, start, end)
        return Fix(start, end, replacement, safe, finding, description, region, also_at)
