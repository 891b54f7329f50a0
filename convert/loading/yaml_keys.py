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

from convert.loading.yaml_lines import LineFeedCounter, counts_other_breaks

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


def flatten(
    node: MappingNode, depth: int, max_depth: int, not_a_mapping: NotAMapping, too_deep: TooDeep
) -> list[Pair]:
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


def _source_pairs(source: MappingNode, depth: int, max_depth: int, too_deep: TooDeep) -> list[Pair]:
    """What a merge source contributes: one pair per key, the last written one as in its value.

    Problems inside the source (a duplicate, a bad merge) are reported where the source itself
    is written, not again at every mapping that merges it.
    """
    pairs = flatten(source, depth, max_depth, lambda _node: None, too_deep)
    return list({key_of(key_node): (key_node, value) for key_node, value in pairs}.values())


def written_key_marks(text: str) -> dict[int, list[tuple[int, int]]]:
    """Where the keys of every mapping in ``text`` are written (0-based line and column), in
    order, by the offset where the mapping starts.

    The composer hands out the anchored node for an alias, so a key written as ``*name`` carries
    the anchor's position; the parser's events still have the alias's own. One pass over them
    serves every mapping; it runs only for a document that has a duplicate key.
    """
    found: dict[int, list[tuple[int, int]]] = {}
    counter = LineFeedCounter(text) if counts_other_breaks(text) else None
    stack: list[tuple[list[tuple[int, int]] | None, list[int]]] = []  # (key marks, [children])
    try:
        for event in yaml.parse(text, Loader=_EVENT_LOADER):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            mark = event.start_mark
            if stack and mark is not None:
                keys, children = stack[-1]
                if keys is not None and children[0] % 2 == 0:
                    keys.append(counter.at(mark.index) if counter else (mark.line, mark.column))
                children[0] += 1
            if isinstance(event, yaml.MappingStartEvent) and mark is not None:
                keys_here: list[tuple[int, int]] = []
                found[mark.index] = keys_here
                stack.append((keys_here, [0]))
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append((None, [0]))
    except yaml.YAMLError:  # pragma: no cover - the text composed, so it parses
        return {}
    return found
