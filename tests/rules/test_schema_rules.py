"""schema/<keyword> and schema/recommended, through the one-rule helper."""

from __future__ import annotations

import pytest

from tests.rules.helpers import VALID, diagnostics, found, record_with


def test_a_valid_record_is_quiet() -> None:
    assert found(VALID, "schema") == []
    assert found(VALID, "schema/recommended") == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("quality: high\n", (12, 10, "schema/type")),
        ('updatedDateTime: "yesterday"\n', (12, 18, "schema/format")),
        ("heat: -5\n", (12, 7, "schema/minimum")),
        ('topics: [""]\n', (12, 10, "schema/minLength")),
    ],
)
def test_each_finding_is_named_after_the_failing_keyword(
    extra: str, expected: tuple[int, int, str]
) -> None:
    drop = ("topics",) if extra.startswith("topics") else ()
    text = record_with(extra, drop=drop)
    assert found(text, "schema") == [(expected[0] - len(drop), *expected[1:])]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("topics: [AI, true]\n", '"topics[1]" must be string or null, not true'),
        ("related: [3]\n", '"related[0]" must be object, not 3'),
        ("related: [{images: [{url: 3}]}]\n", '"url" must be string, not 3'),
        ("related: [{images: [{url: /a.jpg}, 2]}]\n", '"images[1]" must be object, not 2'),
    ],
)
def test_a_list_item_is_named_by_its_list_and_place(extra: str, message: str) -> None:
    """A field "1" is none a writer knows: a list's item is its list and its index."""
    drop = ("topics",) if extra.startswith("topics") else ()
    messages = [d.message for d in diagnostics(record_with(extra, drop=drop), "schema")]
    assert message in messages


def test_a_missing_required_field_is_reported_at_the_mapping_that_should_hold_it() -> None:
    (finding,) = diagnostics(record_with(drop=("title",)), "schema")
    assert (finding.line, finding.column, finding.rule) == (1, 1, "schema/required")
    assert finding.message == 'missing required field "title"'


def test_a_near_miss_of_a_required_field_is_named_in_the_hint() -> None:
    text = record_with("Title: x\n", drop=("title",))
    (finding,) = diagnostics(text, "schema")
    assert finding.hint == '"Title" is written; did you mean "title"?'


def test_a_yaml_1_1_surprise_gets_a_quoting_hint() -> None:
    (finding,) = diagnostics(record_with("locale: NO\n"), "schema")
    assert finding.rule == "schema/type"
    assert finding.hint == 'YAML reads the unquoted value as a boolean; quote it: "NO"'


def test_the_quoting_hint_is_given_only_where_the_quoted_text_would_be_valid() -> None:
    """``locale: 3.10`` is the number 3.1; quoted, "3.10" is no locale either, so quoting it
    is no fix. A topic written ``1.10`` is a topic once quoted, in a list as in a mapping."""
    (finding,) = diagnostics(record_with("locale: 3.10\n"), "schema")
    assert finding.hint == (
        'YAML reads the unquoted value as a number, and "3.10" quoted would not be valid here'
        " either"
    )
    (finding,) = diagnostics(record_with("topics: [news, 1.10]\n", drop=("topics",)), "schema")
    assert finding.pointer == "/topics/1"
    assert finding.hint == 'YAML reads the unquoted value as a number; quote it: "1.10"'


def test_recommended_fires_for_each_missing_or_empty_field() -> None:
    text = record_with('excerpt: ""\n', drop=("excerpt", "topics"))
    assert [d.message for d in diagnostics(text, "schema/recommended")] == [
        'recommended field "excerpt" is missing or empty',
        'recommended field "topics" is missing or empty',
    ]


def test_recommended_is_quiet_without_front_matter() -> None:
    assert found("Only a body.\n", "schema/recommended") == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0001-01-01T00:00:00+01:00", "before year 0001 in UTC"),
        ("9999-12-31T23:59:59-01:00", "after year 9999 in UTC"),
    ],
)
def test_a_date_outside_years_1_to_9999_in_utc_is_told_so(value: str, words: str) -> None:
    (finding,) = diagnostics(record_with(f'updatedDateTime: "{value}"\n'), "schema")
    assert finding.rule == "schema/format"
    assert words in finding.hint and "use RFC 3339" not in finding.hint


def test_a_date_not_in_rfc_3339_keeps_the_rfc_3339_hint() -> None:
    (finding,) = diagnostics(record_with('updatedDateTime: "2020-02-20 20:00"\n'), "schema")
    assert finding.hint.startswith("use RFC 3339")
