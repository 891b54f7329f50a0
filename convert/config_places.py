"""Where each setting of a TOML settings file was written, so that a mistake in a value names
the file, the line and the key, wherever the value is found to be wrong.

``tomllib`` gives values without positions, so :func:`key_lines` reads the text once more for
the line of each key (tables, dotted keys, quoted keys and inline tables). A string setting
travels as a :class:`Written` value, a ``str`` that remembers its :attr:`~Written.origin`: the
check that refuses it (a rule id, a feed language, a profile name) may run long after the file
was read, and can then say where to fix it rather than name a flag that was never given.
:class:`SettingsFile` words every mistake in a file in one form: ``FILE:LINE: key: what is
wrong; the fix``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convert.errors import ConfigError

KeyPath = tuple[str, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_ESCAPE_OR_END = re.compile(r'\\.|"""', re.DOTALL)
_SCALAR = re.compile(r"[^,\]}#\r\n]+")
DEEPEST = 16
"""The most keys deep a path is recorded (``tool.artconv.converters.json.indent`` is five):
deeper keys are read past, so that a key's cost stays bounded however deep the nesting."""
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class Written(str):
    """A string read from a settings file; ``origin`` says where: ``artconv.toml:3: feed.link``.

    It is the string in every other respect, and pickles with its origin, so a check made in a
    worker process words its message as one made here.
    """

    origin: str

    def __new__(cls, text: str, origin: str) -> Written:
        value = super().__new__(cls, text)
        value.origin = origin
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (Written, (str(self), self.origin))


class WrittenTable(dict[str, Any]):
    """A format's ``[converters.NAME]`` table; ``origins`` says where each option was written
    (its values need not be strings: ``indent = 99``), ``spelt`` how its key is written there
    (``include-unpublished`` for ``include_unpublished``)."""

    def __init__(self) -> None:
        super().__init__()
        self.origins: dict[str, str] = {}
        self.spelt: dict[str, str] = {}


class SettingsFile:
    """One settings file as read: its ``artconv`` table, and where each key is written in it.

    ``prefix`` is the table's own path (``tool.artconv`` in a pyproject.toml), so that a
    message names a key as the file spells it.
    """

    def __init__(
        self, path: Path, table: Mapping[str, Any], text: str | None, prefix: KeyPath = ()
    ) -> None:
        self.path = path
        self.table = table
        self.prefix = prefix
        self.lines = key_lines(text) if text is not None else {}

    def at(self, *keys: str) -> str:
        """``artconv.toml:LINE: key``: where a key is written (no line when it cannot be
        found surely)."""
        path = self.prefix + keys
        line = self.lines.get(path)
        return f"{self.path}{'' if line is None else f':{line}'}: {dotted(path)}"

    def error(self, keys: KeyPath, problem: str, fix: str = "") -> ConfigError:
        """The one form of a settings mistake: ``FILE:LINE: key: what is wrong; the fix``."""
        return ConfigError(f"{self.at(*keys)}: {problem}{'; ' + fix if fix else ''}")

    def written(self, value: str, *keys: str) -> Written:
        return Written(value, self.at(*keys))


def plain(value: Any) -> Any:
    """``value`` without its origin: a :class:`Written` string as a ``str``, anything else as
    it is. Values leave the settings layer so (for a plugin, for output): ``yaml.safe_dump``
    and others refuse a ``str`` subclass, and where it was written matters only to checks."""
    return str(value) if isinstance(value, Written) else value


def origin_of(value: object) -> str | None:
    """Where ``value`` was written in a settings file; ``None`` for any other value (one given
    on the command line or by a program)."""
    return value.origin if isinstance(value, Written) else None


def dotted(keys: KeyPath) -> str:
    """A key path as TOML writes it: ``rules."schema/recommended"``."""
    return ".".join(k if _BARE_KEY.fullmatch(k) else _quoted(k) for k in keys)


def _quoted(key: str) -> str:
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def key_lines(text: str) -> dict[KeyPath, int | None]:
    """The 1-based line of each key path written in ``text``, a valid TOML document.

    A table header gives its table's path; a dotted key gives each of its prefixes too (the
    first line that writes them). A path written twice (in arrays of tables) maps to ``None``:
    no one line is surely its line, and a path more than :data:`DEEPEST` keys deep is left
    out. Should the text hold something this reader does not follow, the answer is empty
    rather than a guess. Nesting of any depth is read without recursion, in time linear in
    the text.
    """
    reader = _KeyReader(text)
    try:
        reader.document()
    except (IndexError, ValueError):
        return {}
    return reader.lines


class _KeyReader:
    """A TOML reader that keeps only where keys are: values are skipped, not read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.lines: dict[KeyPath, int | None] = {}
        self.counted = (0, 1)  # an offset and its line: keys come in order, so count onwards

    def line(self, offset: int) -> int:
        start, line = self.counted
        line += self.text.count("\n", start, offset)
        self.counted = (offset, line)
        return line

    def peek(self, count: int = 1) -> str:
        return self.text[self.at : self.at + count]

    def record(self, path: KeyPath, offset: int, *, whole: bool = True) -> None:
        line = self.line(offset)
        if not whole:
            self.lines.setdefault(path, line)
        elif path in self.lines and self.lines[path] != line:
            self.lines[path] = None
        else:
            self.lines[path] = line

    def blank(self, *, newlines: bool) -> None:
        """Skip spaces and comments, and line breaks when ``newlines``."""
        while self.at < len(self.text):
            c = self.text[self.at]
            if c in " \t" or (newlines and c in "\r\n"):
                self.at += 1
            elif c == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            else:
                return

    def document(self) -> None:
        table: KeyPath | None = ()
        while True:
            self.blank(newlines=True)
            if self.at >= len(self.text):
                return
            start = self.at
            if self.peek(2) == "[[":
                self.at += 2
                path = self.key()
                self.expect("]]")
                table = self.header(path, start)
            elif self.peek() == "[":
                self.at += 1
                path = self.key()
                self.expect("]")
                table = self.header(path, start)
            else:
                self.value(self.pair(table))
            self.blank(newlines=False)
            if self.at < len(self.text) and self.text[self.at] not in "\r\n":
                raise ValueError("expected the end of a line")

    def header(self, table: KeyPath, start: int) -> KeyPath | None:
        """Record a table header's path and its prefixes; the path its keys go below
        (``None`` when it is too deep to record)."""
        for size in range(1, min(len(table), DEEPEST + 1)):
            self.record(table[:size], start, whole=False)
        if len(table) > DEEPEST:
            return None
        self.record(table, start)
        return table

    def pair(self, table: KeyPath | None) -> KeyPath | None:
        """``key =``, its key recorded below ``table``; the path of its value. Below a
        ``None`` table, or past :data:`DEEPEST` keys, nothing is recorded and the path is
        ``None``."""
        start = self.at
        key = self.key()
        self.blank(newlines=False)
        self.expect("=")
        self.blank(newlines=False)
        if table is None:
            return None
        for size in range(1, min(len(key), DEEPEST - len(table) + 1)):
            self.record(table + key[:size], start, whole=False)
        if len(table) + len(key) > DEEPEST:
            return None
        path = table + key
        self.record(path, start)
        return path

    def expect(self, token: str) -> None:
        self.blank(newlines=False)
        if self.peek(len(token)) != token:
            raise ValueError(f"expected {token!r}")
        self.at += len(token)

    def key(self) -> KeyPath:
        parts = [self.simple_key()]
        while True:
            self.blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.at += 1
            parts.append(self.simple_key())

    def simple_key(self) -> str:
        self.blank(newlines=False)
        c = self.peek()
        if c == '"':
            return self.basic_string()
        if c == "'":
            end = self.text.index("'", self.at + 1)
            key = self.text[self.at + 1 : end]
            self.at = end + 1
            return key
        found = _BARE_KEY.match(self.text, self.at)
        if found is None:
            raise ValueError("expected a key")
        self.at = found.end()
        return found.group()

    def basic_string(self) -> str:
        """A one-line ``"..."`` string, its escapes read (a key's name is its text)."""
        out: list[str] = []
        at = self.at + 1
        while self.text[at] != '"':
            c = self.text[at]
            if c != "\\":
                out.append(c)
                at += 1
                continue
            code = self.text[at + 1]
            if code in _ESCAPES:
                out.append(_ESCAPES[code])
                at += 2
            elif code in "uU":
                size = 4 if code == "u" else 8
                out.append(chr(int(self.text[at + 2 : at + 2 + size], 16)))
                at += 2 + size
            else:
                raise ValueError("an escape this reader does not know")
        self.at = at + 1
        return "".join(out)

    def value(self, path: KeyPath | None) -> None:
        """Skip one value; an inline table's keys are recorded below ``path``.

        The arrays and inline tables open around the current item are kept on a stack rather
        than followed by calling this again for each item: tomllib reads some hundreds of
        levels of ``[[[...]]]``, and a call per level would pass Python's recursion limit.
        """
        opened: list[tuple[str, KeyPath | None]] = []  # each one's closing bracket and path
        while True:
            if self.peek() in ("[", "{"):
                opened.append(("]" if self.peek() == "[" else "}", path))
                self.at += 1
            else:
                self.scalar()
                if not opened:
                    return
                self.separator(opened[-1][0])
            while True:  # at an item or a closing bracket
                self.blank(newlines=True)
                close, inner = opened[-1]
                if self.peek() != close:
                    break
                self.at += 1
                opened.pop()
                if not opened:
                    return
                self.separator(opened[-1][0])
            path = inner if close == "]" else self.pair(inner)

    def separator(self, close: str) -> None:
        """After an item: skip its ``,``, or stop at ``close``."""
        self.blank(newlines=True)
        if self.peek() == ",":
            self.at += 1
        elif self.peek() != close:
            raise ValueError(f"expected , or {close}")

    def scalar(self) -> None:
        """Skip a string, number, boolean or date."""
        if self.peek(3) in ('"""', "'''"):
            quote = self.peek(3)
            if quote == "'''":
                at = self.text.index(quote, self.at + 3)
            else:
                at = self.at + 3
                while True:
                    found = _ESCAPE_OR_END.search(self.text, at)
                    if found is None:
                        raise ValueError("an unterminated string")
                    if found.group() == quote:
                        break
                    at = found.end()
                at = found.start()
            at += 3
            while self.text[at : at + 1] == quote[0] and at < len(self.text):
                at += 1  # up to two quotes may close the text's content
            self.at = at
        elif self.peek() == '"':
            found = _BASIC_STRING.match(self.text, self.at)
            if found is None:
                raise ValueError("expected a string")
            self.at = found.end()
        elif self.peek() == "'":
            self.at = self.text.index("'", self.at + 1) + 1
        else:
            found = _SCALAR.match(self.text, self.at)
            if found is None:
                raise ValueError("expected a value")
            self.at = found.end()
