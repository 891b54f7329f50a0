"""Validation: the loader's findings plus every enabled rule, filtered and re-levelled.

:class:`Validator` is built once per run (schema compiled, rules imported) and applied to each
record; :func:`validate` is the one-call form for library users. The filter is a
:class:`~convert.policy.Policy`, which convert and fix apply too (importable from here as well).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from convert.diagnostics import Diagnostic, sort_diagnostics
from convert.policy import Level, Policy, check_patterns, check_policy, rule_matches
from convert.record import Record

__all__ = [
    "Level",
    "Policy",
    "Validator",
    "check_patterns",
    "check_policy",
    "rule_matches",
    "validate",
]


class Validator:
    """A compiled schema, the loaded rules and a policy, reusable across many records."""

    def __init__(
        self,
        schema: str = "article",
        policy: Policy | None = None,
        rules: Iterable[object] | None = None,
        known: Iterable[str] = (),
    ) -> None:
        """``known``: finding ids reported beside the rules' (a plugin converter's), which the
        policy may name too."""
        from convert.rules import RuleContext, load_rules, run_rule
        from convert.schema import load_schema

        self._run_rule = run_rule
        self.context = RuleContext(load_schema(schema))
        self.rules = list(rules) if rules is not None else load_rules()
        self.policy = policy or Policy()
        check_patterns(
            self.policy, [*(str(getattr(rule, "id", "")) for rule in self.rules), *known]
        )
        # Rules across records leave a digest per record; the run layer compares them. One
        # that every finding of its own would be dropped for is not run at all.
        # A rule off by default (``enabled = False``) runs only when the policy names it.
        self.corpus_rules = [
            rule
            for rule in self.rules
            if hasattr(rule, "digest")
            and self._runs(str(getattr(rule, "id", "")), getattr(rule, "enabled", True))
        ]

    def _runs(self, rule_id: str, enabled: bool) -> bool:
        if self.policy.silences(rule_id):
            return False
        return enabled or self.policy.names(rule_id)

    def digests(self, record: Record) -> tuple[tuple[object, ...], list[Diagnostic]]:
        """Each corpus rule's digest of ``record`` (see :mod:`convert.rules.corpus`), and a
        finding for each rule whose digest raised (its digest is then None: the other rules'
        findings across records stay)."""
        from convert.rules import rule_failed

        digests: list[object] = []
        failed: list[Diagnostic] = []
        for rule in self.corpus_rules:
            try:
                digests.append(rule.digest(record, self.context))
            except Exception as exc:  # one rule's bug costs its own digest only
                digests.append(None)
                failed.append(rule_failed(rule, record, exc))
        return tuple(digests), failed

    def __call__(self, record: Record) -> list[Diagnostic]:
        """The loader's findings and every rule's; a rule that raises is one finding naming
        it (:func:`~convert.rules.run_rule`), and the others' stay."""
        found: list[Diagnostic] = list(record.problems)
        for rule in self.rules:
            found.extend(self._run_rule(rule, record, self.context))  # type: ignore[arg-type]
        kept = (self.policy.apply(d) for d in found)
        return sort_diagnostics(d for d in kept if d is not None)


def validate(
    record: Record | str | Path,
    *,
    schema: str = "article",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Diagnostic]:
    """Validate one record (or the file at a path) and return its findings, sorted.

    Raises:
        SchemaError: the schema cannot be loaded.
        PluginError: a rule plugin is broken.
    """
    if not isinstance(record, Record):
        from convert.loading import load

        record = load(record)
    key = (schema, tuple(select), tuple(ignore))
    if key not in _VALIDATORS:
        _VALIDATORS[key] = Validator(schema, Policy(key[1], key[2]))
    return _VALIDATORS[key](record)


_VALIDATORS: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Validator] = {}
