"""Building JSON values from composed YAML nodes, within limits.

The common case (plain string keys, string and number scalars) takes the shortest path; JSON
pointers are built only for containers and for values that have a finding. Aliases are followed
as they are met, so the value count and depth limits stop a "billion laughs" or a
self-referencing alias before any memory is spent on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from convert.pointer import escape_token

MAX_VALUES = 100_000
"""Values one front matter may produce once aliases are expanded."""
MAX_DEPTH = 64
"""Nesting depth of mappings and lists."""

TAG = "tag:yaml.org,2002:"
_STR = TAG + "str"
_TIMESTAMP = TAG + "timestamp"
_MERGE = TAG + "merge"
_INT = TAG + "int"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

TYPE_NAMES = {"bool": "a boolean", "int": "an integer", "float": "a number", "null": "null"}


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while reading YAML, with a 0-based position inside the YAML text."""

    rule: str
    message: str
    line: int | None
    column: int | None
    pointer: str = ""
    hint: str = ""
    error: bool = True


class LimitExceededError(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue



class Builder:
    """Turns composed nodes into JSON data, enforcing the limits as it goes.

    The common case (plain string keys, string and number scalars) takes the shortest path;
    JSON pointers are built only for containers and for values that have a finding.
    """

    def __init__(self, issues: list[YamlIssue], first_line: int) -> None:
        self.issues = issues
        self.values = 0
        self.first_line = first_line

    def build(self, node: Node, pointer: str, depth: int) -> Any:
        """The value of ``node``, whose JSON pointer is ``pointer``."""
        self.values += 1
        if self.values > MAX_VALUES:
            raise self._too_large(node, pointer)
        if node.__class__ is ScalarNode:
            tag = node.tag
            if tag in (_STR, _TIMESTAMP):
                # Timestamps stay the exact text written: JSON has no date type.
                return node.value
            return self.scalar(node, pointer)
        if depth >= MAX_DEPTH:
            raise self._too_deep(node, pointer)
        if isinstance(node, SequenceNode):
            return [self.child(item, pointer, str(index), depth + 1)
                    for index, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.mapping(node, pointer, depth)

    def child(self, node: Node, parent: str, token: str, depth: int) -> Any:
        """Like :meth:`build`, building the pointer only for containers and findings."""
        if node.__class__ is ScalarNode:
            self.values += 1
            if self.values > MAX_VALUES:
                raise self._too_large(node, f"{parent}/{escape_token(token)}")
            tag = node.tag
            if tag in (_STR, _TIMESTAMP):
                return node.value
            value = node.value
            if tag == _INT and value.isdigit() and (value[0] != "0" or value == "0"):
                return int(value)  # plain decimal; 0777 and 1_000 take the YAML 1.1 path
            return self.scalar(node, f"{parent}/{escape_token(token)}")
        return self.build(node, f"{parent}/{escape_token(token)}", depth)

    @staticmethod
    def _limit(rule: str, message: str, node: Node, pointer: str,
               hint: str = "") -> LimitExceededError:
        mark = node.start_mark
        return LimitExceededError(YamlIssue(rule, message, mark.line, mark.column, pointer,
                                            hint=hint))

    def _too_large(self, node: Node, pointer: str) -> LimitExceededError:
        return self._limit(
            "yaml/too-large",
            f"front matter expands to more than {MAX_VALUES:,} values (aliases repeated too often)",
            node, pointer, hint="remove the repeated aliases")

    def mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        pairs: list[tuple[Node, Node]] = node.value
        result: dict[str, Any] = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag == _MERGE:
                return self._merged_mapping(node, pointer, depth)
            else:
                maybe_key = self.key(key_node, pointer)
                if maybe_key is None:
                    continue
                key = maybe_key
            if key in result:
                self._duplicate(pairs, key_node, key, pointer)
            result[key] = self.child(value_node, pointer, key, depth + 1)
        return result

    def _too_deep(self, node: Node, pointer: str) -> LimitExceededError:
        return self._limit(
            "yaml/too-deep",
            f"front matter is nested more than {MAX_DEPTH} levels deep "
            "(or an alias refers to itself)",
            node, pointer)

    def _merged_mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        if depth >= MAX_DEPTH:  # a mapping that merges itself would flatten forever
            raise self._too_deep(node, pointer)
        flattened = MappingNode(node.tag, list(self._flatten_merges(node, pointer)),
                                node.start_mark, node.end_mark)
        return self.mapping(flattened, pointer, depth + 1)  # a merge may refer to itself

    def _duplicate(self, pairs: list[tuple[Node, Node]], key_node: Node, key: str,
                   pointer: str) -> None:
        earlier = next(k for k, _ in pairs if isinstance(k, ScalarNode) and str(k.value) == key)
        if earlier is key_node:
            return
        self.issues.append(
            YamlIssue(
                "yaml/duplicate-key",
                f'duplicate key "{key}": first on line '
                f"{earlier.start_mark.line + self.first_line}, again on line "
                f"{key_node.start_mark.line + self.first_line}; the last value is used",
                key_node.start_mark.line,
                key_node.start_mark.column,
                f"{pointer}/{escape_token(key)}",
                hint="remove one of them",
            )
        )

    def _flatten_merges(self, node: MappingNode, pointer: str) -> Iterator[tuple[Node, Node]]:
        """Apply YAML merge keys (``<<: *defaults``): merged keys first, explicit ones win."""
        merged: list[tuple[Node, Node]] = []
        explicit: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    if isinstance(source, MappingNode):
                        merged.extend(source.value)
                    else:
                        self.issues.append(
                            YamlIssue(
                                "yaml/merge",
                                "a merge key (<<) must refer to a mapping",
                                source.start_mark.line,
                                source.start_mark.column,
                                pointer,
                            )
                        )
            else:
                explicit.append((key_node, value_node))
        if merged:
            explicit_keys = {k.value for k, _ in explicit if isinstance(k, ScalarNode)}
            yield from ((k, v) for k, v in merged if k.value not in explicit_keys)
        yield from explicit

    def key(self, node: Node, pointer: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.issues.append(
                YamlIssue(
                    "yaml/key-type",
                    "a key must be a plain string, not a list or mapping",
                    node.start_mark.line,
                    node.start_mark.column,
                    pointer,
                    hint="use a string key; this entry is ignored",
                )
            )
            return None
        kind = node.tag[len(TAG) :] if node.tag.startswith(TAG) else node.tag
        if kind not in ("str", "timestamp") and not node.style:
            self.issues.append(
                YamlIssue(
                    "yaml/key-type",
                    f'key {node.value or "~"} is read as {TYPE_NAMES.get(kind, kind)}, '
                    "not a string; it is kept as the string written",
                    node.start_mark.line,
                    node.start_mark.column,
                    pointer,
                    hint=f'quote it: "{node.value}"',
                    error=False,
                )
            )
        return str(node.value)

    def scalar(self, node: ScalarNode, pointer: str) -> Any:
        tag = node.tag
        if tag == TAG + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == TAG + "bool":
            return _CONSTRUCTOR.bool_values[node.value.lower()]
        if tag == TAG + "null":
            return None
        if tag == TAG + "float":
            value = _CONSTRUCTOR.construct_yaml_float(node)
            if value == value and value not in (float("inf"), float("-inf")):
                return value
            reason = f"{node.value} is not a JSON number"
        elif tag.startswith(TAG):
            reason = f"!!{tag[len(TAG):]} values have no JSON form"
        else:
            reason = f"the tag {tag} is not understood"
        self.issues.append(
            YamlIssue(
                "yaml/value-type",
                f"{reason}; the text is kept as a string",
                node.start_mark.line,
                node.start_mark.column,
                pointer,
                hint="write a plain string or number",
                error=False,
            )
        )
        return node.value

def plain_scalar_kind(node: Node | None) -> str | None:
    """For an unquoted scalar read as something other than a string, what it was read as.

    Used to explain YAML 1.1 surprises: ``NO`` is a boolean, ``010`` is the integer 8.
    """
    if not isinstance(node, ScalarNode) or node.style:  # libyaml gives "" for plain scalars
        return None
    kind = node.tag[len(TAG) :] if node.tag.startswith(TAG) else None
    return kind if kind in TYPE_NAMES else None
