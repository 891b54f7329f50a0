"""Size limits shared by the library, the config file and the CLI, each written once.

A limit is a promise to the user (the README and ``--help`` name it) and a guard against hostile
input, so the loader, the checking workers, ``--fix``, the config file's defaults and the import
command must agree on it; they all read it from here.
"""

from __future__ import annotations

MAX_RECORD_BYTES = 10 * 1024 * 1024
"""A record file larger than this is refused unread (``max-size``, ``--max-size``)."""

MAX_FEED_BYTES = 50 * 1024 * 1024
"""Large enough for any real feed (the biggest podcast feeds are a few MiB)."""

MAX_JOBS = 1024
"""The most worker processes a run starts (``--jobs``, ``jobs``): more than any machine has
cores for (``0`` asks for one per core), and a typo or a hostile configuration cannot fork
the machine to a standstill (or past what a semaphore can count)."""

MAX_INDENT = 64
"""The widest JSON indentation (``--indent``, ``-O indent=``, ``[converters.NAME]``): every
line of a document repeats it once per level, so a huge one fills memory before a byte is
written."""
