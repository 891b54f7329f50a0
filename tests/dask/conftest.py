"""Clusters and corpora for the Dask tests: one process-based cluster for the folder (threads
would hide a validator that cannot travel between processes), and clusters of their own for
tests that kill workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.dask.helpers import mixed_corpus, write_mixed_corpus

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")


@pytest.fixture(scope="package")
def cluster() -> Iterator[Any]:
    """One process-based cluster for this folder's tests: starting one costs seconds."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="package")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_mixed_corpus(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture
def memory_corpus() -> Iterator[str]:
    fs = fsspec.filesystem("memory")
    for name, data in mixed_corpus().items():
        fs.pipe(f"/corpus/{name}", data)
    yield "memory://corpus/"
    fs.rm("/", recursive=True)


@pytest.fixture
def doomed_cluster(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A cluster of its own for a test that kills a worker, so no other test meets what a
    kill leaves (a worker being restarted); ``allowed_failures`` as the test asks."""
    allowed = getattr(request, "param", 3)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        scheduler_kwargs={"allowed_failures": allowed},
    ) as local:
        yield local
