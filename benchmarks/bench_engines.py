"""Validation throughput of the engines side by side: in process, --jobs 2, and Dask.

    python benchmarks/generate.py benchmarks/corpus --count 10000
    python benchmarks/bench_engines.py benchmarks/corpus --rounds 2

Each engine runs ``validate_paths`` over the same files in paired rounds (one round runs every
engine once, in turn, so drift of the machine's speed touches them alike), and the report is
written to a null sink, JSON, so all findings pass through the client. Dask runs on a
process-based LocalCluster of 2 workers started once beforehand (its start-up is printed on its
own; ``--engine dask`` without --scheduler pays it on every run), and once more over memory://,
whose bytes travel with the partitions. Ratios are to the in-process run of the same round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

from convert.run import validate_paths, write_report


def timed(paths: list[str], **engine: Any) -> float:
    start = time.perf_counter()
    with validate_paths(paths, **engine) as report, open(os.devnull, "w", encoding="utf-8") as sink:  # noqa: PTH123
        write_report("json", report, sink)
    return time.perf_counter() - start


def to_memory(folder: Path) -> str:
    import fsspec

    fs = fsspec.filesystem("memory")
    for file in sorted(folder.glob("*.md")):
        fs.pipe(f"/bench/{file.name}", file.read_bytes())
    return "memory://bench/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition", type=int, default=1000)
    args = parser.parse_args()
    import distributed

    files = len(list(args.folder.glob("*.md")))
    start = time.perf_counter()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        started = time.perf_counter() - start
        address = cluster.scheduler_address
        memory = to_memory(args.folder)
        folder = [str(args.folder)]
        engines: dict[str, tuple[list[str], dict[str, Any]]] = {
            "in process (--jobs 1)": (folder, {}),
            "--jobs 2": (folder, {"jobs": 2}),
            "dask, 2 workers": (
                folder,
                {"engine": "dask", "scheduler": address, "partition": args.partition},
            ),
            "dask, memory://": (
                [memory],
                {"engine": "dask", "scheduler": address, "partition": args.partition},
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(args.rounds):
            for name, (paths, engine) in engines.items():
                times[name].append(timed(paths, **engine))
    print(
        f"{files} records, {os.cpu_count()} cores, {args.rounds} rounds; "
        f"LocalCluster start {started:.1f} s"
    )
    base = statistics.median(times["in process (--jobs 1)"])
    for name, spent in times.items():
        median = statistics.median(spent)
        print(f"{name:24} {median:6.2f} s  {files / median:8.0f} files/s  {base / median:5.2f}x")


if __name__ == "__main__":
    main()
