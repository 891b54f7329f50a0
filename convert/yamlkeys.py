"""The keys of a YAML mapping: merge keys (``<<``) applied, and where each key was written.

Merges follow the merge-key spec (yaml.org/type/merge.html): keys written in the mapping itself
win over merged ones; among the sources of ``<<: [*A, *B]``, the earlier wins, so ``A``
overrides ``B``. A key that two sources share is therefore no duplicate and is never reported
as one; only the mapping's own keys can be duplicates. Sources may merge further sources; the
depth limit stops a mapping that merges itself.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MERGE_TAG = "tag:yaml.org,2002:merge"

_EVENT_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Pair = tuple[Node, Node]
NotAMapping = Callable[[Node], None]
"""Called with each merge source that is not a mapping."""
TooDeep = Callable[[], Exception]
"""Makes the exception raised when merges nest deeper than the limit."""


def key_of(node: Node) -> object:
    """What makes two keys the same: the text written (keys become strings), or the node."""
    return node.value if isinstance(node, ScalarNode) else id(node)


def flatten(node: MappingNode, depth: int, max_depth: int, not_a_mapping: NotAMapping,
            too_deep: TooDeep) -> list[Pair]:
    """The pairs of ``node`` with its merges applied: merged keys first, then its own.

    The mapping's own pairs are the very tuples of ``node.value``, duplicates included, so the
    caller can still report those and find where each was written.
    """
    own: list[Pair] = []
    merged: dict[object, Pair] = {}
    for pair in node.value:
        key_node, value_node = pair
        if key_node.tag != MERGE_TAG:
            own.append(pair)
            continue
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                not_a_mapping(source)
                continue
            if depth >= max_depth:
                raise too_deep()
            for inner in _source_pairs(source, depth + 1, max_depth, too_deep):
                merged.setdefault(key_of(inner[0]), inner)  # the earlier source wins
    if not merged:
        return own
    own_keys = {key_of(key_node) for key_node, _ in own}
    return [pair for key, pair in merged.items() if key not in own_keys] + own


def _source_pairs(source: MappingNode, depth: int, max_depth: int,
                  too_deep: TooDeep) -> list[Pair]:
    """What a merge source contributes: one pair per key, the last written one as in its value.

    Problems inside the source (a duplicate, a bad merge) are reported where the source itself
    is written, not again at every mapping that merges it.
    """
    pairs = flatten(source, depth, max_depth, lambda _node: None, too_deep)
    return list({key_of(key_node): (key_node, value) for key_node, value in pairs}.values())


def written_key_marks(text: str, mapping: MappingNode) -> dict[int, tuple[int, int]]:
    """Where each key of ``mapping`` is written (0-based line and column), by the id of its pair
    in ``mapping.value``.

    The composer hands out the anchored node for an alias, so a key written as ``*name`` carries
    the anchor's position. The parser's events still have the alias's own, so they are read
    again, only for a mapping that has a duplicate key (rare).
    """
    if not text:
        return {}
    start = mapping.start_mark.index
    marks: list[tuple[int, int]] = []
    level = children = 0
    try:
        for event in yaml.parse(text, Loader=_EVENT_LOADER):
            if level == 0:
                mark = event.start_mark
                if isinstance(event, yaml.MappingStartEvent) and mark and mark.index == start:
                    level = 1
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                level -= 1
                if level == 0:
                    break
                continue
            if level == 1:
                if children % 2 == 0 and event.start_mark is not None:
                    marks.append((event.start_mark.line, event.start_mark.column))
                children += 1
            if isinstance(event, yaml.CollectionStartEvent):
                level += 1
    except yaml.YAMLError:  # pragma: no cover - the text composed, so it parses
        return {}
    return {id(pair): mark for pair, mark in zip(mapping.value, marks, strict=False)}
