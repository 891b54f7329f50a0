"""Peak memory and throughput of whole runs as the corpus grows: the run must not hold the
corpus, its file list or its findings, so the peak should stay flat from 20,000 records up.

Usage::

    python benchmarks/bench_scale.py [--sizes 20000 200000 1000000] [--corpora DIR] [--jobs 1]

Corpora come from ``generate.py`` (same seed, so each size is a prefix of the next) and are
kept under ``--corpora`` for the next run. Each command runs in a child process; its peak
resident size is read from ``wait4`` (Linux reports it in KiB), its throughput is files per
second of wall time. Targets: 1,000,000 records at most 100 MiB for validate and for convert
to rss, atom, jsonfeed and jsonl; the peak at 200,000 within 1.2x of the peak at 20,000.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIMIT_MIB = 100.0
COMMANDS = {
    "validate": ["validate", "-f", "json"],
    "convert rss": [
        "convert",
        "--to",
        "rss",
        "--feed-title",
        "News",
        "--feed-link",
        "https://example.com/",
    ],
    "convert atom": [
        "convert",
        "--to",
        "atom",
        "--feed-title",
        "News",
        "--feed-link",
        "https://example.com/",
    ],
    "convert jsonfeed": [
        "convert",
        "--to",
        "jsonfeed",
        "--feed-title",
        "News",
        "--feed-link",
        "https://example.com/",
    ],
    "convert jsonl": ["convert", "--to", "jsonl"],
}


def corpus(folder: Path, count: int) -> Path:
    """The generated corpus of ``count`` records, made once."""
    target = folder / f"records-{count}"
    done = target / ".complete"
    if not done.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(target), "--count", str(count)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.write_text("")
    return target


def measure(args: list[str], out: Path) -> tuple[float, float, float, int]:
    """Peak MiB, wall seconds, CPU seconds (user and system, workers included) and exit code
    of ``artconv ARGS`` with its standard output in ``out``."""
    command = [sys.executable, "-m", "convert", *args]
    started = time.perf_counter()
    with out.open("wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    return usage.ru_maxrss / 1024, time.perf_counter() - started, cpu, child.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 1_000_000])
    parser.add_argument("--corpora", type=Path, default=HERE / "corpora")
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=list(COMMANDS))
    args = parser.parse_args(argv)
    args.corpora.mkdir(parents=True, exist_ok=True)
    peaks: dict[tuple[str, int], float] = {}
    print(
        f"{'command':<18} {'records':>9} {'peak MiB':>9} {'seconds':>8} {'CPU s':>8} {'files/s':>8}"
    )
    with tempfile.TemporaryDirectory(prefix="artconv-scale-") as scratch:
        for size in args.sizes:
            folder = corpus(args.corpora, size)
            for label in args.commands:
                out = Path(scratch, "out")
                peak, seconds, cpu, code = measure(
                    [*COMMANDS[label], "--jobs", args.jobs, str(folder)], out
                )
                if code not in (0, 1):
                    raise SystemExit(f"{label} on {size} records exited {code}")
                peaks[label, size] = peak
                flag = "" if peak <= LIMIT_MIB else "  OVER 100 MiB"
                print(
                    f"{label:<18} {size:>9,} {peak:>9.1f} {seconds:>8.1f} {cpu:>8.1f} "
                    f"{size / seconds:>8,.0f}{flag}",
                    flush=True,
                )
    small, large = min(args.sizes), sorted(args.sizes)[1] if len(args.sizes) > 1 else None
    if large is not None:
        for label in args.commands:
            if (label, large) not in peaks or (label, small) not in peaks:
                continue
            growth = peaks[label, large] / peaks[label, small]
            verdict = "within" if growth <= 1.2 else "OVER"
            print(
                f"{label}: peak at {large:,} is {growth:.2f}x the peak at {small:,} "
                f"({verdict} the 1.2x target)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
