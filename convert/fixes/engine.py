"""Planning and applying fixes: which finding each fix family answers, and the fix loop.

Fixes are planned from findings on the text as it is, applied together when they do not
overlap, and the result is validated again; a fix may uncover another (a closed fence lets the
values inside be read), so the loop runs until nothing more can be fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from convert.diagnostics import Diagnostic
from convert.fixes import fences, keys, values
from convert.fixes.edits import Fix, apply_edits, non_overlapping
from convert.fixes.source import FixSource, KnownKeys, Splitter
from convert.loading.split import split_front_matter

Planner = Callable[[FixSource, Diagnostic], Fix | None]
Validate = Callable[[str], list[Diagnostic]]


@dataclass(frozen=True)
class FixKind:
    """One kind of fix, as ``artconv rules -v`` lists it."""

    rule: str
    safe: bool
    summary: str
    plan: Planner


FIX_KINDS: tuple[FixKind, ...] = (
    FixKind(
        "file/bom", True, "remove the byte order mark before the opening fence", fences.strip_bom
    ),
    FixKind(
        "frontmatter/unclosed",
        True,
        "add the closing fence after a block that reads as fields on its own",
        fences.close_fence,
    ),
    FixKind(
        "schema/type",
        True,
        "quote a YAML 1.1 surprise where a string is wanted (NO, yes, 010, 1:20)",
        values.quote_surprise,
    ),
    FixKind(
        "yaml/boolean-word",
        False,
        "write true/false for yes/no/on/off, as YAML 1.1 readers (Jekyll) read them; YAML 1.2 "
        'readers (Hugo since 0.152) read the string "yes", so the page may change',
        values.boolean_word,
    ),
    FixKind(
        "schema/format",
        True,
        "write a date-time that names its zone as quoted RFC 3339 (never guesses a zone)",
        values.normalise_date,
    ),
    FixKind(
        "frontmatter/unknown-key",
        False,
        "rename a misspelt key to the one declared name it resembles, if that is free",
        keys.rename_key,
    ),
    FixKind(
        "yaml/duplicate-key",
        False,
        "remove the earlier of two duplicate keys that hold the same value",
        keys.drop_duplicate,
    ),
)

BLOCKING_RULES = frozenset(
    {
        "file/unreadable",
        "file/too-large",
        "file/binary",
        "file/encoding",
        "yaml/syntax",
        "toml/syntax",
        "json/syntax",
        "frontmatter/not-a-mapping",
        "yaml/too-deep",
        "yaml/too-large",
        "internal/error",
    }
)
"""Parse failures no fix addresses: a file that has one is never edited."""

MAX_ROUNDS = 5


def available_fixes() -> list[FixKind]:
    """Every kind of fix, safe ones first."""
    return sorted(FIX_KINDS, key=lambda kind: (not kind.safe, kind.rule))


def fix_for_rule(rule: str) -> FixKind | None:
    """The fix kind that answers findings of ``rule``, if there is one."""
    return next((kind for kind in FIX_KINDS if kind.rule == rule), None)


def plan(
    text: str,
    findings: Iterable[Diagnostic],
    *,
    unsafe: bool = False,
    split: Splitter | None = None,
    known: KnownKeys | None = None,
) -> list[Fix]:
    """The fixes for ``findings`` that can be applied to ``text`` together.

    Nothing is planned for a file with a parse error that no fix addresses. ``split`` finds
    the front matter as the reader of ``findings`` did (a site profile's rules); by default
    as the loader does without a profile. ``known``: the top-level keys that reader takes for
    fields (by default the article schema's), so that no body text is closed into the
    front matter as a field.
    """
    return _plan(text, findings, unsafe=unsafe, split=split, known=known)[0]


def _plan(
    text: str,
    findings: Iterable[Diagnostic],
    *,
    unsafe: bool,
    split: Splitter | None,
    known: KnownKeys | None,
) -> tuple[list[Fix], dict[Diagnostic, str]]:
    """:func:`plan`, and the hint to give each finding a fix was declined for, saying why."""
    findings = list(findings)
    if any(d.rule in BLOCKING_RULES for d in findings):
        return [], {}
    source = FixSource(text, split or split_front_matter, known)
    planned: list[Fix] = []
    for finding in findings:
        kind = fix_for_rule(finding.rule)
        if kind is None or (not kind.safe and not unsafe):
            continue
        fix = kind.plan(source, finding)
        if fix is not None and source.text[fix.start : fix.end] != fix.replacement:
            planned.append(fix)
    return non_overlapping(planned), source.declined


def fix(
    text: str,
    findings: Sequence[Diagnostic] | None = None,
    *,
    unsafe: bool = False,
    validate: Validate | None = None,
    rounds: int = MAX_ROUNDS,
    split: Splitter | None = None,
    known: KnownKeys | None = None,
) -> tuple[str, list[Fix]]:
    """Apply the fixes for ``findings`` to ``text``; returns the new text and what was applied.

    Args:
        text: the whole record file as text (a BOM and ``\\r\\n`` line endings are kept).
        findings: the record's findings; by default the text is validated with the article
            schema.
        unsafe: apply the unsafe fixes too.
        validate: text -> findings, used after each round (and first when ``findings`` is
            None); defaults to the packaged article schema and every rule.
        rounds: at most this many rounds of planning and applying.
        split: finds the front matter as ``validate`` reads it, when that is not the
            loader's default (a site profile's :meth:`~convert.profiles.mapping.Mapper.split`).
        known: the top-level keys ``validate`` takes for fields (its schema's, its profile's:
            :func:`convert.fixes.fences.known_keys`); by default the article schema's.

    Fixes of later rounds have positions in the text of their own round, so ``applied``
    describes edits made one round after another.
    """
    new_text, applied, _ = fix_and_check(
        text, findings, unsafe=unsafe, validate=validate, rounds=rounds, split=split, known=known
    )
    return new_text, applied


def fix_and_check(
    text: str,
    findings: Sequence[Diagnostic] | None = None,
    *,
    unsafe: bool = False,
    validate: Validate | None = None,
    rounds: int = MAX_ROUNDS,
    split: Splitter | None = None,
    known: KnownKeys | None = None,
) -> tuple[str, list[Fix], list[Diagnostic]]:
    """:func:`fix`, also returning the findings of the new text (validated once, not twice).

    A finding whose fix was left for want of certainty (a closing fence that could make the
    body's first line a field) gets a hint that says why.
    """
    check = validate or _default_validate
    current = list(findings) if findings is not None else check(text)
    applied: list[Fix] = []
    declined: dict[Diagnostic, str] = {}
    for _ in range(rounds):
        fixes, declined = _plan(text, current, unsafe=unsafe, split=split, known=known)
        while fixes:
            candidate = apply_edits(text, fixes)
            after = check(candidate)
            kept = _without_regressions(fixes, current, after)
            if kept == fixes:
                break
            fixes = kept
        if not fixes:
            break
        text, current = candidate, after
        applied.extend(fixes)
    return text, applied, _with_reasons(current, declined)


def _with_reasons(findings: list[Diagnostic], declined: dict[Diagnostic, str]) -> list[Diagnostic]:
    """``findings`` with the hint of each one whose fix was declined saying why; matched by
    place, as the last round's findings may be those of a text fixed since."""
    if not declined:
        return findings
    why = {(d.rule, d.line, d.column, d.pointer): hint for d, hint in declined.items()}
    return [
        d.replace(hint=why[key]) if (key := (d.rule, d.line, d.column, d.pointer)) in why else d
        for d in findings
    ]


def _without_regressions(
    fixes: list[Fix], before: list[Diagnostic], after: list[Diagnostic]
) -> list[Fix]:
    """The fixes that caused no new finding and whose own finding went; all of them when
    that holds for each. A fix whose finding stays fixed nothing, and would be counted as
    having fixed it.

    A quoted ``NO`` where a date is wanted would only trade a type error for a format error,
    so that fix is dropped. The closed fence is exempt: it is meant to let the values (and
    what is wrong with them) be seen.
    """
    if any(f.finding.rule == "frontmatter/unclosed" for f in fixes):
        old_rules = {d.rule for d in before}
        if any(d.rule in BLOCKING_RULES and d.rule not in old_rules for d in after):
            return []
        return fixes
    left = {(d.rule, d.pointer) for d in after}
    fixes = [f for f in fixes if (f.finding.rule, f.finding.pointer) not in left]
    seen = {(d.rule, d.pointer) for d in before}
    new = [d for d in after if (d.rule, d.pointer) not in seen]
    if not new:
        return fixes
    if any(d.rule in BLOCKING_RULES for d in new):
        return []
    blamed = {d.pointer for d in new}
    kept = [f for f in fixes if f.finding.pointer not in blamed and blamed.isdisjoint(f.also_at)]
    return kept if len(kept) < len(fixes) else []  # nothing to blame: apply nothing


def _default_validate(text: str) -> list[Diagnostic]:
    from convert.loading import loads
    from convert.validation import validate

    return validate(loads(text))
