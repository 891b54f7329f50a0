"""The value types of :mod:`convert.values` keep what frozen dataclasses gave their callers."""

from __future__ import annotations

import pickle

import pytest

from convert.config import Settings
from convert.diagnostics import Diagnostic, Report, Severity
from convert.record import Record, Source

FINDING = Diagnostic("a.md", 2, 3, "schema/type", Severity.ERROR, "not a string", "/title")


def test_equal_values_are_equal_and_hash_alike() -> None:
    twin = Diagnostic("a.md", 2, 3, "schema/type", Severity.ERROR, "not a string", "/title")
    assert twin == FINDING and hash(twin) == hash(FINDING)
    assert len({twin, FINDING}) == 1
    assert FINDING.replace(line=4) != FINDING


def test_a_value_is_not_a_tuple_and_has_no_order() -> None:
    fields = ("a.md", 2, 3, "schema/type", Severity.ERROR, "not a string", "/title", "")
    assert fields != FINDING
    with pytest.raises(TypeError):
        iter(FINDING)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        assert FINDING.replace(line=4) > FINDING  # type: ignore[operator]


def test_values_are_immutable() -> None:
    with pytest.raises(AttributeError, match="immutable"):
        FINDING.line = 9  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del FINDING.hint  # type: ignore[misc]
    with pytest.raises(AttributeError):
        FINDING.extra = 1  # type: ignore[attr-defined]


def test_replace_changes_only_what_it_names_and_refuses_unknown_fields() -> None:
    moved = FINDING.replace(message="other", hint="fix it")
    assert (moved.message, moved.hint, moved.pointer, moved.line) == (
        "other",
        "fix it",
        "/title",
        2,
    )
    with pytest.raises(TypeError, match="no field 'colour'"):
        FINDING.replace(colour="red")


def test_repr_names_every_compared_field_in_order() -> None:
    assert repr(Source("a.md", "yaml", locator=lambda p, key=False: None)) == (
        "Source(path='a.md', front_matter='yaml', front_matter_line=1, body_line=1)"
    )
    assert repr(FINDING).startswith("Diagnostic(path='a.md', line=2, column=3, rule=")


def test_the_locator_is_left_out_of_equality() -> None:
    assert Source("a.md", locator=lambda p, key=False: (1, 1)) == Source("a.md")


def test_values_survive_pickling_as_workers_send_them() -> None:
    assert pickle.loads(pickle.dumps(FINDING)) == FINDING
    settings = Settings(jobs=3, levels={"schema": Severity.WARNING})
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_mutable_defaults_are_fresh_per_value() -> None:
    one, two = Settings(), Settings()
    assert one.levels == {} and one.levels is not two.levels
    report = Report()
    report.extend([FINDING])
    assert Report().diagnostics == [] and report == Report([FINDING])


def test_a_record_with_dict_metadata_is_not_hashable_as_before() -> None:
    record = Record({"title": "T"}, "", Source("a.md"))
    assert record == Record({"title": "T"}, "", Source("a.md"))
    with pytest.raises(TypeError):
        hash(record)
