"""Checking converter options against what each converter declares.

Every converter declares ``options: {name: type}``. An option it does not declare, or a value
of the wrong type, is a usage mistake that would otherwise be silently ignored, so it is a fatal
:class:`~convert.errors.ConverterError` rather than a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from convert.errors import ConverterError
from convert.limits import MAX_INDENT


def flag_name(key: str) -> str:
    """The command-line flag of option ``key``: ``feed_title`` is ``--feed-title``."""
    return f"--{key.replace('_', '-')}"


def _spell(key: str, flags: bool) -> str:
    return flag_name(key) if flags else repr(key)


def check_options(
    name: str, declared: Mapping[str, type], options: Mapping[str, Any], *, flags: bool = False
) -> dict[str, Any]:
    """The options with ``None`` values dropped, after checking names and types.

    ``flags`` spells option names as command-line flags (``--feed-title``) in the messages,
    for callers whose options came from the command line.

    Raises:
        ConverterError: an option is not declared by the converter or has the wrong type.
    """
    checked: dict[str, Any] = {}
    for key, value in options.items():
        if value is None:
            continue
        wanted = declared.get(key)
        if wanted is None:
            known = ", ".join(_spell(k, flags) for k in sorted(declared)) or "none"
            option = _spell(key, flags)
            raise ConverterError(
                f"format {name!r} does not take {'' if flags else 'option '}{option} "
                f"(its options: {known})"
            )
        if not fits(value, wanted):
            raise ConverterError(
                f"option {key!r} of format {name!r} must be {wanted.__name__}, "
                f"not {_type_name(value)}"
            )
        checked[key] = value
    if "limit" in checked and checked["limit"] < 0:
        raise ConverterError(f"option 'limit' of format {name!r} must not be negative")
    if "indent" in checked and checked["indent"] < 0:
        raise ConverterError(f"option 'indent' of format {name!r} must not be negative")
    if "indent" in checked and checked["indent"] > MAX_INDENT:
        raise ConverterError(f"option 'indent' of format {name!r} must be at most {MAX_INDENT}")
    return checked


def fits(value: Any, wanted: type) -> bool:
    """Whether ``value`` is of an option's declared type: bool is an int subclass, but
    ``limit=True`` is a mistake, not 1."""
    return isinstance(value, wanted) and (wanted is bool or not isinstance(value, bool))


def _type_name(value: Any) -> str:
    """The name of the built-in type ``value`` is one of (``str`` for a ``str`` subclass,
    whose own name would mean nothing to the user)."""
    kind = next((k for k in type(value).__mro__ if k.__module__ == "builtins"), type(value))
    return kind.__name__


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_option_texts(
    name: str, declared: Mapping[str, type], texts: Iterable[str]
) -> dict[str, Any]:
    """Options written as ``key=value`` (``artconv convert -O``), in the types they declare.

    Dashes in a key read as underscores, as on the command line (``-O feed-title=News``).

    Raises:
        ConverterError: a text without ``=``, a key the converter does not declare, or a value
            that does not read as the declared type.
    """
    typed: dict[str, Any] = {}
    for text in texts:
        key, equals, value = text.partition("=")
        key = key.strip().replace("-", "_")
        if not equals or not key:
            raise ConverterError(f"-O expects KEY=VALUE, not {text!r}")
        wanted = declared.get(key, str)
        typed[key] = _read(name, key, value, wanted)
    return check_options(name, declared, typed)


def _read(name: str, key: str, value: str, wanted: type) -> Any:
    if wanted is str:
        return value
    if wanted is bool and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    if wanted in (int, float):
        try:
            return wanted(value)
        except ValueError:
            pass
    raise ConverterError(
        f"option {key!r} of format {name!r} must be {wanted.__name__}, not {value!r}"
    )
