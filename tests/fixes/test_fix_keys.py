"""Unsafe key fixes: only with unsafe=True, and only when nothing can be lost."""

from __future__ import annotations

from convert import loads
from convert.fixes import fix

BASE = 'title: "Hello"\nwebUrl: "https://example.com/a"\n'


def test_a_misspelt_key_is_renamed_only_when_unsafe_fixes_are_asked_for() -> None:
    text = f"---\n{BASE}publishedDatetime: 2020-02-20T20:00:00Z  # when\n---\nBody\n"
    assert fix(text) == (text, [])
    new, applied = fix(text, unsafe=True)
    assert new == text.replace("publishedDatetime:", "publishedDateTime:")
    assert [(f.finding.rule, f.safe) for f in applied] == [("frontmatter/unknown-key", False)]


def test_a_quoted_misspelt_key_stays_quoted() -> None:
    text = f'---\n{BASE}"publishedDatetime": 2020-02-20T20:00:00Z\n---\n'
    new, _ = fix(text, unsafe=True)
    assert '"publishedDateTime": 2020' in new


def test_no_rename_when_the_right_key_is_already_there() -> None:
    text = f"---\n{BASE}titel: Other\n---\n"
    assert fix(text, unsafe=True) == (text, [])


def test_the_earlier_of_two_equal_duplicates_is_dropped() -> None:
    text = f"---\n{BASE}topics:\n  - AI\n# note\ntopics:\n  - AI\nexcerpt: x\n---\n"
    new, applied = fix(text, unsafe=True)
    assert new == f"---\n{BASE}# note\ntopics:\n  - AI\nexcerpt: x\n---\n"
    assert applied[0].finding.rule == "yaml/duplicate-key"
    assert loads(new).meta == loads(text).meta
    assert fix(text) == (text, [])  # unsafe: not without asking


def test_duplicates_on_one_line_with_crlf() -> None:
    text = f"---\r\n{BASE}excerpt: same   # first\r\nexcerpt: same\r\n---\r\n".replace(
        'Hello"\n', 'Hello"\r\n'
    ).replace('/a"\n', '/a"\r\n')
    new, _ = fix(text, unsafe=True)
    assert "excerpt: same   # first\r\n" not in new and new.count("excerpt: same\r\n") == 1


def test_duplicates_with_different_values_are_left_alone() -> None:
    text = f"---\n{BASE}excerpt: one\nexcerpt: two\n---\n"
    assert fix(text, unsafe=True) == (text, [])


def test_a_rename_that_brings_a_finding_at_its_new_name_costs_only_itself() -> None:
    """Renamed, the key's value is judged where it was not (a bad date under
    updatedDateTime): that rename is not applied, and the other fixes still are (all had
    been dropped, so --unsafe-fixes fixed less than the safe fixes alone)."""
    dates = "publishedDateTime: '2020-02-20T20:00:00Z'\nupdatedDatetime: x\n"
    text = f"---\n{BASE}{dates}locale: NO\n---\n"
    safe_only = fix(text)
    assert safe_only[0] == text.replace("locale: NO", 'locale: "NO"')
    assert fix(text, unsafe=True) == safe_only


def test_a_renamed_key_keeps_its_own_quotes() -> None:
    """A single-quoted key had come back double-quoted: the rename changed more than the
    name."""
    for written, renamed in (
        ("'exerpt'", "'excerpt'"),
        ('"exerpt"', '"excerpt"'),
        ("exerpt", "excerpt"),
    ):
        text = f"---\n{BASE}{written}: a  # kept\n---\nBody\n"
        new, applied = fix(text, unsafe=True)
        assert new == text.replace(f"{written}:", f"{renamed}:"), written
        assert [f.finding.rule for f in applied] == ["frontmatter/unknown-key"]
        assert loads(new).meta["excerpt"] == "a"
