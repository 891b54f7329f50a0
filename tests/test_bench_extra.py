"""The ``bench`` extra, installed fresh: each benchmark reaches the tools it is measured against.

The figures the README quotes come from these scripts beside jusText, trafilatura, Resiliparse,
feedgen and check-jsonschema; a rival that fails to install or import would print "not
installed" (or drop its column) and a ratio would quietly go missing. The runs here are tiny
(a few pages, fifty records, one round): they check that every rival is measured, not how fast.
CI installs the extra for its second suite (``.ci/run``); without it these tests are skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

for _rival in ("justext", "resiliparse", "trafilatura", "feedgen", "check_jsonschema"):
    pytest.importorskip(_rival, reason="the bench extra is not installed")

ROOT = Path(__file__).resolve().parents[1]
EVALSET = ROOT.parent / "shared" / "text-eval"


def _run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(not EVALSET.is_dir(), reason="the labelled pages are not beside the tree")
def test_bench_text_measures_every_rival_on_both_inputs() -> None:
    out = _run("bench_text.py", str(EVALSET), "--limit", "2", "--repeat", "1")
    assert "not installed" not in out
    text, html = out.split("input=html")
    assert "jusText" in text and "ours/theirs=" in text
    for rival in ("jusText", "trafilatura", "Resiliparse"):
        (line,) = [line for line in html.splitlines() if line.strip().startswith(rival)]
        assert float(line.rsplit("=", 1)[1]) > 0


def test_bench_startup_compares_with_check_jsonschema() -> None:
    figures = json.loads(_run("bench_startup.py", "--runs", "1", "--json"))
    assert "validate / check-jsonschema" in figures["ratios"]
    assert all(seconds > 0 for seconds in figures["cpu_seconds_median"].values())


def test_bench_feeds_writes_the_same_feed_with_feedgen() -> None:
    out = _run("bench_feeds.py", "--sizes", "50", "--no-million", "--repeat", "1")
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert rows["ours"][1] == rows["feedgen"][1] == "50"
    assert "than feedgen" in out
