"""Memory does not grow with the corpus: validating records that each have findings, the peak
at 10,000 records is within a few MiB of the peak at 2,000, and under 100 MiB.

Holding the findings for one global sort, as the reporter once did, took 207 MiB for 50,000
such records (300,000 findings); over the 8,000 records between the two runs that is about
30 MiB more, where a streaming run adds about 1 MiB. Comparing two sizes catches any growth
of more than about 0.8 KiB a record, which a single run under a fixed cap would let through
until the cap; and it needs a fifth of the records a run of 50,000 under that cap did.

Measured in child processes, each reporting its own peak resident size (VmHWM, which starts
afresh at exec; wait4's figure would include the test runner's size at the fork, and that
grows with the modules the suite has run), so the test runner's memory does not count.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FOLDERS = 10  # of 1,000 records each: the larger run reads all, the smaller the first two
SMALL = 2
GROWTH_MIB = 6
LIMIT_MIB = 100
# Two errors and four warnings each.
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


def _peak_mib(tmp_path: Path, folders: list[Path]) -> float:
    """The peak of ``artconv validate -f json`` over ``folders``, having checked that the
    report went to its last file."""
    peak_file = tmp_path / "peak"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(peak_file), "validate", "-f", "json", *map(str, folders)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert child.stdout is not None
    tail = b""
    with child.stdout:
        while chunk := child.stdout.read(1 << 16):
            tail = (tail + chunk)[-4096:]
    assert child.wait() == 1
    assert b'"path": "' + str(folders[-1]).encode() + b'/0999.md"' in tail  # the last file
    return int(peak_file.read_text().split()[1]) / 1024  # "VmHWM: <n> kB"


@pytest.mark.memory
def test_validate_memory_stays_flat_as_the_corpus_grows(tmp_path: Path) -> None:
    folders = []
    for folder in range(FOLDERS):
        sub = tmp_path / "records" / f"{folder:02d}"
        sub.mkdir(parents=True)
        folders.append(sub)
        for n in range(1000):
            fd = os.open(sub / f"{n:04d}.md", os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, RECORD)
            os.close(fd)
    small = _peak_mib(tmp_path, folders[:SMALL])
    large = _peak_mib(tmp_path, folders)
    assert large - small < GROWTH_MIB, f"peak {small:.1f} MiB -> {large:.1f} MiB"
    assert large < LIMIT_MIB, f"peak {large:.0f} MiB"
