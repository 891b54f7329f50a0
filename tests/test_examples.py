"""The examples are the fixture corpus: each invalid record's findings are kept beside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RECORDS = sorted(
    p for p in EXAMPLES.rglob("*") if p.suffix in {".md", ".txt", ".html"} and p.is_file()
)


def run_validate(*args: str) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(ROOT)  # findings name paths relative to the repository, as the sidecars do
    try:
        result = CliRunner().invoke(main, ["validate", "--format", "text", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout


def test_every_example_is_covered() -> None:
    assert any(p.parent.name == "valid" for p in RECORDS)
    assert any(p.parent.name == "invalid" for p in RECORDS)


@pytest.mark.parametrize(
    "record", [p for p in RECORDS if p.parent.name == "invalid"], ids=lambda p: p.name
)
def test_invalid_example_matches_its_sidecar(record: Path) -> None:
    sidecar = record.with_suffix(".expected")
    assert sidecar.is_file(), f"{record.name} has no expected findings beside it"
    _, output = run_validate(record.relative_to(ROOT).as_posix())
    assert output, f"{record.name} is meant to be invalid but has no findings"
    assert output == sidecar.read_text("utf-8")


@pytest.mark.parametrize(
    "record", [p for p in RECORDS if p.parent.name == "valid"], ids=lambda p: p.name
)
def test_valid_example_is_clean(record: Path) -> None:
    code, output = run_validate("--strict", record.relative_to(ROOT).as_posix())
    assert (code, output) == (0, "")


def test_seed_000_validates_clean() -> None:
    code, output = run_validate("examples/000_007fd1d52a2fa7d2.txt")
    assert (code, output) == (0, "")


def test_seed_002_fails_naming_front_matter_and_required_fields() -> None:
    code, output = run_validate("examples/002_ef0a5ca32cdf259f.txt")
    assert code == 1
    assert "frontmatter/missing" in output
    for field in ("title", "publishedDateTime", "webUrl"):
        assert f'missing required field "{field}"' in output
    assert output == (EXAMPLES / "002_ef0a5ca32cdf259f.expected").read_text("utf-8")


def test_seeds_are_unchanged_copies() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("the shared seed folder is not beside this checkout")
    for seed in shared.glob("*.txt"):
        assert (EXAMPLES / seed.name).read_bytes() == seed.read_bytes()
