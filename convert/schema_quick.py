"""A pure-Python answer to "does this record certainly satisfy the schema?".

jsonschema-rs validates quickly once it is loaded, but importing it and compiling a schema cost
a one-record run (the pre-commit hook on a one-file commit) about an eighth of its start-up. For
the JSON Schema subset the packaged schemas use, the schema is compiled here into small Python
checks with three answers: ``True`` (certainly valid), ``False`` (certainly invalid) or ``None``
(cannot tell: a string format or pattern that Python might read differently from jsonschema-rs).
Only a record that passes with ``True`` skips jsonschema-rs; every other one is handed to it,
and jsonschema-rs alone writes findings, so a report is the same bytes either way.

Each ``True`` and ``False`` must agree with jsonschema-rs (the tests compare the two on
generated and real records), which is why ``if`` is judged exactly and ``not``/``oneOf``, whose
answer would turn an unsure branch upside down, are outside the subset. A schema that uses any
keyword outside it, or another draft than 2020-12, gets no quick check at all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from convert.dates import is_date_time

Verdict = bool | None
"""True: valid; False: invalid; None: cannot tell here."""
Check = Callable[[Any], Verdict]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
    | {"deprecated", "readOnly", "writeOnly"}
)
MAX_DEPTH = 64
SAFE_INTEGER = 2**53
"""Integers beyond this may reach jsonschema-rs as floats: left to it."""

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "number": (int, float),
    "integer": (int,),
}

# RFC 3986, narrowed: a host of dot-separated letters, digits and hyphens (no IP literal, no
# user information), a short port, and every "%" starting a percent-encoded octet. Each part
# can match a string one way only, so a long hostile value cannot make the match backtrack.
_P = "A-Za-z0-9._~!$&'()*+,;=:@%-"
_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_HIER = rf"//(?>{_HOST})(?::[0-9]{{1,4}})?(?:/[{_P}/]*)?"
_TAIL = rf"(?:\?[{_P}/?]*)?(?:#[{_P}/?]*)?"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*:{_HIER}{_TAIL}")
_RELATIVE = re.compile(rf"(?:{_HIER}|/(?:[{_P}][{_P}/]*)?){_TAIL}")
_BAD_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


def _uri(text: str) -> Verdict:
    return True if _URI.fullmatch(text) and not _BAD_PERCENT.search(text) else None


def _uri_reference(text: str) -> Verdict:
    if _URI.fullmatch(text) or _RELATIVE.fullmatch(text):
        return None if _BAD_PERCENT.search(text) else True
    return None


_FORMATS: dict[str, Callable[[str], Verdict]] = {
    # The same function jsonschema-rs is given for date-time (see convert.schema): exact.
    "date-time": is_date_time,
    "uri": _uri,
    "uri-reference": _uri_reference,
}

# Patterns whose meaning is the same in Python's re and in jsonschema-rs's regex engine on a
# string without a line feed: ASCII literals, escaped punctuation, dots, anchors, groups,
# alternation, quantifiers and plain bracket classes (no nesting, no set operations).
_SAFE_PATTERN = re.compile(
    r"(?:[A-Za-z0-9 _,:;/@=!'\"#%<>.^$)|?*+-]|\((?!\?)|\\[^A-Za-z0-9]|\{[0-9]+(?:,[0-9]*)?\}"
    r"|\[\^?(?:[A-Za-z0-9 _,:;/@=!'\"#%<>.()|?*+{}$]|\\[^A-Za-z0-9]|(?<!-)-(?!-))+\])*"
)


NOT_BLANK = "\\S"
"""The pattern of a value that must not be blank (the article's title)."""


def _not_blank(value: Any) -> Verdict:
    """``\\S`` as a pattern: a string holding a character that Python's ``str.isspace`` does not
    count as white space matches in both engines, since every character jsonschema-rs counts
    as white space Python counts too; a string Python sees as all white space is left to
    jsonschema-rs, which reads a few control characters (``\\x1c``) as text."""
    if type(value) is not str:
        return True
    return True if value.strip() else None


class OutsideSubsetError(Exception):
    """The schema uses something outside the subset."""


def compile_quick(document: Mapping[str, Any]) -> Callable[[Any], bool] | None:
    """A function telling whether an instance certainly satisfies ``document``, or ``None``
    when the schema is outside the subset."""
    if document.get("$schema") != DRAFT_2020_12:
        return None
    try:
        check = _Compiler(document).compile(document, top=True)
    except OutsideSubsetError:
        return None

    def certainly_valid(instance: Any) -> bool:
        return _plain(instance, 0) and check(instance) is True

    return certainly_valid


def _plain(value: Any, depth: int) -> bool:
    """Whether ``value`` is JSON data that jsonschema-rs reads exactly as Python does: no
    lone surrogates, no integer past 2**53, no NaN or infinity, string keys."""
    kind = type(value)
    if kind is str:
        return value.isascii() or not _has_surrogate(value)
    if kind is int:
        return bool(-SAFE_INTEGER <= value <= SAFE_INTEGER)
    if kind is bool or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if depth >= MAX_DEPTH:
        return False
    if kind is dict:
        return all(
            type(k) is str and _plain(k, depth) and _plain(v, depth + 1) for k, v in value.items()
        )
    if kind is list:
        return all(_plain(item, depth + 1) for item in value)
    return False


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only a lone surrogate cannot be encoded
        return True
    return False


def _all(verdicts: Any) -> Verdict:
    """Conjunction: False wins, then None."""
    result: Verdict = True
    for verdict in verdicts:
        if verdict is False:
            return False
        if verdict is None:
            result = None
    return result


def _any(verdicts: Any) -> Verdict:
    """Disjunction: True wins, then None."""
    result: Verdict = False
    for verdict in verdicts:
        if verdict is True:
            return True
        if verdict is None:
            result = None
    return result


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any, *, top: bool = False) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, Mapping):
            raise OutsideSubsetError
        if "$id" in schema and not top:
            raise OutsideSubsetError  # a new base URI would change what "#/$defs/..." names
        checks = [self._keyword(key, value, schema) for key, value in schema.items()]
        active = [check for check in checks if check is not None]
        if len(active) == 1:
            return active[0]
        return lambda v: _all(check(v) for check in active)

    def _keyword(self, key: str, value: Any, schema: Mapping[str, Any]) -> Check | None:
        if key in ANNOTATIONS or key.startswith("x-") or key in ("then", "else"):
            return None
        if key == "type":
            return self._type([value] if isinstance(value, str) else value)
        if key == "required":
            return self._required(value)
        if key == "properties":
            return self._properties(value)
        if key in ("const", "enum"):
            return self._constants([value] if key == "const" else value)
        if key in ("minLength", "maxLength", "minItems", "maxItems"):
            return self._size(key, value)
        if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            return self._bound(key, value)
        if key == "pattern":
            return self._pattern(value)
        if key == "format":
            return self._format(value)
        if key == "items":
            return self._items(value)
        if key in ("anyOf", "allOf"):
            return self._combine(key, value)
        if key == "if":
            return self._conditional(value, schema.get("then", True), schema.get("else", True))
        if key == "$ref":
            return self._ref(value)
        raise OutsideSubsetError

    @staticmethod
    def _type(names: Any) -> Check:
        if not isinstance(names, list) or not names or any(n not in _TYPES for n in names):
            raise OutsideSubsetError
        kinds = frozenset(kind for name in names for kind in _TYPES[name])
        # 2020-12 counts 1.0 as an integer; whether a float is one is left to jsonschema-rs.
        unsure = (float,) if "integer" in names and float not in kinds else ()

        def check(v: Any) -> Verdict:
            kind = type(v)
            if kind in kinds:
                return True
            return None if kind in unsure else False

        return check

    @staticmethod
    def _required(names: Any) -> Check:
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise OutsideSubsetError
        return lambda v: type(v) is not dict or all(name in v for name in names)

    def _properties(self, properties: Any) -> Check:
        if not isinstance(properties, Mapping):
            raise OutsideSubsetError
        checks = {name: self.compile(sub) for name, sub in properties.items()}

        def check(v: Any) -> Verdict:
            if type(v) is not dict:
                return True
            return _all(checks[k](v[k]) for k in checks.keys() & v.keys())

        return check

    @staticmethod
    def _constants(values: Any) -> Check:
        # Strings, booleans and null compare the same way in JSON and in Python once the
        # types are held equal (True == 1 in Python, not in JSON).
        if not isinstance(values, list) or not all(
            v is None or type(v) in (str, bool) for v in values
        ):
            raise OutsideSubsetError
        pairs = [(type(c), c) for c in values]
        return lambda v: any(type(v) is kind and v == c for kind, c in pairs)

    @staticmethod
    def _size(key: str, limit: Any) -> Check:
        if type(limit) is not int or limit < 0:
            raise OutsideSubsetError
        kind = str if key.endswith("Length") else list
        # Code points, as jsonschema-rs counts them (strings with surrogates never get here).
        if key.startswith("min"):
            return lambda v: type(v) is not kind or len(v) >= limit
        return lambda v: type(v) is not kind or len(v) <= limit

    @staticmethod
    def _bound(key: str, limit: Any) -> Check:
        if type(limit) not in (int, float) or not math.isfinite(limit):
            raise OutsideSubsetError
        compare: Callable[[Any], bool] = {
            "minimum": lambda v: v >= limit,
            "maximum": lambda v: v <= limit,
            "exclusiveMinimum": lambda v: v > limit,
            "exclusiveMaximum": lambda v: v < limit,
        }[key]
        return lambda v: compare(v) if type(v) is int or type(v) is float else True

    @staticmethod
    def _pattern(pattern: Any) -> Check:
        if not isinstance(pattern, str):
            raise OutsideSubsetError
        if pattern == NOT_BLANK:
            return _not_blank
        if not _SAFE_PATTERN.fullmatch(pattern):
            return lambda v: None if type(v) is str else True
        regex = re.compile(pattern)

        def check(v: Any) -> Verdict:
            if type(v) is not str:
                return True
            if "\n" in v:  # Python's $ also matches before a final line feed
                return None
            return regex.search(v) is not None

        return check

    @staticmethod
    def _format(name: Any) -> Check:
        if not isinstance(name, str):
            raise OutsideSubsetError
        test = _FORMATS.get(name)
        if test is None:
            return lambda v: None if type(v) is str else True
        return lambda v: test(v) if type(v) is str else True

    def _items(self, items: Any) -> Check:
        check = self.compile(items)
        return lambda v: type(v) is not list or _all(check(item) for item in v)

    def _combine(self, key: str, schemas: Any) -> Check:
        if not isinstance(schemas, list) or not schemas:
            raise OutsideSubsetError
        checks = [self.compile(sub) for sub in schemas]
        join = _any if key == "anyOf" else _all
        return lambda v: join(check(v) for check in checks)

    def _conditional(self, condition: Any, then: Any, otherwise: Any) -> Check:
        test, when_true, when_false = (self.compile(s) for s in (condition, then, otherwise))

        def check(v: Any) -> Verdict:
            verdict = test(v)
            if verdict is None:  # unsure which branch applies: both must hold
                return _all((when_true(v), when_false(v))) or None
            return when_true(v) if verdict else when_false(v)

        return check

    def _ref(self, ref: Any) -> Check:
        match = re.fullmatch(r"#/\$defs/([A-Za-z0-9_-]+)", ref) if isinstance(ref, str) else None
        defs = self.root.get("$defs")
        if match is None or not isinstance(defs, Mapping) or match[1] not in defs:
            raise OutsideSubsetError
        name = match[1]
        if name not in self.refs:
            cell: list[Check] = []
            self.refs[name] = lambda v: cell[0](v)  # resolved below; definitions may recurse
            cell.append(self.compile(defs[name]))
        return self.refs[name]
