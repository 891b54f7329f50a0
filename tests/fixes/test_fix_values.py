"""Value fixes: YAML 1.1 surprises quoted, yes/no/on/off as true/false, dates as RFC 3339."""

from __future__ import annotations

import pytest

from convert import loads, validate
from convert.fixes import available_fixes, fix
from convert.fixes.values import rfc3339

HEAD = 'webUrl: "https://example.com/a"\npublishedDateTime: "2020-02-20T20:00:00Z"\n'


def record(*lines: str, newline: str = "\n") -> str:
    return newline.join(["---", *HEAD.splitlines(), *lines, "---", "Body.", ""])


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("NO", '"NO"'),
        ("yes", '"yes"'),
        ("010", '"010"'),
        ("1:20", '"1:20"'),
        ("3.10", '"3.10"'),
        ("0x1F", '"0x1F"'),
    ],
)
def test_a_yaml11_surprise_where_a_string_is_wanted_is_quoted(written: str, quoted: str) -> None:
    text = record(f"title: {written}  # keep me")
    new, applied = fix(text)
    assert new == text.replace(f"title: {written}", f"title: {quoted}")
    assert [f.finding.rule for f in applied] == ["schema/type"]
    assert loads(new).meta["title"] == written


@pytest.mark.parametrize("value", ["~", "", "Hello", '"NO"', "'yes'"])
def test_null_meant_as_null_and_strings_are_left_alone(value: str) -> None:
    text = record(f"excerpt: {value}".rstrip())
    assert fix(text) == (text, [])


@pytest.mark.parametrize("word", ["null", "Null", "NULL", "~"])
def test_null_where_a_string_is_wanted_stays_null(word: str) -> None:
    """Every YAML reader, 1.1 or 1.2, reads these words as null: quoted, a record left out
    of the feeds for its missing title would be published with the title "null"."""
    text = record(f"title: {word}")
    assert [d.rule for d in validate(loads(text)) if d.pointer == "/title"] == ["schema/type"]
    assert fix(text) == (text, [])
    assert fix(text, unsafe=True) == (text, [])


def test_quoting_inside_a_flow_list_keeps_the_rest_of_the_line() -> None:
    text = record("topics: [yes, News, 010]   # two surprises")
    new, _ = fix(text)
    assert new == text.replace("[yes, News, 010]", '["yes", News, "010"]')


def test_yes_no_on_off_where_a_boolean_is_wanted_become_true_false_as_an_unsafe_fix() -> None:
    """The same values for a YAML 1.1 reader (Jekyll, PyYAML), but Hugo since 0.152 reads the
    string "yes" (which its draft takes as false): not knowing the reader, the fix is unsafe
    and a plain ``fix`` leaves the words as written."""
    text = record("published: Yes", "featuredContent: off", "highlight: ON")
    found = [d for d in validate(loads(text)) if d.rule == "yaml/boolean-word"]
    assert [d.line for d in found] == [4, 5, 6]
    assert fix(text) == (text, [])
    new, applied = fix(text, unsafe=True)
    assert new == record("published: true", "featuredContent: false", "highlight: true")
    assert loads(new).meta == loads(text).meta  # the same values for a YAML 1.1 reader
    assert [f.safe for f in applied] == [False] * 3
    assert all("Hugo since 0.152 reads the string" in f.description for f in applied)
    (kind,) = [k for k in available_fixes() if k.rule == "yaml/boolean-word"]
    assert not kind.safe


def test_true_and_false_are_not_reported() -> None:
    text = record("published: true", "featuredContent: False")
    assert not [d for d in validate(loads(text)) if d.rule == "yaml/boolean-word"]


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("2020-02-20 20:00:00 +0100", "2020-02-20T20:00:00+01:00"),
        ("2020-02-20 20:00:00 -05:00", "2020-02-20T20:00:00-05:00"),
        ("2020-02-20t20:00:00z", "2020-02-20T20:00:00Z"),
        ("2020-02-20 20:00:00.25Z", "2020-02-20T20:00:00.25Z"),
        ("2020-02-20 20:00 +01", "2020-02-20T20:00:00+01:00"),
    ],
)
def test_dates_naming_a_zone_become_rfc3339(written: str, normal: str) -> None:
    assert rfc3339(written) == normal


@pytest.mark.parametrize(
    "written",
    [
        "2020-02-20 20:00:00",  # no zone: never assumed
        "2020-02-20",
        "20 Feb 2020 20:00 +0100",
        "2020-02-20T20:00:00+1",
    ],
)
def test_dates_without_a_zone_or_another_shape_are_not_normalised(written: str) -> None:
    assert rfc3339(written) is None


def test_a_date_fix_is_quoted_and_keeps_its_line() -> None:
    text = record("updatedDateTime: 2020-02-21 09:30:00 +0100 # local", newline="\r\n")
    new, applied = fix(text)
    assert new == text.replace("2020-02-21 09:30:00 +0100", '"2020-02-21T09:30:00+01:00"')
    assert applied[0].finding.rule == "schema/format"
    assert not [d for d in validate(loads(new)) if d.rule.startswith("schema/format")]


def test_a_naive_date_is_left_for_a_person() -> None:
    text = record("updatedDateTime: 2020-02-21 09:30:00")
    assert fix(text) == (text, [])


@pytest.mark.parametrize(
    "written",
    ["2020-02-30T20:00:00Z", "2020-02-30 20:00 +0100", "2021-13-01T10:00:00Z", "2020-02-20T25:00Z"],
)
def test_a_date_no_calendar_has_is_left_for_a_person(written: str) -> None:
    # Rewritten as RFC 3339 it is still no date: quoting it fixed nothing, and the finding
    # was counted as fixed while it stayed.
    text = record(f"updatedDateTime: {written}")
    assert fix(text) == (text, [])
    toml = f'+++\nwebUrl = "https://example.com/a"\nupdatedDateTime = "{written}"\n+++\nBody\n'
    assert fix(toml) == (toml, [])


def test_a_fix_whose_finding_stays_is_not_applied(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a fix claims, the engine keeps it only if its own finding goes: here the
    date fix offered again for a date no calendar has, as it was."""
    import convert.fixes.values as values

    monkeypatch.setattr(values, "_fixed_date", rfc3339)
    text = record("updatedDateTime: 2020-02-30 20:00 +0100", "locale: NO")
    new, applied = fix(text)
    assert [f.finding.rule for f in applied] == ["schema/type"]
    assert new == text.replace("locale: NO", 'locale: "NO"')


def test_positions_count_characters_after_non_ascii_text() -> None:
    text = record('category: "Économie"', "locale: NO")
    new, _ = fix(text)
    assert 'locale: "NO"' in new and 'category: "Économie"' in new


def test_boolean_words_in_lists_and_unknown_fields_are_reported_and_fixed() -> None:
    text = record("draft: no", "images:", '  - url: "/a.jpg"', "    isCached: On")
    found = [(d.rule, d.pointer) for d in validate(loads(text)) if d.rule == "yaml/boolean-word"]
    assert found == [("yaml/boolean-word", "/draft"), ("yaml/boolean-word", "/images/0/isCached")]
    new, _ = fix(text, unsafe=True)
    assert new == record("draft: false", "images:", '  - url: "/a.jpg"', "    isCached: true")


def test_a_toml_date_string_is_normalised_too() -> None:
    text = (
        '+++\r\ntitle = "Hello"\r\nwebUrl = "https://example.com/a"\r\n'
        'publishedDateTime = "2020-02-20 20:00:00 +0100"  # local\r\n'
        '[extra]\r\nupdatedDateTime = "2020-02-21 20:00:00 +0100"\r\n+++\r\nBody\r\n'
    )
    new, applied = fix(text)
    assert new == text.replace('"2020-02-20 20:00:00 +0100"', '"2020-02-20T20:00:00+01:00"')
    assert applied[0].region.start_line == 4
    assert loads(new).meta["publishedDateTime"] == "2020-02-20T20:00:00+01:00"
