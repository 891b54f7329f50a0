"""``convert --engine dask``: feeds, JSON Lines and files per record are the same bytes as in
one process, rows are rendered on the workers, and clashes between outputs are settled by
the client in input order with memory that does not grow."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.dask.helpers import (
    FEED,
    RECORD,
    clashing_corpus,
    convert_run,
    sixty_records_on_a_terminal,
    tree_of,
    twin_roots,
)

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl"])
def test_every_engine_converts_to_the_same_bytes(cluster: Any, corpus: Path, fmt: str) -> None:
    options = [*FEED] if fmt != "jsonl" else []
    alone = convert_run(str(corpus), "--to", fmt, *options)
    assert alone[0] == 1 and alone[1].count(b"/many-") >= 12
    assert "hostile/binary.md" in alone[2]
    assert convert_run(str(corpus), "--to", fmt, *options, "--jobs", "2") == alone
    assert (
        convert_run(
            str(corpus),
            "--to",
            fmt,
            *options,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition",
            "4",
        )
        == alone
    )


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_per_record_outputs_are_the_same_files(
    cluster: Any, corpus: Path, tmp_path: Path, fmt: str
) -> None:
    runs = {
        "alone": [],
        "two": ["--jobs", "2"],
        "dask": ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"],
    }
    outcomes = {
        name: convert_run(str(corpus), "--to", fmt, "-o", str(tmp_path / name), *more)
        for name, more in runs.items()
    }
    trees = {name: tree_of(tmp_path / name) for name in runs}
    extension = {"json": ".json", "text": ".txt"}[fmt]
    assert len(trees["alone"]) >= 20 and f"many/07{extension}" in trees["alone"]
    assert trees["two"] == trees["alone"] and trees["dask"] == trees["alone"]
    assert outcomes["two"] == outcomes["alone"] and outcomes["dask"] == outcomes["alone"]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_records_sent_back_are_written_the_same(
    cluster: Any, corpus: Path, tmp_path: Path, fmt: str
) -> None:
    """Per-record formats into one stream or one file: the workers send the records back."""
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", fmt)
    assert alone[0] == 1 and alone[1].count(b"Facebook will now pay you") >= 12
    assert convert_run(str(corpus), "--to", fmt, *dask) == alone
    one = str(corpus / "many" / "03.md")
    alone = convert_run(one, "--to", fmt, "-o", str(tmp_path / f"alone.{fmt}"))
    assert convert_run(one, "--to", fmt, "-o", str(tmp_path / f"dask.{fmt}"), *dask) == alone
    written = (tmp_path / f"alone.{fmt}").read_bytes()
    assert (tmp_path / f"dask.{fmt}").read_bytes() == written and b"pay you" in written


def test_convert_reads_memory_urls(cluster: Any, memory_corpus: str) -> None:
    alone = convert_run(memory_corpus, "--to", "rss", *FEED)
    assert alone[0] == 1 and alone[1].count(b"/many-") >= 12
    assert f"{memory_corpus}hostile/binary.md" in alone[2]
    assert (
        convert_run(
            memory_corpus,
            "--to",
            "rss",
            *FEED,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
            "--partition",
            "4",
        )
        == alone
    )


def test_convert_writes_memory_urls(cluster: Any, memory_corpus: str, tmp_path: Path) -> None:
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    fs = fsspec.filesystem("memory")
    alone = convert_run(memory_corpus, "--to", "atom", *FEED)
    sent = convert_run(memory_corpus, "--to", "atom", *FEED, *dask, "-o", "memory://out/f.xml")
    assert sent == (alone[0], b"", alone[2])
    assert fs.cat("/out/f.xml") == alone[1]
    local = convert_run(memory_corpus, "--to", "json", "-o", str(tmp_path / "json"))
    sent = convert_run(memory_corpus, "--to", "json", *dask, "-o", "memory://out/json/")
    assert sent == local
    written = {name[len("/out/json/") :]: fs.cat(name) for name in fs.find("/out/json")}
    assert written == tree_of(tmp_path / "json") and "hostile/dup.json" in written


def test_workers_render_feed_rows_and_lines(
    cluster: Any, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items are built and rendered on the workers: this process only merges rows."""
    from convert.converters import jsonl
    from convert.converters.feeds import document

    expected = {fmt: convert_run(str(corpus), "--to", fmt, *FEED) for fmt in ("rss", "jsonfeed")}
    expected["jsonl"] = convert_run(str(corpus), "--to", "jsonl")

    def nowhere(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a record was converted in the client")

    monkeypatch.setattr(document, "build_item", nowhere)
    monkeypatch.setattr(jsonl, "encode_record", nowhere)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    for fmt, alone in expected.items():
        options = FEED if fmt != "jsonl" else []
        assert convert_run(str(corpus), "--to", fmt, *options, *dask) == alone


def test_workers_write_per_record_files_and_the_client_settles_clashes(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import convert.atomic

    source = clashing_corpus(tmp_path / "in")
    alone = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and alone[2].count("convert/output-clash") == 3
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]
    sent = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]
    # Unclashed outputs are written by the worker processes: with this process unable to
    # write any file, only the ones it must arbitrate are missing.
    real = convert.atomic.atomic_output
    refused: list[str] = []

    def refuse(path: Any, **how: Any) -> Any:
        refused.append(Path(path).relative_to(tmp_path / "workers").as_posix())
        return real(tmp_path / "elsewhere.json", **how)

    monkeypatch.setattr(convert.atomic, "atomic_output", refuse)
    convert_run(str(source), "--to", "json", "-o", str(tmp_path / "workers"), *dask)
    assert refused == ["p/a.json"]  # a.markdown's, written after the unreadable a.html
    assert set(tree_of(tmp_path / "workers")) == {"q/b.json"}


def test_an_output_over_an_input_is_refused_on_every_engine(cluster: Any, tmp_path: Path) -> None:
    source = clashing_corpus(tmp_path / "in")
    before = tree_of(source)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]
    alone = convert_run(str(source), "--to", "text", "-o", str(source))
    assert alone[2].count("is one of the inputs") == 5 and tree_of(source) == before
    assert convert_run(str(source), "--to", "text", "-o", str(source), *dask) == alone
    assert tree_of(source) == before


def test_workers_write_to_file_urls(cluster: Any, corpus: Path, tmp_path: Path) -> None:
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "alone"))
    url = (tmp_path / "url").as_uri() + "/"
    assert convert_run(str(corpus), "--to", "json", "-o", url, *dask) == alone
    assert tree_of(tmp_path / "url") == tree_of(tmp_path / "alone")


def test_a_worker_that_cannot_write_stops_the_run_with_exit_2(
    cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    for name in ("alone", "dask"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "many").write_text("a file where a folder goes\n", encoding="utf-8")
    alone = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "alone"))
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    sent = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert alone[0] == sent[0] == 2 and "cannot write" in alone[2]
    assert sent[2] == alone[2].replace("/alone/", "/dask/")


def test_the_progress_bar_counts_dask_conversions(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.cli import common
    from convert.run import convert_paths

    terminal = sixty_records_on_a_terminal(tmp_path, monkeypatch)
    out = io.BytesIO()
    report = convert_paths(
        [str(tmp_path)],
        "jsonl",
        stdout=out,
        engine="dask",
        scheduler=cluster.scheduler_address,
        partition=7,
        watch=lambda items: common.progress(items, "Converting", 60),
    )
    with report:
        assert list(report.findings) == []
    assert report.files == 60 and out.getvalue().count(b"\n") == 60
    assert "Converting" in terminal.getvalue() and "100%" in terminal.getvalue()


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl"])
def test_prepared_rows_write_the_same_document_as_records(
    corpus: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a worker prepares, written by the client, is the feed the records make: with
    duplicate ids, a limit, and the sort spilled to disk."""
    import pickle

    import convert
    from convert.converters.feeds import order

    monkeypatch.setattr(order, "RUN_BYTES", 4000)  # spill every few items
    names = [p for p in sorted(corpus.rglob("*.md")) if not {"hostile", ".hidden"} & set(p.parts)]
    records = [convert.load(p) for p in names]
    records += records[:3]  # the same ids again
    converter = convert.get_converter(fmt)
    options = {} if fmt == "jsonl" else {"feed_title": "News", "limit": 14}
    direct, found = io.BytesIO(), []
    converter.write(records, direct, emit=found.append, **options)
    prepared_found: list[Any] = []
    rows = list(converter.prepare(records, emit=prepared_found.append, **options))
    assert len(rows) == len(records)  # one per record, None for one left out
    assert fmt == "jsonl" or None in rows
    sent = pickle.loads(pickle.dumps([row for row in rows if row is not None]))
    merged = io.BytesIO()
    converter.write(sent, merged, emit=prepared_found.append, **options)
    assert merged.getvalue() == direct.getvalue() and direct.getvalue().count(b"many-") >= 12
    assert sorted(map(repr, prepared_found)) == sorted(map(repr, found))


def test_a_relative_output_folder_reaches_workers_from_the_root(
    cluster: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    alone = convert_run(str(corpus), "--to", "json", "-o", "alone")
    assert convert_run(str(corpus), "--to", "json", "-o", "dask", *dask) == alone
    assert tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")


def test_clashes_are_settled_across_partitions(cluster: Any, tmp_path: Path) -> None:
    sources = twin_roots(tmp_path / "in")
    alone = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and alone[2].count("convert/output-clash") == 6
    assert len(tree_of(tmp_path / "alone")) == 10
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "3"]
    sent = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]


def test_the_sets_that_settle_clashes_spill_to_disk(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory does not grow with the outputs: past its budget (here 4 members) each set of
    outputs the client keeps moves to a temporary file, and the outcome is the same."""
    from convert.run import claims, seen

    sources = twin_roots(tmp_path / "in")
    alone = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "alone"))
    spilled: list[str] = []

    class Watched(seen.SpillingSet):
        def _to_disk(self) -> None:
            super()._to_disk()
            spilled.append("set")

    monkeypatch.setattr(seen, "IN_MEMORY", 4)
    monkeypatch.setattr(claims, "SpillingSet", Watched)
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "3"]
    sent = convert_run(*sources, "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert spilled == ["set", "set"]  # the outputs claimed, then those written
    assert sent[:2] == alone[:2] and tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    assert sent[2].replace("/dask/", "/alone/") == alone[2]


def test_outputs_that_meet_through_symlinks_clash_as_in_one_process(
    cluster: Any, tmp_path: Path
) -> None:
    """Two names for one output file, through a linked folder or a linked file, are one claim."""
    source = tmp_path / "in"
    for name in ("p/a.md", "p/b.md", "q/a.md", "r/c.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(RECORD.replace("/21145584/", f"/{name[0]}-{name[2]}/"), "utf-8")
    for run_name in ("alone", "dask"):
        out = tmp_path / run_name
        (out / "p").mkdir(parents=True)
        (out / "q").symlink_to(out / "p", target_is_directory=True)
        (out / "p" / "b.json").symlink_to(out / "p" / "a.json")
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "2"]
    alone = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "alone"))
    assert alone[0] == 1 and alone[2].count("convert/output-clash") == 2
    sent = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "dask"), *dask)
    assert sent[:2] == alone[:2] and sent[2].replace("/dask/", "/alone/") == alone[2]
    assert tree_of(tmp_path / "dask") == tree_of(tmp_path / "alone")
    written = tree_of(tmp_path / "dask")
    assert sorted(written) == ["p/a.json", "p/b.json", "r/c.json"]  # b.json: the link to a.json
    assert b"/p-a/" in written["p/a.json"] and b"/r-c/" in written["r/c.json"]


def test_a_missing_url_or_no_records_leave_the_feed_as_it_was_on_a_cluster(
    cluster: Any, tmp_path: Path
) -> None:
    """The rule of one process holds under Dask: a named URL that is not there is a missing
    input, and a feed sent to a URL is withheld from the store as a file is."""
    dask = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "4"]
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(RECORD)
    (tmp_path / "empty").mkdir()
    feed, url = tmp_path / "feed.xml", (tmp_path / "public.xml").as_uri()
    for out in (str(feed), url):
        assert convert_run(str(posts), "--to", "rss", *FEED, *dask, "-o", out)[0] == 0
    published = feed.read_bytes()
    assert (tmp_path / "public.xml").read_bytes() == published
    gone = f"{tmp_path.as_uri()}/nosuchdir/"
    code, _, said = convert_run(gone, "--to", "rss", *FEED, *dask, "-o", str(feed))
    assert code == 1
    assert said.endswith(f"is left as it was: {gone}, named on the command line, does not exist\n")
    for named in (str(tmp_path / "nope.md"), str(tmp_path / "empty")):
        code, _, said = convert_run(named, "--to", "rss", *FEED, *dask, "-o", url)
        assert f"{url} is left as it was: " in said, said
    assert feed.read_bytes() == published
    assert (tmp_path / "public.xml").read_bytes() == published
