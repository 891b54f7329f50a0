"""artconv import: files written atomically and never overwritten, entries already present
skipped or updated only when newer, findings and exit codes as validate, URLs via 127.0.0.1."""

from __future__ import annotations

import bz2
import gzip
import http.server
import json
import lzma
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from convert.cli import main
from tests.importers.helpers import rss, send, serve


def item(n: int, title: str = "", date: str = "Tue, 10 Jun 2003 09:00:00 GMT") -> str:
    return (
        f"<item><title>{title or f'Story {n}'}</title><link>https://ex.com/{n}</link>"
        f"<description>Summary {n}</description><pubDate>{date}</pubDate></item>"
    )


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", "--format", "text", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(item(1) + item(2)))
    return path


def test_writes_one_valid_record_per_entry(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(str(feed), "-o", str(out))
    assert (code, stdout) == (0, "")
    assert "2 written, 0 updated, 0 skipped" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["story-1.md", "story-2.md"]
    text = (out / "story-1.md").read_text("utf-8")
    assert text.startswith(
        "---\ntitle: Story 1\nexcerpt: Summary 1\npublishedDateTime: '2003-06-10T09:00:00Z'\n"
    )
    result = CliRunner().invoke(main, ["validate", "--format", "text", str(out)])
    assert result.exit_code == 0, result.stdout


def test_a_second_import_skips_what_is_there_with_a_note(tmp_path: Path) -> None:
    out, feed = tmp_path / "out", tmp_path / "feed.xml"
    feed.write_bytes(rss(item(1) + item(2, date="")))
    assert "warning import/no-date" in run(str(feed), "-o", str(out))[1]
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, stdout, stderr = run(str(feed), "-o", str(out))
    assert code == 0
    assert stdout.count("info import/exists") == 2 and "already imported as" in stdout
    assert "no-date" not in stdout  # a skipped entry's own findings are not repeated
    assert "0 written, 0 updated, 2 skipped" in stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_update_rewrites_only_entries_the_feed_says_are_newer(tmp_path: Path) -> None:
    out, path = tmp_path / "out", tmp_path / "feed.xml"
    path.write_bytes(rss(item(1) + item(2)))
    run(str(path), "-o", str(out))
    (out / "story-2.md").write_text((out / "story-2.md").read_text("utf-8") + "local edit\n")
    path.write_bytes(
        rss(
            item(1, "Story 1 revised", "Wed, 11 Jun 2003 09:00:00 GMT") + item(2, "Story 2 revised")
        )
    )
    code, _, stderr = run(str(path), "-o", str(out))
    assert "Story 1 revised" not in (out / "story-1.md").read_text("utf-8")  # no --update
    code, stdout, stderr = run(str(path), "-o", str(out), "--update")
    assert code == 0 and "0 written, 1 updated, 1 skipped" in stderr
    assert "title: Story 1 revised" in (out / "story-1.md").read_text("utf-8")
    assert "local edit" in (out / "story-2.md").read_text("utf-8")  # not newer: kept
    assert "no newer date" in stdout
    assert sorted(p.name for p in out.iterdir()) == ["story-1.md", "story-2.md"]


def test_never_overwrites_another_file_with_the_same_name(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "story-1.md").write_text("my own notes, not a record\n")
    code, _, _ = run(str(feed), "-o", str(out))
    assert code == 0
    assert (out / "story-1.md").read_text() == "my own notes, not a record\n"
    hashed = [p.name for p in out.iterdir() if p.name.startswith("story-1-")]
    assert len(hashed) == 1 and len(hashed[0]) == len("story-1-12345678.md")


def test_entries_are_found_by_link_in_any_file_under_the_folder(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "2003").mkdir(parents=True)
    (out / "2003" / "kept.md").write_text(
        "---\ntitle: Mine\npublishedDateTime: '2003-06-10T09:00:00Z'\n"
        "webUrl: https://ex.com/1\n---\n"
    )
    _code, stdout, stderr = run(str(feed), "-o", str(out))
    assert "1 written, 0 updated, 1 skipped" in stderr
    assert "kept.md" in stdout and not (out / "story-1.md").exists()


def _json_feed(path: Path, home: str, items: list[tuple[str, str, str]]) -> str:
    """A JSON Feed of (id, title, date) items, each linked under ``home``."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": home,
        "items": [
            {"id": i, "url": f"{home}post-{n}", "title": t, "date_published": d}
            for n, (i, t, d) in enumerate(items, 1)
        ],
    }
    path.write_text(json.dumps(feed), "utf-8")
    return str(path)


def test_an_id_unique_only_within_its_feed_matches_no_other_sites_entry(tmp_path: Path) -> None:
    """JSON Feed's ids (and RSS guids) need be unique within their feed only: two feeds'
    entry "1" are two entries, and --update never writes one over the other."""
    out, day, later = tmp_path / "out", "2023-01-01T00:00:00Z", "2023-02-01T00:00:00Z"
    one = _json_feed(tmp_path / "a.json", "https://a.example/", [("1", "A first", day)])
    two = _json_feed(tmp_path / "b.json", "https://b.example/", [("1", "B first", later)])
    run(one, "-o", str(out))
    _code, _stdout, stderr = run(two, "-o", str(out), "--update")
    assert "1 written, 0 updated, 0 skipped" in stderr
    assert "https://a.example/post-1" in (out / "a-first.md").read_text("utf-8")
    assert "https://b.example/post-1" in (out / "b-first.md").read_text("utf-8")


def test_an_entry_whose_link_moved_is_found_by_its_id(tmp_path: Path) -> None:
    """A URI id names its entry anywhere, and a plain id within its site: the entry is the
    same after its link changed, and --update rewrites it rather than adding a copy."""
    out, day, later = tmp_path / "out", "2023-01-01T00:00:00Z", "2023-02-01T00:00:00Z"
    for entry_id, home in (("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "a"), ("7", "b")):
        feed = tmp_path / f"{home}.json"
        run(_json_feed(feed, f"https://{home}.example/", [(entry_id, home, day)]), "-o", str(out))
        moved = json.loads(feed.read_text("utf-8"))
        moved["items"][0].update(url=f"https://{home}.example/moved", date_published=later)
        feed.write_text(json.dumps(moved), "utf-8")
        _code, _stdout, stderr = run(str(feed), "-o", str(out), "--update")
        assert "0 written, 1 updated, 0 skipped" in stderr
        assert f"https://{home}.example/moved" in (out / f"{home}.md").read_text("utf-8")


def test_entries_without_link_or_id_are_known_by_their_content(tmp_path: Path) -> None:
    """RSS 2.0 items need neither link nor guid: such an entry is named by the digest of
    what it holds, so two of them with no title or date but other text are both written, the
    same ones are recognised on the next import, and one whose text changed is a new one."""
    out, path = tmp_path / "out", tmp_path / "feed.xml"
    notes = ["<item><description>Office closed on Friday.</description></item>"]
    notes += ["<item><link>ftp://files.ex.com/a.zip</link></item>", "<item></item>"]
    path.write_bytes(rss("".join(notes)))
    _code, stdout, stderr = run(str(path), "-o", str(out))
    assert "3 written, 0 updated, 0 skipped" in stderr, stdout
    assert "import/duplicate" not in stdout
    digests = {line for p in out.iterdir() for line in p.read_text("utf-8").splitlines()[1:2]}
    assert len(digests) == 3 and all(d.startswith("# feed entry digest: ") for d in digests)
    _code, stdout, stderr = run(str(path), "-o", str(out))
    assert "0 written, 0 updated, 3 skipped" in stderr and stdout.count("import/exists") == 3
    path.write_bytes(rss(notes[0].replace("Friday", "Monday")))
    _code, _stdout, stderr = run(str(path), "-o", str(out))
    assert "1 written, 0 updated, 0 skipped" in stderr and len(list(out.iterdir())) == 4


def test_entries_without_link_or_id_that_are_the_same_are_written_once(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(
        rss("<item><title>Notice</title><description>Closed.</description></item>" * 2)
    )
    _code, stdout, stderr = run(str(path), "-o", str(tmp_path / "out"))
    assert "1 written, 0 updated, 1 skipped" in stderr and "info import/duplicate" in stdout


def test_dated_layout_and_html_bodies(feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(str(feed), "-o", str(out), "--layout", "dated", "--body", "html", "--limit", "1")
    assert [p.name for p in out.iterdir()] == ["2003-06-10-story-1.html"]


def test_a_bad_feed_is_a_finding_and_the_batch_goes_on(feed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<html>no feed here</html>")
    out = tmp_path / "out"
    code, stdout, stderr = run(str(bad), str(tmp_path / "missing.xml"), str(feed), "-o", str(out))
    assert code == 1
    assert f"{bad.as_posix()}:1:1: error import/syntax not a feed" in stdout
    assert "missing.xml:1:1: error import/unreadable cannot read" in stdout
    assert "2 written" in stderr and "2 errors" in stderr


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes(rss("<item><title>Undated</title><link>https://ex.com/u</link></item>"))
    assert run(str(path), "-o", str(tmp_path / "a"))[0] == 0
    code, stdout, _ = run(str(path), "-o", str(tmp_path / "b"), "--strict")
    assert code == 1 and "warning import/no-date" in stdout


def test_json_report(feed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "nope.xml"), "-o", str(tmp_path / "o"), "--format", "json"]
    )
    document = json.loads(result.stdout)
    assert result.exit_code == 1 and document["status"] == "fail"
    assert document["diagnostics"][0]["rule"] == "import/unreadable"


def test_standard_input(tmp_path: Path) -> None:
    code, _stdout, _stderr = run("-", "-o", str(tmp_path / "o"), stdin=rss(item(7)))
    assert code == 0 and (tmp_path / "o" / "story-7.md").is_file()


def test_usage_errors_exit_2(feed: Path, tmp_path: Path) -> None:
    assert run(str(feed))[0] == 2  # no -o
    assert run(str(feed), "-o", str(tmp_path), "--body", "rtf")[0] == 2
    assert run("-", "-", "-o", str(tmp_path))[0] == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, stderr = run(str(feed), "-o", str(blocker / "sub"))
    assert code == 2 and "cannot create" in stderr


def test_an_output_that_is_a_fifo_or_device_is_named_as_no_folder(
    feed: Path, tmp_path: Path
) -> None:
    # click refuses a regular file as the folder; a FIFO or /dev/null had been "File exists".
    import os

    os.mkfifo(tmp_path / "pipe")
    for target in (str(tmp_path / "pipe"), "/dev/null"):
        code, _, stderr = run(str(feed), "-o", target)
        assert code == 2
        assert f"cannot write into {target}: it is a file, not a folder" in stderr


def test_a_failed_write_is_an_error_per_entry_and_leaves_nothing(
    feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import convert.atomic

    def full_disk(path: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(convert.atomic, "write_atomic", full_disk)
    out = tmp_path / "out"
    code, stdout, stderr = run(str(feed), "-o", str(out))
    assert code == 1 and stdout.count("error import/write") == 2
    assert "No space left on device" in stdout and "0 written" in stderr
    assert list(out.iterdir()) == []


def test_a_url_is_fetched(tmp_path: Path) -> None:
    with serve(send(rss(item(3)))) as (url, asked):
        code, _, _stderr = run(f"{url}/feed.xml", "-o", str(tmp_path / "o"))
    assert asked == ["/feed.xml"] and code == 0
    assert (tmp_path / "o" / "story-3.md").is_file()


def test_relative_links_resolve_against_the_url(tmp_path: Path) -> None:
    feed = rss("<item><title>Rel</title><link>/news/rel</link></item>", channel="<title>S</title>")
    with serve(send(feed)) as (url, _):
        run(f"{url}/feeds/main.xml", "-o", str(tmp_path / "o"))
    assert f"webUrl: {url}/news/rel" in (tmp_path / "o" / "rel.md").read_text("utf-8")


def test_http_errors_and_size_limits_are_findings(tmp_path: Path) -> None:
    with serve(send(b"gone", status=404)) as (url, _):
        code, stdout, _ = run(f"{url}/x", "-o", str(tmp_path / "o"))
    assert code == 1 and "error import/unreadable" in stdout and "HTTP 404" in stdout
    with serve(send(rss(item(1) * 50))) as (url, _):
        code, stdout, _ = run(f"{url}/big", "-o", str(tmp_path / "o"), "--max-size", "1000")
    assert code == 1 and "over the limit of 1,000" in stdout


def test_a_silent_server_times_out(tmp_path: Path) -> None:
    def stall(request: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(3)

    with serve(stall) as (url, _):
        started = time.monotonic()
        code, stdout, _ = run(f"{url}/slow", "-o", str(tmp_path / "o"), "--timeout", "0.5")
        assert time.monotonic() - started < 2.5
    assert code == 1 and "did not answer within 0.5 s" in stdout


def test_offline_is_a_clear_finding(tmp_path: Path) -> None:
    with serve(send(b"")) as (url, _):
        pass  # the port is closed again: nothing listens there now
    code, stdout, _ = run(f"{url}/feed", "-o", str(tmp_path / "o"), "--timeout", "2")
    assert code == 1 and "error import/unreadable cannot reach" in stdout
    assert "check the address and the network connection" in stdout


@pytest.mark.parametrize(
    "url", ["http://[broken/feed", "https://[::1/feed.xml", "http://exa mple.com/feed"]
)
def test_a_url_that_cannot_be_parsed_is_a_finding_and_the_batch_goes_on(
    url: str, feed: Path, tmp_path: Path
) -> None:
    code, stdout, stderr = run(url, str(feed), "-o", str(tmp_path / "o"))
    assert code == 1 and f"{url}:1:1: error import/unreadable cannot fetch {url}" in stdout
    assert "2 written" in stderr


def test_a_missing_extra_is_a_clear_fatal_error(
    feed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "markdownify" else real(name, *a),
    )
    code, _, stderr = run(str(feed), "-o", str(tmp_path / "o"))
    assert code == 2 and "pip install 'article-convert[import]'" in stderr
    assert "markdownify" in stderr and not (tmp_path / "o").exists()


def test_a_dangling_symlink_is_not_written_through(feed: Path, tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside.md"
    out.mkdir()
    (out / "story-1.md").symlink_to(outside)
    assert run(str(feed), "-o", str(out))[0] == 0
    assert not outside.exists()
    assert len([p for p in out.iterdir() if p.name.startswith("story-1-")]) == 1


def test_an_entry_kept_compressed_in_the_folder_counts_as_imported(tmp_path: Path) -> None:
    """A folder whose records were compressed (story-1.md.gz) still holds those entries: an
    import skips them, and --update leaves the compressed file alone, since the new text
    written over it would be plain text under a compressed file's name."""
    out, path = tmp_path / "out", tmp_path / "feed.xml"
    path.write_bytes(rss(item(1) + item(2)))
    run(str(path), "-o", str(out))
    for name in ("story-1.md", "story-2.md"):
        text = (out / name).read_bytes()
        (out / f"{name}.gz").write_bytes(gzip.compress(text, mtime=0))
        (out / name).unlink()
    (out / "story-2.md.bz2").write_bytes(
        bz2.compress(gzip.decompress((out / "story-2.md.gz").read_bytes()))
    )
    (out / "story-2.md.gz").unlink()
    kept = {p.name: p.read_bytes() for p in out.iterdir()}
    code, stdout, stderr = run(str(path), "-o", str(out))
    assert code == 0 and "0 written, 0 updated, 2 skipped" in stderr, stdout
    assert "already imported as " + (out / "story-1.md.gz").as_posix() in stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == kept
    path.write_bytes(rss(item(1, "Story 1 revised", "Wed, 11 Jun 2003 09:00:00 GMT") + item(2)))
    code, stdout, stderr = run(str(path), "-o", str(out), "--update")
    assert code == 0 and "0 written, 0 updated, 2 skipped" in stderr, stdout
    assert "it is gzip-compressed: decompress it for --update to rewrite it" in stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == kept


def test_a_compressed_file_takes_its_name_inside(tmp_path: Path) -> None:
    """Another entry's story-1.md.gz takes the name story-1.md: written beside it, the two
    would be one output to convert (convert/output-clash)."""
    out, path = tmp_path / "out", tmp_path / "feed.xml"
    out.mkdir()
    (out / "story-1.md.xz").write_bytes(lzma.compress(b"---\ntitle: Mine\n---\nNotes.\n"))
    path.write_bytes(rss(item(1)))
    code, _, stderr = run(str(path), "-o", str(out))
    assert code == 0 and "1 written" in stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and "story-1.md" not in names
    assert names[0].startswith("story-1-") and names[0].endswith(".md")


@pytest.mark.parametrize("seconds", ["inf", "1e308", "nan", "86401"])
def test_a_timeout_no_clock_can_hold_is_a_usage_error(
    feed: Path, tmp_path: Path, seconds: str
) -> None:
    # inf and 1e308 had ended a URL's import in OverflowError (a traceback); nan passed the
    # range check and made every URL fail.
    code, _, stderr = run(str(feed), "-o", str(tmp_path / "out"), "--timeout", seconds)
    assert code == 2 and "Invalid value for '--timeout'" in stderr
    assert "Traceback" not in stderr


def test_base_url_resolves_a_site_relative_feed_and_must_be_absolute(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(
        rss(
            "<item><title>Pi</title><link>/pi/</link>"
            "<pubDate>Sat, 02 Jan 2021 17:45:02 +0000</pubDate></item>",
            channel="<title>Site</title><link>/</link>",
        )
    )
    out = tmp_path / "out"
    code, _, stderr = run(str(feed), "-o", str(out), "--base-url", "https://site.example/")
    assert code == 0 and "no-link" not in stderr
    assert "webUrl: https://site.example/pi/" in (out / "pi.md").read_text("utf-8")
    for bad in ("/relative/", "ftp://site.example/", "javascript:alert(1)"):
        code, _, stderr = run(str(feed), "-o", str(tmp_path / "o2"), "--base-url", bad)
        assert code == 2 and "--base-url" in stderr, bad


_HUGE = "1" * 400
_HUGER = "1" * 5000  # beyond the digits Python turns into an int (4300)


def _jsonfeed(attachment: dict[str, object]) -> bytes:
    item = {
        "id": "https://jf.example/1",
        "url": "https://jf.example/1",
        "title": "One",
        "date_published": "2024-02-29T23:30:00Z",
        "attachments": [attachment],
    }
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]}).encode()


def _rss_enclosure(length: str) -> bytes:
    return rss(
        '<item><title>Ep</title><link>https://pod.example/1</link><enclosure url="'
        f'https://cdn.example/a.mp3" type="audio/mpeg" length="{length}"/></item>'
    )


def _rss_image(width: str) -> bytes:
    return rss(
        '<item><title>Ep</title><link>https://pod.example/1</link><media:content url="'
        f'https://cdn.example/a.jpg" medium="image" width="{width}" height="450"/></item>',
        namespaces=' xmlns:media="http://search.yahoo.com/mrss/"',
    )


@pytest.mark.parametrize(
    ("name", "data", "written"),
    [
        ("feed.xml", _rss_enclosure(_HUGE), "[Audio (MP3)](https://cdn.example/a.mp3)"),
        ("feed.xml", _rss_enclosure(_HUGER), "[Audio (MP3)](https://cdn.example/a.mp3)"),
        ("feed.xml", _rss_enclosure("10" + "0" * 15), "[Audio (MP3)](https://cdn.example/a.mp3)"),
        ("feed.xml", _rss_enclosure("10" + "0" * 14), "[Audio (MP3, 1000.0 TB)]"),
        (
            "feed.json",
            _jsonfeed({"url": "https://jf.example/a.mp3", "size_in_bytes": int(_HUGE)}),
            "[Audio (MP3)](https://jf.example/a.mp3)",
        ),
        (
            "feed.json",
            _jsonfeed({"url": "https://jf.example/a.mp3", "size_in_bytes": _HUGER}),
            "[Audio (MP3)](https://jf.example/a.mp3)",
        ),
        (
            "feed.json",
            _jsonfeed({"url": "https://jf.example/a.mp3", "size_in_bytes": 0}).replace(
                b'"size_in_bytes": 0', b'"size_in_bytes": ' + _HUGER.encode()
            ),
            "[Audio (MP3)](https://jf.example/a.mp3)",
        ),
        (
            "feed.xml",
            _rss_image(_HUGER),
            "images:\n- url: https://cdn.example/a.jpg\n  height: 450",
        ),
        ("feed.xml", _rss_image(_HUGE), "images:\n- url: https://cdn.example/a.jpg\n  height: 450"),
        (
            "feed.json",
            _jsonfeed(
                {"url": "https://jf.example/a.png", "mime_type": "image/png", "width": _HUGER}
            ),
            "images:\n- url: https://jf.example/a.png\n",
        ),
    ],
)
def test_absurd_sizes_are_unknown_and_the_records_are_written(
    name: str, data: bytes, written: str, tmp_path: Path
) -> None:
    source, out = tmp_path / name, tmp_path / "out"
    source.write_bytes(data)
    code, _, stderr = run(str(source), "-o", str(out))
    assert "1 written" in stderr and "Traceback" not in stderr
    assert code in (0, 1)
    (record,) = out.iterdir()
    text = record.read_text("utf-8")
    assert written in text and "width" not in text
