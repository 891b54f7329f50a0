"""Reading a record: bytes -> text -> front matter + body -> :class:`Record`.

Every problem becomes a finding on the record; nothing here raises for bad input. A file that
cannot be read at all still gives a Record (empty metadata, ``intact=False``) so a batch goes on.
The steps live beside this module: :mod:`.files` (reading and decoding), :mod:`.split`
(fences), :mod:`.front_matter` (YAML, TOML, JSON) and :mod:`.body_format`.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.limits import MAX_RECORD_BYTES
from convert.loading.body_format import sniff_body_format
from convert.loading.compressed import compression_of, inflate
from convert.loading.files import decode, read_failure, read_limited, too_large, unreadable
from convert.loading.front_matter import parse_meta
from convert.loading.split import split_front_matter
from convert.record import STDIN, BodyFormat, Record, Source

__all__ = ["REJECTED_VALUE", "load", "loads", "sniff_body_format", "too_large", "unreadable"]

REJECTED_VALUE = frozenset(("yaml/tag-mismatch", "json/invalid-number"))
"""Findings that reject the value they point at (the record keeps the text written in its
place): the schema says nothing more about a value at the same position."""

FINDINGS = (
    FindingKind(
        "file/bom",
        Severity.WARNING,
        "A byte order mark precedes the opening fence (it hides front matter from Jekyll).",
    ),
    FindingKind(
        "frontmatter/unclosed",
        Severity.ERROR,
        'An opening fence has no closing fence (YAML\'s "..." is none: Hugo needs "---").',
    ),
)


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
        max_bytes: larger files get a ``file/too-large`` finding and are not read whole; a
            compressed file (gzip, bzip2, xz) is read as the text inside, which the limit
            counts.
        display_path: the name used in findings (defaults to ``path`` with ``/`` separators).
        body_format: force the body format instead of sniffing it.
    """
    name = display_path or ("<stdin>" if str(path) == STDIN else Path(path).as_posix())
    try:
        if str(path) == STDIN:
            data = read_limited(sys.stdin.buffer, max_bytes)
        else:
            with open(path, "rb") as stream:  # noqa: PTH123 - the hot path; Path adds cost
                data = read_limited(stream, max_bytes)
    except OSError as exc:
        reason = read_failure(path, exc)
        return unreadable(name, "file/unreadable", f"cannot read the file: {reason}")
    if data is None:
        return too_large(name, max_bytes)
    return loads(data, path=name, body_format=body_format, max_bytes=max_bytes)


def loads(
    data: str | bytes,
    *,
    path: str = "<string>",
    body_format: BodyFormat | None = None,
    document_end_closes: bool = False,
    leading_blank_lines: bool = False,
    max_bytes: int = MAX_RECORD_BYTES,
) -> Record:
    """Read a record from its text or bytes. Bytes must be UTF-8 (a BOM is allowed), but for
    a saved web page that declares another encoding (:func:`convert.loading.files.decode`).
    Compressed bytes (gzip, bzip2, xz; :mod:`convert.loading.compressed`) are read as the
    text inside, of at most ``max_bytes`` (a ``file/too-large`` finding past it).

    ``document_end_closes``: YAML front matter may end with ``...`` (Jekyll's rule).
    ``leading_blank_lines``: blank lines may come before the opening fence (Hugo's and Zola's).
    """
    if isinstance(data, bytes) and (kind := compression_of(data)) is not None:
        inflated = inflate(data, kind, path, max_bytes)
        if isinstance(inflated, Record):
            return inflated
        data = inflated
    bom = data[:3] == b"\xef\xbb\xbf" if isinstance(data, bytes) else data[:1] == "\ufeff"
    guessed: Diagnostic | None = None
    if isinstance(data, bytes):
        decoded = decode(data, path)
        if isinstance(decoded, Record):
            return decoded
        text, guessed = decoded
    else:
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            return unreadable(
                path, "file/binary", "file contains NUL characters; it is not a text record"
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    split = split_front_matter(
        text, document_end_closes=document_end_closes, leading_blank_lines=leading_blank_lines
    )
    problems: list[Diagnostic] = [] if guessed is None else [guessed]
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
        meta, locator, intact = parse_meta(split, path, problems)
    elif split.unclosed_line is not None:
        intact = False
        if split.dots_line is not None:
            problems.append(
                Diagnostic(
                    path,
                    split.dots_line,
                    1,
                    "frontmatter/unclosed",
                    Severity.ERROR,
                    'front matter ends with "...", YAML\'s document end: Jekyll reads it as the '
                    'closing fence, but Hugo and python-frontmatter read only "---"',
                    hint='replace "..." with "---", or check a Jekyll site with --profile jekyll',
                )
            )
        else:
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
