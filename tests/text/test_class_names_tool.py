"""The class-name research tool marks the lines of blocks that pages name as furniture."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

PAGE = (
    "<html><body class='single-post has-sidebar'><div id='content'><article class='post'>"
    "<h1>Title</h1><p>First paragraph of the story, told in words of its own.</p>"
    "<div class='share-buttons'><p>Share this story</p></div></article>"
    "<section id='comments'><div class='reply'><p>A reader's comment on the story.</p></div>"
    "</section><div class='elementor-widget-text-editor'><p>More of the story.</p></div>"
    "</div></body></html>"
)


@pytest.fixture(scope="module")
def tool(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("class_names")


def _columns(tool: ModuleType) -> tuple[list[str], dict[str, Any]]:
    lines, shares, tree = tool.block_tree.tree_lines(PAGE)

    class Line:
        def __init__(self, text: str) -> None:
            self.text, self.words = text, len(text.split())

    class Page:
        pass

    page = Page()
    kept = [k for k, line in enumerate(lines) if line]
    page.lines = [Line(lines[k]) for k in kept]  # type: ignore[attr-defined]
    page.density = np.array([shares[k] for k in kept])  # type: ignore[attr-defined]
    page.tree = tree  # type: ignore[attr-defined]
    page.chains = [tree.chains[k] for k in kept]  # type: ignore[attr-defined]
    z = np.ones(len(kept))
    return [lines[k] for k in kept], tool.name_columns(page, z, 0.0)


def test_lines_under_a_furniture_name_are_marked_and_the_article_is_not(tool: ModuleType) -> None:
    lines, columns = _columns(tool)
    marked = {line for line, flag in zip(lines, columns["name_any"], strict=True) if flag}
    # The body's own classes are the page's, never a block's; "widget" names no furniture.
    assert marked == {"Share this story", "A reader's comment on the story."}
    by_id = {line for line, flag in zip(lines, columns["id_any"], strict=True) if flag}
    assert by_id == {"A reader's comment on the story."}
    # Every line lies in the #content container, whose name is positive; the named blocks
    # themselves are not.
    assert columns["positive_any"].all()
    assert (columns["name_not_positive"] == columns["name_any"]).all()
