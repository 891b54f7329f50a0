"""Where a value was written in YAML front matter: JSON pointer -> 1-based (line, column).

Built on the node tree that :mod:`convert.loading.yaml_reader` keeps, and consulted only for
values that have a finding, so clean records never pay for it. JSON and TOML front matter have
their own locators (:mod:`convert.loading.json_front`, :mod:`convert.loading.toml_front`).
"""

from __future__ import annotations

from yaml.nodes import ScalarNode

from convert.loading.yaml_reader import YamlDocument, plain_scalar_kind
from convert.record import Position


class YamlLocator:
    """Positions in YAML front matter that starts on line ``first_line`` of the file."""

    def __init__(self, doc: YamlDocument, first_line: int, fence_line: int) -> None:
        self._doc = doc
        self._first_line = first_line
        self._fence_line = fence_line

    def __call__(self, pointer: str, *, key: bool = False) -> Position | None:
        if not pointer:
            return (self._fence_line, 1)
        key_node, node, found = self._doc.node_at(pointer)
        if not found or node is None:
            return (self._fence_line, 1)
        target = key_node if key and key_node is not None and found == pointer else node
        mark = target.start_mark
        return (mark.line + self._first_line, mark.column + 1)

    def written(self, pointer: str) -> str | None:
        """The text of the scalar at ``pointer`` as written in the file."""
        _, node, found = self._doc.node_at(pointer)
        value = getattr(node, "value", None) if found == pointer else None
        return value if isinstance(value, str) else None

    def boolean_words(self) -> list[str]:
        """Pointers of the booleans written as yes/no/on/off (YAML 1.1 readers only)."""
        return self._doc.boolean_words

    def unquoted(self, pointer: str) -> bool:
        """Whether the value at ``pointer`` is a scalar written without quotes: YAML reads only
        those as timestamps, numbers or booleans."""
        _, node, found = self._doc.node_at(pointer)
        return found == pointer and isinstance(node, ScalarNode) and not node.style

    def plain_kind(self, pointer: str) -> str | None:
        """What an unquoted scalar at ``pointer`` was read as, when not a string."""
        _, node, found = self._doc.node_at(pointer)
        return plain_scalar_kind(node) if found == pointer else None
