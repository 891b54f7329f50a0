"""JSON pointers (RFC 6901): the address of a value inside a record's metadata."""

from __future__ import annotations

from collections.abc import Iterable


def escape_token(token: str) -> str:
    """One reference token, with ``~`` and ``/`` escaped."""
    return token.replace("~", "~0").replace("/", "~1")


def split_pointer(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def join_pointer(path: Iterable[object]) -> str:
    """The pointer of a path of keys and list indexes: ``("a", 0)`` -> ``"/a/0"``."""
    return "".join("/" + escape_token(str(part)) for part in path)
