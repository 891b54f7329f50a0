"""The small sites under tests/profiles/sites/, copied so each test may add configuration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SITES = Path(__file__).resolve().parent / "sites"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``site("jekyll")`` copies that site to a temporary folder and enters it."""

    def make(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(SITES / name, target)
        monkeypatch.chdir(target)
        return target

    return make
