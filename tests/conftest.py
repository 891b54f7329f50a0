"""Shared fixtures: paths to the examples and a CLI runner that keeps stderr apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_VALID = EXAMPLES / "000_007fd1d52a2fa7d2.txt"
SEED_SCRAPED = EXAMPLES / "002_ef0a5ca32cdf259f.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
