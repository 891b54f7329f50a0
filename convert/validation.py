"""Validation: the loader's findings plus every enabled rule, filtered and re-levelled.

:class:`Validator` is built once per run (schema compiled, rules imported) and applied to each
record; :func:`validate` is the one-call form for library users.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from convert.diagnostics import Diagnostic, Severity, sort_diagnostics
from convert.errors import ConfigError
from convert.record import Record

Level = Severity | None
"""A configured level: a severity, or ``None`` for "off"."""


def rule_matches(rule_id: str, pattern: str) -> bool:
    """``schema`` matches ``schema/type``; ``schema/type`` matches only itself."""
    pattern = pattern.strip().rstrip("/")
    return rule_id == pattern or rule_id.startswith(pattern + "/")


@dataclass(frozen=True)
class Policy:
    """Which findings to keep and at what level (``--select``, ``--ignore``, config levels)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: Mapping[str, Level] = field(default_factory=dict)

    def names(self, rule_id: str) -> bool:
        """Whether ``--select`` or a configured level names ``rule_id`` (or its family)."""
        return any(rule_matches(rule_id, p) for p in self.select) or any(
            rule_matches(rule_id, p) and level is not None for p, level in self.levels.items()
        )

    def silences(self, rule_id: str) -> bool:
        """Whether every finding of ``rule_id`` would be dropped."""
        probe = Diagnostic("", None, None, rule_id, Severity.WARNING, "")
        return self.apply(probe) is None

    def apply(self, diagnostic: Diagnostic) -> Diagnostic | None:
        rule = diagnostic.rule
        if self.select and not any(rule_matches(rule, p) for p in self.select):
            return None
        if any(rule_matches(rule, p) for p in self.ignore):
            return None
        matching = [p for p in self.levels if rule_matches(rule, p)]
        if not matching:
            return diagnostic
        level = self.levels[max(matching, key=len)]  # the most specific setting wins
        if level is None:
            return None
        if level is diagnostic.severity:
            return diagnostic
        return Diagnostic(
            diagnostic.path,
            diagnostic.line,
            diagnostic.column,
            rule,
            level,
            diagnostic.message,
            diagnostic.pointer,
            diagnostic.hint,
        )


OPEN_FAMILIES = ("schema/", "convert/")
"""Rule id families whose members are not all known in advance (schema keywords, converters)."""


def check_patterns(policy: Policy, rule_ids: Iterable[str]) -> None:
    """Refuse a ``--select``/``--ignore``/level pattern that matches no rule: a typo there
    would silently switch checks off.

    Raises:
        ConfigError: naming the pattern and the nearest known rule id.
    """
    from convert.rules import LOADER_RULES

    known = {info.id for info in LOADER_RULES} | set(rule_ids) | {"internal/error"}
    families = {rule_id.split("/", 1)[0] for rule_id in known} | {"convert"}
    for pattern in (*policy.select, *policy.ignore, *policy.levels):
        cleaned = pattern.strip().rstrip("/")
        if cleaned in known or cleaned in families or cleaned.startswith(OPEN_FAMILIES):
            continue
        import difflib  # only for a pattern that matches no rule

        near = difflib.get_close_matches(cleaned, sorted(known | families), n=1)
        hint = f'; did you mean "{near[0]}"?' if near else "; artconv rules lists them"
        raise ConfigError(f"unknown rule {pattern!r}{hint}")


class Validator:
    """A compiled schema, the loaded rules and a policy, reusable across many records."""

    def __init__(
        self,
        schema: str = "article",
        policy: Policy | None = None,
        rules: Iterable[object] | None = None,
    ) -> None:
        from convert.rules import RuleContext, load_rules
        from convert.schema import load_schema

        self.context = RuleContext(load_schema(schema))
        self.rules = list(rules) if rules is not None else load_rules()
        self.policy = policy or Policy()
        check_patterns(self.policy, [str(getattr(rule, "id", "")) for rule in self.rules])
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

    def digests(self, record: Record) -> tuple[object, ...]:
        """Each corpus rule's digest of ``record`` (see :mod:`convert.rules.corpus`)."""
        return tuple(rule.digest(record, self.context) for rule in self.corpus_rules)

    def __call__(self, record: Record) -> list[Diagnostic]:
        found: list[Diagnostic] = list(record.problems)
        for rule in self.rules:
            found.extend(rule.check(record, self.context))  # type: ignore[attr-defined]
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
