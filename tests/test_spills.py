"""What a run moves to disk once it grows (a huge folder's listing, the inputs and outputs of a
per-record conversion) gives exactly the answers it gives in memory."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.diagnostics import Severity
from convert.rules.corpus import FirstSeen
from convert.run import discovery, seen
from convert.run.discovery import named_inputs, sorted_inputs
from convert.run.seen import PathSet, SpillingSet
from tests.conftest import SEED_VALID

RECORD = SEED_VALID.read_text(encoding="utf-8")
EXTENSIONS = [".md", ".txt"]


def _tree(root: Path) -> Path:
    """Names whose text order is not a plain sort of names: ``a.md`` before ``a/``."""
    names = [f"f{n:02d}.md" for n in range(12)] + ["a.md", "a/b.md", "a-b/c.md", "z.txt"]
    names += ["skip.json", ".hidden/h.md", "a/sub/deep.md"]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(RECORD, encoding="utf-8")
    os.mkfifo(root / "pipe.md")
    return root


def test_a_folder_sorted_in_runs_on_disk_walks_as_one_sorted_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    whole = [(i.display, i.kind) for i in named_inputs([str(root)], EXTENSIONS)]
    monkeypatch.setattr(discovery, "LISTING_RUN", 3)
    monkeypatch.setattr(discovery, "_BLOCK", 2)
    spilled = [(i.display, i.kind) for i in named_inputs([str(root)], EXTENSIONS)]
    assert spilled == whole
    assert [d for d, _ in whole] == sorted(d for d, _ in whole)  # text order of the paths
    assert (f"{root.as_posix()}/pipe.md", "FIFO") in whole
    assert len(whole) == 12 + 5 + 1  # a.md, a/b.md, a-b/c.md, z.txt, a/sub/deep.md; the FIFO
    assert not any(".hidden" in d or d.endswith(".json") for d, _ in whole)


def test_named_inputs_keep_the_order_named_and_sorted_inputs_merge_it(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    paths = [str(root / "z.txt"), str(root / "a"), "-", str(root / "a.md"), "-"]
    named = [i.display for i in named_inputs(paths, EXTENSIONS)]
    prefix = root.as_posix()
    assert named == [
        f"{prefix}/z.txt",
        f"{prefix}/a/b.md",
        f"{prefix}/a/sub/deep.md",
        "<stdin>",  # once, however often it is named
        f"{prefix}/a.md",
    ]
    assert [i.display for i in sorted_inputs(paths, EXTENSIONS)] == sorted(named)


def test_a_spilling_set_answers_exactly_before_and_after_it_moves_to_disk() -> None:
    members = SpillingSet(in_memory=2)
    members.add(b"one")
    assert b"one" in members and b"two" not in members and not members.on_disk
    for word in (b"two", b"three", b"two", b"\xff\x00odd"):
        members.add(word)
    assert members.on_disk
    assert all(w in members for w in (b"one", b"two", b"three", b"\xff\x00odd"))
    assert b"four" not in members
    paths = PathSet(in_memory=1)
    for name in ("a", "b", "c\udcff"):  # an undecodable name, as os gives it
        paths.add(Path(name))
    assert Path("c\udcff") in paths and Path("d") not in paths and "a" not in paths
    members.close()
    paths.close()


def _per_record_run(root: Path) -> tuple[str, int, dict[str, bytes]]:
    """Convert ``root`` to one JSON file per record into itself, where clashes abound."""
    (root / "artconv.toml").write_text('extensions = [".md", ".txt", ".json"]\n')
    names = {f"p{n:02d}.md": RECORD for n in range(8)}
    names |= {"p03.txt": RECORD, "p05.json": "an input that ends in .json\n"}
    names |= {"q/p01.md": RECORD, "q/p01.txt": RECORD, "q/r.json": "input\n", "q/r.md": RECORD}
    for name, text in names.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    config = ["--config", str(root / "artconv.toml")]
    result = CliRunner().invoke(
        main, ["convert", *config, str(root), "--to", "json", "-o", str(root)]
    )
    tree = {
        p.relative_to(root).as_posix(): p.read_bytes().replace(os.fsencode(root), b"ROOT")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
    return result.stderr.replace(root.as_posix(), "ROOT"), result.exit_code, tree


def test_per_record_clashes_are_found_the_same_once_the_sets_spill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "memory").mkdir()
    (tmp_path / "disk").mkdir()
    in_memory = _per_record_run(tmp_path / "memory")
    monkeypatch.setattr(seen, "IN_MEMORY", 1)
    on_disk = _per_record_run(tmp_path / "disk")
    assert on_disk == in_memory
    stderr, code, tree = on_disk
    assert code == 1
    clashes = [line.split(": the output ")[1] for line in stderr.splitlines()[:-1]]
    assert clashes == [
        "ROOT/p03.json was already written by another input",  # by p03.md
        "ROOT/p05.json is one of the inputs",  # converting p05.json itself
        "ROOT/p05.json is one of the inputs",  # converting p05.md
        "ROOT/q/p01.json was already written by another input",
        "ROOT/q/r.json is one of the inputs",
        "ROOT/q/r.json is one of the inputs",
    ]
    assert tree["p05.json"] == b"an input that ends in .json\n"
    assert tree["q/r.json"] == b"input\n"
    assert b'"path"' in tree["p03.json"] and b"p03.md" in tree["p03.json"]


def _spilled_set() -> tuple[object, sqlite3.Connection | None]:
    members = SpillingSet(in_memory=2)
    for n in range(5):
        members.add(b"%d" % n)
    return members, members._db


def _spilled_corpus_reducer() -> tuple[object, sqlite3.Connection | None]:
    reducer = FirstSeen("corpus/duplicate-url", Severity.WARNING)
    reducer.IN_MEMORY = 2
    for n in range(5):
        reducer.add(f"f{n}.md", (n, 1, 1))
    return reducer, reducer._db


@pytest.mark.parametrize("spilled", [_spilled_set, _spilled_corpus_reducer])
def test_a_store_dropped_unclosed_after_spilling_closes_its_database(
    spilled: Callable[[], tuple[object, sqlite3.Connection | None]],
) -> None:
    # An unclosed SQLite connection is a ResourceWarning from Python 3.13 on (an error here).
    owner, database = spilled()
    assert database is not None
    del owner
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError):
        database.execute("SELECT 1")
