"""The block-tree research tool reads pages as the extractor does (its figures rest on it)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

from convert.text import html_lexbor

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT.parent / "shared" / "text-eval" / "cases"
FURNISHED = (
    "<html><head><title>T</title><script>var x = 1;</script></head><body>"
    "<nav><a href='/'>Home</a></nav><div><h1>Title</h1><form><input><button>Go</button></form>"
    "<p>First <a href='/a'>paragraph</a> of the story, with <b>bold</b> words.</p>"
    "<select><option>one</option></select><ul><li><a href='/b'>More</a></li></ul>"
    "<div><p>Second paragraph<noscript>enable scripts</noscript>.</p></div></div>"
    "<footer>© Someone</footer></body></html>"
)


@pytest.fixture(scope="module")
def tool(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("block_tree")


def _pages() -> list[bytes]:
    pages = [FURNISHED.encode()]
    if CASES.is_dir():
        pages += [
            gzip.decompress((c / "page.html.gz").read_bytes()) for c in sorted(CASES.iterdir())[:25]
        ]
    return pages


def test_the_tool_reads_the_lines_shares_and_blocks_the_extractor_reads(tool: ModuleType) -> None:
    for page in _pages():
        _, lines, shares, nesting = html_lexbor.page_lines(page, title=False)
        found, found_shares, tree = tool.tree_lines(page)
        assert (found, found_shares) == (lines, shares)
        for chain in tree.chains:  # each line's open blocks: a path down the tool's tree
            assert chain is None or all(
                tree.parent[inner] == outer for outer, inner in pairwise(chain)
            )
        assert [chain is None for chain in tree.chains] == [owner == -1 for owner in nesting.owners]
