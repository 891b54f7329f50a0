"""Shared fixtures and options: the examples, a CLI runner, and ``--update-golden``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
