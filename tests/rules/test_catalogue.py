"""The catalogue of finding kinds: complete, declared once, and what --select/--ignore obey."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jsonschema_rs
import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.diagnostics import FindingKind, Severity
from convert.errors import ConfigError
from convert.rules import catalog
from convert.rules.catalogue import (
    CONVERT_IMPORT_MODULES,
    SCHEMA_FAMILY,
    VALIDATION_MODULES,
    declared,
    every_kind,
    expand,
)
from convert.rules.schema_rules import SCHEMA_KEYWORDS
from convert.validation import Policy, Validator
from tests.rules.conftest import EMITTED

PACKAGE = Path(__file__).resolve().parents[2] / "convert"
ID_SHAPE = re.compile(r"[a-z]+/[a-z][a-z0-9-]*")


def catalogued_ids() -> set[str]:
    return expand(kind.id for kind in every_kind())


def test_every_module_that_declares_findings_is_read() -> None:
    declaring = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        if "FINDINGS" in names:
            module = path.relative_to(PACKAGE.parent).with_suffix("").as_posix()
            declaring.add(module.replace("/", ".").removesuffix(".__init__"))
    assert declaring == set(VALIDATION_MODULES + CONVERT_IMPORT_MODULES)


def test_each_kind_is_declared_once_with_a_level_and_one_line() -> None:
    kinds = every_kind()
    ids = [kind.id for kind in kinds]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for kind in kinds:
        assert kind.id == SCHEMA_FAMILY or ID_SHAPE.fullmatch(kind.id), kind.id
        assert isinstance(kind.severity, Severity)
        assert kind.summary.endswith(".") and "\n" not in kind.summary, kind.id


def test_the_validator_catalogue_leaves_out_convert_and_import() -> None:
    validation = {kind.id for kind in catalog()}
    everything = {kind.id for kind in every_kind()}
    others = {kind.id for kind in declared(CONVERT_IMPORT_MODULES)}
    assert validation | others == everything and not validation & others
    assert {"convert/relative-url", "import/no-date"} <= others
    assert {"file/encoding", "internal/error", "yaml/boolean-word", SCHEMA_FAMILY} <= validation


def test_schema_keywords_are_the_kinds_the_schema_validator_reports() -> None:
    """One keyword per kind of error jsonschema-rs has: a new kind fails here until listed."""
    renamed = {"Constant": "const", "OneOfMultipleValid": "oneOf", "OneOfNotValid": "oneOf"}
    kinds = {
        renamed.get(name, name[0].lower() + name[1:])
        for name in dir(jsonschema_rs.ValidationErrorKind)
        if not name.startswith("_")
        and isinstance(getattr(jsonschema_rs.ValidationErrorKind, name), type)
    }
    assert kinds == set(SCHEMA_KEYWORDS)


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"type": "string"}, 1),
        ({"dependentRequired": {"a": ["b"]}}, {"a": 1}),
        ({"additionalProperties": False}, {"a": 1}),
        ({"oneOf": [{}, {}]}, 1),
        ({"minContains": 2, "contains": {}}, [1]),
        ({"propertyNames": {"maxLength": 1}}, {"ab": 1}),
    ],
)
def test_schema_findings_are_named_after_a_catalogued_keyword(
    schema: object, instance: object
) -> None:
    validator = jsonschema_rs.validator_for(schema)
    names = {error.kind.name for error in validator.iter_errors(instance)}
    assert names and names <= set(SCHEMA_KEYWORDS)


def test_every_emission_site_in_the_source_names_a_catalogued_id() -> None:
    """Ids written as literals anywhere in the package, in one of our families."""
    known = catalogued_ids()
    families = {rule_id.split("/", 1)[0] for rule_id in known}
    literal = re.compile(r'"([a-z]+/[a-z][a-z0-9-]*)"')
    unknown = {
        f"{path.relative_to(PACKAGE.parent)}: {match}"
        for path in PACKAGE.rglob("*.py")
        for match in literal.findall(path.read_text(encoding="utf-8"))
        if match.split("/", 1)[0] in families and match not in known
    }
    assert unknown == set()


@pytest.mark.parametrize(
    ("pattern", "nearest"),
    [
        ("convert/relativ-url", "convert/relative-url"),
        ("schema/minlength", "schema/minLength"),
        ("yaml/duplicate-keys", "yaml/duplicate-key"),
        ("imports", "import"),
    ],
)
def test_a_typo_in_ignore_is_a_usage_error_naming_the_nearest_id(
    pattern: str, nearest: str, tmp_path: Path
) -> None:
    record = tmp_path / "post.md"
    record.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--ignore", pattern, str(record)])
    assert result.exit_code == 2
    assert f'unknown rule {pattern!r}; did you mean "{nearest}"?' in result.stderr


def test_a_typo_in_the_config_stops_convert_without_validate(tmp_path: Path) -> None:
    (tmp_path / "artconv.toml").write_text('ignore = ["convert/relativ-url"]\n', encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "convert",
            "--to",
            "jsonl",
            "--config",
            str(tmp_path / "artconv.toml"),
            str(tmp_path / "post.md"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert 'did you mean "convert/relative-url"?' in result.stderr


@pytest.mark.parametrize(
    "policy",
    [
        Policy(ignore=("convert/relative-url", "import/no-date")),
        Policy(select=("schema/minLength", "schema", "convert")),
        Policy(levels={"file/bom": Severity.ERROR, "yaml": None}),
    ],
)
def test_catalogued_ids_and_families_are_accepted(policy: Policy) -> None:
    Validator(policy=policy)


def test_a_plugin_rule_id_is_accepted_when_the_plugin_is_in_use() -> None:
    class House:
        """Titles should not shout."""

        id = "house/no-shouting"
        default_severity = Severity.WARNING

        def check(self, record: object, context: object) -> list[object]:
            return []

    Validator(policy=Policy(ignore=("house/no-shouting",)), rules=[House()])
    with pytest.raises(ConfigError, match="unknown rule 'house/no-shouting'"):
        Validator(policy=Policy(ignore=("house/no-shouting",)))


def test_rules_lists_every_kind_and_sarif_the_validators() -> None:
    listed = CliRunner().invoke(main, ["rules"]).stdout
    for kind in every_kind():
        assert kind.id in listed
    assert isinstance(catalog()[0], FindingKind)
    verbose = CliRunner().invoke(main, ["rules", "-v"]).stdout
    listed_keywords = re.search(r"keywords: (.*?)\n\S", verbose, re.DOTALL)
    assert listed_keywords is not None
    assert all(keyword in listed_keywords[1] for keyword in SCHEMA_KEYWORDS)


def test_every_id_emitted_in_the_suite_is_catalogued() -> None:
    """Runs last (see conftest): every finding any test made has a catalogued id."""
    if not EMITTED:
        pytest.skip("run with the rest of the suite: no finding was made before this test")
    known = catalogued_ids()
    # rules and a converter of the tests
    test_plugins = {"house/no-shouting", "house/bad-digest", "upper/shout"}
    unknown = {
        rule: where
        for rule, where in EMITTED.items()
        if rule not in known and rule not in test_plugins
    }
    assert unknown == {}
