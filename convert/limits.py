"""Size limits shared by the library, the config file and the CLI, each written once.

A limit is a promise to the user (the README and ``--help`` name it) and a guard against hostile
input, so the loader, the checking workers, ``--fix``, the config file's defaults and the import
command must agree on it; they all read it from here.
"""

from __future__ import annotations

import errno
from pathlib import Path

MAX_RECORD_BYTES = 10 * 1024 * 1024
"""A record file larger than this is refused unread (``max-size``, ``--max-size``)."""

MAX_FEED_BYTES = 50 * 1024 * 1024
"""Large enough for any real feed (the biggest podcast feeds are a few MiB)."""

MAX_JOBS = 1024
"""The most worker processes a run starts (``--jobs``, ``jobs``): more than any machine has
cores for (``0`` asks for one per core), and a typo or a hostile configuration cannot fork
the machine to a standstill (or past what a semaphore can count)."""


def worker_count(caller: str, jobs: int) -> int:
    """The worker processes a run of ``jobs`` starts (0: one per core), refusing a count no
    run should start, before any work: a caller's mistake (the command line and the
    configuration refuse it as a usage or configuration error). A machine with more cores
    than MAX_JOBS may have one per core."""
    import os

    cores = os.cpu_count() or 1
    if not 0 <= jobs <= max(MAX_JOBS, cores):
        raise ValueError(f"{caller}(jobs={jobs!r}): jobs must be 0 (one per core) to {MAX_JOBS}")
    return cores if jobs == 0 else jobs


MAX_INDENT = 64
"""The widest JSON indentation (``--indent``, ``-O indent=``, ``[converters.NAME]``): every
line of a document repeats it once per level, so a huge one fills memory before a byte is
written."""

MAX_SETTINGS_BYTES = 16 * 1024 * 1024
"""A configuration file, site configuration or user schema larger than this is refused: its
path may name a device (``schema = "/dev/zero"``), which would be read until memory ran out."""


def read_settings_text(path: str | Path) -> str:
    """The UTF-8 text of a settings file, read no further than :data:`MAX_SETTINGS_BYTES`.

    Raises:
        OSError: the file cannot be read, or is larger than the limit (``EFBIG``).
        UnicodeDecodeError: it is not UTF-8.
    """
    with open(path, "rb") as stream:  # noqa: PTH123 - a str path as well as a Path
        data = stream.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        message = f"larger than the limit of {MAX_SETTINGS_BYTES:,} bytes"
        raise OSError(errno.EFBIG, message, str(path))
    # Line ends as Path.read_text gives them (universal newlines), which callers relied on.
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
