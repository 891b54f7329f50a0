"""The tool that scores other projects' labelled pages reads them and scores them as it says."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def tool(load_tool: Callable[[str], ModuleType]) -> ModuleType:
    return load_tool("score_other_pages")


def test_unspaced_scripts_are_scored_by_character(tool: ModuleType) -> None:
    assert tool.tokens("新桥通车 the Bridge, the end") == {
        "新": 1, "桥": 1, "通": 1, "车": 1, "the": 2, "bridge": 1, "end": 1,
    }  # fmt: skip
    assert tool.f1("新桥通车", "新桥通车了") == pytest.approx(2 * 1.0 * 0.8 / 1.8)
    assert tool.f1("", "anything") == 0.0
    assert tool.unspaced("新桥通车了 ok") and not tool.unspaced("서울 회의 ok 中")


def test_newspaper_pages_are_read_from_the_cached_release(tool: ModuleType, tmp_path: Path) -> None:
    with tarfile.open(tmp_path / tool.NEWSPAPER.rsplit("/", 1)[1], "w:gz") as tar:
        for name, data in (
            ("np/tests/data/html/a.html", b"<p>page</p>"),
            ("np/tests/data/txt/a.txt", "文本".encode()),
            ("np/tests/data/html/no_reference.html", b"<p>x</p>"),
        ):
            member = tarfile.TarInfo(name)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    assert list(tool._newspaper(tmp_path)) == [("newspaper4k/a", b"<p>page</p>", "文本")]


def test_readability_references_are_read_a_line_per_block(tool: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "test" / "test-pages" / "site"
    page.mkdir(parents=True)
    (page / "source.html").write_bytes(b"<html><p>One</p></html>")
    (page / "expected.html").write_bytes("<div><p>One</p><p>Two<br>三</p></div>".encode())
    ((name, source, expected),) = tool._readability(tmp_path)
    assert name == "readability/site" and source == b"<html><p>One</p></html>"
    assert expected.split() == ["One", "Two", "三"]
