"""yaml/boolean-word, through the one-rule helper."""

from __future__ import annotations

from tests.rules.helpers import VALID, diagnostics, found, record_with


def test_boolean_word_fires_where_the_schema_takes_a_boolean() -> None:
    text = record_with("published: yes\n", drop=("published",))
    (finding,) = diagnostics(text, "yaml/boolean-word")
    assert (finding.line, finding.column, finding.pointer) == (11, 12, "/published")
    assert finding.hint == "write true"


def test_boolean_word_fires_on_a_field_the_schema_does_not_describe() -> None:
    assert found(record_with("draft: off\n"), "yaml/boolean-word") == [(12, 8, "yaml/boolean-word")]


def test_boolean_word_is_quiet_for_true_false_and_where_a_string_is_wanted() -> None:
    assert found(VALID, "yaml/boolean-word") == []  # published: true
    # The schema wants a string for locale: schema/type reports that, with a hint.
    assert found(record_with("locale: yes\n"), "yaml/boolean-word") == []
    assert found(record_with('draft: "off"\n'), "yaml/boolean-word") == []
