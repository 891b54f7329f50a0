"""CPU cost of one short ``artconv`` run, the thing a pre-commit hook pays on every commit.

CPU seconds (user + sys of the child process, from ``getrusage(RUSAGE_CHILDREN)`` deltas) are
measured rather than wall time because they hardly move with machine load or with other jobs
on a shared CI box; the median of ``--runs`` runs drops the odd cold-cache outlier.

Usage::

    python benchmarks/bench_startup.py [--runs 20] [--record FILE] [--json]

Reported: a bare ``python -c pass`` (the floor), ``artconv --version`` (imports of the CLI
group only) and ``artconv validate`` on one record. The target for the last one is 0.12 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RECORD = ROOT / "examples" / "000_007fd1d52a2fa7d2.txt"
TARGET_VALIDATE_SECONDS = 0.12


def child_env(pycache: str) -> dict[str, str]:
    """The environment of the measured runs: bytecode caching on, in a private folder.

    An installed hook runs from .pyc files that pip wrote. With PYTHONDONTWRITEBYTECODE set
    (some shells and sandboxes set it) every run would compile the package from source, which
    costs tens of milliseconds that no user pays. The cache goes to a temporary prefix so the
    work tree stays clean; the unmeasured warm-up run fills it.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    env.pop("GITHUB_ACTIONS", None)
    return env


def cpu_seconds(command: Sequence[str], env: Mapping[str, str], *,
                expect: tuple[int, ...] = (0,), cwd: str | None = None) -> float:
    """User + system CPU seconds the child spent running ``command`` once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env, cwd=cwd, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited {completed.returncode}:\n"
                         f"{completed.stderr.decode(errors='replace')}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(command: Sequence[str], runs: int, env: Mapping[str, str], *,
               expect: tuple[int, ...] = (0,), cwd: str | None = None) -> float:
    """Median CPU seconds over ``runs`` runs, after one unmeasured warm-up (bytecode caches)."""
    cpu_seconds(command, env, expect=expect, cwd=cwd)
    return statistics.median(cpu_seconds(command, env, expect=expect, cwd=cwd)
                             for _ in range(runs))


def commands(record: Path) -> dict[str, list[str]]:
    """The measured commands. ``-m convert`` is what the ``artconv`` script runs, without
    depending on where the script was installed."""
    python = sys.executable
    return {
        "python -c pass": [python, "-c", "pass"],
        "artconv --version": [python, "-m", "convert", "--version"],
        "artconv validate (1 record)": [python, "-m", "convert", "validate", "-f", "text",
                                        str(record)],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--record", type=Path, default=DEFAULT_RECORD,
                        help="the record to validate (default: the valid seed example)")
    parser.add_argument("--cwd", default=None,
                        help="directory to run in (default: an empty temporary one, so no "
                             "pyproject.toml/artconv.toml is found and parsed)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="artconv-pycache-") as pycache, \
            tempfile.TemporaryDirectory(prefix="artconv-cwd-") as empty:
        env = child_env(pycache)
        cwd = args.cwd or empty
        for label, command in commands(args.record.resolve()).items():
            # A record with findings exits 1; that is still a complete run to measure.
            figures[label] = median_cpu(command, args.runs, env, expect=(0, 1), cwd=cwd)
    if args.json:
        print(json.dumps({"runs": args.runs, "cpu_seconds_median": figures}, indent=2))
    else:
        print(f"median CPU seconds (user+sys) over {args.runs} runs, {sys.version.split()[0]}")
        for label, seconds in figures.items():
            print(f"  {label:<30} {seconds:6.3f}")
        validate = figures["artconv validate (1 record)"]
        verdict = "within" if validate <= TARGET_VALIDATE_SECONDS else "OVER"
        print(f"  validate is {verdict} the {TARGET_VALIDATE_SECONDS:.2f} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
