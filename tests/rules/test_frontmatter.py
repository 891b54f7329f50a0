"""frontmatter/missing and frontmatter/unknown-key, through the one-rule helper."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.helpers import VALID, diagnostics, found, record_with


def test_missing_fires_on_a_file_without_front_matter() -> None:
    assert found("Just a body, no fence.\n", "frontmatter/missing") == [
        (None, None, "frontmatter/missing")
    ]


def test_missing_is_quiet_with_front_matter_and_when_the_loader_already_failed() -> None:
    assert found(VALID, "frontmatter/missing") == []
    # An unclosed fence is the loader's finding (frontmatter/unclosed), not this one.
    assert found("---\ntitle: x\n", "frontmatter/missing") == []


def test_unknown_key_points_at_the_key_and_names_the_nearest_field() -> None:
    text = record_with('publishedDatetime: "2024-06-12T18:05:00Z"\n')
    (finding,) = diagnostics(text, "frontmatter/unknown-key")
    assert (finding.line, finding.column, finding.pointer) == (12, 1, "/publishedDatetime")
    assert finding.hint == 'did you mean "publishedDateTime"?'


def test_unknown_key_looks_inside_declared_mappings() -> None:
    text = record_with("provider:\n  name: X\n  nmae: Y\n", drop=("provider", "  name"))
    assert found(text, "frontmatter/unknown-key") == [(12, 3, "frontmatter/unknown-key")]


def test_unknown_key_is_quiet_on_declared_keys_and_on_non_mappings() -> None:
    assert found(VALID, "frontmatter/unknown-key") == []
    assert found("---\n- a list\n---\n", "frontmatter/unknown-key") == []


def test_a_key_repeated_across_records_is_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    calls: list[str] = []
    real = difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        calls.append(word)
        return real(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    text = record_with('publishedDatetimes: "2024-06-12T18:05:00Z"\n')
    hints = {diagnostics(text, "frontmatter/unknown-key")[0].hint for _ in range(3)}
    assert hints == {'did you mean "publishedDateTime"?'}
    assert calls.count("publishedDatetimes") <= 1


def test_missing_says_an_empty_file_is_empty() -> None:
    for text in ("", "\n\n  \n"):
        (finding,) = diagnostics(text, "frontmatter/missing")
        assert (
            "empty" in finding.message or "blank" in finding.message
        ) and "---" not in finding.message, text


def test_missing_names_lone_carriage_returns_and_how_to_fix_them() -> None:
    text = "---\rtitle: x\r---\rThe body.\r"
    (finding,) = diagnostics(text, "frontmatter/missing")
    assert "carriage return" in finding.message
    assert "LF" in finding.hint
    # A file with front matter and lone CRs only in its body is fine.
    assert found(VALID.replace("The council", "The\rcouncil"), "frontmatter/missing") == []
    # A file without a fence keeps the usual message.
    (plain,) = diagnostics("Just a body.\rMore.\r", "frontmatter/missing")
    assert "does not start with a --- line" in plain.message
