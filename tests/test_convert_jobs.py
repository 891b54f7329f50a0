"""``convert --jobs N``: the worker processes convert, not only load, and what the run writes
(outputs, findings, exit code) is the same bytes as in one process: feeds and JSON Lines
merged from rows rendered on the workers, files per record rendered there and written (or
refused as clashes) by this process in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import click
import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.diagnostics import Diagnostic, Severity
from convert.record import Record
from tests.conftest import workers_started_by
from tests.dask.helpers import (
    FEED,
    RECORD,
    clashing_corpus,
    tree_of,
    twin_roots,
    write_mixed_corpus,
)

# Several tests patch this process and watch for the calls in the workers.
pytestmark = pytest.mark.usefixtures("forked_workers")

PAGE = (
    "<!doctype html><html><head><title>A page</title></head><body><nav>Home | News</nav>"
    "<article><h1>A page of its own</h1><p>The first paragraph says what the page is about, "
    "at some length, as articles do.</p><p>A second paragraph goes on.</p></article>"
    "<footer>Copyright</footer></body></html>\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Valid, invalid and hostile records, an HTML page, and inputs whose outputs clash."""
    root = write_mixed_corpus(tmp_path_factory.mktemp("jobs") / "corpus")
    (root / "pages").mkdir()
    (root / "pages" / "page.html").write_text(PAGE, encoding="utf-8")
    clashing_corpus(root / "clash")
    return root


def convert_run(*args: str, find: Any = None) -> tuple[int, bytes, str]:
    obj = {"find": find} if find else None
    result = CliRunner().invoke(main, ["convert", *args], obj=obj)
    return result.exit_code, result.stdout_bytes, result.stderr


def runs_alike(corpus: Path, out: Path, *args: str, find: Any = None) -> tuple[int, bytes, str]:
    """Run with one process (``out/alone``) and with two workers (``out/two``), where ``-o``
    names a place under OUT; assert the same exit code, output and findings; return them."""
    outcomes = {}
    for name, jobs in (("alone", "1"), ("two", "2")):
        named = [arg.replace("OUT", str(out / name)) for arg in args]
        outcomes[name] = convert_run(str(corpus), *named, "--jobs", jobs, find=find)
        if (out / name).exists():
            outcomes[name] += (tree_of(out / name),)  # type: ignore[assignment]
    two = outcomes["two"]
    said = two[2].replace(str(out / "two"), str(out / "alone"))
    assert (two[0], two[1], said, *two[3:]) == outcomes["alone"]
    return outcomes["alone"][:3]


@pytest.mark.parametrize("fmt", ["rss", "atom", "jsonfeed", "jsonl", "text", "json"])
def test_two_workers_write_the_same_stream_as_one_process(corpus: Path, fmt: str) -> None:
    options = FEED if fmt in ("rss", "atom", "jsonfeed") else []
    code, out, err = runs_alike(corpus, Path("unused"), "--to", fmt, *options)
    assert code == 1 and out.count(b"/many-") + out.count(b"Facebook will now pay") >= 12
    assert "hostile/binary.md" in err
    if fmt != "jsonl" and fmt != "text" and fmt != "json":  # records the feed leaves out
        assert "convert/incomplete" in err


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
@pytest.mark.parametrize("args", [("--to", "json", "-o", "OUT"), ("--to", "text")])
def test_workers_that_are_not_forked_convert_alike(
    corpus: Path, tmp_path: Path, method: str, args: tuple[str, ...]
) -> None:
    # Workers that import everything afresh (Python 3.14's fork server, macOS's spawn) get
    # all they need from what is sent to them.
    with workers_started_by(method):
        code, out, err = runs_alike(corpus, tmp_path, *args)
    assert code == 1 and "hostile/binary.md" in err
    assert (tmp_path / "alone").exists() or b"A page of its own" in out


@pytest.mark.parametrize("fmt", ["rss", "jsonl"])
def test_two_workers_write_the_same_file_as_one_process(
    corpus: Path, tmp_path: Path, fmt: str
) -> None:
    options = FEED if fmt == "rss" else []
    runs_alike(corpus, tmp_path, "--to", fmt, *options, "-o", "OUT/all.out")
    assert (tmp_path / "two" / "all.out").read_bytes() == (
        tmp_path / "alone" / "all.out"
    ).read_bytes()
    assert (tmp_path / "two" / "all.out").stat().st_size > 10_000


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_two_workers_write_the_same_files_and_clashes_as_one_process(
    corpus: Path, tmp_path: Path, fmt: str
) -> None:
    code, _, err = runs_alike(corpus, tmp_path, "--to", fmt, "-o", "OUT")
    assert code == 1 and err.count("convert/output-clash") == 3
    written = tree_of(tmp_path / "two")
    assert f"pages/page{'.txt' if fmt == 'text' else '.json'}" in written
    assert len(written) >= 20


def test_outputs_over_inputs_are_refused_with_two_workers(tmp_path: Path) -> None:
    source = clashing_corpus(tmp_path / "in")
    before = tree_of(source)
    alone = convert_run(str(source), "--to", "text", "-o", str(source))
    assert alone[2].count("is one of the inputs") == 5
    assert convert_run(str(source), "--to", "text", "-o", str(source), "--jobs", "2") == alone
    assert tree_of(source) == before


def test_findings_name_a_relative_output_folder_as_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers write below the output folder made absolute; the findings about their files
    still name it as it was given (they had named /tmp/.../out/p/a.json)."""
    clashing_corpus(tmp_path / "in")
    long_name = "x" * 252 + ".md"  # its output's name, 254 bytes with ".json", is refused
    (tmp_path / "in" / long_name).write_text(
        (tmp_path / "in" / "q" / "b.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    found = {
        jobs: convert_run("in", "--to", "json", "-o", f"out{jobs}", "--jobs", jobs)
        for jobs in ("1", "2")
    }
    code, _, err = found["1"]
    assert code == 1 and err.count("convert/output-clash") == 3
    assert "the output out1/p/a.json was already written" in err and str(tmp_path) not in err
    assert f"not written: out1/{long_name[:-3]}.json is too long" in err
    assert found["2"][2].replace("out2/", "out1/") == err


def test_workers_write_their_files_and_this_process_settles_clashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each output is written where it is converted, except those one process would decide
    about in input order: those come back and are written (or refused) here."""
    import convert.atomic

    source = clashing_corpus(tmp_path / "in")
    real = convert.atomic.atomic_output
    log = tmp_path / "writes"

    def noted(path: Any, **how: Any) -> Any:
        with log.open("a", encoding="utf-8") as writes:
            where = Path(path).relative_to(tmp_path / "out").as_posix()
            writes.write(f"{where} {os.getpid()}\n")
        return real(path, **how)

    monkeypatch.setattr(convert.atomic, "atomic_output", noted)
    code, _, err = convert_run(str(source), "--to", "json", "-o", str(tmp_path / "out"), "-j", "2")
    assert code == 1 and err.count("convert/output-clash") == 3
    writes = dict(line.split() for line in log.read_text(encoding="utf-8").splitlines())
    # a.markdown's file, claimed first by the unreadable a.html, is written by this process
    assert writes.pop("p/a.json") == str(os.getpid())
    assert list(writes) == ["q/b.json"] and writes["q/b.json"] != str(os.getpid())


def test_clashes_are_settled_across_lots_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.run import jobs_convert

    monkeypatch.setattr(jobs_convert, "CLAIMS", 3)  # outputs claimed three inputs at a time
    sources = twin_roots(tmp_path / "in")
    options = [sources[1], "--to", "json", "-o", "OUT"]
    code, _, err = runs_alike(Path(sources[0]), tmp_path / "out", *options)
    assert code == 1 and err.count("convert/output-clash") == 6
    assert len(tree_of(tmp_path / "out" / "two")) == 10


def test_outputs_that_meet_through_symlinks_clash_as_in_one_process(tmp_path: Path) -> None:
    """Two names for one output file, through a linked folder or a linked file, are one claim."""
    source = tmp_path / "in"
    for name in ("p/a.md", "p/b.md", "q/a.md", "r/c.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(RECORD.replace("/21145584/", f"/{name[0]}-{name[2]}/"), "utf-8")
    for run_name in ("alone", "two"):
        out = tmp_path / "out" / run_name
        (out / "p").mkdir(parents=True)
        (out / "q").symlink_to(out / "p", target_is_directory=True)
        (out / "p" / "b.json").symlink_to(out / "p" / "a.json")
    code, _, err = runs_alike(source, tmp_path / "out", "--to", "json", "-o", "OUT")
    assert code == 1 and err.count("convert/output-clash") == 2


def test_an_output_that_cannot_be_written_stops_the_run_as_in_one_process(
    corpus: Path, tmp_path: Path
) -> None:
    for name in ("alone", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "many").write_text("a file where a folder goes\n", encoding="utf-8")
    alone = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "alone"))
    two = convert_run(str(corpus), "--to", "json", "-o", str(tmp_path / "two"), "--jobs", "2")
    assert alone[0] == two[0] == 2 and "cannot write" in alone[2]
    assert two[2] == alone[2].replace("/alone/", "/two/")


def test_validated_runs_leave_out_the_same_records(corpus: Path, tmp_path: Path) -> None:
    """Converter findings obey the configured policy (here: one ignored, one made a warning
    so that its record is converted after validation) on the workers as in one process."""
    config = tmp_path / "artconv.toml"
    config.write_text(
        'ignore = ["convert/incomplete"]\n[rules]\n"yaml/duplicate-key" = "warning"\n',
        encoding="utf-8",
    )
    options = ["--to", "rss", *FEED, "--validate", "--config", str(config)]
    code, out, err = runs_alike(corpus, tmp_path, *options)
    assert code == 1 and b"<item>" in out and "convert/incomplete" not in err
    assert "warning yaml/duplicate-key" in err


# Where the work is done: each call of a converter's per-record step notes its process.


def noting_calls(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Make each per-record step of the built-in formats append its process id to ``log``
    (the worker processes, forked from this one, inherit the change)."""
    import convert.text
    from convert.converters import json_, jsonl
    from convert.converters.feeds import document, items

    def noted(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            with log.open("a", encoding="utf-8") as calls:
                calls.write(f"{os.getpid()}\n")
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(convert.text, "clean_record", noted(convert.text.clean_record))
    monkeypatch.setattr(json_, "encode_record", noted(json_.encode_record))
    monkeypatch.setattr(jsonl, "encode_record", noted(json_.encode_record))
    monkeypatch.setattr(document, "build_item", noted(items.build_item))


@pytest.mark.parametrize(
    ("fmt", "target"),
    [
        ("text", "folder"),
        ("text", "stdout"),
        ("json", "folder"),
        ("json", "stdout"),
        ("rss", "file"),
        ("jsonfeed", "stdout"),
        ("jsonl", "file"),
    ],
)
def test_with_two_jobs_the_workers_convert(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, target: str
) -> None:
    log = tmp_path / "calls"
    noting_calls(monkeypatch, log)
    options = FEED if fmt in ("rss", "jsonfeed") else []
    where = {"folder": ["-o", str(tmp_path / "out")], "file": ["-o", str(tmp_path / "out.x")]}
    code, _, err = convert_run(
        str(corpus), "--to", fmt, *options, *where.get(target, []), "--jobs", "2"
    )
    assert code == 1 and "Traceback" not in err
    calls = log.read_text(encoding="utf-8").split()
    assert len(calls) >= 20  # a call per record converted
    assert str(os.getpid()) not in calls  # none in this process
    assert len(set(calls)) <= 2


def test_with_one_job_this_process_converts(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "calls"
    noting_calls(monkeypatch, log)
    convert_run(str(corpus), "--to", "text", "--jobs", "1")
    assert set(log.read_text(encoding="utf-8").split()) == {str(os.getpid())}


# A format from a plugin, without ``prepare``: files are still rendered on the workers, and its
# findings on a file refused as a clash are not counted (that record is never converted in one
# process); into one stream, the records come back and are written here.


class NotingConverter:
    """Each record's title, and a note on each record converted."""

    name: ClassVar[str] = "noting"
    extension: ClassVar[str] = ".note"
    media_type: ClassVar[str] = "text/plain"
    collection: ClassVar[bool] = False
    options: ClassVar[dict[str, type]] = {}

    def write(
        self, records: Iterable[Record], out: BinaryIO, *, emit: Any = None, **options: Any
    ) -> None:
        for record in records:
            out.write(f"{record.title}\n".encode())
            emit(Diagnostic(record.path, None, None, "noting/seen", Severity.WARNING, "seen"))


def _find(group: str) -> list[EntryPoint]:
    if group != "convert.converters":
        return []
    return [EntryPoint("noting", f"{__name__}:NotingConverter", group)]


def test_a_plugin_format_converts_the_same_on_two_workers(tmp_path: Path) -> None:
    source = clashing_corpus(tmp_path / "in")
    code, _, err = runs_alike(source, tmp_path / "f", "--to", "noting", "-o", "OUT", find=_find)
    assert code == 1 and err.count("convert/output-clash") == 3
    assert err.count("noting/seen") == len(tree_of(tmp_path / "f" / "two")) == 2
    _, out, err = runs_alike(source, tmp_path / "s", "--to", "noting", find=_find)
    assert err.count("noting/seen") == 5 and out.count(b"\n") == 5


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("given", "used"), [((), "auto"), (("--extractor", "builtin"), "builtin")])
def test_the_text_extractor_chosen_reaches_every_page(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
    given: tuple[str, ...],
    used: str,
) -> None:
    """``--extractor`` (or ``-O extractor=``) is the text format's option: it reaches the
    cleaning of each record, in this process or in the workers (forked: they log here too)."""
    import convert.text

    log = tmp_path / "extractors"
    real = convert.text.clean_record

    def noted(record: Any, **kwargs: Any) -> str:
        with log.open("a", encoding="utf-8") as calls:
            calls.write(f"{kwargs.get('extractor', 'auto')}\n")
        return real(record, **kwargs)

    monkeypatch.setattr(convert.text, "clean_record", noted)
    code, _, err = convert_run(str(corpus), "--to", "text", *given, "--jobs", jobs)
    assert code == 1 and "Traceback" not in err
    assert set(log.read_text(encoding="utf-8").split()) == {used}


def test_the_text_extractor_is_one_of_three_and_only_for_text(corpus: Path) -> None:
    code, _, err = convert_run(str(corpus), "--to", "text", "-O", "extractor=fast")
    assert code == 2 and "must be one of auto, builtin, trafilatura, not 'fast'" in err
    code, _, err = convert_run(str(corpus), "--to", "json", "--extractor", "builtin")
    assert code == 2 and "format 'json' does not take --extractor" in err
    code, _, err = convert_run(str(corpus), "--to", "text", "--extractor", "fast")
    assert code == 2 and "Invalid value for '--extractor'" in err


def test_the_extractor_flag_offers_what_the_cleaner_takes() -> None:
    from convert.cli.convert_cmd import convert as command
    from convert.text.pipeline import EXTRACTORS

    (flag,) = [p for p in command.params if p.name == "extractor"]
    assert isinstance(flag.type, click.Choice) and tuple(flag.type.choices) == EXTRACTORS


def test_a_missing_trafilatura_is_one_line_and_exit_two(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from convert.text import traf

    monkeypatch.setattr(traf, "unusable", lambda: ImportError("trafilatura cannot be used"))
    for jobs in ("1", "2"):
        code, _, err = convert_run(
            str(corpus), "--to", "text", "--extractor", "trafilatura", "--jobs", jobs
        )
        assert (code, err) == (2, "Error: trafilatura cannot be used\n")
