"""clean_text's CPU time now against an earlier commit, measured paired on the same pages.

    .venv/bin/python benchmarks/bench_text_ab.py REF [EVALSET] [--input text|html] [--limit N]
        [--rounds N] [--alternate [--both-orders]]

REF's ``convert`` package is exported (git archive) to a temporary folder; each round runs
the baseline and the working tree one after the other in fresh processes, each timing its
own CPU seconds (process time, which other processes' load barely moves) over the same pages.
The printed speed-up is the median of the rounds' ratios.

On a crowded machine a whole pass can run at another speed than the next, and the rounds
spread widely. ``--alternate`` loads both versions in one process instead and cleans each
page with one then the other (which goes first alternates), summing each version's CPU time
over the pass: drifts slower than a page weigh on both alike; the version loaded second runs
about 1% slower, which ``--both-orders`` evens out with a second process that loads the
working tree first. Each pass starts with what
either version remembers of pages it cleaned (ftfy's answers by line) forgotten, as the
fresh processes of the rounds start.
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


ALTERNATE = """
import gzip, statistics, sys, time
from pathlib import Path
evalset, kind, limit, rounds, ref, tree, order = sys.argv[1:8]
cases = sorted((Path(evalset) / "cases").iterdir())[: int(limit) or None]
if kind == "text":
    pages = [(c / "page.txt").read_text(encoding="utf-8") for c in cases]
else:
    pages = [gzip.decompress((c / "page.html.gz").read_bytes()) for c in cases]

def load(path):
    # Each version's modules bind their own globals when imported, so two copies of the
    # package work side by side once the first is moved out of sys.modules' way.
    for name in [n for n in sys.modules if n == "convert" or n.startswith("convert.")]:
        del sys.modules[name]
    sys.path.insert(0, path)
    from convert.text import clean_text
    clean_text(pages[0], kind=kind, extractor="builtin")  # lazy imports bound to this copy
    sys.path.remove(path)
    # What a version remembers of the pages it cleaned (ftfy's answers by line) is forgotten
    # before each pass, so that every pass cleans pages it has never seen, as a corpus run
    # does: one pass's answers would otherwise spare the next every ftfy call.
    memo = getattr(sys.modules["convert.text.normalise"], "_FIXED", None)
    if memo is not None:
        memos.append(memo)
    return lambda page: clean_text(page, kind=kind, extractor="builtin")

memos = []
if order == "ref-first":
    before, after = load(ref), load(tree)
else:
    after, before = load(tree), load(ref)
clock = time.process_time
ratios = []
for number in range(int(rounds)):
    for memo in memos:
        memo.clear()
    spent = {before: 0.0, after: 0.0}
    for i, page in enumerate(pages):
        for clean in (before, after) if (i + number) % 2 else (after, before):
            start = clock()
            clean(page)
            spent[clean] += clock() - start
    ratios.append(spent[before] / spent[after])
    print(f"pass {number} ({order}): {len(pages) / spent[before]:.1f} -> "
          f"{len(pages) / spent[after]:.1f} pages/s (CPU) speed-up={ratios[-1]:.3f}x", flush=True)
print(f"median speed-up (alternating pages in one process): {statistics.median(ratios):.3f}x")
print("RATIOS", *ratios)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("ref")
    ap.add_argument("evalset", nargs="?", default=str(ROOT.parent / "shared" / "text-eval"))
    ap.add_argument("--input", choices=["text", "html"], default="text")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--alternate", action="store_true", help="both versions in one process")
    ap.add_argument(
        "--both-orders",
        action="store_true",
        help="with --alternate: a second process loads the working tree first (the version "
        "loaded second runs about 1%% slower); the median is over both processes' passes",
    )
    args = ap.parse_args()
    evalset = str(Path(args.evalset).resolve())
    with tempfile.TemporaryDirectory(prefix="artconv-ab-") as tmp:
        archive = Path(tmp) / "ref.tar"
        with archive.open("wb") as out:
            git = ["git", "archive", args.ref, "convert"]
            subprocess.run(git, cwd=ROOT, stdout=out, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "ref", filter="data")
        if args.alternate:
            argv = [evalset, args.input, str(args.limit), str(args.rounds), str(Path(tmp) / "ref")]
            both: list[float] = []
            for order in ("ref-first", "tree-first") if args.both_orders else ("ref-first",):
                cmd = [sys.executable, "-c", ALTERNATE, *argv, str(ROOT), order]
                done = subprocess.run(cmd, cwd=tmp, check=True, capture_output=True, text=True)
                for line in done.stdout.splitlines():
                    if line.startswith("RATIOS"):
                        both += map(float, line.split()[1:])
                    else:
                        print(line, flush=True)
            if args.both_orders:
                print(f"median speed-up over both load orders: {statistics.median(both):.3f}x")
            return
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
