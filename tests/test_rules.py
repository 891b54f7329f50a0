"""Rules: unknown keys, recommended fields, consistency, selection and levels."""

from __future__ import annotations

import pytest

from convert import loads, validate
from convert.diagnostics import Severity
from convert.errors import PluginError
from convert.rules import load_rules
from convert.validation import Policy, Validator, rule_matches

GOOD = (
    "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
    'webUrl: "https://news.example.com/a"\n'
    "excerpt: E\nprovider: {name: P}\ntopics: [X]\nimages: [{url: /a.jpg}]\n"
)


def rules_of(extra: str) -> list[str]:
    return [d.rule for d in validate(loads(GOOD + extra + "---\n"))]


def test_unknown_key_suggests_the_near_miss() -> None:
    (finding,) = validate(loads(GOOD + "publishedDatetime: x\n---\n"))
    assert finding.rule == "frontmatter/unknown-key"
    assert finding.severity is Severity.WARNING
    assert finding.hint == 'did you mean "publishedDateTime"?'


def test_unknown_key_far_from_any_name_has_no_suggestion() -> None:
    (finding,) = validate(loads(GOOD + "zzz: 1\n---\n"))
    assert finding.hint == ""


def test_recommended_fields() -> None:
    record = loads(
        "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
        'webUrl: "https://a.example/b"\n---\n'
    )
    missing = sorted(d.message for d in validate(record) if d.rule == "schema/recommended")
    assert len(missing) == 4 and all(d.startswith("recommended field") for d in missing)


def test_amp_url_on_another_site() -> None:
    assert rules_of('ampWebUrl: "https://other.example.org/amp/a"\n') == ["consistency/amp-url"]
    assert rules_of('ampWebUrl: "https://news.example.com/amp/a"\n') == []
    assert (
        rules_of(
            'cdnAmpWebUrl: "https://news-example-com.cdn.ampproject.org/c/s/'
            'news.example.com/amp/a"\n'
        )
        == []
    )


def test_updated_before_published() -> None:
    assert rules_of("updatedDateTime: 2020-02-19T00:00:00Z\n") == ["consistency/dates"]
    assert rules_of("updatedDateTime: 2020-02-21T00:00:00Z\n") == []


@pytest.mark.parametrize(
    ("rule", "pattern", "expected"),
    [
        ("schema/type", "schema", True),
        ("schema/type", "schema/type", True),
        ("schema/type", "schema/ty", False),
        ("schemas/x", "schema", False),
    ],
)
def test_rule_matching(rule: str, pattern: str, expected: bool) -> None:
    assert rule_matches(rule, pattern) is expected


def test_select_ignore_and_levels() -> None:
    record = loads("---\ntitle: T\nzzz: 1\n---\n")
    everything = {d.rule for d in Validator()(record)}
    assert {"schema/required", "frontmatter/unknown-key", "schema/recommended"} <= everything
    only_schema = {d.rule for d in Validator(policy=Policy(select=("schema",)))(record)}
    assert only_schema == {"schema/required", "schema/recommended"}
    ignored = {d.rule for d in Validator(policy=Policy(ignore=("schema",)))(record)}
    assert ignored == {"frontmatter/unknown-key"}
    levels = Policy(
        levels={
            "frontmatter/unknown-key": Severity.ERROR,
            "schema": None,
            "schema/required": Severity.INFO,
        }
    )
    relevelled = {(d.rule, d.severity) for d in Validator(policy=levels)(record)}
    assert relevelled == {
        ("frontmatter/unknown-key", Severity.ERROR),
        ("schema/required", Severity.INFO),
    }


def test_loader_findings_go_through_the_policy_too() -> None:
    record = loads("---\ntitle: a\ntitle: b\n---\n")
    assert "yaml/duplicate-key" in {d.rule for d in Validator()(record)}
    quiet = Validator(policy=Policy(ignore=("yaml",)))(record)
    assert "yaml/duplicate-key" not in {d.rule for d in quiet}


class _FakeEntryPoint:
    def __init__(self, name: str, value: str) -> None:
        self.name, self.value = name, value
        self.dist = type("Dist", (), {"name": "fake-plugin"})()


def test_broken_rule_plugin_is_a_clean_error() -> None:
    def find(group: str) -> list[_FakeEntryPoint]:
        return [_FakeEntryPoint("broken", "no_such_module_here:RULES")]

    with pytest.raises(PluginError, match="fake-plugin plugin 'broken'"):
        load_rules(find)  # type: ignore[arg-type]


def test_rule_plugin_that_is_not_a_rule() -> None:
    def find(group: str) -> list[_FakeEntryPoint]:
        return [_FakeEntryPoint("odd", "collections:OrderedDict")]

    with pytest.raises(PluginError, match="sequence of rule classes"):
        load_rules(find)  # type: ignore[arg-type]


def test_third_party_rule_plugin_runs() -> None:
    def find(group: str) -> list[_FakeEntryPoint]:
        return [_FakeEntryPoint("slugs", "tests_plugin_rules:RULES")]

    import sys
    import types
    from collections.abc import Iterator
    from typing import ClassVar

    class NoShouting:
        """Titles may not be all capitals."""

        id: ClassVar[str] = "house/no-shouting"
        default_severity: ClassVar[Severity] = Severity.WARNING

        def check(self, record: object, context: object) -> Iterator[object]:
            title = record.meta.get("title", "")  # type: ignore[attr-defined]
            if title.isupper():
                yield context.finding(
                    record,
                    self.id,
                    self.default_severity,  # type: ignore
                    "title is in capitals",
                    pointer="/title",
                )

    module = types.ModuleType("tests_plugin_rules")
    module.RULES = (NoShouting,)  # type: ignore[attr-defined]
    sys.modules["tests_plugin_rules"] = module
    try:
        rules = load_rules(find)  # type: ignore[arg-type]
        record = loads("---\ntitle: LOUD\n---\n")
        found = [d for d in Validator(rules=rules)(record) if d.rule == "house/no-shouting"]
        assert [(d.line, d.column) for d in found] == [(2, 8)]
    finally:
        del sys.modules["tests_plugin_rules"]


@pytest.mark.parametrize(
    "policy",
    [
        Policy(select=("schma",)),
        Policy(ignore=("frontmatter/unknown-keys",)),
        Policy(levels={"consistency/amp": Severity.ERROR}),
    ],
)
def test_a_pattern_matching_no_rule_is_refused(policy: Policy) -> None:
    from convert.errors import ConfigError

    with pytest.raises(ConfigError, match=r"unknown rule .*did you mean"):
        Validator(policy=policy)


def test_families_and_open_families_are_accepted() -> None:
    Validator(
        policy=Policy(
            select=("yaml", "schema/minLength", "convert/relative-url"),
            ignore=("internal/error", "consistency"),
        )
    )


_SHOUTING_BEFORE = '''
from convert import Severity


class NoShouting:
    """Titles may not be all capitals."""

    id = "house/no-shouting"
    default_severity = Severity.WARNING

    def check(self, record, context):
        if record.meta.get("title", "").isupper():
            yield context.finding(
                record, self.id, self.default_severity, "title is in capitals", pointer="/title"
            )
'''
"""The README's rule example as it was: a null title made it raise."""


def _plugin_rules(monkeypatch: pytest.MonkeyPatch, source: str) -> list[object]:
    """The rules of ``source`` (a module defining NoShouting), loaded as the entry point
    ``house`` of the distribution ``fake-plugin``."""
    import sys
    import types

    module = types.ModuleType("tests_house_rules")
    exec(source, module.__dict__)  # the README's own example
    module.RULES = (module.NoShouting,)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_house_rules", module)

    def find(group: str) -> list[_FakeEntryPoint]:
        return [_FakeEntryPoint("house", "tests_house_rules:RULES")]

    return list(load_rules(find))  # type: ignore[arg-type]


def test_a_plugin_rule_that_raises_is_named_and_the_other_findings_stay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = _plugin_rules(monkeypatch, _SHOUTING_BEFORE)
    record = loads("---\ntitle: null\npublishedDateTime: 2020-02-20T20:00:00Z\n---\n")
    found = Validator(rules=rules)(record)
    (failed,) = [d for d in found if d.rule == "internal/error"]
    assert 'rule "house/no-shouting"' in failed.message
    assert "fake-plugin" in failed.message and "'house'" in failed.message
    assert "AttributeError" in failed.message
    assert "fake-plugin" in failed.hint and "article-convert" not in failed.hint
    assert failed.severity is Severity.ERROR and failed.line is None
    # The null title's own finding, and the rest, are still reported.
    rules_found = {(d.rule, d.pointer) for d in found}
    assert ("schema/type", "/title") in rules_found
    assert ("schema/required", "") in rules_found
    assert any(d.rule == "schema/recommended" for d in found)


def test_a_rule_keeps_what_it_found_before_it_raised() -> None:
    from collections.abc import Iterator
    from typing import ClassVar

    from convert.diagnostics import Diagnostic

    class HalfWay:
        """Finds one thing, then fails."""

        id: ClassVar[str] = "house/half-way"
        default_severity: ClassVar[Severity] = Severity.WARNING

        def check(self, record: object, context: object) -> Iterator[Diagnostic]:
            yield Diagnostic("<string>", 1, 1, self.id, self.default_severity, "first")
            raise KeyError("second")

    found = Validator(rules=[HalfWay()])(loads("---\ntitle: T\n---\n"))
    (first,) = [d for d in found if d.rule == "house/half-way"]
    (failed,) = [d for d in found if d.rule == "internal/error"]
    assert first.message == "first" and len(found) == 2
    assert 'rule "house/half-way"' in failed.message and "KeyError" in failed.message
    # Not loaded from an entry point: the class is named, with its module.
    assert "test_rules" in failed.message and "HalfWay" in failed.message
    assert failed.hint == "report this to the rule's authors, with the file attached"


def test_a_builtin_rule_that_raises_keeps_the_report_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert.rules.frontmatter import UnknownKey

    def broken(self: object, record: object, context: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(UnknownKey, "check", broken)
    found = Validator()(loads("---\ntitle: [not text]\n---\n"))
    (failed,) = [d for d in found if d.rule == "internal/error"]
    assert 'rule "frontmatter/unknown-key"' in failed.message and "RuntimeError" in failed.message
    assert failed.hint == "please report this with the file attached"
    assert ("schema/type", "/title") in {(d.rule, d.pointer) for d in found}


def test_the_readme_rule_example_takes_a_null_title(monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    (source,) = [
        block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "NoShouting" in block
    ]
    rules = _plugin_rules(monkeypatch, source)
    validator = Validator(rules=rules)
    for title in ("null", "42", "[A, B]", "Quiet"):
        found = validator(loads(f"---\ntitle: {title}\n---\n"))
        assert not [d for d in found if d.rule in ("internal/error", "house/no-shouting")]
    loud = validator(loads("---\ntitle: LOUD\n---\n"))
    assert [(d.line, d.column) for d in loud if d.rule == "house/no-shouting"] == [(2, 8)]


def test_a_corpus_rule_whose_digest_raises_costs_its_own_digest_only() -> None:
    """The built-in duplicate check still gets its digest, and the failure names the rule,
    where one rule's digest failing had cost every rule's and blamed article-convert."""
    from typing import Any, ClassVar

    from convert.rules.corpus import DuplicateUrl

    class BadDigest:
        """Compares nothing, and fails at it."""

        id: ClassVar[str] = "house/bad-digest"
        default_severity: ClassVar[Severity] = Severity.WARNING

        def check(self, record: object, context: object) -> Any:
            return iter(())

        def digest(self, record: object, context: object) -> object:
            raise RuntimeError("plugin digest bug")

        def reducer(self) -> Any:
            raise NotImplementedError

    duplicate = DuplicateUrl()
    validator = Validator(rules=[duplicate, BadDigest()])
    validator.corpus_rules = [duplicate, BadDigest()]
    record = loads(
        "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\nwebUrl: https://e.com/a\n---\n"
    )
    digests, failed = validator.digests(record)
    assert digests[0] is not None and digests[1] is None
    (finding,) = failed
    assert finding.rule == "internal/error" and 'rule "house/bad-digest"' in finding.message
    assert "RuntimeError: plugin digest bug" in finding.message
