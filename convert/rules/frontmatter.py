"""Front-matter rules: a record without front matter, and keys the schema does not know."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any, ClassVar

from convert.diagnostics import Diagnostic, Severity
from convert.pointer import join_pointer
from convert.record import Record
from convert.rules import RuleContext


def close_matches(word: str, candidates: list[str]) -> list[str]:
    """Names that look like a misspelling of ``word``: same letters in another case first."""
    return list(_close_matches(word, tuple(candidates)))


@lru_cache(maxsize=4096)
def _close_matches(word: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    """Remembered: an aggregated corpus repeats the same few unknown keys in every record, and
    difflib costs tens of microseconds a candidate."""
    folded = tuple(c for c in candidates if c.lower() == word.lower() and c != word)
    if folded:
        return folded
    import difflib  # a misspelling is rare: clean records never load it

    return tuple(difflib.get_close_matches(word, candidates, n=1, cutoff=0.8))


class MissingFrontMatter:
    """A record should start with front matter between --- lines.

    Scraped pages often have none; they can still be converted to cleaned text, but they
    carry no title, date or link of their own.
    """

    id: ClassVar[str] = "frontmatter/missing"
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        if record.intact and not record.has_front_matter:
            message, hint = _why_missing(record.body)
            yield context.finding(
                record, self.id, self.default_severity, message, hint=hint, whole_file=True
            )


_ADD_FIELDS = "add the fields between --- lines at the top of the file"
_LONE_CR_FENCE = re.compile(r"---[ \t]*\r(?!\n)")


def _why_missing(text: str) -> tuple[str, str]:
    """What stands where the front matter should: saying "does not start with a --- line" of
    an empty file, or of one whose --- line ends in a lone CR (old Mac line ends, which the
    loader does not split lines at), sends its writer looking for the wrong mistake."""
    if not text.strip():
        what = "is empty" if not text else "holds only blank space"
        return f"no front matter: the file {what}", _ADD_FIELDS
    if _LONE_CR_FENCE.match(text):
        return (
            "no front matter: the file's lines end in a lone carriage return (CR), so its "
            "first --- line runs into the next",
            "convert its line ends to LF, e.g. with mac2unix or an editor's line-ending setting",
        )
    return "no front matter: the file does not start with a --- line", _ADD_FIELDS


class UnknownKey:
    """Keys the schema does not declare are reported, with the nearest declared name.

    Applies to every mapping whose schema lists ``properties`` without setting
    ``additionalProperties``; ``publishedDatetime`` gets 'did you mean "publishedDateTime"?'.
    """

    id: ClassVar[str] = "frontmatter/unknown-key"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        if not record.intact or not record.has_front_matter:
            return
        shape = _root_shape(context.schema.document)
        if shape is None:
            return
        for path, key, known in _unknown_keys(record.meta, shape, ()):
            pointer = join_pointer((*path, key))
            near = close_matches(key, known)
            yield context.finding(
                record,
                self.id,
                self.default_severity,
                f'unknown field "{key}"',
                pointer=pointer,
                hint=f'did you mean "{near[0]}"?' if near else "",
                key=True,
            )


class _Shape:
    """What a schema says about the keys of one mapping, with the shapes of its children.

    ``closed`` is false when the schema sets additionalProperties itself; ``items`` is, for
    lists, the shape of every item.
    """

    __slots__ = ("closed", "items", "known")

    def __init__(self, *, closed: bool = True, items: _Shape | None = None) -> None:
        self.known: dict[str, _Shape | None] = {}
        self.closed = closed
        self.items = items


def _shape(schema: Any, root: Mapping[str, Any], depth: int = 0) -> _Shape | None:
    """The key shape of ``schema``, or None where there is nothing to check below it."""
    schema = _resolve(schema, root) if isinstance(schema, Mapping) else None
    if schema is None or depth > 32:
        return None
    properties = schema.get("properties")
    items = schema.get("items")
    if isinstance(properties, Mapping):
        shape = _Shape(closed="additionalProperties" not in schema)
        for name, sub in properties.items():
            shape.known[name] = _shape(sub, root, depth + 1)
        if isinstance(items, Mapping):
            shape.items = _shape(items, root, depth + 1)
        return shape
    if isinstance(items, Mapping):
        inner = _shape(items, root, depth + 1)
        return None if inner is None else _Shape(closed=False, items=inner)
    return None


_SHAPES: dict[int, tuple[Mapping[str, Any], _Shape | None]] = {}


def _root_shape(schema: Mapping[str, Any]) -> _Shape | None:
    """The shape of a schema document, computed once per document."""
    cached = _SHAPES.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, _shape(schema, schema))
        _SHAPES[id(schema)] = cached
    return cached[1]


def _unknown_keys(
    value: Any, shape: _Shape, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, list[str]]]:
    """(path of the mapping, unknown key, declared names) for every undeclared key.

    Only containers are visited: scalars cannot hold keys, and most values are scalars.
    """
    if isinstance(value, dict):
        known = shape.known
        for key, child in value.items():
            if key not in known:
                if shape.closed:
                    yield path, key, list(known)
                continue
            sub = known[key]
            if sub is not None and isinstance(child, dict | list):
                yield from _unknown_keys(child, sub, (*path, key))
    elif isinstance(value, list) and shape.items is not None:
        for index, child in enumerate(value):
            if isinstance(child, dict | list):
                yield from _unknown_keys(child, shape.items, (*path, index))


def _resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow local ``$ref``s (``#/$defs/x``), the only kind our rule needs to see through."""
    for _ in range(16):
        ref = schema.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            break
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part) if isinstance(target, Mapping) else None
        if not isinstance(target, Mapping):
            break
        schema = target
    return schema


RULES = (MissingFrontMatter, UnknownKey)
