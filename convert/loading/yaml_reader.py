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
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from convert.diagnostics import FindingKind, Severity
from convert.loading.yaml_lines import (
    LineFeedCounter,
    counts_other_breaks,
    last_other_break,
    mark_position,
    recount_marks,
)
from convert.loading.yaml_values import (
    MAX_DEPTH,
    MAX_VALUES,
    TAG,
    TYPE_NAMES,
    Builder,
    LimitExceededError,
    YamlIssue,
    plain_scalar_kind,
)
from convert.pointer import escape_token, split_pointer

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

FINDINGS = (FindingKind("yaml/syntax", Severity.ERROR, "The YAML front matter cannot be parsed."),)

__all__ = [
    "MAX_DEPTH",
    "MAX_VALUES",
    "TYPE_NAMES",
    "YamlDocument",
    "YamlIssue",
    "plain_scalar_kind",
    "read_yaml",
]

_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
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
            return TAG + "str"
        return TAG + ("seq" if kind is SequenceNode else "map")


class YamlDocument:
    """The outcome of reading one YAML front matter.

    ``data`` is ``None`` when nothing usable could be read (syntax error, limit exceeded); the
    reason is then among ``issues``.
    """

    __slots__ = ("_keys", "boolean_words", "data", "issues", "root")

    def __init__(
        self,
        data: Any,
        issues: list[YamlIssue] | None = None,
        root: Node | None = None,
        boolean_words: list[str] | None = None,
    ) -> None:
        self.data = data
        self.issues: list[YamlIssue] = [] if issues is None else issues
        self.root = root
        self.boolean_words: list[str] = [] if boolean_words is None else boolean_words  # yes/no/...
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}  # a cache, not compared

    def _compared(self) -> tuple[Any, ...]:
        return (self.data, self.issues, self.root, self.boolean_words)

    def __eq__(self, other: object) -> bool:
        if type(other) is not YamlDocument:
            return NotImplemented
        return self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        data, issues, root, words = self._compared()
        return f"YamlDocument({data=!r}, {issues=!r}, {root=!r}, boolean_words={words!r})"

    def node_at(self, pointer: str) -> tuple[Node | None, Node | None, str]:
        """The key node and value node at ``pointer``, and the part of it that was found.

        When the pointer does not resolve all the way, the deepest existing ancestor is given.
        """
        key: Node | None = None
        node = self.root
        found = ""
        for token in split_pointer(pointer):
            child_key, child = self._child(node, token)
            if child is None:
                break
            key, node = child_key, child
            found += "/" + escape_token(token)
        return key, node, found

    def _child(self, node: Node | None, token: str) -> tuple[Node | None, Node | None]:
        if isinstance(node, MappingNode):
            # One index per mapping, made on the first lookup: a record with thousands of
            # findings in one mapping would otherwise scan it once per finding.
            index = self._keys.get(id(node))
            if index is None:
                index = self._keys[id(node)] = {
                    key_node.value: (key_node, value_node)  # the last duplicate wins
                    for key_node, value_node in node.value
                    if isinstance(key_node, ScalarNode)
                }
            return index.get(token, (None, None))
        return _child(node, token)


def _child(node: Node | None, token: str) -> tuple[Node | None, Node | None]:
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
        return YamlDocument(None, [_syntax_issue(exc, text, first_line)])
    except yaml.reader.ReaderError as exc:
        return YamlDocument(None, [_reader_issue(exc, text)])
    except yaml.YAMLError as exc:  # other errors without a mark
        return YamlDocument(None, [YamlIssue("yaml/syntax", _first_line(str(exc)), None, None)])
    doc = YamlDocument(None, root=root)
    if root is None:
        return doc
    if counts_other_breaks(text):
        recount_marks(root, text)
    builder = Builder(doc.issues, first_line, text)
    try:
        doc.data = builder.build(root, "", 0)
        doc.boolean_words = builder.boolean_words
    except LimitExceededError as exc:
        doc.issues.append(exc.issue)
        doc.data = None
    doc.issues = _once(doc.issues)
    return doc


def _once(issues: list[YamlIssue]) -> list[YamlIssue]:
    """Each finding once: an alias repeats its anchored value, and with it every finding
    inside, all at the anchor's position. The first (the anchor's own pointer) is kept."""
    if len(issues) < 2:
        return issues
    seen: set[tuple[str, int | None, int | None, str]] = set()
    kept = []
    for issue in issues:
        where = (issue.rule, issue.line, issue.column, issue.message)
        if where not in seen:
            seen.add(where)
            kept.append(issue)
    return kept


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlIssue:
    if "duplicate anchor" in (exc.context or "") and exc.problem_mark and exc.context_mark:
        return _duplicate_anchor(exc.context_mark, exc.problem_mark, text, first_line)
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    hint = ""
    half = _half_pair(text, mark.index) if mark is not None else None
    if half is not None and "invalid Unicode character escape" in problem:
        problem = f"\\u{half.group(1)} is half of a UTF-16 surrogate pair, not a character"
        hint = (
            "YAML takes no surrogate pairs: write the character itself, or its code point "
            "with eight digits (\\U0001F600)"
        )
        mark = _at(mark, half.start())
    elif "mapping values are not allowed" in problem:
        hint = 'a value containing ": " must be quoted'
    elif "found character '\\t'" in problem:
        hint = "indent with spaces, not tabs"
    if not hint and mark is not None and counts_other_breaks(text):
        hint = _other_break_hint(text, mark.index, first_line)
    line, column = mark_position(mark, text) if mark is not None else (None, None)
    return YamlIssue("yaml/syntax", f"YAML syntax error: {problem}", line, column, hint=hint)


_ESCAPE = re.compile(r"\\u([dD][89a-fA-F][0-9a-fA-F]{2})")


def _half_pair(text: str, index: int) -> re.Match[str] | None:
    """The ``\\uD800``-``\\uDFFF`` escape libyaml's mark at ``index`` is on (it points
    at the digits, past the ``\\u``)."""
    return _ESCAPE.search(text, max(0, index - 2), index + 6)


def _at(mark: Any, index: int) -> yaml.Mark:
    """``mark`` moved back to ``index`` on its own line (libyaml's marks cannot be changed)."""
    back = mark.index - index
    return yaml.Mark(mark.name, index, mark.line, mark.column - back, None, 0)


def _other_break_hint(text: str, index: int, first_line: int) -> str:
    """Name a character on the error's line or the one above that YAML reads as a line break
    and an editor does not: an unquoted value holding one is cut in two, and the error lands
    on the piece after it, where nothing visible explains it."""
    found = last_other_break(text, index + 1)
    if found is None:
        return ""
    at, name = found
    counter = LineFeedCounter(text)
    line, column = counter.at(at)
    if counter.at(index)[0] - line > 1:
        return ""  # too far above the error to be what broke it
    return (
        f"line {first_line + line}, column {column + 1} holds {name}, which YAML reads as a "
        "line break: quote that value or remove the character"
    )


def _duplicate_anchor(
    first: yaml.Mark | yaml._yaml.Mark,
    again: yaml.Mark | yaml._yaml.Mark,
    text: str,
    first_line: int,
) -> YamlIssue:
    """libyaml says "second occurrence (found duplicate anchor; first occurrence)": say which."""
    name = _ANCHOR.match(text, again.index)
    label = f'"{name.group(1)}" ' if name else ""
    first_at, _ = mark_position(first, text)
    line, column = mark_position(again, text)
    return YamlIssue(
        "yaml/syntax",
        f"anchor {label}is defined twice: first on line {first_at + first_line}, again on "
        f"line {line + first_line}",
        line,
        column,
        hint="give each anchor its own name",
    )


def _reader_issue(exc: yaml.reader.ReaderError, text: str) -> YamlIssue:
    """A character YAML does not allow (a control character, U+FFFE), where it is written.

    libyaml gives a byte offset; the first occurrence of the character is the one it stopped
    at, which gives the line and column in characters.
    """
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    offset = text.find(chr(character))
    line = column = None
    if offset >= 0:
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
    return YamlIssue(
        "yaml/syntax",
        f"YAML does not allow the character U+{character:04X} ({exc.reason})",
        line,
        column,
        hint=f'remove it, or write it as "\\x{character:02x}" inside double quotes'
        if character < 0x100
        else "remove it",
    )


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
                    return _too_deep(event.start_mark, text)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # The libyaml in PyYAML 6.0.4's wheels has a nesting limit of its own, met while its
        # scanner reads ahead of the first event: the same finding as ours.
        if "maximum nesting depth" in (exc.problem or ""):
            return _too_deep(exc.problem_mark, text)
        return None  # the composer reports the syntax error with its position
    except yaml.YAMLError:
        return None
    return None


def _too_deep(mark: yaml.Mark | yaml._yaml.Mark | None, text: str) -> YamlIssue:
    line, column = mark_position(mark, text) if mark is not None else (None, None)
    return YamlIssue(
        "yaml/too-deep", f"front matter is nested more than {MAX_DEPTH} levels deep", line, column
    )
