"""Building JSON values from composed YAML nodes, within limits.

The common case (plain string keys, string and number scalars) takes the shortest path; JSON
pointers are built only for containers and for values that have a finding. Aliases are followed
as they are met, so the value count and depth limits stop a "billion laughs" or a
self-referencing alias before any memory is spent on them.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from convert.diagnostics import FindingKind, Severity
from convert.loading import yaml_keys
from convert.loading.yaml_tags import (
    INT,
    MAX_INT_DIGITS,
    TAG,
    TYPE_NAMES,
    YamlIssue,
    collection_tag_issue,
    plain_scalar_kind,
    scalar_value,
)
from convert.pointer import escape_token

__all__ = [
    "MAX_DEPTH",
    "MAX_VALUES",
    "TAG",
    "TYPE_NAMES",
    "Builder",
    "LimitExceededError",
    "YamlIssue",
    "plain_scalar_kind",
]

FINDINGS = (
    FindingKind("yaml/duplicate-key", Severity.ERROR, "A key appears twice in one mapping."),
    FindingKind(
        "yaml/key-type",
        Severity.WARNING,
        "A key is not a plain string: a number, boolean or null (kept as the string "
        "written) or, an error, a list or mapping (its entry is ignored).",
    ),
    FindingKind("yaml/too-deep", Severity.ERROR, "Nesting exceeds the depth limit."),
    FindingKind(
        "yaml/too-large",
        Severity.ERROR,
        "Aliases expand to more values than the limit (an alias bomb).",
    ),
    FindingKind("yaml/merge", Severity.ERROR, "A merge key (<<) does not refer to a mapping."),
)

MAX_VALUES = 100_000
"""Values one front matter may produce once aliases are expanded."""
MAX_DEPTH = 64
"""Nesting depth of mappings and lists."""

_STR = TAG + "str"
_TIMESTAMP = TAG + "timestamp"
_MERGE = yaml_keys.MERGE_TAG
_SEQ = TAG + "seq"
_MAP = TAG + "map"


class LimitExceededError(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


class Builder:
    """Turns composed nodes into JSON data, enforcing the limits as it goes.

    The common case (plain string keys, string and number scalars) takes the shortest path;
    JSON pointers are built only for containers and for values that have a finding.
    """

    def __init__(self, issues: list[YamlIssue], first_line: int, text: str = "") -> None:
        self.issues = issues
        self.values = 0
        self.first_line = first_line
        self.text = text  # to find where keys written as aliases are, for duplicate-key findings
        self._written: dict[int, MappingNode] = {}  # merged mapping -> the mapping as written
        self._key_marks: dict[int, list[tuple[int, int]]] | None = None
        self.boolean_words: list[str] = []  # pointers of yes/no/on/off read as booleans

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
            if node.tag != _SEQ:
                self._collection_tag(node, pointer, "list")
            return [
                self.child(item, pointer, str(index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, MappingNode)
        if node.tag != _MAP:
            self._collection_tag(node, pointer, "mapping")
        return self.mapping(node, pointer, depth)

    def _collection_tag(self, node: Node, pointer: str, kind: str) -> None:
        self.issues.append(collection_tag_issue(node, pointer, kind))

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
            if (
                tag == INT
                and value.isascii()  # isdigit is true of "²", which int() refuses
                and value.isdigit()
                and (value[0] != "0" or value == "0")
                and len(value) <= MAX_INT_DIGITS
            ):
                return int(value)  # plain decimal; 0777 and 1_000 take the YAML 1.1 path
            return self.scalar(node, f"{parent}/{escape_token(token)}")
        return self.build(node, f"{parent}/{escape_token(token)}", depth)

    @staticmethod
    def _limit(
        rule: str, message: str, node: Node, pointer: str, hint: str = ""
    ) -> LimitExceededError:
        mark = node.start_mark
        return LimitExceededError(
            YamlIssue(rule, message, mark.line, mark.column, pointer, hint=hint)
        )

    def _too_large(self, node: Node, pointer: str) -> LimitExceededError:
        return self._limit(
            "yaml/too-large",
            f"front matter expands to more than {MAX_VALUES:,} values (aliases repeated too often)",
            node,
            pointer,
            hint="remove the repeated aliases",
        )

    def mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        pairs: list[tuple[Node, Node]] = node.value
        result: dict[str, Any] = {}
        issues_before, values_before = len(self.issues), self.values
        for pair in pairs:
            key_node, value_node = pair
            if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                key = key_node.value
            elif key_node.tag == _MERGE:
                # Start again over the merged pairs. What this pass found so far is found again
                # there, so it is forgotten here rather than reported twice.
                del self.issues[issues_before:]
                self.values = values_before
                return self._merged_mapping(node, pointer, depth)
            else:
                maybe_key = self.key(key_node, pointer)
                if maybe_key is None:
                    continue
                key = maybe_key
            if key in result:
                self._duplicate(node, pair, key, pointer)
            result[key] = self.child(value_node, pointer, key, depth + 1)
        return result

    def _too_deep(self, node: Node, pointer: str) -> LimitExceededError:
        return self._limit(
            "yaml/too-deep",
            f"front matter is nested more than {MAX_DEPTH} levels deep "
            "(or an alias refers to itself)",
            node,
            pointer,
        )

    def _merged_mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        def not_a_mapping(source: Node) -> None:
            self.issues.append(
                YamlIssue(
                    "yaml/merge",
                    "a merge key (<<) must refer to a mapping",
                    source.start_mark.line,
                    source.start_mark.column,
                    pointer,
                )
            )

        pairs = yaml_keys.flatten(
            node, depth, MAX_DEPTH, not_a_mapping, lambda: self._too_deep(node, pointer)
        )
        flattened = MappingNode(node.tag, pairs, node.start_mark, node.end_mark)
        self._written[id(flattened)] = node
        try:
            return self.mapping(flattened, pointer, depth)  # no merge key is left in it
        finally:
            del self._written[id(flattened)]

    def _duplicate(
        self, node: MappingNode, pair: tuple[Node, Node], key: str, pointer: str
    ) -> None:
        earlier = next(
            p for p in node.value if isinstance(p[0], ScalarNode) and str(p[0].value) == key
        )
        if earlier is pair:
            return
        # A key written as an alias is the anchored node itself, marked where the anchor is.
        if self._key_marks is None:
            self._key_marks = yaml_keys.written_key_marks(self.text) if self.text else {}
        original = self._written.get(id(node), node)
        marks = self._key_marks.get(original.start_mark.index, [])
        written = {id(p): mark for p, mark in zip(original.value, marks, strict=False)}
        first = written.get(id(earlier), _line_column(earlier[0]))
        again = written.get(id(pair), _line_column(pair[0]))
        self.issues.append(
            YamlIssue(
                "yaml/duplicate-key",
                f'duplicate key "{key}": first on line {first[0] + self.first_line}, '
                f"again on line {again[0] + self.first_line}; the last value is used",
                again[0],
                again[1],
                f"{pointer}/{escape_token(key)}",
                hint="remove one of them",
            )
        )

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
                    f"key {node.value or '~'} is read as {TYPE_NAMES.get(kind, kind)}, "
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
        return scalar_value(node, pointer, self.issues, self.boolean_words)


def _line_column(node: Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column
