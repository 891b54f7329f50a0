"""clean_text's CPU time now against an earlier commit, measured paired on the same pages.

    .venv/bin/python benchmarks/bench_text_ab.py REF [EVALSET] [--input text|html] [--limit N]
        [--rounds N]

REF's ``convert`` package is exported (git archive) to a temporary folder; each round runs
the baseline and the working tree one after the other in fresh processes, each timing its
own CPU seconds (process time, which other processes' load barely moves) over the same pages.
The printed speed-up is the median of the rounds' ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import gzip, sys, time
from pathlib import Path
from convert.text import clean_text
kind, limit = sys.argv[2], int(sys.argv[3])
cases = sorted((Path(sys.argv[1]) / "cases").iterdir())[: limit or None]
if kind == "text":
    pages = [(c / "page.txt").read_text(encoding="utf-8") for c in cases]
else:
    pages = [gzip.decompress((c / "page.html.gz").read_bytes()) for c in cases]
clean_text(pages[0], kind=kind, extractor="builtin")
start = time.process_time()
for page in pages:
    clean_text(page, kind=kind, extractor="builtin")
print(time.process_time() - start, len(pages))
"""


def _cpu(pythonpath: Path, evalset: str, kind: str, limit: int) -> tuple[float, int]:
    """CPU seconds and page count of one child cleaning the pages with ``pythonpath``'s code."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    cmd = [sys.executable, "-c", CHILD, evalset, kind, str(limit)]
    done = subprocess.run(cmd, env=env, cwd=pythonpath, check=True, capture_output=True, text=True)
    seconds, pages = done.stdout.split()
    return float(seconds), int(pages)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("ref")
    ap.add_argument("evalset", nargs="?", default=str(ROOT.parent / "shared" / "text-eval"))
    ap.add_argument("--input", choices=["text", "html"], default="text")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    evalset = str(Path(args.evalset).resolve())
    with tempfile.TemporaryDirectory(prefix="artconv-ab-") as tmp:
        archive = Path(tmp) / "ref.tar"
        with archive.open("wb") as out:
            git = ["git", "archive", args.ref, "convert"]
            subprocess.run(git, cwd=ROOT, stdout=out, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "ref", filter="data")
        ratios = []
        for _ in range(args.rounds):
            before, pages = _cpu(Path(tmp) / "ref", evalset, args.input, args.limit)
            after, _ = _cpu(ROOT, evalset, args.input, args.limit)
            ratios.append(before / after)
            print(
                f"input={args.input} pages={pages} {args.ref}={pages / before:.1f} pages/s "
                f"now={pages / after:.1f} pages/s (CPU) speed-up={before / after:.2f}x"
            )
    print(f"median speed-up over {args.ref}: {statistics.median(ratios):.2f}x")


if __name__ == "__main__":
    main()
