"""Fixes around the front matter's fences: a BOM before the first one, a missing last one."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from convert.diagnostics import Diagnostic
from convert.fixes.edits import Fix
from convert.fixes.source import BOM, FixSource, KnownKeys, file_lines
from convert.loading.toml_front import toml_reader
from convert.loading.yaml_reader import read_yaml
from convert.pointer import split_pointer

_FENCES = {"---": "yaml", "+++": "toml"}
_LOOKS_LIKE_FIELD = re.compile(
    r"^(?:[ \t]|- |[\"']?[\w.-]+[\"']?[ \t]*[:=](?:[ \t]|$)|\[[\w.\" -]+\][ \t]*$)"
)
"""A line that would continue front matter: indented, a list item, ``key:``/``key =`` or a TOML
table header. A body paragraph (or a Markdown heading) after a blank line does not look so."""
_HEADING = re.compile(r"#{1,6}(?:[ \t]|\r?\n|$)")
"""A Markdown heading, or a comment: right after the fields and before the body it is taken
for the body's heading, which pages often open with and which would vanish into the front
matter; no front matter of the real posts we checked ends with a comment."""


def strip_bom(source: FixSource, finding: Diagnostic) -> Fix | None:
    """Remove a byte order mark that hides the opening fence from Jekyll and others."""
    if finding.rule != "file/bom" or not source.text.startswith(BOM):
        return None
    return source.make(
        0,
        1,
        "",
        safe=True,
        finding=finding,
        description="remove the byte order mark before the opening fence",
    )


def close_fence(source: FixSource, finding: Diagnostic) -> Fix | None:
    """Add the closing fence after a front-matter block that is otherwise complete.

    The block ends at a YAML document end line (``...``), else at the first blank line (or
    the end of the file) after which the text no longer looks like fields; it must read as a
    mapping of fields on its own. The opening fence is the file's first line, or one after
    blank lines where the findings' reader (a Hugo or Zola profile) reads front matter there,
    which leaves those blank lines as they are. Anything else
    (a block that does not parse, a body that looks like more fields) is left to a person.

    A YAML block is closed only after a field whose key the findings' reader knows
    (:class:`~convert.fixes.source.KnownKeys`): YAML reads a sentence such as ``Note: the
    minister resigned today.`` as a field, so a block that ends with a key no one knows may
    end with the body's first line, and closing after it would hide that line from the page.
    Closing before it would be no safer (a custom field would become body text): the file is
    left, and the finding's hint says which line is in doubt. TOML needs no such care: a
    sentence is no TOML (its value would need quotes), so a block of prose does not parse.
    """
    if finding.rule != "frontmatter/unclosed":
        return None
    text = source.text
    lines = file_lines(text[source.bom :])
    # The opening fence is on the first line, or after blank lines where the reader of the
    # findings finds it there (Hugo's and Zola's profiles): its split names the line.
    first = (source.split.unclosed_line or 1) - 1
    if first >= len(lines) or any(line.strip() for line in lines[:first]):
        return None
    fence = lines[first].rstrip("\r\n").rstrip(" \t")
    kind = _FENCES.get(fence)
    if kind is None:
        return None
    offset = source.bom + sum(map(len, lines[: first + 1]))
    block: list[str] = []
    for index, line in enumerate(lines[first + 1 :], start=first + 1):
        if line.strip():
            block.append(line)
            offset += len(line)
            if kind == "yaml" and line.rstrip() == "...":  # the document ends here
                return _closing(source, finding, fence, kind, block, offset, first)
            continue
        rest = next((later for later in lines[index:] if later.strip()), None)
        # Without its line break: before a "\r" the pattern's "$" would not match, and a
        # CRLF file's "[extra]" or "tags:" line would end the block too soon.
        if rest is not None and _LOOKS_LIKE_FIELD.match(rest.rstrip("\r\n")):
            block.append(line)
            offset += len(line)
            continue
        return _closing(source, finding, fence, kind, block, offset, first)
    return _closing(source, finding, fence, kind, block, offset, first)


def _closing(
    source: FixSource,
    finding: Diagnostic,
    fence: str,
    kind: str,
    block: list[str],
    offset: int,
    first: int,
) -> Fix | None:
    """The fence after ``block``, the lines after the opening fence (at 0-based line
    ``first``) that read as fields, ending at ``offset``."""
    while len(block) > 1 and _HEADING.match(block[-1]):
        offset -= len(block.pop())
    text = "".join(block).replace("\r\n", "\n")
    if not block or not _is_mapping(text, kind):
        return None
    newline = source.newline
    last = block[-1] if block else ""
    ended = kind == "yaml" and last.rstrip() == "..."  # the writer's own end of the fields
    if kind == "yaml" and not ended:
        doubt = _last_field_in_doubt(text, source.known or _article_keys())
        if doubt is not None:
            line, key, by = doubt
            shown = block[line].strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            source.declined[finding] = (
                f'end it with a line holding only "{fence}" where its fields end; artconv fix '
                f'left it, as line {first + 2 + line} ("{shown}") may be the body\'s first '
                f'line: "{key}" is no field {by} knows'
            )
            return None
    if ended:  # YAML's document end: Jekyll's closing line
        start = offset - len(last)
        return source.make(
            start,
            start + len(last.rstrip("\r\n")),
            fence,
            safe=True,
            finding=finding,
            description=f'close the front matter with "{fence}"',
        )
    needs_break = offset == len(source.text) and not source.text.endswith("\n")
    insert = (newline if needs_break else "") + fence + newline
    return source.make(
        offset,
        offset,
        insert,
        safe=True,
        finding=finding,
        description=f'close the front matter with "{fence}"',
    )


def _last_field_in_doubt(block: str, known: KnownKeys) -> tuple[int, str, str] | None:
    """The last top-level field of a YAML ``block`` when its key is not ``known``: its line
    in the block (0-based), its key as written and who does not know it."""
    root = read_yaml(block).root
    if not isinstance(root, MappingNode) or not root.value:
        return None
    key = root.value[-1][0]
    name = key.value if isinstance(key, ScalarNode) else None
    if name in known:
        return None
    return key.start_mark.line, str(name or "?"), known.by


def known_keys(
    schema: Mapping[str, Any],
    *,
    also: Iterable[str] = (),
    fold: bool = False,
    by: str = "the schema",
) -> KnownKeys:
    """The top-level keys a schema declares (in ``properties`` at its root, behind a local
    ``$ref`` and in ``allOf``/``anyOf``/``oneOf``/``if``/``then``/``else``), with ``also``
    (a profile's keys); ``fold``: matched in any letter case."""
    names: set[str] = set(also)
    seen: set[int] = set()
    pending: list[Any] = [schema]
    while pending and len(seen) < 256:
        node = pending.pop()
        if not isinstance(node, Mapping) or id(node) in seen:
            continue
        seen.add(id(node))
        properties = node.get("properties")
        if isinstance(properties, Mapping):
            names.update(str(name) for name in properties)
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = schema
            for token in split_pointer(ref[1:]):
                target = target.get(token) if isinstance(target, Mapping) else None
            pending.append(target)
        for word in ("allOf", "anyOf", "oneOf"):
            branches = node.get(word)
            if isinstance(branches, list):
                pending.extend(branches)
        pending.extend(node.get(word) for word in ("if", "then", "else"))
    if fold:
        names = {name.casefold() for name in names}
    return KnownKeys(frozenset(names), fold, by)


@cache
def _article_keys() -> KnownKeys:
    """The packaged article schema's keys: those of the default validation."""
    from convert.schema import load_schema

    return known_keys(load_schema("article").document)


def _is_mapping(block: str, kind: str) -> bool:
    if kind == "toml":
        reader = toml_reader()  # TOML 1.1 where the loader reads it, so it closes what it reads
        try:
            return bool(reader.loads(block))
        except (reader.TOMLDecodeError, RecursionError):  # not fields a fence would close
            return False
    doc = read_yaml(block)
    return (
        isinstance(doc.data, dict)
        and bool(doc.data)
        and not any(issue.error for issue in doc.issues)
    )
