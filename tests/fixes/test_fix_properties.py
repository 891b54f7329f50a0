"""Properties of fixing, over generated records full of fixable and unfixable constructs.

- fixing then loading gives the same values, except at the pointers the fixes name;
- a second fix changes nothing;
- a record with nothing fixable comes back byte for byte.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convert import loads, validate
from convert.fixes import Fix, fix, plan
from convert.pointer import split_pointer

KEYS = [
    "title",
    "excerpt",
    "locale",
    "category",
    "published",
    "featuredContent",
    "highlight",
    "publishedDateTime",
    "updatedDateTime",
    "publishedDatetime",
    "webUrl",
    "quality",
    "custom",
    "topics",
]
FIXABLE_VALUES = [
    "NO",
    "yes",
    "Off",
    "on",
    "010",
    "1:20",
    "null",
    "3.10",
    "2020-02-20 20:00:00 +0100",
    "2020-02-20t20:00:00z",
    "[yes, News]",
]
PLAIN_VALUES = [
    '"Hello"',
    "Plain words",
    "~",
    "",
    "7",
    "true",
    "'quoted: yes'",
    "2020-02-20 20:00:00",
    '"2020-02-20T20:00:00Z"',
    "https://example.com/a",
    "[a, b]",
    "{x: 1}",
]
BODIES = ["", "Body text.", "# Heading\n\nA paragraph: with a colon.", "- a list\n- item"]


@st.composite
def records(draw: st.DrawFn, values: list[str]) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for key, value in draw(
        st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(values)), max_size=8)
    ):
        comment = draw(st.sampled_from(["", "  # note"]))
        lines.append(f"{key}: {value}{comment}".rstrip() if value else f"{key}:{comment}")
    fence = draw(st.sampled_from(["---", "---", "+++"])) if lines else "---"
    if fence == "+++":
        toml_values = st.sampled_from(["x", "2020-02-20 20:00:00 +0100", "2020-02-20t20:00:00z"])
        lines = [f'{line.split(":", 1)[0]} = "{draw(toml_values)}"' for line in lines]
    closed = draw(st.booleans())
    head = ("\ufeff" if draw(st.booleans()) else "") + fence
    body = draw(st.sampled_from(BODIES))
    parts = [head, *lines] + ([fence] if closed else [""]) + [body]
    return (
        newline.join(parts).replace("\n", newline)
        if newline == "\n"
        else newline.join(part.replace("\n", newline) for part in parts)
    )


def _drop(meta: Any, pointer: str) -> Any:
    """``meta`` without the value at ``pointer`` (lists keep a placeholder, so indexes hold)."""
    tokens = split_pointer(pointer)
    if not tokens or not isinstance(meta, dict | list):
        return None if tokens == [] else meta
    head, rest = tokens[0], "".join("/" + t for t in tokens[1:])
    if isinstance(meta, dict):
        if head not in meta:
            return meta
        copy = dict(meta)
        if rest:
            copy[head] = _drop(meta[head], rest)
        else:
            del copy[head]
        return copy
    if not head.isdigit() or int(head) >= len(meta):
        return meta
    items = list(meta)
    items[int(head)] = _drop(items[int(head)], rest) if rest else "<fixed>"
    return items


def _touched(applied: list[Fix]) -> list[str]:
    pointers = []
    for fix_ in applied:
        pointers.append(fix_.finding.pointer)
        if fix_.finding.rule == "frontmatter/unknown-key":  # the new name is touched too
            parent = fix_.finding.pointer.rsplit("/", 1)[0]
            pointers.append(f"{parent}/{fix_.replacement.strip(chr(34))}")
    return pointers


@given(records(FIXABLE_VALUES + PLAIN_VALUES), st.booleans())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_values_stay_the_same_outside_the_fixed_pointers(text: str, unsafe: bool) -> None:
    new, applied = fix(text, unsafe=unsafe)
    before, after = loads(text), loads(new)
    if any(f.finding.rule == "frontmatter/unclosed" for f in applied):
        assert after.intact  # the fence fix is a whole-file one: the values appear
        return
    old_meta: Any = dict(before.meta)
    new_meta: Any = dict(after.meta)
    for pointer in _touched(applied):
        old_meta, new_meta = _drop(old_meta, pointer), _drop(new_meta, pointer)
    assert new_meta == old_meta
    assert after.body == before.body


@given(records(FIXABLE_VALUES + PLAIN_VALUES), st.booleans())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fixing_twice_changes_nothing_more(text: str, unsafe: bool) -> None:
    once, _ = fix(text, unsafe=unsafe)
    assert fix(once, unsafe=unsafe) == (once, [])


@given(records(PLAIN_VALUES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_nothing_fixable_means_byte_identical(text: str) -> None:
    findings = validate(loads(text))
    if plan(text, findings, unsafe=True):
        return  # e.g. an unclosed fence or a BOM: fixable after all
    assert fix(text, findings, unsafe=True) == (text, [])


@given(records(FIXABLE_VALUES + PLAIN_VALUES))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fixed_records_have_fewer_findings_and_no_new_ones(text: str) -> None:
    before = validate(loads(text))
    new, applied = fix(text, before)
    after = validate(loads(new))
    if not applied:
        assert after == before
        return
    old_rules = {d.rule for d in before}
    if not any(f.finding.rule == "frontmatter/unclosed" for f in applied):
        assert {d.rule for d in after} <= old_rules
        assert len(after) < len(before)
