"""An entry whose content nests thousands deep: a warning, the record without that content,
and the rest of the feed imported (a RecursionError in the Markdown conversion had ended the
whole import with a traceback)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tests.importers.helpers import read, rss

NS = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'


def _feed(depth: int, tag: str = "div") -> bytes:
    deep = f"<{tag}>" * depth + "<p>Deep text.</p>" + f"</{tag}>" * depth
    items = (
        "<item><title>Deep</title><link>https://www.example.com/deep</link>"
        "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"
        f"<content:encoded>{html.escape(deep)}</content:encoded></item>"
        "<item><title>Fine</title><link>https://www.example.com/fine</link>"
        "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"
        "<content:encoded>&lt;p&gt;Fine text.&lt;/p&gt;</content:encoded></item>"
    )
    return rss(items, namespaces=NS)


@pytest.mark.parametrize(("body", "depth"), [("markdown", 400), ("markdown", 5000), ("html", 5000)])
def test_a_body_nested_too_deep_is_left_out_with_a_warning(
    tmp_path: Path, body: str, depth: int
) -> None:
    (deep, fine), found = read(tmp_path, _feed(depth, "blockquote"), body=body)
    assert deep.meta["title"] == "Deep" and deep.body == ""
    assert "Fine text." in fine.body
    (warning,) = [d for d in found if d.rule == "import/nested-body"]
    assert "entry 1" in warning.message and "nest more than" in warning.message


def test_a_body_nested_as_deep_as_real_pages_nest_is_converted(tmp_path: Path) -> None:
    (deep, _), found = read(tmp_path, _feed(60))
    assert "Deep text." in deep.body
    assert not [d for d in found if d.rule == "import/nested-body"]
