"""Memory does not grow with the corpus: 50,000 records, each with findings, validate within 100 MiB
(it took 207 MiB when the findings were held for one global sort).

Measured in a child process, which reports its own peak resident size (VmHWM, which starts afresh at
exec; wait4's figure would include the test runner's size at the fork, and that grows with the
modules the suite has run), so the test runner's memory does not count. Runs in CI; it takes a
while, being the one test that needs volume.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RECORDS = 50_000
LIMIT_MIB = 100
# Two errors and four warnings each: 300,000 findings in all.
CHILD = """
import atexit, sys
from pathlib import Path

def peak(target):
    status = Path("/proc/self/status").read_text()
    Path(target).write_text(next(l for l in status.splitlines() if l.startswith("VmHWM:")))

atexit.register(peak, sys.argv.pop(1))
from convert.cli import main
main()
"""
RECORD = b"---\ntitle: A record with findings\ncategory: news\n---\nBody text.\n"


@pytest.mark.memory
def test_validate_of_50000_records_with_findings_stays_under_100_mib(tmp_path: Path) -> None:
    for folder in range(RECORDS // 1000):
        sub = tmp_path / f"{folder:02d}"
        sub.mkdir()
        for n in range(1000):
            fd = os.open(sub / f"{n:04d}.md", os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, RECORD)
            os.close(fd)
    peak_file = tmp_path / "peak"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(peak_file), "validate", "-f", "json", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    tail = b""
    with child.stdout:
        while chunk := child.stdout.read(1 << 16):
            tail = (tail + chunk)[-4096:]
    assert child.wait() == 1
    assert b'"path": "' + str(tmp_path).encode() + b'/49/0999.md"' in tail  # the last file
    peak_mib = int(peak_file.read_text().split()[1]) / 1024  # "VmHWM: <n> kB"
    assert peak_mib < LIMIT_MIB, f"peak {peak_mib:.0f} MiB"
