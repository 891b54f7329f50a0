"""The reporters on hand-made reports: exact shapes, escaping, SARIF requirements and limits."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

from convert import reporters
from convert.diagnostics import Diagnostic, Report, Severity

ERROR = Diagnostic(
    "posts/a.md",
    5,
    20,
    "schema/format",
    Severity.ERROR,
    '"publishedDateTime" is not a valid date-time',
    "/publishedDateTime",
    "use RFC 3339",
)
WARNING = Diagnostic(
    "posts/a.md",
    None,
    None,
    "schema/recommended",
    Severity.WARNING,
    'recommended field "excerpt" is missing or empty',
)
NOTE = Diagnostic(
    "posts/b.md", 2, 1, "consistency/dates", Severity.INFO, "updated equals published"
)


def report(*diagnostics: Diagnostic, files: int = 2) -> Report:
    return Report(list(diagnostics), files=files)


# --- text ---------------------------------------------------------------------------------


def test_text_is_one_sorted_line_per_finding_with_whole_file_at_1_1() -> None:
    assert reporters.render_text(report(NOTE, ERROR, WARNING)) == (
        'posts/a.md:1:1: warning schema/recommended recommended field "excerpt" is missing '
        "or empty\n"
        'posts/a.md:5:20: error schema/format "publishedDateTime" is not a valid date-time '
        "(hint: use RFC 3339)\n"
        "posts/b.md:2:1: info consistency/dates updated equals published\n"
    )


def test_text_shows_control_characters_never_sends_them_to_the_terminal() -> None:
    """A value or file name holding ESC sequences (YAML writes one as "\\e") would recolour,
    retitle or clear the reader's terminal; bidirectional overrides would reorder what the
    reader sees. Each is shown as its escape; tabs and the text around them stay."""
    d = Diagnostic(
        "in\x1b[2Jdex.md",
        1,
        1,
        "x/y",
        Severity.WARNING,
        'unknown field "\x1b[31mred\x1b[0m" \x07\x9b\x7f \u202eevil\u2066 \u2028 a\tb é',
    )
    line = reporters.render_text(report(d))
    assert line == (
        "in\\x1b[2Jdex.md:1:1: warning x/y unknown field "
        '"\\x1b[31mred\\x1b[0m" \\x07\\x9b\\x7f \\u202eevil\\u2066 \\u2028 a\tb é\n'
    )


def test_text_keeps_a_multi_line_message_on_one_line() -> None:
    d = Diagnostic("a.md", 1, 1, "x/y", Severity.ERROR, "bad value: 'a\nb\r\nc'")
    assert reporters.render_text(report(d)) == "a.md:1:1: error x/y bad value: 'a\\nb\\r\\nc'\n"


def test_summary_line_counts_and_plurals() -> None:
    assert reporters.summary_line(report(ERROR, WARNING, files=1)) == (
        "1 error, 1 warning in 1 file"
    )
    other_error = ERROR.replace(line=(ERROR.line or 0) + 1)
    assert reporters.summary_line(report(ERROR, other_error, NOTE, files=3)) == (
        "2 errors, 0 warnings, 1 note in 3 files"
    )
    # An exact repeat is printed once, so it is counted once.
    assert reporters.summary_line(report(ERROR, ERROR, files=1)) == (
        "1 error, 0 warnings in 1 file"
    )


# --- json ---------------------------------------------------------------------------------


def test_json_shape_is_exact_and_stable() -> None:
    document = json.loads(reporters.render_json(report(NOTE, ERROR, WARNING)))
    assert list(document) == ["version", "status", "summary", "diagnostics"]
    assert document["version"] == reporters.JSON_SHAPE_VERSION == 1
    assert document["status"] == "fail"
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 1, "info": 1}
    assert [list(d) for d in document["diagnostics"]] == [
        ["path", "line", "column", "rule", "severity", "message", "pointer", "hint"]
    ] * 3
    assert document["diagnostics"][0] == {
        "path": "posts/a.md",
        "line": None,
        "column": None,
        "rule": "schema/recommended",
        "severity": "warning",
        "message": 'recommended field "excerpt" is missing or empty',
        "pointer": "",
        "hint": "",
    }
    assert document["diagnostics"][1] == {
        "path": "posts/a.md",
        "line": 5,
        "column": 20,
        "rule": "schema/format",
        "severity": "error",
        "message": '"publishedDateTime" is not a valid date-time',
        "pointer": "/publishedDateTime",
        "hint": "use RFC 3339",
    }
    assert document["diagnostics"][2]["severity"] == "info"


def test_json_status_follows_strict() -> None:
    warned = report(WARNING)
    assert json.loads(reporters.render_json(warned))["status"] == "pass"
    assert json.loads(reporters.render_json(warned, strict=True))["status"] == "fail"
    assert json.loads(reporters.render_json(report()))["diagnostics"] == []


def test_json_of_a_file_name_that_is_no_utf8_is_utf8_and_keeps_the_name() -> None:
    """A name of bytes that are no UTF-8 (``caf\\xe9.md``, decoded with lone surrogates) is
    shown with U+FFFD in ``path`` and given exactly, percent-encoded, in ``rawPath``; every
    other string loses its lone surrogates the same way. The document is UTF-8 throughout."""
    from urllib.parse import unquote_to_bytes

    odd = Diagnostic(
        "posts/caf\udce9 x%.md", 1, 1, "yaml/syntax", Severity.ERROR, "bad \ud800 here"
    )
    text = reporters.render_json(report(odd, ERROR))
    text.encode("utf-8")  # strict: no lone surrogate is left to write
    second, first = json.loads(text)["diagnostics"]  # sorted: posts/a.md first
    assert list(first) == [
        "path", "rawPath", "line", "column", "rule", "severity", "message", "pointer", "hint"
    ]  # fmt: skip
    assert first["path"] == "posts/caf\ufffd x%.md"
    assert first["rawPath"] == "posts/caf%E9%20x%25.md"
    assert unquote_to_bytes(first["rawPath"]) == b"posts/caf\xe9 x%.md"
    assert first["message"] == "bad \ufffd here"
    assert "rawPath" not in second  # a name that is UTF-8 is only ever in "path"


def test_readable_path_gives_a_raw_path_only_for_a_name_that_is_no_utf8() -> None:
    """The one answer the JSON report and the JSON converters share."""
    assert reporters.readable_path("posts/é.md") == ("posts/é.md", None)
    assert reporters.readable_path("posts/caf\udcff.md") == (
        "posts/caf\ufffd.md",
        "posts/caf%FF.md",
    )
    # A lone surrogate os.fsdecode never makes stands for no byte: shown, never guessed.
    assert reporters.readable_path("a\ud800.md") == ("a\ufffd.md", None)


# --- github -------------------------------------------------------------------------------


def test_github_commands_per_severity() -> None:
    assert reporters.render_github(report(NOTE, ERROR, WARNING)).splitlines() == [
        "::warning file=posts/a.md,line=1,col=1,title=schema/recommended::recommended field "
        '"excerpt" is missing or empty',
        '::error file=posts/a.md,line=5,col=20,title=schema/format::"publishedDateTime" is '
        "not a valid date-time (hint: use RFC 3339)",
        "::notice file=posts/b.md,line=2,col=1,title=consistency/dates::updated equals published",
    ]


def test_github_escapes_data_and_properties() -> None:
    d = Diagnostic(
        "dir,1/a:b%.md", 3, 4, "my:rule,x", Severity.ERROR, "100% wrong\r\n::error::injected"
    )
    (line,) = reporters.render_github(report(d)).splitlines()
    assert line == (
        "::error file=dir%2C1/a%3Ab%25.md,line=3,col=4,title=my%3Arule%2Cx::"
        "100%25 wrong%0D%0A::error::injected"
    )


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("%0A", "%250A", "%250A"),  # an escape-looking text is escaped, not passed through
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("\n", "%0A", "%0A"),
        ("\r", "%0D", "%0D"),
    ],
)
def test_escape_rules(raw: str, data: str, prop: str) -> None:
    from convert.reporters import github  # loaded lazily: imported here, whatever ran first

    assert github._escape_data(raw) == data
    assert github._escape_property(raw) == prop


# --- auto ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"GITHUB_ACTIONS": "true"}, "github"),
        ({"GITHUB_ACTIONS": "false"}, "text"),
        ({"CI": "true"}, "text"),
        ({}, "text"),
    ],
)
def test_auto_picks_github_only_under_actions(env: dict[str, str], expected: str) -> None:
    assert reporters.resolve_format("auto", env) == expected
    assert reporters.resolve_format("json", env) == "json"


# --- sarif --------------------------------------------------------------------------------

RULE_DOCS = {
    "schema/format": ("Values must match their format.", Severity.ERROR),
    "schema/recommended": ("Recommended fields should be present.", Severity.WARNING),
    "frontmatter/missing": ("The file needs front matter.", Severity.ERROR),
}


def sarif(rep: Report, **options: Any) -> dict[str, Any]:
    text = reporters.render_sarif(rep, **options)
    document: dict[str, Any] = json.loads(text)
    return document


def assert_sarif_required(document: dict[str, Any]) -> None:
    """The properties SARIF 2.1.0 requires, plus what GitHub code scanning needs to show a
    result (ruleId, level, message.text, a physical location with uri, startLine)."""
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(document["runs"], list)
    assert 1 <= len(document["runs"]) <= reporters.SARIF_MAX_RUNS
    for run in document["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "artconv"
        rules = driver["rules"]
        assert len(rules) <= reporters.SARIF_MAX_RULES
        ids = [rule["id"] for rule in rules]
        assert len(ids) == len(set(ids))
        for rule in rules:
            assert rule["shortDescription"]["text"]
            assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert len(run["results"]) <= reporters.SARIF_MAX_RESULTS
        for result in run["results"]:
            assert result["ruleId"] in ids
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in {"error", "warning", "note"}
            assert result["message"]["text"]
            assert 1 <= len(result["locations"]) <= reporters.SARIF_MAX_LOCATIONS
            for location in result["locations"]:
                physical = location["physicalLocation"]
                assert physical["artifactLocation"]["uri"]
                assert physical["region"]["startLine"] >= 1
                assert physical["region"]["startColumn"] >= 1


def test_sarif_document_has_the_required_properties() -> None:
    document = sarif(report(NOTE, ERROR, WARNING), rule_docs=RULE_DOCS, version="1.2.3")
    assert_sarif_required(document)
    (run,) = document["runs"]
    assert run["tool"]["driver"]["version"] == "1.2.3"
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_list_every_documented_rule_with_its_default_level() -> None:
    (run,) = sarif(report(ERROR, NOTE), rule_docs=RULE_DOCS)["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert sorted(rules) == [
        "consistency/dates",
        "frontmatter/missing",
        "schema/format",
        "schema/recommended",
    ]
    assert rules["schema/recommended"]["shortDescription"]["text"] == (
        "Recommended fields should be present."
    )
    assert rules["schema/recommended"]["defaultConfiguration"]["level"] == "warning"
    assert rules["frontmatter/missing"]["defaultConfiguration"]["level"] == "error"
    # Not documented: described from its id, level from what it found.
    assert rules["consistency/dates"]["defaultConfiguration"]["level"] == "note"


def test_sarif_one_result_per_finding_with_region() -> None:
    (run,) = sarif(report(NOTE, ERROR, WARNING), rule_docs=RULE_DOCS)["runs"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("schema/recommended", "warning"),
        ("schema/format", "error"),
        ("consistency/dates", "note"),
    ]
    located = run["results"][1]
    assert located["message"]["text"] == (
        '"publishedDateTime" is not a valid date-time (hint: use RFC 3339)'
    )
    assert located["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "posts/a.md"},
                "region": {"startLine": 5, "startColumn": 20},
            }
        }
    ]
    assert located["properties"] == {"pointer": "/publishedDateTime"}
    assert "invocations" not in run


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("./posts/a b.md", "posts/a%20b.md"),
        ("posts/100%.md", "posts/100%25.md"),
        ("a:b.md", "a%3Ab.md"),  # a relative reference may not look like a scheme
        ("/srv/site/a.md", "file:///srv/site/a.md"),
        ("C:/site/a.md", "file:///C:/site/a.md"),
    ],
)
def test_sarif_uris(path: str, uri: str) -> None:
    d = Diagnostic(path, 1, 1, "x/y", Severity.ERROR, "m")
    (run,) = sarif(report(d))["runs"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri


def test_sarif_respects_code_scanning_limits_and_keeps_the_most_severe() -> None:
    # More findings than a run may hold; the errors are in the *last* files, so cutting the
    # sorted list would lose them all.
    extra = 1_000
    warnings = [
        Diagnostic(
            f"a/{i:05}.md",
            1,
            1,
            "schema/recommended",
            Severity.WARNING,
            'recommended field "excerpt" is missing or empty ' + "x" * 200,
        )
        for i in range(reporters.SARIF_MAX_RESULTS)
    ]
    errors = [
        Diagnostic(f"z/{i:05}.md", 3, 7, "schema/format", Severity.ERROR, "bad date")
        for i in range(extra)
    ]
    text = reporters.render_sarif(report(*warnings, *errors, files=26_000), rule_docs=RULE_DOCS)
    document = json.loads(text)
    assert_sarif_required(document)
    (run,) = document["runs"]
    results = run["results"]
    assert len(results) == reporters.SARIF_MAX_RESULTS
    assert sum(r["level"] == "error" for r in results) == extra
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris == sorted(uris)  # still in path order
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith(f"{extra} less severe findings left out")
    # Uploads are limited by their gzip-compressed size.
    assert len(gzip.compress(text.encode("utf-8"))) < reporters.SARIF_MAX_UPLOAD_BYTES


def test_render_dispatches_by_name() -> None:
    rep = report(ERROR)
    for name in ("text", "json", "github", "sarif"):
        assert reporters.render(name, rep) == reporters.RENDERERS[name](rep)
    assert set(reporters.RENDERERS) | {"auto"} == set(reporters.FORMATS)  # every --format
