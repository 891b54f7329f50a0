"""What fixing costs next to validating the same files (CPU seconds of whole processes).

    python benchmarks/generate.py benchmarks/corpus --count 10000
    python benchmarks/bench_fix.py benchmarks/corpus --files 2000

Two cases over copies of the first N generated records: as generated (few have anything to fix,
so ``fix --diff`` is validation plus a look at each finding), and "damaged" (a BOM added and
the publication date written with a space and ``+0100``, so every file gets two fixes, is
validated again and written atomically). Runs are paired and repeated; the median is shown.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_DATE = re.compile(r'^(publishedDateTime: )"?(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)Z"?$', re.M)


def cpu_of(*args: str) -> float:
    """User + system CPU seconds of one artconv process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "convert", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def copy(files: list[Path], target: Path, damage: bool) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for index, file in enumerate(files):
        text = file.read_text("utf-8")
        if damage:
            text = "\ufeff" + _DATE.sub(r"\g<1>\2 \3 +0100", text, count=1)
        (target / f"{index:06d}.md").write_text(text, "utf-8", newline="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    files = sorted(options.corpus.rglob("*.md"))[: options.files]
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp) / "records"
        for damage in (False, True):
            validate, fix = [], []
            for _ in range(options.repeat):
                copy(files, work, damage)
                validate.append(cpu_of("validate", "-f", "json", str(work)))
                fix.append(cpu_of("fix", "--diff" if not damage else "--changes-only", str(work)))
            v, f = statistics.median(validate), statistics.median(fix)
            label = "damaged, fixed in place" if damage else "as generated, fix --diff"
            print(
                f"{label:<26} {len(files)} files  validate {v:.2f} s  fix {f:.2f} s  "
                f"ratio {f / v:.2f}x"
            )


if __name__ == "__main__":
    main()
