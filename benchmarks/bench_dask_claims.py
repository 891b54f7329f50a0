"""Memory of the Dask client's arbitration of per-record outputs as the corpus grows.

``convert --engine dask --to json -o DIR`` notes, on the client, each output as its partition
goes out and as it is written, so that two inputs never write one file. This measures the
peak resident size of a process doing that bookkeeping alone (no cluster needed), for N
outputs in partitions of 1,000: with the sets as the run keeps them (moved to a temporary
SQLite file past 20,000 members) and, as the baseline, with sets that never leave memory.
Each measurement runs in a child process of its own, which reports its ``ru_maxrss``.

Usage::

    python benchmarks/bench_dask_claims.py [--sizes 20000 200000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from convert.batch import Input
from convert.run import seen
from convert.run.claims import Claims
from convert.run.per_record import WRITTEN


def inputs(count: int) -> Iterator[Input]:
    for n in range(count):
        relative = f"news/{n // 1000:04}/article-{n:07}.md"
        yield Input(f"/corpus/{relative}", f"/corpus/{relative}", relative)


def measure(count: int, folder: str, in_memory: int) -> None:
    """Settle ``count`` outputs, sets held in memory up to ``in_memory`` members; print the
    peak resident MiB and the seconds taken."""
    seen.IN_MEMORY = in_memory
    started = time.perf_counter()
    claims = Claims(folder, ".json", lambda: lambda path: False)
    stream = inputs(count)
    while part := list(islice(stream, 1000)):
        claims.contested(part)
        claims.settle(iter([WRITTEN] * len(part)), lambda diagnostic: None)
    claims.close()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{peak:.1f} {seconds:.1f}")


def child(count: int, folder: str, in_memory: int) -> tuple[str, str]:
    code = "import sys; from bench_dask_claims import measure; a = sys.argv; "
    code += "measure(int(a[1]), a[2], int(a[3]))"
    argv = [sys.executable, "-c", code, str(count), repr(folder), str(in_memory)]
    done = subprocess.run(argv, cwd=Path(__file__).parent, capture_output=True, text=True)
    done.check_returncode()
    peak, seconds = done.stdout.split()
    return peak, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    args = parser.parse_args()
    print("| outputs | spilling sets: peak RSS | time | in-memory sets: peak RSS | time |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "out")
        for size in args.sizes:
            spilled = child(size, out, seen.IN_MEMORY)
            held = child(size, out, sys.maxsize)
            print(f"| {size:,} | {spilled[0]} MiB | {spilled[1]} s | {held[0]} MiB | {held[1]} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
