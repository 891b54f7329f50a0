"""Parsing the front-matter text (YAML, TOML or JSON) into metadata, a locator and findings.

Nesting is bounded before a recursive parser meets it, and metadata that is not a mapping of
fields is a finding, not an exception. An empty block (blank lines or comments only, or JSON's
``{}``) is an empty mapping in all three kinds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.loading.split import Split
from convert.pointer import escape_token
from convert.record import Locator

NULL_FRONT_MATTER = "front matter is a null, not a mapping of fields"
"""The ``frontmatter/not-a-mapping`` message for ``null`` (or ``~``) front matter, which Jekyll
builds as a page with no fields: its profile reads it so (:mod:`convert.profiles.mapping`)."""

FINDINGS = (
    FindingKind(
        "frontmatter/not-a-mapping",
        Severity.ERROR,
        "The front matter is a list or a single value (null included) instead of fields; "
        "an empty block is an empty mapping.",
    ),
    FindingKind("toml/syntax", Severity.ERROR, "The TOML front matter cannot be parsed."),
    FindingKind("json/syntax", Severity.ERROR, "The JSON front matter cannot be parsed."),
    FindingKind("json/duplicate-key", Severity.ERROR, "A key appears twice in one JSON object."),
    FindingKind(
        "json/invalid-number",
        Severity.ERROR,
        "A number JSON does not have (NaN, Infinity) or cannot carry (1e400, thousands of "
        "digits); the text is kept as a string.",
    ),
    FindingKind("json/too-deep", Severity.ERROR, "JSON nesting exceeds the depth limit."),
    FindingKind("toml/too-deep", Severity.ERROR, "TOML nesting exceeds the depth limit."),
    FindingKind(
        "toml/value-type",
        Severity.WARNING,
        "A number has no JSON form (nan, inf, 1e400, an integer too long for decimal); the "
        "text is kept as a string.",
    ),
)


_MAX_INT_BITS = 13_000
"""Integers past this have more decimal digits than Python writes (see yaml_tags)."""


def parse_meta(
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
        if doc.root is None:
            # Blank lines and comments only: no fields, as an empty TOML block or JSON's
            # {} has none, and as Jekyll, Hugo and Zola read it. An explicit null is a
            # value (Hugo and Zola refuse it) and stays a finding below.
            data = {}
    elif split.kind == "toml":
        from convert.loading import toml_front

        if _too_deep(split.front_matter, "toml", first, path, problems):
            return {}, None, False
        try:
            no_json_form: list[tuple[str, str]] = []
            parsed = _toml_within_depth(split.front_matter, first, path, problems)
            if parsed is None:
                return {}, None, False
            data = _jsonable_toml(parsed, "", no_json_form)
        except toml_front.TomlSyntax as exc:
            problems.append(
                Diagnostic(
                    path,
                    exc.line,
                    exc.column,
                    "toml/syntax",
                    Severity.ERROR,
                    f"TOML syntax error: {exc.message}",
                    hint=exc.hint,
                )
            )
            return {}, None, False
        locator = toml_front.TomlLocator(split.front_matter, first, split.front_matter_line)
        for pointer, reason in no_json_form:
            line, column = locator(pointer) or (first, 1)
            problems.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "toml/value-type",
                    Severity.WARNING,
                    reason,
                    pointer,
                    "write a finite number within range, or a quoted string",
                )
            )
    else:
        data, locator = _parse_json(split, path, problems)
        if locator is None:
            return {}, None, False
    if not isinstance(data, dict):
        problems.append(
            Diagnostic(
                path,
                split.front_matter_line,
                1,
                "frontmatter/not-a-mapping",
                Severity.ERROR,
                f"front matter is a {_json_type(data)}, not a mapping of fields",
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
        parsed = json_front.parse(split.front_matter)
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
    found = json_front.layout(split.front_matter) if parsed.repeated or parsed.not_numbers else None
    locator = json_front.JsonLocator(split.front_matter, split.front_matter_line, found)
    for pointer, written in parsed.not_numbers:
        line, column = locator(pointer) or (split.front_matter_line, 1)
        problems.append(
            Diagnostic(
                path,
                line,
                column,
                "json/invalid-number",
                Severity.ERROR,
                f"{json_front.not_a_number(written)}; the text is kept as a string",
                pointer,
                "write a finite number within range, a quoted string, or null",
            )
        )
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
    return parsed.data, locator


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


def _toml_within_depth(
    text: str, first: int, path: str, problems: list[Diagnostic]
) -> dict[str, Any] | None:
    """TOML front matter parsed, or None with a ``toml/too-deep`` finding where dotted keys
    and table headers (``a.b.c = 1``, ``[a.b.c]``) nest it past the limit, which the bracket
    scan cannot see: tomli refuses a key of more than 1,000 parts with a RecursionError, and
    reads fewer into tables as deep as the key is long, which the walkers after it recurse on.

    Raises:
        TomlSyntax: as :func:`convert.loading.toml_front.parse`.
    """
    from convert.loading import nesting, toml_front

    try:
        data = toml_front.parse(text, first)
        if not nesting.deeper_than(data):
            return data
    except RecursionError:
        pass
    # The first key or header written with more parts than the limit, else the first line.
    line, column = next(
        (
            where
            for pointer, (where, _value) in toml_front.key_positions(text).items()
            if pointer.count("/") > nesting.MAX_DEPTH
        ),
        (0, 1),
    )
    problems.append(
        Diagnostic(
            path,
            first + line,
            column,
            "toml/too-deep",
            Severity.ERROR,
            f"front matter is nested more than {nesting.MAX_DEPTH} levels deep",
            hint="write the key with fewer parts, or the table as fewer nested tables",
        )
    )
    return None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "list"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def _jsonable_toml(value: Any, pointer: str, no_json_form: list[tuple[str, str]]) -> Any:
    """TOML dates and times become ISO 8601 strings, as Python formats them.

    ``tomllib`` keeps no source text, so ``2020-02-20T20:00:00Z`` comes back as
    ``2020-02-20T20:00:00+00:00``: the same instant, which date-time formats accept. Numbers
    JSON cannot carry (nan, inf, an integer too long for decimal) become text; their pointers
    and why go to ``no_json_form``.
    """
    if isinstance(value, dict):
        return {
            k: _jsonable_toml(v, f"{pointer}/{escape_token(k)}", no_json_form)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_jsonable_toml(v, f"{pointer}/{i}", no_json_form) for i, v in enumerate(value)]
    if isinstance(value, str):
        if value.__class__ is not str:  # json_front.NotJsonNumber, from toml_front's parse_float
            no_json_form.append(
                (pointer, f"{value} has no JSON form; the text is kept as a string")
            )
            return str(value)
        return value
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        no_json_form.append(
            (
                pointer,
                "this integer is too long to write in decimal; it is kept as hexadecimal text",
            )
        )
        return hex(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
