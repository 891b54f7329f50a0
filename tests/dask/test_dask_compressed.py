"""``--engine dask`` reads compressed pages as a run in one process does: the same outputs,
named by the name inside, and the same findings on a bomb or a damaged file, from a local
folder and from a store only the client reaches (``memory://``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.dask.helpers import convert_run, run, tree_of
from tests.test_compressed_runs import crawl  # noqa: F401  (a fixture)

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")


def on(cluster: Any) -> list[str]:
    return ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]


@pytest.mark.usefixtures("crawl")
def test_compressed_pages_convert_on_a_cluster_as_in_one_process(
    cluster: Any, tmp_path: Path
) -> None:
    alone = convert_run("pages", "--to", "text", "-o", "alone")
    assert alone[0] == 1 and "pages/bomb.html.gz:1:1: error file/too-large" in alone[2]
    dask = convert_run("pages", "--to", "text", "-o", "dask", *on(cluster))
    assert dask == alone
    assert tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sorted(tree_of(tmp_path / "dask")) == ["a.txt", "b.txt", "c.txt", "notes.txt"]


@pytest.fixture
def memory_pages(crawl: Path) -> Iterator[str]:  # noqa: F811
    fs = fsspec.filesystem("memory")
    for path in sorted((crawl / "pages").iterdir()):
        fs.pipe(f"/crawl/{path.name}", path.read_bytes())
    yield "memory://crawl/"
    fs.rm("/crawl", recursive=True)


def test_compressed_pages_in_a_store_validate_as_on_disk(cluster: Any, memory_pages: str) -> None:
    code, local = run("validate", "-f", "json", "pages")
    assert code == 1 and '"pages/bomb.html.gz"' in local and '"pages/cut.html.gz"' in local
    # A damaged file's hint names a command to check it with, on a local file only.
    check = "(gzip -t pages/cut.html.gz checks"
    assert check in local
    expected = local.replace(check, "(gzip -t checks").replace('"pages/', f'"{memory_pages}')
    assert run("validate", "-f", "json", memory_pages) == (1, expected)
    assert run("validate", "-f", "json", memory_pages, *on(cluster)) == (1, expected)
