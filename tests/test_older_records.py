"""Records of the older generation of the aggregator sites: their own field names are valid
input, and every reader finds in them what it finds in a current record."""

from __future__ import annotations

import io
import json
from pathlib import Path

import feedparser
import pytest

from convert import loads, validate
from convert.converters import get_converter
from convert.diagnostics import Diagnostic
from convert.record import OLDER_NAMES

ROOT = Path(__file__).resolve().parent.parent
OLDER = (ROOT / "tests" / "real_shapes" / "older-generation.md").read_text("utf-8")
FEED = {
    "feed_title": "T",
    "feed_link": "https://example.com/",
    "feed_url": "https://example.com/feed",
    "base_url": "https://www.example-news.com/",
}
LINK = "https://www.example-news.com/article/harbour-driverless-ferry-idUSKCN1QT1AB"


def _findings(text: str) -> list[tuple[str, str]]:
    return [(d.rule, d.pointer) for d in validate(loads(text, path="o.md"))]


def _feed(fmt: str, text: str) -> tuple[bytes, list[Diagnostic]]:
    out = io.BytesIO()
    found: list[Diagnostic] = []
    options = {} if fmt == "text" else dict(FEED)
    get_converter(fmt).write([loads(text, path="o.md")], out, emit=found.append, **options)
    return out.getvalue(), found


def test_an_older_record_is_clean() -> None:
    """Its link in sourceUrl, its excerpt in abstract, its AMP addresses under their older
    names, a provider id and the images' quality and focal region: nothing to report."""
    assert _findings(OLDER) == []


def test_the_schema_names_each_older_field_and_the_field_it_stands_for() -> None:
    document = json.loads((ROOT / "schemas" / "article.schema.json").read_text("utf-8"))
    declared = {
        name: spec["x-older-name-of"]
        for name, spec in document["properties"].items()
        if "x-older-name-of" in spec
    }
    assert declared == {older: current for current, older in OLDER_NAMES.items()}
    assert all(document["properties"][name].get("deprecated") for name in declared)


def test_the_older_excerpt_counts_as_the_recommended_one() -> None:
    assert ("schema/recommended", "") in _findings(OLDER.replace("abstract:", "other:", 1))


@pytest.mark.parametrize(
    ("replace", "by", "found"),
    [
        ("sourceUrl:", "source:", ("schema/required", "")),  # no link at all
        ("ampUrl: https://", "ampUrl: not a url ", ("schema/format", "/ampUrl")),
        ("sourceUrl: https:", "sourceUrl: ftp:", ("consistency/web-address", "/sourceUrl")),
    ],
)
def test_older_fields_are_still_checked(replace: str, by: str, found: tuple[str, str]) -> None:
    assert found in _findings(OLDER.replace(replace, by, 1))


def test_an_older_amp_address_of_another_site_is_reported() -> None:
    text = OLDER.replace("ampUrl: https://mobile.example-news.com", "ampUrl: https://other.org")
    assert _findings(text) == [("consistency/amp-url", "/ampUrl")]


def test_a_current_web_url_wins_over_the_source_url() -> None:
    """In a current record sourceUrl is the address of its page in the sites' JSON API."""
    text = OLDER.replace("type:", 'webUrl: "https://example.com/current"\ntype:', 1)
    for fmt in ("rss", "atom", "jsonfeed"):
        data, found = _feed(fmt, text)
        assert found == [] and b"https://example.com/current" in data
        assert LINK.encode() not in data


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed"])
def test_feeds_link_to_the_source_url_and_describe_with_the_abstract(fmt: str) -> None:
    data, found = _feed(fmt, OLDER)
    assert found == []
    if fmt == "jsonfeed":
        item = json.loads(data)["items"][0]
        link, summary = item["url"], item["summary"]
    else:
        entry = feedparser.parse(data).entries[0]
        link, summary = entry.link, entry.summary
    assert link == LINK
    assert summary.startswith("A small electric ferry crossed the harbour")


def test_an_abstract_does_not_replace_an_excerpt() -> None:
    text = OLDER.replace("abstract:", "excerpt: The current one.\nabstract:", 1)
    data, _ = _feed("jsonfeed", text)
    assert json.loads(data)["items"][0]["summary"] == "The current one."


def test_cleaned_text_of_an_older_record_holds_its_abstract() -> None:
    text = _feed("text", OLDER)[0].decode()
    assert text.startswith("Harbour city tests a driverless ferry")
    assert "A small electric ferry crossed the harbour" in text


@pytest.mark.parametrize("written", ["webUrl: null\n", "originalUrl: null\n", 'webUrl: ""\n'])
def test_a_current_record_without_its_link_does_not_take_its_api_address(written: str) -> None:
    """Current records write webUrl and originalUrl, null when empty; their sourceUrl is the
    address of their page in the sites' JSON API. Only a record that writes neither key is of
    the older generation, whose sourceUrl is the article's address."""
    text = OLDER.replace("type:", written + "type:", 1)
    assert any(rule.startswith("schema/") for rule, _ in _findings(text))
    data, found = _feed("rss", text)
    assert LINK.encode() not in data
    assert [d.rule for d in found if d.rule == "convert/incomplete"] == ["convert/incomplete"]


def test_an_empty_excerpt_gives_way_to_the_abstract_as_the_recommended_check_says() -> None:
    text = OLDER.replace("abstract:", 'excerpt: ""\nabstract:', 1)
    assert _findings(text) == []
    data, _ = _feed("jsonfeed", text)
    assert json.loads(data)["items"][0]["summary"].startswith("A small electric ferry")
