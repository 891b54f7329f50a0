"""``artconv validate --format ...`` end to end: what CI systems and scripts actually receive."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

GOOD = (
    "---\ntitle: T\npublishedDateTime: 2020-02-20T20:00:00Z\n"
    'webUrl: "https://news.example.com/a"\n'
    "excerpt: E\nprovider: {name: P}\ntopics: [X]\nimages: [{url: /a.jpg}]\n---\nBody\n"
)
# Line 3, column 20: the bad date; and no excerpt, a warning for the whole file.
BAD = GOOD.replace("2020-02-20T20:00:00Z", '"yesterday"').replace("excerpt: E\n", "")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "posts" / "bad, 100%.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    # GITHUB_ACTIONS is removed unless a test sets it, so results do not depend on where the
    # suite runs (it is "true" on GitHub's runners).
    base: dict[str, str | None] = {"GITHUB_ACTIONS": None}
    return CliRunner().invoke(main, ["validate", *args], env={**base, **(env or {})})


def test_auto_is_text_outside_github_actions(tree: Path) -> None:
    result = invoke("posts")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("posts/bad, 100%.md:1:1: warning ")
    assert "posts/bad, 100%.md:3:20: error schema/format" in result.stdout
    assert "::error" not in result.stdout
    assert result.stderr.strip() == "1 error, 1 warning in 2 files"


def test_auto_is_github_under_github_actions(tree: Path) -> None:
    auto = invoke("posts", env={"GITHUB_ACTIONS": "true"})
    explicit = invoke("-f", "github", "posts")
    assert auto.exit_code == explicit.exit_code == 1
    assert auto.stdout == explicit.stdout
    warning, error = auto.stdout.splitlines()
    assert warning == (
        "::warning file=posts/bad%2C 100%25.md,line=1,col=1,title=schema/recommended::"
        'recommended field "excerpt" is missing or empty'
    )
    prefix = "::error file=posts/bad%2C 100%25.md,line=3,col=20,title=schema/format::"
    assert error.startswith(prefix)
    assert '"yesterday"' in error.removeprefix(prefix)
    # Annotations carry everything; no human summary is mixed into the log.
    assert auto.stderr == ""


def test_github_actions_other_values_mean_text(tree: Path) -> None:
    result = invoke("posts", env={"GITHUB_ACTIONS": "false"})
    assert "posts/bad, 100%.md:3:20: error" in result.stdout


def test_explicit_format_wins_over_the_environment(tree: Path) -> None:
    result = invoke("-f", "text", "posts", env={"GITHUB_ACTIONS": "true"})
    assert "::" not in result.stdout
    assert "posts/bad, 100%.md:3:20: error schema/format" in result.stdout


def test_json_output_shape(tree: Path) -> None:
    result = invoke("-f", "json", "posts")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(document) == ["version", "status", "summary", "diagnostics"]
    assert (document["version"], document["status"]) == (1, "fail")
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 1, "info": 0}
    error = document["diagnostics"][1]
    assert list(error) == [
        "path",
        "line",
        "column",
        "rule",
        "severity",
        "message",
        "pointer",
        "hint",
    ]
    assert (
        error["path"],
        error["line"],
        error["column"],
        error["rule"],
        error["severity"],
        error["pointer"],
    ) == ("posts/bad, 100%.md", 3, 20, "schema/format", "error", "/publishedDateTime")


def test_json_clean_run(tree: Path) -> None:
    result = invoke("-f", "json", "posts/good.md")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "version": 1,
        "status": "pass",
        "summary": {"files": 1, "errors": 0, "warnings": 0, "info": 0},
        "diagnostics": [],
    }


def _sarif(result: Result) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_sarif_output_lists_all_rules_and_one_result_per_finding(tree: Path) -> None:
    result = invoke("-f", "sarif", "posts")
    assert result.exit_code == 1
    document = _sarif(result)
    assert (document["version"], list(document)[:2]) == ("2.1.0", ["$schema", "version"])
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    from importlib.metadata import version

    assert (driver["name"], driver["version"]) == ("artconv", version("article-convert"))
    rules = {rule["id"]: rule for rule in driver["rules"]}
    # Rules that found nothing are listed too, with their documented level.
    assert rules["yaml/duplicate-key"]["defaultConfiguration"]["level"] == "error"
    assert rules["schema/recommended"]["defaultConfiguration"]["level"] == "warning"
    assert all(rule["shortDescription"]["text"] for rule in rules.values())
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("schema/recommended", "warning"),
        ("schema/format", "error"),
    ]
    for r in run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"]
    assert run["results"][1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "posts/bad%2C%20100%25.md"},
        "region": {"startLine": 3, "startColumn": 20},
    }


def test_sarif_to_a_file(tree: Path) -> None:
    result = invoke("-f", "sarif", "-o", "out.sarif", "posts")
    assert (result.exit_code, result.stdout) == (1, "")
    document = json.loads((tree / "out.sarif").read_text(encoding="utf-8"))
    assert len(document["runs"][0]["results"]) == 2
