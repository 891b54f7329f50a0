"""Schema rules: every JSON Schema violation, and missing recommended fields.

Findings are named after the schema keyword that failed (``schema/required``,
``schema/format``, ...), so ``--ignore schema/format`` works as a user expects.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any, ClassVar

from convert.dates import out_of_range_hint
from convert.diagnostics import Diagnostic, Severity
from convert.loading import REJECTED_VALUE
from convert.loading.yaml_reader import TYPE_NAMES
from convert.pointer import join_pointer, split_pointer
from convert.record import Record
from convert.rules import RuleContext

SCHEMA_KEYWORDS: tuple[str, ...] = (
    "additionalItems",
    "additionalProperties",
    "anyOf",
    "backtrackLimitExceeded",
    "const",
    "contains",
    "contentEncoding",
    "contentMediaType",
    "custom",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "falseSchema",
    "format",
    "fromUtf8",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "oneOf",
    "pattern",
    "propertyNames",
    "referencing",
    "regexEngineFailure",
    "required",
    "type",
    "unevaluatedItems",
    "unevaluatedProperties",
    "uniqueItems",
)
"""What ``schema/<keyword>`` findings are named after: the kinds of error the schema validator
(jsonschema-rs) reports, by their keyword name. ``dependentRequired`` fails as ``required``, a
``false`` subschema (``additionalProperties: false``) as ``falseSchema``."""

FORMAT_HINTS = {
    "date-time": "use RFC 3339 with a time zone, e.g. 2020-02-20T20:00:00Z",
    "date": "use YYYY-MM-DD, e.g. 2020-02-20",
    "uri": "use an absolute address, e.g. https://example.com/news/story",
    "uri-reference": "use an address or a path, e.g. /images/photo.jpg",
    "email": "use an address like name@example.com",
}


def _show(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _field(pointer: str) -> str:
    """The field a finding is about, as its writer knows it: its key, or a list's item as the
    list's key and its index (``topics[1]``, not ``1``)."""
    if not pointer:
        return "the front matter"
    *above, last = split_pointer(pointer)
    if last.isdigit() and above and not above[-1].isdigit():
        return f'"{above[-1]}[{last}]"'
    return f'"{last}"'


class SchemaRule:
    """Values must match the schema (types, formats, patterns, ranges, required fields).

    Each finding is named after the keyword that failed, e.g. ``schema/type``,
    ``schema/format``, ``schema/required``. A missing required field is reported at the
    mapping that should hold it. Formats are really checked: ``date-time`` needs RFC 3339 with a
    zone and a real calendar date, ``uri`` an absolute address. A value the loader already
    rejected (``!!int high``) is reported once, by the loader.
    """

    id: ClassVar[str] = "schema"
    default_severity: ClassVar[Severity] = Severity.ERROR

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        if not record.intact:
            return
        validator = context.schema.validator
        if validator.is_valid(record.meta):  # fast path: clean records skip error building
            return
        rejected = {
            (problem.line, problem.column)
            for problem in record.problems
            if problem.rule in REJECTED_VALUE
        }
        for error in validator.iter_errors(record.meta):
            finding = self._finding(record, context, error)
            if not rejected or (finding.line, finding.column) not in rejected:
                yield finding

    def _finding(self, record: Record, context: RuleContext, error: Any) -> Diagnostic:
        pointer = join_pointer(error.instance_path)
        kind = error.kind
        keyword = getattr(kind, "name", "") or str(error.schema_path[-1])
        rule = f"schema/{keyword}"
        hint = ""
        key = False
        if keyword == "required":
            missing = str(kind.property)
            where = "" if not pointer else f" in {pointer}"
            message = f'missing required field "{missing}"{where}'
            hint = self._near_miss_hint(record, pointer, missing)
        elif keyword == "type":
            expected = " or ".join(sorted((str(t) for t in kind.types), key=lambda t: t == "null"))
            message = f"{_field(pointer)} must be {expected}, not {_show(error.instance)}"
            hint = self._yaml_hint(record, pointer, kind.types, validator=context.schema.validator)
        elif keyword == "format":
            fmt = str(getattr(kind, "format", "") or error.schema_path[-1])
            message = f"{_field(pointer)} is not a valid {fmt}: {_show(error.instance)}"
            hint = (fmt == "date-time" and out_of_range_hint(error.instance)) or FORMAT_HINTS.get(
                fmt, ""
            )
        elif keyword == "pattern" and getattr(kind, "pattern", None) == "\\S":
            message = f"{_field(pointer)} is blank: {_show(error.instance)}"
            hint = "write some text, not only white space"
        elif keyword == "additionalProperties":
            message = error.message
            key = True
        else:
            message = f"{_field(pointer)}: {error.message}"
        return context.finding(
            record, rule, self.default_severity, message, pointer=pointer, hint=hint, key=key
        )

    @staticmethod
    def _yaml_hint(record: Record, pointer: str, types: Any, *, validator: Any) -> str:
        """Explain YAML 1.1 surprises: ``NO`` read as false, ``010`` as 8, ``1:20`` as 80; and
        say "quote it" only where the quoted text would be valid (``locale: 3.10`` quoted
        still fails the locale pattern)."""
        if "string" not in types:
            return ""
        locator = record.source.locator
        plain_kind = getattr(locator, "plain_kind", None)
        kind = plain_kind(pointer) if plain_kind is not None else None
        if kind is None or kind == "null":  # an empty value or ~ is meant as null: no surprise
            return ""
        written_text = getattr(locator, "written", None)
        written = written_text(pointer) if written_text is not None else None
        surprise = f"YAML reads the unquoted value as {TYPE_NAMES[kind]}"
        if written is None:
            return surprise
        if not _still_invalid(validator, record.meta, pointer, written):
            return f'{surprise}; quote it: "{written}"'
        return f'{surprise}, and "{written}" quoted would not be valid here either'

    @staticmethod
    def _near_miss_hint(record: Record, pointer: str, missing: str) -> str:
        from convert.rules.frontmatter import close_matches

        parent: Any = record.meta
        for part in split_pointer(pointer):
            parent = parent[int(part)] if isinstance(parent, list) else parent.get(part)
        if not isinstance(parent, dict):
            return ""
        near = close_matches(missing, list(parent))
        return f'"{near[0]}" is written; did you mean "{missing}"?' if near else ""


class RecommendedRule:
    """Fields a good record carries (x-recommended in the schema) should be present.

    A record without them still publishes, so this is a warning: the article schema
    recommends ``excerpt``, ``provider``, ``images`` and ``topics``. A field written under its
    older name (``abstract``) counts.
    """

    id: ClassVar[str] = "schema/recommended"
    default_severity: ClassVar[Severity] = Severity.WARNING

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]:
        if not record.intact or not record.has_front_matter:
            return
        meta = record.meta
        for name in context.schema.recommended:
            if meta.get(name) in (None, "", []) and all(
                meta.get(older) in (None, "", [])
                for older in context.schema.older_names.get(name, ())
            ):
                yield context.finding(
                    record,
                    self.id,
                    self.default_severity,
                    f'recommended field "{name}" is missing or empty',
                )


def _still_invalid(validator: Any, meta: Any, pointer: str, text: str) -> bool:
    """Whether ``meta`` with ``text`` at ``pointer`` still has a finding at ``pointer``."""
    parts = split_pointer(pointer)
    if not parts:
        return False
    changed = copy.deepcopy(meta)
    parent: Any = changed
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    parent[int(last) if isinstance(parent, list) else last] = text
    return any(join_pointer(e.instance_path) == pointer for e in validator.iter_errors(changed))


RULES = (SchemaRule, RecommendedRule)
