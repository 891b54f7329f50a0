"""The YAML reader for front matter: JSON values exactly as written, with positions and limits.

PyYAML's SafeLoader turns ``2020-02-20T20:00:00Z`` into a ``datetime``, keeps the last of two
duplicate keys without a word, accepts any scalar as a key and expands aliases without bound. Here
libyaml composes the node tree (fast, and every node keeps its line and column) and a small
constructor of our own turns it into JSON data:

- timestamps stay the exact strings written; keys become strings;
- duplicate keys, non-string keys and non-JSON values (``.nan``, ``!!binary``) are findings;
- alias expansion, nesting depth and cycles are bounded, so a "billion laughs" costs nothing.

The node tree is kept so that positions are computed only for values that have a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_VALUES = 100_000
"""Values one front matter may produce once aliases are expanded."""
MAX_DEPTH = 64
"""Nesting depth of mappings and lists."""

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_TIMESTAMP = _TAG + "timestamp"
_MERGE = _TAG + "merge"
_INT = _TAG + "int"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_DEPTH},}}\S", re.MULTILINE)

class _Loader(_BaseLoader):
    """The safe loader with a leaner tag resolver.

    libyaml calls back into Python to resolve every node's tag. Path resolvers (which we never
    register) cost two extra calls per node; without them resolution gives the same tags as
    the safe loader (tested) and composing is about 15% faster.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _TAG + ("seq" if kind is SequenceNode else "map")


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


class _LimitExceededError(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@dataclass
class YamlDocument:
    """The outcome of reading one YAML front matter.

    ``data`` is ``None`` when nothing usable could be read (syntax error, limit exceeded); the
    reason is then among ``issues``.
    """

    data: Any
    issues: list[YamlIssue] = field(default_factory=list)
    root: Node | None = None

    def node_at(self, pointer: str) -> tuple[Node | None, Node | None, str]:
        """The key node and value node at ``pointer``, and the part of it that was found.

        When the pointer does not resolve all the way, the deepest existing ancestor is given.
        """
        key: Node | None = None
        node = self.root
        found = ""
        for token in split_pointer(pointer):
            child_key, child = _child(node, token)
            if child is None:
                break
            key, node = child_key, child
            found += "/" + escape_token(token)
        return key, node, found


def split_pointer(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _child(node: Node | None, token: str) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        match: tuple[Node | None, Node | None] = (None, None)
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == token:
                match = (key_node, value_node)  # the last duplicate wins, as in the data
        return match
    if isinstance(node, SequenceNode) and token.isdigit():
        index = int(token)
        if index < len(node.value):
            return None, node.value[index]
    return None, None


def read_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document into JSON data, collecting findings instead of raising.

    ``first_line`` is the file line the text starts on; messages that name a second line use it.
    """
    guard = _depth_guard(text)
    if guard is not None:
        return YamlDocument(None, [guard])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return YamlDocument(None, [_syntax_issue(exc)])
    except yaml.YAMLError as exc:  # errors without a mark, e.g. from the reader
        return YamlDocument(None, [YamlIssue("yaml/syntax", _first_line(str(exc)), None, None)])
    doc = YamlDocument(None, root=root)
    if root is None:
        return doc
    builder = _Builder(doc.issues, first_line)
    try:
        doc.data = builder.build(root, "", 0)
    except _LimitExceededError as exc:
        doc.issues.append(exc.issue)
        doc.data = None
    return doc


def _syntax_issue(exc: yaml.MarkedYAMLError) -> YamlIssue:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = 'a value containing ": " must be quoted'
    elif "found character '\\t'" in problem:
        hint = "indent with spaces, not tabs"
    line = mark.line if mark is not None else None
    column = mark.column if mark is not None else None
    return YamlIssue("yaml/syntax", f"YAML syntax error: {problem}", line, column, hint=hint)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "invalid YAML"


def _depth_guard(text: str) -> YamlIssue | None:
    """Refuse nesting deeper than MAX_DEPTH before libyaml's recursive composer sees it.

    A cheap test first (enough brackets, or deep indentation); only then an exact count over
    parser events, which is iterative and so safe on any input.
    """
    brackets = text.count("[") + text.count("{")
    if brackets <= MAX_DEPTH and not _DEEP_INDENT.search(text):
        return None
    if brackets > MAX_DEPTH:
        depth = deepest = 0
        for match in re.finditer(r"[\[\]{}]", _QUOTED.sub("", text)):
            depth += 1 if match.group() in "[{" else -1
            deepest = max(deepest, depth)
        if deepest <= MAX_DEPTH and not _DEEP_INDENT.search(text):
            return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return YamlIssue(
                        "yaml/too-deep",
                        f"front matter is nested more than {MAX_DEPTH} levels deep",
                        mark.line if mark is not None else None,
                        mark.column if mark is not None else None,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


class _Builder:
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
            raise _LimitExceededError(
                YamlIssue(
                    "yaml/too-deep",
                    f"front matter is nested more than {MAX_DEPTH} levels deep "
                    "(or an alias refers to itself)",
                    node.start_mark.line,
                    node.start_mark.column,
                    pointer,
                )
            )
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

    def _too_large(self, node: Node, pointer: str) -> _LimitExceededError:
        return _LimitExceededError(
            YamlIssue(
                "yaml/too-large",
                f"front matter expands to more than {MAX_VALUES:,} values "
                "(aliases repeated too often)",
                node.start_mark.line,
                node.start_mark.column,
                pointer,
                hint="remove the repeated aliases",
            )
        )

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

    def _merged_mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        flattened = MappingNode(node.tag, list(self._flatten_merges(node, pointer)),
                                node.start_mark, node.end_mark)
        return self.mapping(flattened, pointer, depth)

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
        kind = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else node.tag
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
        if tag == _TAG + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _TAG + "bool":
            return _CONSTRUCTOR.bool_values[node.value.lower()]
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "float":
            value = _CONSTRUCTOR.construct_yaml_float(node)
            if value == value and value not in (float("inf"), float("-inf")):
                return value
            reason = f"{node.value} is not a JSON number"
        elif tag.startswith(_TAG):
            reason = f"!!{tag[len(_TAG):]} values have no JSON form"
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
    kind = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else None
    return kind if kind in TYPE_NAMES else None
