"""Fixes to single YAML values: surprises of YAML 1.1 and dates written almost right.

Each fix replaces one scalar on one line, and only after checking that the text there is
exactly what the loader read, so a position that does not match leaves the file alone.
"""

from __future__ import annotations

import re

from yaml.nodes import ScalarNode

from convert.dates import is_date_time
from convert.diagnostics import Diagnostic
from convert.fixes.edits import Fix
from convert.fixes.source import FixSource
from convert.loading.yaml_values import plain_scalar_kind

BOOLEAN_WORDS = {"yes": "true", "on": "true", "no": "false", "off": "false"}
"""YAML 1.1 booleans that YAML 1.2 readers take as strings (any case, as PyYAML reads them)."""

_DATE_TIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[Tt]|[ \t]+)"
    r"(?P<time>\d{2}:\d{2})(?P<seconds>:\d{2}(?:\.\d+)?)?[ \t]*"
    r"(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)"
)


def _plain_scalar(source: FixSource, pointer: str) -> tuple[ScalarNode, int, int] | None:
    """The unquoted one-line scalar at ``pointer`` with its offsets, when the text matches."""
    _, node = source.node(pointer)
    if not isinstance(node, ScalarNode) or node.start_mark.line != node.end_mark.line:
        return None
    offsets = source.node_offsets(node)
    if offsets is None:
        return None
    start, end = offsets
    written = node.value if not node.style else None
    if node.style in ('"', "'"):
        written = source.text[start:end]  # quoted: the quotes and escapes as written
    if written is None or source.text[start:end] != written:
        return None
    return node, start, end


def quote_surprise(source: FixSource, finding: Diagnostic) -> Fix | None:
    """``NO``, ``010`` or ``1:20`` where the schema wants a string: quote it.

    A null is left alone, however it is spelt: ``null``, ``Null``, ``NULL`` and ``~`` are
    null to YAML 1.1 and 1.2 readers alike, so quoting one would not keep what any reader
    sees but make a missing value into the text "null" (a record the feeds leave out for
    want of a title would be published under that title).
    """
    if finding.rule != "schema/type" or "string" not in finding.message.split(" not ")[0]:
        return None
    found = _plain_scalar(source, finding.pointer)
    if found is None:
        return None
    node, start, end = found
    kind = plain_scalar_kind(node)
    if kind is None or kind == "null":
        return None
    return source.make(
        start,
        end,
        f'"{node.value}"',
        safe=True,
        finding=finding,
        description=f'quote {node.value} so it stays the string "{node.value}"',
    )


def boolean_word(source: FixSource, finding: Diagnostic) -> Fix | None:
    """``yes``/``no``/``on``/``off`` read as a boolean: write ``true``/``false`` instead.

    Unsafe: the word means what the site's generator reads. Jekyll (Ruby's Psych, YAML 1.1)
    reads ``draft: yes`` as true, as the loader does; Hugo since 0.152 (goccy/go-yaml) reads
    the string "yes", which its ``draft`` takes as false. Without a profile the reader is not
    known, so ``true`` could turn a published page into a draft; under a profile the rule
    reports nothing, the profile reading the field as its generator does.
    """
    if finding.rule != "yaml/boolean-word":
        return None
    found = _plain_scalar(source, finding.pointer)
    if found is None:
        return None
    node, start, end = found
    word = BOOLEAN_WORDS.get(node.value.lower())
    if word is None or plain_scalar_kind(node) != "bool":
        return None
    return source.make(
        start,
        end,
        word,
        safe=False,
        finding=finding,
        description=(
            f"write {word} for {node.value}, as YAML 1.1 readers (Jekyll, PyYAML) read it; "
            f'Hugo since 0.152 reads the string "{node.value}"'
        ),
    )


def rfc3339(text: str) -> str | None:
    """``text`` as an RFC 3339 date-time when it names a zone and differs only in spelling.

    A space (or a lower-case ``t``) before the time, a lower-case ``z``, a space before the
    zone, ``+0100`` or ``+01`` for ``+01:00`` and missing seconds are all read as the one
    instant they name. Without a zone there is nothing to normalise: a zone is never guessed.
    """
    match = _DATE_TIME.fullmatch(text.strip())
    if match is None:
        return None
    zone = match["zone"].upper()
    if zone != "Z":
        digits = zone[1:].replace(":", "")
        zone = f"{zone[0]}{digits[:2]}:{digits[2:] or '00'}"
    return f"{match['date']}T{match['time']}{match['seconds'] or ':00'}{zone}"


def _fixed_date(text: str) -> str | None:
    """:func:`rfc3339` of ``text`` when that makes it a valid date-time: one already so
    spelled failed for another reason (a 30th of February), which rewriting cannot mend."""
    normal = rfc3339(text)
    return normal if normal is not None and is_date_time(normal) else None


def normalise_date(source: FixSource, finding: Diagnostic) -> Fix | None:
    """A date-time with a zone but a space, ``t`` or ``z``: write it as quoted RFC 3339."""
    if finding.rule != "schema/format" or "date-time" not in finding.message:
        return None
    if source.split.kind == "toml":
        return _toml_date(source, finding)
    _, node = source.node(finding.pointer)
    if not isinstance(node, ScalarNode) or node.start_mark.line != node.end_mark.line:
        return None
    normal = _fixed_date(node.value)
    offsets = source.node_offsets(node)
    if normal is None or offsets is None:
        return None
    start, end = offsets
    written = source.text[start:end]
    if node.style not in ('"', "'") and written != node.value:
        return None
    if node.style in ('"', "'") and written.strip("\"'") != node.value:
        return None  # escapes inside the quotes: leave it to a person
    return source.make(
        start,
        end,
        f'"{normal}"',
        safe=True,
        finding=finding,
        description=f"write the date as RFC 3339: {normal}",
    )


def _toml_date(source: FixSource, finding: Diagnostic) -> Fix | None:
    """The same fix for a top-level TOML string (TOML keeps no positions: the line is found).

    Only a key written once, bare, before any table, with a string free of escapes.
    """
    tokens = finding.pointer.split("/")
    if len(tokens) != 2 or not re.fullmatch(r"[A-Za-z0-9_-]+", tokens[1]):
        return None
    key = tokens[1]
    line_pattern = re.compile(rf"[ \t]*{re.escape(key)}[ \t]*=[ \t]*(\"[^\"\\\n]*\"|'[^'\n]*')")
    lines = source.split.front_matter.split("\n")
    head = lines[
        : next((i for i, line in enumerate(lines) if line.lstrip().startswith("[")), len(lines))
    ]
    matches = [(i, m) for i, line in enumerate(head) if (m := line_pattern.match(line))]
    if len(matches) != 1:
        return None
    index, match = matches[0]
    normal = _fixed_date(match.group(1)[1:-1])
    start = source.offset(source.split.front_matter_line + 1 + index, match.start(1) + 1)
    if normal is None or start is None:
        return None
    end = start + len(match.group(1))
    if source.text[start:end] != match.group(1):
        return None
    return source.make(
        start,
        end,
        f'"{normal}"',
        safe=True,
        finding=finding,
        description=f"write the date as RFC 3339: {normal}",
    )
