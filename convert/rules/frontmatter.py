"""Front-matter rules: a record without front matter, and keys the schema does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from convert.diagnostics import Diagnostic, Severity
from convert.record import Record
from convert.rules import RuleContext
from convert.yamlsafe import escape_token


def close_matches(word: str, candidates: list[str]) -> list[str]:
    """Names that look like a misspelling of ``word``: same letters in another case first."""
    folded = [c for c in candidates if c.lower() == word.lower() and c != word]
    return folded or difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)


class MissingFrontMatter:
    """A record should start with front matter between --- lines.

    Scraped pages often have none; they can still be converted to cleaned text, but they
    carry no title, date or link of their own.
    """

    id: ClassVar[str] = "frontmatter/missing"
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        if record.intact and not record.has_front_matter:
            yield context.finding(
                record, self.id, self.default_severity,
                "no front matter: the file does not start with a --- line",
                hint="add the fields between --- lines at the top of the file",
                whole_file=True,
            )


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
        root = context.schema.document
        yield from self._walk(record, context, record.meta, root, root, "")

    def _walk(self, record: Record, context: RuleContext, value: Any,
              schema: Mapping[str, Any], root: Mapping[str, Any],
              pointer: str) -> Iterator[Diagnostic]:
        schema = _resolve(schema, root)
        if isinstance(value, dict):
            properties = schema.get("properties")
            if not isinstance(properties, Mapping):
                return
            check_keys = "additionalProperties" not in schema
            for key, child in value.items():
                child_pointer = f"{pointer}/{escape_token(key)}"
                if key in properties:
                    yield from self._walk(record, context, child, properties[key], root,
                                          child_pointer)
                elif check_keys:
                    near = close_matches(key, list(properties))
                    hint = f'did you mean "{near[0]}"?' if near else ""
                    yield context.finding(
                        record, self.id, self.default_severity,
                        f'unknown field "{key}"', pointer=child_pointer, hint=hint, key=True)
        elif isinstance(value, list):
            items = schema.get("items")
            if isinstance(items, Mapping):
                for index, child in enumerate(value):
                    yield from self._walk(record, context, child, items, root,
                                          f"{pointer}/{index}")


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
