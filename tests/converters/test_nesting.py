"""Markup nested deeper than browsers nest it: found in one pass, before the sanitiser parses it.

The sanitiser's HTML parser spends time on the square of the nesting depth (20,000 nested
``<div>`` took seconds, 200,000 minutes). These tests hold the count to what the parser builds:
never less for any shape tried (the shapes that made the parser slow among them), and close to
it for the markup articles are written in.
"""

from __future__ import annotations

import json
import random
import re

import nh3
import pytest

from convert.content import MAX_DEPTH, NestingError, article_html, too_nested
from convert.diagnostics import Severity

FEEDS = ["rss", "atom", "jsonfeed"]
OPTIONS = {"feed_title": "T", "feed_link": "https://example.com/", "feed_url": "https://e.x/f"}

# Shapes the parser nests deeper with every repeat; each made it take seconds at 20,000 repeats.
HOSTILE = {
    "div": "<div>" * 600,
    "closed divs": "<div>" * 600 + "x" + "</div>" * 600,
    "self-closing div": "<div/>" * 600,  # "/>" closes nothing on an HTML element
    "list items": "<ul><li>" * 300,
    "quotes": "<blockquote>\n" * 600,
    "adoption agency": "<b><div></b>" * 300,  # </b> moves the b under the div: no shallower
    "form end tag": "<form><div></form>" * 600,  # </form> takes the form out alone
    "object scope": "<div>" + "<object></div>" * 600,  # </div> cannot reach past the object
    "cells outside a table": "<td><div></td>" * 600,  # neither tag of the cell is read
    "script escapes": "<div><script><!--<script></script></div></script>" * 600,
    "breakout from svg": "<svg>" + "<div/>" * 600,
    "unterminated quote": "<div>" + '<a b=x" c="d>z</a></div>"><div>' * 600,
    "copied formatting": "".join(f"<p><b id={i}>x</p>" for i in range(600)),
}

# Shapes articles are written in, repeated far past the bound: open and closed as the parser
# closes them, so none is deep.
ORDINARY = {
    "unclosed paragraphs": "<p>a" * 2000,
    "unclosed list items": "<ul>" + "<li><p>a" * 2000 + "</ul>",
    "unclosed cells": "<table>" + "<tr><td>a<td>b" * 2000 + "</table>",
    "definitions": "<dl>" + "<dt>a<dd>b" * 2000 + "</dl>",
    "bold left open in paragraphs": "<p><b>x" * 2000,
    "font left open in blocks": "<div><font size=2>x</div>" * 2000,
    "bold left open in cells": "<table><tr>" + "<td><b>x</td>" * 2000,
    "headings": "<h1>a<h2>b" * 2000,
    "void elements": "a<br><img src=x/><hr>" * 2000,
    "svg drawing": "<svg>" + "<path d='M0'/>" * 3000 + "</svg>",
    "scripts": "<script>if (a<b) { x = '<div>' }</script>" * 2000,
    "comments": "<!-- <div> -->" * 2000,
    "raw text": "<textarea><div></textarea><noscript><div></noscript>" * 2000,
    "angle brackets in attributes": "<p title='<div>'>x</p>" * 2000,
}


@pytest.mark.parametrize("shape", HOSTILE)
def test_markup_nested_past_the_bound_is_found(shape: str) -> None:
    problem = too_nested(HOSTILE[shape])
    assert problem is not None
    assert problem.depth > MAX_DEPTH or "copied" in str(problem)


@pytest.mark.parametrize("shape", ORDINARY)
def test_long_markup_that_nests_shallow_passes(shape: str) -> None:
    assert too_nested(ORDINARY[shape]) is None


def test_the_bound_is_the_depth_browsers_build() -> None:
    assert too_nested("<div>" * MAX_DEPTH + "x" + "</div>" * MAX_DEPTH) is None
    assert too_nested("<div>" * (MAX_DEPTH + 1) + "x") is not None


_VOCABULARY = [
    *("div", "p", "b", "i", "a", "li", "ul", "ol", "dd", "dt", "dl", "table", "tr", "td", "th"),
    *("tbody", "span", "em", "h1", "h2", "blockquote", "object", "button", "form", "select"),
    *("option", "pre", "caption", "font", "nobr", "u", "code", "s", "small", "strong", "sub"),
]
_FOREIGN = ["svg", "path", "g", "math", "mi", "mtext", "foreignobject", "desc"]
_ODD = [
    "<script><!--<script></script></div></script>",
    "<textarea><div></textarea>",
    "<!-- <div> -->",
    "<!-->",
    "</>",
    "<p title='>'>",
    "<body>",
    "</body>",
    '<a b=x" c="d>',
]
_VOID_OUT = {"br", "img", "hr", "col", "wbr"}
_KEEP_ALL = nh3.Cleaner(
    tags=set(_VOCABULARY) | set(_FOREIGN) | _VOID_OUT,
    clean_content_tags=set(),
    attributes={"*": {"id"}},
    strip_comments=True,
    link_rel=None,
)


def _parsed_depth(markup: str) -> int:
    """How deep the sanitiser's own parser nests ``markup``: its serialised tree, measured."""
    depth = deepest = 0
    for tag in re.finditer(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*>", _KEEP_ALL.clean(markup)):
        if tag[1]:
            depth -= 1
        elif tag[2].lower() not in _VOID_OUT:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _tag_soup(rng: random.Random, length: int) -> str:
    parts = []
    for _ in range(length):
        roll = rng.random()
        names = _VOCABULARY if rng.random() < 0.85 else [*_FOREIGN, "br", "img", "table", "td"]
        name = rng.choice(names)
        if roll < 0.5:
            attributes = f" id={rng.randrange(50)}" if rng.random() < 0.5 else ""
            parts.append(f"<{name}{attributes}{'/' if rng.random() < 0.1 else ''}>")
        elif roll < 0.8:
            parts.append(f"</{name}>")
        elif roll < 0.95:
            parts.append(f"<{name}>x</{name}>" if rng.random() < 0.3 else "x")
        else:
            parts.append(rng.choice(_ODD))
    return "".join(parts)


# Where the random soup below once found the count short of the parser's tree, each cut down.
FOUND_SHORT = [
    "<foreignobject><h1>x</foreignobject><sub>x",  # foreignObject is special only in SVG
    "<td><div></td><strong id=15><sub>",  # no cell outside a table
    "<math id=32></p><object id=27><h1><blockquote/>",  # </p> leaves MathML
    "<div><select></div><u>xx",  # a select ignores </div>
    "<h2 id=21/><ul id=0><h1 id=2/></h2>x<code><button id=32>",  # </h2> closes the h1
    "<select><select></select><dd id=22></select><li><code>",  # a select closes a select
    "<select id=48><object><select>",  # ... but not past an object
    "<p id=5>x<select><p id=48>",  # a select is a scope boundary
    "<table id=1><th id=4>",  # the parser adds a tbody and a tr
    "<math/><select><ol id=30><sub id=43>",  # "<math/>" closes itself
]


@pytest.mark.parametrize("markup", FOUND_SHORT)
def test_the_count_reaches_the_parsers_depth_where_it_once_fell_short(markup: str) -> None:
    depth = _parsed_depth(markup)
    assert too_nested(markup, depth - 1) is not None


@pytest.mark.parametrize("seed", range(6))
def test_the_count_is_never_below_the_parsers_depth(seed: int) -> None:
    """Random tag soup: whatever the parser builds, the count reaches at least as deep."""
    rng = random.Random(seed)
    for _ in range(20):
        markup = _tag_soup(rng, rng.choice([100, 400, 1500]))
        depth = _parsed_depth(markup)
        if depth:
            assert too_nested(markup, depth - 1) is not None, markup


def test_article_html_refuses_a_deep_body_in_every_format() -> None:
    for body, body_format in [
        ("<div>" * 600 + "x", "html"),
        (">" * 600 + " x", "markdown"),
        ("text\n\n" + "<div>" * 600, "markdown"),
    ]:
        with pytest.raises(NestingError, match="nest more than 512 deep"):
            article_html(body, body_format, "https://site.example/a")
    assert article_html("<p>a" * 2000, "html", None).count("<p>") == 2000


@pytest.mark.parametrize("fmt", FEEDS)
def test_a_deep_body_is_left_out_with_a_warning_and_the_feed_goes_on(fmt, make_record, run) -> None:
    deep = make_record(path="deep.md", body=">" * 2000 + " x", body_format="markdown")
    fine = make_record(
        path="fine.md",
        body="*fine*",
        body_format="markdown",
        webUrl="https://example.com/fine",
        title="Fine",
    )
    data, found = run(fmt, [deep, fine], **OPTIONS)
    warnings = [d for d in found if d.rule == "convert/nested-body"]
    assert [(d.path, d.line, d.severity) for d in warnings] == [("deep.md", 1, Severity.WARNING)]
    assert "512" in warnings[0].message and warnings[0].hint
    assert b"blockquote" not in data and data.count(b"Facebook will now pay") == 1
    assert b"<em>fine</em>" in data or b"&lt;em&gt;fine" in data
    if fmt == "jsonfeed":
        items = {item["url"]: item for item in json.loads(data)["items"]}
        deep_item = items[deep.meta["webUrl"]]
        assert "content_html" not in deep_item and deep_item["summary"]
