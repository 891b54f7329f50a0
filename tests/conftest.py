"""Shared fixtures and options: the examples, a CLI runner, how worker processes start,
``--update-golden``, and Hypothesis without a per-example deadline."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# Properties assert behaviour, not speed: Hypothesis's default 200 ms deadline per example is a
# timing test, which a loaded machine fails (speed is the benchmarks' to check).
settings.register_profile("behaviour", deadline=None)
settings.load_profile("behaviour")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_VALID = EXAMPLES / "000_007fd1d52a2fa7d2.txt"
SEED_SCRAPED = EXAMPLES / "002_ef0a5ca32cdf259f.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ files from the output (review the diff by eye)",
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@contextmanager
def workers_started_by(method: str) -> Iterator[None]:
    """Worker processes of ``--jobs`` started by ``method`` (fork, forkserver or spawn) inside
    the block, whatever the platform's default."""
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(method, force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(before, force=True)


@pytest.fixture
def forked_workers() -> Iterator[None]:
    """Workers forked from the test process, which see what a test patched in it. Python 3.14
    starts them from a fork server by default, and macOS spawns them: such workers import
    afresh."""
    with workers_started_by("fork"):
        yield
