"""Fixes around the front matter's fences: a BOM before the first one, a missing last one."""

from __future__ import annotations

import re

from convert.diagnostics import Diagnostic
from convert.fixes.edits import Fix
from convert.fixes.source import BOM, FixSource, file_lines
from convert.loading.toml_front import toml_reader
from convert.loading.yaml_reader import read_yaml

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
                return _closing(source, finding, fence, kind, block, offset)
            continue
        rest = next((later for later in lines[index:] if later.strip()), None)
        # Without its line break: before a "\r" the pattern's "$" would not match, and a
        # CRLF file's "[extra]" or "tags:" line would end the block too soon.
        if rest is not None and _LOOKS_LIKE_FIELD.match(rest.rstrip("\r\n")):
            block.append(line)
            offset += len(line)
            continue
        return _closing(source, finding, fence, kind, block, offset)
    return _closing(source, finding, fence, kind, block, offset)


def _closing(
    source: FixSource, finding: Diagnostic, fence: str, kind: str, block: list[str], offset: int
) -> Fix | None:
    while len(block) > 1 and _HEADING.match(block[-1]):
        offset -= len(block.pop())
    if not block or not _is_mapping("".join(block).replace("\r\n", "\n"), kind):
        return None
    newline = source.newline
    last = block[-1] if block else ""
    if kind == "yaml" and last.rstrip() == "...":  # YAML's document end: Jekyll's closing line
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
