"""YAML scalars and tags as JSON values: the core tags, and the ones JSON has no form for.

A scalar tagged int, bool, float or null becomes that JSON value; anything JSON cannot carry
(``.nan``, ``!!binary``, an unknown tag) keeps the text written and gets a finding, so no value
is lost and none is invented.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from convert.diagnostics import FindingKind, Severity
from convert.values import Value

FINDINGS = (
    FindingKind(
        "yaml/value-type",
        Severity.WARNING,
        "A value has no JSON form (.nan, .inf, !!binary, unknown tags).",
    ),
    FindingKind(
        "yaml/tag-mismatch",
        Severity.ERROR,
        "A value does not fit its explicit tag (!!int abc, !!bool maybe).",
    ),
)

TAG = "tag:yaml.org,2002:"
INT = TAG + "int"
BOOL = TAG + "bool"
FLOAT = TAG + "float"
_CORE_SCALARS = frozenset((INT, BOOL, FLOAT, TAG + "null"))
_NULLS = ("", "~", "null", "Null", "NULL")
_COLLECTION_KINDS = frozenset(("omap", "pairs", "set"))  # YAML 1.1 collection types
_INF = float("inf")
MAX_INT_DIGITS = 4000
"""Longer integers are kept as text: Python reads and writes at most 4300 decimal digits
(``sys.get_int_max_str_digits``), and the other bases may give more."""
_MAX_INT_BITS = 13_000  # 2**13000 has 3914 decimal digits
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

YAML11_BOOLEAN_WORDS = frozenset({"yes", "no", "on", "off"})
"""Booleans to YAML 1.1 readers only: YAML 1.2 readers (Hugo) read them as strings."""
TYPE_NAMES = {"bool": "a boolean", "int": "an integer", "float": "a number", "null": "null"}


class YamlIssue(Value):
    """A problem found while reading YAML, with a 0-based position inside the YAML text."""

    __slots__ = ("column", "error", "hint", "line", "message", "pointer", "rule")
    rule: str
    message: str
    line: int | None
    column: int | None
    pointer: str
    hint: str
    error: bool

    def __init__(
        self,
        rule: str,
        message: str,
        line: int | None,
        column: int | None,
        pointer: str = "",
        hint: str = "",
        error: bool = True,
    ) -> None:
        put = object.__setattr__
        put(self, "rule", rule)
        put(self, "message", message)
        put(self, "line", line)
        put(self, "column", column)
        put(self, "pointer", pointer)
        put(self, "hint", hint)
        put(self, "error", error)


def scalar_value(
    node: ScalarNode, pointer: str, issues: list[YamlIssue], boolean_words: list[str]
) -> Any:
    """The JSON value of a scalar not tagged str or timestamp.

    Findings go to ``issues``; the pointers of yes/no/on/off read as booleans go to
    ``boolean_words`` (the YAML 1.1 rule reports them).
    """
    tag = node.tag
    if tag == INT and len(node.value) > MAX_INT_DIGITS:
        reason = f"an integer of {len(node.value):,} characters is too long to read"
    elif tag in _CORE_SCALARS:
        try:
            value = _core_value(tag, node)
        except (ValueError, KeyError, IndexError):
            # Only an explicit tag gets here (!!int abc): implicit ones fit by construction.
            return _misfit(node, pointer, issues)
        if tag == BOOL and node.value.lower() in YAML11_BOOLEAN_WORDS:
            boolean_words.append(pointer)
        if tag == INT:
            if value.bit_length() <= _MAX_INT_BITS:
                return value
            reason = "this integer is too long to write in decimal"
        elif tag != FLOAT or (value == value and value not in (_INF, -_INF)):
            return value
        else:
            reason = f"{node.value} is not a JSON number"
    elif tag.startswith(TAG):
        reason = f"!!{tag[len(TAG) :]} values have no JSON form"
    else:
        reason = f"the tag {tag} is not understood"
    issues.append(
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


def collection_tag_issue(node: Node, pointer: str, kind: str) -> YamlIssue:
    """A tag on a list or mapping is reported like one on a scalar, not dropped unseen."""
    tag = node.tag
    name = tag[len(TAG) :] if tag.startswith(TAG) else ""
    mark = node.start_mark
    if name and name not in _COLLECTION_KINDS:  # !!str {a: 1}, !!seq {a: 1}
        return YamlIssue(
            "yaml/tag-mismatch",
            f"a {kind} is not a valid !!{name}; read as a plain {kind}",
            mark.line,
            mark.column,
            pointer,
            hint=f"remove the !!{name} tag",
        )
    reason = f"!!{name} values have no JSON form" if name else f"the tag {tag} is not understood"
    return YamlIssue(
        "yaml/value-type",
        f"{reason}; read as a plain {kind}",
        mark.line,
        mark.column,
        pointer,
        hint="remove the tag",
        error=False,
    )


def _misfit(node: ScalarNode, pointer: str, issues: list[YamlIssue]) -> str:
    kind = node.tag[len(TAG) :]
    issues.append(
        YamlIssue(
            "yaml/tag-mismatch",
            f"{node.value or 'an empty value'!s} is not a valid !!{kind}; "
            "the text is kept as a string",
            node.start_mark.line,
            node.start_mark.column,
            pointer,
            hint=f"correct the value, or remove the !!{kind} tag",
        )
    )
    return str(node.value)


def _core_value(tag: str, node: ScalarNode) -> Any:
    """The value of a scalar tagged int, bool, float or null; raises when it does not fit."""
    if tag == INT:
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == BOOL:
        return _CONSTRUCTOR.bool_values[node.value.lower()]
    if tag == FLOAT:
        return _CONSTRUCTOR.construct_yaml_float(node)
    if node.value not in _NULLS:
        raise ValueError(node.value)
    return None


def plain_scalar_kind(node: Node | None) -> str | None:
    """For an unquoted scalar read as something other than a string, what it was read as.

    Used to explain YAML 1.1 surprises: ``NO`` is a boolean, ``010`` is the integer 8.
    """
    if not isinstance(node, ScalarNode) or node.style:  # libyaml gives "" for plain scalars
        return None
    kind = node.tag[len(TAG) :] if node.tag.startswith(TAG) else None
    return kind if kind in TYPE_NAMES else None
