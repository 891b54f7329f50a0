"""Schemas: the packaged ones by name, or a user's file, compiled once per process.

Validation runs on jsonschema-rs, which checks ``format`` (``date-time``, ``uri``) out of the box
and is several times faster than python-jsonschema (figures in the README). When a user's schema
breaks its metaschema, python-jsonschema explains where, because its messages say more.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.errors import SchemaError

DEFAULT_SCHEMA = "article"
PACKAGED = Path(__file__).with_name("schemas")
"""The packaged schemas: a plain folder of the installed package (importlib.resources would
cost a one-record validation about a tenth of its start-up)."""


@dataclass(frozen=True)
class Schema:
    """A loaded schema and its compiled validator."""

    name: str
    document: Mapping[str, Any]
    validator: Any  # jsonschema_rs validator

    @property
    def recommended(self) -> tuple[str, ...]:
        """Top-level fields whose absence is a warning (our ``x-recommended`` keyword)."""
        value = self.document.get("x-recommended", ())
        return tuple(v for v in value if isinstance(v, str))


def packaged_names() -> list[str]:
    """Names of the schemas shipped inside the package."""
    folder = PACKAGED
    return sorted(
        entry.name.removesuffix(".schema.json")
        for entry in folder.iterdir()
        if entry.name.endswith(".schema.json")
    )


def packaged_text(name: str) -> str:
    """The text of a packaged schema, for ``artconv schema``."""
    if name not in packaged_names():
        raise SchemaError(
            f"no packaged schema named {name!r}; packaged: {', '.join(packaged_names())}"
        )
    return (PACKAGED / f"{name}.schema.json").read_text("utf-8")


@functools.cache
def load_schema(name_or_path: str = DEFAULT_SCHEMA) -> Schema:
    """Load a packaged schema by name, or a schema file by path; compiled once per process.

    Raises:
        SchemaError: the file is missing, is not JSON (or YAML), or is not a valid schema.
    """
    path = Path(name_or_path)
    if name_or_path in packaged_names() and not path.is_file():
        text = packaged_text(name_or_path)
        label = name_or_path
    else:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SchemaError(f"cannot read schema {name_or_path}: {exc}") from exc
        label = path.as_posix()
    document = _parse(text, label)
    return Schema(label, document, _compile(document, label))


def _parse(text: str, label: str) -> Mapping[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if not label.endswith((".yaml", ".yml")):
            raise SchemaError(
                f"schema {label} is not valid JSON: {exc.msg} (line {exc.lineno}, "
                f"column {exc.colno})"
            ) from exc
        import yaml

        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError as yexc:
            raise SchemaError(f"schema {label} is not valid YAML: {yexc}") from yexc
    if not isinstance(document, dict):
        raise SchemaError(f"schema {label} must be a JSON object")
    return document


def _compile(document: Mapping[str, Any], label: str) -> Any:
    import jsonschema_rs

    from convert.dates import is_date_time

    try:
        # date-time is checked by the rule the converters read dates with, so a date that
        # validates is one every feed can carry (see convert.dates).
        return jsonschema_rs.validator_for(
            dict(document), validate_formats=True, formats={"date-time": is_date_time}
        )
    except (ValueError, jsonschema_rs.ValidationError) as exc:
        raise SchemaError(f"schema {label} is invalid: {_explain(document, exc)}") from exc


def _explain(document: Mapping[str, Any], exc: Exception) -> str:
    """python-jsonschema's best match says where a schema breaks its metaschema more plainly."""
    import jsonschema

    cls = jsonschema.validators.validator_for(document, default=jsonschema.Draft202012Validator)
    error = jsonschema.exceptions.best_match(cls(cls.META_SCHEMA).iter_errors(document))
    if error is None:
        return str(exc).splitlines()[0]
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"at {where}: {error.message}"
