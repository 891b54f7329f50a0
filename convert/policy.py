"""Which findings a run keeps and at what level: ``--select``, ``--ignore`` and config levels.

One policy serves every command that reports findings (validate, convert, fix). Its patterns
are checked against the catalogue of finding kinds (:mod:`convert.rules.catalogue`), so a
typo is an error rather than a check silently switched off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from convert.diagnostics import Diagnostic, Severity
from convert.errors import ConfigError
from convert.values import Value

Level = Severity | None
"""A configured level: a severity, or ``None`` for "off"."""


def rule_matches(rule_id: str, pattern: str) -> bool:
    """``schema`` matches ``schema/type``; ``schema/type`` matches only itself."""
    pattern = pattern.strip().rstrip("/")
    return rule_id == pattern or rule_id.startswith(pattern + "/")


class Policy(Value):
    """Which findings to keep and at what level (``--select``, ``--ignore``, config levels)."""

    __slots__ = ("ignore", "levels", "select")
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    levels: Mapping[str, Level]

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        levels: Mapping[str, Level] | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "select", select)
        put(self, "ignore", ignore)
        put(self, "levels", {} if levels is None else levels)

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


def check_patterns(policy: Policy, rule_ids: Iterable[str]) -> None:
    """Refuse a ``--select``/``--ignore``/level pattern that matches no catalogued finding
    kind: a typo there would silently switch checks off (or keep them on).

    ``rule_ids`` are the ids of the rules in use (plugins' included). The kinds of
    ``artconv convert`` and ``import``, then those installed plugin converters declare, are
    looked up only for a pattern the validator's own kinds do not know, since their modules
    cost an import.

    Raises:
        ConfigError: naming the pattern and the nearest known id.
    """
    from convert.rules.catalogue import (
        CONVERT_IMPORT_MODULES,
        VALIDATION_MODULES,
        declared,
        expand,
        unknown_pattern,
    )

    patterns = (*policy.select, *policy.ignore, *policy.levels)
    if not patterns:
        return
    listed = [kind.id for kind in declared(VALIDATION_MODULES)]
    known = expand([*listed, *rule_ids])
    for pattern in patterns:
        if unknown_pattern(pattern, known) is None:
            continue
        known |= {kind.id for kind in declared(CONVERT_IMPORT_MODULES)}
        if unknown_pattern(pattern, known) is None:
            continue
        # One configuration serves every command: a plugin converter's ids are known to
        # validate too (imported only here, for a pattern nothing else knows).
        from convert.converters import plugin_finding_kinds

        known |= {kind.id for kind in plugin_finding_kinds()}
        problem = unknown_pattern(pattern, known)
        if problem is not None:
            raise ConfigError(problem)


def check_policy(policy: Policy, known: Iterable[str] = ()) -> None:
    """:func:`check_patterns` against the installed rules and ``known`` ids (a plugin
    converter's), for a run with no validator.

    Raises:
        ConfigError: a pattern matches no catalogued finding kind.
        PluginError: a rule plugin is broken.
    """
    if policy.select or policy.ignore or policy.levels:
        from convert.rules import load_rules

        check_patterns(policy, [*(rule.id for rule in load_rules()), *known])
