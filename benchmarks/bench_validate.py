"""Validation throughput against the floor: PyYAML's C loader just parsing the same files.

    python benchmarks/generate.py benchmarks/corpus --count 10000
    python benchmarks/bench_validate.py benchmarks/corpus

One run, same files, warm page cache. The bare parse reads each file, cuts the front matter at
its fences and hands it to ``yaml.load(..., Loader=CSafeLoader)``: the least any YAML
front-matter validator must do. ``artconv validate --jobs 1`` is timed as a whole process
(start-up included) and, for comparison, python-jsonschema over the same parsed data.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def front_matters(files: list[Path]) -> list[str]:
    texts = []
    for file in files:
        text = file.read_text("utf-8")
        parts = FENCE.split(text, 2)
        texts.append(parts[1] if len(parts) == 3 else "")
    return texts


def bare_parse(files: list[Path]) -> float:
    start = time.perf_counter()
    for front in front_matters(files):
        yaml.load(front, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def python_jsonschema(files: list[Path]) -> float:
    import jsonschema

    schema = json.loads(Path("schemas/article.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    start = time.perf_counter()
    for front in front_matters(files):
        data = yaml.load(front, Loader=yaml.CSafeLoader)
        data = json.loads(json.dumps(data, default=str))
        list(validator.iter_errors(data))
    return time.perf_counter() - start


def artconv(folder: Path) -> float:
    # Users run with compiled bytecode; a shell that forbids writing it would make every run
    # recompile the package, so the variable is dropped (the first, warm-up run writes it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "convert",
            "validate",
            "--jobs",
            "1",
            "-f",
            "json",
            "-o",
            "/dev/null",
            str(folder),
        ],
        check=False,
        env=env,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.md"))
    front_matters(files)  # warm the page cache
    bare = min(bare_parse(files) for _ in range(args.repeat))
    artconv(args.folder)  # warm-up: compiled bytecode, page cache
    ours = min(artconv(args.folder) for _ in range(args.repeat))
    pyjs = python_jsonschema(files)
    n = len(files)
    print(f"{n} files")
    print(f"{'bare CSafeLoader parse':<34}{bare:8.2f} s {n / bare:9.0f} files/s  1.00x")
    print(
        f"{'artconv validate --jobs 1':<34}{ours:8.2f} s {n / ours:9.0f} files/s  "
        f"{bare / ours:.2f}x"
    )
    print(
        f"{'parse + python-jsonschema':<34}{pyjs:8.2f} s {n / pyjs:9.0f} files/s  "
        f"{bare / pyjs:.2f}x"
    )


if __name__ == "__main__":
    main()
