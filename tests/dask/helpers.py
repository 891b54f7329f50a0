"""What the Dask tests share: a mixed corpus (valid, invalid and hostile records) and ways to
run the command line and compare what it wrote."""

from __future__ import annotations

import io
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.conftest import SEED_SCRAPED, SEED_VALID

RECORD = SEED_VALID.read_text(encoding="utf-8")


BOMB = "a0: &a0 [1,2,3,4,5,6,7,8,9]\n" + "".join(
    f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
)


EXTENSIONS = [".md", ".markdown", ".txt", ".html"]


def mixed_corpus() -> dict[str, bytes]:
    """Valid, invalid and hostile records, with names whose text order is not a plain walk's."""
    files = {
        "a.md": RECORD,
        "a/b.md": RECORD.replace("webUrl", "webUrI"),
        "a/a.md": "---\ntitle: [unclosed\n---\n",
        "x/z.md": RECORD.replace("title:", "tittle:"),
        "x-y/q.md": "no front matter at all\n",
        "x-y/r.txt": RECORD,
        "b.markdown": "",
        "scraped.txt": SEED_SCRAPED.read_text(encoding="utf-8"),
        "hostile/bomb.md": "---\n" + BOMB + "---\n",
        "hostile/deep.md": "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "hostile/self.md": "---\na: &x [*x]\n---\n",
        "hostile/dup.md": "---\ntitle: a\ntitle: b\n---\nbody\n",
        ".hidden/skipped.md": RECORD,
    }
    raw = {name: text.encode("utf-8") for name, text in files.items()}
    raw["hostile/binary.md"] = bytes(range(256)) * 4
    raw["hostile/latin1.md"] = "---\ntitle: caf\xe9\n---\n".encode("latin-1")
    raw["hostile/nul.md"] = b"---\ntitle: a\x00b\n---\n"
    for n in range(12):  # enough files for several partitions
        text = RECORD.replace("title:", f"subtitle: n{n}\ntitle:")
        text = text.replace("/21145584/", f"/many-{n}/")
        raw[f"many/{n:02}.md"] = text.encode()
    return raw


def write_mixed_corpus(root: Path) -> Path:
    """:func:`mixed_corpus` written below ``root``."""
    for name, data in mixed_corpus().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def clashing_corpus(root: Path) -> Path:
    """Inputs whose outputs collide: two records for one json file, the first of them
    unreadable (so the second is written), and three for another, all readable."""
    for name, text in {
        "p/a.html": "---\ntitle: [unclosed\n---\n",
        "p/a.markdown": RECORD,
        "p/a.txt": RECORD.replace("title:", "tittle:"),
        "q/b.md": RECORD,
        "q/b.txt": RECORD.replace("/21145584/", "/other/"),
        "q/b.html": RECORD,
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def twin_roots(root: Path, count: int = 10) -> list[str]:
    """Two folders with the same names, so that each output is claimed once from each, a
    whole walk apart: in the first, every third record cannot be read (so its twin in the
    second is the one written), the rest are written first and their twins refused."""
    for n in range(count):
        text = RECORD.replace("/21145584/", f"/twin-{n}/")
        (root / "one").mkdir(parents=True, exist_ok=True)
        (root / "two").mkdir(parents=True, exist_ok=True)
        first = "---\ntitle: [unclosed\n---\n" if n % 3 == 0 else text
        (root / "one" / f"{n:02}.md").write_text(first, encoding="utf-8")
        (root / "two" / f"{n:02}.md").write_text(text.replace("title:", "tittle:"), "utf-8")
    return [str(root / "one"), str(root / "two")]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout


FEED = [
    "--feed-title",
    "News",
    "--feed-link",
    "https://example.com/",
    "--feed-url",
    "https://example.com/feed",
]


def convert_run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def tree_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def in_thread(work: Any) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []
    runner = threading.Thread(target=lambda: outcome.append(work()), daemon=True)
    runner.start()
    return runner, outcome


def sixty_records_on_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch, module: Any = None
) -> FakeTerminal:
    """Sixty clean records in ``folder``, and standard error (of ``module``, by default the
    process's) swapped for a terminal that records the progress bar."""
    for n in range(60):
        (folder / f"{n:02}.md").write_text(RECORD, encoding="utf-8")
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    if module is None:
        monkeypatch.setattr(sys, "stderr", terminal)
    else:
        monkeypatch.setattr(module, "sys", SimpleNamespace(stderr=terminal))
    return terminal
