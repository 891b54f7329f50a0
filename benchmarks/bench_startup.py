"""CPU cost of one short ``artconv`` run, the thing a pre-commit hook pays on every commit.

CPU seconds (user + sys of the child process, from ``getrusage(RUSAGE_CHILDREN)`` deltas) are
measured rather than wall time because they hardly move with machine load or with other jobs
on a shared CI box; the median of ``--runs`` runs drops the odd cold-cache outlier.

Usage::

    python benchmarks/bench_startup.py [--runs 20] [--record FILE] [--json]

Reported: a bare ``python -c pass`` (the floor), ``artconv --version`` (imports of the CLI
group only), the imports a clean record cannot do without (click and PyYAML: jsonschema-rs is
loaded only for a record the quick schema check cannot vouch for), ``artconv validate`` on one
clean record and on the same record with one schema finding and, when installed (the ``bench``
extra), ``check-jsonschema`` checking the clean record's front matter (written out as a YAML
file) against the same schema. The commands are measured *paired*: round after round, each
command once per round, so a machine that slows down mid-run slows every command alike; the
ratios of the medians are the figures that survive a slow machine. Targets: validate costs at
most 10x ``python -c pass`` and at most 0.25x check-jsonschema.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RECORD = ROOT / "examples" / "000_007fd1d52a2fa7d2.txt"
SCHEMA = ROOT / "convert" / "schemas" / "article.schema.json"
TARGET_VS_PYTHON = 10.0
TARGET_VS_CHECK_JSONSCHEMA = 0.25
VALIDATE = "artconv validate (1 record)"
VALIDATE_FINDING = "artconv validate (1 record, 1 finding)"
FLOOR = "python -c pass"
CHECK_JSONSCHEMA = "check-jsonschema (same record)"
THIRD_PARTY = "import click, yaml"


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


def cpu_seconds(
    command: Sequence[str],
    env: Mapping[str, str],
    *,
    expect: tuple[int, ...] = (0,),
    cwd: str | None = None,
) -> float:
    """User + system CPU seconds the child spent running ``command`` once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in expect:
        raise SystemExit(
            f"{' '.join(command)} exited {completed.returncode}:\n"
            f"{completed.stderr.decode(errors='replace')}"
        )
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired_medians(
    commands: Mapping[str, Sequence[str]], runs: int, env: Mapping[str, str], cwd: str | None = None
) -> dict[str, float]:
    """Median CPU seconds of each command over ``runs`` rounds, each round running every
    command once, after one unmeasured warm-up round (bytecode caches)."""
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for round_number in range(runs + 1):
        for label, command in commands.items():
            # A record with findings exits 1; that is still a complete run to measure.
            seconds = cpu_seconds(command, env, expect=(0, 1), cwd=cwd)
            if round_number:
                samples[label].append(seconds)
    return {label: statistics.median(values) for label, values in samples.items()}


def front_matter_file(record: Path, folder: str) -> Path:
    """The record's front matter as a YAML file, the input check-jsonschema reads."""
    text = record.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    path = Path(folder, "record.yaml")
    path.write_text(front, encoding="utf-8")
    return path


def record_with_a_finding(record: Path, folder: str) -> Path:
    """The record with its title replaced by a number: one schema finding, which needs
    jsonschema-rs to word it."""
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = ["title: 5\n" if line.startswith("title:") else line for line in lines]
    path = Path(folder, "finding.md")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def commands(record: Path, scratch: str) -> dict[str, list[str]]:
    """The measured commands. ``-m convert`` is what the ``artconv`` script runs, without
    depending on where the script was installed."""
    python = sys.executable
    measured = {
        FLOOR: [python, "-c", "pass"],
        "artconv --version": [python, "-m", "convert", "--version"],
        # The floor of a clean record on these libraries: importing them, nothing else.
        THIRD_PARTY: [python, "-c", "import click, yaml"],
        VALIDATE: [python, "-m", "convert", "validate", "-f", "text", str(record)],
        VALIDATE_FINDING: [
            python,
            "-m",
            "convert",
            "validate",
            "-f",
            "text",
            str(record_with_a_finding(record, scratch)),
        ],
    }
    checker = shutil.which("check-jsonschema", path=str(Path(python).parent)) or shutil.which(
        "check-jsonschema"
    )
    if checker is not None:
        measured[CHECK_JSONSCHEMA] = [
            checker,
            "--schemafile",
            str(SCHEMA),
            str(front_matter_file(record, scratch)),
        ]
    return measured


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--record",
        type=Path,
        default=DEFAULT_RECORD,
        help="the record to validate (default: the valid seed example)",
    )
    parser.add_argument(
        "--cwd",
        default=None,
        help="directory to run in (default: an empty temporary one, so no "
        "pyproject.toml/artconv.toml is found and parsed)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with (
        tempfile.TemporaryDirectory(prefix="artconv-pycache-") as pycache,
        tempfile.TemporaryDirectory(prefix="artconv-cwd-") as empty,
    ):
        env = child_env(pycache)
        figures = paired_medians(
            commands(args.record.resolve(), empty), args.runs, env, cwd=args.cwd or empty
        )
    ratios = {f"validate / {FLOOR}": figures[VALIDATE] / figures[FLOOR]}
    if CHECK_JSONSCHEMA in figures:
        ratios["validate / check-jsonschema"] = figures[VALIDATE] / figures[CHECK_JSONSCHEMA]
        ratios["with a finding / check-jsonschema"] = (
            figures[VALIDATE_FINDING] / figures[CHECK_JSONSCHEMA]
        )
        ratios["imports only / check-jsonschema"] = figures[THIRD_PARTY] / figures[CHECK_JSONSCHEMA]
    if args.json:
        print(
            json.dumps(
                {"runs": args.runs, "cpu_seconds_median": figures, "ratios": ratios}, indent=2
            )
        )
        return 0
    print(f"median CPU seconds (user+sys), {args.runs} paired rounds, {sys.version.split()[0]}")
    for label, seconds in figures.items():
        print(f"  {label:<40} {seconds:6.3f}")
    targets = {
        f"validate / {FLOOR}": TARGET_VS_PYTHON,
        "validate / check-jsonschema": TARGET_VS_CHECK_JSONSCHEMA,
        "with a finding / check-jsonschema": TARGET_VS_CHECK_JSONSCHEMA,
        "imports only / check-jsonschema": TARGET_VS_CHECK_JSONSCHEMA,
    }
    for label, ratio in ratios.items():
        verdict = "within" if ratio <= targets[label] else "OVER"
        print(f"  {label:<40} {ratio:6.2f}x  ({verdict} the {targets[label]:g}x target)")
    if CHECK_JSONSCHEMA not in figures:
        print("  check-jsonschema is not installed (pip install -e '.[bench]'): no ratio to it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
