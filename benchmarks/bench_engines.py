"""Validation throughput of the engines side by side: in process, --jobs 2, and Dask.

    python benchmarks/generate.py benchmarks/corpus --count 10000
    python benchmarks/bench_engines.py benchmarks/corpus --rounds 2
    python benchmarks/bench_engines.py benchmarks/corpus --rounds 3 --no-dask

Each engine runs ``validate_paths`` over the same files in paired rounds (one round runs every
engine once, in turn, so drift of the machine's speed touches them alike), and the report is
written to a null sink, JSON, so all findings pass through the client. Dask runs on a
process-based LocalCluster of 2 workers started once beforehand (its start-up is printed on its
own; ``--engine dask`` without --scheduler pays it on every run), and once more over memory://,
whose bytes travel with the partitions. Ratios are to the in-process run of the same round.
CPU seconds (user and system, of this
process and of the worker processes it has reaped; Dask's workers are not counted) show how
much of the machine each run had: on a shared machine the wall-clock ratio of ``--jobs 2``
is bounded by the cores the others leave it (Linux groups a session's processes and shares the
CPU between groups, so two workers get no more of a crowded machine than one process). For
``--jobs 2`` the ratio its CPU seconds allow on two idle cores is printed too: the run is no
faster than its busiest process (the client, or a worker with half the workers' seconds).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from convert.run import validate_paths, write_report


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process, and of the worker processes it has reaped."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def timed(paths: list[str], **engine: Any) -> tuple[float, float, float]:
    """Wall seconds of one run, CPU seconds of this process and of its workers."""
    start, (own, workers) = time.perf_counter(), cpu_seconds()
    with validate_paths(paths, **engine) as report, open(os.devnull, "w", encoding="utf-8") as sink:  # noqa: PTH123
        write_report("json", report, sink)
    after_own, after_workers = cpu_seconds()
    return time.perf_counter() - start, after_own - own, after_workers - workers


def idle_bound(single: float, own: float, workers: float) -> float:
    """The throughput ratio to one process that the CPU seconds allow on 2 idle cores: the run
    cannot be faster than its busiest process (the client, or a worker doing half of the
    workers' share) nor than its total CPU seconds spread over both cores."""
    return single / max(own, workers / 2, (own + workers) / 2)


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
    parser.add_argument("--no-dask", action="store_true", help="only --jobs 1 and --jobs 2")
    args = parser.parse_args()
    files = len(list(args.folder.glob("*.md")))
    folder = [str(args.folder)]
    engines: dict[str, tuple[list[str], dict[str, Any]]] = {
        "in process (--jobs 1)": (folder, {}),
        "--jobs 2": (folder, {"jobs": 2}),
    }
    started = None
    with _cluster(args.no_dask) as cluster:
        if cluster is not None:
            address, started = cluster
            memory = to_memory(args.folder)
            dask = {"engine": "dask", "scheduler": address, "partition": args.partition}
            engines["dask, 2 workers"] = (folder, dask)
            engines["dask, memory://"] = ([memory], dask)
        times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in engines}
        for _ in range(args.rounds):
            for name, (paths, engine) in engines.items():
                times[name].append(timed(paths, **engine))
    start_note = "" if started is None else f"; LocalCluster start {started:.1f} s"
    print(f"{files} records, {os.cpu_count()} cores, {args.rounds} rounds{start_note}")
    base = statistics.median(wall for wall, _, _ in times["in process (--jobs 1)"])
    single = statistics.median(own + workers for _, own, workers in times["in process (--jobs 1)"])
    for name, spent in times.items():
        median = statistics.median(wall for wall, _, _ in spent)
        own = statistics.median(o for _, o, _ in spent)
        workers = statistics.median(w for _, _, w in spent)
        bound = f"  {idle_bound(single, own, workers):5.2f}x on idle cores" if workers else ""
        print(
            f"{name:24} {median:6.2f} s  {own + workers:6.2f} CPU s ({own:5.2f} client, "
            f"{workers:5.2f} workers)  {files / median:8.0f} files/s  {base / median:5.2f}x{bound}"
        )


@contextmanager
def _cluster(skip: bool) -> Iterator[tuple[str, float] | None]:
    """A process-based LocalCluster of 2 workers, its address and start-up seconds."""
    if skip:
        yield None
        return
    import distributed

    start = time.perf_counter()
    with distributed.LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address, time.perf_counter() - start


if __name__ == "__main__":
    main()
