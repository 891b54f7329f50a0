"""Unsafe fixes to keys: a misspelt field name, and the earlier of two equal duplicates.

Both change what some reader sees (a renamed field appears where the schema looks for it; a
dropped line is gone from the file), so they run only with ``--unsafe-fixes``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from convert.diagnostics import Diagnostic
from convert.fixes.edits import Fix
from convert.fixes.source import FixSource, file_lines
from convert.loading.yaml_values import Builder, LimitExceededError
from convert.pointer import escape_token, split_pointer

_SUGGESTION = re.compile(r'did you mean "([^"]+)"\?')
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def rename_key(source: FixSource, finding: Diagnostic) -> Fix | None:
    """Rename an unknown key to the one declared name it resembles, if that is not taken."""
    if finding.rule != "frontmatter/unknown-key":
        return None
    suggestion = _SUGGESTION.search(finding.hint)
    key_node, _ = source.node(finding.pointer)
    parent = _parent_mapping(source, finding.pointer)
    if suggestion is None or not isinstance(key_node, ScalarNode) or parent is None:
        return None
    target = suggestion.group(1)
    if any(isinstance(k, ScalarNode) and k.value == target for k, _ in parent.value):
        return None  # the right name is already there: renaming would make a duplicate
    offsets = source.node_offsets(key_node)
    if offsets is None:
        return None
    start, end = offsets
    written = source.text[start:end]
    if key_node.style in ("'", '"'):
        if written[1:-1] != key_node.value:
            return None
        replacement = _quoted(target, key_node.style)
    elif written == key_node.value and _PLAIN_KEY.fullmatch(target):
        replacement = target
    else:
        return None
    return source.make(
        start,
        end,
        replacement,
        safe=False,
        finding=finding,
        description=f'rename "{key_node.value}" to "{target}"',
        also_at=(f"{finding.pointer.rsplit('/', 1)[0]}/{escape_token(target)}",),
    )


def _quoted(name: str, quote: str) -> str:
    """``name`` in the quotes the key had: a rename changes the name, not its style."""
    if quote == "'":
        return "'" + name.replace("'", "''") + "'"
    return json.dumps(name, ensure_ascii=False)  # JSON's escapes are YAML's double-quoted ones


def drop_duplicate(source: FixSource, finding: Diagnostic) -> Fix | None:
    """Remove the earlier of two duplicate keys when both carry the same value.

    Only whole lines of a block mapping are removed (key at the start of its line, value
    ending its line), so nothing else on those lines can be lost.
    """
    if finding.rule != "yaml/duplicate-key":
        return None
    parent = _parent_mapping(source, finding.pointer)
    name = split_pointer(finding.pointer)[-1] if finding.pointer else None
    if parent is None or name is None or parent.flow_style:
        return None
    pairs = [(k, v) for k, v in parent.value if isinstance(k, ScalarNode) and k.value == name]
    if len(pairs) != 2 or _value(pairs[0][1]) != _value(pairs[1][1]):
        return None
    key, value = pairs[0]
    key_at = source.node_offsets(key)
    value_at = source.node_offsets(value)
    if key_at is None or value_at is None:
        return None
    line_start = source.text.rfind("\n", 0, key_at[0]) + 1
    if source.text[line_start : key_at[0]].strip(" ") or line_start < source.bom:
        return None
    end = value_at[1]
    if source.text[end - 1 : end] != "\n":  # a block value ends at the next line's start
        line_end = source.line_end(end)
        tail = source.text[end:line_end].strip(" \t")
        if tail and not tail.startswith("#"):
            return None
        end = min(len(source.text), source.text.find("\n", line_end) + 1 or len(source.text))
    lines = file_lines(source.text[line_start:end])
    while len(lines) > 1 and lines[-1].strip(" \t\r\n")[:1] in ("", "#"):
        lines.pop()  # comments and blank lines after a block value belong to what follows
    end = line_start + sum(map(len, lines))
    if not lines or not lines[-1].endswith("\n"):
        return None
    return source.make(
        line_start,
        end,
        "",
        safe=False,
        finding=finding,
        description=f'remove the first "{name}": it repeats the same value',
    )


def _parent_mapping(source: FixSource, pointer: str) -> MappingNode | None:
    tokens = pointer.rsplit("/", 1)
    if len(tokens) != 2:
        return None
    _, parent = source.node(tokens[0]) if tokens[0] else (None, _root(source))
    return parent if isinstance(parent, MappingNode) else None


def _root(source: FixSource) -> Node | None:
    doc = source.yaml
    return doc.root if doc is not None else None


def _value(node: Node) -> Any:
    try:
        return Builder([], 1).build(node, "", 0)
    except LimitExceededError:  # a value too big to build is never "equal"
        return object()
