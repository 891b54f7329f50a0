"""The run layer's side of a site profile's walk: discovery keeps the content a profile names,
counts the rest as it streams past, and the run reports it in one note."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from convert.diagnostics import Diagnostic, Severity
from convert.profiles import ProfileOptions
from convert.run import validate_paths
from convert.run.discovery import named_inputs, sorted_inputs
from convert.run.report import RunReport
from convert.run.site_walk import PASSED_OVER, SiteWalk, found_site

EXTENSIONS = (".md", ".markdown", ".html")
POST = "---\ntitle: A\n---\nHello\n"


def site(root: Path, built: int = 3) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_site").mkdir()
    (root / "_config.yml").write_text("url: https://e.com\n")
    (root / "_posts" / "2024-01-02-a.md").write_text(POST)
    (root / "about.md").write_text("---\ntitle: About\n---\n")
    for n in range(built):
        (root / "_site" / f"p{n:06}.html").write_text("<p>built</p>\n")
    return root


def test_discovery_keeps_what_the_scope_keeps(tmp_path: Path) -> None:
    site(tmp_path)
    asked: list[str] = []

    def scope(folder: str):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return lambda relative: relative.startswith("_posts/")

    found = [item.display for item in sorted_inputs([str(tmp_path)], EXTENSIONS, scope=scope)]
    assert found == [f"{tmp_path.as_posix()}/_posts/2024-01-02-a.md"]
    assert asked == [str(tmp_path)]  # once per named folder, not per file


def test_a_file_or_folder_named_after_a_narrowed_walk_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, built=2)
    monkeypatch.chdir(tmp_path)
    walk = SiteWalk(ProfileOptions("jekyll"))
    found = [i.display for i in named_inputs([".", "about.md", "_site"], EXTENSIONS, scope=walk)]
    assert found == [
        "_posts/2024-01-02-a.md",
        "about.md",
        "_site/p000000.html",
        "_site/p000001.html",
    ]
    assert walk.passed == 0  # each is read where named, so none is passed over
    assert walk.notes() == []


def test_one_note_for_the_whole_run(tmp_path: Path) -> None:
    one, two = site(tmp_path / "one"), site(tmp_path / "two", built=1)
    walk = SiteWalk(ProfileOptions("jekyll"))
    list(sorted_inputs([str(one), str(two)], EXTENSIONS, scope=walk))
    (note,) = walk.notes()
    assert (note.rule, note.severity, note.line) == (PASSED_OVER, Severity.INFO, None)
    assert note.path == one.as_posix()
    assert note.message == (
        "passed over 6 files the jekyll site publishes no post from (_site, pages); "
        "name them to check them anyway"
    )


def test_records_as_written_walk_everything(tmp_path: Path) -> None:
    site(tmp_path)
    for options in (None, ProfileOptions("article")):
        walk = SiteWalk(options)
        assert walk(str(tmp_path)) is None


def test_the_walk_streams(tmp_path: Path) -> None:
    """The post comes before the walk has met ``_site``, which sorts after ``_posts``."""
    site(tmp_path, built=50)
    walk = SiteWalk(ProfileOptions("jekyll"))
    found = sorted_inputs([str(tmp_path)], EXTENSIONS, scope=walk)
    first = next(found)
    assert first.display.endswith("_posts/2024-01-02-a.md")
    assert walk.passed == 0
    assert list(found) == []
    assert walk.passed == 51


def test_memory_stays_flat_over_many_passed_files(tmp_path: Path) -> None:
    """Passed-over files are counted, not kept: a walk that passes over 4,000 files (in
    folders of 100, so the walk itself holds one folder's listing) peaks no higher than one
    that passes over 400; keeping their paths would add some hundreds of KiB."""

    def built(root: Path, folders: int) -> Path:
        site(root, built=0)
        for n in range(folders):
            folder = root / "_site" / f"d{n:03}"
            folder.mkdir()
            for m in range(100):
                (folder / f"p{m:03}.html").write_text("<p>built</p>\n")
        return root

    small, large = built(tmp_path / "small", 4), built(tmp_path / "large", 40)
    # In a fresh interpreter: what earlier tests left in this one's caches may grow while the
    # walk runs and be counted as its own.
    result = subprocess.run(
        [sys.executable, "-c", _PEAKS, str(small), str(large)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    (few, four_hundred), (many, four_thousand) = json.loads(result.stdout)
    assert (four_hundred, four_thousand) == (401, 4001)
    assert many < few + 50_000, (few, many)


_PEAKS = """
import gc, json, sys, tracemalloc
from convert.profiles import ProfileOptions
from convert.run.discovery import sorted_inputs
from convert.run.site_walk import SiteWalk

def peak(root):
    walk = SiteWalk(ProfileOptions("jekyll"))
    gc.collect()
    tracemalloc.start()
    try:
        for _ in sorted_inputs([root], [".md", ".markdown", ".html"], scope=walk):
            pass
        return tracemalloc.get_traced_memory()[1], walk.passed
    finally:
        tracemalloc.stop()

small, large = sys.argv[1:]
peak(small)  # warm: imports, caches
print(json.dumps([peak(small), peak(large)]))
"""


def test_validate_paths_ends_with_the_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site(tmp_path)
    monkeypatch.chdir(tmp_path)
    options = ProfileOptions("jekyll", base_url="https://e.com")
    with validate_paths(["."], profile=options) as report:
        found = list(report.findings)
    assert [d.path for d in found][-1] == "."
    assert found[-1].rule == PASSED_OVER
    assert {d.path for d in found} == {"_posts/2024-01-02-a.md", "."}
    assert report.count(Severity.INFO) == 1
    assert report.files == 1
    assert report.exit_code() == 0


def test_a_report_counts_its_notes() -> None:
    from convert.diagnostics import Diagnostic

    note = Diagnostic(".", None, None, PASSED_OVER, Severity.INFO, "passed over")
    report = RunReport(iter([]), notes=lambda: [note])
    assert list(report.findings) == [note]
    assert report.count(Severity.INFO) == 1
    assert report.inputs == 0  # a note is no input: "no record files found" still shows


def test_force_exclude_leaves_out_a_named_file_a_walk_would_leave_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``force_root``, a named file is left out when a walk of a folder between the root
    and it would leave it out, however it is named: from a subfolder, absolutely, through a
    linked folder, below another folder (``blog/drafts/a.md`` by ``drafts/*``, as a walk of
    ``blog/`` leaves it out); never by folders above the root."""
    root = tmp_path / "posts"  # a glob naming the root's own folder must not reach it
    (root / "drafts").mkdir(parents=True)
    (root / "blog" / "drafts").mkdir(parents=True)
    for name in ("drafts/a.md", "blog/drafts/c.md", "b.md"):
        (root / name).write_text("x\n", encoding="utf-8")
    (root / "d2").symlink_to(root / "drafts")
    monkeypatch.chdir(root)
    globs = ["drafts/*", "posts/*"]
    named = ["./drafts/a.md", "b.md", str(root / "drafts" / "a.md"), "d2/a.md", "blog/drafts/c.md"]
    shown = [i.display for i in named_inputs(named, [".md"], globs)]
    assert shown == ["drafts/a.md", "b.md", "blog/drafts/c.md"]  # read (d2/a.md is drafts/a.md)
    forced = named_inputs(named, [".md"], globs, force_root=str(root))
    assert [i.display for i in forced] == ["b.md"]
    assert list(named_inputs(["d2/a.md"], [".md"], globs, force_root=str(root))) == []
    monkeypatch.chdir(root / "drafts")
    assert list(named_inputs(["a.md"], [".md"], globs, force_root=str(root))) == []
    walked = sorted_inputs([str(root / "blog")], [".md"], globs, force_root=str(root))
    assert list(walked) == []  # the walk of blog/ that leaves out blog/drafts/c.md


def test_found_site_reads_the_walked_sites_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path)
    (tmp_path / "_config.yml").write_text("url: https://e.com\nlang: de\n")
    monkeypatch.chdir(tmp_path)
    options, notes = found_site(ProfileOptions("jekyll"), ["-", "s3://bucket/posts/", "_posts"])
    assert notes == []
    assert (options.base_url, options.default_language, options.site_root) == (
        "https://e.com",
        "de",
        str(tmp_path.resolve()),
    )
    # A site named already, records as written, a profile that knows no site: kept as given.
    for given in (ProfileOptions("jekyll", site_root=str(tmp_path)), ProfileOptions(), None):
        assert found_site(given, ["."]) == (given, [])
    # Files named alone find the site their folder is in, as a walk of it would.
    named, notes = found_site(ProfileOptions("jekyll"), ["_posts/2024-01-02-a.md", "about.md"])
    assert (named.base_url, named.site_root) == ("https://e.com", str(tmp_path.resolve()))
    assert notes == []
    # A path that is not there has no site (the run says it is missing).
    gone = ProfileOptions("jekyll")
    assert found_site(gone, [str(tmp_path.parent / "nowhere" / "a.md")]) == (gone, [])


def test_named_files_look_at_each_folder_once_and_read_the_site_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hook names thousands of files: past the first file of a folder, finding its site is
    a dictionary look-up, and the site's configuration is read once for them all."""
    from convert.profiles import site as site_module
    from convert.profiles import walk

    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text("url: https://e.com\n")
    folders = [tmp_path / "_posts", tmp_path / "_posts" / "deep", tmp_path / "_drafts"]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    names = [str(folders[i % 3] / f"2024-01-02-p{i}.md") for i in range(3000)]
    for name in names:
        Path(name).write_text("---\ntitle: P\n---\n")
    looked: list[Path] = []
    reads: list[Path] = []
    real_look, real_read = walk.config_in, site_module.read_site_config

    def counted_look(folder: Path, generator: str) -> bool:
        looked.append(folder)
        return real_look(folder, generator)

    def counted_read(path: Path, generator: str | None = None) -> dict[str, Any]:
        reads.append(path)
        return real_read(path, generator)

    monkeypatch.setattr(walk, "config_in", counted_look)
    monkeypatch.setattr(site_module, "read_site_config", counted_read)
    options, notes = found_site(ProfileOptions("jekyll"), names)
    assert (options.base_url, notes) == ("https://e.com", [])
    assert reads == [tmp_path.resolve()]
    # Each of the three folders once, and the site's root once for all of them.
    assert sorted(looked) == sorted({f.resolve() for f in folders} | {tmp_path.resolve()})


def test_a_walk_notes_what_finding_the_site_said_first(tmp_path: Path) -> None:
    site(tmp_path)
    said = Diagnostic("_config.yml", 2, 1, "profile/site-config", Severity.WARNING, "broken")
    walk = SiteWalk(ProfileOptions("jekyll"), [said])
    list(sorted_inputs([str(tmp_path)], EXTENSIONS, scope=walk))
    notes = walk.notes()
    assert notes[0] == said and notes[1].rule == PASSED_OVER
    assert SiteWalk(ProfileOptions("jekyll"), [said]).notes() == [said]  # nothing walked
