"""Pages per second of clean_text on one core, over the labelled pages' plain text.

    .venv/bin/python benchmarks/bench_text.py [EVALSET] [--input text|html] [--repeat N]

Pages are read into memory first, so the figure is cleaning alone (no disk, no scoring).
"""

from __future__ import annotations

import argparse
import gzip
import os
import time
from pathlib import Path

from convert.text import clean_text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("evalset", nargs="?", default="../shared/text-eval")
    ap.add_argument("--input", choices=["text", "html"], default="text")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as promised
    cases = sorted((Path(args.evalset) / "cases").iterdir())
    if args.input == "text":
        pages: list[str | bytes] = [(c / "page.txt").read_text(encoding="utf-8") for c in cases]
    else:
        pages = [gzip.decompress((c / "page.html.gz").read_bytes()) for c in cases]
    clean_text(pages[0], kind=args.input)  # imports and caches out of the timing
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for page in pages:
            clean_text(page, kind=args.input, extractor="builtin")
        best = min(best, time.perf_counter() - start)
    size = sum(len(p) for p in pages) / 1e6
    print(
        f"input={args.input} pages={len(pages)} best_of={args.repeat} seconds={best:.2f} "
        f"pages_per_s={len(pages) / best:.1f} MB_per_s={size / best:.2f}"
    )


if __name__ == "__main__":
    main()
