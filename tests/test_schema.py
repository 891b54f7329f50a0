"""The article schema: what it accepts, what it reports, and that the packaged copy is it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from convert import loads, validate
from convert.errors import SchemaError
from convert.schema import load_schema, packaged_names

ROOT = Path(__file__).resolve().parent.parent

BASE = (
    "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
    'webUrl: "https://example.com/a"\n'
    "excerpt: E\nprovider: {name: P}\ntopics: [X]\nimages: [{url: /a.jpg}]\n"
)


def findings(extra: str = "", base: str = BASE) -> list[tuple[str, int | None, str]]:
    record = loads(base + extra + "---\n", path="r.md")
    return [(d.rule, d.line, d.message) for d in validate(record)]


def test_packaged_schema_is_the_source_of_truth_byte_for_byte() -> None:
    source = (ROOT / "schemas" / "article.schema.json").read_bytes()
    packaged = (resources.files("convert") / "schemas" / "article.schema.json").read_bytes()
    assert packaged == source
    assert packaged_names() == ["article"]


def test_schema_is_draft_2020_12_and_metaschema_valid() -> None:
    import jsonschema

    document = json.loads((ROOT / "schemas" / "article.schema.json").read_text())
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


def test_minimal_record_is_clean() -> None:
    assert findings() == []


@pytest.mark.parametrize(
    "value", ["2020-02-20T20:00:00+05:30", "2020-02-29T00:00:00Z", "2020-02-20T20:00:00.123Z"]
)
def test_good_dates(value: str) -> None:
    base = BASE.replace("2020-02-20T20:00:00Z", value)
    assert findings(base=base) == []


@pytest.mark.parametrize(
    "value",
    [
        "2021-02-29T00:00:00Z",
        "2020-02-20T20:00:00",
        "2020-02-20",
        "20 Feb 2020",
        "2020-02-20T25:00:00Z",
    ],
)
def test_bad_dates_are_reported(value: str) -> None:
    base = BASE.replace("2020-02-20T20:00:00Z", value)
    assert [f[0] for f in findings(base=base)] == ["schema/format"]


@pytest.mark.parametrize("value", ["/news/a", "www.example.com/a", "example.com", "https://x y"])
def test_non_absolute_links_are_reported(value: str) -> None:
    base = BASE.replace('"https://example.com/a"', f'"{value}"')
    (finding,) = findings(base=base)
    assert finding[:2] == ("schema/format", 4)


def test_relative_image_urls_are_legal() -> None:
    assert findings(base=BASE.replace("/a.jpg", "/assets/images/x-50x50.jpg")) == []


def test_null_optional_values_are_accepted() -> None:
    extra = (
        "updatedDateTime: null\nampWebUrl: null\ncategory: null\nquality: null\n"
        "highlight: null\ncontent: null\nlocale: null\n"
    )
    assert findings(extra) == []


def test_quality_and_heat_are_not_capped() -> None:
    assert findings("quality: 100\nheat: 12345\n") == []
    assert findings("heat: -1\n") == []  # real records mark an unscored item so
    assert [f[0] for f in findings("heat: -2\n")] == ["schema/minimum"]
    assert [f[0] for f in findings("quality: -1\n")] == ["schema/minimum"]


def test_video_needs_original_url_instead_of_web_url() -> None:
    base = BASE.replace('webUrl: "https://example.com/a"\n', "type: video\n")
    assert [f[2] for f in findings(base=base)] == ['missing required field "originalUrl"']
    assert findings('originalUrl: "https://v.example.com/1"\n', base=base) == []


def test_an_item_other_than_a_video_may_link_with_original_url_alone() -> None:
    """A downloadable sample carries only originalUrl, which the feeds link to."""
    base = BASE.replace('webUrl: "https://example.com/a"\n', "type: download\n")
    assert findings('originalUrl: "https://example.com/app"\n', base=base) == []
    assert [f[2] for f in findings(base=base)] == ['missing required field "webUrl"']


def test_the_link_is_a_string_not_null() -> None:
    """A record whose only link is null has no link: the feeds leave it out."""
    base = BASE.replace('"https://example.com/a"', "null")
    assert [f[:2] for f in findings(base=base)] == [("schema/type", 4)]
    assert findings('originalUrl: "https://example.com/a"\n', base=base) == []
    video = BASE.replace('webUrl: "https://example.com/a"\n', "type: video\n")
    assert [f[0] for f in findings("originalUrl: null\n", base=video)] == ["schema/type"]


def test_highlight_may_be_a_label_object() -> None:
    label = "highlight: {text: Opinion, textColor: '#FFFFFF', backgroundColor: '#0015BC'}\n"
    assert findings(label) == []
    assert [f[0] for f in findings("highlight: {text: 3}\n")] == ["schema/type"]
    assert [f[0] for f in findings("highlight: 3\n")] == ["schema/type"]


def test_related_items_may_carry_a_source_url() -> None:
    assert findings('related: [{title: R, sourceUrl: "https://example.org/r"}]\n') == []
    assert [f[0] for f in findings("related: [{sourceUrl: not a url}]\n")] == ["schema/format"]


@pytest.mark.parametrize("title", ['" "', '"\\t\\u3000"'])
def test_a_blank_title_is_reported(title: str) -> None:
    """A feed leaves out an item whose title is only white space: validation says so first."""
    base = BASE.replace("title: T", f"title: {title}")
    assert [f[:2] for f in findings(base=base)] == [("schema/pattern", 2)]
    assert findings(base=BASE.replace("title: T", 'title: " T "')) == []


def test_missing_required_is_an_error_and_recommended_a_warning() -> None:
    record = loads("---\ntitle: T\n---\n")
    result = {(d.rule, d.severity.label) for d in validate(record)}
    assert ("schema/required", "error") in result
    assert ("schema/recommended", "warning") in result


def test_user_schema_for_another_corpus(tmp_path: Path) -> None:
    schema = tmp_path / "jekyll.schema.json"
    schema.write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "required": ["layout", "date"],
                "properties": {
                    "layout": {"enum": ["post", "page"]},
                    "date": {"type": "string", "format": "date"},
                },
            }
        )
    )
    good = loads("---\nlayout: post\ndate: 2024-01-31\n---\n")
    bad = loads("---\nlayout: poster\ndate: 2024-02-31\n---\n")
    assert validate(good, schema=str(schema)) == []
    assert sorted(d.rule for d in validate(bad, schema=str(schema))) == [
        "schema/enum",
        "schema/format",
    ]


@pytest.mark.parametrize("content", ["{not json", '{"type": "strin"}', "[1, 2]"])
def test_broken_user_schema_is_a_fatal_error(tmp_path: Path, content: str) -> None:
    schema = tmp_path / "bad.json"
    schema.write_text(content)
    with pytest.raises(SchemaError, match=r"bad\.json"):
        load_schema(str(schema))


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("deep.json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep.yaml", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep.json", '{"items": ' * 900 + "{}" + "}" * 900, "Recursion limit"),
    ],
)
def test_a_user_schema_nested_too_deeply_is_a_fatal_error(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    schema = tmp_path / name
    schema.write_text(text)
    with pytest.raises(SchemaError, match=rf"{name.replace('.', '[.]')}.*{message}"):
        load_schema(str(schema))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda here: (here / "schemas").mkdir(), "Is a directory"),
        (lambda here: None, "No such file or directory"),
    ],
)
def test_a_schema_that_cannot_be_read_is_said_as_a_missing_input_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, reason: str
) -> None:
    """In the system's words, as ``cannot read the file: No such file or directory`` is for
    an input: no ``[Errno 21]`` and no repeated path."""
    from click.testing import CliRunner

    from convert.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("---\ntitle: T\n---\nBody\n")
    make(tmp_path)  # type: ignore[operator]
    result = CliRunner().invoke(main, ["validate", "--schema", "schemas", "a.md"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot read schema schemas: {reason}\n"
