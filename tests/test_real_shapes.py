"""Records shaped like real published ones validate without errors (see real_shapes/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert import loads, validate
from convert.diagnostics import Severity

SHAPES = Path(__file__).resolve().parent / "real_shapes"


def errors(text: str, path: str) -> list[tuple[str, str, str]]:
    found = validate(loads(text, path=path))
    return [(d.rule, d.pointer, d.message) for d in found if d.severity is Severity.ERROR]


@pytest.mark.parametrize(
    "name",
    ["video-embed.md", "unscored-with-related.md", "download-sample.md", "older-generation.md"],
)
def test_front_matter_record_has_no_error(name: str) -> None:
    assert errors((SHAPES / name).read_text("utf-8"), name) == []


def test_a_download_records_actions_are_known_fields_held_to_their_shape() -> None:
    """``actions`` (a download record's file: url, type, title, attribution) is published in
    the aggregator sites' samples: no unknown-key warning, and a bad action is still named."""
    text = (SHAPES / "download-sample.md").read_text("utf-8")
    found = validate(loads(text, path="download-sample.md"))
    assert [d for d in found if d.rule == "frontmatter/unknown-key"] == []
    broken = text.replace('    type: "download"\n', '    typ: "download"\n', 1)
    broken = broken.replace('  - url: "https://community', '  - url: "//community', 1)
    rules = {(d.rule, d.pointer) for d in validate(loads(broken, path="broken.md"))}
    assert ("frontmatter/unknown-key", "/actions/0/typ") in rules
    assert ("schema/format", "/actions/0/url") in rules


@pytest.mark.parametrize("name", ["api-record.json", "api-label-highlight.json"])
def test_api_record_has_no_error(name: str) -> None:
    item = json.loads((SHAPES / name).read_text("utf-8"))
    assert errors(json.dumps(item, indent=1) + "\n", name) == []


def test_the_odd_values_are_really_there() -> None:
    """The cases keep the values the schema once rejected, so they keep testing them."""
    video = loads((SHAPES / "video-embed.md").read_text("utf-8")).meta
    unscored = loads((SHAPES / "unscored-with-related.md").read_text("utf-8")).meta
    assert video["featuredContent"].startswith("<iframe")
    assert unscored["heat"] == -1 and unscored["topics"] == [None]
    assert unscored["related"][0]["provider"]["name"] == "Example Blog"
    download = loads((SHAPES / "download-sample.md").read_text("utf-8")).meta
    assert download["type"] == "download" and "webUrl" not in download
    label = json.loads((SHAPES / "api-label-highlight.json").read_text("utf-8"))
    assert set(label["highlight"]) == {"text", "textColor", "backgroundColor"}
    older = loads((SHAPES / "older-generation.md").read_text("utf-8")).meta
    assert {"abstract", "sourceUrl", "ampUrl", "cdnAmpUrl"} <= set(older)
    assert not {"webUrl", "originalUrl", "excerpt"} & set(older)
    assert older["provider"]["id"] and older["images"][0]["focalRegion"]["x1"] == 1051


@pytest.mark.parametrize(
    ("extra", "pointer"),
    [
        ("heat: -2\n", "/heat"),
        ("featuredContent: 3\n", "/featuredContent"),
        ("topics: ['']\n", "/topics/0"),
        ("related: [{webUrl: not a url}]\n", "/related/0/webUrl"),
    ],
)
def test_loosened_fields_still_catch_wrong_values(extra: str, pointer: str) -> None:
    base = (
        (SHAPES / "video-embed.md")
        .read_text("utf-8")
        .replace("heat: 40\n", "")
        .replace("topics:\n  - Maps\n", "")
        .replace("featuredContent:", "x:")
    )
    text = base.replace("type: video\n", "type: video\n" + extra, 1)
    assert [e[1] for e in errors(text, "r.md")] == [pointer]
