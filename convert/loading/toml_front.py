"""TOML front matter: its values, syntax errors at file positions, and where keys were written.

It is read as TOML 1.1 where tomli 2.5 or later is installed (:func:`toml_reader`), as site
configurations are. ``tomllib`` gives no positions: its errors name a line and column inside
the block only in the message text (Python 3.14 adds attributes), and its values none at all.
The error position is moved to the file's lines; a light line scanner finds where each key,
table header and array-of-tables entry is written, for findings about values. It runs only
when a record has a finding to place.
"""

from __future__ import annotations

import math
import re
import tomllib
from typing import Any

from convert.loading.json_front import NotJsonNumber
from convert.pointer import escape_token
from convert.record import Position

_LONG_INTEGER = re.compile(r"[+-]?\d(?:_?\d){4000,}")
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_KEY_PART = re.compile(r'\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|\'([^\']*)\')\s*')
_HEADER = re.compile(r"\s*(\[\[?)")
_STRING = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#.*')


TOML_11_HINT = (
    "if this is TOML 1.1 (an inline table { } over several lines, which Zola and Hugo read),"
    " pip install 'tomli>=2.5' to read it too"
)


class TomlSyntax(Exception):  # noqa: N818 - a value object, raised to leave parse()
    """A TOML syntax error: the message without its position, the 1-based position, and
    what to do about it (``TOML_11_HINT`` where only TOML 1.0 could be read)."""

    def __init__(self, message: str, line: int, column: int, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.hint = message, line, column, hint


def toml_11_hint(error: Exception) -> str:
    """``TOML_11_HINT`` for an error of the standard library's TOML 1.0 reader (the text may be
    TOML 1.1, which tomli 2.5 reads), else nothing: tomli's own errors are the text's."""
    return TOML_11_HINT if isinstance(error, tomllib.TOMLDecodeError) else ""


def toml_reader() -> Any:
    """The TOML parser front matter and site configurations are read with: tomli 2.5 or later
    where installed, which reads TOML 1.1 (Zola's and Hugo's TOML: inline tables over
    several lines), else the standard library's ``tomllib`` (TOML 1.0). Its ``loads`` and
    ``TOMLDecodeError`` are the same in both."""
    try:
        import tomli
    except ImportError:
        return tomllib
    version = re.match(r"(\d+)\.(\d+)", getattr(tomli, "__version__", ""))
    new_enough = version is not None and (int(version[1]), int(version[2])) >= (2, 5)
    return tomli if new_enough else tomllib


def parse(text: str, first_line: int) -> dict[str, Any]:
    """The TOML ``text`` (starting on file line ``first_line``) as a dict.

    Raises:
        TomlSyntax: with the file's line and column of the error.
    """
    reader = toml_reader()
    try:
        data: dict[str, Any] = reader.loads(text, parse_float=_finite)
        return data
    except ValueError as exc:
        if not isinstance(exc, reader.TOMLDecodeError):
            raise _too_long(text, first_line) from exc
        message = str(exc.args[0]) if exc.args else str(exc)
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        where = _AT.search(message)
        if where is not None:
            message = message[: where.start()]
            if line is None and where.group(1):
                line, column = int(where.group(1)), int(where.group(2))
        if line is None:  # at the end of the document
            line, column = text.count("\n") + 1, 1
        raise TomlSyntax(message, first_line + line - 1, column or 1, toml_11_hint(exc)) from exc


def _finite(written: str) -> float | NotJsonNumber:
    """TOML's nan and inf (and 1e400) have no JSON form: the text written is kept."""
    value = float(written)
    return value if math.isfinite(value) else NotJsonNumber(written)


def _too_long(text: str, first_line: int) -> TomlSyntax:
    """tomllib raises a bare ValueError for an integer past Python's digit limit: say where."""
    run = _LONG_INTEGER.search(text)
    if run is None:  # pragma: no cover - no other ValueError is known to escape tomllib
        return TomlSyntax("a value cannot be read", first_line, 1)
    line_start = text.rfind("\n", 0, run.start()) + 1
    digits = sum(char.isdigit() for char in run.group())
    return TomlSyntax(
        f"an integer of {digits:,} digits is too long to read (TOML integers are 64-bit)",
        first_line + text.count("\n", 0, run.start()),
        run.start() - line_start + 1,
    )


def _key_path(line: str, pos: int) -> tuple[list[str], int] | None:
    """The parts of the dotted key starting at ``pos`` and where it ends."""
    parts: list[str] = []
    while True:
        match = _KEY_PART.match(line, pos)
        if match is None:
            return None
        bare, basic, literal = match.groups()
        parts.append(bare if bare is not None else basic if basic is not None else literal)
        pos = match.end()
        if pos < len(line) and line[pos] == ".":
            pos += 1
            continue
        return parts, pos


def _open_brackets(text: str) -> tuple[int, str | None]:
    """Brackets left open in ``text`` (strings and comments skipped), and an unclosed
    multi-line string delimiter, if any."""
    depth = 0
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char in "\"'#":
            match = _STRING.match(text, pos)
            if match is None:
                return depth, None
            if match.group() in ('"""', "'''"):
                close = text.find(match.group(), match.end())
                if close < 0:
                    return depth, match.group()
                pos = close + 3
                continue
            pos = match.end()
            continue
        depth += {"[": 1, "{": 1, "]": -1, "}": -1}.get(char, 0)
        pos += 1
    return depth, None


def key_positions(text: str) -> dict[str, tuple[Position, Position]]:
    """Pointer -> (key position, value position), 0-based lines within ``text``, 1-based
    columns. Tables and array-of-tables entries are placed at their headers."""
    found: dict[str, tuple[Position, Position]] = {}
    table: list[str] = []
    entries: dict[tuple[str, ...], int] = {}  # array of tables -> its last index
    depth, string = 0, None
    for number, line in enumerate(text.split("\n")):
        if string is not None:  # inside a multi-line string
            close = line.find(string)
            if close < 0:
                continue
            depth, string = _open_brackets(line[close + 3 :])
            continue
        if depth > 0:  # inside a multi-line array
            more, string = _open_brackets(line)
            depth += more
            continue
        header = _HEADER.match(line)
        if header is not None:
            parsed = _key_path(line, header.end())
            if parsed is not None:
                table = _resolve(parsed[0], entries, header.group(1) == "[[")
                where = (number, header.start(1) + 1)
                found["".join("/" + escape_token(t) for t in table)] = (where, where)
            continue
        parsed = _key_path(line, 0)
        if parsed is None or not line[parsed[1] :].startswith("="):
            continue
        parts, end = parsed
        value_at = end + 1 + len(line[end + 1 :]) - len(line[end + 1 :].lstrip())
        pointer = "".join("/" + escape_token(t) for t in [*table, *parts])
        key_at = len(line) - len(line.lstrip())
        found[pointer] = ((number, key_at + 1), (number, value_at + 1))
        depth, string = _open_brackets(line[value_at:])
    return found


def _resolve(parts: list[str], entries: dict[tuple[str, ...], int], array: bool) -> list[str]:
    """The pointer tokens of a table header, entering the last entry of arrays of tables.

    A prefix is looked up only where an array of tables of its length exists: making a tuple
    of every prefix made a header of many parts cost the square of their number (160,000
    parts, 44 s)."""
    tokens: list[str] = []
    lengths = {len(key) for key in entries}
    for index, part in enumerate(parts):
        tokens.append(part)
        last = index == len(parts) - 1
        if last and array:
            key = tuple(tokens)
            entries[key] = entries.get(key, -1) + 1
            tokens.append(str(entries[key]))
        elif len(tokens) in lengths and (key := tuple(tokens)) in entries:
            tokens.append(str(entries[key]))
    return tokens


class TomlLocator:
    """Positions in TOML front matter whose first line is ``first_line`` of the file."""

    def __init__(self, text: str, first_line: int, fence_line: int) -> None:
        self._text = text
        self._first_line = first_line
        self._fence_line = fence_line
        self._found: dict[str, tuple[Position, Position]] | None = None

    def __call__(self, pointer: str, *, key: bool = False) -> Position | None:
        if self._found is None:
            self._found = key_positions(self._text)
        while pointer and pointer not in self._found:
            pointer = pointer.rsplit("/", 1)[0]  # the nearest written ancestor
        if not pointer:
            return (self._fence_line, 1)
        (line, column) = self._found[pointer][0 if key else 1]
        return (self._first_line + line, column)
