"""Compressed inputs in whole runs: a folder of ``.html.gz`` pages walked, validated and
converted on one process or on workers, outputs named by the name inside, and a bomb or a
damaged file reported on that file while the batch goes on."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from convert.config import DEFAULT_EXTENSIONS
from convert.converters.writing import output_path
from convert.loading.compressed import zstd_readable
from convert.run import convert_paths, validate_paths
from convert.run.discovery import named_inputs
from convert.run.per_record import place
from tests.dask.helpers import tree_of
from tests.fixes.test_fix_cli import GOOD

PAGE = (
    "<!doctype html><html><head><title>A page</title></head><body><nav>Home | News</nav>"
    "<article><h1>A page of its own</h1><p>The first paragraph says what the page is about, "
    "at some length, as articles do.</p><p>A second paragraph goes on.</p></article>"
    "<footer>Copyright</footer></body></html>\n"
)
RECORD = GOOD  # a record with no finding
LIMIT = 1 << 20


def bomb(path: Path, mebibytes: int = 64) -> None:
    """Zeros a good deal past :data:`LIMIT` in a gzip file of a few dozen KiB."""
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(mebibytes):
            out.write(bytes(1 << 20))


@pytest.fixture
def crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``pages/`` below the working folder, whose configuration lowers the limit to 1 MiB."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html.gz").write_bytes(gzip.compress(PAGE.encode(), mtime=0))
    (pages / "b.md.bz2").write_bytes(bz2.compress(RECORD.encode()))
    (pages / "c.txt.xz").write_bytes(lzma.compress(RECORD.replace("Hello", "Three").encode()))
    (pages / "notes.md").write_text(RECORD, encoding="utf-8")
    (pages / "data.json.gz").write_bytes(gzip.compress(b"{}"))
    (pages / "bare.gz").write_bytes(gzip.compress(RECORD.encode()))
    bomb(pages / "bomb.html.gz")
    cut = gzip.compress((PAGE * 100).encode())
    (pages / "cut.html.gz").write_bytes(cut[: len(cut) // 2])
    (tmp_path / "artconv.toml").write_text(f"max-size = {LIMIT}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_walk_takes_files_compressed_by_the_name_inside(crawl: Path) -> None:
    shown = [item.display for item in named_inputs(["pages"], DEFAULT_EXTENSIONS)]
    assert shown == [
        "pages/a.html.gz",
        "pages/b.md.bz2",
        "pages/bomb.html.gz",
        "pages/c.txt.xz",
        "pages/cut.html.gz",
        "pages/notes.md",
    ]


def test_compressed_suffixes_are_matched_in_any_case(crawl: Path) -> None:
    (crawl / "pages" / "a.html.gz").rename(crawl / "pages" / "A.HTML.GZ")
    shown = [item.display for item in named_inputs(["pages"], (".html",))]
    assert shown == ["pages/A.HTML.GZ", "pages/bomb.html.gz", "pages/cut.html.gz"]


def test_zstd_files_are_walked_only_where_python_reads_them(crawl: Path) -> None:
    (crawl / "pages" / "z.md.zst").write_bytes(b"\x28\xb5\x2f\xfd" + bytes(20))
    shown = [item.display for item in named_inputs(["pages"], (".md",))]
    assert ("pages/z.md.zst" in shown) == zstd_readable()


def test_an_output_is_named_without_the_compression_suffix() -> None:
    assert output_path(Path("out"), "sub/page.html.gz", ".txt") == Path("out/sub/page.txt")
    assert output_path(Path("out"), "post.md.BZ2", ".json") == Path("out/post.json")
    assert place("out", "sub/page.html.xz", ".txt") == "out/sub/page.txt"
    assert place("memory://out", "page.html.gz", ".txt") == "memory://out/page.txt"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_of_compressed_pages_converts_to_text(crawl: Path, jobs: str) -> None:
    code, _, err = run("convert", "pages", "--to", "text", "-o", "out", "--jobs", jobs)
    assert code == 1, err  # the bomb and the cut-short page
    written = sorted(p.relative_to(crawl / "out").as_posix() for p in (crawl / "out").rglob("*"))
    assert written == ["a.txt", "b.txt", "c.txt", "notes.txt"]
    text = (crawl / "out" / "a.txt").read_text(encoding="utf-8")
    assert "The first paragraph says what the page is about" in text
    assert "Copyright" not in text
    assert "pages/bomb.html.gz:1:1: error file/too-large" in err
    assert f"{LIMIT:,} bytes" in err
    assert "pages/cut.html.gz:1:1: error file/unreadable" in err
    # The library call writes the same files and reports the same findings.
    report = convert_paths(["pages"], "text", "lib", jobs=int(jobs))
    with report:
        found = [(f.path, f.rule) for f in report.findings]
    assert found == [
        ("pages/bomb.html.gz", "file/too-large"),
        ("pages/cut.html.gz", "file/unreadable"),
    ]
    assert tree_of(crawl / "lib") == tree_of(crawl / "out")


def test_every_converter_names_its_output_by_the_name_inside(crawl: Path) -> None:
    code, _, err = run("convert", "pages/b.md.bz2", "pages/c.txt.xz", "--to", "json", "-o", "js")
    assert code == 0, err
    assert json.loads((crawl / "js" / "b.json").read_text())["meta"]["title"] == "Hello"
    assert json.loads((crawl / "js" / "c.json").read_text())["meta"]["title"] == "Three"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_page_and_its_compressed_copy_clash_over_one_output(crawl: Path, jobs: str) -> None:
    (crawl / "pages" / "a.html").write_text(PAGE.replace("A page", "Plain"), encoding="utf-8")
    code, _, err = run("convert", "pages", "--to", "text", "-o", "out", "--jobs", jobs)
    assert code == 1
    clash = [line for line in err.splitlines() if "convert/output-clash" in line]
    assert clash == [
        "pages/a.html.gz:1:1: error convert/output-clash not written: the output out/a.txt "
        "was already written by another input"
    ], err
    assert "Plain" in (crawl / "out" / "a.txt").read_text(encoding="utf-8")


def _findings(*args: str) -> list[tuple[str, int | None, str]]:
    code, out, err = run("validate", "-f", "json", *args)
    assert code == 1, err
    return [(f["path"], f["line"], f["rule"]) for f in json.loads(out)["diagnostics"]]


def test_validate_reports_a_bomb_and_a_damaged_file_and_goes_on(crawl: Path) -> None:
    (crawl / "pages" / "d.md.gz").write_bytes(
        gzip.compress(RECORD.replace('title: "Hello"', "title: NO").encode())
    )
    alone = _findings("pages")
    assert ("pages/bomb.html.gz", None, "file/too-large") in alone
    assert ("pages/cut.html.gz", None, "file/unreadable") in alone
    assert ("pages/d.md.gz", 2, "schema/type") in alone  # a line of the text inside
    assert not [f for f in alone if f[0] in ("pages/b.md.bz2", "pages/c.txt.xz")]
    assert _findings("pages", "--jobs", "2") == alone
    library = [(f.path, f.line, f.rule) for f in validate_paths(["pages"], jobs=2).findings]
    assert library == alone


def test_standard_input_may_be_compressed(crawl: Path) -> None:
    code, out, err = run("validate", "-", stdin=gzip.compress(RECORD.encode()))
    assert (code, out) == (0, ""), err
    stdin_bomb = (crawl / "pages" / "bomb.html.gz").read_bytes()
    code, out, _ = run("validate", "-", stdin=stdin_bomb)
    assert code == 1 and "<stdin>" in out and "file/too-large" in out


def test_an_exclude_glob_on_the_name_inside_excludes_the_compressed_file(crawl: Path) -> None:
    """``*.html`` means pages, compressed or not; a glob naming the compression still works."""
    (crawl / "pages" / "a.html").write_text(PAGE, encoding="utf-8")

    def walked(*exclude: str) -> list[str]:
        return [item.relative for item in named_inputs(["pages"], DEFAULT_EXTENSIONS, exclude)]

    assert walked("*.html") == ["b.md.bz2", "c.txt.xz", "notes.md"]
    assert walked("*.HTML") == walked()  # case as fnmatch takes it, as for plain names
    assert walked("*.gz") == ["a.html", "b.md.bz2", "c.txt.xz", "notes.md"]
    assert walked("*.html.gz") == ["a.html", "b.md.bz2", "c.txt.xz", "notes.md"]
    assert walked("b.md", "c.txt") == [n for n in walked() if n not in ("b.md.bz2", "c.txt.xz")]


def test_the_configured_exclude_leaves_out_compressed_pages(crawl: Path) -> None:
    (crawl / "artconv.toml").write_text(
        f'max-size = {LIMIT}\nexclude = ["*.html"]\n', encoding="utf-8"
    )
    code, out, err = run("validate", "-f", "json", "pages")
    assert code == 0, err  # the bomb and the cut-short page are .html.gz: excluded
    assert json.loads(out)["diagnostics"] == []
