"""The catalogue of finding kinds: every id article-convert can report, read from where it is
emitted.

Each module that emits findings declares them beside its code in a module-level ``FINDINGS``
tuple of :class:`~convert.diagnostics.FindingKind`; a rule declares itself (``id``,
``default_severity`` and its docstring). The schema rule names its findings after the keyword
that failed, so its kinds are ``schema/<keyword>`` for each of
:data:`~convert.rules.schema_rules.SCHEMA_KEYWORDS`, listed once as ``schema/<keyword>``.

``artconv rules``, SARIF's rule list and the ``--select``/``--ignore`` check all read this.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence

from convert.config_places import origin_of
from convert.diagnostics import FindingKind
from convert.plugins import Discover, _installed

SCHEMA_FAMILY = "schema/<keyword>"
"""How ``artconv rules`` lists the schema rule: one line for all its keyword ids."""

VALIDATION_MODULES: tuple[str, ...] = (
    "convert.loading",
    "convert.loading.files",
    "convert.loading.front_matter",
    "convert.loading.yaml_reader",
    "convert.loading.yaml_values",
    "convert.loading.yaml_tags",
    "convert.run.worker",
    "convert.fixes.files",
    "convert.profiles.common",
    "convert.profiles.internal_links",
    "convert.run.site_walk",
)
"""Modules declaring findings ``artconv validate`` reports besides the rules' own."""

CONVERT_IMPORT_MODULES: tuple[str, ...] = (
    "convert.converters.writing",
    "convert.converters.json_",
    "convert.converters.text_",
    "convert.converters.feeds.document",
    "convert.converters.feeds.items",
    "convert.converters.feeds.links",
    "convert.converters.feeds.order",
    "convert.importers.mapping",
    "convert.importers.reading",
    "convert.importers.writing",
)
"""Modules declaring the findings of ``artconv convert`` and ``artconv import``."""


def declared(modules: Iterable[str]) -> list[FindingKind]:
    """The ``FINDINGS`` of each module, in order."""
    kinds: list[FindingKind] = []
    for name in modules:
        kinds.extend(importlib.import_module(name).FINDINGS)
    return kinds


def rule_kinds(find: Discover = _installed) -> list[FindingKind]:
    """One kind per installed rule (the schema rule as :data:`SCHEMA_FAMILY`)."""
    from convert.rules import _load_with_origin, summary

    return [
        FindingKind(
            SCHEMA_FAMILY if rule.id == "schema" else rule.id,
            rule.default_severity,
            summary(rule),
            origin,
        )
        for rule, origin in _load_with_origin(find)
    ]


def validation_kinds(find: Discover = _installed) -> list[FindingKind]:
    """Every kind ``artconv validate`` can report, sorted by id."""
    return _sorted([*declared(VALIDATION_MODULES), *rule_kinds(find)])


def every_kind(find: Discover = _installed) -> list[FindingKind]:
    """Every kind any command can report (plugin converters' included), sorted by id."""
    from convert.converters import plugin_finding_kinds

    return _sorted(
        [
            *declared(VALIDATION_MODULES + CONVERT_IMPORT_MODULES),
            *rule_kinds(find),
            *plugin_finding_kinds(find),
        ]
    )


def expand(ids: Iterable[str]) -> set[str]:
    """Listed ids as reported ids: :data:`SCHEMA_FAMILY` (or the schema rule's own id,
    ``schema``) becomes one id per schema keyword."""
    found = set(ids)
    if SCHEMA_FAMILY in found or "schema" in found:
        from convert.rules.schema_rules import SCHEMA_KEYWORDS

        found.discard(SCHEMA_FAMILY)
        found.update(f"schema/{keyword}" for keyword in SCHEMA_KEYWORDS)
    return found


def unknown_pattern(pattern: str, ids: Iterable[str]) -> str | None:
    """Why ``pattern`` (an id or a family such as ``yaml``) names none of ``ids``, or None.

    The reason names the nearest known id or family, so a typo is one edit away from right,
    and, for a pattern read from a settings file, the file, line and key it is written at.
    """
    known = set(ids)
    cleaned = pattern.strip().rstrip("/")
    families = {rule_id.split("/", 1)[0] for rule_id in known}
    if cleaned in known or cleaned in families:
        return None
    import difflib  # only for a pattern that names nothing: validating never loads it

    candidates = sorted(known | families)
    near = difflib.get_close_matches(cleaned, candidates, n=1)
    hint = f'; did you mean "{near[0]}"?' if near else "; artconv rules lists them"
    origin = origin_of(pattern)  # a settings file's select, ignore or [rules]: say where
    return f"{'' if origin is None else origin + ': '}unknown rule {pattern!r}{hint}"


def _sorted(kinds: Sequence[FindingKind]) -> list[FindingKind]:
    return sorted(kinds, key=lambda kind: kind.id)
