"""Core use and memory of ``artconv convert PAGES/ --to text -o OUT --jobs N``, paired.

    .venv/bin/python benchmarks/bench_run_cores.py [EVALSET] [--pages 5000] [--html 500]
        [--jobs 1 2] [--rounds 2] [--to text] [--code DIR ...] [--keep DIR]

Generates the pages once (as ``bench_text_corpus.py`` does: text copies of the labelled pages,
the last ``--html`` of them their HTML) and converts them once per ``--jobs`` value and round,
alternating, so that a machine whose speed drifts slows every variant alike. For each run:
wall seconds, pages per second, the CPU seconds of the whole process tree (the command and its
workers, from ``os.wait4``) and of the command's own process (its last ``/proc`` sample), and
the cores in use on average (tree CPU / wall); the resident memory of the tree sampled through
the run; and the load average before and after (a shared machine's other work takes cores
too). The summary gives each variant's median wall time as a ratio to the first variant's.
``--code DIR`` runs the same variants with another source tree first on ``PYTHONPATH`` (a
checkout of an older commit), for before/after pairs in one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_text_corpus import _tree_rss_mib, generate

TICK = os.sysconf("SC_CLK_TCK")
PER_RECORD = ("text", "json")
FEED = ["--feed-title", "Bench", "--feed-link", "https://example.com/"]
SAMPLE_SECONDS = 0.5


@dataclass
class Run:
    """What one conversion cost."""

    label: str
    wall: float = 0.0
    tree_cpu: float = 0.0
    own_cpu: float = 0.0
    exit: int = 0
    load: tuple[float, float] = (0.0, 0.0)
    memory: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MiB)


def _own_cpu(pid: int) -> float | None:
    """CPU seconds of ``pid`` itself (user + system), without its children: sampled while it
    runs (the last sample is at most :data:`SAMPLE_SECONDS` short)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def convert_once(
    label: str, pages: Path, out: Path, fmt: str, jobs: int, code: str, errors: Path
) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    if code:
        env["PYTHONPATH"] = code
    cmd = [sys.executable, "-m", "convert", "convert", str(pages), "--to", fmt, "--jobs", str(jobs)]
    if fmt in PER_RECORD:
        cmd += ["-o", str(out)]
    else:  # one document: a file in the output folder
        out.mkdir(parents=True)
        cmd += ["-o", str(out / f"all.{fmt}")]
        cmd += FEED if fmt in ("rss", "atom", "jsonfeed") else []
    run = Run(label, load=(os.getloadavg()[0], 0.0))
    start = time.monotonic()
    with errors.open("wb") as err:
        # From the work folder: ``-m`` puts the working folder first on the path.
        process = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=out.parent
        )
    own = 0.0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        own = max(own, _own_cpu(process.pid) or 0.0)  # a zombie's figure is not its total
        run.memory.append((time.monotonic() - start, _tree_rss_mib(process.pid)))
        time.sleep(SAMPLE_SECONDS)
    run.wall = time.monotonic() - start
    process.returncode = run.exit = os.waitstatus_to_exitcode(status)
    run.tree_cpu = usage.ru_utime + usage.ru_stime
    run.own_cpu = own
    run.load = (run.load[0], os.getloadavg()[0])
    return run


def describe(run: Run, pages: int) -> str:
    return (
        f"{run.label:>16}: {run.wall:7.1f} s, {pages / run.wall:6.1f} pages/s, "
        f"CPU {run.tree_cpu:7.1f} s (own {run.own_cpu:6.1f} s, workers "
        f"{run.tree_cpu - run.own_cpu:7.1f} s), {run.tree_cpu / run.wall:4.2f} cores, "
        f"peak {max((m for _, m in run.memory), default=0.0):6.1f} MiB, "
        f"load {run.load[0]:.2f}->{run.load[1]:.2f}, exit {run.exit}"
    )


def memory_through(run: Run) -> list[str]:
    lines = []
    for share in (0.1, 0.25, 0.5, 0.75, 0.95):
        if not run.memory:
            break
        at, mib = run.memory[min(int(len(run.memory) * share), len(run.memory) - 1)]
        lines.append(f"    {share:4.0%} of the run (t={at:6.0f} s): {mib:7.1f} MiB")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("evalset", nargs="?", default="../shared/text-eval")
    ap.add_argument("--pages", type=int, default=5_000)
    ap.add_argument("--html", type=int, default=500, help="how many of them are HTML")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--to", default="text", help="the format (text, json: a file per record)")
    ap.add_argument("--folder", help="convert this folder as it is instead of generated pages")
    ap.add_argument("--code", nargs="+", default=[""], help="source trees to run ('' = installed)")
    ap.add_argument("--keep", help="generate the pages here and keep them (default: a temp dir)")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="artconv-pages-"))
    try:
        pages = Path(args.folder).absolute() if args.folder else work / "pages"
        if not pages.exists():
            generate(Path(args.evalset), pages, args.pages, min(args.html, args.pages))
        files = [path for path in pages.rglob("*") if path.is_file()]
        count, html = len(files), sum(path.suffix == ".html" for path in files)
        print(f"files={count} ({html} HTML) to={args.to} cores={os.cpu_count()} in {pages}")
        variants = [(code, jobs) for code in args.code for jobs in args.jobs]
        runs: dict[str, list[Run]] = {}
        for _ in range(args.rounds):
            for code, jobs in variants:
                label = f"{Path(code).name + ' ' if code else ''}jobs={jobs}"
                run = convert_once(label, pages, work / "out", args.to, jobs, code, work / "errors")
                runs.setdefault(label, []).append(run)
                print(describe(run, count), flush=True)
                if run.exit not in (0, 1):
                    print((work / "errors").read_text(errors="replace")[-2000:], file=sys.stderr)
        print("median wall, as a ratio to the first variant's:")
        first = statistics.median(r.wall for r in next(iter(runs.values())))
        for label, done in runs.items():
            wall = statistics.median(r.wall for r in done)
            cores = statistics.median(r.tree_cpu / r.wall for r in done)
            print(f"  {label:>16}: {wall:7.1f} s  {first / wall:5.2f}x  {cores:4.2f} cores")
        if args.rounds == 1 and len(variants) == 1:
            print("tree memory through the run:")
            print("\n".join(memory_through(next(iter(runs.values()))[0])))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "out", ignore_errors=True)


if __name__ == "__main__":
    main()
