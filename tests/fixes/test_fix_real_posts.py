"""Fixing real published posts (Jekyll, Hugo, Zola; YAML and TOML) and the same posts damaged
the ways files get damaged: a BOM added, the closing fence lost.

Skipped when the collection is not on this machine (it is not part of the repository).
For every file: no crash; a changed file re-validates with strictly fewer findings; nothing
outside the spans of the fixes changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

import pytest

from convert import loads, validate
from convert.fixes import apply_edits, fix

REAL = Path("/work/shared/real")
SUFFIXES = {".md", ".markdown", ".html", ".txt"}

pytestmark = pytest.mark.skipif(
    not (REAL / "posts").is_dir(), reason="the real post collection is not on this machine"
)


def _texts() -> Iterator[tuple[str, str]]:
    for folder in ("posts", "records"):
        for path in sorted((REAL / folder).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            try:
                text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue
            name = path.relative_to(REAL).as_posix()
            yield name, text
            if text.startswith(("---", "+++")):
                yield name + " +BOM", "\ufeff" + text
                yield name + " -fence", _without_closing_fence(text)


def _without_closing_fence(text: str) -> str:
    fence = text[:3]
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") == fence:
            return "".join(lines[:index] + lines[index + 1 :])
    return text


def _changed_lines(before: str, after: str) -> set[int]:
    """1-based lines of ``before`` that the edit replaced, or next to which it inserted."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    lines: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return lines


def test_real_posts_fix_cleanly() -> None:
    checked = changed = 0
    for name, text in _texts():
        checked += 1
        findings = validate(loads(text, path=name))
        current, current_findings = text, findings
        for _ in range(5):
            new, fixes = fix(
                current,
                current_findings,
                unsafe=True,
                rounds=1,
                validate=lambda t, n=name: validate(loads(t, path=n)),
            )
            if not fixes:
                break
            assert new == apply_edits(current, fixes)
            allowed = set()
            for applied in fixes:
                region = applied.region
                allowed.update(range(region.start_line, region.end_line + 2))
            assert _changed_lines(current, new) <= allowed, name
            new_findings = validate(loads(new, path=name))
            if not any(f.finding.rule == "frontmatter/unclosed" for f in fixes):
                assert len(new_findings) < len(current_findings), name
                assert {(d.rule, d.pointer) for d in new_findings} <= {
                    (d.rule, d.pointer) for d in current_findings
                }, name
            current, current_findings = new, new_findings
        if current != text:
            changed += 1
            assert not any(d.rule == "frontmatter/unclosed" for d in current_findings), name
    assert checked > 100 and changed > 50


def test_real_posts_fix_the_same_with_crlf_line_endings() -> None:
    """A file's line endings change nothing but the line endings of what is fixed: the
    closing fence of a CRLF file had gone before its "[taxonomies]" or "tags:" block."""
    compared = 0
    for name, text in _texts():
        if "\r" in text:
            continue
        crlf = text.replace("\n", "\r\n")
        lf_fixed, lf_fixes = fix(text, validate(loads(text, path=name)), unsafe=True)
        crlf_fixed, crlf_fixes = fix(crlf, validate(loads(crlf, path=name)), unsafe=True)
        assert crlf_fixed == lf_fixed.replace("\n", "\r\n"), name
        assert [f.description for f in crlf_fixes] == [f.description for f in lf_fixes], name
        compared += bool(lf_fixes)
    assert compared > 50
