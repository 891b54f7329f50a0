"""Nesting depth of JSON and TOML text, measured before their recursive parsers see it.

``json`` and ``tomllib`` recurse once per level, so ``[[[[...`` a hundred thousand deep raises
RecursionError out of them. A flat scan over brackets (strings and comments skipped) finds the
first level past the limit first; it runs only when the text holds that many brackets at all.
TOML also nests without brackets (``a.b.c = 1``, ``[a.b.c]``), which its parser reads
without recursing: :func:`deeper_than` measures what it read, before anything recurses on it.
"""

from __future__ import annotations

import re

MAX_DEPTH = 64
"""The deepest nesting of lists and objects read, as for YAML."""

JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')
TOML_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|$)|\'\'\'[\s\S]*?(?:\'\'\'|$)|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?'
    r"|#[^\n]*|[\[\]{}]"
)


def too_deep(text: str, tokens: re.Pattern[str], limit: int = MAX_DEPTH) -> int | None:
    """The offset of the first bracket that opens a level past ``limit``, or None."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in tokens.finditer(text):
        char = match.group()
        if char in ("[", "{"):
            depth += 1
            if depth > limit:
                return match.start()
        elif char in ("]", "}"):
            depth -= 1
    return None


def deeper_than(data: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and mappings nest more than ``limit`` levels below ``data``, measured
    without recursing (the walkers after the parser do recurse)."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value)
    return False


def value_end(text: str, tokens: re.Pattern[str]) -> int | None:
    """Where the bracketed value opening ``text`` closes, by brackets alone (no validation)."""
    depth = 0
    for match in tokens.finditer(text):
        char = match.group()
        if char in ("[", "{"):
            depth += 1
        elif char in ("]", "}"):
            depth -= 1
            if depth == 0:
                return match.end()
    return None
