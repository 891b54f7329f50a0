"""The rule interface, the context rules work in, and the rule registry.

A rule looks at one record and yields findings. Built-in rule families are registered through
the ``convert.rules`` entry-point group, like any plugin; each entry point names a sequence of
rule classes. Every id any part can report is gathered in :mod:`convert.rules.catalogue`.
:func:`run_rule` runs one rule over one record: a rule that raises costs its own findings on
that file, never the other rules' (an ``internal/error`` finding names it and where it came
from, so a plugin's failure is reported to the plugin, not to us).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple, Protocol, runtime_checkable

from convert.diagnostics import Diagnostic, FindingKind, Severity
from convert.errors import PluginError
from convert.plugins import OWN_DISTRIBUTION, Discover, _installed, discover, doc_summary
from convert.record import Record
from convert.schema import Schema
from convert.values import Value

GROUP = "convert.rules"


class RuleContext(Value):
    """What a rule may consult besides the record."""

    __slots__ = ("schema",)
    schema: Schema

    def __init__(
        self,
        schema: Schema,
    ) -> None:
        put = object.__setattr__
        put(self, "schema", schema)

    def finding(
        self,
        record: Record,
        rule: str,
        severity: Severity,
        message: str,
        *,
        pointer: str = "",
        hint: str = "",
        key: bool = False,
        whole_file: bool = False,
    ) -> Diagnostic:
        """A finding placed at ``pointer`` (its key when ``key``); no position for the file."""
        if whole_file:
            return Diagnostic(record.path, None, None, rule, severity, message, pointer, hint)
        position = record.source.locate(pointer, key=key)
        line, column = position if position is not None else (1, 1)
        return Diagnostic(record.path, line, column, rule, severity, message, pointer, hint)


@runtime_checkable
class Rule(Protocol):
    """A check over one record. The class docstring is the user documentation."""

    id: ClassVar[str]
    default_severity: ClassVar[Severity]

    def check(self, record: Record, context: RuleContext) -> Iterator[Diagnostic]: ...


RuleInfo = FindingKind
"""A rule id as ``artconv rules`` shows it (the catalogue's :class:`FindingKind`)."""


def rule_specs(find: Discover = _installed) -> Mapping[str, Any]:
    """Rule families by entry-point name, not yet imported."""
    return discover(GROUP, find)


def load_rules(find: Discover = _installed) -> list[Rule]:
    """Import every rule family and instantiate its rules.

    Raises:
        PluginError: a family fails to import, or something in it is not a rule.
    """
    return [rule for rule, _ in _load_with_origin(find)]


def catalog(find: Discover = _installed) -> list[FindingKind]:
    """Every finding kind the validator can report, sorted: the loader's and each rule's.

    The schema rule is listed once as ``schema/<keyword>``: its ids are the keywords the
    schema validator names its errors after (see :mod:`convert.rules.catalogue`).
    """
    from convert.rules.catalogue import validation_kinds

    return validation_kinds(find)


class RuleOrigin(NamedTuple):
    """The entry point a rule class was loaded from."""

    distribution: str
    entry_point: str


_ORIGINS: dict[type, RuleOrigin] = {}
"""Where each loaded rule class came from, for the finding of a rule that raises. Kept by
class, not on the validator, since rules reach a validator already instantiated
(``Validator(rules=load_rules(find))``)."""

_MAX_REASON = 300
"""Characters of a failing rule's exception message kept in its finding."""


def run_rule(rule: Rule, record: Record, context: RuleContext) -> list[Diagnostic]:
    """``rule``'s findings on ``record``; if it raises (or yields something that is not a
    :class:`Diagnostic`), those it found before, then one ``internal/error`` naming it."""
    found: list[Diagnostic] = []
    try:
        for finding in rule.check(record, context):
            if not isinstance(finding, Diagnostic):
                raise TypeError(f"check() yielded a {type(finding).__name__}, not a Diagnostic")
            found.append(finding)
    except Exception as exc:  # one rule's bug must not cost the file's other findings
        found.append(rule_failed(rule, record, exc))
    return found


def rule_failed(rule: object, record: Record, exc: Exception) -> Diagnostic:
    """The finding of ``rule`` raising ``exc`` on ``record``: the rule named, with the plugin
    it came from and whom to tell."""
    cls = type(rule)
    rule_id = getattr(rule, "id", "?")
    reason = str(exc)
    if len(reason) > _MAX_REASON:
        reason = reason[: _MAX_REASON - 1] + "\u2026"
    origin = _ORIGINS.get(cls)
    if origin is not None:
        ours = origin.distribution == OWN_DISTRIBUTION
        where = f"entry point {origin.entry_point!r} of {origin.distribution}"
    else:
        ours = cls.__module__.split(".")[0] == "convert"
        where = f"{cls.__module__}.{cls.__qualname__}"
    if ours:
        what = f'article-convert\'s rule "{rule_id}"'
        hint = "please report this with the file attached"
    else:
        what = f'rule "{rule_id}" ({where})'
        who = f"{origin.distribution}, the rule's plugin" if origin else "the rule's authors"
        hint = f"report this to {who}, with the file attached"
    return Diagnostic(
        record.path,
        None,
        None,
        "internal/error",
        Severity.ERROR,
        f"{what} failed on this file ({type(exc).__name__}: {reason})",
        hint=hint,
    )


def _load_with_origin(find: Discover) -> list[tuple[Rule, str]]:
    rules: list[tuple[Rule, str]] = []
    seen: dict[str, str] = {}
    for name, spec in sorted(rule_specs(find).items()):
        family = spec.load()
        if not isinstance(family, Sequence):
            raise PluginError(
                f"{spec.distribution} rule plugin {name!r} must name a sequence of rule classes"
            )
        for cls in family:
            rule = _instantiate(cls, spec.distribution, name)
            if rule.id in seen:
                raise PluginError(
                    f"rule id {rule.id!r} from {spec.distribution} is already defined by "
                    f"{seen[rule.id]}"
                )
            seen[rule.id] = spec.distribution
            _ORIGINS[type(rule)] = RuleOrigin(spec.distribution, name)
            rules.append((rule, spec.distribution))
    return rules


def _instantiate(cls: Any, distribution: str, family: str) -> Rule:
    try:
        rule = cls()
    except Exception as exc:
        raise PluginError(f"{distribution} rule in {family!r} failed to start: {exc}") from exc
    if not isinstance(rule, Rule) or not isinstance(getattr(rule, "id", None), str):
        raise PluginError(
            f"{distribution} plugin {family!r}: {cls!r} is not a rule "
            "(needs id, default_severity and check)"
        )
    return rule


def summary(rule: object) -> str:
    """A rule's one-line summary: its docstring's first line."""
    return doc_summary(rule)
