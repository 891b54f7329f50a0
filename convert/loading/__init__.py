"""Reading a record: bytes -> text -> front matter + body -> :class:`Record`.

Every problem becomes a finding on the record; nothing here raises for bad input. A file that
cannot be read at all still gives a Record (empty metadata, ``intact=False``) so a batch goes on.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from convert.diagnostics import Diagnostic, Severity
from convert.limits import MAX_RECORD_BYTES
from convert.loading.split import Split, split_front_matter
from convert.record import STDIN, BodyFormat, Locator, Record, Source

"""Files larger than this are reported, not read (configurable with ``max-size``)."""


def load(
    path: str | Path,
    *,
    max_bytes: int = MAX_RECORD_BYTES,
    display_path: str | None = None,
    body_format: BodyFormat | None = None,
) -> Record:
    """Read the record at ``path`` (``"-"`` reads standard input).

    Args:
        path: a file path, or ``"-"`` for standard input.
        max_bytes: larger files get a ``file/too-large`` finding and are not read whole.
        display_path: the name used in findings (defaults to ``path`` with ``/`` separators).
        body_format: force the body format instead of sniffing it.
    """
    name = display_path or ("<stdin>" if str(path) == STDIN else Path(path).as_posix())
    try:
        if str(path) == STDIN:
            data = _read_limited(sys.stdin.buffer, max_bytes)
        else:
            with open(path, "rb") as stream:  # noqa: PTH123 - the hot path; Path adds cost
                data = _read_limited(stream, max_bytes)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _unreadable(name, "file/unreadable", f"cannot read the file: {reason}")
    if data is None:
        return too_large(name, max_bytes)
    return loads(data, path=name, body_format=body_format)


def too_large(path: str, max_bytes: int) -> Record:
    """The record of a file over the size limit: one finding, nothing read."""
    return _unreadable(
        path,
        "file/too-large",
        f"file is larger than the limit of {max_bytes:,} bytes and was not read",
        hint="raise max-size in [tool.artconv] if this file really is a record",
    )


def _read_limited(stream: BinaryIO | io.BufferedReader, max_bytes: int) -> bytes | None:
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _unreadable(
    path: str,
    rule: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    hint: str = "",
) -> Record:
    problem = Diagnostic(path, line, column, rule, Severity.ERROR, message, hint=hint)
    return Record({}, "", Source(path, front_matter=None), "text", (problem,), intact=False)


def loads(
    data: str | bytes,
    *,
    path: str = "<string>",
    body_format: BodyFormat | None = None,
) -> Record:
    """Read a record from its text or bytes. Bytes must be UTF-8 (a BOM is allowed)."""
    bom = data[:3] == b"\xef\xbb\xbf" if isinstance(data, bytes) else data[:1] == "\ufeff"
    if isinstance(data, bytes):
        text_or_record = _decode(data, path)
        if isinstance(text_or_record, Record):
            return text_or_record
        text = text_or_record
    else:
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            return _unreadable(
                path, "file/binary", "file contains NUL characters; it is not a text record"
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    split = split_front_matter(text)
    problems: list[Diagnostic] = []
    if bom and split.front_matter_line == 1 and (split.kind or split.unclosed_line):
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                "file/bom",
                Severity.WARNING,
                "a byte order mark (BOM) precedes the opening fence; Jekyll and other tools "
                "then see no front matter",
                hint="save the file as UTF-8 without a BOM",
            )
        )
    meta: Mapping[str, Any] = {}
    locator = None
    intact = True
    if split.kind is not None:
        meta, locator, intact = _parse_meta(split, path, problems)
    elif split.unclosed_line is not None:
        intact = False
        problems.append(
            Diagnostic(
                path,
                split.unclosed_line,
                1,
                "frontmatter/unclosed",
                Severity.ERROR,
                "front matter opened here is never closed",
                hint=f'end it with a line holding only "{split.fence}"',
            )
        )
    source = Source(path, split.kind, split.front_matter_line, split.body_line, locator)
    fmt = body_format or sniff_body_format(split.body, path)
    return Record(meta, split.body, source, fmt, tuple(problems), intact=intact)


def _decode(data: bytes, path: str) -> str | Record:
    if b"\x00" in data:
        return _unreadable(
            path, "file/binary", "file contains NUL bytes; it is binary, not a text record"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        prefix = data[:offset]
        line = prefix.count(b"\n") + 1
        column = len(prefix[prefix.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return _unreadable(
            path,
            "file/encoding",
            f"invalid UTF-8 (byte 0x{data[offset]:02x}); the file cannot be read as text",
            line=line,
            column=column,
            hint="re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
        )


def _parse_meta(
    split: Split, path: str, problems: list[Diagnostic]
) -> tuple[Mapping[str, Any], Any, bool]:
    """Parse the front-matter text; returns (meta, locator, intact)."""
    first = split.front_matter_line + 1  # the line after the opening fence
    from convert.loading import positions

    locator: Locator | None = None
    if split.kind == "yaml":
        from convert.loading import yaml_reader

        doc = yaml_reader.read_yaml(split.front_matter, first)
        for issue in doc.issues:
            problems.append(
                Diagnostic(
                    path,
                    None if issue.line is None else issue.line + first,
                    None if issue.column is None else issue.column + 1,
                    issue.rule,
                    Severity.ERROR if issue.error else Severity.WARNING,
                    issue.message,
                    issue.pointer,
                    issue.hint,
                )
            )
        data: Any = doc.data
        if doc.root is not None and data is not None:
            locator = positions.YamlLocator(doc, first, split.front_matter_line)
        if data is None and doc.issues:
            return {}, None, False
    elif split.kind == "toml":
        from convert.loading import toml_front

        if _too_deep(split.front_matter, "toml", first, path, problems):
            return {}, None, False
        try:
            data = _jsonable_toml(toml_front.parse(split.front_matter, first))
        except toml_front.TomlSyntax as exc:
            problems.append(
                Diagnostic(
                    path,
                    exc.line,
                    exc.column,
                    "toml/syntax",
                    Severity.ERROR,
                    f"TOML syntax error: {exc.message}",
                )
            )
            return {}, None, False
        locator = toml_front.TomlLocator(split.front_matter, first, split.front_matter_line)
    else:
        data, locator = _parse_json(split, path, problems)
        if locator is None:
            return {}, None, False
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a {_json_type(data)}, not a mapping of fields"
        problems.append(
            Diagnostic(
                path,
                split.front_matter_line,
                1,
                "frontmatter/not-a-mapping",
                Severity.ERROR,
                f"front matter is {what}",
                hint="write one field per line, like: title: My article",
            )
        )
        return {}, None, False
    return data, locator, True


def _parse_json(split: Split, path: str, problems: list[Diagnostic]) -> tuple[Any, Locator | None]:
    """JSON front matter, its duplicate keys reported with both lines, like YAML's."""
    from convert.loading import json_front

    if _too_deep(split.front_matter, "json", split.front_matter_line, path, problems):
        return None, None
    try:
        data, repeated = json_front.parse(split.front_matter)
    except json.JSONDecodeError as exc:
        problems.append(
            Diagnostic(
                path,
                split.front_matter_line + exc.lineno - 1,
                exc.colno,
                "json/syntax",
                Severity.ERROR,
                f"JSON syntax error: {exc.msg}",
            )
        )
        return None, None
    found = json_front.layout(split.front_matter) if repeated else None
    locator = json_front.JsonLocator(split.front_matter, split.front_matter_line, found)
    for duplicate in found.duplicates if found else ():
        first = locator.position(duplicate.first)
        again = locator.position(duplicate.again)
        problems.append(
            Diagnostic(
                path,
                again[0],
                again[1],
                "json/duplicate-key",
                Severity.ERROR,
                f'duplicate key "{duplicate.key}": first on line {first[0]}, again on line '
                f"{again[0]}; the last value is used",
                duplicate.pointer,
                "remove one of them",
            )
        )
    return data, locator


def _too_deep(text: str, kind: str, first: int, path: str, problems: list[Diagnostic]) -> bool:
    """Refuse nesting past the limit before the recursive parser meets it."""
    from convert.loading import nesting

    offset = nesting.too_deep(text, nesting.JSON_TOKENS if kind == "json" else nesting.TOML_TOKENS)
    if offset is None:
        return False
    line_start = text.rfind("\n", 0, offset) + 1
    problems.append(
        Diagnostic(
            path,
            first + text.count("\n", 0, offset),
            offset - line_start + 1,
            f"{kind}/too-deep",
            Severity.ERROR,
            f"front matter is nested more than {nesting.MAX_DEPTH} levels deep",
        )
    )
    return True


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def _jsonable_toml(value: Any) -> Any:
    """TOML dates and times become ISO 8601 strings, as Python formats them.

    ``tomllib`` keeps no source text, so ``2020-02-20T20:00:00Z`` comes back as
    ``2020-02-20T20:00:00+00:00``: the same instant, which date-time formats accept.
    """
    if isinstance(value, dict):
        return {k: _jsonable_toml(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable_toml(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_HTML_START = (
    "<p",
    "<div",
    "<h1",
    "<h2",
    "<h3",
    "<article",
    "<section",
    "<ul",
    "<ol",
    "<figure",
    "<blockquote",
    "<table",
    "<html",
    "<!doctype",
    "<body",
    "<span",
    "<img",
    "<a ",
)


def sniff_body_format(body: str, path: str = "") -> BodyFormat:
    """Guess the body's markup from its start and the file name.

    HTML when the body opens with a block tag; Markdown for .md files or Markdown syntax;
    plain text otherwise.
    """
    head = body[:400].lstrip()[:200].lower()
    if head.startswith(_HTML_START):
        return "html"
    lowered = path.lower()
    if lowered.endswith((".html", ".htm")):
        return "html"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    if head.startswith(("#", "- ", "* ", "> ", "```")) or "](" in body[:2000]:
        return "markdown"
    return "text"
