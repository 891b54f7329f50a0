"""Schemas: the packaged ones by name, or a user's file, compiled once per process.

Validation runs on jsonschema-rs, which checks ``format`` (``date-time``, ``uri``) out of the box
and is several times faster than python-jsonschema (figures in the README). When a user's schema
breaks its metaschema, python-jsonschema explains where, because its messages say more.

A packaged schema is known to compile (the tests compile each one), so jsonschema-rs is loaded
only for the first record :mod:`convert.schema_quick` cannot vouch for: a one-record run on a
clean record, the pre-commit hook's usual case, never imports it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from convert.config_places import origin_of
from convert.errors import SchemaError
from convert.limits import read_settings_text

DEFAULT_SCHEMA = "article"
PACKAGED = Path(__file__).with_name("schemas")
"""The packaged schemas: a plain folder of the installed package (importlib.resources would
cost a one-record validation about a tenth of its start-up)."""


QUICK_RECORDS = 32
"""How many records the quick check may pass before jsonschema-rs is compiled anyway: it costs
about 0.3 ms a record against jsonschema-rs's 15 us, so past a few dozen records loading
jsonschema-rs (some 35 ms) is the cheaper way."""


class SchemaValidator:
    """The ``is_valid``/``iter_errors`` of a jsonschema-rs validator, compiled on first need.

    Until then, ``quick`` (see :mod:`convert.schema_quick`) may pass the first few records on
    its own; once jsonschema-rs is compiled it answers for every record.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        label: str,
        quick: Callable[[Any], bool] | None = None,
    ) -> None:
        self._document = document
        self._label = label
        self._quick = quick
        self._quick_left = QUICK_RECORDS if quick is not None else 0
        self._engine: Any = None

    @property
    def engine(self) -> Any:
        """The jsonschema-rs validator, compiled now if it was not yet.

        Raises:
            SchemaError: the schema is not valid.
        """
        if self._engine is None:
            self._engine = _compile(self._document, self._label)
        return self._engine

    def is_valid(self, instance: Any) -> bool:
        if self._quick_left and self._engine is None:
            self._quick_left -= 1
            if self._quick is not None and self._quick(instance):
                return True
        return bool(self.engine.is_valid(instance))

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        return iter(self.engine.iter_errors(instance))


class Schema(NamedTuple):
    """A loaded schema and its validator (a named tuple: defining a dataclass would cost a
    one-record run a millisecond)."""

    name: str
    document: Mapping[str, Any]
    validator: SchemaValidator

    @property
    def recommended(self) -> tuple[str, ...]:
        """Top-level fields whose absence is a warning (our ``x-recommended`` keyword)."""
        value = self.document.get("x-recommended", ())
        return tuple(v for v in value if isinstance(v, str))

    @property
    def older_names(self) -> dict[str, tuple[str, ...]]:
        """Top-level field -> the names it was written under before (our ``x-older-name-of``
        keyword on the older name: ``abstract`` for ``excerpt``), which stand in for it."""
        found: dict[str, tuple[str, ...]] = {}
        properties = self.document.get("properties")
        for name, spec in properties.items() if isinstance(properties, Mapping) else ():
            current = spec.get("x-older-name-of") if isinstance(spec, Mapping) else None
            if isinstance(current, str):
                found[current] = (*found.get(current, ()), name)
        return found


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
        label = name_or_path
        document = _parse(packaged_text(name_or_path), label)
        from convert.schema_quick import compile_quick

        return Schema(label, document, SchemaValidator(document, label, compile_quick(document)))
    try:
        text = read_settings_text(path)
    except OSError as exc:  # worded as for any file named to be read: no errno, no repr
        from convert.loading.files import read_failure

        reason = read_failure(path, exc)
        origin = origin_of(name_or_path)  # named in a settings file: say where
        where = "" if origin is None else f"{origin}: "
        raise SchemaError(f"{where}cannot read schema {name_or_path}: {reason}") from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(f"cannot read schema {name_or_path}: {exc}") from exc
    label = path.as_posix()
    document = _parse(text, label)
    validator = SchemaValidator(document, label)
    validator.engine  # noqa: B018 - compiled now: a broken schema must fail before any record
    return Schema(label, document, validator)


def _parse(text: str, label: str) -> Mapping[str, Any]:
    try:
        return _parse_nested(text, label)
    except RecursionError as exc:  # arrays or objects nested past Python's recursion limit
        raise SchemaError(f"schema {label} is nested too deeply to read") from exc


def _parse_nested(text: str, label: str) -> Mapping[str, Any]:
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
    from convert.stop_signals import signals_held

    # An interrupt inside the extension's first import makes it panic with a traceback
    # ("failed to import the stdlib decimal module"): the interrupt waits until it is done.
    with signals_held():
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
    try:
        error = jsonschema.exceptions.best_match(cls(cls.META_SCHEMA).iter_errors(document))
    except RecursionError:  # nested deeper than the metaschema check can follow
        error = None
    if error is None:
        return str(exc).splitlines()[0]
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"at {where}: {error.message}"
